//! Ranking in two stages. First BM25 over the postings, each concept scored by its best
//! stand-in (so "fat" and "adipose" in one passage do not count twice). Then the best
//! candidates are read word by word: concepts standing close together add a proximity
//! bonus, and the share of the question they cover is measured for the answer decision.

use super::matcher::{Hit, Target, WordMatcher};
use super::query::{idf, Alternative, Concept, MatchKind, QueryPlan};
use super::{order_by_key, score_key, Tuning};
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
    /// The largest share of the question held by a main concept the passage lacks.
    pub largest_gap: f32,
    /// The share of the question each kind of stand-in matched: how directly the passage
    /// says what was asked. They add up to at most 1.
    pub shares: MatchShares,
    /// The largest share of the question that one sentence of the passage holds: an
    /// answer says it in one place (0 below the reranked depth).
    pub sentence_coverage: f32,
}

/// Shares of the question's importance, by the kind of match that covered each concept.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct MatchShares {
    pub exact: f32,
    pub variant: f32,
    pub synonym: f32,
    pub relation: f32,
    pub typo: f32,
}

impl MatchShares {
    fn add(&mut self, kind: MatchKind, share: f32) {
        let slot = match kind {
            MatchKind::Exact => &mut self.exact,
            MatchKind::Variant => &mut self.variant,
            MatchKind::Synonym => &mut self.synonym,
            MatchKind::Relation => &mut self.relation,
            MatchKind::Typo => &mut self.typo,
        };
        *slot += share;
    }
}

struct Candidate {
    passage: u32,
    bm25: f32,
    coverage: f32,
    largest_gap: f32,
    /// The passage has a cue word ("weeks" for "how long").
    cued: bool,
    shares: MatchShares,
    /// What the passage gains from the best other passage of its page.
    page_bonus: f32,
    /// BM25 times the coordination factor: the first-stage order.
    score: f32,
}

/// Like Lucene's old coordination factor, weighted by importance: a passage that covers
/// the whole question beats one that repeats part of it. The square root (chosen over
/// other powers on the question sets) keeps it from overruling BM25.
fn coordination(coverage: f32) -> f32 {
    coverage.sqrt()
}

/// The best `limit` passages, best first. The top `tuning.rerank_depth` are reread word by
/// word; reranking only adds to a score, so the two parts stay in order.
pub fn rank(index: &Index, analyzer: &Analyzer, plan: &QueryPlan, tuning: &Tuning, limit: usize) -> Vec<Ranked> {
    let mut candidates = first_stage(index, plan, tuning);
    add_page_context(index, &mut candidates, tuning.page_context_weight);
    let mut candidates = in_order(candidates, |c| (c.score, c.passage));
    candidates.truncate(limit.max(tuning.rerank_depth));
    let rest = candidates.split_off(tuning.rerank_depth.min(candidates.len()));

    let matcher = WordMatcher::new(index, analyzer, plan);
    let ranked: Vec<Ranked> = candidates
        .into_iter()
        .filter_map(|candidate| {
            let passage = index.passages.get(candidate.passage as usize)?;
            let hits = matcher.hits(&passage.text);
            let features = Features {
                bm25: candidate.bm25,
                proximity: proximity(&plan.concepts, &hits),
                heading: passage.heading.as_deref().map_or(0.0, |h| heading_match(analyzer, &matcher, plan, tuning, h)),
                definition: if plan.asks_definition { opens_with_subject(plan, &passage.text, &hits) } else { 0.0 },
                sentence_coverage: sentence_coverage(plan, tuning, &passage.text, &hits),
                has_quantity: candidate.cued || passage.text.bytes().any(|b| b.is_ascii_digit()),
                coverage: candidate.coverage,
                largest_gap: candidate.largest_gap,
                shares: candidate.shares,
            };
            let scale = plan.evidence_scale(tuning.evidence_floor);
            let evidence = candidate.bm25
                + tuning.proximity_weight * features.proximity
                + tuning.heading_match_weight * features.heading * scale
                + tuning.definition_weight * features.definition * scale;
            let score = evidence * coordination(features.coverage) + candidate.page_bonus;
            Some(Ranked { passage: candidate.passage, score, features, hits: Some(hits) })
        })
        .collect();
    let mut ranked = in_order(ranked, |r| (r.score, r.passage));
    ranked.extend(rest.into_iter().map(|c| Ranked {
        passage: c.passage,
        score: c.score,
        features: Features {
            bm25: c.bm25,
            coverage: c.coverage,
            largest_gap: c.largest_gap,
            has_quantity: c.cued,
            shares: c.shares,
            ..Features::default()
        },
        hits: None,
    }));
    ranked.truncate(limit);
    ranked
}

