//! Blocks that repeat within or across the pages of one build: banners, adverts and
//! navigation that every page carries. Compared sentence by sentence on their words only,
//! so the same advert wrapped differently, or with a comma more, still counts as a repeat.
//!
//! Headings are never removed for repeating: two articles may both have a "Current
//! Research" section. Short blocks are not either: "Yes." may answer many questions.

use std::collections::HashMap;

use super::super::blocks::{words, Block};
use crate::text::sentence_spans;

/// A block shorter than this is never a repeat: too likely to recur by chance.
const MIN_BLOCK_WORDS: usize = 6;
/// Sentences shorter than this do not decide whether a block repeats.
const MIN_SENTENCE_WORDS: usize = 3;

#[derive(Debug, Default)]
pub(crate) struct Repetition {
    sentences: HashMap<String, u32>,
    headings: HashMap<String, u32>,
}

impl Repetition {
    /// Counts every sentence and heading of the given pages.
    pub(crate) fn count<'a>(pages: impl IntoIterator<Item = &'a [Block]>) -> Repetition {
        let mut repetition = Repetition::default();
        for block in pages.into_iter().flatten() {
            if block.is_heading() {
                *repetition.headings.entry(key(&block.text)).or_default() += 1;
                continue;
            }
            for sentence in sentence_spans(&block.text) {
                *repetition.sentences.entry(key(&block.text[sentence])).or_default() += 1;
            }
        }
        repetition
    }

    /// A paragraph or list item whose every real sentence occurs more than once.
    pub(crate) fn is_repeated(&self, block: &Block) -> bool {
        if block.is_heading() || words(&block.text).count() < MIN_BLOCK_WORDS {
            return false;
        }
        let mut deciding = sentence_spans(&block.text)
            .into_iter()
            .map(|span| &block.text[span])
            .filter(|sentence| words(sentence).count() >= MIN_SENTENCE_WORDS)
            .peekable();
        deciding.peek().is_some() && deciding.all(|sentence| self.sentences.get(&key(sentence)).is_some_and(|&n| n > 1))
    }

    /// A heading that occurs more than once in the build.
    pub(crate) fn heading_repeats(&self, heading: &Block) -> bool {
        self.headings.get(&key(&heading.text)).is_some_and(|&n| n > 1)
    }
}

fn key(text: &str) -> String {
    words(text).collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_block_repeated_with_other_wrapping_is_a_repeat() {
        let page_a = [
            Block::paragraph("Secure a healthier future for your family today."),
            Block::paragraph("These cells could be key for your baby and relatives."),
        ];
        let page_b = [Block::paragraph(
            "Secure a healthier future for your family today. These cells could be key for your baby and relatives.",
        )];
        let repetition = Repetition::count([&page_a[..], &page_b[..]]);
        assert!(page_a.iter().chain(&page_b).all(|b| repetition.is_repeated(b)));
    }

    #[test]
    fn headings_and_short_or_unique_blocks_are_not_repeats() {
        let page = [
            Block::heading("Current Research"),
            Block::heading("Current Research"),
            Block::paragraph("Yes."),
            Block::paragraph("Yes."),
            Block::paragraph("A sentence that is unique to this page. A sentence that repeats on every page."),
            Block::paragraph("A sentence that repeats on every page."),
        ];
        let repetition = Repetition::count([&page[..]]);
        assert!(page[..5].iter().all(|b| !repetition.is_repeated(b)));
        assert!(repetition.heading_repeats(&page[0]));
    }
}
