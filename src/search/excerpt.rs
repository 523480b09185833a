//! The excerpt: the sentence or sentences of a passage that answer the question, whole,
//! with the question's words (and their stems, synonyms and near spellings) highlighted.

use std::ops::Range;

use super::matcher::{Hit, Target};
use super::query::QueryPlan;
use super::Tuning;
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
/// in position order, and `words` holds each word's bytes by position (`PassageLayout`).
pub fn excerpt(plan: &QueryPlan, text: &str, sentences: &[Sentence], word_spans: &[[u32; 2]], hits: &[Hit], heading_match: f32, tuning: &Tuning) -> Excerpt {
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
    let excerpt = text.get(range.clone()).unwrap_or("");
    let (from, to) = (words(first).start, words(last).end);
    let mut highlights = Vec::new();
    // Words come in order: each UTF-16 offset is counted on from the one before (in ASCII,
    // the usual case, it is the byte offset). A word that does not start after the last one
    // highlighted is passed over: one highlight per word, however many hits name it (a
    // crafted shard can put two terms at one position, or positions out of order).
    let ascii = excerpt.is_ascii();
    let (mut byte, mut unit) = (0, 0);
    for hit in hits.iter().filter(|hit| matches!(hit.target, Target::Concept(_)) && (from..to).contains(&hit.position)) {
        let Some(&[start, end]) = word_spans.get(hit.position) else { continue };
        let (Some(start), Some(end)) = ((start as usize).checked_sub(range.start), (end as usize).checked_sub(range.start)) else { continue };
        if start < byte || end < start || end > excerpt.len() || !excerpt.is_char_boundary(start) || !excerpt.is_char_boundary(end) {
            continue;
        }
        let mut pair = [0; 2];
        for (side, at) in pair.iter_mut().zip([start, end]) {
            unit += if ascii { at - byte } else { utf16_offset(&excerpt[byte..], at - byte) };
            byte = at;
            *side = unit as u32;
        }
        highlights.push(pair);
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::{Analyzer, Language};
    use crate::index::layout_of;
    use crate::search::query::Concept;

    fn plan() -> QueryPlan {
        let concept = Concept { word: "knee".into(), term: "knee".into(), weight: 1.0, base_weight: 1.0, importance: 2.0, alternatives: Vec::new() };
        QueryPlan { concepts: vec![concept], ..QueryPlan::default() }
    }

    fn hit(position: usize) -> Hit {
        Hit { position, target: Target::Concept(0), openings: None }
    }

    fn marked(text: &str, hits: &[Hit]) -> Vec<String> {
        let layout = layout_of(&Analyzer::builtin(Language::English), text);
        let excerpt = excerpt(&plan(), text, &layout.sentences, &layout.words, hits, 0.0, &Tuning::default());
        let units: Vec<u16> = excerpt.text.encode_utf16().collect();
        excerpt.highlights.iter().map(|&[s, e]| String::from_utf16_lossy(&units[s as usize..e as usize])).collect()
    }

    #[test]
    fn highlights_are_the_words_at_the_hits_positions_in_utf16_units() {
        // "Knee" is word 0, "knee’s" word 5 (the curly apostrophe is one unit, three bytes).
        let text = "Knee pain after running: the knee’s cartilage wears, and Ärzte see it.";
        assert_eq!(marked(text, &[hit(0), hit(5)]), ["Knee", "knee’s"]);
        assert_eq!(marked(text, &[hit(9)]), ["Ärzte"]);
    }

    #[test]
    fn crafted_positions_mark_each_word_once_and_never_panic() {
        let text = "Knee pain after running. The knee swells.";
        // Twice the same position, one out of order, one past the last word.
        assert_eq!(marked(text, &[hit(0), hit(0), hit(5), hit(1), hit(400)]), ["Knee", "knee"]);
    }
}
