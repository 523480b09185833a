//! `manifest.json`: titles and URLs for the plain files of a folder, which carry none.
//!
//! ```json
//! { "documents": { "000_intro.txt": { "title": "Stem Cells and Back Pain", "url": null } } }
//! ```
//!
//! Keys are paths relative to the manifest's folder ("sub/page.txt" works too); both
//! fields may be left out. A manifest applies to its folder and the folders below it.
//! Unknown fields are refused, so a typo ("tilte") is reported rather than ignored. A
//! manifest that is not UTF-8 is read as pages are (a byte order mark, UTF-16, else
//! Windows-1252), and the report says so.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::files::{self, Format};

pub(crate) const MANIFEST_NAME: &str = "manifest.json";

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ManifestFile {
    documents: BTreeMap<String, ManifestEntry>,
}

#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub(crate) struct ManifestEntry {
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub url: Option<String>,
}

/// A manifest's entries by file, or why it cannot be used.
type Parsed = Result<BTreeMap<String, ManifestEntry>, String>;

/// A manifest as read: its entries, and what the report says about how it was read.
struct Loaded {
    parsed: Parsed,
    notes: Vec<String>,
}

/// The manifests met so far, read once each, by folder (None: the folder has none).
pub(crate) struct Manifests {
    by_folder: HashMap<PathBuf, Option<Loaded>>,
    max_bytes: u64,
    /// For pages held in memory: the files there are, and no manifest is read from disk.
    in_memory: Option<HashSet<PathBuf>>,
}

impl Manifests {
    /// Manifests larger than `max_bytes` are not read.
    pub(crate) fn new(max_bytes: u64) -> Manifests {
        Manifests { by_folder: HashMap::new(), max_bytes, in_memory: None }
    }

    /// For pages held in memory (`files`): only the manifests `insert`ed exist.
    pub(crate) fn in_memory(max_bytes: u64, files: impl IntoIterator<Item = PathBuf>) -> Manifests {
        Manifests { by_folder: HashMap::new(), max_bytes, in_memory: Some(files.into_iter().collect()) }
    }

    /// `folder`'s manifest, given as bytes.
    pub(crate) fn insert(&mut self, folder: &Path, bytes: &[u8]) {
        let loaded = match files::too_large(bytes.len() as u64, self.max_bytes) {
            Some(problem) => Loaded { parsed: Err(problem), notes: Vec::new() },
            None => from_bytes(bytes),
        };
        self.by_folder.insert(folder.to_owned(), Some(loaded));
    }

    fn exists(&self, file: &Path) -> bool {
        self.in_memory.as_ref().map_or_else(|| file.is_file(), |files| files.contains(file))
    }

    /// The entry for `file` in the nearest manifest between its folder and `root`.
    pub(crate) fn entry_for(&mut self, file: &Path, root: &Path) -> Option<ManifestEntry> {
        for folder in file.ancestors().skip(1) {
            if let Some(Loaded { parsed: Ok(entries), .. }) = self.load(folder) {
                let key = relative_key(file, folder)?;
                if let Some(entry) = entries.get(&key) {
                    return Some(entry.clone());
                }
            }
            if folder == root || folder.as_os_str().is_empty() {
                break;
            }
        }
        None
    }

    /// What the build report says about the manifest file itself.
    pub(crate) fn describe(&mut self, manifest: &Path) -> String {
        let folder = manifest.parent().unwrap_or(Path::new(""));
        let mut reason = String::from("manifest (titles and URLs for this folder)");
        self.load(folder);
        let loaded = self.by_folder.get(folder).and_then(Option::as_ref);
        for note in loaded.iter().flat_map(|l| &l.notes) {
            reason.push_str(&format!("; {note}"));
        }
        match loaded.map(|l| &l.parsed) {
            Some(Err(problem)) => {
                reason.push_str(&format!("; it cannot be used, so titles come from the text: {problem}"));
            }
            Some(Ok(entries)) => {
                let missing: Vec<&String> = entries.keys().filter(|key| !self.exists(&folder.join(key))).collect();
                if !missing.is_empty() {
                    let names: Vec<&str> = missing.iter().take(5).map(|k| k.as_str()).collect();
                    reason.push_str(&format!(
                        "; {} of its entries name no file here ({}{}): check the names",
                        missing.len(),
                        names.join(", "),
                        if missing.len() > 5 { ", …" } else { "" }
                    ));
                }
            }
            None => {}
        }
        reason
    }

    fn load(&mut self, folder: &Path) -> Option<&Loaded> {
        let max_bytes = self.max_bytes;
        let on_disk = self.in_memory.is_none();
        let loaded = self.by_folder.entry(folder.to_owned());
        loaded.or_insert_with(|| if on_disk { read(&folder.join(MANIFEST_NAME), max_bytes) } else { None }).as_ref()
    }
}

/// The manifest at `path`, if there is one, read with the same care as a page.
fn read(path: &Path, max_bytes: u64) -> Option<Loaded> {
    let failed = |problem: String| Some(Loaded { parsed: Err(problem), notes: Vec::new() });
    let meta = std::fs::metadata(path).ok()?;
    if !meta.is_file() {
        return failed("it is not a regular file".to_owned());
    }
    if let Some(problem) = files::too_large(meta.len(), max_bytes) {
        return failed(problem);
    }
    let bytes = match files::read(path, max_bytes, &mut |_| {}) {
        Ok(bytes) => bytes,
        Err(files::ReadError::TooLarge(problem)) => return failed(problem),
        Err(files::ReadError::Io(error)) => return failed(format!("it cannot be read ({error})")),
    };
    Some(from_bytes(&bytes))
}

fn from_bytes(bytes: &[u8]) -> Loaded {
    match files::decode(bytes, &Format::Manifest) {
        Ok(decoded) => Loaded { parsed: parse(&decoded.text), notes: decoded.notes },
        Err(problem) => Loaded { parsed: Err(problem), notes: Vec::new() },
    }
}

pub(crate) fn parse(text: &str) -> Parsed {
    serde_json::from_str::<ManifestFile>(text)
        .map(|m| m.documents)
        .map_err(|e| format!("{e} (expected {{\"documents\": {{\"file.txt\": {{\"title\": \"…\", \"url\": null}}}}}})"))
}

/// `file` relative to `folder`, with "/" between parts, as manifest keys are written.
fn relative_key(file: &Path, folder: &Path) -> Option<String> {
    let relative = file.strip_prefix(folder).ok()?;
    let parts: Vec<String> = relative.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
    Some(parts.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_titles_and_urls() {
        let entries =
            parse(r#"{"documents": {"a.txt": {"title": "A", "url": "https://x.example/a"}, "b.txt": {"url": null}}}"#);
        let entries = entries.unwrap_or_default();
        assert_eq!(entries["a.txt"].title.as_deref(), Some("A"));
        assert_eq!(entries["b.txt"], ManifestEntry::default());
    }

    #[test]
    fn typos_are_refused_with_the_expected_shape() {
        let problem = parse(r#"{"documents": {"a.txt": {"tilte": "A"}}}"#).err().unwrap_or_default();
        assert!(problem.contains("tilte") && problem.contains("expected"), "{problem}");
    }
}
