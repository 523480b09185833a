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
mod nesting;
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
use files::{Format, InputFile, ReadError};
use manifest::Manifests;
use removals::RemovalLog;

pub use nesting::MAX_NESTING;

/// How many bad JSONL lines of one file the report lists one by one.
const MAX_BAD_LINES_LISTED: usize = 20;
/// `--max-file-size`'s default: far above any page, and above MedQuAD's 25 MB JSONL.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 64_000_000;

#[derive(Debug, Error)]
pub enum IngestError {
    #[error("cannot read {path}: {source}; check that it exists and is readable")]
    Read { path: PathBuf, source: std::io::Error },
    #[error("no input files: give files or folders of .txt, .md, .html or .jsonl")]
    NoInputs,
}

#[derive(Clone, Debug)]
pub struct IngestOptions {
    /// Keep ads, calls to action, repeated blocks and placeholder text.
    pub keep_boilerplate: bool,
    /// Files larger than this many bytes are skipped, with the reason.
    pub max_file_size: u64,
    /// Keep every removed text whole in `IngestedDocument::removed_text`, to audit the
    /// cleaning (the report shows only the start of each).
    pub keep_removed_text: bool,
}

impl Default for IngestOptions {
    fn default() -> IngestOptions {
        IngestOptions { keep_boilerplate: false, max_file_size: DEFAULT_MAX_FILE_SIZE, keep_removed_text: false }
    }
}

/// What became of one input file.
#[derive(Debug)]
pub struct IngestedFile {
    pub path: PathBuf,
    pub outcome: Result<Vec<IngestedDocument>, String>,
    /// How it was read, when the report should say: "read as UTF-16LE (it has no byte
    /// order mark)", "3 bytes that are not UTF-8 left out".
    pub notes: Vec<String>,
}

#[derive(Debug)]
pub struct IngestedDocument {
    pub document: SourceDocument,
    pub removed: Vec<Removal>,
    /// Every removed text whole, when `IngestOptions::keep_removed_text` asks for it.
    pub removed_text: Vec<(RemovalKind, String)>,
}

/// Called with (bytes read so far, total bytes) while reading, for a progress bar.
pub type ProgressFn<'a> = &'a dyn Fn(u64, u64);

/// A file read so far: finished, or a page waiting for the build-wide cleaning.
enum Read {
    Done(IngestedFile),
    Page { file: InputFile, page: Page, log: RemovalLog, notes: Vec<String> },
}

impl IngestedFile {
    fn skipped(path: &Path, reason: String) -> IngestedFile {
        IngestedFile { path: path.to_owned(), outcome: Err(reason), notes: Vec::new() }
    }
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
    let readable = |f: &&InputFile| {
        matches!(f.format, Format::Text | Format::Markdown | Format::Html | Format::Jsonl)
            && f.size <= options.max_file_size
    };
    let total: u64 = files.iter().filter(readable).map(|f| f.size).sum();
    let mut done = 0;
    let mut manifests = Manifests::new(options.max_file_size);
    let mut read = Vec::with_capacity(files.len());
    for file in files {
        let skipped = |reason: String| Read::Done(IngestedFile::skipped(&file.path, reason));
        match &file.format {
            Format::Manifest => read.push(skipped(manifests.describe(&file.path))),
            Format::Unsupported(extension) => read.push(skipped(unsupported(extension))),
            Format::Unreadable(error) => {
                read.push(skipped(format!("cannot be read ({error}); check that it exists and is readable")))
            }
            Format::NotRegular(kind) => read.push(skipped(format!(
                "{kind}, not a regular file: only regular files are read, as it might never end"
            ))),
            format => {
                if let Some(reason) = files::too_large(file.size, options.max_file_size) {
                    read.push(skipped(reason));
                    continue;
                }
                let bytes = files::read(&file.path, options.max_file_size, &mut |n| {
                    done += n;
                    progress(done, total);
                });
                match bytes {
                    Err(ReadError::Io(error)) => {
                        read.push(skipped(format!("cannot be read ({error}); check that it is readable")))
                    }
                    Err(ReadError::TooLarge(reason)) => read.push(skipped(reason)),
                    Ok(bytes) => match files::decode(&bytes, format) {
                        Err(reason) => read.push(skipped(reason)),
                        Ok(decoded) => {
                            drop(bytes);
                            read.extend(read_text(file, decoded, options));
                        }
                    },
                }
            }
        }
    }

    Ok(finish(read, options, &mut manifests))
}

