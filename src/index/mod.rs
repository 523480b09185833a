//! What an index holds, and its decoded, query-ready form.
//!
//! `IndexData` is what the builder fills and `format::encode` writes, as one file or as a
//! root and its shards; `Index` is what the decoder reads back. A sharded index starts with
//! its root only: the root says which shard holds what (`shard_of_term`,
//! `shard_of_passage`), the engine says which of them a question lacks, and whoever can
//! fetch (JavaScript in the browser, the file system in the CLI) hands their bytes to
//! `add_shard`. Nothing here does I/O.

mod bytes;
mod derive;
mod envelope;
mod format;
pub mod limits;
mod postings;
mod sections;
mod shards;
mod varint;

use thiserror::Error;

use crate::analysis::WordLists;

pub use derive::{each_word, heading_opener, layout_of, passage_facts, sentences_of, PassageFacts, PassageLayout, PassageWords, Sentence};
pub use envelope::MAGIC;
pub use format::{decode, encode, Sharded, FORMAT_VERSION};
#[cfg(feature = "build")]
pub use format::{encode_sharded, PreparedShards, ShardPlan};
pub use postings::{Occurrence, OccurrenceWriter, Occurrences};
pub use shards::{ShardEntry, ShardKind, ShardLayout};

/// Why bytes are not a usable index. Small (a boxed text), so that passing one up through
/// the decoder costs little code in the wasm.
#[derive(Debug, Error, Clone, PartialEq)]
pub enum FormatError {
    #[error("these bytes are not a qa-widget index (they start with {found}); check that the index path or URL points at a file made by `qa-widget build`")]
    NotAnIndex { found: Box<str> },
    #[error("this index uses format version {found}, but this qa-widget reads versions 1 to {supported}; rebuild the index with the qa-widget version that serves it")]
    UnsupportedVersion { found: u16, supported: u16 },
    #[error("the index is truncated: it holds {actual} of its {expected} bytes; copy or download it again")]
    Truncated { expected: u32, actual: u32 },
    #[error("the index is corrupt ({reason}); copy it again, or rebuild it with `qa-widget build`")]
    Corrupt { reason: Box<str> },
}

impl FormatError {
    pub(crate) fn corrupt(reason: impl Into<String>) -> FormatError {
        FormatError::Corrupt { reason: reason.into().into_boxed_str() }
    }
}

/// How the index was built. The query side reads its scoring constants from here, so an
/// index and the engine that reads it can never disagree about them.
#[derive(Clone, Debug, PartialEq)]
pub struct Meta {
    /// Language tag of the analyzer that made the terms ("en").
    pub language: String,
    pub k1: f32,
    pub b: f32,
    pub fields: FieldWeights,
    /// The stored one-byte weights are `weight / weight_scale * 255`.
    pub weight_scale: f32,
    /// The tool and version that wrote the index, for support questions.
    pub builder: String,
}

/// How much a match in each part of a passage counts. A question that matches a section
/// heading is strong evidence that the section answers it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct FieldWeights {
    pub body: f32,
    pub heading: f32,
    pub title: f32,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Document {
    pub id: String,
    pub title: String,
    pub url: Option<String>,
}

