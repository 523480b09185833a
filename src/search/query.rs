//! From a question to a query plan: the concepts it asks about, each with the index terms
//! that can stand for it (the word itself, a derived form, a synonym or a near spelling),
//! and the cues that tell what kind of answer is wanted.

use super::fuzzy::{edit_budget, NearMatcher};
use super::{order_by_key, Tuning};
use crate::analysis::{Analyzer, Token};
use crate::index::{Index, TermId};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MatchKind {
    Exact,
    /// Another form of the same word: "inflammatory" for "inflammation".
    Variant,
    Synonym,
    /// A word the lexical resources relate to the one asked ("renal" for "kidney").
    Relation,
    Typo,
}

/// What counts as a match for a concept, and how much it counts: one index term, or a
/// phrase whose terms must all be in the passage ("pain medication" for "painkillers").
#[derive(Clone, Debug)]
pub struct Alternative {
    pub terms: Vec<TermId>,
    pub weight: f32,
    pub kind: MatchKind,
}

/// Something the question asks about: one content word and its stand-ins.
#[derive(Clone, Debug)]
pub struct Concept {
    /// The question's own word, as folded ("injections").
    pub word: String,
    /// Its index term ("inject"), whether or not the index has it.
    pub term: String,
    /// 1, or less for an everyday verb or adjective the question leans on ("help", "avoid"),
    /// and less again in the sentences that only set the scene for the question.
    pub weight: f32,
    /// The weight before the scene-setting discount.
    pub base_weight: f32,
    /// How much the concept tells passages apart: its weight times the IDF of its term. A
    /// word the pages never use gets the highest IDF there is, so a question about it
    /// counts as uncovered.
    pub importance: f32,
    pub alternatives: Vec<Alternative>,
}

#[derive(Clone, Debug, Default)]
pub struct QueryPlan {
    pub concepts: Vec<Concept>,
    /// Terms suggested by the question's form ("how long" → weeks, months).
    pub cue_terms: Vec<TermId>,
    /// The question asks for a quantity; an answer must state one.
    pub wants_number: bool,
    /// The question word it opens with ("who"), which an FAQ heading may repeat.
    pub question_word: Option<String>,
    /// "What is X?": a passage that opens a sentence with X likely defines it.
    pub asks_definition: bool,
}

/// Words that open a question and say what kind of answer it wants.
const QUESTION_WORDS: &[&str] = &["how", "what", "when", "where", "which", "who", "why"];

impl QueryPlan {
    pub fn total_importance(&self) -> f32 {
        self.concepts.iter().map(|c| c.importance).sum()
    }

    /// The unit of the bonuses (heading, definition, cues, the excerpt's lead sentence):
    /// the question's total importance plus a floor, so that a question made only of common
    /// words ("What is stem cell therapy?" on a site about stem cell therapy) can still be
    /// told apart by a heading that restates it.
    pub fn evidence_scale(&self, floor: f32) -> f32 {
        self.total_importance() + floor
    }
}

/// Lucene's BM25 IDF, as the bm25 crate's scorer computes it. `libm` keeps it bit-identical
/// between the native build and the wasm.
pub fn idf(passage_count: usize, doc_freq: u32) -> f32 {
    let n = passage_count as f32;
    let df = doc_freq as f32;
    libm::logf(1.0 + (n - df + 0.5) / (df + 0.5))
}

/// A question is read up to this many bytes (the widget's field takes 500 characters), so
/// that its cost is bounded by the index, never by what is pasted in.
pub const MAX_QUESTION_BYTES: usize = 2_000;
/// At most this many concepts are read from one question; ranking counts 32.
const MAX_CONCEPTS: usize = 32;
/// Synonyms one concept takes at most, whatever a synonym table holds.
const MAX_SYNONYMS_PER_CONCEPT: usize = 8;