fn first_stage(index: &Index, plan: &QueryPlan, tuning: &Tuning) -> Vec<Candidate> {
    let n = index.passages.len();
    let unit = index.meta.weight_scale / 255.0;
    // Each concept counts by its importance plus its share of the floor, so that when the
    // question's main words are common on the site, an everyday word does not outweigh them.
    let share = |c: &Concept| c.importance + c.weight * tuning.evidence_floor / plan.concepts.len().max(1) as f32;
    let whole: f32 = plan.concepts.iter().map(share).sum::<f32>().max(f32::EPSILON);
    let mut score = vec![0f32; n];
    let mut coverage = vec![0f32; n];
    let mut matched = vec![false; n];
    let mut concepts_matched = vec![0u32; n];
    let mut best = vec![(0f32, 0f32, MatchKind::Exact); n];
    let mut shares = vec![MatchShares::default(); n];
    let mut touched: Vec<usize> = Vec::new();

    for (c, concept) in plan.concepts.iter().enumerate().take(MAX_CONCEPTS) {
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
                    best[p] = (contribution, alternative.weight, alternative.kind);
                }
            }
        }
        for &p in &touched {
            score[p] += best[p].0;
            coverage[p] += share(concept) * best[p].1 / whole;
            shares[p].add(best[p].2, share(concept) / whole);
            matched[p] = true;
            concepts_matched[p] |= 1 << c;
            best[p] = (0.0, 0.0, MatchKind::Exact);
        }
        touched.clear();
    }

    // A cue counts like a fraction of the question, never more, whatever its words' IDF.
    let mut cue_bonus = vec![0f32; n];
    let cue_unit = tuning.cue_weight * plan.evidence_scale(tuning.evidence_floor) / 255.0;
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
            let largest_gap = plan
                .concepts
                .iter()
                .enumerate()
                .take(MAX_CONCEPTS)
                .filter(|(c, concept)| concept.weight >= 1.0 && concepts_matched[p] & (1 << c) == 0)
                .map(|(_, concept)| share(concept) / whole)
                .fold(0.0, f32::max);
            let score = bm25 * coordination(coverage);
            Candidate { passage: p as u32, bm25, coverage, largest_gap, cued: cue_bonus[p] > 0.0, shares: shares[p], page_bonus: 0.0, score }
        })
        .collect()
}

/// A passage whose page also answers elsewhere is more likely the right one: each passage
/// gains a share of the best other passage of its page (passage and document evidence
/// combined, as passage retrieval has long done).
fn add_page_context(index: &Index, candidates: &mut [Candidate], weight: f32) {
    if weight <= 0.0 {
        return;
    }
    // (document, best score, second best score) over the candidates, by document.
    let mut best: Vec<(u32, f32, f32)> = Vec::new();
    let doc_of = |c: &Candidate| index.passages.get(c.passage as usize).map_or(u32::MAX, |p| p.doc);
    for candidate in candidates.iter() {
        let doc = doc_of(candidate);
        match best.iter_mut().find(|(d, ..)| *d == doc) {
            Some(entry) if candidate.score > entry.1 => *entry = (doc, candidate.score, entry.1),
            Some(entry) => entry.2 = entry.2.max(candidate.score),
            None => best.push((doc, candidate.score, 0.0)),
        }
    }
    for candidate in candidates.iter_mut() {
        let doc = doc_of(candidate);
        if let Some(&(_, first, second)) = best.iter().find(|(d, ..)| *d == doc) {
            let other = if candidate.score >= first { second } else { first };
            candidate.page_bonus = weight * other;
            candidate.score += candidate.page_bonus;
        }
    }
}

