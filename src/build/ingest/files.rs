//! Finding the input files and reading their bytes as text.
//!
//! Folders are walked recursively in sorted order, so a build is deterministic. Hidden
//! entries (".git", ".DS_Store") are not inputs and are not listed; a folder reached twice
//! through links is walked once.

use std::collections::HashSet;
use std::io::Read;
use std::path::{Path, PathBuf};

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, WINDOWS_1252};

use super::manifest::MANIFEST_NAME;
use super::IngestError;

/// Read in pieces of this size, so progress moves on a large file.
const CHUNK: usize = 1 << 20;

#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Format {
    Text,
    Markdown,
    Html,
    Jsonl,
    Manifest,
    /// The extension, as written ("" when there is none).
    Unsupported(String),
    /// Found in a folder but not readable (a broken link, no permission): why.
    Unreadable(String),
}

#[derive(Clone, Debug)]
pub(crate) struct InputFile {
    pub path: PathBuf,
    /// The folder given as input (or a file input's folder): manifests are looked for up to it.
    pub root: PathBuf,
    pub format: Format,
    pub size: u64,
}

pub(crate) fn collect(inputs: &[PathBuf]) -> Result<Vec<InputFile>, IngestError> {
    let mut files = Vec::new();
    let mut seen_folders = HashSet::new();
    for input in inputs {
        let meta = std::fs::metadata(input).map_err(|source| IngestError::Read { path: input.clone(), source })?;
        if meta.is_dir() {
            walk(input, input, &mut seen_folders, &mut files)
                .map_err(|source| IngestError::Read { path: input.clone(), source })?;
        } else {
            let root = input.parent().map(Path::to_path_buf).unwrap_or_default();
            files.push(InputFile { path: input.clone(), root, format: format_of(input), size: meta.len() });
        }
    }
    Ok(files)
}

/// Lists `folder`'s files into `files`. Fails only when `folder` itself cannot be read; a
/// file or subfolder below it that cannot be is listed as unreadable, to be reported.
fn walk(folder: &Path, root: &Path, seen: &mut HashSet<PathBuf>, files: &mut Vec<InputFile>) -> std::io::Result<()> {
    if !seen.insert(folder.canonicalize()?) {
        return Ok(());
    }
    let mut entries: Vec<PathBuf> = std::fs::read_dir(folder)?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| !path.file_name().is_some_and(|n| n.to_string_lossy().starts_with('.')))
        .collect();
    entries.sort();
    for entry in entries {
        let listed = match std::fs::metadata(&entry) {
            Ok(meta) if meta.is_dir() => walk(&entry, root, seen, files).map(|()| None),
            Ok(meta) => Ok(Some(InputFile {
                format: format_of(&entry),
                path: entry.clone(),
                root: root.to_owned(),
                size: meta.len(),
            })),
            Err(error) => Err(error),
        };
        match listed {
            Ok(Some(file)) => files.push(file),
            Ok(None) => {}
            Err(error) => {
                let format = Format::Unreadable(error.to_string());
                files.push(InputFile { path: entry, root: root.to_owned(), format, size: 0 });
            }
        }
    }
    Ok(())
}

pub(crate) fn format_of(path: &Path) -> Format {
    if path.file_name().is_some_and(|n| n == MANIFEST_NAME) {
        return Format::Manifest;
    }
    let extension = path.extension().map(|e| e.to_string_lossy().into_owned()).unwrap_or_default();
    match extension.to_ascii_lowercase().as_str() {
        "txt" | "text" => Format::Text,
        "md" | "markdown" => Format::Markdown,
        "html" | "htm" | "xhtml" => Format::Html,
        "jsonl" | "ndjson" => Format::Jsonl,
        _ => Format::Unsupported(extension),
    }
}

/// The file's bytes, telling `progress` how many more were read after each piece.
pub(crate) fn read(path: &Path, progress: &mut dyn FnMut(u64)) -> std::io::Result<Vec<u8>> {
    let mut file = std::fs::File::open(path)?;
    let mut bytes = Vec::new();
    let mut chunk = vec![0; CHUNK];
    loop {
        let n = file.read(&mut chunk)?;
        if n == 0 {
            return Ok(bytes);
        }
        bytes.extend_from_slice(&chunk[..n]);
        progress(n as u64);
    }
}

/// Bytes to text: UTF-8 (with or without a byte order mark), UTF-16 with one, the
/// charset an HTML page declares, and otherwise Windows-1252, the usual legacy encoding
/// of Western pages (every byte decodes, so nothing is refused).
pub(crate) fn decode(bytes: &[u8], format: &Format) -> String {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return String::from_utf8_lossy(rest).into_owned();
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return text.to_owned();
    }
    let encoding = if bytes.starts_with(b"\xFF\xFE") {
        UTF_16LE
    } else if bytes.starts_with(b"\xFE\xFF") {
        UTF_16BE
    } else if *format == Format::Html {
        declared_charset(bytes).unwrap_or(WINDOWS_1252)
    } else {
        WINDOWS_1252
    };
    encoding.decode(bytes).0.into_owned()
}

/// `<meta charset="…">` or `content="text/html; charset=…"` near the top of a page.
fn declared_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(2048)]).to_ascii_lowercase();
    let at = head.find("charset=")? + "charset=".len();
    let label: String = head[at..]
        .trim_start_matches(['"', '\''])
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect();
    Encoding::for_label(label.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_follow_the_extension() {
        assert_eq!(format_of(Path::new("a/B.HTM")), Format::Html);
        assert_eq!(format_of(Path::new("a/manifest.json")), Format::Manifest);
        assert_eq!(format_of(Path::new("a/data.json")), Format::Unsupported("json".into()));
        assert_eq!(format_of(Path::new("README")), Format::Unsupported(String::new()));
    }

    #[test]
    fn legacy_encodings_are_decoded() {
        assert_eq!(decode(b"caf\xe9", &Format::Text), "café");
        assert_eq!(decode(b"\xEF\xBB\xBFhi", &Format::Text), "hi");
        assert_eq!(decode(b"\xFF\xFEh\0i\0", &Format::Text), "hi");
        assert_eq!(
            decode(b"<meta charset=\"iso-8859-2\"><p>\xb1</p>", &Format::Html),
            "<meta charset=\"iso-8859-2\"><p>ą</p>"
        );
    }
}
