//! Ranking in two stages. First BM25 over the postings, each concept scored by its best
//! stand-in (so "fat" and "adipose" in one passage do not count twice). Then the best
//! candidates are read word by word: concepts standing close together add a proximity
//! bonus, and the share of the question they cover is measured for the answer decision.

use super::matcher::{HeadingHits, Hit, PlanTerms, ReadScratch, Target};
use super::query::{idf, Alternative, Concept, MatchKind, QueryPlan};
use super::{score_key, Tuning};
use crate::index::Index;

/// Concepts beyond this many in one question are ignored; the match mask is a `u32`.
const MAX_CONCEPTS: usize = 32;

/// In `slots`: the passage has no candidate yet. A candidate's place is stored plus one, so
/// that the slots start as zeroed memory: filled with another value, they were a loop over
/// every passage of the site per question in the wasm.
const NO_CANDIDATE: u32 = 0;

#[derive(Default)]
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
    /// The largest share of the question held within one sentence's length of words: an
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
    #[inline(always)]
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

#[derive(Clone, Default)]
struct Candidate {
    passage: u32,
    bm25: f32,
    coverage: f32,
    /// Bit `c`: the passage matches concept `c`.
    concepts: u32,
    /// The passage has a cue word ("weeks" for "how long").
    cued: bool,
    shares: MatchShares,
    /// What the passage gains from the best other passage of its page.
    page_bonus: f32,
    /// BM25 times the coordination factor (plus the page bonus): the first-stage order.
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
pub fn rank(index: &Index, terms: &PlanTerms, plan: &QueryPlan, tuning: &Tuning, limit: usize) -> Vec<Ranked> {
    let (mut candidates, gaps) = first_stage(index, plan, tuning);
    add_page_context(index, &mut candidates, tuning.page_context_weight);
    // The share of the question a main concept holds, which a passage lacking it misses:
    // worked out only for the passages ranked, not for every one that matched.
    let largest_gap = |concepts: u32| {
        // Not `f32::max`: in wasm that is a call to libm's fmaxf (the gaps are never NaN).
        gaps.iter().enumerate().filter(|&(c, _)| concepts & (1 << c) == 0).fold(0.0, |largest, (_, &gap)| if gap > largest { gap } else { largest })
    };
    let mut candidates = best_in_order(candidates, limit.max(tuning.rerank_depth), |c| (c.score, c.passage));
    let rest = candidates.split_off(tuning.rerank_depth.min(candidates.len()));

    let mut scratch = ReadScratch::default();
    let mut concept_hits = Vec::new();
    let ranked: Vec<Ranked> = candidates
        .into_iter()
        .map(|candidate| {
            let p = candidate.passage;
            let (hits, heading) = terms.read(index, p, &mut scratch);
            concept_positions(&hits, plan.concepts.len().min(MAX_CONCEPTS), &mut concept_hits);
            let features = Features {
                bm25: candidate.bm25,
                proximity: proximity(&plan.concepts, &concept_hits),
                heading: heading_match(index, p, &heading, plan, tuning),
                definition: if plan.asks_definition { opens_with_subject(plan, &hits) } else { 0.0 },
                has_quantity: candidate.cued || index.facts(p).has_digit,
                coverage: candidate.coverage,
                largest_gap: largest_gap(candidate.concepts),
                shares: candidate.shares,
                sentence_coverage: sentence_coverage(plan, tuning, &concept_hits),
            };
            let scale = plan.evidence_scale(tuning.evidence_floor);
            let evidence = candidate.bm25
                + tuning.proximity_weight * features.proximity
                + tuning.heading_match_weight * features.heading * scale
                + tuning.definition_weight * features.definition * scale;
            let score = evidence * coordination(features.coverage) + candidate.page_bonus;
            Ranked { passage: candidate.passage, score, features, hits: Some(hits) }
        })
        .collect();
    let depth = ranked.len();
    let mut ranked = best_in_order(ranked, depth, |r| (r.score, r.passage));
    ranked.extend(rest.into_iter().map(|c| Ranked {
        passage: c.passage,
        score: c.score,
        features: Features {
            bm25: c.bm25,
            coverage: c.coverage,
            largest_gap: largest_gap(c.concepts),
            has_quantity: c.cued,
            shares: c.shares,
            ..Features::default()
        },
        hits: None,
    }));
    ranked.truncate(limit);
    ranked
}

/// Every passage that matches a concept, with its first-stage score; and per concept (up to
/// `MAX_CONCEPTS`), the share of the question it holds if it is a main one, else 0.
fn first_stage(index: &Index, plan: &QueryPlan, tuning: &Tuning) -> (Vec<Candidate>, Vec<f32>) {
    let n = index.passage_count();
    let unit = index.meta.weight_scale / 255.0;
    // Each concept counts by its importance plus its share of the floor, so that when the
    // question's main words are common on the site, an everyday word does not outweigh them.
    let share = |c: &Concept| c.importance + c.weight * tuning.evidence_floor / plan.concepts.len().max(1) as f32;
    let whole: f32 = plan.concepts.iter().map(share).sum::<f32>().max(f32::EPSILON);
    // The passages with any match, once each, in the order they were first met; per passage
    // its place among them. The sums live in the candidates themselves, so what is cleared
    // per question is 4 bytes a passage, not a sum of 48 (on a site of 35,000 passages,
    // clearing those was a tenth of a question's time).
    let mut slots = vec![NO_CANDIDATE; n];
    // Room for every passage the plan's terms can match, at most all of them: grown push by
    // push, the candidates of a big site's common words were copied over and over, a fifth
    // of the ranking's instructions on MedQuAD.
    let reach = postings_reached(index, plan.concepts.iter().take(MAX_CONCEPTS).flat_map(|c| &c.alternatives)).min(n);
    let mut candidates = Pool { all: vec![Candidate::default(); reach], count: 0 };
    // Per candidate, the best stand-in of the concept at hand: (contribution, its weight,
    // kind). Every candidate's slot is below `reach`; made only for a concept with several.
    let mut best: Vec<(f32, f32, MatchKind)> = Vec::new();
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
        let credit = Credit { concept: c, share: share(concept), whole };
        if let [alternative] = concept.alternatives.as_slice() {
            if let [term] = alternative.terms.as_slice() {
                // One stand-in of one term, the common case: each passage once, no need to
                // keep the best of several.
                let term_idf = idf(n, index.doc_freq(*term)).min(idf_cap);
                let (passages, weights) = index.posting_lists(*term);
                for (&p, &w) in passages.iter().zip(weights) {
                    let contribution = concept.weight * alternative.weight * (term_idf * f32::from(w) * unit);
                    let best = if contribution > 0.0 { (contribution, alternative.weight, alternative.kind) } else { (0.0, 0.0, alternative.kind) };
                    credit.add(candidates.of(&mut slots, p as usize).1, best);
                }
                continue;
            }
        }
        if best.len() < reach {
            best.resize(reach, (0.0, 0.0, MatchKind::Exact));
        }
        // A slot is touched at most once per posting of the concept's stand-ins.
        let postings = postings_reached(index, &concept.alternatives);
        if touched.len() < postings {
            touched.resize(postings, 0);
        }
        let mut stands = Stands { best: &mut best, touched: &mut touched, count: 0 };
        for alternative in &concept.alternatives {
            let weight = concept.weight * alternative.weight;
            if let [term] = alternative.terms.as_slice() {
                let term_idf = idf(n, index.doc_freq(*term)).min(idf_cap);
                let (passages, weights) = index.posting_lists(*term);
                for (&p, &w) in passages.iter().zip(weights) {
                    let slot = candidates.of(&mut slots, p as usize).0;
                    stands.consider(slot, weight * (term_idf * f32::from(w) * unit), alternative);
                }
            } else {
                for (p, bm25) in alternative_postings(index, alternative, unit, idf_cap) {
                    let slot = candidates.of(&mut slots, p).0;
                    stands.consider(slot, weight * bm25, alternative);
                }
            }
        }
        let all: &mut [Candidate] = &mut candidates.all;
        let Stands { best, touched, count } = stands;
        for &slot in &touched[..count] {
            credit.add(&mut all[slot], best[slot]);
            best[slot] = (0.0, 0.0, MatchKind::Exact);
        }
    }

