//! Finding a question's terms in a passage's words, for proximity and excerpts. Runs on
//! every candidate passage of every question, so it avoids stemming what cannot match.

use super::query::QueryPlan;
use crate::analysis::{is_stop_word, Analyzer};
use crate::index::Index;

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
    analyzer: &'a Analyzer,
    /// (prefix every matching word starts with, term, target), concepts before cues.
    entries: Vec<(&'a str, &'a str, Target)>,
}

impl<'a> WordMatcher<'a> {
    pub fn new(index: &'a Index, analyzer: &'a Analyzer, plan: &QueryPlan) -> WordMatcher<'a> {
        let mut entries = Vec::new();
        for (c, concept) in plan.concepts.iter().enumerate() {
            for &term in concept.alternatives.iter().flat_map(|a| &a.terms) {
                let term = index.term(term);
                entries.push((stem_prefix(term), term, Target::Concept(c)));
            }
        }
        for &cue in &plan.cue_terms {
            let term = index.term(cue);
            entries.push((stem_prefix(term), term, Target::Cue));
        }
        WordMatcher { analyzer, entries }
    }

    pub fn hits(&self, text: &str) -> Vec<Hit> {
        let mut hits = Vec::new();
        let mut position = 0;
        self.analyzer.scan_words(text, |start, end, word| {
            let first = word.as_bytes().first();
            let could_match =
                self.entries.iter().any(|(prefix, _, _)| prefix.as_bytes().first() == first && word.starts_with(prefix));
            if could_match && !is_stop_word(word) {
                let stem = self.analyzer.stem(word);
                if let Some(&(_, _, target)) = self.entries.iter().find(|(_, term, _)| *term == stem) {
                    hits.push(Hit { position, start, end, target });
                }
            }
            position += 1;
        });
        hits
    }
}

/// The English stemmer only rewrites the end of a word, by at most two letters before the
/// stem's end ("dying" → "die"), so every word with this stem starts with this prefix.
fn stem_prefix(term: &str) -> &str {
    let chars = term.chars().count();
    let keep = chars.saturating_sub(2).max(1);
    term.char_indices().nth(keep).map_or(term, |(i, _)| &term[..i])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::Language;

    #[test]
    fn the_prefix_admits_every_word_with_the_stem() {
        let analyzer = Analyzer::new(Language::English);
        for word in ["dying", "lying", "injections", "happily", "skies", "insurance", "iv", "studies", "generously"] {
            let stem = analyzer.stem(word);
            assert!(word.starts_with(stem_prefix(&stem)), "{word} → {stem}");
        }
    }
}
