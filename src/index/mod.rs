//! What an index holds, and its decoded, query-ready form.
//!
//! `IndexData` is what the builder fills and `format::encode` writes; `Index` is what
//! `format::decode` reads back, with postings kept packed so a large index stays small in
//! the browser's memory.

mod bytes;
mod format;

use thiserror::Error;

use crate::analysis::WordLists;

pub use format::{decode, encode, FORMAT_VERSION, MAGIC};

#[derive(Debug, Error, Clone, PartialEq)]
pub enum FormatError {
    #[error("these bytes are not a qa-widget index (they start with {found}); check that the index path or URL points at a file made by `qa-widget build`")]
    NotAnIndex { found: String },
    #[error("this index uses format version {found}, but this qa-widget reads version {supported}; rebuild the index with the qa-widget version that serves it")]
    UnsupportedVersion { found: u16, supported: u16 },
    #[error("the index is truncated: it holds {actual} of its {expected} bytes; copy or download it again")]
    Truncated { expected: u64, actual: u64 },
    #[error("the index is corrupt ({reason}); copy it again, or rebuild it with `qa-widget build`")]
    Corrupt { reason: String },
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

/// A visitor's word and page terms that can stand in for it, mined at build time from
/// lexical resources (`build::knowledge`).
#[derive(Clone, Debug, PartialEq)]
pub struct Relation {
    /// The analyzer term of the visitor's word.
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

/// A decoded index. Construct it with `Index::from_bytes`.
#[derive(Debug)]
pub struct Index {
    pub meta: Meta,
    pub documents: Vec<Document>,
    pub passages: Vec<Passage>,
    pub synonyms: Vec<SynonymGroup>,
    pub cues: Vec<Cue>,
    pub suggestions: Vec<Suggestion>,
    pub word_lists: WordLists,
    relations: Vec<(String, Vec<RelatedTerms>)>,
    terms: Vec<String>,
    /// Term ids by length in characters, for typo search: a word is only compared with
    /// terms of about its own length.
    terms_by_length: Vec<Vec<TermId>>,
    postings: PackedPostings,
}

/// Postings as stored: per term, passage gaps as varints, each followed by its weight byte.
#[derive(Debug, Default)]
struct PackedPostings {
    data: Vec<u8>,
    /// `starts[t]..starts[t + 1]` is term `t`'s slice of `data`.
    starts: Vec<u32>,
    doc_freqs: Vec<u32>,
}

pub type TermId = u32;

impl Index {
    pub fn from_bytes(bytes: &[u8]) -> Result<Index, FormatError> {
        decode(bytes)
    }

    pub fn term_count(&self) -> usize {
        self.terms.len()
    }

    pub fn term_id(&self, term: &str) -> Option<TermId> {
        self.terms.binary_search_by(|t| t.as_str().cmp(term)).ok().map(|i| i as TermId)
    }

    pub fn term(&self, id: TermId) -> &str {
        self.terms.get(id as usize).map_or("", String::as_str)
    }

    /// The terms that start with `prefix` (itself included), in sorted order.
    pub fn terms_with_prefix<'a>(&'a self, prefix: &'a str) -> impl Iterator<Item = (TermId, &'a str)> + 'a {
        let start = self.terms.partition_point(|t| t.as_str() < prefix);
        self.terms[start..]
            .iter()
            .take_while(move |t| t.starts_with(prefix))
            .enumerate()
            .map(move |(i, t)| ((start + i) as TermId, t.as_str()))
    }

    /// The terms of `chars` characters.
    pub fn terms_of_length(&self, chars: usize) -> impl Iterator<Item = (TermId, &str)> {
        self.terms_by_length.get(chars).into_iter().flatten().map(|&id| (id, self.term(id)))
    }

    /// Every term, in sorted order, with its id.
    pub fn terms(&self) -> impl Iterator<Item = (TermId, &str)> {
        self.terms.iter().enumerate().map(|(i, t)| (i as TermId, t.as_str()))
    }

    /// How many passages contain the term.
    pub fn doc_freq(&self, id: TermId) -> u32 {
        self.postings.doc_freqs.get(id as usize).copied().unwrap_or(0)
    }

    pub fn postings(&self, id: TermId) -> impl Iterator<Item = Posting> + '_ {
        let range = self.postings.range(id);
        PostingIter { data: &self.postings.data[range], pos: 0, passage: 0, first: true }
    }

    /// The relation targets of a visitor's word (its analyzer term), if any.
    pub fn relations_for(&self, word: &str) -> Option<&[RelatedTerms]> {
        let i = self.relations.binary_search_by(|(w, _)| w.as_str().cmp(word)).ok()?;
        Some(&self.relations[i].1)
    }

    pub fn document_of(&self, passage: &Passage) -> Option<&Document> {
        self.documents.get(passage.doc as usize)
    }
}

impl PackedPostings {
    fn range(&self, id: TermId) -> std::ops::Range<usize> {
        let i = id as usize;
        match (self.starts.get(i), self.starts.get(i + 1)) {
            (Some(&start), Some(&end)) if start <= end && end as usize <= self.data.len() => start as usize..end as usize,
            _ => 0..0,
        }
    }
}

/// Walks one packed postings list. `decode` has validated every list, and the walk stops
/// quietly at anything unexpected rather than panicking.
struct PostingIter<'a> {
    data: &'a [u8],
    pos: usize,
    passage: u32,
    first: bool,
}

impl Iterator for PostingIter<'_> {
    type Item = Posting;

    fn next(&mut self) -> Option<Posting> {
        let mut gap: u32 = 0;
        let mut shift = 0;
        loop {
            let byte = *self.data.get(self.pos)?;
            self.pos += 1;
            gap |= u32::from(byte & 0x7f).checked_shl(shift)?;
            if byte & 0x80 == 0 {
                break;
            }
            shift += 7;
        }
        let weight = *self.data.get(self.pos)?;
        self.pos += 1;
        self.passage = if self.first { gap } else { self.passage.checked_add(gap)? };
        self.first = false;
        Some(Posting { passage: self.passage, weight })
    }
}
