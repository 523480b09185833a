//! The whole build: ingest the inputs, index them, keep the suggestions the index really
//! answers, encode, and account for every input file in the report.

use std::path::PathBuf;

use thiserror::Error;

use super::indexer::{build_index, IndexOptions};
use super::ingest::{ingest, IngestError, IngestOptions, ProgressFn};
use super::report::{BuildReport, FileReport};
use super::shards::{write_index, IndexFiles};
use crate::analysis::Analyzer;
use crate::index::{encode, IndexData, Suggestion};
use crate::search::{AskOptions, Engine, EngineError};

/// How many suggested questions an index carries at most.
const MAX_SUGGESTIONS: usize = 12;
/// How many candidates are asked at most. Each question costs time in proportion to the
/// passages, so a page of 40,000 FAQ entries, none answered, would be asked 40,000 times.
const MAX_SUGGESTIONS_TRIED: usize = 256;

#[derive(Debug, Error)]
pub enum BuildError {
    #[error(transparent)]
    Ingest(#[from] IngestError),
    #[error("nothing to index: every input file was skipped (see the report above)")]
    NothingIndexed,
    #[error("the index just written does not read back ({0}); this is a bug in qa-widget, please report it")]
    Verify(#[from] EngineError),
}

pub struct Built {
    /// What `Engine::from_bytes` reads: the index in one file, or a sharded index's root
    /// followed by all its shards (a bundle).
    pub bytes: Vec<u8>,
    /// The files to write: one, or a root and its shards.
    pub files: IndexFiles,
    pub report: BuildReport,
}

pub fn build(
    inputs: &[PathBuf],
    ingest_options: &IngestOptions,
    index_options: &IndexOptions,
    progress: ProgressFn,
) -> Result<Built, BuildError> {
    let files = ingest(inputs, ingest_options, progress)?;
    let documents: Vec<_> = files
        .iter()
        .filter_map(|f| f.outcome.as_ref().ok())
        .flatten()
        .map(|d| d.document.clone())
        .collect();
    if documents.is_empty() {
        return Err(BuildError::NothingIndexed);
    }
    let built = build_index(&documents, index_options);
    let mut data = built.data;
    let candidates = std::mem::take(&mut data.suggestions);
    data.suggestions = answerable_suggestions(&data, &candidates)?;
    let analyzer = Analyzer::builtin(index_options.language);
    let index_files = write_index(&data, &analyzer, &index_options.shards, &index_options.shards.stem);
    let bytes = index_files.bundle();
    // What was written must read back whole: every shard checked against its root.
    crate::index::decode(&bytes).map_err(EngineError::Format)?;

    let mut passage_counts = built.passages_per_document.into_iter();
    let mut report = BuildReport {
        documents: data.documents.len(),
        passages: data.passages.len(),
        terms: data.terms.len(),
        index_bytes: index_files.total_bytes(),
        files: Vec::new(),
    };
    for file in files {
        report.files.push(FileReport::new(file, &mut passage_counts, index_options.max_passage_chars));
    }
    Ok(Built { bytes, files: index_files, report })
}

/// Asks the index each candidate question and keeps those it answers from the section
/// the question heads, so the widget never suggests a question it then fumbles.
fn answerable_suggestions(data: &IndexData, candidates: &[Suggestion]) -> Result<Vec<Suggestion>, EngineError> {
    let engine = Engine::from_bytes(&encode(data))?;
    let options = AskOptions { top: 1 };
    let kept = candidates
        .iter()
        .take(MAX_SUGGESTIONS_TRIED)
        .filter(|s| {
            let answer = engine.ask(&s.question, &options);
            let expected = data.passages.get(s.passage as usize).and_then(|p| p.heading.as_deref());
            answer.answered && answer.results.first().is_some_and(|r| r.source.section.as_deref() == expected)
        })
        .take(MAX_SUGGESTIONS)
        .cloned()
        .collect();
    Ok(kept)
}
