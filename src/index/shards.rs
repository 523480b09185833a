//! Shards: the files beside a sharded index's root, and the root's record of them.
//!
//! ```text
//! root  SHARDS          file stem | build u32 | postings shards | texts shards
//!                       | per shard: its CRC-32, u32 (postings shards first)
//! shard SHARD_HEADER    kind u8 | shard number | nonce
//!       SHARD_POSTINGS  term count | per term: term id gap, byte length
//!                       | per term: its postings (passage gap, weight, occurrence block)
//!       SHARD_TEXTS     document count | per document: number, id, title, url,
//!                       first passage, passage count, per passage: heading, section id, text
//! ```
//! A shard is named `<stem>.<build><crc>.idx`: the build is a CRC-32 of all the shards'
//! bytes, the crc the shard's own (its footer), each as 8 hex digits. Names are thus content
//! hashes: a cache keyed by name never mixes two builds, and several indexes can share one
//! folder. The builder makes the CRCs of one build distinct (the nonce). The root records each
//! shard's CRC: a shard of another build, or a damaged one, is `corrupt`.

use super::bytes::{ByteReader, Failure, Read};
#[cfg(feature = "build")]
use super::bytes::ByteWriter;
use super::envelope::{self, FileKind};
use super::limits;
use super::sections::{self, kind};
use super::{Document, FormatError, Index, Passage, TermId, FORMAT_VERSION};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ShardKind {
    /// Postings, with where each term occurs, of a set of terms.
    Postings = 1,
    /// Passage texts and their documents.
    Texts = 2,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ShardEntry {
    pub kind: ShardKind,
    /// The CRC-32 in the shard's footer.
    pub checksum: u32,
}

/// Where a sharded index keeps what: read from the root.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ShardLayout {
    /// The root's file name without its extension when it was built.
    pub stem: String,
    /// A CRC-32 of all the shards' bytes, in order.
    pub build: u32,
    pub entries: Vec<ShardEntry>,
    /// Per term, the shard with its postings.
    pub term_shards: Vec<u32>,
    /// Per passage, the shard with its text.
    pub passage_shards: Vec<u32>,
}

impl ShardLayout {
    pub fn file_name(&self, shard: u32) -> Option<String> {
        let entry = self.entries.get(shard as usize)?;
        let mut name = format!("{}.", self.stem);
        hex(self.build, &mut name);
        hex(entry.checksum, &mut name);
        name.push_str(".idx");
        Some(name)
    }
}

/// 8 lower-case hex digits, by hand: `{:08x}` would bring integer formatting to the wasm.
fn hex(value: u32, out: &mut String) {
    out.extend((0..8).rev().map(|i| char::from(b"0123456789abcdef"[(value >> (i * 4)) as usize & 15])));
}

#[cfg(feature = "build")]
pub fn write_layout(w: &mut ByteWriter, layout: &ShardLayout) {
    w.str(&layout.stem);
    w.u32(layout.build);
    let postings = layout.entries.iter().filter(|e| e.kind == ShardKind::Postings).count();
    w.len_of(postings);
    w.len_of(layout.entries.len() - postings);
    layout.entries.iter().for_each(|entry| w.u32(entry.checksum));
}

pub fn read_layout(r: &mut ByteReader) -> Read<ShardLayout> {
    let stem = r.str()?.to_owned();
    if stem.is_empty() || stem.len() > limits::MAX_META_TEXT || stem.contains(['/', '\\']) {
        return Err(r.corrupt("a bad shard file stem"));
    }
    let build = r.u32()?;
    let postings = r.count(4)?;
    let texts = r.count(4)?;
    if postings + texts > limits::MAX_SHARDS || (postings + texts) * 4 > r.remaining() {
        return Err(r.corrupt("too many shards"));
    }
    let mut entries = Vec::with_capacity(postings + texts);
    for i in 0..postings + texts {
        let kind = if i < postings { ShardKind::Postings } else { ShardKind::Texts };
        entries.push(ShardEntry { kind, checksum: r.u32()? });
    }
    Ok(ShardLayout { stem, build, entries, term_shards: Vec::new(), passage_shards: Vec::new() })
}

#[cfg(feature = "build")]
/// A shard file's bytes. `nonce` tells apart two shards whose CRCs would otherwise be equal.
pub fn write_shard(kind: ShardKind, number: u32, nonce: u32, body: Vec<u8>) -> Vec<u8> {
    let mut header = ByteWriter::default();
    header.u8(kind as u8);
    header.varint(number);
    header.varint(nonce);
    let section = match kind {
        ShardKind::Postings => kind::SHARD_POSTINGS,
        ShardKind::Texts => kind::SHARD_TEXTS,
    };
    envelope::write(FORMAT_VERSION, FileKind::Shard, &[(kind::SHARD_HEADER, header.bytes), (section, body)])
}

