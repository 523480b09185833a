//! Postings in memory, and where each term occurs in each passage.
//!
//! The first ranking stage walks (passage, weight) lists, so those are kept as two plain
//! arrays per term: no varint decoding on the hot path. Reranking reads, for a few
//! candidate passages, where the question's terms occur: each posting carries an
//! occurrence block, packed as in the shard files and decoded only when read.
//!
//! ```text
//! occurrence block  varint (body words << 2 | min(heading words, 3))
//!                   [varint heading words - 3, when 3 or more]
//!                   per body word: varint (position gap << 1 | in a sentence opening)
//!                     [varint (sentence gap << 2 | min(earlier openings, 3))
//!                      [varint earlier openings - 3]]        when in an opening
//! ```
//! A position counts every word of the passage, stop words included, from 0; its gap is to
//! the previous occurrence (the first is absolute). A word is "in a sentence opening" when it
//! starts within the first `OPENING_BYTES` bytes of a sentence; since short sentences can
//! follow one another, it may be in the openings of the sentence it belongs to and of up to
//! a few before it: `earlier openings` says how many. The sentence gap is to the previous
//! occurrence in an opening (the first is the sentence's number).

use super::varint;
use super::TermId;

/// How far into a sentence its opening reaches, in bytes: "Spinal stenosis can occur when…"
/// opens with the thing it defines.
pub const OPENING_BYTES: usize = 40;

/// One word of a passage that is a given term.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Occurrence {
    /// Word number in the passage, stop words counted.
    pub position: u32,
    /// The sentences (by number, first..=last) whose opening the word is in, if any.
    pub openings: Option<(u32, u32)>,
}

/// Writes occurrence blocks: the builder for shards and the loader for an index in one
/// file share it, so both hold exactly the same bytes.
#[derive(Default)]
pub struct OccurrenceWriter {
    body: Vec<Occurrence>,
    heading_words: u32,
}

impl OccurrenceWriter {
    pub fn clear(&mut self) {
        self.body.clear();
        self.heading_words = 0;
    }

    pub fn body_word(&mut self, occurrence: Occurrence) {
        self.body.push(occurrence);
    }

    pub fn heading_word(&mut self) {
        self.heading_words += 1;
    }

    pub fn is_empty(&self) -> bool {
        self.body.is_empty() && self.heading_words == 0
    }

    pub fn write(&self, out: &mut Vec<u8>) {
        let body = u32::try_from(self.body.len()).unwrap_or(u32::MAX >> 2).min(u32::MAX >> 2);
        varint::write(out, body << 2 | self.heading_words.min(3));
        if self.heading_words >= 3 {
            varint::write(out, self.heading_words - 3);
        }
        let (mut position, mut sentence) = (0u32, 0u32);
        for (i, occurrence) in self.body.iter().take(body as usize).enumerate() {
            let gap = if i == 0 { occurrence.position } else { occurrence.position - position };
            position = occurrence.position;
            match occurrence.openings {
                None => varint::write(out, gap << 1),
                Some((first, last)) => {
                    varint::write(out, gap << 1 | 1);
                    let earlier = last - first;
                    varint::write(out, (last - sentence) << 2 | earlier.min(3));
                    if earlier >= 3 {
                        varint::write(out, earlier - 3);
                    }
                    sentence = last;
                }
            }
        }
    }
}

/// A decoded view of one occurrence block.
#[derive(Clone, Debug, Default)]
pub struct Occurrences<'a> {
    bytes: &'a [u8],
    pos: usize,
    body_left: u32,
    pub heading_words: u32,
    position: u32,
    sentence: u32,
    first: bool,
}

