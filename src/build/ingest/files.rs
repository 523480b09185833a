//! Finding the input files and reading their bytes as text.
//!
//! Folders are walked recursively in sorted order, so a build is deterministic. Hidden
//! entries (".git", ".DS_Store") are not inputs and are not listed; a folder reached twice
//! through links is walked once. Only regular files are read: a device, a named pipe or a
//! socket (even behind a link named `page.txt`) would never end or would block the build.
//! A file larger than `--max-file-size` is not read. Bytes that are not text (an image
//! renamed `.txt`, random data) are refused rather than indexed as garbled passages.

use std::collections::HashSet;
use std::fs::Metadata;
use std::io::Read;
use std::path::{Path, PathBuf};

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, WINDOWS_1252};

use super::manifest::MANIFEST_NAME;
use super::IngestError;

/// Read in pieces of this size, so progress moves on a large file.
const CHUNK: usize = 1 << 20;
/// How much of a file the UTF-16 and binary tests look at.
const SNIFF_BYTES: usize = 1 << 16;
/// Text has almost no control characters; binary data, read as text, has many.
const MAX_CONTROL_SHARE: f64 = 0.01;

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
    /// A device, pipe or socket: what it is.
    NotRegular(&'static str),
}

#[derive(Clone, Debug)]
pub(crate) struct InputFile {
    pub path: PathBuf,
    /// The folder given as input (or a file input's folder): manifests are looked for up to it.
    pub root: PathBuf,
    pub format: Format,
    pub size: u64,
}

impl InputFile {
    fn new(path: PathBuf, root: &Path, meta: &Metadata) -> InputFile {
        let format = if meta.is_file() { format_of(&path) } else { Format::NotRegular(kind_of(meta)) };
        InputFile { path, root: root.to_owned(), format, size: meta.len() }
    }
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
            files.push(InputFile::new(input.clone(), &root, &meta));
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
            Ok(meta) => Ok(Some(InputFile::new(entry.clone(), root, &meta))),
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

/// What a file that is not a regular file is, in words.
fn kind_of(meta: &Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let kind = meta.file_type();
        if kind.is_char_device() {
            return "a character device (such as /dev/zero)";
        }
        if kind.is_block_device() {
            return "a block device (a disk)";
        }
        if kind.is_fifo() {
            return "a named pipe (FIFO)";
        }
        if kind.is_socket() {
            return "a socket";
        }
    }
    let _ = meta;
    "not a regular file"
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

/// Why a file of `size` bytes is not read, if it is larger than `max_bytes`.
pub(crate) fn too_large(size: u64, max_bytes: u64) -> Option<String> {
    (size > max_bytes).then(|| {
        format!(
            "{} is larger than --max-file-size ({}): split it, or raise the limit if it really is one page",
            human_size(size),
            human_size(max_bytes)
        )
    })
}

fn human_size(bytes: u64) -> String {
    match bytes {
        0..1_000 => format!("{bytes} bytes"),
        1_000..1_000_000 => format!("{:.1} KB", bytes as f64 / 1e3),
        _ => format!("{:.1} MB", bytes as f64 / 1e6),
    }
}

#[derive(Debug)]
pub(crate) enum ReadError {
    Io(std::io::Error),
    /// The file grew past the limit while it was read (or its size was not known).
    TooLarge(String),
}

/// The file's bytes, at most `max_bytes` of them, telling `progress` how many more were
/// read after each piece.
pub(crate) fn read(path: &Path, max_bytes: u64, progress: &mut dyn FnMut(u64)) -> Result<Vec<u8>, ReadError> {
    let file = std::fs::File::open(path).map_err(ReadError::Io)?;
    // Checked again on the open file: the path may have been swapped since it was listed.
    let meta = file.metadata().map_err(ReadError::Io)?;
    if !meta.is_file() {
        return Err(ReadError::Io(std::io::Error::other(kind_of(&meta))));
    }
    let mut limited = file.take(max_bytes.saturating_add(1));
    let mut bytes = Vec::new();
    let mut chunk = vec![0; CHUNK];
    loop {
        let n = limited.read(&mut chunk).map_err(ReadError::Io)?;
        if n == 0 {
            return Ok(bytes);
        }
        bytes.extend_from_slice(&chunk[..n]);
        if bytes.len() as u64 > max_bytes {
            return Err(ReadError::TooLarge(too_large(bytes.len() as u64, max_bytes).unwrap_or_default()));
        }
        progress(n as u64);
    }
}

/// A file's text, and what the build report should say about how it was read.
#[derive(Debug, PartialEq)]
pub(crate) struct Decoded {
    pub text: String,
    /// "read as UTF-16LE (it has no byte order mark)", "12 bytes that are not UTF-8 left out".
    pub notes: Vec<String>,
}

/// Bytes to text: UTF-8 (with or without a byte order mark), UTF-16 (with one, or
/// recognised by its zero bytes), the charset an HTML page declares, and otherwise
/// Windows-1252, the usual legacy encoding of Western pages. UTF-8 with a few broken
/// sequences stays UTF-8, without them. Binary data is refused, with the reason.
pub(crate) fn decode(bytes: &[u8], format: &Format) -> Result<Decoded, String> {
    let mut notes = Vec::new();
    let text = if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        utf8_mostly(rest, &mut notes).unwrap_or_else(|| String::from_utf8_lossy(rest).into_owned())
    } else if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        utf16(UTF_16LE, rest, &mut notes)
    } else if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        utf16(UTF_16BE, rest, &mut notes)
    } else if let Some(encoding) = utf16_without_bom(bytes) {
        // Before UTF-8: UTF-16 of ASCII letters is valid UTF-8 too, with a NUL between them.
        notes.push(format!("read as {} (it has no byte order mark)", encoding.name()));
        utf16(encoding, bytes, &mut notes)
    } else if let Ok(text) = std::str::from_utf8(bytes) {
        text.to_owned()
    } else if let Some(text) = utf8_mostly(bytes, &mut notes) {
        text
    } else {
        let declared = if *format == Format::Html { declared_charset(bytes) } else { None };
        let encoding = declared.unwrap_or(WINDOWS_1252);
        if declared.is_none() {
            notes.push("not UTF-8: read as Windows-1252; save it as UTF-8 if its accents look wrong".to_owned());
        }
        encoding.decode_without_bom_handling(bytes).0.into_owned()
    };
    if let Some(reason) = binary_reason(&text) {
        return Err(reason);
    }
    Ok(Decoded { text, notes })
}

