//! The excerpt: the sentence or sentences of a passage that answer the question, whole,
//! with the question's words (and their stems, synonyms and near spellings) highlighted.

use std::ops::Range;

use super::query::QueryPlan;
use super::rank::concept_of_tokens;
use super::Tuning;
use crate::analysis::Token;
use crate::index::Index;
use crate::text::{sentence_spans, utf16_offset};

pub struct Excerpt {
    pub text: String,
    /// `[start, end)` in UTF-16 code units of `text`.
    pub highlights: Vec<[u32; 2]>,
}

/// Words that point back to the sentence before; an excerpt starting with one would not
/// make sense on its own, so that sentence comes along.
const REFERRING_STARTS: &[&str] = &["this", "these", "those", "they", "it", "its", "such", "there", "however", "thus", "hence"];

pub fn excerpt(index: &Index, plan: &QueryPlan, text: &str, tokens: &[Token], tuning: &Tuning) -> Excerpt {
    let sentences = sentence_spans(text);
    if sentences.is_empty() {
        return Excerpt { text: String::new(), highlights: Vec::new() };
    }
    let concept_hits = concept_of_tokens(index, &plan.concepts, tokens);
    let cue_terms: Vec<&str> = plan.cue_terms.iter().map(|&t| index.term(t)).collect();
    let sentence_scores: Vec<f32> = sentences
        .iter()
        .map(|span| sentence_score(plan, tokens, &concept_hits, &cue_terms, span, tuning))
        .collect();

    let best = (0..sentences.len()).fold(0, |best, i| if sentence_scores[i] > sentence_scores[best] { i } else { best });
    let (first, last) = widen(text, &sentences, &sentence_scores, best, tuning);
    let range = sentences[first].start..sentences[last].end;
    let highlights = tokens
        .iter()
        .zip(&concept_hits)
        .filter(|(token, hit)| hit.is_some() && token.start >= range.start && token.end <= range.end)
        .map(|(token, _)| {
            let excerpt = &text[range.clone()];
            let start = utf16_offset(excerpt, token.start - range.start) as u32;
            let end = utf16_offset(excerpt, token.end - range.start) as u32;
            [start, end]
        })
        .collect();
    Excerpt { text: text[range].to_owned(), highlights }
}

/// Each concept once, by importance; a cue word ("weeks" for "how long") adds a little.
fn sentence_score(
    plan: &QueryPlan,
    tokens: &[Token],
    concept_hits: &[Option<usize>],
    cue_terms: &[&str],
    span: &Range<usize>,
    tuning: &Tuning,
) -> f32 {
    let mut seen = vec![false; plan.concepts.len()];
    let mut score = 0.0;
    let mut cue_seen = false;
    for (token, hit) in tokens.iter().zip(concept_hits) {
        if token.start < span.start || token.end > span.end {
            continue;
        }
        match hit {
            Some(c) if !seen[*c] => {
                seen[*c] = true;
                score += plan.concepts[*c].importance.max(tuning.min_sentence_importance);
            }
            None if !cue_seen && cue_terms.contains(&token.term.as_str()) => {
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
fn widen(text: &str, sentences: &[Range<usize>], scores: &[f32], best: usize, tuning: &Tuning) -> (usize, usize) {
    let length = |first: usize, last: usize| text[sentences[first].start..sentences[last].end].chars().count();
    let mut first = best;
    let mut last = best;
    let opening = text[sentences[best].clone()].split_whitespace().next().unwrap_or("").to_lowercase();
    if best > 0 && REFERRING_STARTS.contains(&opening.as_str()) && length(best - 1, best) <= tuning.excerpt_max_chars {
        first = best - 1;
    }
    while last + 1 < sentences.len() {
        let current = &text[sentences[last].clone()];
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
