//! The index file format, versions 1 to 3: the one definition that both the writer and
//! the reader use. Every file has the envelope of `envelope.rs`.
//!
//! ```text
//! index in one file   META, DOCUMENTS, PASSAGES, TERMS, POSTINGS, SYNONYMS, CUES,
//!                     SUGGESTIONS, WORD_LISTS, [RELATIONS]
//! root                META, TERM_DIRECTORY, PASSAGE_TABLE, SHARDS, SYNONYMS, CUES,
//!                     SUGGESTIONS, WORD_LISTS, [RELATIONS]
//! shard               SHARD_HEADER, SHARD_POSTINGS or SHARD_TEXTS (shards.rs)
//! ```
//! Version 1 is the first kind only, without RELATIONS; version 2 added roots and shards,
//! and relations word by word (RELATIONS_BY_WORD); version 3 writes terms and relations
//! in columns (RELATIONS; `sections::write_terms`). Each keeps reading. A root holds what
//! every question needs to be planned: the terms with their document frequencies and
//! shards, the word lists, synonyms, cues, relations and suggestions, and per passage its
//! document, text shard and facts. Postings (with where each term occurs) and texts (with
//! their documents) are in the shards. A root followed by its shards, all in one byte
//! string, is a bundle: `decode` reads it as a whole.

use super::bytes::{ByteReader, ByteWriter, Failure, Read};
use super::envelope::{self, FileKind};
use super::postings::PostingStore;
use super::sections::{self, kind};
use super::shards::{self, ShardKind, ShardLayout};
use super::varint;
use super::{FormatError, Index, IndexData, PassageFacts, TermId, Terms};

pub const FORMAT_VERSION: u16 = 3;

/// An index in one file, the format small sites use.
pub fn encode(data: &IndexData) -> Vec<u8> {
    let mut sections = Vec::new();
    let mut add = |kind: u32, write: &dyn Fn(&mut ByteWriter)| {
        let mut w = ByteWriter::default();
        write(&mut w);
        sections.push((kind, w.bytes));
    };
    let postings: Vec<Vec<u8>> = data.terms.iter().map(|(_, p)| sections::encode_postings(p)).collect();
    add(kind::META, &|w| sections::write_meta(w, &data.meta));
    add(kind::DOCUMENTS, &|w| sections::write_documents(w, &data.documents));
    add(kind::PASSAGES, &|w| sections::write_passages(w, &data.passages));
    add(kind::TERMS, &|w| {
        let terms = data.terms.iter().zip(&postings).map(|((t, p), bytes)| (t.as_str(), p.len() as u32, bytes.len() as u32));
        sections::write_terms(w, &terms.collect::<Vec<_>>())
    });
    add(kind::POSTINGS, &|w| postings.iter().for_each(|p| w.bytes.extend_from_slice(p)));
    add_common(&mut add, data);
    envelope::write(FORMAT_VERSION, FileKind::Whole, &sections)
}

/// The sections a root and an index in one file share, written in the same order.
fn add_common(add: &mut impl FnMut(u32, &dyn Fn(&mut ByteWriter)), data: &IndexData) {
    add(kind::SYNONYMS, &|w| sections::write_synonyms(w, &data.synonyms));
    add(kind::CUES, &|w| sections::write_cues(w, &data.cues));
    add(kind::SUGGESTIONS, &|w| sections::write_suggestions(w, &data.suggestions));
    add(kind::WORD_LISTS, &|w| sections::write_word_lists(w, &data.word_lists));
    if !data.relations.is_empty() {
        let term_id = |t: &str| data.terms.binary_search_by(|(term, _)| term.as_str().cmp(t)).ok().map(|i| i as u32);
        add(kind::RELATIONS, &|w| sections::write_relations(w, &data.relations, term_id));
    }
}

pub fn decode(bytes: &[u8]) -> Result<Index, FormatError> {
    // A root may be followed by its shards (a bundle); anything else must end where it says.
    let stated = envelope::stated_length(bytes).filter(|&len| len >= envelope::HEADER_LEN && len < bytes.len());
    let (first, rest) = match stated {
        Some(len) if is_root(bytes) => bytes.split_at(len),
        _ => (bytes, &[][..]),
    };
    let file = envelope::read(first, FORMAT_VERSION)?;
    let failure = Failure::default();
    let decoded = match file.kind {
        FileKind::Whole => decode_whole(&file, &failure),
        FileKind::Root => decode_root(&file, &failure),
        FileKind::Shard => {
            return Err(FormatError::corrupt(
                "this is a shard: point at its root, the file without a hash in its name",
            ))
        }
    };
    let mut index = decoded.map_err(|_| failure.error())?;
    add_bundled_shards(&mut index, rest)?;
    Ok(index)
}