#[cfg(feature = "build")]
/// Writes a postings shard's body: `terms` are (term id, its postings as written by
/// `write_entry`), by id. The lists follow the directory, in the layout `read_postings` reads.
pub fn write_postings_body(terms: &[(TermId, Vec<u8>)]) -> Vec<u8> {
    let mut w = ByteWriter::default();
    w.len_of(terms.len());
    let mut previous = 0;
    for (i, (term, bytes)) in terms.iter().enumerate() {
        w.varint(if i == 0 { *term } else { term - previous });
        w.len_of(bytes.len());
        previous = *term;
    }
    for (_, bytes) in terms {
        w.bytes.extend_from_slice(bytes);
    }
    w.bytes
}

#[cfg(feature = "build")]
/// One posting as a postings shard holds it.
pub fn write_entry(out: &mut Vec<u8>, previous_passage: Option<u32>, passage: u32, weight: u8, block: &[u8]) {
    super::varint::write(out, previous_passage.map_or(passage, |p| passage - p));
    out.push(weight);
    out.extend_from_slice(block);
}

#[cfg(feature = "build")]
/// Writes a texts shard's body: per document its number, record and a run of its passages
/// (first passage number, then the passages).
pub fn write_texts_body(documents: &[(u32, &Document, u32, &[Passage])]) -> Vec<u8> {
    let mut w = ByteWriter::default();
    w.len_of(documents.len());
    for &(number, document, first, passages) in documents {
        w.varint(number);
        sections::write_document(&mut w, document);
        w.varint(first);
        w.len_of(passages.len());
        for passage in passages {
            sections::write_passage_text(&mut w, passage);
        }
    }
    w.bytes
}

/// Checks `bytes` as shard `shard` of `index` and takes in what it holds: all or nothing.
pub fn add(index: &mut Index, shard: u32, bytes: &[u8]) -> Result<(), FormatError> {
    let entry = index.layout.entries.get(shard as usize).cloned().ok_or_else(|| FormatError::corrupt("no such shard"))?;
    let file = envelope::read(bytes, FORMAT_VERSION)?;
    if file.kind != FileKind::Shard || file.checksum != entry.checksum {
        return Err(FormatError::corrupt("not the shard the root names (another build's?)"));
    }
    let failure = Failure::default();
    let mut read = || -> Read<()> {
        let mut header = file.section(kind::SHARD_HEADER, "shard header", &failure)?;
        if header.u8()? != entry.kind as u8 || header.varint()? != shard {
            return Err(header.corrupt("a shard header unlike the root's"));
        }
        match entry.kind {
            ShardKind::Postings => add_postings(index, &mut file.section(kind::SHARD_POSTINGS, "shard postings", &failure)?),
            ShardKind::Texts => add_texts(index, &mut file.section(kind::SHARD_TEXTS, "shard texts", &failure)?),
        }
    };
    let result = read();
    result.map_err(|_| failure.error())
}

// The root records each shard's CRC, so a shard that `add` accepts is the one the root names:
// what is checked below is what keeps memory and time bounded whatever the bytes (a crafted
// root can name a crafted shard), not whether the shard agrees with its root.

fn add_postings(index: &mut Index, r: &mut ByteReader) -> Read<()> {
    let count = r.count(2)?;
    let mut lists = Vec::with_capacity(count);
    let mut term: TermId = 0;
    for i in 0..count {
        let gap = r.varint()?;
        term = if i == 0 { gap } else { term.checked_add(gap).ok_or_else(|| r.corrupt("a term number overflow"))? };
        if term as usize >= index.terms.len() {
            return Err(r.corrupt("postings of no term"));
        }
        lists.push((term, index.doc_freq(term), r.varint()?));
    }
    // Read into a store of its own first, so that a bad shard changes nothing.
    let mut rest = r.sub(r.rest(), "shard postings");
    let incoming = sections::read_postings(&mut rest, &lists, index.terms.len(), index.passage_count(), true)?;
    index.postings.append(incoming, lists.iter().map(|&(term, ..)| term));
    Ok(())
}

fn add_texts(index: &mut Index, r: &mut ByteReader) -> Read<()> {
    let count = r.count(5)?;
    let mut documents: Vec<(u32, Document)> = Vec::with_capacity(count);
    let mut passages: Vec<(u32, Passage)> = Vec::new();
    for _ in 0..count {
        let doc = r.varint()?;
        let document = sections::read_document(r)?;
        let first = r.varint()?;
        let len = r.count(3)? as u32;
        let doc_passages = index.document_passages(doc).ok_or_else(|| r.corrupt("no such document"))?;
        if first < doc_passages.start || first.saturating_add(len) > doc_passages.end {
            return Err(r.corrupt("passages outside their document"));
        }
        for p in first..first + len {
            passages.push((p, sections::read_passage_text(r, doc)?));
        }
        documents.push((doc, document));
    }
    for (doc, document) in documents {
        index.documents[doc as usize] = Some(document);
    }
    for (p, passage) in passages {
        index.passages[p as usize] = Some(passage);
        index.unread.push(p);
    }
    Ok(())
}
