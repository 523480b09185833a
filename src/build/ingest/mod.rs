//! Reading inputs: files and folders of `.txt`, `.md`, `.html` and `.jsonl`, cleaned into
//! `SourceDocument`s, with an account of every input file and of what cleaning removed.
//!
//! Each page goes: bytes → text (`files`) → garbled characters repaired (`mojibake`) →
//! blocks (`plaintext`, `html`, `markdown`) → boilerplate taken out (`boilerplate`, which
//! compares pages with each other, so it runs once every page is read) → sections
//! (`sections`) → title (`manifest`, else `title`). JSONL records (`jsonl`) are structured
//! already: only their markup and characters are cleaned.
//!
//! A file that cannot be used is not an error: it is reported as skipped, with the reason.
//! Only what stops the whole build (an input path that does not exist) is an `IngestError`.

mod blocks;
mod boilerplate;
mod files;
mod html;
mod jsonl;
mod manifest;
mod markdown;
mod mojibake;
mod plaintext;
mod removals;
mod sections;
mod title;

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use thiserror::Error;

use super::{Removal, RemovalKind, SourceDocument};
use blocks::Page;
use boilerplate::Repetition;
use files::{Format, InputFile};
use manifest::Manifests;
use removals::RemovalLog;

/// How many bad JSONL lines of one file the report lists one by one.
const MAX_BAD_LINES_LISTED: usize = 20;

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

/// A file read so far: finished, or a page waiting for the build-wide cleaning.
enum Read {
    Done(IngestedFile),
    Page { file: InputFile, page: Page, log: RemovalLog },
}

pub fn ingest(
    inputs: &[PathBuf],
    options: &IngestOptions,
    progress: ProgressFn,
) -> Result<Vec<IngestedFile>, IngestError> {
    let files = files::collect(inputs)?;
    if files.is_empty() {
        return Err(IngestError::NoInputs);
    }
    let readable =
        |f: &&InputFile| !matches!(f.format, Format::Manifest | Format::Unsupported(_) | Format::Unreadable(_));
    let total: u64 = files.iter().filter(readable).map(|f| f.size).sum();
    let mut done = 0;
    let mut manifests = Manifests::default();
    let mut read = Vec::with_capacity(files.len());
    for file in files {
        let skipped = |reason: String| Read::Done(IngestedFile { path: file.path.clone(), outcome: Err(reason) });
        match &file.format {
            Format::Manifest => read.push(skipped(manifests.describe(&file.path))),
            Format::Unsupported(extension) => read.push(skipped(unsupported(extension))),
            Format::Unreadable(error) => {
                read.push(skipped(format!("cannot be read ({error}); check that it exists and is readable")))
            }
            format => {
                let bytes = files::read(&file.path, &mut |n| {
                    done += n;
                    progress(done, total);
                });
                match bytes {
                    Err(error) => read.push(skipped(format!("cannot be read ({error}); check that it is readable"))),
                    Ok(bytes) => {
                        let text = files::decode(&bytes, format);
                        drop(bytes);
                        read.extend(read_text(file, &text));
                    }
                }
            }
        }
    }

    let repetition = if options.keep_boilerplate {
        Repetition::default()
    } else {
        Repetition::count(read.iter().filter_map(|r| match r {
            Read::Page { page, .. } => Some(&page.blocks[..]),
            Read::Done(_) => None,
        }))
    };
    let mut ids = HashSet::new();
    let mut out = Vec::with_capacity(read.len());
    for item in read {
        out.push(match item {
            Read::Done(file) => file,
            Read::Page { file, page, log } => {
                finish_page(file, page, log, options, &repetition, &mut manifests, &mut ids)
            }
        });
    }
    Ok(out)
}

/// Reads one file's text: a page waiting for cleaning, or a JSONL file's documents and
/// its bad lines.
fn read_text(file: InputFile, text: &str) -> Vec<Read> {
    let mut log = RemovalLog::default();
    let page = match file.format {
        Format::Jsonl => return jsonl_outcomes(&file.path, text),
        Format::Text => {
            let text = mojibake::repair(text, &mut log);
            Page { blocks: plaintext::read_plain_text(&text, &mut log), ..Page::default() }
        }
        Format::Markdown => markdown::read_markdown(&mojibake::repair(text, &mut log)),
        Format::Html => {
            let read = html::read_document(&mojibake::repair(text, &mut log));
            for dropped in read.dropped.iter().filter(|d| is_reported_furniture(d)) {
                log.record(RemovalKind::PageChrome, &format!("{} {}", dropped.tag, dropped.text));
            }
            read.page
        }
        Format::Manifest | Format::Unsupported(_) | Format::Unreadable(_) => Page::default(),
    };
    vec![Read::Page { file, page, log }]
}

