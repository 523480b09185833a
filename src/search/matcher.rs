//! Finding a question's terms in a passage's words, for proximity and excerpts. Runs on
//! every candidate passage of every question, so it avoids stemming what cannot match.

use super::query::QueryPlan;
use crate::analysis::Analyzer;
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
    /// Byte span in the passage.
    pub start: usize,
    pub end: usize,
    pub target: Target,
}

pub struct WordMatcher<'a> {
    index: &'a Index,
    analyzer: &'a Analyzer,
    /// (prefix every matching word starts with, term, target, phrase), single terms
    /// first, then the terms of phrases, then cues.
    entries: Vec<(&'a str, TermId, Target, Option<usize>)>,
    /// The number of terms of each phrase stand-in.
    phrase_lengths: Vec<usize>,
    /// Irregular forms whose base form could match ("found" when "find" is asked about).
    irregular: Vec<&'a str>,
}

impl<'a> WordMatcher<'a> {
    pub fn new(index: &'a Index, analyzer: &'a Analyzer, plan: &QueryPlan) -> WordMatcher<'a> {
        let mut entries = Vec::new();
        let mut phrase_lengths = Vec::new();
        for (c, concept) in plan.concepts.iter().enumerate() {
            for alternative in concept.alternatives.iter().filter(|a| a.terms.len() == 1) {
                let term = alternative.terms[0];
                entries.push((stem_prefix(index.term(term)), term, Target::Concept(c), None));
            }
        }
        for (c, concept) in plan.concepts.iter().enumerate() {
            for alternative in concept.alternatives.iter().filter(|a| a.terms.len() > 1) {
                for &term in &alternative.terms {
                    entries.push((stem_prefix(index.term(term)), term, Target::Concept(c), Some(phrase_lengths.len())));
                }
                phrase_lengths.push(alternative.terms.len());
            }
        }
        for &cue in &plan.cue_terms {
            entries.push((stem_prefix(index.term(cue)), cue, Target::Cue, None));
        }
        let mut matcher = WordMatcher { index, analyzer, entries, phrase_lengths, irregular: Vec::new() };
        let irregular = analyzer.irregular_forms().filter(|(_, base)| matcher.could_match(base)).map(|(form, _)| form);
        matcher.irregular = irregular.collect();
        matcher
    }

    fn could_match(&self, word: &str) -> bool {
        let first = word.as_bytes().first();
        self.entries.iter().any(|(prefix, ..)| prefix.as_bytes().first() == first && word.starts_with(prefix))
    }

    /// The words of `text` that match, in order. A phrase's words count only when all its
    /// terms are in the text: "grow back" does not make "back pain" about regrowth.
    pub fn hits(&self, text: &str) -> Vec<Hit> {
        let mut hits = Vec::new();
        let mut phrase_terms: Vec<(usize, TermId)> = Vec::new();
        let mut position = 0;
        self.analyzer.scan_words(text, |start, end, word| {
            if self.could_match(word) || self.irregular.contains(&word) {
                let term = self.index.term_id(&self.analyzer.stem_borrowed(word));
                let found = self.entries.iter().find(|(_, t, ..)| Some(*t) == term);
                // Stop words are never terms; checking them only on a match saves a search per word.
                if let Some(&(_, term, target, phrase)) = found.filter(|_| !self.analyzer.is_stop(word)) {
                    hits.push((Hit { position, start, end, target }, phrase));
                    if let Some(p) = phrase.filter(|&p| !phrase_terms.contains(&(p, term))) {
                        phrase_terms.push((p, term));
                    }
                }
            }
            position += 1;
        });
        let complete = |p: usize| phrase_terms.iter().filter(|(q, _)| *q == p).count() == self.phrase_lengths[p];
        hits.into_iter().filter(|(_, phrase)| phrase.is_none_or(complete)).map(|(hit, _)| hit).collect()
    }
}

/// The English stemmer only rewrites the end of a word: it may end a stem in an "e", "i",
/// "l" or "y" that the word spells otherwise ("boring" → "bore", "happy" → "happi",
/// "capability" → "capabl", "skies" → "sky"), or in "ie" ("dying" → "die"). Without that
/// letter, a stem is a prefix of every word it stems (checked on the 68,000 words of
/// SciFact and MedQuAD). Keeping the prefix long keeps the stemmer from running on
/// every word of a passage.
fn stem_prefix(term: &str) -> &str {
    let mut prefix = term;
    if prefix.len() > 1 && prefix.ends_with(['e', 'i', 'l', 'y']) {
        prefix = &prefix[..prefix.len() - 1];
    }
    if prefix.len() > 1 && prefix.ends_with('i') {
        prefix = &prefix[..prefix.len() - 1];
    }
    prefix
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::Language;

    #[test]
    fn the_prefix_admits_every_word_with_the_stem() {
        let analyzer = Analyzer::builtin(Language::English);
        for word in ["dying", "lying", "injections", "happily", "skies", "insurance", "iv", "studies", "generously", "boring", "capability"] {
            let stem = analyzer.stem(word);
            assert!(word.starts_with(stem_prefix(&stem)), "{word} → {stem}");
        }
    }
}
