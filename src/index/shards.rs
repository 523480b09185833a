//! Shards: the files beside a sharded index's root, and the root's record of them.
//!
//! ```text
//! root  SHARDS          file stem | count | per shard: kind u8, content hash u64,
//!                       CRC-32 u32, length u32
//! shard SHARD_HEADER    kind u8 | shard number
//!       SHARD_POSTINGS  term count | per term: term id gap, byte length
//!                       | per term: its postings (passage gap, weight, occurrence block)
//!       SHARD_TEXTS     document count | per document: number, id, title, url,
//!                       first passage, passage count, per passage: heading, section id, text
//! ```
//! A shard is named `<stem>.<content hash, 16 hex digits>.idx`, so a cache keyed by name can
//! never mix two builds, and several indexes can share one folder. The root records each
//! shard's length and checksum: a shard of another build, or a damaged one, is `corrupt`.

use super::bytes::{ByteReader, ByteWriter};
use super::envelope::{self, FileKind};
use super::limits;
use super::postings::{Occurrences, PostingStore};
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
    /// Names the file: a hash of its bytes.
    pub hash: u64,
    /// The CRC-32 in the shard's footer.
    pub checksum: u32,
    pub length: u32,
}

/// Where a sharded index keeps what: read from the root.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ShardLayout {
    /// The root's file name without its extension when it was built.
    pub stem: String,
    pub entries: Vec<ShardEntry>,
    /// Per term, the shard with its postings.
    pub term_shards: Vec<u32>,
    /// Per passage, the shard with its text.
    pub passage_shards: Vec<u32>,
}

impl ShardLayout {
    pub fn file_name(&self, shard: u32) -> Option<String> {
        let entry = self.entries.get(shard as usize)?;
        Some(format!("{}.{}.idx", self.stem, hex(entry.hash)))
    }
}

/// 16 lower-case hex digits, by hand: `{:016x}` would bring integer formatting to the wasm.
fn hex(value: u64) -> String {
    (0..16).rev().map(|i| char::from(b"0123456789abcdef"[(value >> (i * 4)) as usize & 15])).collect()
}

pub fn write_layout(w: &mut ByteWriter, layout: &ShardLayout) {
    w.str(&layout.stem);
    w.len_of(layout.entries.len());
    for entry in &layout.entries {
        w.u8(entry.kind as u8);
        w.u32(entry.hash as u32);
        w.u32((entry.hash >> 32) as u32);
        w.u32(entry.checksum);
        w.u32(entry.length);
    }
}

pub fn read_layout(r: &mut ByteReader) -> Result<ShardLayout, FormatError> {
    let stem = r.str()?.to_owned();
    if stem.is_empty() || stem.len() > limits::MAX_META_TEXT || stem.contains(['/', '\\']) {
        return Err(r.corrupt("a shard file stem that is empty, too long, or a path"));
    }
    let count = r.count(17)?;
    if count > limits::MAX_SHARDS {
        return Err(r.corrupt("more shards than an index may have"));
    }
    let mut entries = Vec::with_capacity(count);
    for _ in 0..count {
        let kind = match r.u8()? {
            1 => ShardKind::Postings,
            2 => ShardKind::Texts,
            _ => return Err(r.corrupt("a shard of an unknown kind")),
        };
        let hash = u64::from(r.u32()?) | u64::from(r.u32()?) << 32;
        let checksum = r.u32()?;
        let length = r.u32()?;
        entries.push(ShardEntry { kind, hash, checksum, length });
    }
    Ok(ShardLayout { stem, entries, term_shards: Vec::new(), passage_shards: Vec::new() })
}

/// A shard file's bytes.
pub fn write_shard(kind: ShardKind, number: u32, body: Vec<u8>) -> Vec<u8> {
    let mut header = ByteWriter::default();
    header.u8(kind as u8);
    header.varint(number);
    let section = match kind {
        ShardKind::Postings => kind::SHARD_POSTINGS,
        ShardKind::Texts => kind::SHARD_TEXTS,
    };
    envelope::write(FORMAT_VERSION, FileKind::Shard, &[(kind::SHARD_HEADER, header.bytes), (section, body)])
}

/// Writes a postings shard's body: `terms` are (term id, its postings as written by
/// `write_entry`), by id.
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

