//! Typo tolerance against the index's own vocabulary.

use crate::text::letters_present;

/// How many edits a stem of this length may carry and still count as a typo: none for
/// very short stems, whose one-edit neighbours are other real words ("bank" → "back"),
/// one for short stems, two for long ones.
pub fn edit_budget(stem_chars: usize) -> usize {
    match stem_chars {
        0..=4 => 0,
        5..=7 => 1,
        _ => 2,
    }
}

/// Optimal-string-alignment distance (Levenshtein plus swapped neighbours, "teh") from one
/// word to many (a whole vocabulary), without allocating per word, giving up as soon as
/// it must exceed the limit. Hand-rolled because the crates for it bring automata tables
/// far larger than this loop, and the wasm budget is tight.
pub struct NearMatcher {
    word: Vec<char>,
    letters: LetterCounts,
    present: u32,
    limit: usize,
    other: Vec<char>,
    rows: [Vec<usize>; 3],
}

/// How many of each letter a word has, "a" to "z", everything else in one bin.
type LetterCounts = [i16; 27];

fn letter_counts(word: &str) -> LetterCounts {
    let mut counts = [0; 27];
    for byte in word.bytes() {
        let bin = if byte.is_ascii_lowercase() { usize::from(byte - b'a') } else { 26 };
        counts[bin] += 1;
    }
    counts
}

impl NearMatcher {
    pub fn new(word: &str, limit: usize) -> NearMatcher {
        let letters = letter_counts(word);
        NearMatcher { word: word.chars().collect(), letters, present: letters_present(word), limit, other: Vec::new(), rows: Default::default() }
    }

    #[cfg(test)]
    pub fn distance(&mut self, other: &str) -> Option<usize> {
        self.distance_to(other, other.chars().count(), letters_present(other))
    }

    /// Whether a word of `other_chars` characters and `letters_present` letters `present` can
    /// be within the limit, told without the word itself: a question's typo is checked
    /// against a few hundred terms, and this rules out all but a handful.
    #[inline(always)]
    pub fn may_be_near(&self, other_chars: usize, present: u32) -> bool {
        // Lengths first: most of a vocabulary is ruled out without decoding a character.
        // Then letter counts: each edit adds or removes at most one of a letter on each
        // side, so the larger of the surplus and the shortfall is a lower bound. Letters one
        // word has and the other lacks bound them from below, at a glance.
        let (lacking, extra) = ((self.present & !present).count_ones(), (present & !self.present).count_ones());
        self.word.len().abs_diff(other_chars) <= self.limit && lacking.max(extra) as usize <= self.limit
    }

    /// The distance to `other`, of `other_chars` characters and `letters_present(other)`
    /// letters (the index keeps both for each term), if within the limit.
    pub fn distance_to(&mut self, other: &str, other_chars: usize, present: u32) -> Option<usize> {
        if !self.may_be_near(other_chars, present) {
            return None;
        }
        let counts = letter_counts(other);
        let (mut surplus, mut shortfall) = (0usize, 0usize);
        for (mine, theirs) in self.letters.iter().zip(counts) {
            let difference = i32::from(*mine) - i32::from(theirs);
            if difference > 0 { surplus += difference as usize } else { shortfall += (-difference) as usize }
        }
        if surplus.max(shortfall) > self.limit {
            return None;
        }
        self.other.clear();
        self.other.extend(other.chars());
        let (a, b, limit) = (&self.word, &self.other, self.limit);
        let width = b.len() + 1;
        let [before_previous, previous, current] = &mut self.rows;
        for row in [&mut *before_previous, &mut *previous, &mut *current] {
            row.clear();
            row.resize(width, 0);
        }
        previous.iter_mut().enumerate().for_each(|(j, cell)| *cell = j);
        for i in 1..=a.len() {
            current[0] = i;
            let mut row_min = current[0];
            for j in 1..=b.len() {
                let substitution = usize::from(a[i - 1] != b[j - 1]);
                let mut best = (previous[j] + 1).min(current[j - 1] + 1).min(previous[j - 1] + substitution);
                if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                    best = best.min(before_previous[j - 2] + 1);
                }
                current[j] = best;
                row_min = row_min.min(best);
            }
            if row_min > limit {
                return None;
            }
            std::mem::swap(before_previous, previous);
            std::mem::swap(previous, current);
        }
        Some(previous[b.len()]).filter(|&d| d <= limit)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn distance_within(a: &str, b: &str, limit: usize) -> Option<usize> {
        NearMatcher::new(a, limit).distance(b)
    }

    #[test]
    fn counts_insertions_deletions_substitutions_and_swaps() {
        assert_eq!(distance_within("insur", "insur", 2), Some(0));
        assert_eq!(distance_within("inshur", "insur", 2), Some(1));
        assert_eq!(distance_within("covr", "cover", 1), Some(1));
        assert_eq!(distance_within("teh", "the", 1), Some(1));
        assert_eq!(distance_within("injetcion", "injection", 1), Some(1));
        assert_eq!(distance_within("kitten", "sitting", 3), Some(3));
    }

    #[test]
    fn gives_up_beyond_the_limit() {
        assert_eq!(distance_within("kitten", "sitting", 2), None);
        assert_eq!(distance_within("a", "abcd", 2), None);
    }

    #[test]
    fn short_words_get_no_typo_budget() {
        assert_eq!(edit_budget(4), 0);
        assert_eq!(edit_budget(5), 1);
        assert_eq!(edit_budget(8), 2);
    }
}