pub fn plan(index: &Index, analyzer: &Analyzer, question: &str, tuning: &Tuning) -> QueryPlan {
    let mut end = question.len().min(MAX_QUESTION_BYTES);
    while !question.is_char_boundary(end) {
        end -= 1;
    }
    let question = &question[..end];
    let tokens = analyzer.tokens(question);
    let (cue_terms, consumed, wants_number) = read_cues(index, &tokens);
    let first_words: Vec<&str> = tokens.iter().take(2).map(|t| t.word.as_str()).collect();
    let question_word = first_words.first().filter(|w| QUESTION_WORDS.contains(w)).map(|w| w.to_string());
    let asks_definition = asks_definition(&tokens);
    let content: Vec<&Token> =
        tokens.iter().enumerate().filter(|(i, t)| !t.is_stop && !consumed.contains(i)).map(|(_, t)| t).collect();
    let focus = Focus::of(question, &tokens);

    let mut concepts: Vec<Concept> = Vec::new();
    for token in &content {
        let share = if focus.holds(token.start) { 1.0 } else { tuning.context_weight };
        if let Some(seen) = concepts.iter_mut().find(|c| c.term == token.term) {
            seen.weight = seen.weight.max(seen.base_weight * share);
            continue;
        }
        if concepts.len() == MAX_CONCEPTS {
            continue;
        }
        let mut concept = concept_for(index, analyzer, token, tuning);
        concept.weight *= share;
        concepts.push(concept);
    }
    add_synonyms(index, &content, &mut concepts, tuning);
    // An everyday word the pages never use ("happen", "come") is only phrasing.
    concepts.retain(|c| c.base_weight >= 1.0 || !c.alternatives.is_empty());
    for concept in &mut concepts {
        concept.importance = concept.weight * importance(index, concept);
    }
    QueryPlan { concepts, cue_terms, wants_number, question_word, asks_definition }
}

/// Where a question that tells a story asks its question. "My husband is 72 and his eyes
/// seem fine. His brother has glaucoma. Could he have it too?": the sentences that ask (end
/// with "?" or open with a question word or an auxiliary verb) are the focus, the others set
/// the scene, and their words count for less. A question of one sentence is all focus; when
/// no sentence asks, the last one does.
struct Focus {
    /// Byte ranges of the sentences that ask; empty means everything is focus.
    asking: Vec<std::ops::Range<usize>>,
}

const ASKING_OPENERS: &[&str] = &[
    "how", "what", "when", "where", "which", "who", "whom", "whose", "why", "is", "are", "am", "was", "were", "can", "could",
    "do", "does", "did", "will", "would", "should", "shall", "may", "might", "has", "have", "had", "any", "anything",
];

impl Focus {
    fn of(question: &str, tokens: &[Token]) -> Focus {
        let sentences = question_sentences(question);
        if sentences.len() < 2 {
            return Focus { asking: Vec::new() };
        }
        let opener = |range: &std::ops::Range<usize>| {
            tokens.iter().find(|t| range.contains(&t.start)).is_some_and(|t| ASKING_OPENERS.contains(&t.word.as_str()))
        };
        let mut asking: Vec<std::ops::Range<usize>> =
            sentences.iter().filter(|r| question[(*r).clone()].trim_end().ends_with('?') || opener(r)).cloned().collect();
        if asking.is_empty() {
            asking.extend(sentences.last().cloned());
        }
        Focus { asking }
    }

    fn holds(&self, byte: usize) -> bool {
        self.asking.is_empty() || self.asking.iter().any(|r| r.contains(&byte))
    }
}

/// The sentences of a typed question: people type without capitals, so any `.`, `!`, `?`
/// or line break followed by a space or the end closes one.
fn question_sentences(question: &str) -> Vec<std::ops::Range<usize>> {
    let mut sentences = Vec::new();
    let mut start = 0;
    let bytes = question.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        let ends = matches!(b, b'.' | b'!' | b'?' | b'\n') && bytes.get(i + 1).is_none_or(|n| n.is_ascii_whitespace());
        if ends {
            if question[start..=i].chars().any(char::is_alphanumeric) {
                sentences.push(start..i + 1);
            }
            start = i + 1;
        }
    }
    if question[start..].chars().any(char::is_alphanumeric) {
        sentences.push(start..question.len());
    }
    sentences
}

/// "What is X?", and the other ways people ask what a thing is: "what's X", "define X",
/// "what does X mean", "meaning of X", "X, what is it?".
fn asks_definition(tokens: &[Token]) -> bool {
    let words: Vec<&str> = tokens.iter().map(|t| t.word.as_str()).collect();
    let opens = matches!(words.as_slice(), ["what", "is" | "are" | "s" | "was", ..] | ["whats" | "define" | "definition" | "meaning", ..]);
    let closes = matches!(words.as_slice(), [.., "what", "is" | "are", "it" | "that" | "they" | "this"] | [.., "mean" | "means" | "meaning"]);
    opens || (closes && words.len() > 2)
}