    // A cue counts like a fraction of the question, never more, whatever its words' IDF;
    // only for the passages that match a concept.
    let Pool { all: mut candidates, count } = candidates;
    candidates.truncate(count);
    let mut cue_bonus = vec![0f32; if plan.cue_terms.is_empty() { 0 } else { candidates.len() }];
    let cue_unit = tuning.cue_weight * plan.evidence_scale(tuning.evidence_floor) / 255.0;
    for &term in &plan.cue_terms {
        for posting in index.postings(term) {
            if let Some(&slot) = slots.get(posting.passage as usize).filter(|&&slot| slot != NO_CANDIDATE) {
                let slot = slot as usize - 1;
                // Not `f32::max`, a call to libm's fmaxf in wasm (the bonus is never NaN).
                let bonus = cue_unit * f32::from(posting.weight);
                if bonus > cue_bonus[slot] {
                    cue_bonus[slot] = bonus;
                }
            }
        }
    }

    let gaps = plan.concepts.iter().take(MAX_CONCEPTS).map(|c| if c.weight >= 1.0 { share(c) / whole } else { 0.0 }).collect();
    for (slot, candidate) in candidates.iter_mut().enumerate() {
        let cue = cue_bonus.get(slot).copied().unwrap_or(0.0);
        // Not `f32::min`, a call to libm's fminf in wasm; NaN becomes 1 as it would there.
        if candidate.coverage.is_nan() || candidate.coverage > 1.0 {
            candidate.coverage = 1.0;
        }
        candidate.bm25 += cue;
        candidate.cued = cue > 0.0;
        candidate.score = candidate.bm25 * coordination(candidate.coverage);
    }
    (candidates, gaps)
}

