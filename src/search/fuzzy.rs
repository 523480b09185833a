//! Typo tolerance against the index's own vocabulary.

/// How many edits a word of this length may carry and still count as a typo: none for
/// very short words (too many neighbours), one for short words, two for long ones.
pub fn edit_budget(word_chars: usize) -> usize {
    match word_chars {
        0..=3 => 0,
        4..=7 => 1,
        _ => 2,
    }
}

/// Optimal-string-alignment distance (Levenshtein plus swapped neighbours, "teh"),
/// or `None` as soon as it must exceed `limit`. Hand-rolled because the crates for it
/// bring automata tables far larger than this loop, and the wasm budget is tight.
pub fn distance_within(a: &str, b: &str, limit: usize) -> Option<usize> {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > limit {
        return None;
    }
    let width = b.len() + 1;
    let mut before_previous = vec![0usize; width];
    let mut previous: Vec<usize> = (0..width).collect();
    let mut current = vec![0usize; width];
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
        std::mem::swap(&mut before_previous, &mut previous);
        std::mem::swap(&mut previous, &mut current);
    }
    Some(previous[b.len()]).filter(|&d| d <= limit)
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert_eq!(edit_budget(3), 0);
        assert_eq!(edit_budget(5), 1);
        assert_eq!(edit_budget(9), 2);
    }
}
