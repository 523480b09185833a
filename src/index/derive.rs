//! What ranking needs to know about a passage besides its weights, read from its text:
//! where each term occurs (for proximity, phrases and definitions) and a few facts (the
//! heading's size and first word, whether a figure is stated). The builder writes this into
//! the shards of a sharded index; an index in one file stores none of it, and the loader
//! derives it here, once, with the same code. So the query path never stems a passage's
//! words, and the two kinds of index answer alike.

use super::postings::{Occurrence, OccurrenceWriter, OPENING_BYTES};
use super::{Index, TermId};
use crate::analysis::Analyzer;
use crate::text::sentence_spans;

/// What ranking reads of a passage besides its terms.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct PassageFacts {
    /// The heading's words that are not stop words.
    pub heading_words: u32,
    /// The text has a digit: it may state a figure.
    pub has_digit: bool,
}

/// The facts of one passage, and its heading's first word as the ranking compares it with
/// the question's (lower case, split at white space).
pub fn passage_facts(analyzer: &Analyzer, text: &str, heading: Option<&str>) -> PassageFacts {
    let mut heading_words = 0;
    if let Some(heading) = heading {
        each_word(analyzer, heading, &mut |_, _, word| heading_words += u32::from(!analyzer.is_stop(word)));
    }
    PassageFacts { heading_words, has_digit: text.bytes().any(|b| b.is_ascii_digit()) }
}

/// A sentence of a passage: its bytes, and the number of the first word at or after its start
/// (words are counted as positions are, stop words included). Every word lies within one
/// sentence, so a word at `position` is in the last sentence whose `first_word` is not after it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Sentence {
    pub start: u32,
    pub end: u32,
    pub first_word: u32,
}

/// A passage's text as excerpts read it: its sentences, and the bytes of each word in
/// position order (stop words included), so that highlighting a hit is a lookup: scanning
/// the excerpt's words again for each answer was a sixth of a demo question's time in wasm.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PassageLayout {
    pub sentences: Vec<Sentence>,
    /// `[start, end)` in bytes of the text, one per word position.
    pub words: Vec<[u32; 2]>,
}

/// The sentences of a passage's text (`text::sentence_spans`), with where their words start.
pub fn sentences_of(analyzer: &Analyzer, text: &str) -> Vec<Sentence> {
    layout_of(analyzer, text).sentences
}

/// The sentences and words of a passage's text, in one pass over its words.
pub fn layout_of(analyzer: &Analyzer, text: &str) -> PassageLayout {
    let spans = sentence_spans(text);
    let mut sentences: Vec<Sentence> = spans.iter().map(|s| Sentence { start: s.start as u32, end: s.end as u32, first_word: u32::MAX }).collect();
    let mut words = Vec::new();
    let mut next = 0;
    each_word(analyzer, text, &mut |start, end, _| {
        let position = words.len() as u32;
        while next < sentences.len() && sentences[next].start as usize <= start {
            sentences[next].first_word = position;
            next += 1;
        }
        words.push([start as u32, end as u32]);
    });
    let position = words.len() as u32;
    sentences[next..].iter_mut().for_each(|s| s.first_word = position);
    PassageLayout { sentences, words }
}

/// A heading's first word, as ranking compares it with the question word ("Who might
/// benefit…?" for "Who is a good candidate…?").
pub fn heading_opener(heading: &str) -> String {
    heading.split_whitespace().next().unwrap_or("").to_ascii_lowercase()
}

/// `Analyzer::scan_words` through one closure type: each caller with its own would add
/// half a kilobyte of wasm.
pub fn each_word(analyzer: &Analyzer, text: &str, visit: &mut dyn FnMut(usize, usize, &str)) {
    analyzer.scan_words(text, |start, end, word| visit(start, end, word));
}