/// How many postings the alternatives' first terms have (a phrase's passages are among its
/// first term's), as loaded: what the lists hold, not what the term table says (a crafted
/// index could make the two differ), so the buffers sized by it hold them.
fn postings_reached<'a>(index: &Index, alternatives: impl IntoIterator<Item = &'a Alternative>) -> usize {
    alternatives
        .into_iter()
        .flat_map(|a| a.terms.first())
        .map(|&term| index.posting_lists(term).0.len())
        .fold(0, usize::saturating_add)
}

/// The candidates met so far, `count` of them, in room made beforehand for all the plan's
/// postings can reach.
struct Pool {
    all: Vec<Candidate>,
    count: usize,
}

impl Pool {
    /// Where a posting's passage has its candidate (made on first sight), and the candidate.
    /// Slices, not vectors, are indexed here, and it is inlined: at the wasm's size-first
    /// opt-level the closure, `Vec::push` and the vector indexing it was stayed calls, once
    /// per posting, and a big site's question has tens of thousands (about a third of its
    /// time on MedQuAD).
    #[inline(always)]
    fn of(&mut self, slots: &mut [u32], p: usize) -> (usize, &mut Candidate) {
        if slots[p] == NO_CANDIDATE {
            // The room counted every posting; more would be a miscount, still answered.
            if self.count == self.all.len() {
                self.all.push(Candidate::default());
            }
            let all: &mut [Candidate] = &mut self.all;
            all[self.count].passage = p as u32;
            self.count += 1;
            slots[p] = self.count as u32;
        }
        let slot = slots[p] as usize - 1;
        let all: &mut [Candidate] = &mut self.all;
        (slot, &mut all[slot])
    }
}

/// For a concept with several stand-ins: per candidate, the best stand-in so far
/// (contribution, its weight, kind), and the candidates touched, `count` of them.
struct Stands<'a> {
    best: &'a mut [(f32, f32, MatchKind)],
    touched: &'a mut [usize],
    count: usize,
}

impl Stands<'_> {
    /// Inlined, as `Pool::of` is: once per posting of each stand-in.
    #[inline(always)]
    fn consider(&mut self, slot: usize, contribution: f32, alternative: &Alternative) {
        if self.best[slot].0 == 0.0 {
            self.touched[self.count] = slot;
            self.count += 1;
        }
        if contribution > self.best[slot].0 {
            self.best[slot] = (contribution, alternative.weight, alternative.kind);
        }
    }
}

/// What matching one concept adds to a candidate.
struct Credit {
    concept: usize,
    /// The concept's share of the question, and the question's whole.
    share: f32,
    whole: f32,
}

impl Credit {
    #[inline(always)]
    fn add(&self, candidate: &mut Candidate, (contribution, weight, kind): (f32, f32, MatchKind)) {
        candidate.bm25 += contribution;
        candidate.coverage += self.share * weight / self.whole;
        candidate.concepts |= 1 << self.concept;
        candidate.shares.add(kind, self.share / self.whole);
    }
}

