//! Cutting sections into passages: the unit that is ranked and quoted. A passage holds
//! whole sentences of one section, keeps the section's heading, and stays near a bounded
//! length so that its score is about one thing.

use super::SourceDocument;
use crate::text::sentence_spans;

#[derive(Clone, Debug, PartialEq)]
pub struct PassageDraft {
    pub heading: Option<String>,
    pub section_id: Option<String>,
    pub text: String,
}

pub fn split_document(document: &SourceDocument, max_chars: usize) -> Vec<PassageDraft> {
    let mut passages = Vec::new();
    for section in &document.sections {
        for text in split_text(&section.text, max_chars) {
            passages.push(PassageDraft { heading: section.heading.clone(), section_id: section.id.clone(), text });
        }
    }
    passages
}

/// Packs paragraphs into chunks of at most `max_chars`, splitting a paragraph that is too
/// long between sentences. A single sentence longer than the bound stays whole. A short
/// last chunk joins the one before when that stays near the bound.
pub fn split_text(text: &str, max_chars: usize) -> Vec<String> {
    let mut pieces: Vec<&str> = Vec::new();
    for paragraph in text.split("\n\n").map(str::trim).filter(|p| !p.is_empty()) {
        if chars(paragraph) <= max_chars {
            pieces.push(paragraph);
        } else {
            pieces.extend(split_paragraph(paragraph, max_chars));
        }
    }
    let mut chunks: Vec<String> = Vec::new();
    for piece in pieces {
        match chunks.last_mut() {
            Some(current) if chars(current) + 2 + chars(piece) <= max_chars => {
                current.push_str("\n\n");
                current.push_str(piece);
            }
            _ => chunks.push(piece.to_owned()),
        }
    }
    if chunks.len() >= 2 {
        let last = chunks.len() - 1;
        if chars(&chunks[last]) < max_chars / 4 && chars(&chunks[last - 1]) + chars(&chunks[last]) <= max_chars * 5 / 4 {
            let tail = chunks.remove(last);
            chunks[last - 1].push_str("\n\n");
            chunks[last - 1].push_str(&tail);
        }
    }
    chunks
}

/// Runs of whole sentences, each a slice of the paragraph as written.
fn split_paragraph(paragraph: &str, max_chars: usize) -> Vec<&str> {
    let mut runs = Vec::new();
    let mut run: Option<(usize, usize)> = None;
    for sentence in sentence_spans(paragraph) {
        run = match run {
            Some((start, end)) if chars(&paragraph[start..sentence.end]) > max_chars => {
                runs.push(&paragraph[start..end]);
                Some((sentence.start, sentence.end))
            }
            Some((start, _)) => Some((start, sentence.end)),
            None => Some((sentence.start, sentence.end)),
        };
    }
    if let Some((start, end)) = run {
        runs.push(&paragraph[start..end]);
    }
    runs
}

fn chars(text: &str) -> usize {
    text.chars().count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_text_is_one_passage() {
        assert_eq!(split_text("One. Two.\n\nThree.", 100), ["One. Two.\n\nThree."]);
    }

    #[test]
    fn packs_paragraphs_up_to_the_bound() {
        let text = format!("{}\n\n{}\n\n{}", "a".repeat(40), "b".repeat(40), "c".repeat(40));
        let chunks = split_text(&text, 90);
        assert_eq!(chunks.len(), 2);
        assert!(chunks[0].starts_with('a') && chunks[0].ends_with('b'));
        assert!(chunks.iter().all(|c| c.chars().count() <= 90));
    }

    #[test]
    fn splits_a_long_paragraph_between_whole_sentences() {
        let sentence = "Stem cells may repair damaged discs in the spine.";
        let paragraph = [sentence; 6].join(" ");
        let chunks = split_text(&paragraph, 120);
        assert!(chunks.len() >= 2);
        for chunk in &chunks {
            assert!(chunk.chars().count() <= 120, "{chunk}");
            assert!(chunk.ends_with('.') && chunk.starts_with("Stem"), "{chunk}");
        }
        assert_eq!(chunks.join(" ").replace('\n', " "), paragraph);
    }

    #[test]
    fn keeps_list_items_on_their_own_lines() {
        let text = format!("Sources:\n- Bone marrow\n- Adipose tissue\n{}", "More text here. ".repeat(8));
        let chunks = split_text(text.trim(), 100);
        assert!(chunks[0].starts_with("Sources:\n- Bone marrow\n- Adipose tissue"), "{chunks:?}");
    }

    #[test]
    fn a_tiny_tail_joins_the_chunk_before() {
        let text = format!("{}\n\n{}\n\nEnd.", "a".repeat(60), "b".repeat(60));
        let chunks = split_text(&text, 100);
        assert_eq!(chunks.len(), 2);
        assert!(chunks[1].ends_with("End."));
    }
}
