//! Ranking in two stages. First BM25 over the postings, each concept scored by its best
//! stand-in (so "fat" and "adipose" in one passage do not count twice). Then the best
//! candidates are read word by word: concepts standing close together add a proximity
//! bonus, and the share of the question they cover is measured for the answer decision.

use super::matcher::{Hit, Target, WordMatcher};
use super::query::{idf, Alternative, Concept, MatchKind, QueryPlan};
use super::Tuning;
use crate::analysis::Analyzer;
use crate::index::Index;
use crate::text::sentence_spans;

/// Concepts beyond this many in one question are ignored; the match mask is a `u32`.
const MAX_CONCEPTS: usize = 32;

pub struct Ranked {
    pub passage: u32,
    pub score: f32,
    pub features: Features,
    /// Where the question's terms occur in the passage, kept for choosing the excerpt.
    /// `None` below the reranked depth, where passages are ranked by BM25 alone.
    pub hits: Option<Vec<Hit>>,
}

/// What a score is made of, for the answer decision and for `ask --explain`.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Features {
    /// BM25 over body, heading and title, each concept by its best stand-in, plus cues.
    pub bm25: f32,
    /// Closeness of the question's concepts in the passage (0 below the reranked depth).
    pub proximity: f32,
    /// How well the section heading restates the question, 0..=1.
    pub heading: f32,
    /// For "What is X?": a sentence of the passage opens with X (0 or 1).
    pub definition: f32,
    /// The passage states a figure or a cue word ("weeks" for "how long").
    pub has_quantity: bool,
    /// Share of the question's importance that this passage matches, 0..=1.
    pub coverage: f32,
}

struct Candidate {
    passage: u32,
    bm25: f32,
    coverage: f32,
    /// The passage has a cue word ("weeks" for "how long").
    cued: bool,
    /// BM25 times the coordination factor: the first-stage order.
    score: f32,
}

/// Like Lucene's old coordination factor, weighted by importance: a passage that covers
/// the whole question beats one that repeats part of it.
fn coordination(coverage: f32, tuning: &Tuning) -> f32 {
    libm::powf(coverage, tuning.coverage_exponent)
}

/// The best `limit` passages, best first. The top `tuning.rerank_depth` are reread word by
/// word; reranking only adds to a score, so the two parts stay in order.
pub fn rank(index: &Index, analyzer: &Analyzer, plan: &QueryPlan, tuning: &Tuning, limit: usize) -> Vec<Ranked> {
    let mut candidates = first_stage(index, plan, tuning);
    candidates.sort_unstable_by(|a, b| b.score.total_cmp(&a.score).then(a.passage.cmp(&b.passage)));
    candidates.truncate(limit.max(tuning.rerank_depth));
    let rest = candidates.split_off(tuning.rerank_depth.min(candidates.len()));

    let matcher = WordMatcher::new(index, analyzer, plan);
    let mut ranked: Vec<Ranked> = candidates
        .into_iter()
        .filter_map(|candidate| {
            let passage = index.passages.get(candidate.passage as usize)?;
            let hits = matcher.hits(&passage.text);
            let features = Features {
                bm25: candidate.bm25,
                proximity: proximity(&plan.concepts, &hits),
                heading: passage.heading.as_deref().map_or(0.0, |h| heading_match(analyzer, index, plan, tuning, h)),
                definition: if plan.asks_definition { opens_with_subject(plan, &passage.text, &hits) } else { 0.0 },
                has_quantity: candidate.cued || passage.text.bytes().any(|b| b.is_ascii_digit()),
                coverage: candidate.coverage,
            };
            let scale = evidence_scale(plan, tuning);
            let evidence = candidate.bm25
                + tuning.proximity_weight * features.proximity
                + tuning.heading_match_weight * features.heading * scale
                + tuning.definition_weight * features.definition * scale;
            let score = evidence * coordination(features.coverage, tuning);
            Some(Ranked { passage: candidate.passage, score, features, hits: Some(hits) })
        })
        .collect();
    ranked.sort_unstable_by(|a, b| b.score.total_cmp(&a.score).then(a.passage.cmp(&b.passage)));
    ranked.extend(rest.into_iter().map(|c| Ranked {
        passage: c.passage,
        score: c.score,
        features: Features { bm25: c.bm25, coverage: c.coverage, has_quantity: c.cued, ..Features::default() },
        hits: None,
    }));
    ranked.truncate(limit);
    ranked
}