impl<'a> Occurrences<'a> {
    /// Reads a block's header; `None` if it is malformed. `validate` walks the whole block.
    fn new(bytes: &'a [u8]) -> Option<Occurrences<'a>> {
        let mut pos = 0;
        let header = varint::read(bytes, &mut pos)?;
        let mut heading_words = header & 3;
        if heading_words == 3 {
            heading_words = varint::read(bytes, &mut pos)?.checked_add(3)?;
        }
        Some(Occurrences { bytes, pos, body_left: header >> 2, heading_words, position: 0, sentence: 0, first: true })
    }

    /// Checks a block once, when it is loaded, so that reading it later needs no checks:
    /// every number fits, positions rise, sentence numbers never fall, nothing is left over.
    #[cfg(test)]
    fn validate(bytes: &[u8]) -> bool {
        Occurrences::block_len(bytes) == Some(bytes.len())
    }

    /// The length of the valid block at the start of `bytes`, if there is one.
    pub(super) fn block_len(bytes: &[u8]) -> Option<usize> {
        let mut block = Occurrences::new(bytes)?;
        let mut previous: Option<u32> = None;
        while block.body_left > 0 {
            let o = block.next_checked()?;
            if previous.is_some_and(|p| o.position <= p) {
                return None;
            }
            previous = Some(o.position);
        }
        Some(block.pos)
    }

    fn next_checked(&mut self) -> Option<Occurrence> {
        if self.body_left == 0 {
            return None;
        }
        let value = varint::read(self.bytes, &mut self.pos)?;
        let gap = value >> 1;
        self.position = if self.first { gap } else { self.position.checked_add(gap)? };
        self.first = false;
        let openings = if value & 1 == 1 {
            let value = varint::read(self.bytes, &mut self.pos)?;
            let mut earlier = value & 3;
            if earlier == 3 {
                earlier = varint::read(self.bytes, &mut self.pos)?.checked_add(3)?;
            }
            self.sentence = self.sentence.checked_add(value >> 2)?;
            Some((self.sentence.checked_sub(earlier)?, self.sentence))
        } else {
            None
        };
        self.body_left -= 1;
        Some(Occurrence { position: self.position, openings })
    }
}

impl Iterator for Occurrences<'_> {
    type Item = Occurrence;

    fn next(&mut self) -> Option<Occurrence> {
        let next = self.next_checked();
        if next.is_none() {
            self.body_left = 0;
        }
        next
    }
}

/// The loaded postings of every term, appended as terms arrive (all at once for an index in
/// one file, shard by shard for a sharded one).
#[derive(Debug, Default)]
pub struct PostingStore {
    /// Per term: its entries, `start..start + len`; `None` until loaded.
    spans: Vec<Option<(u32, u32)>>,
    passages: Vec<u32>,
    weights: Vec<u8>,
    /// Per entry: where its occurrence block ends in `blocks`; it starts where the previous
    /// entry's ends.
    block_ends: Vec<u32>,
    blocks: Vec<u8>,
}

impl PostingStore {
    pub fn with_terms(count: usize) -> PostingStore {
        PostingStore { spans: vec![None; count], ..PostingStore::default() }
    }

    pub fn lists(&self, term: TermId) -> (&[u32], &[u8]) {
        match self.spans.get(term as usize) {
            Some(&Some((start, len))) => {
                let range = start as usize..(start + len) as usize;
                (&self.passages[range.clone()], &self.weights[range])
            }
            _ => (&[], &[]),
        }
    }

