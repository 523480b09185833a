//! Cutting sections into passages: the unit that is ranked and quoted. A passage holds
//! whole sentences of one section, keeps the section's heading, and stays near a bounded
//! length so that its score is about one thing.
//!
//! A sentence longer than a passage may be (a run-on text with no full stop, a table
//! flattened to one line) is cut: at the last clause boundary (`;`, `:`, `,`, a dash, a
//! closing bracket) that fits, else at the last space, else between characters. The
//! build report counts those cuts (`long_sentences`), so the site owner can look.

use super::SourceDocument;
use crate::text::sentence_spans;

/// No passage is ever longer than this, whatever `--max-passage-chars` asks: the widget
/// shows a passage whole, and a longer one is a page, not an answer.
pub const PASSAGE_CHARS_LIMIT: usize = 4_000;

/// A cut piece of a run-on sentence is at least this share of the bound, so that a comma
/// near the start does not leave a sliver.
const MIN_PIECE_SHARE: usize = 2;

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

/// How many sentences of the document are longer than `max_chars` and are cut to fit.
pub fn long_sentences(document: &SourceDocument, max_chars: usize) -> usize {
    let max_chars = bound(max_chars);
    document
        .sections
        .iter()
        .flat_map(|section| sentence_spans(&section.text).into_iter().map(move |span| &section.text[span]))
        .filter(|sentence| exceeds(sentence, max_chars))
        .count()
}

