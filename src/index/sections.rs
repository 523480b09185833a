//! The sections an index file is made of, each written and read here and nowhere else.
//! Counts, lengths and gaps inside sections are varints; every reader is bounds-checked and
//! holds the file to `limits`.

use super::bytes::{ByteReader, ByteWriter, Read};
use super::limits::{self, within};
use super::postings::{Occurrences, PostingStore};
use super::varint;
use super::{Cue, Document, FieldWeights, Meta, Passage, Posting, RelatedTerms, Relation, Suggestion, SynonymGroup, TermId, Terms};
use crate::analysis::WordLists;

/// Section kinds. Readers skip kinds they do not know, so optional sections can be added
/// within a version.
pub mod kind {
    pub const META: u32 = 1;
    pub const DOCUMENTS: u32 = 2;
    pub const PASSAGES: u32 = 3;
    pub const TERMS: u32 = 4;
    pub const POSTINGS: u32 = 5;
    pub const SYNONYMS: u32 = 6;
    pub const CUES: u32 = 7;
    pub const SUGGESTIONS: u32 = 8;
    pub const WORD_LISTS: u32 = 9;
    /// Version 2 only: relations word by word (`read_relations_by_word`).
    pub const RELATIONS_BY_WORD: u32 = 10;
    /// A root's terms: like TERMS, with each term's shard instead of its postings' length.
    pub const TERM_DIRECTORY: u32 = 11;
    /// A root's passages: per document its passage count, per passage its text shard and facts.
    pub const PASSAGE_TABLE: u32 = 12;
    pub const SHARDS: u32 = 13;
    pub const SHARD_HEADER: u32 = 14;
    pub const SHARD_POSTINGS: u32 = 15;
    pub const SHARD_TEXTS: u32 = 16;
    /// Version 3 on: relations in columns (`read_relations`).
    pub const RELATIONS: u32 = 17;
}

pub fn write_meta(w: &mut ByteWriter, meta: &Meta) {
    w.str(&meta.language);
    for value in [meta.k1, meta.b, meta.fields.body, meta.fields.heading, meta.fields.title, meta.weight_scale] {
        w.f32(value);
    }
    w.str(&meta.builder);
}

pub fn read_meta(r: &mut ByteReader) -> Read<Meta> {
    let language = r.str()?.to_owned();
    let k1 = r.f32()?;
    let b = r.f32()?;
    let fields = FieldWeights { body: r.f32()?, heading: r.f32()?, title: r.f32()? };
    let weight_scale = r.f32()?;
    let builder = r.str()?.to_owned();
    if language.len() > limits::MAX_META_TEXT || builder.len() > limits::MAX_META_TEXT {
        return Err(r.corrupt("a language or builder name over 256 bytes"));
    }
    let checks = [
        (weight_scale, limits::WEIGHT_SCALE_RANGE),
        (k1, limits::K1_RANGE),
        (b, limits::B_RANGE),
        (fields.body, limits::FIELD_WEIGHT_RANGE),
        (fields.heading, limits::FIELD_WEIGHT_RANGE),
        (fields.title, limits::FIELD_WEIGHT_RANGE),
    ];
    if !checks.iter().all(|&(value, range)| within(value, range)) {
        return Err(r.corrupt("a weight scale or scoring constant out of range"));
    }
    Ok(Meta { language, k1, b, fields, weight_scale, builder })
}

pub fn write_document(w: &mut ByteWriter, doc: &Document) {
    w.str(&doc.id);
    w.str(&doc.title);
    w.opt_str(doc.url.as_deref());
}

pub fn read_document(r: &mut ByteReader) -> Read<Document> {
    let id = r.str()?.to_owned();
    let title = r.str()?.to_owned();
    let url = r.opt_str()?.map(str::to_owned);
    Ok(Document { id, title, url })
}

pub fn write_documents(w: &mut ByteWriter, documents: &[Document]) {
    w.len_of(documents.len());
    documents.iter().for_each(|doc| write_document(w, doc));
}

