//! Ranking in two stages. First BM25 over the postings, each concept scored by its best
//! stand-in (so "fat" and "adipose" in one passage do not count twice). Then the best
//! candidates are read word by word: concepts standing close together add a proximity
//! bonus, and the share of the question they cover is measured for the answer decision.

use super::matcher::{Hit, Target, WordMatcher};
use super::query::{idf, Concept, QueryPlan};
use super::Tuning;
use crate::analysis::Analyzer;
use crate::index::Index;

/// Concepts beyond this many in one question are ignored; the match mask is a `u32`.
const MAX_CONCEPTS: usize = 32;

pub struct Ranked {
    pub passage: u32,
    pub score: f32,
    /// Share of the question's importance that this passage matches, 0..=1.
    pub coverage: f32,
    /// Where the question's terms occur in the passage, kept for choosing the excerpt.
    pub hits: Vec<Hit>,
}

struct Candidate {
    passage: u32,
    bm25: f32,
    coverage: f32,
}

pub fn rank(index: &Index, analyzer: &Analyzer, plan: &QueryPlan, tuning: &Tuning) -> Vec<Ranked> {
    let mut candidates = first_stage(index, plan, tuning);
    candidates.sort_unstable_by(|a, b| b.bm25.total_cmp(&a.bm25).then(a.passage.cmp(&b.passage)));
    candidates.truncate(tuning.rerank_depth);

    let matcher = WordMatcher::new(index, analyzer, plan);
    let mut ranked: Vec<Ranked> = candidates
        .into_iter()
        .filter_map(|candidate| {
            let passage = index.passages.get(candidate.passage as usize)?;
            let hits = matcher.hits(&passage.text);
            let proximity = proximity(&plan.concepts, &hits);
            Some(Ranked {
                passage: candidate.passage,
                score: candidate.bm25 + tuning.proximity_weight * proximity,
                coverage: candidate.coverage,
                hits,
            })
        })
        .collect();
    ranked.sort_unstable_by(|a, b| b.score.total_cmp(&a.score).then(a.passage.cmp(&b.passage)));
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
        for alternative in &concept.alternatives {
            let term_idf = idf(n, index.doc_freq(alternative.term));
            for posting in index.postings(alternative.term) {
                let p = posting.passage as usize;
                let contribution = term_idf * alternative.weight * f32::from(posting.weight) * unit;
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

    let mut cue_bonus = vec![0f32; n];
    for &term in &plan.cue_terms {
        let term_idf = idf(n, index.doc_freq(term));
        for posting in index.postings(term) {
            let p = posting.passage as usize;
            let bonus = tuning.cue_weight * term_idf * f32::from(posting.weight) * unit;
            cue_bonus[p] = cue_bonus[p].max(bonus);
        }
    }

    (0..n)
        .filter(|&p| matched[p])
        .map(|p| Candidate { passage: p as u32, bm25: score[p] + cue_bonus[p], coverage: coverage[p].min(1.0) })
        .collect()
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
