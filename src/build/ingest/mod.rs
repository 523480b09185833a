//! Reading inputs: files and folders of `.txt`, `.md`, `.html` and `.jsonl`.
//! (First cut: plain text only, no cleaning. Being replaced by the full reader.)

use std::path::{Path, PathBuf};

use thiserror::Error;

use super::{Removal, SourceDocument, SourceSection};

#[derive(Debug, Error)]
pub enum IngestError {
    #[error("cannot read {path}: {source}; check that it exists and is readable")]
    Read { path: PathBuf, source: std::io::Error },
    #[error("no input files: give files or folders of .txt, .md, .html or .jsonl")]
    NoInputs,
}

#[derive(Clone, Debug, Default)]
pub struct IngestOptions {
    /// Keep ads, calls to action, repeated blocks and placeholder text.
    pub keep_boilerplate: bool,
}

/// What became of one input file.
#[derive(Debug)]
pub struct IngestedFile {
    pub path: PathBuf,
    pub outcome: Result<Vec<IngestedDocument>, String>,
}

#[derive(Debug)]
pub struct IngestedDocument {
    pub document: SourceDocument,
    pub removed: Vec<Removal>,
}

/// Called with (bytes read so far, total bytes) while reading, for a progress bar.
pub type ProgressFn<'a> = &'a dyn Fn(u64, u64);

pub fn ingest(inputs: &[PathBuf], _options: &IngestOptions, progress: ProgressFn) -> Result<Vec<IngestedFile>, IngestError> {
    let mut files = Vec::new();
    for input in inputs {
        collect_files(input, &mut files)?;
    }
    if files.is_empty() {
        return Err(IngestError::NoInputs);
    }
    let total: u64 = files.iter().filter_map(|f| f.metadata().ok()).map(|m| m.len()).sum();
    let mut done = 0;
    let mut out = Vec::new();
    for path in files {
        let text = std::fs::read_to_string(&path).map_err(|source| IngestError::Read { path: path.clone(), source })?;
        done += text.len() as u64;
        progress(done, total);
        let id = path.file_stem().map_or_else(String::new, |s| s.to_string_lossy().into_owned());
        let title = text.lines().next().unwrap_or("").trim().to_owned();
        let section = SourceSection { id: None, heading: None, text, is_faq: false };
        let document = SourceDocument { id, title, url: None, sections: vec![section], origin: path.clone() };
        out.push(IngestedFile { path, outcome: Ok(vec![IngestedDocument { document, removed: Vec::new() }]) });
    }
    Ok(out)
}

fn collect_files(input: &Path, files: &mut Vec<PathBuf>) -> Result<(), IngestError> {
    let meta = std::fs::metadata(input).map_err(|source| IngestError::Read { path: input.to_owned(), source })?;
    if meta.is_dir() {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(input)
            .map_err(|source| IngestError::Read { path: input.to_owned(), source })?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .collect();
        entries.sort();
        for entry in entries {
            collect_files(&entry, files)?;
        }
    } else {
        files.push(input.to_owned());
    }
    Ok(())
}