/// Pages held in memory, read and cleaned as `ingest` reads files of the same names (the
/// extension chooses the reader); a `manifest.json` among them gives titles and URLs to
/// the pages of its folder. Nothing is read from disk. For tools that hold pages in memory,
/// and for the fuzzer (`fuzz/`), which feeds every reader bytes.
pub fn ingest_in_memory(pages: &[(&Path, &[u8])], options: &IngestOptions) -> Vec<IngestedFile> {
    let mut manifests = Manifests::in_memory(options.max_file_size, pages.iter().map(|(path, _)| path.to_path_buf()));
    for (path, bytes) in pages.iter().filter(|(path, _)| files::format_of(path) == Format::Manifest) {
        manifests.insert(path.parent().unwrap_or(Path::new("")), bytes);
    }
    let mut read = Vec::with_capacity(pages.len());
    for &(path, bytes) in pages {
        let root = path.parent().map(Path::to_path_buf).unwrap_or_default();
        let format = files::format_of(path);
        let file = InputFile { path: path.to_owned(), root, format, size: bytes.len() as u64 };
        let skipped = |reason: String| Read::Done(IngestedFile::skipped(path, reason));
        match &file.format {
            Format::Manifest => read.push(skipped(manifests.describe(path))),
            Format::Unsupported(extension) => read.push(skipped(unsupported(extension))),
            Format::Unreadable(_) | Format::NotRegular(_) => {}
            format => match files::too_large(file.size, options.max_file_size) {
                Some(reason) => read.push(skipped(reason)),
                None => match files::decode(bytes, format) {
                    Err(reason) => read.push(skipped(reason)),
                    Ok(decoded) => read.extend(read_text(file, decoded, options)),
                },
            },
        }
    }
    finish(read, options, &mut manifests)
}

/// The build-wide cleaning (blocks repeated across pages), then each page's sections,
/// title and unique id.
fn finish(read: Vec<Read>, options: &IngestOptions, manifests: &mut Manifests) -> Vec<IngestedFile> {
    let repetition = if options.keep_boilerplate {
        Repetition::default()
    } else {
        Repetition::count(read.iter().filter_map(|r| match r {
            Read::Page { page, .. } => Some(&page.blocks[..]),
            Read::Done(_) => None,
        }))
    };
    let home_page = if options.keep_boilerplate { None } else { home_page(&read) };
    let mut ids = HashSet::new();
    let mut out = Vec::with_capacity(read.len());
    for item in read {
        out.push(match item {
            Read::Page { file, .. } if Some(file.path.as_path()) == home_page.as_deref() => IngestedFile::skipped(
                &file.path,
                "the site's home page: a landing page of links, the clinic's own news and offers, not answers; \
                 build with --keep-boilerplate to index it"
                    .to_owned(),
            ),
            Read::Done(mut file) => {
                for document in file.outcome.iter_mut().flatten() {
                    make_id_unique(document, &mut ids);
                }
                file
            }
            Read::Page { file, page, log, notes } => {
                let mut finished = finish_page(file, page, log, options, &repetition, manifests, &mut ids);
                finished.notes = notes;
                finished
            }
        });
    }
    out
}

/// The site's home page, when the pages are a site of several: the `index` page in the
/// folder that holds all the others. On a clinic's site it is the hero, the welcome, the
/// team, reviews and "find us", and its blocks only lead to the pages that answer (on the
/// question bank's twelve sites it held none of the answers and all four of the tune
/// part's shown chrome strings). Its blocks still count for what repeats across pages.
fn home_page(read: &[Read]) -> Option<PathBuf> {
    let pages: Vec<&Path> = read
        .iter()
        .filter_map(|r| match r {
            Read::Page { file, .. } => Some(file.path.as_path()),
            Read::Done(_) => None,
        })
        .collect();
    if pages.len() < 2 {
        return None;
    }
    let mut top = pages[0].parent()?.to_path_buf();
    for page in &pages[1..] {
        while !page.starts_with(&top) {
            top = top.parent()?.to_path_buf();
        }
    }
    let is_index = |page: &&&Path| {
        page.parent() == Some(top.as_path())
            && page.file_stem().is_some_and(|stem| stem.eq_ignore_ascii_case("index"))
    };
    pages.iter().find(is_index).map(|page| page.to_path_buf())
}

/// Gives a document whose id an earlier one has the first free "id-2", "id-3"…, and
/// says so in its report.
fn make_id_unique(document: &mut IngestedDocument, ids: &mut HashSet<String>) {
    let taken = document.document.id.clone();
    let id = free_id(&taken, ids);
    if id != taken {
        document.removed.push(Removal {
            kind: RemovalKind::DuplicateId,
            sample: format!("\"{taken}\" is an earlier document's id; this one is \"{id}\""),
            count: 1,
        });
        document.document.id = id;
    }
}