/// The documents, all present.
pub fn read_documents(r: &mut ByteReader) -> Read<Vec<Option<Document>>> {
    let count = r.count(3)?;
    let mut documents = Vec::with_capacity(count);
    for _ in 0..count {
        documents.push(Some(read_document(r)?));
    }
    Ok(documents)
}

/// A passage without its document number (a text shard knows it from the root).
pub fn write_passage_text(w: &mut ByteWriter, passage: &Passage) {
    w.opt_str(passage.heading.as_deref());
    w.opt_str(passage.section_id.as_deref());
    w.str(&passage.text);
}

pub fn read_passage_text(r: &mut ByteReader, doc: u32) -> Read<Passage> {
    let heading = r.opt_str()?.map(str::to_owned);
    let section_id = r.opt_str()?.map(str::to_owned);
    let text = r.str()?.to_owned();
    Ok(Passage { doc, heading, section_id, text })
}

pub fn write_passages(w: &mut ByteWriter, passages: &[Passage]) {
    w.len_of(passages.len());
    for passage in passages {
        w.varint(passage.doc);
        write_passage_text(w, passage);
    }
}

/// The passages, all present, and each one's document.
pub fn read_passages(r: &mut ByteReader, doc_count: usize) -> Read<(Vec<Option<Passage>>, Vec<u32>)> {
    let count = r.count(4)?;
    let mut passages = Vec::with_capacity(count);
    let mut docs = Vec::with_capacity(count);
    for _ in 0..count {
        let doc = r.varint()?;
        if doc as usize >= doc_count {
            return Err(r.corrupt("a passage of no document"));
        }
        passages.push(Some(read_passage_text(r, doc)?));
        docs.push(doc);
    }
    Ok((passages, docs))
}

/// Terms in columns, since gzip finds more in each (version 3; MedQuAD's term directory
/// 85.7 → 76.9 KB gzip): the terms front-coded (per term the length of
/// the prefix it shares with the one before, then per term the rest of it and a newline,
/// which no term holds), then their document frequencies, then one more number each (a
/// term's postings' byte length in an index in one file, the zigzag gap between shard
/// numbers in a root).
pub fn write_terms(w: &mut ByteWriter, terms: &[(&str, u32, u32)]) {
    write_term_column(w, terms.iter().map(|&(term, ..)| term));
    terms.iter().for_each(|&(_, doc_freq, _)| w.varint(doc_freq));
    terms.iter().for_each(|&(.., extra)| w.varint(extra));
}

fn write_term_column<'a>(w: &mut ByteWriter, terms: impl Iterator<Item = &'a str> + Clone) {
    w.len_of(terms.clone().count());
    let mut previous = "";
    for term in terms.clone() {
        w.len_of(shared_prefix_len(previous, term));
        previous = term;
    }
    let mut previous = "";
    for term in terms {
        debug_assert!(!term.contains('\n'), "a term holds no newline: {term:?}");
        w.bytes.extend_from_slice(&term.as_bytes()[shared_prefix_len(previous, term)..]);
        w.u8(b'\n');
        previous = term;
    }
}

fn shared_prefix_len(a: &str, b: &str) -> usize {
    a.char_indices().zip(b.chars()).take_while(|((_, x), y)| x == y).map(|((i, x), _)| i + x.len_utf8()).last().unwrap_or(0)
}

