//! The build report: what happened to every input file and, per document, what cleaning
//! removed and why, so a clinic can check that nothing real was dropped.

use serde::Serialize;

use super::ingest::{IngestedDocument, IngestedFile};
use super::passages::{long_sentences, PASSAGE_CHARS_LIMIT};

#[derive(Clone, Debug, Default, Serialize)]
pub struct BuildReport {
    pub files: Vec<FileReport>,
    pub documents: usize,
    pub passages: usize,
    pub terms: usize,
    pub index_bytes: usize,
}

#[derive(Clone, Debug, Serialize)]
pub struct FileReport {
    pub path: String,
    pub outcome: FileOutcome,
    /// Per document of this file (one for a page, many for a JSONL file).
    pub documents: Vec<DocumentReport>,
    /// How the file was read, when that needs saying ("read as UTF-16LE (it has no byte
    /// order mark)").
    pub notes: Vec<String>,
}

impl FileReport {
    /// The report of one ingested file, its documents taking their passage counts from
    /// `passage_counts` in order.
    pub fn new(
        file: IngestedFile,
        passage_counts: &mut impl Iterator<Item = usize>,
        max_passage_chars: usize,
    ) -> FileReport {
        let path = file.path.display().to_string();
        let (outcome, documents) = match file.outcome {
            Err(reason) => (FileOutcome::Skipped { reason }, Vec::new()),
            Ok(ingested) => {
                let documents: Vec<DocumentReport> = ingested
                    .into_iter()
                    .map(|d| DocumentReport::new(d, passage_counts.next().unwrap_or(0), max_passage_chars))
                    .collect();
                let passages = documents.iter().map(|d| d.passages).sum();
                (FileOutcome::Indexed { documents: documents.len(), passages }, documents)
            }
        };
        FileReport { path, outcome, documents, notes: file.notes }
    }
}

#[derive(Clone, Debug, Serialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum FileOutcome {
    Indexed { documents: usize, passages: usize },
    Skipped { reason: String },
}

#[derive(Clone, Debug, Serialize)]
pub struct DocumentReport {
    pub id: String,
    pub title: String,
    pub passages: usize,
    pub removed: Vec<Removal>,
}

impl DocumentReport {
    /// The report of a document indexed into `passages` passages of at most
    /// `max_passage_chars`: what cleaning did, and the sentences cut to fit a passage.
    pub fn new(ingested: IngestedDocument, passages: usize, max_passage_chars: usize) -> DocumentReport {
        let mut removed = ingested.removed;
        let cut = long_sentences(&ingested.document, max_passage_chars);
        if cut > 0 {
            let max = max_passage_chars.min(PASSAGE_CHARS_LIMIT);
            let sample = if max < PASSAGE_CHARS_LIMIT {
                format!(
                    "longer than {max} characters, cut at clauses or words \
                     (--max-passage-chars up to {PASSAGE_CHARS_LIMIT} keeps more whole)"
                )
            } else {
                format!("longer than {max} characters, the most a passage holds, cut at clauses or words")
            };
            removed.push(Removal { kind: RemovalKind::LongSentenceCut, sample, count: cut });
        }
        DocumentReport { id: ingested.document.id, title: ingested.document.title, passages, removed }
    }
}

/// `text` on one line of a terminal: line breaks and other control characters written as
/// escapes, so that a file named "a\nb.txt" cannot break the report's lines or send
/// escape sequences to the terminal.
pub fn one_line(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() || breaks_a_line(c) => out.push_str(&c.escape_unicode().to_string()),
            c => out.push(c),
        }
    }
    out
}

/// Line and paragraph separators, and the bidirectional overrides that reorder a line.
fn breaks_a_line(c: char) -> bool {
    matches!(c, '\u{2028}' | '\u{2029}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// One thing cleaning took out or changed.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Removal {
    pub kind: RemovalKind,
    /// The start of what was removed, so a person can recognise it.
    pub sample: String,
    /// How many times it occurred in this document.
    pub count: usize,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RemovalKind {
    /// A block that repeats within or across documents (navigation, banners, ads).
    RepeatedBlock,
    /// "Learn more →", "Leave a Reply", "Read on", "watch the video below".
    CallToAction,
    /// Advertising and sponsored offers.
    Advertising,
    /// Lorem ipsum and other placeholder text.
    Placeholder,
    /// HTML tags, images and scripts left in plain text.
    Markup,
    /// Garbled characters that were repaired (not removed).
    MojibakeRepaired,
    /// Bylines, author boxes, "You may also like".
    PageChrome,
    /// Elements nested past the parser's limit: their tags were ignored, their text kept.
    DeepNesting,
    /// A sentence longer than a passage may be, cut at clause or word boundaries.
    LongSentenceCut,
    /// Bytes that are not text in the file's encoding, left out.
    InvalidBytes,
    /// An id an earlier document already has: this one was given a suffix.
    DuplicateId,
}

impl RemovalKind {
    pub fn describe(self) -> &'static str {
        match self {
            RemovalKind::RepeatedBlock => "repeated block",
            RemovalKind::CallToAction => "call to action",
            RemovalKind::Advertising => "advertising",
            RemovalKind::Placeholder => "placeholder text",
            RemovalKind::Markup => "markup",
            RemovalKind::MojibakeRepaired => "garbled characters",
            RemovalKind::PageChrome => "page chrome",
            RemovalKind::DeepNesting => "deep nesting",
            RemovalKind::LongSentenceCut => "run-on sentence",
            RemovalKind::InvalidBytes => "bytes that are not text",
            RemovalKind::DuplicateId => "duplicate id",
        }
    }

    /// What was done, for the report's line: most kinds are removed; some are changed.
    pub fn verb(self) -> &'static str {
        match self {
            RemovalKind::MojibakeRepaired => "repaired",
            RemovalKind::DeepNesting => "flattened",
            RemovalKind::LongSentenceCut => "cut",
            RemovalKind::InvalidBytes => "dropped",
            RemovalKind::DuplicateId => "renamed",
            _ => "removed",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_line_escapes_what_would_break_a_terminal_line() {
        assert_eq!(one_line("a\nb\tc.txt"), "a\\nb\\tc.txt");
        assert_eq!(one_line("\u{1b}[31mred"), "\\u{1b}[31mred");
        assert_eq!(one_line("café › page"), "café › page");
    }
}
