//! From a question to a query plan: the concepts it asks about, each with the index terms
//! that can stand for it (the word itself, its synonyms, or a near spelling), and the
//! cues that tell what kind of answer is wanted.

use super::fuzzy::{edit_budget, NearMatcher};
use super::Tuning;
use crate::analysis::{Analyzer, Token};
use crate::index::{Index, TermId};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MatchKind {
    Exact,
    Synonym,
    Typo,
}

/// One index term that counts as a match for a concept, and how much it counts.
#[derive(Clone, Debug)]
pub struct Alternative {
    pub term: TermId,
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
    /// How much the concept tells passages apart: the IDF of its term. A word the pages
    /// never use gets the highest IDF there is, so a question about it counts as uncovered.
    pub importance: f32,
    pub alternatives: Vec<Alternative>,
}

#[derive(Clone, Debug, Default)]
pub struct QueryPlan {
    pub concepts: Vec<Concept>,
    /// Terms suggested by the question's form ("how long" → weeks, months).
    pub cue_terms: Vec<TermId>,
}

impl QueryPlan {
    pub fn total_importance(&self) -> f32 {
        self.concepts.iter().map(|c| c.importance).sum()
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
    let (cue_terms, consumed) = read_cues(index, &tokens);
    let content: Vec<&Token> =
        tokens.iter().enumerate().filter(|(i, t)| !t.is_stop && !consumed.contains(i)).map(|(_, t)| t).collect();

    let mut concepts: Vec<Concept> = Vec::new();
    for token in &content {
        if concepts.iter().any(|c| c.term == token.term) {
            continue;
        }
        concepts.push(concept_for(index, token, tuning));
    }
    add_synonyms(index, &content, &mut concepts, tuning);
    for concept in &mut concepts {
        concept.importance = importance(index, concept);
    }
    QueryPlan { concepts, cue_terms }
}

fn concept_for(index: &Index, token: &Token, tuning: &Tuning) -> Concept {
    let alternatives = match index.term_id(&token.term) {
        Some(term) => vec![Alternative { term, weight: 1.0, kind: MatchKind::Exact }],
        None => near_spellings(index, &token.term, tuning),
    };
    Concept { word: token.word.clone(), term: token.term.clone(), importance: 0.0, alternatives }
}

/// Index terms within the typo budget of `term`, closest and most common first.
fn near_spellings(index: &Index, term: &str, tuning: &Tuning) -> Vec<Alternative> {
    let budget = edit_budget(term.chars().count());
    if budget == 0 {
        return Vec::new();
    }
    let mut matcher = NearMatcher::new(term, budget);
    let mut found: Vec<(usize, u32, TermId)> = index
        .terms()
        .filter_map(|(id, candidate)| matcher.distance(candidate).map(|d| (d, index.doc_freq(id), id)))
        .collect();
    found.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)).then(a.2.cmp(&b.2)));
    found
        .into_iter()
        .take(tuning.max_typo_alternatives)
        .map(|(distance, _, term)| Alternative {
            term,
            weight: if distance <= 1 { tuning.typo_weight } else { tuning.typo_weight * tuning.typo_weight },
            kind: MatchKind::Typo,
        })
        .collect()
}

/// Adds each synonym of a concept as an alternative. A multi-word member ("platelet rich
/// plasma") applies when its words stand together in the question, and attaches to the
/// concept of its first word.
fn add_synonyms(index: &Index, content: &[&Token], concepts: &mut [Concept], tuning: &Tuning) {
    let terms: Vec<&str> = content.iter().map(|t| t.term.as_str()).collect();
    for group in &index.synonyms {
        for member in &group.members {
            let Some(start) = find_sequence(&terms, member) else { continue };
            let term = &content[start].term;
            let Some(concept) = concepts.iter_mut().find(|c| &c.term == term) else { continue };
            for other in group.members.iter().filter(|m| *m != member) {
                for term in other.iter().filter_map(|t| index.term_id(t)) {
                    if !concept.alternatives.iter().any(|a| a.term == term) {
                        concept.alternatives.push(Alternative { term, weight: tuning.synonym_weight, kind: MatchKind::Synonym });
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

fn importance(index: &Index, concept: &Concept) -> f32 {
    let n = index.passages.len();
    let exact = concept.alternatives.iter().find(|a| a.kind == MatchKind::Exact);
    match exact {
        Some(alt) => idf(n, index.doc_freq(alt.term)),
        None => concept
            .alternatives
            .iter()
            .map(|a| idf(n, index.doc_freq(a.term)))
            .fold(None, |best: Option<f32>, x| Some(best.map_or(x, |b| b.max(x))))
            .unwrap_or_else(|| idf(n, 0)),
    }
}

/// Finds the index's cue patterns in the question. Returns the cue terms, and the
/// positions of trigger words that are not content ("long" in "how long").
fn read_cues(index: &Index, tokens: &[Token]) -> (Vec<TermId>, Vec<usize>) {
    let words: Vec<&str> = tokens.iter().map(|t| t.word.as_str()).collect();
    let mut terms = Vec::new();
    let mut consumed = Vec::new();
    for cue in &index.cues {
        let Some(start) = find_sequence(&words, &cue.trigger) else { continue };
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
    (terms, consumed)
}