/// The terms (strictly increasing, each at most `MAX_TERM_BYTES`, all together at most
/// `MAX_TERM_EXPANSION` times the section), their document frequencies and extras. Version
/// 3 has them in columns (`write_terms`); versions 1 and 2 term after term, each followed
/// by its two numbers in an index in one file, in columns after the terms in a root.
pub fn read_terms(r: &mut ByteReader, version: u16, root: bool) -> Read<(Terms, Vec<u32>, Vec<u32>)> {
    let mut decoder = TermDecoder::new(r, version)?;
    let count = decoder.count;
    if version < 3 && !root {
        let (mut doc_freqs, mut extras) = (Vec::with_capacity(count), Vec::with_capacity(count));
        for _ in 0..count {
            decoder.next(r)?;
            doc_freqs.push(r.varint()?);
            extras.push(r.varint()?);
        }
        return Ok((decoder.terms, doc_freqs, extras));
    }
    for _ in 0..count {
        decoder.next(r)?;
    }
    let doc_freqs = r.varints(count)?;
    let extras = r.varints(count)?;
    Ok((decoder.terms, doc_freqs, extras))
}

/// Front-coded terms, each checked: in order, not too long, not too many bytes in all.
struct TermDecoder {
    count: usize,
    /// Version 3: every term's shared prefix length, read first.
    shared: Vec<u32>,
    budget: usize,
    terms: Terms,
    term: String,
}

impl TermDecoder {
    /// Version 3's prefix lengths are read here, the rest of each term by `next`.
    fn new(r: &mut ByteReader, version: u16) -> Read<TermDecoder> {
        let budget = r.remaining().saturating_mul(limits::MAX_TERM_EXPANSION);
        // Each term takes at least two bytes in either layout.
        let count = r.count(2)?;
        let shared = if version >= 3 { r.varints(count)? } else { Vec::new() };
        let terms = Terms { text: String::new(), ends: Vec::with_capacity(count) };
        Ok(TermDecoder { count, budget, shared, terms, term: String::new() })
    }

    fn next(&mut self, r: &mut ByteReader) -> Read<()> {
        let (shared, suffix) = match self.shared.get(self.terms.ends.len()) {
            Some(&shared) => (shared as usize, r.line()?),
            None => (r.varint()? as usize, r.str()?),
        };
        if shared > self.term.len() || !self.term.is_char_boundary(shared) {
            return Err(r.corrupt("a term prefix too long"));
        }
        if shared + suffix.len() > limits::MAX_TERM_BYTES {
            return Err(r.corrupt("a term over 255 bytes"));
        }
        if self.terms.text.len() + shared + suffix.len() > self.budget {
            return Err(r.corrupt("terms over 16 times their size"));
        }
        let before = std::mem::take(&mut self.term);
        self.term.push_str(&before[..shared]);
        self.term.push_str(suffix);
        if !self.terms.ends.is_empty() && self.term.as_str() <= before.as_str() {
            return Err(r.corrupt("terms out of order"));
        }
        self.terms.text.push_str(&self.term);
        self.terms.ends.push(self.terms.text.len() as u32);
        Ok(())
    }
}

pub fn encode_postings(postings: &[Posting]) -> Vec<u8> {
    let mut w = ByteWriter::default();
    let mut previous = 0;
    for (i, posting) in postings.iter().enumerate() {
        w.varint(if i == 0 { posting.passage } else { posting.passage - previous });
        w.u8(posting.weight);
        previous = posting.passage;
    }
    w.bytes
}

