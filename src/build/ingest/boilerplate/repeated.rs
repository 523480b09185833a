//! Blocks that repeat, compared sentence by sentence on their words only, so the same
//! block wrapped differently, or with a comma more, still counts as a repeat.
//!
//! Two kinds of repeat are removed, and no other:
//! - across pages, a block on most of the build's pages (three in four, two at least): a
//!   banner, a disclaimer, a footer that a site's template puts on every page but a few
//!   (its home page, a contact page). A paragraph or a list of risk factors that several
//!   articles of a site share is content, and stays in each.
//! - within one page, the second and later copies of a block: a page that lists its key
//!   points and then repeats them in its sections keeps the first copy of each.
//!
//! - at a page's edges, a short block that a good share of the pages have (a third, three
//!   at least): what a template puts before or after a page's own text when a site mixes
//!   templates, so that no one block is on most pages (a leaflet footer on the text pages,
//!   a cookie notice on the Markdown ones). Only before the page's first text of its own
//!   and after its last: a paragraph that several articles share is content wherever it
//!   stands, and a long one or a list item is content even at an edge.
//!
//! That a block occurs more than once at all is also evidence for an advert (with a
//! call to action and selling words), never a reason on its own.
//!
//! Headings are never removed for repeating: two articles may both have a "Current
//! Research" section. Short blocks are not either: "Yes." may answer many questions.

use std::collections::{HashMap, HashSet};

use super::super::blocks::{words, Block, BlockKind};
use super::placeholder::is_placeholder;
use crate::text::sentence_spans;

/// A block at a page's edge longer than this is content, however many pages share it.
const MAX_TEMPLATE_WORDS: usize = 30;
/// A block shorter than this is never a repeat: too likely to recur by chance.
const MIN_BLOCK_WORDS: usize = 6;
/// Sentences shorter than this do not decide whether a block repeats.
const MIN_SENTENCE_WORDS: usize = 3;

/// Where a sentence occurs in the build.
#[derive(Debug, Default, Clone, Copy)]
struct Occurrences {
    times: u32,
    pages: u32,
    /// The last page counted in `pages`, plus one (0: none yet).
    last_page: u32,
}

#[derive(Debug, Default)]
pub(crate) struct Repetition {
    sentences: HashMap<String, Occurrences>,
    headings: HashMap<String, u32>,
    pages: u32,
}

impl Repetition {
    /// Counts every sentence and heading of the given pages. A page without a sentence
    /// of its own (a draft of placeholder text) is not one of the pages most pages are.
    pub(crate) fn count<'a>(pages: impl IntoIterator<Item = &'a [Block]>) -> Repetition {
        let mut repetition = Repetition::default();
        for (index, page) in pages.into_iter().enumerate() {
            let has_text =
                page.iter().any(|b| !deciding_sentences(b).is_empty() && !is_placeholder(&b.text));
            repetition.pages += u32::from(has_text);
            let page_number = index as u32 + 1;
            for block in page {
                if block.is_heading() {
                    *repetition.headings.entry(key(&block.text)).or_default() += 1;
                    continue;
                }
                for sentence in sentence_spans(&block.text) {
                    let seen = repetition.sentences.entry(key(&block.text[sentence])).or_default();
                    seen.times += 1;
                    if seen.last_page != page_number {
                        seen.pages += 1;
                        seen.last_page = page_number;
                    }
                }
            }
        }
        repetition
    }

    /// A paragraph or list item whose every real sentence is on most pages of the build.
    pub(crate) fn is_on_most_pages(&self, block: &Block) -> bool {
        let most = |o: &Occurrences| o.pages >= 2 && o.pages * 4 >= self.pages * 3;
        self.every_deciding_sentence(block, |sentence| self.sentences.get(sentence).is_some_and(most))
    }

    /// A short paragraph or list item whose every sentence is on a third of the build's
    /// pages or more (three at least, or every page of a smaller build): a template's, if
    /// it stands at a page's edge. Short sentences count here: "Opening hours: 8–6".
    pub(crate) fn is_template_block(&self, block: &Block) -> bool {
        // A list item is content: risk factors that several pages list, last on one of them.
        if block.is_heading() || block.kind == BlockKind::ListItem || words(&block.text).nth(MAX_TEMPLATE_WORDS).is_some() {
            return false;
        }
        let needed = self.pages.min(3).max(2);
        // A footer giving the address and phone is a template's on two pages already.
        let contact = block.text.chars().filter(char::is_ascii_digit).count() >= 7;
        let several = |o: &Occurrences| (o.pages >= needed && o.pages * 3 >= self.pages) || (contact && o.pages >= 2);
        let spans = sentence_spans(&block.text);
        let keys: Vec<String> = spans.into_iter().map(|span| key(&block.text[span])).filter(|k| !k.is_empty()).collect();
        !keys.is_empty() && keys.iter().all(|k| self.sentences.get(k).is_some_and(several))
    }

    /// A paragraph or list item whose every real sentence occurs more than once in the
    /// build, on this page or others.
    pub(crate) fn occurs_elsewhere(&self, block: &Block) -> bool {
        self.every_deciding_sentence(block, |sentence| self.sentences.get(sentence).is_some_and(|o| o.times > 1))
    }

    /// A heading that a third of the build's pages have (three at least): above a page's
    /// own text, the site's name that a leaflet template sets as a heading.
    pub(crate) fn is_template_heading(&self, heading: &Block) -> bool {
        let needed = self.pages.min(3).max(2);
        self.headings.get(&key(&heading.text)).is_some_and(|&n| n >= needed && n * 3 >= self.pages)
    }

    /// A heading that occurs more than once in the build.
    pub(crate) fn heading_repeats(&self, heading: &Block) -> bool {
        self.headings.get(&key(&heading.text)).is_some_and(|&n| n > 1)
    }

    fn every_deciding_sentence(&self, block: &Block, test: impl Fn(&str) -> bool) -> bool {
        let keys = deciding_sentences(block);
        !keys.is_empty() && keys.iter().all(|k| test(k))
    }
}