/// The terms of a passage's words, as the index stores them. Each distinct word is stemmed
/// and looked up once (`WordTerms`): prose repeats its words, so this is most of the work of
/// reading a whole index's texts at load.
pub struct PassageWords<'a, F: Fn(&str) -> Option<TermId>> {
    analyzer: &'a Analyzer,
    id_of: F,
    known: WordTerms,
}

impl<'a, F: Fn(&str) -> Option<TermId>> PassageWords<'a, F> {
    /// `id_of` maps a term (a stem) to its id.
    pub fn new(analyzer: &'a Analyzer, id_of: F) -> PassageWords<'a, F> {
        PassageWords { analyzer, id_of, known: WordTerms::default() }
    }

    /// The term id of a folded word, or `None` for a stop word or a term the index lacks.
    fn term_of(&mut self, word: &str) -> Option<TermId> {
        let (analyzer, id_of) = (self.analyzer, &self.id_of);
        self.known.get_or_insert(word, || if analyzer.is_stop(word) { None } else { id_of(&analyzer.stem_borrowed(word)) })
    }

    /// The occurrence block of every term of the passage, by term id, in no particular order,
    /// and the passage's facts (`passage_facts`). `sentences` are the text's (`sentences_of`).
    pub fn blocks(&mut self, text: &str, sentences: &[Sentence], heading: Option<&str>, scratch: &mut BlockScratch, mut emit: impl FnMut(TermId, &[u8])) -> PassageFacts {
        let mut facts = PassageFacts { heading_words: 0, has_digit: text.bytes().any(|b| b.is_ascii_digit()) };
        scratch.used = 0;
        let mut position = 0u32;
        let mut sentence = 0usize;
        each_word(self.analyzer, text, &mut |start, _, word| {
            if let Some(id) = self.term_of(word) {
                while sentence + 1 < sentences.len() && sentences[sentence + 1].start as usize <= start {
                    sentence += 1;
                }
                let in_opening = |s: usize| {
                    let begins = sentences[s].start as usize;
                    begins <= start && start < begins + OPENING_BYTES
                };
                let openings = (!sentences.is_empty() && in_opening(sentence)).then(|| {
                    let mut first = sentence;
                    while first > 0 && in_opening(first - 1) {
                        first -= 1;
                    }
                    (first as u32, sentence as u32)
                });
                scratch.writer(id).body_word(Occurrence { position, openings });
            }
            position += 1;
        });
        if let Some(heading) = heading {
            each_word(self.analyzer, heading, &mut |_, _, word| {
                facts.heading_words += u32::from(!self.analyzer.is_stop(word));
                if let Some(id) = self.term_of(word) {
                    scratch.writer(id).heading_word();
                }
            });
        }
        let mut block = Vec::new();
        for (id, writer) in &scratch.slots[..scratch.used] {
            block.clear();
            writer.write(&mut block);
            emit(*id, &block);
            if let Some(slot) = scratch.slot_of_term.get_mut(*id as usize) {
                *slot = u32::MAX;
            }
        }
        facts
    }
}

/// Folded words and their term ids, in a small open-addressing hash table: by hand, because a
/// `HashMap` would bring 3 KB of hashing code to the wasm for this one use.
#[derive(Default)]
struct WordTerms {
    /// (hash, word, term id), `hash == 0` for an empty slot; the length a power of two.
    slots: Vec<(u32, Box<str>, Option<TermId>)>,
    used: usize,
}

impl WordTerms {
    fn hash(word: &str) -> u32 {
        // FNV-1a, never 0 (0 marks an empty slot).
        word.bytes().fold(0x811c_9dc5u32, |h, b| (h ^ u32::from(b)).wrapping_mul(0x0100_0193)) | 1
    }

    fn get_or_insert(&mut self, word: &str, look_up: impl FnOnce() -> Option<TermId>) -> Option<TermId> {
        if self.used * 2 >= self.slots.len() {
            self.grow();
        }
        let hash = WordTerms::hash(word);
        let mask = self.slots.len() - 1;
        let mut i = hash as usize & mask;
        loop {
            let slot = &self.slots[i];
            if slot.0 == 0 {
                let id = look_up();
                self.slots[i] = (hash, word.into(), id);
                self.used += 1;
                return id;
            }
            if slot.0 == hash && *slot.1 == *word {
                return slot.2;
            }
            i = (i + 1) & mask;
        }
    }