/// Postings lists, one after the other in `raw`: per list its (term, document frequency,
/// byte length). Each list is checked once here (passages rise and exist, occurrence blocks
/// hold together), so that queries can walk them without checks of their own. Without
/// `blocks` (an index in one file), lists are passage gaps and weights only, and each entry
/// gets the empty block until the occurrences are derived from the texts.
pub fn read_postings(section: &mut ByteReader, lists: &[(u32, u32, u32)], term_count: usize, passage_count: usize, blocks: bool) -> Read<PostingStore> {
    let mut store = PostingStore::with_terms(term_count);
    for &(term, doc_freq, byte_len) in lists {
        let bytes = section.take(byte_len as usize)?;
        let mut list = section.sub(bytes, "postings");
        if doc_freq as usize > list.remaining() / 2 {
            return Err(list.corrupt("more postings than bytes"));
        }
        let start = store.begin();
        let mut previous: Option<u32> = None;
        for _ in 0..doc_freq {
            let gap = list.varint()?;
            let passage = match previous {
                None => gap,
                Some(p) if gap > 0 => p.checked_add(gap).ok_or_else(|| list.corrupt("a passage number overflow"))?,
                Some(_) => return Err(list.corrupt("a passage listed twice")),
            };
            if passage as usize >= passage_count {
                return Err(list.corrupt("a posting of no passage"));
            }
            let weight = list.u8()?;
            let block = if blocks {
                let len = Occurrences::block_len(list.rest()).ok_or_else(|| list.corrupt("a bad occurrence block"))?;
                list.take(len)?
            } else {
                &[0]
            };
            store.push(passage, weight, block);
            previous = Some(passage);
        }
        if !list.is_empty() {
            return Err(list.corrupt("postings longer than said"));
        }
        store.finish(term, start);
    }
    if !section.is_empty() {
        return Err(section.corrupt("postings of no term"));
    }
    Ok(store)
}

fn write_term_list(w: &mut ByteWriter, terms: &[String]) {
    w.len_of(terms.len());
    for term in terms {
        w.str(term);
    }
}

fn read_term_list(r: &mut ByteReader, max: usize, too_long: &'static str) -> Read<Vec<String>> {
    let count = r.count(1)?;
    if count > max {
        return Err(r.corrupt(too_long));
    }
    r.strings(count)
}

pub fn write_synonyms(w: &mut ByteWriter, groups: &[SynonymGroup]) {
    w.len_of(groups.len());
    for group in groups {
        w.len_of(group.members.len());
        for member in &group.members {
            write_term_list(w, member);
        }
    }
}

pub fn read_synonyms(r: &mut ByteReader) -> Read<Vec<SynonymGroup>> {
    let count = r.count(1)?;
    let mut groups = Vec::with_capacity(count);
    for _ in 0..count {
        let members = r.count(1)?;
        if members > limits::MAX_SYNONYM_MEMBERS {
            return Err(r.corrupt("a synonym group over 64 members"));
        }
        let mut group = SynonymGroup { members: Vec::with_capacity(members) };
        for _ in 0..members {
            group.members.push(read_term_list(r, limits::MAX_PHRASE_TERMS, "a synonym over 8 words")?);
        }
        groups.push(group);
    }
    Ok(groups)
}

pub fn write_cues(w: &mut ByteWriter, cues: &[Cue]) {
    w.len_of(cues.len());
    for cue in cues {
        write_term_list(w, &cue.trigger);
        write_term_list(w, &cue.expansions);
        w.u8(u8::from(cue.wants_number));
    }
}

pub fn read_cues(r: &mut ByteReader) -> Read<Vec<Cue>> {
    let count = r.count(3)?;
    if count > limits::MAX_CUES {
        return Err(r.corrupt("more than 256 cues"));
    }
    let mut cues = Vec::with_capacity(count);
    for _ in 0..count {
        let trigger = read_term_list(r, limits::MAX_CUE_TRIGGER_WORDS, "a cue trigger over 8 words")?;
        let expansions = read_term_list(r, limits::MAX_CUE_EXPANSIONS, "a cue over 64 expansions")?;
        let wants_number = match r.u8()? {
            0 => false,
            1 => true,
            _ => return Err(r.corrupt("an invalid cue flag")),
        };
        cues.push(Cue { trigger, expansions, wants_number });
    }
    Ok(cues)
}

pub fn write_suggestions(w: &mut ByteWriter, suggestions: &[Suggestion]) {
    w.len_of(suggestions.len());
    for suggestion in suggestions {
        w.str(&suggestion.question);
        w.varint(suggestion.passage);
    }
}

