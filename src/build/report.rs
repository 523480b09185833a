//! The build report: what happened to every input file and, per document, what cleaning
//! removed and why, so a clinic can check that nothing real was dropped.

use serde::Serialize;

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
        }
    }
}