    pub fn occurrences(&self, term: TermId, passage: u32) -> Occurrences<'_> {
        let Some(&Some((start, len))) = self.spans.get(term as usize) else { return Occurrences::default() };
        let passages = &self.passages[start as usize..(start + len) as usize];
        let Ok(i) = passages.binary_search(&passage) else { return Occurrences::default() };
        let entry = start as usize + i;
        let begin = if entry == 0 { 0 } else { self.block_ends[entry - 1] as usize };
        let end = self.block_ends[entry] as usize;
        self.blocks.get(begin..end).and_then(Occurrences::new).unwrap_or_default()
    }

    /// Starts a term's postings: `push` its entries in passage order, then `finish` with
    /// what this returned.
    pub fn begin(&self) -> u32 {
        self.passages.len() as u32
    }

    pub fn push(&mut self, passage: u32, weight: u8, block: &[u8]) {
        self.passages.push(passage);
        self.weights.push(weight);
        self.blocks.extend_from_slice(block);
        self.block_ends.push(self.blocks.len() as u32);
    }

    pub fn finish(&mut self, term: TermId, start: u32) {
        let len = self.passages.len() as u32 - start;
        if let Some(span) = self.spans.get_mut(term as usize) {
            *span = Some((start, len));
        }
    }

    /// Takes in the postings of `terms` from `incoming` (a store of the same term count).
    pub fn append(&mut self, incoming: PostingStore, terms: impl Iterator<Item = TermId>) {
        let offset = self.passages.len() as u32;
        let block_offset = self.blocks.len() as u32;
        for term in terms {
            if let (Some(Some((start, len))), Some(slot)) = (incoming.spans.get(term as usize), self.spans.get_mut(term as usize)) {
                *slot = Some((start + offset, *len));
            }
        }
        self.passages.extend_from_slice(&incoming.passages);
        self.weights.extend_from_slice(&incoming.weights);
        self.block_ends.extend(incoming.block_ends.iter().map(|end| end + block_offset));
        self.blocks.extend_from_slice(&incoming.blocks);
    }

    /// Replaces the occurrence blocks of every entry, in entry order (used once, when an
    /// index in one file has its occurrences derived).
    pub fn set_blocks(&mut self, blocks: Vec<u8>, block_ends: Vec<u32>) {
        self.blocks = blocks;
        self.block_ends = block_ends;
    }

    pub fn entry_count(&self) -> usize {
        self.passages.len()
    }

    /// The entry number of (term, passage), if the term's postings hold the passage.
    pub fn entry_of(&self, term: TermId, passage: u32) -> Option<usize> {
        let &Some((start, len)) = self.spans.get(term as usize)? else { return None };
        let passages = &self.passages[start as usize..(start + len) as usize];
        passages.binary_search(&passage).ok().map(|i| start as usize + i)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn block(body: &[Occurrence], heading_words: u32) -> Vec<u8> {
        let mut writer = OccurrenceWriter::default();
        for &o in body {
            writer.body_word(o);
        }
        for _ in 0..heading_words {
            writer.heading_word();
        }
        let mut out = Vec::new();
        writer.write(&mut out);
        out
    }

    #[test]
    fn blocks_round_trip() {
        let body = [
            Occurrence { position: 0, openings: Some((0, 0)) },
            Occurrence { position: 7, openings: None },
            Occurrence { position: 300, openings: Some((2, 6)) },
            Occurrence { position: 301, openings: Some((5, 6)) },
            Occurrence { position: 9_000, openings: Some((40, 40)) },
        ];
        for heading in [0, 1, 3, 200] {
            let bytes = block(&body, heading);
            assert!(Occurrences::validate(&bytes));
            let read = Occurrences::new(&bytes).unwrap();
            assert_eq!(read.heading_words, heading);
            assert_eq!(read.collect::<Vec<_>>(), body);
        }
        assert_eq!(block(&[], 0), [0]);
    }

    #[test]
    fn malformed_blocks_do_not_validate() {
        let good = block(&[Occurrence { position: 3, openings: Some((1, 2)) }, Occurrence { position: 4, openings: None }], 1);
        for len in 0..good.len() {
            assert!(!Occurrences::validate(&good[..len]), "cut at {len}");
        }
        let mut longer = good.clone();
        longer.push(0);
        assert!(!Occurrences::validate(&longer), "left over");
        // Two words at one position, and an opening reaching before sentence 0.
        assert!(!Occurrences::validate(&[2 << 2, 3 << 1, 0]));
        assert!(!Occurrences::validate(&[1 << 2, 1, 1]));
    }
}