/// A passage whose page also answers elsewhere is more likely the right one: each passage
/// gains a share of the best other passage of its page (passage and document evidence
/// combined, as passage retrieval has long done). The document of every passage is in the
/// root, so a sharded index ranks as the same index in one file does.
fn add_page_context(index: &Index, candidates: &mut [Candidate], weight: f32) {
    if weight <= 0.0 {
        return;
    }
    // Per document: the best and second-best first-stage scores among the candidates. By
    // slice and inlined, as in `Pool::of`: one pass each over a big site's candidates.
    let documents = index.document_count();
    let mut best = vec![(0f32, 0f32); documents];
    let best: &mut [(f32, f32)] = &mut best;
    let passage_docs = index.passage_documents();
    #[inline(always)]
    fn doc_of(passage_docs: &[u32], documents: usize, candidate: &Candidate) -> Option<usize> {
        let p = candidate.passage as usize;
        if p >= passage_docs.len() {
            return None;
        }
        Some(passage_docs[p] as usize).filter(|&d| d < documents)
    }
    for candidate in candidates.iter() {
        let Some(doc) = doc_of(passage_docs, documents, candidate) else { continue };
        let entry = &mut best[doc];
        if candidate.score > entry.0 {
            *entry = (candidate.score, entry.0);
        } else if candidate.score > entry.1 {
            // Not `f32::max`: in wasm that is a call to libm's fmaxf.
            entry.1 = candidate.score;
        }
    }
    for candidate in candidates.iter_mut() {
        let Some(doc) = doc_of(passage_docs, documents, candidate) else { continue };
        let (first, second) = best[doc];
        let other = if candidate.score >= first { second } else { first };
        candidate.page_bonus = weight * other;
        candidate.score += candidate.page_bonus;
    }
}

/// The best `k` of `items` by score, best first, ties by passage: only those `k` are sorted
/// (through the query path's one sort), the rest are only told apart from them.
fn best_in_order<T: Default>(mut items: Vec<T>, k: usize, score_and_passage: impl Fn(&T) -> (f32, u32)) -> Vec<T> {
    let keys = items.iter().enumerate().map(|(i, item)| {
        let (score, passage) = score_and_passage(item);
        // The lower passage number wins a tie.
        (score_key(score) << 32 | u64::from(u32::MAX - passage), i as u32)
    });
    let best = super::best_by_key(keys, k);
    // Taken out in place: the k best of a big site's tens of thousands of candidates, not a
    // copy of them all. Each index is in `best` once.
    best.into_iter().filter_map(|(_, i)| items.get_mut(i as usize).map(std::mem::take)).collect()
}