fn free_id(base: &str, ids: &mut HashSet<String>) -> String {
    let mut id = base.to_owned();
    let mut n = 2;
    while ids.contains(&id) {
        id = format!("{base}-{n}");
        n += 1;
    }
    ids.insert(id.clone());
    id
}

/// Reads one file's text: a page waiting for cleaning, or a JSONL file's documents and
/// its bad lines.
fn read_text(file: InputFile, decoded: files::Decoded, options: &IngestOptions) -> Vec<Read> {
    let files::Decoded { text, notes } = decoded;
    let mut log = RemovalLog::new(options.keep_removed_text);
    let page = match file.format {
        Format::Jsonl => {
            let mut outcomes = jsonl_outcomes(&file.path, &text);
            if let Some(Read::Done(first)) = outcomes.first_mut() {
                first.notes = notes;
            }
            return outcomes;
        }
        Format::Text => {
            let text = mojibake::repair(&text, &mut log);
            Page { blocks: plaintext::read_plain_text(&text, &mut log), ..Page::default() }
        }
        Format::Markdown => markdown::read_markdown(&mojibake::repair(&text, &mut log), &mut log),
        Format::Html => {
            let read = html::read_document(&mojibake::repair(&text, &mut log));
            log.record_flattened(read.flattened);
            for dropped in read.dropped.iter().filter(|d| is_reported_furniture(d)) {
                log.record(RemovalKind::PageChrome, &format!("{} {}", dropped.tag, dropped.text));
            }
            read.page
        }
        Format::Manifest | Format::Unsupported(_) | Format::Unreadable(_) | Format::NotRegular(_) => Page::default(),
    };
    vec![Read::Page { file, page, log, notes }]
}

/// Furniture worth showing in the report: what had visible text (a menu, a footer), not
/// scripts, styles or images, which are never content.
fn is_reported_furniture(dropped: &html::Dropped) -> bool {
    const CODE: &[&str] = &["script", "style", "head", "svg", "noscript", "template", "math", "img", "picture"];
    blocks::has_words(&dropped.text) && !CODE.contains(&dropped.name.as_str())
}

fn jsonl_outcomes(path: &Path, text: &str) -> Vec<Read> {
    let read = jsonl::read_jsonl(text, path);
    let outcome = if read.documents.is_empty() {
        Err(format!("no valid records in its {} non-empty lines (see below)", read.bad_lines.len()))
    } else {
        Ok(read.documents)
    };
    let mut out = vec![Read::Done(IngestedFile { path: path.to_owned(), outcome, notes: Vec::new() })];
    // Each bad line is accounted for as a skipped input of its own, "file.jsonl:17".
    for (line, reason) in read.bad_lines.iter().take(MAX_BAD_LINES_LISTED) {
        let line_path = PathBuf::from(format!("{}:{line}", path.display()));
        let reason = format!("bad line skipped, the file's other records are indexed: {reason}");
        out.push(Read::Done(IngestedFile::skipped(&line_path, reason)));
    }
    if read.bad_lines.len() > MAX_BAD_LINES_LISTED {
        let more = read.bad_lines.len() - MAX_BAD_LINES_LISTED;
        let rest = PathBuf::from(format!("{}:…", path.display()));
        out.push(Read::Done(IngestedFile::skipped(&rest, format!("{more} more bad lines skipped"))));
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
        return IngestedFile::skipped(&file.path, reason);
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
    let (id, renamed) = unique_id(&file, ids);
    if let Some(taken) = renamed {
        let sample = format!("\"{taken}\" is an earlier document's id; this one is \"{id}\"");
        log.record_sample(RemovalKind::DuplicateId, &sample, 1);
    }
    let document = SourceDocument { id, title, url, sections, origin: file.path.clone() };
    let (removed, removed_text) = log.into_parts();
    IngestedFile {
        path: file.path,
        outcome: Ok(vec![IngestedDocument { document, removed, removed_text }]),
        notes: Vec::new(),
    }
}

/// The file name without extension; where an earlier document has that id, the path below
/// the input folder (and the id it would have had, for the report).
fn unique_id(file: &InputFile, ids: &mut HashSet<String>) -> (String, Option<String>) {
    let stem = file.path.file_stem().map_or_else(String::new, |s| s.to_string_lossy().into_owned());
    if !ids.contains(&stem) {
        ids.insert(stem.clone());
        return (stem, None);
    }
    let relative = file.path.strip_prefix(&file.root).unwrap_or(&file.path).with_extension("");
    let path_id = relative.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/");
    (free_id(&path_id, ids), Some(stem))
}

fn unsupported(extension: &str) -> String {
    let what =
        if extension.is_empty() { "a file without an extension".to_owned() } else { format!("a .{extension} file") };
    format!("{what}: qa-widget reads .txt, .md, .html, .htm and .jsonl (convert it, or leave it out)")
}