/// Furniture worth showing in the report: what had visible text (a menu, a footer), not
/// scripts, styles or images, which are never content.
fn is_reported_furniture(dropped: &html::Dropped) -> bool {
    const CODE: &[&str] = &["script", "style", "head", "svg", "noscript", "template", "math", "img", "picture"];
    blocks::has_words(&dropped.text) && !CODE.contains(&dropped.name.as_str())
}

fn jsonl_outcomes(path: &Path, text: &str) -> Vec<Read> {
    let read = jsonl::read_jsonl(text, path);
    let mut out = vec![Read::Done(IngestedFile {
        path: path.to_owned(),
        outcome: if read.documents.is_empty() {
            Err(format!("no valid records in its {} non-empty lines (see below)", read.bad_lines.len()))
        } else {
            Ok(read.documents)
        },
    })];
    // Each bad line is accounted for as a skipped input of its own, "file.jsonl:17".
    for (line, reason) in read.bad_lines.iter().take(MAX_BAD_LINES_LISTED) {
        out.push(Read::Done(IngestedFile {
            path: PathBuf::from(format!("{}:{line}", path.display())),
            outcome: Err(format!("bad line skipped, the file's other records are indexed: {reason}")),
        }));
    }
    if read.bad_lines.len() > MAX_BAD_LINES_LISTED {
        let more = read.bad_lines.len() - MAX_BAD_LINES_LISTED;
        out.push(Read::Done(IngestedFile {
            path: PathBuf::from(format!("{}:…", path.display())),
            outcome: Err(format!("{more} more bad lines skipped")),
        }));
    }
    out
}

fn finish_page(
    file: InputFile,
    page: Page,
    mut log: RemovalLog,
    options: &IngestOptions,
    repetition: &Repetition,
    manifests: &mut Manifests,
    ids: &mut HashSet<String>,
) -> IngestedFile {
    let blocks =
        if options.keep_boilerplate { page.blocks } else { boilerplate::clean(page.blocks, repetition, &mut log) };
    let sections = sections::assemble(&blocks);
    if sections.is_empty() {
        let reason = if log.is_empty() {
            "no text in it".to_owned()
        } else {
            format!(
                "no text left after cleaning (removed: {}); if that was real content, build with --keep-boilerplate",
                log.summary()
            )
        };
        return IngestedFile { path: file.path, outcome: Err(reason) };
    }
    let entry = manifests.entry_for(&file.path, &file.root).unwrap_or_default();
    let title = entry
        .title
        .map(|t| blocks::tidy(&t, false))
        .filter(|t| !t.is_empty())
        .or(page.title)
        .or_else(|| title::from_blocks(&blocks))
        .unwrap_or_else(|| title::from_file_name(&file.path));
    let url = entry.url.filter(|u| !u.trim().is_empty()).or(page.url);
    let document = SourceDocument { id: unique_id(&file, ids), title, url, sections, origin: file.path.clone() };
    IngestedFile { path: file.path, outcome: Ok(vec![IngestedDocument { document, removed: log.into_removals() }]) }
}

/// The file name without extension; where two files share one, the path below the input
/// folder.
fn unique_id(file: &InputFile, ids: &mut HashSet<String>) -> String {
    let stem = file.path.file_stem().map_or_else(String::new, |s| s.to_string_lossy().into_owned());
    let mut id = stem.clone();
    if ids.contains(&id) {
        let relative = file.path.strip_prefix(&file.root).unwrap_or(&file.path).with_extension("");
        id = relative.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/");
    }
    let mut n = 2;
    let base = id.clone();
    while ids.contains(&id) {
        id = format!("{base}-{n}");
        n += 1;
    }
    ids.insert(id.clone());
    id
}

fn unsupported(extension: &str) -> String {
    let what =
        if extension.is_empty() { "a file without an extension".to_owned() } else { format!("a .{extension} file") };
    format!("{what}: qa-widget reads .txt, .md, .html, .htm and .jsonl (convert it, or leave it out)")
}
