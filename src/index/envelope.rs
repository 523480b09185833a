//! The envelope every index file has, whatever it holds: an index in one file, a sharded
//! index's root, or one of its shards.
//!
//! ```text
//! header   magic "\x89QAWIDX\n" (8) | version u16 | flags u16 | total length u32
//!          | section count u32 | per section: kind u32, offset u32, length u32
//! sections …
//! footer   CRC-32 (ISO-HDLC) of every byte before it, u32
//! ```
//! All integers are little-endian. The magic's high first byte and its line feed catch files
//! mangled by 7-bit or text-mode transfers; the total length tells a truncated download from
//! a corrupt one. In version 2 the flags say what the file is (`FileKind`); version 1 files
//! are always an index in one file, with flags 0.

use super::bytes::{ByteReader, ByteWriter, Failure, Read};
use super::FormatError;

pub const MAGIC: [u8; 8] = *b"\x89QAWIDX\n";
pub const HEADER_LEN: usize = 8 + 2 + 2 + 4 + 4;
const SECTION_ENTRY_LEN: usize = 12;
const FOOTER_LEN: usize = 4;
pub const CHECKSUM: crc::Crc<u32> = crc::Crc::<u32>::new(&crc::CRC_32_ISO_HDLC);

/// `CHECKSUM.checksum(bytes)`, with the lookup table made at each call instead of stored:
/// the crc crate's table is 1 KB of constants that gzip cannot shrink (0.9 KB of the wasm's
/// gzip), and making it takes 2,048 steps, nothing beside the bytes of an index.
pub fn checksum(bytes: &[u8]) -> u32 {
    let mut table = [0u32; 256];
    for (n, entry) in (0u32..).zip(table.iter_mut()) {
        *entry = (0..8).fold(n, |c, _| if c & 1 == 1 { 0xEDB8_8320 ^ (c >> 1) } else { c >> 1 });
    }
    !bytes.iter().fold(!0u32, |crc, &b| table[usize::from(crc as u8 ^ b)] ^ (crc >> 8))
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    /// Everything in one file: small sites.
    Whole = 0,
    /// What every question needs; its shards are beside it.
    Root = 1,
    Shard = 2,
}

/// A checked file: its version, kind, and sections by kind.
pub struct File<'a> {
    pub version: u16,
    pub kind: FileKind,
    sections: Vec<(u32, &'a [u8])>,
    /// The stored checksum, which a root records for each of its shards.
    pub checksum: u32,
}

impl<'a> File<'a> {
    pub fn section(&self, kind: u32, name: &'static str, failure: &'a Failure) -> Read<ByteReader<'a>> {
        let bytes = self.sections.iter().find(|(k, _)| *k == kind).map(|(_, bytes)| *bytes);
        let bytes = bytes.ok_or_else(|| failure.record(FormatError::corrupt(format!("the {name} section is missing"))))?;
        Ok(ByteReader::new(bytes, name, failure))
    }

    pub fn has(&self, kind: u32) -> bool {
        self.sections.iter().any(|(k, _)| *k == kind)
    }
}

/// Writes a file of `kind` with `sections` ((kind, bytes), in order).
pub fn write(version: u16, kind: FileKind, sections: &[(u32, Vec<u8>)]) -> Vec<u8> {
    let table_len = sections.len() * SECTION_ENTRY_LEN;
    let body_len: usize = sections.iter().map(|(_, bytes)| bytes.len()).sum();
    let total_len = HEADER_LEN + table_len + body_len + FOOTER_LEN;
    let mut out = ByteWriter::default();
    out.bytes.extend_from_slice(&MAGIC);
    out.u16(version);
    out.u16(kind as u16);
    out.u32(total_len as u32);
    out.u32(sections.len() as u32);
    let mut offset = HEADER_LEN + table_len;
    for (section, bytes) in sections {
        out.u32(*section);
        out.u32(offset as u32);
        out.u32(bytes.len() as u32);
        offset += bytes.len();
    }
    for (_, bytes) in sections {
        out.bytes.extend_from_slice(bytes);
    }
    let checksum = CHECKSUM.checksum(&out.bytes);
    out.u32(checksum);
    out.bytes
}