/// A retrievable unit: whole sentences of one section, of bounded length.
#[derive(Clone, Debug, PartialEq)]
pub struct Passage {
    /// Position of its document in `documents`.
    pub doc: u32,
    pub heading: Option<String>,
    /// The section id given by the input (JSONL records), if any.
    pub section_id: Option<String>,
    pub text: String,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Posting {
    pub passage: u32,
    /// BM25 term weight of this term in this passage, all fields combined, quantized.
    pub weight: u8,
}

/// Words that mean the same here ("fat", "adipose"). Each member is a sequence of index
/// terms, so "platelet rich plasma" can stand for "prp".
#[derive(Clone, Debug, PartialEq)]
pub struct SynonymGroup {
    pub members: Vec<Vec<String>>,
}

/// A question pattern that tells what kind of answer is wanted: "how long" asks for a
/// duration, so passages with "weeks" or "months" gain a little.
#[derive(Clone, Debug, PartialEq)]
pub struct Cue {
    /// Folded question words, in order ("how", "long").
    pub trigger: Vec<String>,
    /// Index terms that answers of that kind tend to contain.
    pub expansions: Vec<String>,
    /// The question asks for a quantity ("how long", "how many"): an answer states one.
    pub wants_number: bool,
}

/// A question the widget can offer before anything is asked: an FAQ question or a heading.
#[derive(Clone, Debug, PartialEq)]
pub struct Suggestion {
    pub question: String,
    pub passage: u32,
}

/// What a visitor's word may stand for on these pages, mined at build time (WordNet, word
/// vectors): "heart attack" for "infarction".
#[derive(Clone, Debug, PartialEq)]
pub struct Relation {
    /// The analyzer term (stem) of a visitor's word.
    pub word: String,
    pub targets: Vec<RelationTarget>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct RelationTarget {
    /// Page terms; more than one is a phrase.
    pub terms: Vec<String>,
    /// In (0, 1]; stored as a byte, so it reads back as a multiple of 1/255.
    pub weight: f32,
    /// Bit flags: `RELATION_WORDNET`, `RELATION_VECTORS`.
    pub source: u8,
}

pub const RELATION_WORDNET: u8 = 1;
pub const RELATION_VECTORS: u8 = 2;

/// A relation target as the engine uses it: the page terms by id.
#[derive(Clone, Debug, PartialEq)]
pub struct RelatedTerms {
    pub terms: Vec<TermId>,
    pub weight: f32,
    pub source: u8,
}

#[derive(Clone, Debug, PartialEq)]
pub struct IndexData {
    pub meta: Meta,
    pub documents: Vec<Document>,
    /// The passages of each document are contiguous and in document order.
    pub passages: Vec<Passage>,
    /// Sorted by term, each term once, postings sorted by passage.
    pub terms: Vec<(String, Vec<Posting>)>,
    pub synonyms: Vec<SynonymGroup>,
    pub cues: Vec<Cue>,
    pub suggestions: Vec<Suggestion>,
    /// Sorted by word, each word once.
    pub relations: Vec<Relation>,
    /// The analyzer's word lists, so the index is read exactly as it was written.
    pub word_lists: WordLists,
}

pub type TermId = u32;

/// A decoded index. Construct it with `Index::from_bytes`.
#[derive(Debug)]
pub struct Index {
    pub meta: Meta,
    pub synonyms: Vec<SynonymGroup>,
    pub cues: Vec<Cue>,
    pub suggestions: Vec<Suggestion>,
    pub word_lists: WordLists,
    relations: Vec<(String, Vec<RelatedTerms>)>,
    terms: Terms,
    doc_freqs: Vec<u32>,
    /// Term ids by length in characters, for typo search: a word is only compared with
    /// terms of about its own length. With each, the letters it has (`letters_present`),
    /// which rule out most of them at a glance: working them out per question was a tenth
    /// of a question's time in wasm.
    terms_by_length: Vec<Vec<(TermId, u32)>>,
    postings: postings::PostingStore,
    documents: Vec<Option<Document>>,
    passages: Vec<Option<Passage>>,
    passage_docs: Vec<u32>,
    /// A sharded root's first passage of each document, and the passage count at the end.
    doc_starts: Vec<u32>,
    facts: Vec<PassageFacts>,
    /// Per loaded passage, its sentences with the word each starts at and where each word
    /// is, so that excerpts are chosen and highlighted without scanning the text again.
    /// `None` until derived (`derive_from_texts`).
    layouts: Vec<Option<PassageLayout>>,
    /// Passages whose texts were loaded and whose sentences are still to be read.
    unread: Vec<u32>,
    /// A sharded root's heading openers (`heading_opener`), each once, and per passage the
    /// number of its heading's (`u32::MAX` for none). An index in one file reads them from
    /// its headings.
    openers: Vec<String>,
    passage_openers: Vec<u32>,
    /// Empty for an index in one file.
    layout: ShardLayout,
    loaded: Vec<bool>,
    /// Postings read from the file whose occurrences are still to be derived from the texts
    /// (an index in one file stores no positions; the engine derives them once it has the
    /// analyzer).
    needs_occurrences: bool,
}

/// Every term in one buffer: 23,000 terms as one allocation rather than 23,000.
#[derive(Debug, Default)]
struct Terms {
    text: String,
    ends: Vec<u32>,
}

impl Terms {
    fn len(&self) -> usize {
        self.ends.len()
    }

    fn get(&self, id: usize) -> &str {
        let end = self.ends.get(id).map_or(0, |&e| e as usize);
        let start = if id == 0 { 0 } else { self.ends.get(id - 1).map_or(end, |&s| s as usize) };
        self.text.get(start..end).unwrap_or("")
    }