/// One posting as a postings shard holds it.
pub fn write_entry(out: &mut Vec<u8>, previous_passage: Option<u32>, passage: u32, weight: u8, block: &[u8]) {
    super::varint::write(out, previous_passage.map_or(passage, |p| passage - p));
    out.push(weight);
    out.extend_from_slice(block);
}

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
    let entry = index.layout.entries.get(shard as usize).cloned().ok_or_else(|| FormatError::corrupt("a shard number the root does not have"))?;
    if bytes.len() < entry.length as usize {
        return Err(FormatError::Truncated { expected: u64::from(entry.length), actual: bytes.len() as u64 });
    }
    let file = envelope::read(bytes, FORMAT_VERSION)?;
    if file.kind != FileKind::Shard || file.checksum != entry.checksum || bytes.len() != entry.length as usize {
        return Err(FormatError::corrupt("this file is not the shard the root names (another build's, or another file)"));
    }
    let mut header = file.section(kind::SHARD_HEADER, "shard header")?;
    if header.u8()? != entry.kind as u8 || header.varint()? != shard {
        return Err(header.corrupt("a shard header that does not match the root"));
    }
    match entry.kind {
        ShardKind::Postings => add_postings(index, shard, &mut file.section(kind::SHARD_POSTINGS, "shard postings")?),
        ShardKind::Texts => add_texts(index, shard, &mut file.section(kind::SHARD_TEXTS, "shard texts")?),
    }
}

fn add_postings(index: &mut Index, shard: u32, r: &mut ByteReader) -> Result<(), FormatError> {
    let count = r.count(2)?;
    let mut directory = Vec::with_capacity(count);
    let mut previous: Option<TermId> = None;
    for _ in 0..count {
        let gap = r.varint()?;
        let term = match previous {
            None => gap,
            Some(p) if gap > 0 => p.checked_add(gap).ok_or_else(|| r.corrupt("a term number overflow"))?,
            Some(_) => return Err(r.corrupt("a term listed twice")),
        };
        if index.layout.term_shards.get(term as usize) != Some(&shard) {
            return Err(r.corrupt("postings of a term that belongs to another shard"));
        }
        directory.push((term, r.varint()? as usize));
        previous = Some(term);
    }
    if directory.len() != index.layout.term_shards.iter().filter(|&&s| s == shard).count() {
        return Err(r.corrupt("a shard without all the terms the root gives it"));
    }
    // Read everything into a store of its own first, so that a bad shard changes nothing.
    let mut incoming = PostingStore::with_terms(index.terms.len());
    let passage_count = index.passage_count();
    for &(term, len) in &directory {
        let mut list = ByteReader::new(r.take(len)?, "shard postings");
        let doc_freq = index.doc_freq(term);
        if doc_freq as usize > list.remaining() / 3 {
            return Err(list.corrupt("more postings than their bytes can hold"));
        }
        let start = incoming.begin();
        sections::read_list(&mut list, doc_freq, passage_count, |passage, weight, list| {
            let block = block_of(list)?;
            incoming.push(passage, weight, block);
            Ok(())
        })?;
        if !list.is_empty() {
            return Err(list.corrupt("postings longer than their term says"));
        }
        incoming.finish(term, start);
    }
    if !r.is_empty() {
        return Err(r.corrupt("bytes after the last term's postings"));
    }
    index.postings.append(incoming, directory.iter().map(|&(term, _)| term));
    Ok(())
}

/// The occurrence block at the reader's position, checked, and the reader moved past it.
fn block_of<'a>(list: &mut ByteReader<'a>) -> Result<&'a [u8], FormatError> {
    let rest = list.rest();
    let len = Occurrences::block_len(rest).ok_or_else(|| list.corrupt("an occurrence block that does not hold together"))?;
    list.take(len)
}

fn add_texts(index: &mut Index, shard: u32, r: &mut ByteReader) -> Result<(), FormatError> {
    let count = r.count(5)?;
    let mut documents: Vec<(u32, Document)> = Vec::with_capacity(count);
    let mut passages: Vec<(u32, Passage)> = Vec::new();
    for _ in 0..count {
        let doc = r.varint()?;
        let document = sections::read_document(r)?;
        let first = r.varint()?;
        let len = r.count(3)? as u32;
        let doc_passages = index.document_passages(doc).ok_or_else(|| r.corrupt("a document the root does not have"))?;
        let end = first.checked_add(len).filter(|&end| first >= doc_passages.start && end <= doc_passages.end);
        if end.is_none() || len == 0 {
            return Err(r.corrupt("passages outside their document"));
        }
        for p in first..first + len {
            if index.layout.passage_shards.get(p as usize) != Some(&shard) {
                return Err(r.corrupt("a passage that belongs to another shard"));
            }
            passages.push((p, sections::read_passage_text(r, doc)?));
        }
        documents.push((doc, document));
    }
    if !r.is_empty() {
        return Err(r.corrupt("bytes after the last passage"));
    }
    let expected = index.layout.passage_shards.iter().filter(|&&s| s == shard).count();
    let mut seen = vec![false; index.passage_count()];
    let twice = passages.iter().any(|(p, _)| std::mem::replace(&mut seen[*p as usize], true));
    if twice || passages.len() != expected {
        return Err(FormatError::corrupt("a texts shard without all its passages, or with one twice"));
    }
    for (doc, document) in documents {
        index.documents[doc as usize] = Some(document);
    }
    for (p, passage) in passages {
        index.passages[p as usize] = Some(passage);
    }
    Ok(())
}