fn concept_for(index: &Index, analyzer: &Analyzer, token: &Token, tuning: &Tuning) -> Concept {
    let mut alternatives = Vec::new();
    let relations = index.relations_for(&token.term);
    match index.term_id(&token.term) {
        Some(term) => alternatives.push(Alternative { terms: vec![term], weight: 1.0, kind: MatchKind::Exact }),
        // A word the builder has relations for is a real word the site lacks, not a
        // misspelling: "needle" is not "need", nor "mother" "other".
        None if relations.is_some() => {}
        None => alternatives.extend(near_spellings(index, &token.term, tuning)),
    }
    alternatives.extend(variants(index, &token.term, tuning));
    // A word the pages do not use may still mean one they do ("kidney" → "renal"): below
    // the word itself and below curated synonyms, as sure as the resources are.
    for related in relations.unwrap_or_default().iter().take(tuning.max_relations) {
        if !alternatives.iter().any(|a| a.terms == related.terms) {
            let weight = tuning.relation_weight * related.weight;
            alternatives.push(Alternative { terms: related.terms.clone(), weight, kind: MatchKind::Relation });
        }
    }
    let light = analyzer.is_light_term(&token.term);
    let weight = if light { tuning.light_word_share } else { 1.0 };
    Concept {
        word: token.word.clone(),
        term: token.term.clone(),
        weight,
        base_weight: weight,
        importance: 0.0,
        alternatives,
    }
}

/// Derivational endings, as the English stemmer leaves them ("guidance" → "guidanc"),
/// that turn a word into another word of the same meaning. "less" is not among them:
/// "painless" is the opposite of "pain".
pub const DERIVATIONAL_SUFFIXES: &[&str] = &[
    "abl", "al", "anc", "at", "atori", "enc", "er", "eri", "ial", "ian", "ibl", "ic", "ical", "ion", "ist", "iti", "ive", "ment",
    "or", "ori", "ous", "ular",
];

/// Other forms of the word that the stemmer keeps apart: the term plus a derivational
/// ending ("guid" → "guidanc", "inflamm" → "inflammatori", "cell" → "cellular"), or the
/// term without one. Stems shorter than four letters are left alone.
fn variants(index: &Index, term: &str, tuning: &Tuning) -> Vec<Alternative> {
    const MIN_STEM_CHARS: usize = 4;
    if term.chars().count() < MIN_STEM_CHARS {
        return Vec::new();
    }
    let mut found: Vec<(u32, TermId)> = Vec::new();
    // The term plus an ending: one walk over the terms that start with it (no string built
    // and looked up per ending, which was a seventh of a question's time).
    for (id, longer) in index.terms_with_prefix(term) {
        if DERIVATIONAL_SUFFIXES.contains(&&longer[term.len()..]) {
            found.push((index.doc_freq(id), id));
        }
    }
    for suffix in DERIVATIONAL_SUFFIXES {
        let shorter = term.strip_suffix(suffix).filter(|base| base.chars().count() >= MIN_STEM_CHARS);
        if let Some(id) = shorter.and_then(|base| index.term_id(base)) {
            found.push((index.doc_freq(id), id));
        }
    }
    let mut found: Vec<(u64, u32)> = found.into_iter().map(|(df, id)| (u64::from(df), id)).collect();
    order_by_key(&mut found);
    found.dedup_by_key(|f| f.1);
    found
        .into_iter()
        .take(tuning.max_variants)
        .map(|(_, id)| Alternative { terms: vec![id], weight: tuning.variant_weight, kind: MatchKind::Variant })
        .collect()
}

/// Index terms within the typo budget of `term`, closest and most common first.
fn near_spellings(index: &Index, term: &str, tuning: &Tuning) -> Vec<Alternative> {
    let chars = term.chars().count();
    let budget = edit_budget(chars);
    if budget == 0 {
        return Vec::new();
    }
    let mut matcher = NearMatcher::new(term, budget);
    // Closest first, then most common: the key puts the distance above the frequency. Plain
    // loops over slices: on a big site a typo is checked against thousands of terms, and in
    // the size-first wasm each iterator adapter's closure stayed a call per term.
    let mut found: Vec<(u64, TermId)> = Vec::new();
    for length in chars.saturating_sub(budget)..=chars + budget {
        for &(id, letters) in index.terms_of_length(length) {
            // Told apart before the term's text is fetched: most candidates go here.
            if !matcher.may_be_near(length, letters) {
                continue;
            }
            if let Some(distance) = matcher.distance_to(index.term(id), length, letters) {
                found.push((((budget - distance) as u64) << 32 | u64::from(index.doc_freq(id)), id));
            }
        }
    }
    order_by_key(&mut found);
    found
        .into_iter()
        .take(tuning.max_typo_alternatives)
        .map(|(key, term)| (budget - (key >> 32) as usize, term))
        .map(|(distance, term)| Alternative {
            terms: vec![term],
            weight: if distance <= 1 { tuning.typo_weight } else { tuning.typo_weight * tuning.typo_weight },
            kind: MatchKind::Typo,
        })
        .collect()
}