/// `items` by score, best first, ties by passage: through the query path's one sort.
fn in_order<T>(items: Vec<T>, score_and_passage: impl Fn(&T) -> (f32, u32)) -> Vec<T> {
    let mut keys: Vec<(u64, u32)> = items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let (score, passage) = score_and_passage(item);
            // The lower passage number wins a tie.
            (score_key(score) << 32 | u64::from(u32::MAX - passage), i as u32)
        })
        .collect();
    order_by_key(&mut keys);
    let mut slots: Vec<Option<T>> = items.into_iter().map(Some).collect();
    keys.into_iter().filter_map(|(_, i)| slots.get_mut(i as usize).and_then(Option::take)).collect()
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

/// How well a heading restates the question, 0..=1: the share of the question it holds,
/// times the share of its own content words that are the question's. Each concept counts
/// by its importance plus an equal share of the floor, so that a heading of common words
/// can restate a question of common words, but does not restate "ultrasound" by sharing
/// "stem cell". A heading that opens with the question's own question word ("Who might
/// benefit…?" for "Who is a good candidate…?") shares that word too, as one more concept.
fn heading_match(analyzer: &Analyzer, matcher: &WordMatcher, plan: &QueryPlan, tuning: &Tuning, heading: &str) -> f32 {
    let mut heading_words = 0;
    analyzer.scan_words(heading, |_, _, word| heading_words += usize::from(!analyzer.is_stop(word)));
    if heading_words == 0 || plan.concepts.is_empty() {
        return 0.0;
    }
    let hits = matcher.hits(heading);
    let held_concepts = |c: usize| hits.iter().any(|h| h.target == Target::Concept(c));
    let share = tuning.evidence_floor / plan.concepts.len() as f32;
    let mut held: f32 =
        plan.concepts.iter().enumerate().filter(|(c, _)| held_concepts(*c)).map(|(_, c)| c.importance + share).sum();
    let mut own = hits.iter().filter(|h| matches!(h.target, Target::Concept(_))).count();
    let mut whole = plan.evidence_scale(tuning.evidence_floor);
    if let Some(word) = &plan.question_word {
        whole += share;
        let opening = heading.split_whitespace().next().unwrap_or("").to_ascii_lowercase();
        if opening == *word {
            held += share;
            own += 1;
            heading_words += 1;
        }
    }
    held / whole * own.min(heading_words) as f32 / heading_words as f32
}

/// The best sentence's share of the question, each concept counted once by its importance
/// and its share of the floor, as coverage counts them.
fn sentence_coverage(plan: &QueryPlan, tuning: &Tuning, text: &str, hits: &[Hit]) -> f32 {
    let floor = tuning.evidence_floor / plan.concepts.len().max(1) as f32;
    let whole = plan.evidence_scale(tuning.evidence_floor).max(f32::EPSILON);
    let mut best = 0f32;
    for sentence in sentence_spans(text) {
        let mut held = 0u32;
        for hit in hits.iter().filter(|h| sentence.contains(&h.start)) {
            if let Target::Concept(c) = hit.target {
                held |= 1u32.checked_shl(c as u32).unwrap_or(0);
            }
        }
        let share: f32 = plan.concepts.iter().enumerate().filter(|(c, _)| held & (1u32 << (*c as u32 % 32)) != 0 && *c < 32).map(|(_, c)| c.importance + floor).sum();
        best = best.max(share / whole);
    }
    best.min(1.0)
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
