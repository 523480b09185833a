//! Build time only: from a site's files to an index. Never compiled into the wasm.
//!
//! `ingest` reads and cleans the inputs into `SourceDocument`s and says what it did with
//! every file; `passages` cuts sections into passages of whole sentences; `lexicon` holds
//! the synonyms and question cues that travel in the index; `indexer` weighs every term
//! with the bm25 crate's model and fills the `IndexData` that the format writes.

pub mod indexer;
pub mod ingest;
pub mod lexicon;
pub mod passages;
pub mod pipeline;
pub mod report;
pub mod shards;

use std::path::PathBuf;

use serde::Serialize;

pub use indexer::{build_index, IndexOptions};
pub use pipeline::{build, BuildError, Built};
pub use report::{one_line, BuildReport, FileOutcome, FileReport, Removal, RemovalKind};
pub use shards::{write_index, IndexFiles, ShardOptions, Sharding};

/// A document as ingestion hands it over: clean text, in sections.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SourceDocument {
    /// Stable id: the record's `id` for JSONL, the file name without extension otherwise.
    pub id: String,
    pub title: String,
    pub url: Option<String>,
    pub sections: Vec<SourceSection>,
    /// The file it came from, for the build report.
    pub origin: PathBuf,
}

/// A heading and the text under it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SourceSection {
    /// The input's own section id (JSONL `sections[].id`), if it has one.
    pub id: Option<String>,
    pub heading: Option<String>,
    /// Clean plain text: paragraphs separated by a blank line, each list item on its own
    /// line starting with "- ". No markup, no entities, no boilerplate.
    pub text: String,
    /// The heading is a question from an FAQ, which the widget can offer as a suggestion.
    pub is_faq: bool,
}