fn utf16(encoding: &'static Encoding, bytes: &[u8], notes: &mut Vec<String>) -> String {
    let (text, malformed) = encoding.decode_without_bom_handling(bytes);
    if malformed {
        notes.push(format!("some of its {} was malformed and replaced with �", encoding.name()));
    }
    text.into_owned()
}

/// UTF-16 without a byte order mark: text in Latin letters has a zero byte in every other
/// place (the high byte), and almost none in the others. (Without one, other scripts'
/// UTF-16 cannot be told from binary data; it is refused as such, with the advice to save
/// it as UTF-8.)
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    let sample = &bytes[..bytes.len().min(SNIFF_BYTES) & !1];
    if sample.len() < 4 {
        return None;
    }
    let zeros_at = |parity: usize| sample.iter().skip(parity).step_by(2).filter(|&&b| b == 0).count();
    let (even, odd) = (zeros_at(0), zeros_at(1));
    let pairs = sample.len() / 2;
    // A third of the characters in Latin letters, and four at least, not one stray NUL.
    let latin = |zeros: usize| zeros >= 4 && zeros * 3 >= pairs;
    let encoding = if latin(odd) && even * 20 <= odd {
        UTF_16LE
    } else if latin(even) && odd * 20 <= even {
        UTF_16BE
    } else {
        return None;
    };
    encoding.decode_without_bom_handling_and_without_replacement(bytes).map(|_| encoding)
}

/// UTF-8 with some broken sequences: more valid multi-byte characters than broken
/// sequences. The broken ones are left out, and counted in a note.
fn utf8_mostly(bytes: &[u8], notes: &mut Vec<String>) -> Option<String> {
    let mut text = String::with_capacity(bytes.len());
    let (mut multibyte, mut broken, mut broken_bytes) = (0usize, 0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        text.push_str(chunk.valid());
        multibyte += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        if !chunk.invalid().is_empty() {
            broken += 1;
            broken_bytes += chunk.invalid().len();
        }
    }
    if broken == 0 {
        return Some(text);
    }
    (multibyte > broken).then(|| {
        let what = if broken_bytes == 1 { "1 byte that is" } else { "bytes that are" };
        let count = if broken_bytes == 1 { String::new() } else { format!("{broken_bytes} ") };
        notes.push(format!("{count}{what} not UTF-8 left out"));
        text
    })
}