    fn position(&self, term: &str) -> Result<usize, usize> {
        let (mut low, mut high) = (0, self.len());
        while low < high {
            let mid = low + (high - low) / 2;
            match self.get(mid).cmp(term) {
                std::cmp::Ordering::Less => low = mid + 1,
                std::cmp::Ordering::Greater => high = mid,
                std::cmp::Ordering::Equal => return Ok(mid),
            }
        }
        Err(low)
    }
}

/// Shards a question needs and the index lacks, by number (`Index::shard_file` names them).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MissingShards {
    pub shards: Vec<u32>,
}

impl MissingShards {
    fn add(&mut self, shard: u32) {
        if !self.shards.contains(&shard) {
            self.shards.push(shard);
        }
    }
}

impl Index {
    /// Decodes an index in one file, a sharded index's root, or a root followed by its
    /// shards (a bundle, as `--standalone` pages carry it).
    pub fn from_bytes(bytes: &[u8]) -> Result<Index, FormatError> {
        decode(bytes)
    }

    pub fn term_count(&self) -> usize {
        self.terms.len()
    }

    pub fn term_id(&self, term: &str) -> Option<TermId> {
        self.terms.position(term).ok().map(|i| i as TermId)
    }

    pub fn term(&self, id: TermId) -> &str {
        self.terms.get(id as usize)
    }