fn is_root(bytes: &[u8]) -> bool {
    bytes.get(8..12).is_some_and(|h| u16::from_le_bytes([h[0], h[1]]) >= 2 && u16::from_le_bytes([h[2], h[3]]) == FileKind::Root as u16)
}

/// Shards after a root, each matched to the root's record by its length and checksum.
fn add_bundled_shards(index: &mut Index, mut rest: &[u8]) -> Result<(), FormatError> {
    while !rest.is_empty() {
        let len = envelope::stated_length(rest).filter(|&len| len >= envelope::HEADER_LEN + 4 && len <= rest.len());
        let Some(len) = len else { return Err(FormatError::corrupt("bytes after the root that are no shard")) };
        let (shard, next) = rest.split_at(len);
        let checksum = u32::from_le_bytes([shard[len - 4], shard[len - 3], shard[len - 2], shard[len - 1]]);
        let number = index.layout.entries.iter().position(|e| e.checksum == checksum);
        let number = number.ok_or_else(|| FormatError::corrupt("a bundled shard the root does not name"))?;
        index.add_shard(number as u32, shard)?;
        rest = next;
    }
    Ok(())
}

fn decode_whole(file: &envelope::File, failure: &Failure) -> Read<Index> {
    let section = |kind: u32, name: &'static str| file.section(kind, name, failure);
    let meta = sections::read_meta(&mut section(kind::META, "meta")?)?;
    let documents = sections::read_documents(&mut section(kind::DOCUMENTS, "documents")?)?;
    let (passages, passage_docs) = sections::read_passages(&mut section(kind::PASSAGES, "passages")?, documents.len())?;
    let (terms, doc_freqs, byte_lens) = sections::read_terms(&mut section(kind::TERMS, "terms")?, file.version, false)?;
    let lists: Vec<(u32, u32, u32)> = (0..doc_freqs.len()).map(|t| (t as u32, doc_freqs[t], byte_lens[t])).collect();
    let postings = sections::read_postings(&mut section(kind::POSTINGS, "postings")?, &lists, terms.len(), passages.len(), false)?;
    let mut index = empty_index(meta, terms, doc_freqs, postings);
    index.documents = documents;
    index.unread = (0..passages.len() as u32).collect();
    index.passages = passages;
    index.passage_docs = passage_docs;
    index.needs_occurrences = true;
    read_common(file, &mut index, failure)?;
    Ok(index)
}

fn decode_root(file: &envelope::File, failure: &Failure) -> Read<Index> {
    let section = |kind: u32, name: &'static str| file.section(kind, name, failure);
    let meta = sections::read_meta(&mut section(kind::META, "meta")?)?;
    let mut directory = section(kind::TERM_DIRECTORY, "term directory")?;
    let (terms, doc_freqs, shard_gaps) = sections::read_terms(&mut directory, file.version, true)?;
    let mut layout = shards::read_layout(&mut section(kind::SHARDS, "shards")?)?;
    layout.term_shards = shard_numbers(&shard_gaps, &layout, ShardKind::Postings).ok_or_else(|| directory.corrupt("a term in a texts shard"))?;
    let postings = PostingStore::with_terms(terms.len());
    let mut index = empty_index(meta, terms, doc_freqs, postings);
    read_passage_table(&mut section(kind::PASSAGE_TABLE, "passage table")?, &mut index, &mut layout)?;
    if index.doc_freqs.iter().any(|&df| df as usize > index.passage_count()) {
        return Err(directory.corrupt("a term in more passages than exist"));
    }
    index.loaded = vec![false; layout.entries.len()];
    index.layout = layout;
    read_common(file, &mut index, failure)?;
    Ok(index)
}

/// Shard numbers from their zigzag gaps, each checked to be a shard of `kind`.
fn shard_numbers(gaps: &[u32], layout: &ShardLayout, kind: ShardKind) -> Option<Vec<u32>> {
    let mut shard: i64 = 0;
    gaps.iter()
        .map(|&gap| {
            shard += varint::unzigzag(gap);
            let number = u32::try_from(shard).ok()?;
            (layout.entries.get(number as usize)?.kind == kind).then_some(number)
        })
        .collect()
}