    fn grow(&mut self) {
        let old = std::mem::take(&mut self.slots);
        let len = (old.len() * 2).max(1024);
        self.slots = (0..len).map(|_| (0, Box::default(), None)).collect();
        for (hash, word, id) in old.into_iter().filter(|slot| slot.0 != 0) {
            let mut i = hash as usize & (len - 1);
            while self.slots[i].0 != 0 {
                i = (i + 1) & (len - 1);
            }
            self.slots[i] = (hash, word, id);
        }
    }
}

/// One occurrence writer per term of a passage, reused from passage to passage: no sorting,
/// no map.
#[derive(Default)]
pub struct BlockScratch {
    slot_of_term: Vec<u32>,
    slots: Vec<(TermId, OccurrenceWriter)>,
    used: usize,
}

impl BlockScratch {
    fn writer(&mut self, term: TermId) -> &mut OccurrenceWriter {
        let t = term as usize;
        if t >= self.slot_of_term.len() {
            self.slot_of_term.resize(t + 1, u32::MAX);
        }
        if self.slot_of_term[t] == u32::MAX {
            if self.used == self.slots.len() {
                self.slots.push((term, OccurrenceWriter::default()));
            }
            let slot = &mut self.slots[self.used];
            slot.0 = term;
            slot.1.clear();
            self.slot_of_term[t] = self.used as u32;
            self.used += 1;
        }
        &mut self.slots[self.slot_of_term[t] as usize].1
    }
}

/// Fills an index in one file with what it does not store: each posting's occurrence block
/// and each passage's facts, from the texts.
pub(super) fn derive_occurrences(index: &mut Index, analyzer: &Analyzer) {
    let terms = &index.terms;
    let mut words = PassageWords::new(analyzer, |term| terms.position(term).ok().map(|i| i as TermId));
    let entries = index.postings.entry_count();
    // Per entry, where its block is in `found`; entries that no word of the body or heading
    // is (a term of the title only) keep the empty block.
    let mut found_at = vec![u32::MAX; entries];
    let mut found: Vec<u8> = Vec::new();
    let mut found_starts: Vec<u32> = Vec::new();
    let mut scratch = BlockScratch::default();
    let mut facts = Vec::with_capacity(index.passages.len());
    let mut all_layouts = Vec::with_capacity(index.passages.len());
    for (p, passage) in index.passages.iter().enumerate() {
        let Some(passage) = passage else {
            facts.push(PassageFacts::default());
            all_layouts.push(None);
            continue;
        };
        let layout = layout_of(analyzer, &passage.text);
        let postings = &index.postings;
        let fact = words.blocks(
            &passage.text,
            &layout.sentences,
            passage.heading.as_deref(),
            &mut scratch,
            |id, block| {
                if let Some(entry) = postings.entry_of(id, p as u32) {
                    found_at[entry] = found_starts.len() as u32;
                    found_starts.push(found.len() as u32);
                    found.extend_from_slice(block);
                }
            },
        );
        facts.push(fact);
        all_layouts.push(Some(layout));
    }
    found_starts.push(found.len() as u32);
    let mut blocks = Vec::with_capacity(found.len() + entries);
    let mut block_ends = Vec::with_capacity(entries);
    for &at in &found_at {
        match at {
            u32::MAX => blocks.push(0),
            at => blocks.extend_from_slice(&found[found_starts[at as usize] as usize..found_starts[at as usize + 1] as usize]),
        }
        block_ends.push(blocks.len() as u32);
    }
    index.postings.set_blocks(blocks, block_ends);
    index.facts = facts;
    index.layouts = all_layouts;
    index.unread.clear();
}