/// (passage, BM25 weight) for every passage an alternative matches, its terms' IDF capped
/// at `idf_cap`. A phrase matches where all its terms are, and weighs the mean of its terms.
fn alternative_postings(index: &Index, alternative: &Alternative, unit: f32, idf_cap: f32) -> Vec<(usize, f32)> {
    let n = index.passage_count();
    let weighted = |term| {
        let term_idf = idf(n, index.doc_freq(term)).min(idf_cap);
        let (passages, weights) = index.posting_lists(term);
        passages.iter().zip(weights).map(move |(&p, &w)| (p as usize, term_idf * f32::from(w) * unit))
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
fn heading_match(index: &Index, passage: u32, heading: &HeadingHits, plan: &QueryPlan, tuning: &Tuning) -> f32 {
    let mut heading_words = index.facts(passage).heading_words as usize;
    if heading_words == 0 || plan.concepts.is_empty() {
        return 0.0;
    }
    let share = tuning.evidence_floor / plan.concepts.len() as f32;
    let mut held: f32 =
        plan.concepts.iter().enumerate().filter(|&(c, _)| c < MAX_CONCEPTS && heading.held & (1 << c) != 0).map(|(_, c)| c.importance + share).sum();
    let mut own = heading.words;
    let mut whole = plan.evidence_scale(tuning.evidence_floor);
    if let Some(word) = &plan.question_word {
        whole += share;
        if index.heading_opens_with(passage, word) {
            held += share;
            own += 1;
            heading_words += 1;
        }
    }
    held / whole * own.min(heading_words) as f32 / heading_words as f32
}

/// How many words in a row stand in for one sentence (14, 24 and 40 were tried on the tune
/// part of the bank; the decision fitted on each did about as well, 14 a little better).
const SENTENCE_WORDS: usize = 14;

/// The largest share of the question held by the words of any `SENTENCE_WORDS` in a row,
/// each concept counted once by its importance and its share of the floor, as coverage
/// counts them. Word positions come with the postings, sentence ends only with the texts:
/// a span of words stands in for the sentence, so a sharded index reads the same.
fn sentence_coverage(plan: &QueryPlan, tuning: &Tuning, concept_hits: &[(usize, usize)]) -> f32 {
    let k = plan.concepts.len().min(MAX_CONCEPTS);
    let floor = tuning.evidence_floor / plan.concepts.len().max(1) as f32;
    let whole = plan.evidence_scale(tuning.evidence_floor).max(f32::EPSILON);
    let mut best = 0f32;
    for (i, &(start, _)) in concept_hits.iter().enumerate() {
        let mut held = 0u32;
        for &(_, c) in concept_hits[i..].iter().take_while(|(position, _)| position - start < SENTENCE_WORDS) {
            held |= 1 << c;
        }
        let share: f32 = (0..k).filter(|c| held & (1 << c) != 0).map(|c| plan.concepts[c].importance + floor).sum();
        // Not `f32::max`, a call to libm's fmaxf in wasm, once per word here (NaN is passed
        // over, as it would be).
        if share / whole > best {
            best = share / whole;
        }
    }
    best.min(1.0)
}

/// The (position, concept) of each word that stands for one of the first `k` concepts, in
/// passage order, into `into`: what proximity and sentence coverage read.
fn concept_positions(hits: &[Hit], k: usize, into: &mut Vec<(usize, usize)>) {
    into.clear();
    into.extend(hits.iter().filter_map(|h| match h.target {
        Target::Concept(c) if c < k => Some((h.position, c)),
        _ => None,
    }));
}

/// Whether a sentence of the passage opens with the thing asked about ("Spinal stenosis
/// can occur when…" for "What is spinal stenosis?"): all the question's main concepts
/// among its first few words (`index::OPENING_BYTES`).
fn opens_with_subject(plan: &QueryPlan, hits: &[Hit]) -> f32 {
    let main: Vec<usize> = (0..plan.concepts.len()).filter(|&c| plan.concepts[c].weight >= 1.0).collect();
    let Some((&first, others)) = main.split_first() else { return 0.0 };
    let openings_of = |c: usize| hits.iter().filter(move |h| h.target == Target::Concept(c)).filter_map(|h| h.openings);
    let opens = openings_of(first).any(|(low, high)| {
        (low..=high).any(|sentence| {
            others.iter().all(|&c| openings_of(c).any(|(l, h)| (l..=h).contains(&sentence)))
        })
    });
    if opens { 1.0 } else { 0.0 }
}

/// For each pair of different concepts, the closest they come in the passage, as
/// `min(importance) / distance²`: words of the question that stand together in a
/// passage are far stronger evidence than the same words scattered.
fn proximity(concepts: &[Concept], hits: &[(usize, usize)]) -> f32 {
    let k = concepts.len().min(MAX_CONCEPTS);
    // Distances of at most `NEAR` words are kept, so a byte holds one; on the stack, as a
    // vector it was one of a question's largest groups of allocations.
    const NEAR: usize = 8;
    let mut closest = [u8::MAX; MAX_CONCEPTS * MAX_CONCEPTS];
    for (i, &(pos_a, a)) in hits.iter().enumerate() {
        for &(pos_b, b) in hits[i + 1..].iter().take_while(|(pos_b, _)| pos_b - pos_a <= NEAR) {
            if a != b {
                let slot = a.min(b) * k + a.max(b);
                closest[slot] = closest[slot].min((pos_b - pos_a) as u8);
            }
        }
    }
    let mut total = 0.0;
    for a in 0..k {
        for b in a + 1..k {
            let distance = closest[a * k + b];
            if distance != u8::MAX {
                let (x, y) = (concepts[a].importance, concepts[b].importance);
                // `f32::min` without libm's fminf, NaN included.
                let weight = if x < y || y.is_nan() { x } else { y };
                // Two words never share a position in a real index; a crafted shard can say
                // they do, and 1/0 would make the score infinite.
                let distance = usize::from(distance.max(1));
                total += weight / (distance * distance) as f32;
            }
        }
    }
    total
}
