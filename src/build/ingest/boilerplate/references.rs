//! Reference lists. A citation is never an answer to a patient's question, and its author
//! names and journal titles match questions by accident ("Where can I park?" found
//! "Park, S.-P."), so a page's bibliography is not indexed. It is reported, not lost.

use super::super::blocks::Block;

/// Headings that introduce a bibliography.
const HEADINGS: &[&str] = &["references", "bibliography", "sources", "citations", "works cited", "literature", "further reading"];

/// Fewer citations than this in a row, without a heading, are not a list.
const MIN_UNHEADED_CITATIONS: usize = 3;

/// The index ranges of the blocks that form reference lists: a bibliography heading with
/// the citations under it, or a run of citation-shaped items without one.
pub(crate) fn reference_lists(blocks: &[Block]) -> Vec<std::ops::Range<usize>> {
    let mut lists = Vec::new();
    let mut i = 0;
    while i < blocks.len() {
        let headed = blocks[i].is_heading() && is_bibliography_heading(&blocks[i].text);
        let start = i;
        let mut end = if headed { i + 1 } else { i };
        while end < blocks.len() && !blocks[end].is_heading() && is_citation(&blocks[end].text) {
            end += 1;
        }
        let citations = end - start - usize::from(headed);
        if (headed && citations > 0) || citations >= MIN_UNHEADED_CITATIONS {
            lists.push(start..end);
            i = end;
        } else {
            i += 1;
        }
    }
    lists
}

fn is_bibliography_heading(text: &str) -> bool {
    let name = text.trim().trim_end_matches(':').to_lowercase();
    HEADINGS.contains(&name.as_str())
}

/// "Kangari, P., Talaei-Khozani, T. (2022). Mesenchymal stem cells … Stem Cell Research."
/// An author list or "et al", a bracketed year, and the full stops of a reference style.
fn is_citation(text: &str) -> bool {
    // Reference styles put the year in brackets or before a semicolon: "(2022)", "2019;12".
    let bytes = text.as_bytes();
    let has_year = bytes.windows(4).enumerate().any(|(i, w)| {
        let year = w.iter().all(u8::is_ascii_digit) && (w.starts_with(b"19") || w.starts_with(b"20"));
        let before = i.checked_sub(1).map(|j| bytes[j]);
        let after = bytes.get(i + 4).copied();
        year && (before == Some(b'(') || matches!(after, Some(b')' | b';')))
    });
    let initials = text.split_whitespace().filter(|w| is_initial(w)).count();
    let authors = text.contains(" et al") || text.contains(" & ") || initials >= 1;
    let stops = text.matches(". ").count();
    has_year && authors && stops >= 2
}

/// "P.," or "H.-M.," or "S." — an author's initial in a reference.
fn is_initial(word: &str) -> bool {
    let core = word.trim_end_matches([',', ';']);
    core.len() >= 2
        && core.ends_with('.')
        && core.split(['.', '-']).filter(|p| !p.is_empty()).all(|p| p.chars().count() == 1 && p.chars().all(char::is_uppercase))
}

#[cfg(test)]
mod tests {
    use super::*;

    const CITATION: &str = "Kangari, P., Talaei-Khozani, T., & Razmkhah, M. (2022). Mesenchymal stem cells: amazing remedies for bone and cartilage defects. Stem Cell Research & Therapy.";

    #[test]
    fn a_headed_bibliography_is_found_with_its_citations() {
        let blocks = vec![
            Block::paragraph("Stem cells may help."),
            Block::heading("References"),
            Block::list_item(CITATION),
            Block::list_item("Kim, E.-Y., Kim, H. S., Park, S.-P. (2021). Cell therapy in dermatitis. Stem Cell Research."),
            Block::heading("About us"),
        ];
        assert_eq!(reference_lists(&blocks), vec![1..4]);
    }

    #[test]
    fn three_citations_in_a_row_are_a_list_without_a_heading() {
        let blocks = vec![Block::list_item(CITATION), Block::list_item(CITATION), Block::list_item(CITATION)];
        assert_eq!(reference_lists(&blocks), vec![0..3]);
        assert!(reference_lists(&blocks[..2]).is_empty());
    }

    #[test]
    fn prose_that_mentions_a_study_is_not_a_citation() {
        for text in [
            "One recent study, published in the journal Spine in 2019, looked at 22 participants.",
            "A 2021 study indicated a pain reduction of up to 50% in patients treated with stem cell injections.",
            "Dr. J. Smith and Dr. K. Lee found that patients improved. It was 2020. Results vary.",
        ] {
            assert!(!is_citation(text), "{text}");
        }
        assert!(is_citation(CITATION));
    }
}