fn empty_index(meta: super::Meta, terms: Terms, doc_freqs: Vec<u32>, postings: PostingStore) -> Index {
    let mut terms_by_length: Vec<Vec<(TermId, u32)>> = Vec::new();
    for id in 0..terms.len() {
        let term = terms.get(id);
        let chars = term.chars().count();
        if terms_by_length.len() <= chars {
            terms_by_length.resize_with(chars + 1, Vec::new);
        }
        terms_by_length[chars].push((id as TermId, crate::text::letters_present(term)));
    }
    Index {
        meta,
        synonyms: Vec::new(),
        cues: Vec::new(),
        suggestions: Vec::new(),
        word_lists: Default::default(),
        relations: Vec::new(),
        terms,
        doc_freqs,
        terms_by_length,
        postings,
        documents: Vec::new(),
        passages: Vec::new(),
        passage_docs: Vec::new(),
        doc_starts: Vec::new(),
        facts: Vec::new(),
        layouts: Vec::new(),
        unread: Vec::new(),
        openers: Vec::new(),
        passage_openers: Vec::new(),
        layout: ShardLayout::default(),
        loaded: Vec::new(),
        needs_occurrences: false,
    }
}

fn read_common(file: &envelope::File, index: &mut Index, failure: &Failure) -> Read<()> {
    let section = |kind: u32, name: &'static str| file.section(kind, name, failure);
    index.synonyms = sections::read_synonyms(&mut section(kind::SYNONYMS, "synonyms")?)?;
    index.cues = sections::read_cues(&mut section(kind::CUES, "cues")?)?;
    index.suggestions = sections::read_suggestions(&mut section(kind::SUGGESTIONS, "suggestions")?, index.passage_count())?;
    index.word_lists = sections::read_word_lists(&mut section(kind::WORD_LISTS, "word lists")?)?;
    if file.has(kind::RELATIONS) {
        index.relations = sections::read_relations(&mut section(kind::RELATIONS, "relations")?, index.terms.len())?;
    } else if file.has(kind::RELATIONS_BY_WORD) {
        index.relations = sections::read_relations_by_word(&mut section(kind::RELATIONS_BY_WORD, "relations")?, index.terms.len())?;
    }
    Ok(())
}

#[cfg(feature = "build")]
/// ```text
/// document count | per document: passage count
/// opener count | per opener: text
/// per passage: zigzag gap to its text shard from the previous passage's
/// per passage: heading words << 1 | has digit
/// per passage: its heading's opener + 1 (0: no heading)
/// ```
/// In columns, which gzip compresses best.
fn write_passage_table(w: &mut ByteWriter, data: &IndexData, passage_shards: &[u32], facts: &[PassageFacts], openers: &[String], passage_openers: &[u32]) {
    w.len_of(data.documents.len());
    let mut counts = vec![0u32; data.documents.len()];
    data.passages.iter().for_each(|p| counts[p.doc as usize] += 1);
    counts.iter().for_each(|&c| w.varint(c));
    w.len_of(openers.len());
    openers.iter().for_each(|o| w.str(o));
    let mut previous: i64 = 0;
    for &shard in passage_shards {
        w.varint(varint::zigzag(i64::from(shard) - previous));
        previous = i64::from(shard);
    }
    facts.iter().for_each(|fact| w.varint(fact.heading_words << 1 | u32::from(fact.has_digit)));
    passage_openers.iter().for_each(|opener| w.varint(opener.wrapping_add(1)));
}

fn read_passage_table(r: &mut ByteReader, index: &mut Index, layout: &mut ShardLayout) -> Read<()> {
    let doc_count = r.count(1)?;
    let mut doc_starts = Vec::with_capacity(doc_count + 1);
    let mut passage_docs = Vec::new();
    for doc in 0..doc_count {
        doc_starts.push(passage_docs.len() as u32);
        let count = r.varint()? as usize;
        // Each passage takes at least three bytes below.
        if passage_docs.len() + count > r.remaining() / 3 {
            return Err(r.corrupt("too many passages"));
        }
        passage_docs.resize(passage_docs.len() + count, doc as u32);
    }
    doc_starts.push(passage_docs.len() as u32);
    let opener_count = r.count(1)?;
    let openers = r.strings(opener_count)?;
    let passages = passage_docs.len();
    let gaps = r.varints(passages)?;
    let facts = r.varints(passages)?.iter().map(|&packed| PassageFacts { heading_words: packed >> 1, has_digit: packed & 1 == 1 }).collect();
    let mut passage_openers = Vec::with_capacity(passages);
    for _ in 0..passages {
        let opener = r.varint()?.wrapping_sub(1);
        if opener != u32::MAX && opener as usize >= openers.len() {
            return Err(r.corrupt("no such heading opener"));
        }
        passage_openers.push(opener);
    }
    layout.passage_shards = shard_numbers(&gaps, layout, ShardKind::Texts).ok_or_else(|| r.corrupt("a passage in a postings shard"))?;
    index.documents = vec![None; doc_count];
    index.passages = vec![None; passages];
    index.passage_docs = passage_docs;
    index.doc_starts = doc_starts;
    index.facts = facts;
    index.openers = openers;
    index.passage_openers = passage_openers;
    Ok(())
}