/// The sentences of one page's blocks kept so far, to find a later copy of one.
#[derive(Debug, Default)]
pub(crate) struct PageCopies {
    kept: HashSet<String>,
}

impl PageCopies {
    /// Whether every real sentence of `block` is in a block kept earlier on this page.
    pub(crate) fn is_later_copy(&self, block: &Block) -> bool {
        let keys = deciding_sentences(block);
        !keys.is_empty() && keys.iter().all(|k| self.kept.contains(k))
    }

    /// Notes that `block` is kept, so that a later copy of it is not.
    pub(crate) fn keep(&mut self, block: &Block) {
        if block.is_heading() {
            return;
        }
        self.kept.extend(sentence_spans(&block.text).into_iter().map(|span| key(&block.text[span])));
    }
}

/// The keys of a block's sentences that decide whether it repeats; none for a heading or
/// a short block.
fn deciding_sentences(block: &Block) -> Vec<String> {
    if block.is_heading() || words(&block.text).count() < MIN_BLOCK_WORDS {
        return Vec::new();
    }
    sentence_spans(&block.text)
        .into_iter()
        .map(|span| &block.text[span])
        .filter(|sentence| words(sentence).count() >= MIN_SENTENCE_WORDS)
        .map(key)
        .collect()
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
        assert!(page_a.iter().chain(&page_b).all(|b| repetition.occurs_elsewhere(b) && repetition.is_on_most_pages(b)));
    }

    #[test]
    fn only_a_block_on_most_pages_is_site_wide() {
        let footer = Block::paragraph("This information does not replace advice from your doctor.");
        let shared = Block::paragraph("Both conditions are diagnosed with a sleep study at night.");
        let own = |n: usize| Block::paragraph(format!("Page {n} has a paragraph of its very own here."));
        let pages: Vec<Vec<Block>> = (0..5)
            .map(|n| if n < 2 { vec![own(n), shared.clone(), footer.clone()] } else { vec![own(n), footer.clone()] })
            .collect();
        let repetition = Repetition::count(pages.iter().map(|p| &p[..]));
        assert!(repetition.is_on_most_pages(&footer));
        assert!(!repetition.is_on_most_pages(&shared), "on 2 of 5 pages: content two articles share");
        let on_three = Repetition::count(pages.iter().enumerate().map(|(n, p)| if n < 3 { &p[..] } else { &p[..1] }));
        assert!(!on_three.is_on_most_pages(&footer), "on 3 of 5 pages: not a template's");
        let draft = [Block::paragraph("Lorem ipsum dolor sit amet, consectetur adipiscing elit.")];
        let with_draft = Repetition::count(pages[..2].iter().map(|p| &p[..]).chain([&draft[..]]));
        assert!(with_draft.is_on_most_pages(&shared), "a draft page is not one of the pages");
        assert!(repetition.occurs_elsewhere(&shared));
        assert!(!repetition.occurs_elsewhere(&own(0)));
    }

    #[test]
    fn within_a_page_the_first_copy_is_kept() {
        let point = Block::list_item("Melanoma can occur anywhere on the skin.");
        let again = Block::paragraph("Melanoma can occur anywhere on the skin.");
        let longer = Block::paragraph("Melanoma can occur anywhere on the skin. In men it is often found on the trunk.");
        let mut copies = PageCopies::default();
        assert!(!copies.is_later_copy(&point));
        copies.keep(&point);
        assert!(copies.is_later_copy(&again));
        assert!(!copies.is_later_copy(&longer), "it says more than the copy before it");
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
        assert!(page[..5].iter().all(|b| !repetition.occurs_elsewhere(b)));
        assert!(repetition.heading_repeats(&page[0]));
        let mut copies = PageCopies::default();
        copies.keep(&page[2]);
        assert!(!copies.is_later_copy(&page[3]), "too short to call a copy");
    }
}