/// Why `text` is binary data rather than text, if it is: it holds NUL characters, or
/// more than 1 % of control characters.
fn binary_reason(text: &str) -> Option<String> {
    let sample = &text[..floor_char_boundary(text, SNIFF_BYTES)];
    let mut chars = 0usize;
    let mut controls = 0usize;
    let mut nul = false;
    for c in sample.chars() {
        chars += 1;
        if c == '\0' {
            nul = true;
        }
        if c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\x0C') {
            controls += 1;
        }
    }
    let share = controls as f64 / chars.max(1) as f64;
    (nul || share > MAX_CONTROL_SHARE).then(|| {
        format!(
            "binary data, not text ({}); if it is text, save it as UTF-8",
            if nul { "it holds zero bytes".to_owned() } else { format!("{:.0} % control characters", share * 100.0) }
        )
    })
}

fn floor_char_boundary(text: &str, at: usize) -> usize {
    if at >= text.len() {
        return text.len();
    }
    (0..=at).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0)
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

    fn text(bytes: &[u8], format: &Format) -> String {
        decode(bytes, format).map(|d| d.text).unwrap_or_else(|reason| format!("refused: {reason}"))
    }

    #[test]
    fn legacy_encodings_are_decoded() {
        assert_eq!(text(b"caf\xe9", &Format::Text), "café");
        assert_eq!(text(b"\xEF\xBB\xBFhi", &Format::Text), "hi");
        assert_eq!(text(b"\xFF\xFEh\0i\0", &Format::Text), "hi");
        assert_eq!(
            text(b"<meta charset=\"iso-8859-2\"><p>\xb1</p>", &Format::Html),
            "<meta charset=\"iso-8859-2\"><p>ą</p>"
        );
        let latin1 = decode(b"caf\xe9", &Format::Text).map(|d| d.notes).unwrap_or_default();
        assert!(latin1[0].contains("Windows-1252"), "{latin1:?}");
    }

    #[test]
    fn utf16_without_a_byte_order_mark_is_recognised() {
        let words = "No BOM here: the clinic opens at 8 am.\n";
        let le: Vec<u8> = words.encode_utf16().flat_map(u16::to_le_bytes).collect();
        let be: Vec<u8> = words.encode_utf16().flat_map(u16::to_be_bytes).collect();
        for (bytes, name) in [(le, "UTF-16LE"), (be, "UTF-16BE")] {
            let decoded = decode(&bytes, &Format::Text);
            assert_eq!(decoded.as_ref().map(|d| d.text.as_str()), Ok(words));
            assert!(decoded.is_ok_and(|d| d.notes[0].contains(name)));
        }
    }

    #[test]
    fn binary_data_is_refused() {
        // A fixed pseudo-random sequence (xorshift), as an image or archive would look.
        let mut state = 0x2545_f491_u32;
        let noise: Vec<u8> = (0..20_000)
            .map(|_| {
                state ^= state << 13;
                state ^= state >> 17;
                state ^= state << 5;
                state as u8
            })
            .collect();
        let reason = decode(&noise, &Format::Text).err().unwrap_or_default();
        assert!(reason.starts_with("binary data"), "{reason}");
        let no_zeros: Vec<u8> = noise.iter().map(|&b| b.max(1)).collect();
        assert!(decode(&no_zeros, &Format::Text).is_err());
        assert!(decode(b"plain\0text", &Format::Text).is_err());
        assert!(decode(b"tabs\tand\r\nline breaks\x0c are text", &Format::Text).is_ok());
    }

    #[test]
    fn utf8_with_a_few_broken_bytes_stays_utf8() {
        let decoded = decode("Café — naïve \u{2019}".as_bytes().iter().copied().chain([0xff]).collect::<Vec<u8>>().as_slice(), &Format::Text);
        assert_eq!(decoded.as_ref().map(|d| d.text.as_str()), Ok("Café — naïve \u{2019}"));
        assert!(decoded.is_ok_and(|d| d.notes == ["1 byte that is not UTF-8 left out"]));
    }

    #[test]
    fn large_files_are_refused_before_reading() {
        assert_eq!(too_large(10, 10), None);
        assert!(too_large(11_000_000, 10_000_000).is_some_and(|r| r.starts_with("11.0 MB is larger than --max-file-size (10.0 MB)")));
    }
}