fn first_stage(index: &Index, plan: &QueryPlan, tuning: &Tuning) -> Vec<Candidate> {
    let n = index.passages.len();
    let unit = index.meta.weight_scale / 255.0;
    let total_importance = plan.total_importance().max(f32::EPSILON);
    let mut score = vec![0f32; n];
    let mut coverage = vec![0f32; n];
    let mut matched = vec![false; n];
    let mut best = vec![(0f32, 0f32); n];
    let mut touched: Vec<usize> = Vec::new();

    for concept in plan.concepts.iter().take(MAX_CONCEPTS) {
        // A stand-in never tells more than the word asked about: "cellular" is rarer than
        // "cell" but no better evidence for it.
        let idf_cap = concept
            .alternatives
            .iter()
            .find(|a| a.kind == MatchKind::Exact)
            .and_then(|a| a.terms.first())
            .map_or(f32::INFINITY, |&t| idf(n, index.doc_freq(t)));
        for alternative in &concept.alternatives {
            for (p, bm25) in alternative_postings(index, alternative, unit, idf_cap) {
                let contribution = concept.weight * alternative.weight * bm25;
                if best[p].0 == 0.0 {
                    touched.push(p);
                }
                if contribution > best[p].0 {
                    best[p] = (contribution, alternative.weight);
                }
            }
        }
        for &p in &touched {
            score[p] += best[p].0;
            coverage[p] += concept.importance * best[p].1 / total_importance;
            matched[p] = true;
            best[p] = (0.0, 0.0);
        }
        touched.clear();
    }

    // A cue counts like a fraction of the question, never more, whatever its words' IDF.
    let mut cue_bonus = vec![0f32; n];
    let cue_unit = tuning.cue_weight * evidence_scale(plan, tuning) / 255.0;
    for &term in &plan.cue_terms {
        for posting in index.postings(term) {
            let p = posting.passage as usize;
            cue_bonus[p] = cue_bonus[p].max(cue_unit * f32::from(posting.weight));
        }
    }

    (0..n)
        .filter(|&p| matched[p])
        .map(|p| {
            let coverage = coverage[p].min(1.0);
            let bm25 = score[p] + cue_bonus[p];
            Candidate { passage: p as u32, bm25, coverage, cued: cue_bonus[p] > 0.0, score: bm25 * coordination(coverage, tuning) }
        })
        .collect()
}

/// (passage, BM25 weight) for every passage an alternative matches, its terms' IDF capped
/// at `idf_cap`. A phrase matches where all its terms are, and weighs the mean of its terms.
fn alternative_postings(index: &Index, alternative: &Alternative, unit: f32, idf_cap: f32) -> Vec<(usize, f32)> {
    let n = index.passages.len();
    let weighted = |term| {
        let term_idf = idf(n, index.doc_freq(term)).min(idf_cap);
        index.postings(term).map(move |p| (p.passage as usize, term_idf * f32::from(p.weight) * unit))
    };
    let Some((&first, rest)) = alternative.terms.split_first() else { return Vec::new() };
    let mut matches: Vec<(usize, f32)> = weighted(first).collect();
    for &term in rest {
        let other: Vec<(usize, f32)> = weighted(term).collect();
        matches.retain_mut(|(p, w)| match other.binary_search_by_key(p, |&(q, _)| q) {
            Ok(i) => {
                *w += other[i].1;
                true
            }
            Err(_) => false,
        });
    }
    let terms = alternative.terms.len() as f32;
    matches.iter_mut().for_each(|(_, w)| *w /= terms);
    matches
}

/// The unit of the bonuses: the question's total importance, plus a floor so that a
/// question made only of common words ("What is stem cell therapy?" on a site about stem
/// cell therapy) can still be told apart by a heading that restates it.
fn evidence_scale(plan: &QueryPlan, tuning: &Tuning) -> f32 {
    plan.total_importance() + tuning.evidence_floor
}

