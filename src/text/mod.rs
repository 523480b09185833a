//! Text utilities shared by build time and query time: sentence boundaries and the
//! offset conversions that let JavaScript apply highlights without re-tokenizing.

use std::ops::Range;

/// Words that end with a full stop without ending the sentence. Lower case, no dot.
const ABBREVIATIONS: &[&str] = &[
    "al", "approx", "ca", "cf", "dr", "e.g", "eg", "etc", "fig", "i.e", "ie", "inc", "jr", "ltd",
    "mr", "mrs", "ms", "no", "prof", "sr", "st", "u.k", "u.s", "vol", "vs",
];

/// Byte ranges of the sentences in `text`, trimmed, in order, never empty.
///
/// A line break always ends a sentence, so headings, list items and paragraphs never run
/// together. Within a line a sentence ends at `.`, `!` or `?` (and any closing quotes or
/// brackets) when white space and a plausible sentence start follow, except after an
/// abbreviation or an initial.
pub fn sentence_spans(text: &str) -> Vec<Range<usize>> {
    let mut spans = Vec::new();
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        split_line(text, line_start, line_start + line.len(), &mut spans);
        line_start += line.len();
    }
    spans
}

fn split_line(text: &str, start: usize, end: usize, spans: &mut Vec<Range<usize>>) {
    let line = &text[start..end];
    let mut sentence_start = 0;
    let mut pos = 0;
    // Walks the line by characters without collecting them: this runs on every excerpt.
    while let Some(c) = line[pos..].chars().next() {
        let after = pos + c.len_utf8();
        if !matches!(c, '.' | '!' | '?' | '…') {
            pos = after;
            continue;
        }
        let closers = line[after..].chars().take_while(|ch| matches!(ch, '.' | '!' | '?' | '"' | '\'' | '”' | '’' | ')' | ']'));
        let boundary = after + closers.map(char::len_utf8).sum::<usize>();
        let rest = &line[boundary..];
        let followed_by_space = rest.starts_with(char::is_whitespace);
        let starts_sentence = rest.trim_start().chars().next().is_some_and(|ch| {
            ch.is_uppercase() || ch.is_ascii_digit() || matches!(ch, '"' | '“' | '(' | '[' | '‘' | '\'')
        });
        if followed_by_space && starts_sentence && !(c == '.' && ends_with_abbreviation(&line[sentence_start..pos])) {
            push_trimmed(text, start + sentence_start, start + boundary, spans);
            sentence_start = boundary;
        }
        pos = boundary;
    }
    push_trimmed(text, start + sentence_start, end, spans);
}

fn ends_with_abbreviation(before_dot: &str) -> bool {
    let word = before_dot
        .rsplit(|c: char| c.is_whitespace() || c == '(')
        .next()
        .unwrap_or("");
    let mut letters = word.chars();
    if let (Some(first), None) = (letters.next(), letters.next()) {
        // A single capital is an initial ("J. Smith"), not the end of a sentence.
        return first.is_uppercase();
    }
    let lower = word.to_ascii_lowercase();
    ABBREVIATIONS.contains(&lower.as_str())
}

fn push_trimmed(text: &str, start: usize, end: usize, spans: &mut Vec<Range<usize>>) {
    let piece = &text[start..end];
    let leading = piece.len() - piece.trim_start().len();
    let trimmed = piece.trim();
    if !trimmed.is_empty() {
        spans.push(start + leading..start + leading + trimmed.len());
    }
}

/// Converts a byte offset in `text` to UTF-16 code units, the unit of JavaScript's
/// `String.prototype.slice`, so highlights can be applied in the browser as they are.
/// Which letters a word has, one bit each ("a" to "z", and one for everything else): the
/// typo search's first filter, kept with each index term so that it is worked out once.
pub fn letters_present(word: &str) -> u32 {
    word.bytes().fold(0, |bits, byte| bits | 1 << if byte.is_ascii_lowercase() { byte - b'a' } else { 26 })
}

pub fn utf16_offset(text: &str, byte_offset: usize) -> usize {
    text[..byte_offset].chars().map(char::len_utf16).sum()
}

/// Shortens `text` to at most `max_chars` characters at a word boundary, with an ellipsis.
pub fn truncate_at_word(text: &str, max_chars: usize) -> &str {
    match text.char_indices().nth(max_chars) {
        None => text,
        Some((cut, _)) => {
            let head = &text[..cut];
            head.rfind(char::is_whitespace).map_or(head, |space| head[..space].trim_end())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(text: &str) -> Vec<&str> {
        sentence_spans(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn splits_at_full_stops_followed_by_a_capital() {
        assert_eq!(
            sentences("Stem cells repair tissue. They reduce pain! Do they? Yes."),
            ["Stem cells repair tissue.", "They reduce pain!", "Do they?", "Yes."]
        );
    }

    #[test]
    fn keeps_abbreviations_initials_and_decimals_inside_a_sentence() {
        assert_eq!(
            sentences("Dr. Smith and J. Doe found 2.5 times more, vs. 1.2 before. Then they left."),
            ["Dr. Smith and J. Doe found 2.5 times more, vs. 1.2 before.", "Then they left."]
        );
    }

    #[test]
    fn line_breaks_end_sentences_and_quotes_stay_with_their_sentence() {
        assert_eq!(
            sentences("Heading without stop\n- item one\n\nHe said “it works.” Then left."),
            ["Heading without stop", "- item one", "He said “it works.”", "Then left."]
        );
    }

    #[test]
    fn lower_case_after_a_stop_does_not_split() {
        assert_eq!(sentences("Approx. three months later."), ["Approx. three months later."]);
        assert_eq!(sentences("The value was 5 mg. per day"), ["The value was 5 mg. per day"]);
    }

    #[test]
    fn utf16_offsets_count_surrogate_pairs_twice() {
        let text = "a’b🌱c";
        assert_eq!(utf16_offset(text, text.find('b').unwrap()), 2);
        assert_eq!(utf16_offset(text, text.find('c').unwrap()), 5);
    }

    #[test]
    fn truncates_at_a_word_boundary() {
        assert_eq!(truncate_at_word("one two three", 9), "one two");
        assert_eq!(truncate_at_word("short", 9), "short");
    }
}
