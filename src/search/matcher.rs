//! Where a question's terms are in a passage, for proximity, headings, definitions and
//! excerpts. The index knows where each term occurs in each passage (stored in a sharded
//! index's shards, derived once at load for an index in one file), so nothing here stems a
//! passage's words or compares their strings: a passage is read by term id and position.

use super::order_by_key;
use super::query::QueryPlan;
use crate::index::{Index, TermId};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    /// A concept of the question, by position in the plan.
    Concept(usize),
    /// A word the question's form suggests ("weeks" for "how long").
    Cue,
}

#[derive(Clone, Copy, Debug)]
pub struct Hit {
    /// Word number in the passage, stop words counted, for distances.
    pub position: usize,
    pub target: Target,
    /// The sentences (first..=last) whose opening the word is in.
    pub openings: Option<(u32, u32)>,
}

/// What a passage's heading holds of the question.
#[derive(Clone, Copy, Debug, Default)]
pub struct HeadingHits {
    /// Bit `c`: the heading has a word for concept `c` (a plan has at most 32 concepts).
    pub held: u32,
    /// How many of the heading's words stand for a concept.
    pub words: usize,
}

/// Working vectors for `PlanTerms::read`, kept from one passage to the next.
#[derive(Default)]
pub struct ReadScratch {
    hits: Vec<(Hit, usize)>,
    in_body: Vec<bool>,
    in_heading: Vec<u32>,
    order: Vec<(u64, u32)>,
}

/// The question's terms, each once, with what it stands for. A term that several stand-ins
/// use counts for the first of them: single terms first (by concept), then the terms of
/// phrases, then cues.
pub struct PlanTerms {
    /// (term, target, phrase number).
    entries: Vec<(TermId, Target, Option<usize>)>,
    /// The number of terms of each phrase stand-in.
    phrase_lengths: Vec<usize>,
}

impl PlanTerms {
    pub fn new(plan: &QueryPlan) -> PlanTerms {
        let mut all = Vec::new();
        let mut phrase_lengths = Vec::new();
        for (c, concept) in plan.concepts.iter().enumerate() {
            for alternative in concept.alternatives.iter().filter(|a| a.terms.len() == 1) {
                all.push((alternative.terms[0], Target::Concept(c), None));
            }
        }
        for (c, concept) in plan.concepts.iter().enumerate() {
            for alternative in concept.alternatives.iter().filter(|a| a.terms.len() > 1) {
                for &term in &alternative.terms {
                    all.push((term, Target::Concept(c), Some(phrase_lengths.len())));
                }
                phrase_lengths.push(alternative.terms.len());
            }
        }
        all.extend(plan.cue_terms.iter().map(|&cue| (cue, Target::Cue, None)));
        let mut entries: Vec<(TermId, Target, Option<usize>)> = Vec::with_capacity(all.len());
        for entry in all {
            if !entries.iter().any(|e| e.0 == entry.0) {
                entries.push(entry);
            }
        }
        PlanTerms { entries, phrase_lengths }
    }

    /// Every term the question reads passages for.
    pub fn terms(&self) -> impl Iterator<Item = TermId> + '_ {
        self.entries.iter().map(|e| e.0)
    }

    /// The passage's words that match, in order, and what its heading holds. A phrase's words
    /// count only where all its terms are: "grow back" does not make "back pain" about regrowth.
    /// `scratch` is reused from one passage to the next: a question reads 16 or more, and
    /// their working vectors were half of its allocations.
    pub fn read(&self, index: &Index, passage: u32, scratch: &mut ReadScratch) -> (Vec<Hit>, HeadingHits) {
        let ReadScratch { hits, in_body, in_heading, order } = scratch;
        hits.clear();
        in_body.clear();
        in_body.resize(self.entries.len(), false);
        in_heading.clear();
        in_heading.resize(self.entries.len(), 0);
        for (e, &(term, target, _)) in self.entries.iter().enumerate() {
            let mut occurrences = index.occurrences(term, passage);
            in_heading[e] = occurrences.heading_words;
            for o in occurrences.by_ref() {
                in_body[e] = true;
                hits.push((Hit { position: o.position as usize, target, openings: o.openings }, e));
            }
        }
        // Most questions have no phrase stand-in, and then every word counts.
        if !self.phrase_lengths.is_empty() {
            let in_body_complete = self.complete_phrases(in_body);
            hits.retain(|(_, e)| in_body_complete[*e]);
        }
        let body = if hits.windows(2).all(|w| w[0].0.position < w[1].0.position) {
            hits.iter().map(|&(hit, _)| hit).collect()
        } else {
            order.clear();
            order.extend(hits.iter().enumerate().map(|(i, (hit, _))| (u64::from(u32::MAX - hit.position as u32), i as u32)));
            order_by_key(order);
            order.iter().map(|&(_, i)| hits[i as usize].0).collect()
        };

        let mut heading = HeadingHits::default();
        let in_heading_complete = if self.phrase_lengths.is_empty() {
            Vec::new()
        } else {
            self.complete_phrases(&in_heading.iter().map(|&w| w > 0).collect::<Vec<bool>>())
        };
        for (e, &(_, target, _)) in self.entries.iter().enumerate() {
            let complete = in_heading_complete.get(e).copied().unwrap_or(true);
            if let (Target::Concept(c), true) = (target, in_heading[e] > 0 && complete) {
                heading.held |= 1u32.checked_shl(c as u32).unwrap_or(0);
                heading.words += in_heading[e] as usize;
            }
        }
        (body, heading)
    }

    /// Per entry, whether it counts where `present` says which entries' terms are: a term of a
    /// phrase counts only when every term of the phrase (as its entries name it) is present.
    fn complete_phrases(&self, present: &[bool]) -> Vec<bool> {
        let mut found = vec![0usize; self.phrase_lengths.len()];
        for (e, entry) in self.entries.iter().enumerate() {
            if let Some(p) = entry.2.filter(|_| present[e]) {
                found[p] += 1;
            }
        }
        self.entries.iter().map(|entry| entry.2.is_none_or(|p| found[p] == self.phrase_lengths[p])).collect()
    }

}
