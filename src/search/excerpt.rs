//! The excerpt: the sentence or sentences of a passage that answer the question, whole,
//! with the question's words (and their stems, synonyms and near spellings) highlighted.

use std::ops::Range;

use super::matcher::{Hit, Target};
use super::query::QueryPlan;
use super::Tuning;
use crate::analysis::Analyzer;
use crate::index::Sentence;
use crate::text::utf16_offset;

pub struct Excerpt {
    pub text: String,
    /// `[start, end)` in UTF-16 code units of `text`.
    pub highlights: Vec<[u32; 2]>,
}

/// Words that point back to the sentence before; an excerpt starting with one would not
/// make sense on its own, so that sentence comes along.
const REFERRING_STARTS: &[&str] = &["this", "these", "those", "they", "it", "its", "such", "there", "however", "thus", "hence"];

/// `heading_match` is how well the passage's heading restates the question (0..=1): under
/// an FAQ question, the first sentence is the direct answer, so it gains that much. `hits` are
/// in position order; only the excerpt's own words are read again, to place the highlights.
pub fn excerpt(plan: &QueryPlan, analyzer: &Analyzer, text: &str, sentences: &[Sentence], hits: &[Hit], heading_match: f32, tuning: &Tuning) -> Excerpt {
    if sentences.is_empty() {
        return Excerpt { text: String::new(), highlights: Vec::new() };
    }
    let words = |s: usize| sentences[s].first_word as usize..sentences.get(s + 1).map_or(usize::MAX, |n| n.first_word as usize);
    // Hits are in position order and sentences in word order: each sentence's hits are the
    // slice between where its words start and where the next sentence's do.
    let hits_in = |words: Range<usize>| {
        let start = hits.partition_point(|h| h.position < words.start);
        &hits[start..hits.partition_point(|h| h.position < words.end).max(start)]
    };
    let mut sentence_scores: Vec<f32> = (0..sentences.len()).map(|s| sentence_score(plan, hits_in(words(s)), tuning)).collect();
    sentence_scores[0] += heading_match * plan.evidence_scale(tuning.evidence_floor);

    let best = (0..sentences.len()).fold(0, |best, i| if sentence_scores[i] > sentence_scores[best] { i } else { best });
    let (first, last) = widen(text, sentences, &sentence_scores, best, tuning);
    let range = sentences[first].start as usize..sentences[last].end as usize;
    let excerpt = text.get(range).unwrap_or("");
    let (from, to) = (words(first).start, words(last).end);
    let mut wanted = hits.iter().filter(|hit| matches!(hit.target, Target::Concept(_)) && (from..to).contains(&hit.position)).peekable();
    let mut highlights = Vec::new();
    let mut position = from;
    // Words come in order: each UTF-16 offset is counted on from the one before.
    let (mut byte, mut unit) = (0, 0);
    let mut units_to = |to: usize| {
        unit += utf16_offset(&excerpt[byte..], to - byte);
        byte = to;
        unit as u32
    };
    crate::index::each_word(analyzer, excerpt, &mut |start, end, _| {
        // One highlight per word, however many hits name it: a crafted shard can put two
        // terms at one position.
        let mut hit_here = false;
        while wanted.next_if(|hit| hit.position == position).is_some() {
            hit_here = true;
        }
        if hit_here {
            highlights.push([units_to(start), units_to(end)]);
        }
        position += 1;
    });
    Excerpt { text: excerpt.to_owned(), highlights }
}

/// Each concept once, by importance; a cue word ("weeks" for "how long") adds a little.
/// `hits` are the sentence's. A plan has at most 32 concepts.
fn sentence_score(plan: &QueryPlan, hits: &[Hit], tuning: &Tuning) -> f32 {
    let mut seen = 0u64;
    let mut score = 0.0;
    let mut cue_seen = false;
    for hit in hits {
        match hit.target {
            Target::Concept(c) if seen & (1 << c) == 0 => {
                seen |= 1 << c;
                score += plan.concepts[c].importance.max(tuning.min_sentence_importance);
            }
            Target::Cue if !cue_seen => {
                cue_seen = true;
                score += tuning.cue_sentence_bonus;
            }
            _ => {}
        }
    }
    score
}

/// Grows the excerpt from the best sentence: back one sentence when it starts by
/// referring to the one before, and forward while it is too short to stand alone, ends
/// with a colon (a list follows), or the next sentence matches too.
fn widen(text: &str, sentences: &[Sentence], scores: &[f32], best: usize, tuning: &Tuning) -> (usize, usize) {
    let span = |s: usize| sentences[s].start as usize..sentences[s].end as usize;
    let length = |first: usize, last: usize| text[sentences[first].start as usize..sentences[last].end as usize].chars().count();
    let mut first = best;
    let mut last = best;
    let opening = text[span(best)].split_whitespace().next().unwrap_or("").to_ascii_lowercase();
    if best > 0 && REFERRING_STARTS.contains(&opening.as_str()) && length(best - 1, best) <= tuning.excerpt_max_chars {
        first = best - 1;
    }
    while last + 1 < sentences.len() {
        let current = &text[span(last)];
        let wants_more = length(first, last) < tuning.excerpt_min_chars
            || current.ends_with(':')
            || (scores[last + 1] > 0.0 && length(first, last + 1) <= tuning.excerpt_target_chars);
        if !wants_more || length(first, last + 1) > tuning.excerpt_max_chars {
            break;
        }
        last += 1;
    }
    (first, last)
}