/// Adds each synonym of a concept as an alternative. A multi-word member ("side effects")
/// applies when its words stand together in the question, and then stands in for each of
/// them, so a passage that says "risks" covers the whole phrase. A multi-word synonym
/// ("pain medication") is a phrase: all its terms must be in a passage.
fn add_synonyms(index: &Index, content: &[&Token], concepts: &mut [Concept], tuning: &Tuning) {
    let terms: Vec<&str> = content.iter().map(|t| t.term.as_str()).collect();
    let filter = FirstWords::of(&terms);
    for group in &index.synonyms {
        for member in &group.members {
            if !filter.may_start(member) {
                continue;
            }
            let Some(start) = find_sequence(&terms, member) else { continue };
            for span_term in &terms[start..start + member.len()] {
                let Some(concept) = concepts.iter_mut().find(|c| c.term == *span_term) else { continue };
                // Bounded, so that a crafted table with a huge group cannot make a question slow.
                let synonyms_before = concept.alternatives.iter().filter(|a| a.kind == MatchKind::Synonym).count();
                let mut room = MAX_SYNONYMS_PER_CONCEPT.saturating_sub(synonyms_before);
                for other in group.members.iter().filter(|m| *m != member) {
                    if room == 0 {
                        break;
                    }
                    let Some(ids) = other.iter().map(|t| index.term_id(t)).collect::<Option<Vec<_>>>() else { continue };
                    if !concept.alternatives.iter().any(|a| a.terms == ids) {
                        let weight = tuning.synonym_weight;
                        concept.alternatives.push(Alternative { terms: ids, weight, kind: MatchKind::Synonym });
                        room -= 1;
                    }
                }
            }
        }
    }
}

/// Which words a question has, by length and first letter, one bit each: most synonyms and
/// cues are ruled out by one test instead of a string comparison with each of its words
/// (those comparisons were a tenth of a question's time on the demo).
struct FirstWords(u64);

impl FirstWords {
    fn of(words: &[&str]) -> FirstWords {
        FirstWords(words.iter().fold(0, |bits, word| bits | FirstWords::bit(word)))
    }

    fn bit(word: &str) -> u64 {
        let first = word.as_bytes().first().map_or(0, |&b| usize::from(b));
        1 << ((word.len() * 31 + first) % 64)
    }

    /// False only when `sequence` cannot start at any of the words.
    fn may_start(&self, sequence: &[String]) -> bool {
        sequence.first().is_some_and(|word| self.0 & FirstWords::bit(word) != 0)
    }
}

fn find_sequence(haystack: &[&str], needle: &[String]) -> Option<usize> {
    if needle.is_empty() || needle.len() > haystack.len() {
        return None;
    }
    haystack.windows(needle.len()).position(|window| window.iter().zip(needle).all(|(a, b)| *a == b))
}

/// The IDF of the word itself when the index has it; otherwise of its best stand-in (a
/// phrase counts by the mean of its terms); otherwise the IDF of a word no passage has.
fn importance(index: &Index, concept: &Concept) -> f32 {
    let n = index.passage_count();
    let alternative_idf = |a: &Alternative| {
        a.terms.iter().map(|&t| idf(n, index.doc_freq(t))).sum::<f32>() / a.terms.len().max(1) as f32
    };
    match concept.alternatives.iter().find(|a| a.kind == MatchKind::Exact) {
        Some(exact) => alternative_idf(exact),
        None => concept
            .alternatives
            .iter()
            .map(alternative_idf)
            .fold(None, |best: Option<f32>, x| Some(best.map_or(x, |b| b.max(x))))
            .unwrap_or_else(|| idf(n, 0)),
    }
}

/// Finds the index's cue patterns in the question. Returns the cue terms, the positions
/// of trigger words that are not content ("long" in "how long"), and whether a quantity
/// is asked for.
fn read_cues(index: &Index, tokens: &[Token]) -> (Vec<TermId>, Vec<usize>, bool) {
    let words: Vec<&str> = tokens.iter().map(|t| t.word.as_str()).collect();
    let filter = FirstWords::of(&words);
    let mut terms = Vec::new();
    let mut consumed = Vec::new();
    let mut wants_number = false;
    for cue in &index.cues {
        if !filter.may_start(&cue.trigger) {
            continue;
        }
        let Some(start) = find_sequence(&words, &cue.trigger) else { continue };
        wants_number |= cue.wants_number;
        // "how long" is a question about time, not about length; a one-word trigger
        // ("cost") stays a content word as well.
        if cue.trigger.len() > 1 {
            consumed.extend(start..start + cue.trigger.len());
        }
        for term in cue.expansions.iter().filter_map(|t| index.term_id(t)) {
            if !terms.contains(&term) {
                terms.push(term);
            }
        }
    }
    (terms, consumed, wants_number)
}