pub fn read_suggestions(r: &mut ByteReader, passage_count: usize) -> Read<Vec<Suggestion>> {
    let count = r.count(2)?;
    if count > limits::MAX_SUGGESTIONS {
        return Err(r.corrupt("over 64 suggestions"));
    }
    let mut suggestions = Vec::with_capacity(count);
    for _ in 0..count {
        let question = r.str()?.to_owned();
        let passage = r.varint()?;
        if passage as usize >= passage_count {
            return Err(r.corrupt("a suggestion of no passage"));
        }
        suggestions.push(Suggestion { question, passage });
    }
    Ok(suggestions)
}

pub fn write_word_lists(w: &mut ByteWriter, lists: &WordLists) {
    write_term_list(w, &lists.stop);
    write_term_list(w, &lists.light);
    w.len_of(lists.irregular.len());
    for (form, base) in &lists.irregular {
        w.str(form);
        w.str(base);
    }
}

/// The lists are searched by bisection, so their order is checked here.
pub fn read_word_lists(r: &mut ByteReader) -> Read<WordLists> {
    let stop = read_term_list(r, usize::MAX, "")?;
    let light = read_term_list(r, usize::MAX, "")?;
    let count = r.count(2)?;
    let mut irregular = Vec::with_capacity(count);
    for _ in 0..count {
        irregular.push((r.str()?.to_owned(), r.str()?.to_owned()));
    }
    let lists = WordLists { stop, light, irregular };
    if lists.is_sorted() { Ok(lists) } else { Err(r.corrupt("word lists out of order")) }
}

/// How finely a relation's weight is written: a divisor of 255, so each step is a whole byte.
const RELATION_WEIGHT_STEPS: u8 = 15;

/// Relations in columns, since gzip finds more in each than in one word's record after
/// another (MedQuAD's root: 29.3 → 21.8 KB gzip, the demo's index 7.9 → 6.4 KB): the words
/// front-coded as terms are; per word its target count; per target its term count; every
/// target term by id, as the zigzag gap from the one before (words and terms are both in
/// order, and a word's targets mostly share its first letters, so the gaps are small); then
/// per target its weight byte, then its source byte. The writer's `term_id` gives the ids,
/// so that reading looks nothing up.
///
/// A weight is written in `RELATION_WEIGHT_STEPS` steps, not 255: the vectors' cosines made
/// the weight column nearly incompressible, and the finer steps decided nothing. Measured
/// 2026-12-04: the demo's index 367 bytes of gzip less; on the tune part no first result and
/// no answer changed (3 questions swapped two lower results); LiveQA-Med and SciFact the same.
pub fn write_relations(w: &mut ByteWriter, relations: &[Relation], term_id: impl Fn(&str) -> Option<u32>) {
    write_term_column(w, relations.iter().map(|r| r.word.as_str()));
    let targets = || relations.iter().flat_map(|r| &r.targets);
    let ids: Vec<Vec<u32>> = targets().map(|t| t.terms.iter().filter_map(|term| term_id(term)).collect()).collect();
    relations.iter().for_each(|r| w.len_of(r.targets.len()));
    ids.iter().for_each(|terms| w.len_of(terms.len()));
    let mut last = 0i64;
    for &id in ids.iter().flatten() {
        w.varint(varint::zigzag(i64::from(id) - last));
        last = i64::from(id);
    }
    let step = 255 / RELATION_WEIGHT_STEPS;
    targets().for_each(|t| w.u8((t.weight.clamp(0.0, 1.0) * RELATION_WEIGHT_STEPS as f32).round().max(1.0) as u8 * step));
    targets().for_each(|t| w.u8(t.source));
}

