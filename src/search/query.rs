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
    /// 1, or less for an everyday verb or adjective the question leans on ("help", "avoid").
    pub weight: f32,
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

pub fn plan(index: &Index, analyzer: &Analyzer, question: &str, tuning: &Tuning) -> QueryPlan {
    let tokens = analyzer.tokens(question);
    let (cue_terms, consumed, wants_number) = read_cues(index, &tokens);
    let first_words: Vec<&str> = tokens.iter().take(2).map(|t| t.word.as_str()).collect();
    let question_word = first_words.first().filter(|w| QUESTION_WORDS.contains(w)).map(|w| w.to_string());
    let asks_definition = matches!(first_words.as_slice(), ["what", "is" | "are" | "s"] | ["define", ..]);
    let content: Vec<&Token> =
        tokens.iter().enumerate().filter(|(i, t)| !t.is_stop && !consumed.contains(i)).map(|(_, t)| t).collect();

    let mut concepts: Vec<Concept> = Vec::new();
    for token in &content {
        if concepts.iter().any(|c| c.term == token.term) {
            continue;
        }
        concepts.push(concept_for(index, analyzer, token, tuning));
    }
    add_synonyms(index, &content, &mut concepts, tuning);
    // An everyday word the pages never use ("happen", "come") is only phrasing.
    concepts.retain(|c| c.weight >= 1.0 || !c.alternatives.is_empty());
    for concept in &mut concepts {
        concept.importance = concept.weight * importance(index, concept);
    }
    QueryPlan { concepts, cue_terms, wants_number, question_word, asks_definition }
}

fn concept_for(index: &Index, analyzer: &Analyzer, token: &Token, tuning: &Tuning) -> Concept {
    let mut alternatives = Vec::new();
    match index.term_id(&token.term) {
        Some(term) => alternatives.push(Alternative { terms: vec![term], weight: 1.0, kind: MatchKind::Exact }),
        None => alternatives.extend(near_spellings(index, &token.term, tuning)),
    }
    alternatives.extend(variants(index, &token.term, tuning));
    let light = analyzer.is_light_term(&token.term);
    Concept {
        word: token.word.clone(),
        term: token.term.clone(),
        weight: if light { tuning.light_word_share } else { 1.0 },
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
    // Closest first, then most common: the key puts the distance above the frequency.
    let mut found: Vec<(u64, TermId)> = (chars.saturating_sub(budget)..=chars + budget)
        .flat_map(|length| index.terms_of_length(length))
        .filter_map(|(id, candidate)| {
            let distance = matcher.distance(candidate)?;
            Some((((budget - distance) as u64) << 32 | u64::from(index.doc_freq(id)), id))
        })
        .collect();
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
    for group in &index.synonyms {
        for member in &group.members {
            let Some(start) = find_sequence(&terms, member) else { continue };
            for span_term in &terms[start..start + member.len()] {
                let Some(concept) = concepts.iter_mut().find(|c| c.term == *span_term) else { continue };
                for other in group.members.iter().filter(|m| *m != member) {
                    let Some(ids) = other.iter().map(|t| index.term_id(t)).collect::<Option<Vec<_>>>() else { continue };
                    if !concept.alternatives.iter().any(|a| a.terms == ids) {
                        let weight = tuning.synonym_weight;
                        concept.alternatives.push(Alternative { terms: ids, weight, kind: MatchKind::Synonym });
                    }
                }
            }
        }
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
    let mut terms = Vec::new();
    let mut consumed = Vec::new();
    let mut wants_number = false;
    for cue in &index.cues {
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