/// Packs paragraphs into chunks of at most `max_chars`, splitting a paragraph that is too
/// long between sentences, and a sentence that is too long at clauses or words. A short
/// last chunk joins the one before when that stays within a quarter more than the bound
/// (and within `PASSAGE_CHARS_LIMIT`): the one slack a passage has.
pub fn split_text(text: &str, max_chars: usize) -> Vec<String> {
    let max_chars = bound(max_chars);
    let mut pieces: Vec<&str> = Vec::new();
    for paragraph in text.split("\n\n").map(str::trim).filter(|p| !p.is_empty()) {
        if !exceeds(paragraph, max_chars) {
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
        let joined = chars(&chunks[last - 1]) + 2 + chars(&chunks[last]);
        if chars(&chunks[last]) < max_chars / 4 && joined <= (max_chars * 5 / 4).min(PASSAGE_CHARS_LIMIT) {
            let tail = chunks.remove(last);
            chunks[last - 1].push_str("\n\n");
            chunks[last - 1].push_str(&tail);
        }
    }
    chunks
}

fn bound(max_chars: usize) -> usize {
    max_chars.clamp(1, PASSAGE_CHARS_LIMIT)
}

/// Whether `text` has more than `max_chars` characters, without counting all of a long one.
fn exceeds(text: &str, max_chars: usize) -> bool {
    text.len() > max_chars && text.char_indices().nth(max_chars).is_some()
}

/// Runs of whole sentences (or of the pieces of a cut one), each a slice of the paragraph
/// as written.
fn split_paragraph(paragraph: &str, max_chars: usize) -> Vec<&str> {
    let mut runs = Vec::new();
    let mut run: Option<(usize, usize)> = None;
    let mut units = Vec::new();
    for sentence in sentence_spans(paragraph) {
        if exceeds(&paragraph[sentence.clone()], max_chars) {
            units.extend(cut_sentence(paragraph, sentence, max_chars));
        } else {
            units.push(sentence);
        }
    }
    for unit in units {
        run = match run {
            Some((start, end)) if exceeds(&paragraph[start..unit.end], max_chars) => {
                runs.push(&paragraph[start..end]);
                Some((unit.start, unit.end))
            }
            Some((start, _)) => Some((start, unit.end)),
            None => Some((unit.start, unit.end)),
        };
    }
    if let Some((start, end)) = run {
        runs.push(&paragraph[start..end]);
    }
    runs
}

/// A sentence longer than `max_chars` as pieces of at most `max_chars`: each ends at the
/// last clause boundary that fits, else the last space, else the last character that fits.
fn cut_sentence(text: &str, sentence: std::ops::Range<usize>, max_chars: usize) -> Vec<std::ops::Range<usize>> {
    let mut pieces = Vec::new();
    let mut start = sentence.start;
    while exceeds(&text[start..sentence.end], max_chars) {
        let rest = &text[start..sentence.end];
        // The byte offset just past the `max_chars`-th character: the piece ends before it.
        let limit = rest.char_indices().nth(max_chars).map_or(rest.len(), |(at, _)| at);
        let window = &rest[..limit];
        let shortest = window.char_indices().nth(max_chars / MIN_PIECE_SHARE).map_or(0, |(at, _)| at);
        let end = clause_end(window, shortest)
            .or_else(|| window[shortest..].rfind(char::is_whitespace).map(|at| shortest + at))
            .filter(|&end| end > 0)
            .unwrap_or(limit);
        let piece = rest[..end].trim_end();
        if !piece.is_empty() {
            pieces.push(start..start + piece.len());
        }
        let skipped = rest[end..].len() - rest[end..].trim_start().len();
        start += end + skipped;
    }
    if start < sentence.end {
        pieces.push(start..sentence.end);
    }
    pieces
}

/// Just past the last clause boundary in `window` at or after `from`: a `;`, `:`, `,` or
/// closing bracket followed by a space, or a space before a dash.
fn clause_end(window: &str, from: usize) -> Option<usize> {
    let bytes = window.as_bytes();
    // Only ASCII bytes are tested, and they never occur inside a longer character.
    (from..window.len()).rev().find_map(|at| match bytes[at] {
        b';' | b':' | b',' | b')' if bytes.get(at + 1).is_some_and(u8::is_ascii_whitespace) => Some(at + 1),
        b' ' if window[at + 1..].starts_with(['–', '—']) => Some(at),
        _ => None,
    })
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

    #[test]
    fn a_run_on_sentence_is_cut_at_clauses_then_words() {
        let clauses = "the pain may spread to the leg, it may come and go; it can be worse at night".repeat(5);
        let chunks = split_text(&clauses, 100);
        assert!(chunks.len() > 3, "{chunks:?}");
        for chunk in &chunks[..chunks.len() - 1] {
            assert!(chunk.chars().count() <= 100, "{chunk}");
            assert!(chunk.ends_with([',', ';']), "cut at a clause: {chunk:?}");
        }
        let words = "word ".repeat(1_000);
        let chunks = split_text(words.trim(), 100);
        assert!(chunks.iter().all(|c| c.chars().count() <= 100 && c.starts_with('w') && c.ends_with('d')), "{chunks:?}");
        assert_eq!(chunks.join(" "), words.trim());
    }

    #[test]
    fn text_without_spaces_is_cut_between_characters() {
        let blob = "é".repeat(10_000);
        let chunks = split_text(&blob, 900);
        // The last, short piece joins the one before: the quarter of slack every passage has.
        assert!(chunks.iter().all(|c| c.chars().count() <= 900 * 5 / 4), "{:?}", chunks.iter().map(|c| c.len()).collect::<Vec<_>>());
        assert_eq!(chunks.concat().replace("\n\n", ""), blob);
    }

    #[test]
    fn no_passage_is_longer_than_the_limit_whatever_is_asked() {
        let words = "word ".repeat(10_000);
        let chunks = split_text(&words, 1_000_000);
        assert!(chunks.len() >= 12);
        assert!(chunks.iter().all(|c| c.chars().count() <= PASSAGE_CHARS_LIMIT));
    }

    #[test]
    fn long_sentences_are_counted_for_the_report() {
        let section = crate::build::SourceSection {
            id: None,
            heading: None,
            text: format!("Short. {}\n\n{}", "a b ".repeat(300), "c d ".repeat(300)),
            is_faq: false,
        };
        let document = SourceDocument {
            id: "x".into(),
            title: "X".into(),
            url: None,
            sections: vec![section],
            origin: Default::default(),
        };
        assert_eq!(long_sentences(&document, 900), 2);
        assert_eq!(long_sentences(&document, 2_000), 0);
    }
}