/// Relations by word (strictly increasing, as terms are); a target of no term, of too many,
/// of no weight or naming a term the index does not have is corrupt. Plain loops over the
/// columns, with the version 2 reader's messages: written with iterator adapters, it cost
/// the wasm 0.8 KB of gzip instead of 0.4.
pub fn read_relations(r: &mut ByteReader, term_count: usize) -> Read<Vec<(String, Vec<RelatedTerms>)>> {
    let mut words = TermDecoder::new(r, 3)?;
    for _ in 0..words.count {
        words.next(r)?;
    }
    let counts = r.varints(words.count)?;
    let mut targets = 0usize;
    for &count in &counts {
        if count as usize > limits::MAX_RELATION_TARGETS {
            return Err(r.corrupt("a relation over 32 targets"));
        }
        targets += count as usize;
    }
    let lens = r.varints(targets)?;
    let mut terms_in_all = 0usize;
    for &len in &lens {
        if len == 0 || len as usize > limits::MAX_PHRASE_TERMS {
            return Err(r.corrupt("a relation target of 0 or over 8 terms"));
        }
        terms_in_all += len as usize;
    }
    let gaps = r.varints(terms_in_all)?;
    let weights = r.take(targets)?;
    let sources = r.take(targets)?;
    let mut relations = Vec::with_capacity(words.count);
    let (mut target, mut gap, mut id) = (0usize, 0usize, 0i64);
    for (word, &count) in counts.iter().enumerate() {
        let mut related = Vec::with_capacity(count as usize);
        for _ in 0..count {
            let mut terms = Vec::with_capacity(lens[target] as usize);
            for _ in 0..lens[target] {
                id += varint::unzigzag(gaps[gap]);
                gap += 1;
                if id < 0 || id >= term_count as i64 || weights[target] == 0 {
                    return Err(r.corrupt("a relation target of no weight or term"));
                }
                terms.push(id as TermId);
            }
            related.push(RelatedTerms { terms, weight: f32::from(weights[target]) / 255.0, source: sources[target] });
            target += 1;
        }
        relations.push((words.terms.get(word).to_owned(), related));
    }
    Ok(relations)
}