/// How well a heading restates the question, 0..=1: the share of the question it holds,
/// times the share of its own words that are the question's. Each concept counts by its
/// importance plus an equal share of the floor, so that a heading of common words can
/// restate a question of common words, but does not restate "ultrasound" by sharing
/// "stem cell".
/// A heading that opens with the question's own question word ("Who might benefit…?" for
/// "Who is a good candidate…?") shares that word too, as one more concept of the floor.
fn heading_match(analyzer: &Analyzer, index: &Index, plan: &QueryPlan, tuning: &Tuning, heading: &str) -> f32 {
    let mut terms = analyzer.terms(heading);
    terms.sort_unstable();
    terms.dedup();
    if terms.is_empty() || plan.concepts.is_empty() {
        return 0.0;
    }
    let stands_in = |a: &Alternative, t: &str| a.terms.iter().any(|&term| index.term(term) == t);
    let in_heading = |c: &Concept| c.alternatives.iter().any(|a| a.terms.iter().all(|&term| terms.iter().any(|t| t == index.term(term))));
    let share = tuning.evidence_floor / plan.concepts.len() as f32;
    let mut held: f32 = plan.concepts.iter().filter(|c| in_heading(c)).map(|c| c.importance + share).sum();
    let mut own = terms.iter().filter(|t| plan.concepts.iter().any(|c| c.alternatives.iter().any(|a| stands_in(a, t)))).count();
    let mut heading_words = terms.len();
    let mut whole = evidence_scale(plan, tuning);
    if let Some(word) = &plan.question_word {
        whole += share;
        let opening = heading.split_whitespace().next().unwrap_or("").to_ascii_lowercase();
        if opening == *word {
            held += share;
            own += 1;
            heading_words += 1;
        }
    }
    held / whole * own as f32 / heading_words as f32
}

/// Whether a sentence of the passage opens with the thing asked about ("Spinal stenosis
/// can occur when…" for "What is spinal stenosis?"): all the question's main concepts
/// among its first few words.
fn opens_with_subject(plan: &QueryPlan, text: &str, hits: &[Hit]) -> f32 {
    const OPENING_BYTES: usize = 40;
    let main: Vec<usize> = (0..plan.concepts.len()).filter(|&c| plan.concepts[c].weight >= 1.0).collect();
    if main.is_empty() {
        return 0.0;
    }
    let opens = sentence_spans(text).iter().any(|sentence| {
        let opening = sentence.start..sentence.start + OPENING_BYTES;
        main.iter().all(|&c| hits.iter().any(|h| h.target == Target::Concept(c) && opening.contains(&h.start)))
    });
    if opens { 1.0 } else { 0.0 }
}

/// For each pair of different concepts, the closest they come in the passage, as
/// `min(importance) / distance²`: words of the question that stand together in a
/// passage are far stronger evidence than the same words scattered.
fn proximity(concepts: &[Concept], hits: &[Hit]) -> f32 {
    let hits: Vec<(usize, usize)> = hits
        .iter()
        .filter_map(|hit| match hit.target {
            Target::Concept(c) => Some((hit.position, c)),
            Target::Cue => None,
        })
        .collect();
    let k = concepts.len().min(MAX_CONCEPTS);
    let mut closest = vec![usize::MAX; k * k];
    for (i, &(pos_a, a)) in hits.iter().enumerate() {
        for &(pos_b, b) in hits[i + 1..].iter().take_while(|(pos_b, _)| pos_b - pos_a <= 8) {
            if a != b && a < k && b < k {
                let slot = a.min(b) * k + a.max(b);
                closest[slot] = closest[slot].min(pos_b - pos_a);
            }
        }
    }
    let mut total = 0.0;
    for a in 0..k {
        for b in a + 1..k {
            let distance = closest[a * k + b];
            if distance != usize::MAX {
                let weight = concepts[a].importance.min(concepts[b].importance);
                total += weight / (distance * distance) as f32;
            }
        }
    }
    total
}