/// The length the header of `bytes` gives, if it has a readable one: where a file followed by
/// others (a bundle) ends.
pub fn stated_length(bytes: &[u8]) -> Option<usize> {
    let raw = bytes.get(12..16)?;
    Some(u32::from_le_bytes([raw[0], raw[1], raw[2], raw[3]]) as usize)
}

/// Magic, version, length and checksum, in the order that gives the most useful error, then
/// the section table. Versions 1 to `newest` are read.
pub fn read(bytes: &[u8], newest: u16) -> Result<File<'_>, FormatError> {
    let prefix_len = bytes.len().min(MAGIC.len());
    if bytes[..prefix_len] != MAGIC[..prefix_len] || bytes.is_empty() {
        return Err(FormatError::NotAnIndex { found: describe_start(bytes).into_boxed_str() });
    }
    if bytes.len() < HEADER_LEN {
        return Err(FormatError::Truncated { expected: HEADER_LEN as u32, actual: bytes.len() as u32 });
    }
    let version = u16_at(bytes, 8);
    let flags = u16_at(bytes, 10);
    let total_len = u32_at(bytes, 12) as usize;
    if version == 0 || version > newest {
        return Err(FormatError::UnsupportedVersion { found: version, supported: newest });
    }
    if bytes.len() < total_len {
        return Err(FormatError::Truncated { expected: total_len as u32, actual: bytes.len() as u32 });
    }
    if bytes.len() > total_len {
        return Err(FormatError::corrupt(format!("{} unexpected bytes after the end of the index", bytes.len() - total_len)));
    }
    if total_len < HEADER_LEN + FOOTER_LEN {
        return Err(FormatError::corrupt("an impossible length"));
    }
    let body = &bytes[..total_len - FOOTER_LEN];
    let checksum = u32_at(bytes, total_len - FOOTER_LEN);
    if self::checksum(body) != checksum {
        return Err(FormatError::corrupt("the checksum does not match"));
    }
    let kind = match flags {
        _ if version == 1 => FileKind::Whole,
        0 => FileKind::Whole,
        1 => FileKind::Root,
        2 => FileKind::Shard,
        _ => return Err(FormatError::corrupt("unknown header flags")),
    };
    let count = u32_at(body, HEADER_LEN - 4) as usize;
    if count > (body.len() - HEADER_LEN) / SECTION_ENTRY_LEN {
        return Err(FormatError::corrupt("too many sections"));
    }
    let mut sections = Vec::with_capacity(count);
    for entry in body[HEADER_LEN..HEADER_LEN + count * SECTION_ENTRY_LEN].chunks_exact(SECTION_ENTRY_LEN) {
        let (offset, len) = (u32_at(entry, 4) as usize, u32_at(entry, 8) as usize);
        match offset.checked_add(len).filter(|&end| end <= body.len() && offset >= HEADER_LEN) {
            Some(end) => sections.push((u32_at(entry, 0), &body[offset..end])),
            None => return Err(FormatError::corrupt("a section outside the file")),
        }
    }
    Ok(File { version, kind, sections, checksum })
}

/// The little-endian number at `at` (the caller has checked the length).
fn u32_at(bytes: &[u8], at: usize) -> u32 {
    u32::from_le_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]])
}

fn u16_at(bytes: &[u8], at: usize) -> u16 {
    u16::from_le_bytes([bytes[at], bytes[at + 1]])
}

fn describe_start(bytes: &[u8]) -> String {
    if bytes.is_empty() {
        return "nothing: the file is empty".into();
    }
    let start = &bytes[..bytes.len().min(16)];
    // Printable ASCII only, quoted by hand: Debug formatting would cost the wasm 3 KB.
    let text: String = start.iter().map(|&b| if (0x20..0x7f).contains(&b) && b != b'"' { b as char } else { '.' }).collect();
    if text.trim_start().starts_with('<') {
        format!("\"{text}\", which looks like an HTML page such as a 404 error")
    } else {
        format!("\"{text}\"")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checksum_is_the_crc_crates() {
        assert_eq!(checksum(b"123456789"), 0xCBF4_3926);
        let bytes: Vec<u8> = (0..5000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8).collect();
        for len in [0, 1, 2, 3, 7, 255, 256, 4999, 5000] {
            assert_eq!(checksum(&bytes[..len]), CHECKSUM.checksum(&bytes[..len]), "{len} bytes");
        }
    }
}