/// Version 2's relations, one word's record after another: the word, its target count, per
/// target its term count, term ids, weight byte and source byte.
pub fn read_relations_by_word(r: &mut ByteReader, term_count: usize) -> Read<Vec<(String, Vec<RelatedTerms>)>> {
    let count = r.count(2)?;
    let mut relations: Vec<(String, Vec<RelatedTerms>)> = Vec::with_capacity(count);
    for _ in 0..count {
        let word = r.str()?.to_owned();
        if relations.last().is_some_and(|(previous, _)| *previous >= word) {
            return Err(r.corrupt("relations out of order"));
        }
        let targets = r.count(3)?;
        if targets > limits::MAX_RELATION_TARGETS {
            return Err(r.corrupt("a relation over 32 targets"));
        }
        let mut related = Vec::with_capacity(targets);
        for _ in 0..targets {
            let len = r.count(1)?;
            if len == 0 || len > limits::MAX_PHRASE_TERMS {
                return Err(r.corrupt("a relation target of 0 or over 8 terms"));
            }
            let terms = r.varints(len)?;
            let weight = r.u8()?;
            let source = r.u8()?;
            if weight == 0 || terms.iter().any(|&t| t as usize >= term_count) {
                return Err(r.corrupt("a relation target of no weight or term"));
            }
            related.push(RelatedTerms { terms, weight: f32::from(weight) / 255.0, source });
        }
        relations.push((word, related));
    }
    Ok(relations)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::bytes::Failure;
    use crate::index::RelationTarget;

    fn relation(word: &str, targets: &[(&[&str], f32)]) -> Relation {
        let targets = targets.iter().map(|&(terms, weight)| RelationTarget { terms: terms.iter().map(|&t| t.into()).collect(), weight, source: 1 });
        Relation { word: word.into(), targets: targets.collect() }
    }

    /// Terms a, b, c, … by id 0, 1, 2, …
    fn columns(relations: &[Relation]) -> Vec<u8> {
        let mut w = ByteWriter::default();
        write_relations(&mut w, relations, |t| Some(u32::from(t.as_bytes()[0] - b'a')));
        w.bytes
    }

    fn read(bytes: &[u8], term_count: usize) -> Result<Vec<(String, Vec<RelatedTerms>)>, String> {
        let failure = Failure::default();
        let read = read_relations(&mut ByteReader::new(bytes, "relations", &failure), term_count).ok();
        read.ok_or_else(|| failure.error().to_string())
    }

    #[test]
    fn relations_in_columns_read_back_with_phrases_and_gaps_both_ways() {
        let relations = [relation("ach", &[(&["d"], 1.0), (&["b", "c"], 0.5)]), relation("achi", &[]), relation("zz", &[(&["a"], 0.2)])];
        let read = read(&columns(&relations), 4).expect("reads");
        let words: Vec<&str> = read.iter().map(|(w, _)| w.as_str()).collect();
        assert_eq!(words, ["ach", "achi", "zz"]);
        let targets: Vec<(Vec<u32>, u8)> = read.iter().flat_map(|(_, t)| t).map(|t| (t.terms.clone(), (t.weight * 255.0).round() as u8)).collect();
        assert_eq!(targets, [(vec![3], 255), (vec![1, 2], 136), (vec![0], 51)]);
    }

    #[test]
    fn relation_weights_are_written_to_the_nearest_fifteenth_and_never_as_zero() {
        let relations = [relation("a", &[(&["b"], 0.5), (&["c"], 0.53), (&["d"], 0.01), (&["e"], 7.0)])];
        let read = read(&columns(&relations), 5).expect("reads");
        let fifteenths: Vec<f32> = read[0].1.iter().map(|t| t.weight * 15.0).collect();
        assert_eq!(fifteenths, [8.0, 8.0, 1.0, 15.0]);
    }

    #[test]
    fn terms_in_columns_read_back_sharing_prefixes_up_to_a_whole_letter() {
        let terms = [("caf", 1, 11), ("café", 2, 21), ("cafés", 3, 31), ("cafð", 4, 41), ("zebra", 5, 51)];
        let mut w = ByteWriter::default();
        write_terms(&mut w, &terms);
        for root in [false, true] {
            let failure = Failure::default();
            let (read, doc_freqs, extras) = read_terms(&mut ByteReader::new(&w.bytes, "terms", &failure), 3, root).unwrap_or_else(|_| panic!("reads"));
            let read: Vec<&str> = (0..read.len()).map(|t| read.get(t)).collect();
            assert_eq!(read, ["caf", "café", "cafés", "cafð", "zebra"]);
            assert_eq!((doc_freqs, extras), (vec![1, 2, 3, 4, 5], vec![11, 21, 31, 41, 51]));
        }
        // Without the last newline, or with a prefix cutting a letter in two, they are corrupt.
        let cut = w.bytes.iter().rposition(|&b| b == b'\n').unwrap();
        let failure = Failure::default();
        assert!(read_terms(&mut ByteReader::new(&w.bytes[..cut], "terms", &failure), 3, true).is_err());
        assert!(failure.error().to_string().contains("a term without its end"));
        let mut split = w.bytes.clone();
        split[3] = 4; // "cafés" shares 4 bytes with "café": half its "é"
        let failure = Failure::default();
        assert!(read_terms(&mut ByteReader::new(&split, "terms", &failure), 3, true).is_err());
    }

    #[test]
    fn a_relation_to_a_term_beyond_the_index_or_of_no_weight_is_corrupt() {
        let bytes = columns(&[relation("ach", &[(&["d"], 1.0)])]);
        assert!(read(&bytes, 4).is_ok());
        assert!(read(&bytes, 3).unwrap_err().contains("a relation target of no weight or term"));
        let mut no_weight = bytes.clone();
        let weight_at = no_weight.len() - 2;
        no_weight[weight_at] = 0;
        assert!(read(&no_weight, 4).unwrap_err().contains("a relation target of no weight or term"));
        assert!(read(&bytes[..bytes.len() - 1], 4).is_err(), "cut short");
    }
}