    /// The terms that start with `prefix` (itself included), in sorted order.
    pub fn terms_with_prefix<'a>(&'a self, prefix: &'a str) -> impl Iterator<Item = (TermId, &'a str)> + 'a {
        let start = self.terms.position(prefix).unwrap_or_else(|i| i);
        (start..self.terms.len()).map(|i| (i as TermId, self.terms.get(i))).take_while(move |(_, t)| t.starts_with(prefix))
    }

    /// The terms of `chars` characters, with the letters each has (`text::letters_present`).
    pub fn terms_of_length(&self, chars: usize) -> &[(TermId, u32)] {
        self.terms_by_length.get(chars).map_or(&[], Vec::as_slice)
    }

    /// Every term, in sorted order, with its id.
    pub fn terms(&self) -> impl Iterator<Item = (TermId, &str)> {
        (0..self.terms.len()).map(|i| (i as TermId, self.terms.get(i)))
    }

    /// How many passages contain the term.
    pub fn doc_freq(&self, id: TermId) -> u32 {
        self.doc_freqs.get(id as usize).copied().unwrap_or(0)
    }

    /// The term's postings, by passage. Empty when the term's shard is not loaded.
    pub fn postings(&self, id: TermId) -> impl Iterator<Item = Posting> + '_ {
        let (passages, weights) = self.postings.lists(id);
        passages.iter().zip(weights).map(|(&passage, &weight)| Posting { passage, weight })
    }

    /// The passages and weights of a term's postings, as two parallel slices.
    pub fn posting_lists(&self, id: TermId) -> (&[u32], &[u8]) {
        self.postings.lists(id)
    }

    /// Where the term occurs in the passage: its words in the body, by position, and how
    /// many words of the heading it is. Empty when the passage does not hold the term.
    pub fn occurrences(&self, id: TermId, passage: u32) -> Occurrences<'_> {
        self.postings.occurrences(id, passage)
    }

    pub fn passage_count(&self) -> usize {
        self.passage_docs.len()
    }

    pub fn document_count(&self) -> usize {
        self.documents.len()
    }

    /// The passage, when its text is loaded.
    pub fn passage(&self, passage: u32) -> Option<&Passage> {
        self.passages.get(passage as usize)?.as_ref()
    }

    /// The document a passage belongs to (known from the root, loaded or not).
    /// Every passage's document number, by passage.
    pub fn passage_documents(&self) -> &[u32] {
        &self.passage_docs
    }

    pub fn document_number(&self, passage: u32) -> Option<u32> {
        self.passage_docs.get(passage as usize).copied()
    }

    /// The passages of a document, in a sharded root (where they are contiguous).
    pub fn document_passages(&self, doc: u32) -> Option<std::ops::Range<u32>> {
        let start = *self.doc_starts.get(doc as usize)?;
        Some(start..*self.doc_starts.get(doc as usize + 1)?)
    }

    /// The document, when it is loaded (it travels with its passages' texts).
    pub fn document(&self, doc: u32) -> Option<&Document> {
        self.documents.get(doc as usize)?.as_ref()
    }

    pub fn document_of(&self, passage: &Passage) -> Option<&Document> {
        self.document(passage.doc)
    }

    /// The passage's sentences, once its text is loaded and read.
    pub fn sentences(&self, passage: u32) -> &[Sentence] {
        self.layouts.get(passage as usize).and_then(Option::as_ref).map_or(&[], |l| &l.sentences)
    }

    /// The bytes of each word of the passage's text, by position, once its text is read.
    pub fn word_spans(&self, passage: u32) -> &[[u32; 2]] {
        self.layouts.get(passage as usize).and_then(Option::as_ref).map_or(&[], |l| &l.words)
    }

    /// What ranking reads of a passage besides its terms: the heading's size and first word,
    /// and whether the text states a figure.
    pub fn facts(&self, passage: u32) -> PassageFacts {
        self.facts.get(passage as usize).copied().unwrap_or_default()
    }

    /// Whether the passage's heading opens with `word` (lower case), as `heading_opener`
    /// reads it.
    pub fn heading_opens_with(&self, passage: u32, word: &str) -> bool {
        if let Some(&opener) = self.passage_openers.get(passage as usize) {
            return self.openers.get(opener as usize).is_some_and(|o| o == word);
        }
        let heading = self.passage(passage).and_then(|p| p.heading.as_deref());
        heading.is_some_and(|h| h.split_whitespace().next().unwrap_or("").eq_ignore_ascii_case(word) && !word.bytes().any(|b| b.is_ascii_uppercase()))
    }

    /// The relation targets of a visitor's word (its analyzer term), if any.
    pub fn relations_for(&self, word: &str) -> Option<&[RelatedTerms]> {
        let i = self.relations.binary_search_by(|(w, _)| w.as_str().cmp(word)).ok()?;
        Some(&self.relations[i].1)
    }

    /// Whether the index is a root with shards beside it.
    pub fn is_sharded(&self) -> bool {
        !self.layout.entries.is_empty()
    }

    pub fn shard_count(&self) -> usize {
        self.layout.entries.len()
    }

    /// The file name of a shard, to be found in the root's folder.
    pub fn shard_file(&self, shard: u32) -> Option<String> {
        self.layout.file_name(shard)
    }

    pub fn shard_entry(&self, shard: u32) -> Option<&ShardEntry> {
        self.layout.entries.get(shard as usize)
    }

    pub fn is_loaded(&self, shard: u32) -> bool {
        self.loaded.get(shard as usize).copied().unwrap_or(false)
    }

    /// Checks a shard's bytes against the root and takes in what it holds. A shard that is
    /// already loaded is left as it is; bytes that are not that shard change nothing.
    pub fn add_shard(&mut self, shard: u32, bytes: &[u8]) -> Result<(), FormatError> {
        if self.is_loaded(shard) {
            return Ok(());
        }
        shards::add(self, shard, bytes)?;
        self.loaded[shard as usize] = true;
        Ok(())
    }

    /// The shards that hold the postings of `terms` and are not loaded yet.
    pub fn missing_for_terms(&self, terms: impl IntoIterator<Item = TermId>, missing: &mut MissingShards) {
        for term in terms {
            if let Some(&shard) = self.layout.term_shards.get(term as usize) {
                if !self.is_loaded(shard) {
                    missing.add(shard);
                }
            }
        }
    }

    /// The shards that hold the texts (and documents) of `passages` and are not loaded yet.
    pub fn missing_for_passages(&self, passages: impl IntoIterator<Item = u32>, missing: &mut MissingShards) {
        for passage in passages {
            if let Some(&shard) = self.layout.passage_shards.get(passage as usize) {
                if !self.is_loaded(shard) {
                    missing.add(shard);
                }
            }
        }
    }

    /// Derives what no file stores from the texts, with the analyzer the index was written
    /// with: for an index in one file, where each term occurs and the facts of each passage;
    /// for every loaded passage, its sentences. Call it after loading texts.
    pub fn derive_from_texts(&mut self, analyzer: &crate::analysis::Analyzer) {
        if self.needs_occurrences {
            derive::derive_occurrences(self, analyzer);
            self.needs_occurrences = false;
        }
        self.layouts.resize(self.passages.len(), None);
        for p in std::mem::take(&mut self.unread) {
            if let (Some(Some(passage)), Some(layout)) = (self.passages.get(p as usize), self.layouts.get_mut(p as usize)) {
                *layout = Some(layout_of(analyzer, &passage.text));
            }
        }
    }
}