/// A sharded index as files: the root, and each shard's file name and bytes.
pub struct Sharded {
    pub root: Vec<u8>,
    pub shards: Vec<(String, Vec<u8>)>,
}

#[cfg(feature = "build")]
pub use writer::{encode_sharded, PreparedShards, ShardPlan};

#[cfg(feature = "build")]
mod writer {
    use super::*;
    use crate::analysis::Analyzer;
    use crate::index::derive::{heading_opener, passage_facts, sentences_of, BlockScratch, PassageWords};
    use crate::index::shards::ShardEntry;

    /// Which shard each term's postings and each passage's text go to; shard numbers index
    /// `kinds`.
    pub struct ShardPlan {
        pub kinds: Vec<ShardKind>,
        pub term_shards: Vec<u32>,
        pub passage_shards: Vec<u32>,
    }

    /// Each term's postings as a postings shard holds them, before they are grouped into
    /// shards: their sizes are what a layout is planned by.
    pub struct PreparedShards<'a> {
        data: &'a IndexData,
        analyzer: &'a Analyzer,
        pub term_bytes: Vec<Vec<u8>>,
    }

    impl<'a> PreparedShards<'a> {
        pub fn new(data: &'a IndexData, analyzer: &'a Analyzer) -> PreparedShards<'a> {
            let id_of = |t: &str| data.terms.binary_search_by(|(term, _)| term.as_str().cmp(t)).ok().map(|i| i as TermId);
            let mut words = PassageWords::new(analyzer, id_of);
            let mut term_bytes: Vec<Vec<u8>> = vec![Vec::new(); data.terms.len()];
            let mut cursors = vec![0usize; data.terms.len()];
            let mut previous: Vec<Option<u32>> = vec![None; data.terms.len()];
            let mut write_until = |term: usize, passage: u32, block: &[u8], bytes: &mut Vec<Vec<u8>>| {
                let postings = &data.terms[term].1;
                while let Some(posting) = postings.get(cursors[term]).filter(|p| p.passage <= passage) {
                    let block: &[u8] = if posting.passage == passage { block } else { &[0] };
                    shards::write_entry(&mut bytes[term], previous[term], posting.passage, posting.weight, block);
                    previous[term] = Some(posting.passage);
                    cursors[term] += 1;
                }
            };
            let mut scratch = BlockScratch::default();
            for (p, passage) in data.passages.iter().enumerate() {
                let sentences = sentences_of(analyzer, &passage.text);
                words.blocks(&passage.text, &sentences, passage.heading.as_deref(), &mut scratch, |term, block| {
                    write_until(term as usize, p as u32, block, &mut term_bytes)
                });
            }
            for term in 0..data.terms.len() {
                write_until(term, u32::MAX, &[0], &mut term_bytes);
            }
            PreparedShards { data, analyzer, term_bytes }
        }

        /// The bytes of each passage's text and its share of its document's record, as a
        /// texts shard holds them.
        pub fn passage_bytes(&self) -> Vec<usize> {
            self.data
                .passages
                .iter()
                .map(|p| {
                    let doc = &self.data.documents[p.doc as usize];
                    p.text.len() + p.heading.as_ref().map_or(0, String::len) + p.section_id.as_ref().map_or(0, String::len) + (doc.id.len() + doc.title.len()) / 4 + 4
                })
                .collect()
        }

        pub fn write(&self, plan: &ShardPlan, stem: &str) -> Sharded {
            let data = self.data;
            let mut bodies: Vec<Vec<u8>> = Vec::with_capacity(plan.kinds.len());
            for (shard, kind) in plan.kinds.iter().enumerate() {
                let shard = shard as u32;
                bodies.push(match kind {
                    ShardKind::Postings => {
                        let terms: Vec<(TermId, Vec<u8>)> = (0..data.terms.len())
                            .filter(|&t| plan.term_shards[t] == shard)
                            .map(|t| (t as TermId, self.term_bytes[t].clone()))
                            .collect();
                        shards::write_postings_body(&terms)
                    }
                    ShardKind::Texts => {
                        let mut runs: Vec<(u32, &crate::index::Document, u32, &[crate::index::Passage])> = Vec::new();
                        let mut p = 0;
                        while p < data.passages.len() {
                            if plan.passage_shards[p] != shard {
                                p += 1;
                                continue;
                            }
                            let doc = data.passages[p].doc;
                            let start = p;
                            while p < data.passages.len() && plan.passage_shards[p] == shard && data.passages[p].doc == doc {
                                p += 1;
                            }
                            runs.push((doc, &data.documents[doc as usize], start as u32, &data.passages[start..p]));
                        }
                        shards::write_texts_body(&runs)
                    }
                });
            }
            let mut files = Vec::with_capacity(bodies.len());
            let mut entries = Vec::with_capacity(bodies.len());
            let mut checksums = std::collections::BTreeSet::new();
            let mut build = envelope::CHECKSUM.digest();
            for (shard, (kind, body)) in plan.kinds.iter().zip(bodies).enumerate() {
                // Names come from CRCs: two shards of one build must not share one.
                let (bytes, checksum) = (0..)
                    .map(|nonce| {
                        let bytes = shards::write_shard(*kind, shard as u32, nonce, body.clone());
                        let checksum = u32::from_le_bytes(bytes[bytes.len() - 4..].try_into().unwrap_or_default());
                        (bytes, checksum)
                    })
                    .find(|(_, checksum)| !checksums.contains(checksum))
                    .unwrap_or_default();
                checksums.insert(checksum);
                build.update(&bytes);
                entries.push(ShardEntry { kind: *kind, checksum });
                files.push(bytes);
            }
            let layout = ShardLayout { stem: stem.to_owned(), build: build.finalize(), entries, term_shards: Vec::new(), passage_shards: Vec::new() };
            let root = self.root(plan, &layout);
            let shards = files.into_iter().enumerate().map(|(i, bytes)| (layout.file_name(i as u32).unwrap_or_default(), bytes)).collect();
            Sharded { root, shards }
        }

        fn root(&self, plan: &ShardPlan, layout: &ShardLayout) -> Vec<u8> {
            let data = self.data;
            let mut facts = Vec::with_capacity(data.passages.len());
            let mut opener_numbers: std::collections::BTreeMap<String, u32> = std::collections::BTreeMap::new();
            let mut passage_openers = Vec::with_capacity(data.passages.len());
            for passage in &data.passages {
                facts.push(passage_facts(self.analyzer, &passage.text, passage.heading.as_deref()));
                passage_openers.push(match passage.heading.as_deref() {
                    Some(heading) => {
                        let next = opener_numbers.len() as u32;
                        *opener_numbers.entry(heading_opener(heading)).or_insert(next)
                    }
                    None => u32::MAX,
                });
            }
            let mut openers: Vec<(u32, String)> = opener_numbers.into_iter().map(|(o, n)| (n, o)).collect();
            openers.sort_unstable();
            let openers: Vec<String> = openers.into_iter().map(|(_, o)| o).collect();
            let mut sections = Vec::new();
            let mut add = |kind: u32, write: &dyn Fn(&mut ByteWriter)| {
                let mut w = ByteWriter::default();
                write(&mut w);
                sections.push((kind, w.bytes));
            };
            add(kind::META, &|w| sections::write_meta(w, &data.meta));
            add(kind::TERM_DIRECTORY, &|w| {
                let mut previous: i64 = 0;
                let terms = data.terms.iter().enumerate().map(|(t, (term, postings))| {
                    let shard = i64::from(plan.term_shards[t]);
                    let gap = varint::zigzag(shard - previous);
                    previous = shard;
                    (term.as_str(), postings.len() as u32, gap)
                });
                sections::write_terms(w, &terms.collect::<Vec<_>>())
            });
            add(kind::PASSAGE_TABLE, &|w| write_passage_table(w, data, &plan.passage_shards, &facts, &openers, &passage_openers));
            add(kind::SHARDS, &|w| shards::write_layout(w, layout));
            add_common(&mut add, data);
            envelope::write(FORMAT_VERSION, FileKind::Root, &sections)
        }
    }

    /// Writes a sharded index: `plan` says what goes where, `stem` names the files.
    pub fn encode_sharded(data: &IndexData, analyzer: &Analyzer, plan: &ShardPlan, stem: &str) -> Sharded {
        PreparedShards::new(data, analyzer).write(plan, stem)
    }
}
