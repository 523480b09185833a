//! Taking out what is on a page but is not its content, and saying what and why.
//!
//! In order, on the blocks of one page:
//! 1. Blocks that are, by their own words, placeholder, a call to action, a sponsor label
//!    or page chrome (a short line, an author box, a link on its own). A heading counts as
//!    a call to action only as a bare button label ("Learn more") or a link away ("See
//!    offers →"): "Book an Appointment" heads real text. Inside the other blocks,
//!    placeholder, call-to-action and greeting sentences go and the rest stays, unless
//!    what stays sells to the reader: then the paragraph was a promotion ending in "Learn
//!    more", and goes whole.
//! 2. Repeats (`repeated`): a block on most pages of the build, and the later copies of a
//!    block within one page. A block that occurs elsewhere and sells is an advert.
//! 3. Adverts as units: going up from a call-to-action line ("Learn more →"), the
//!    promotional or repeated blocks above it and their headline are one advert. A
//!    headline goes only as the head of such a unit, when it repeats in the build or
//!    sells, and never when it is a question: a real heading is not lost because an
//!    advert was placed under it. A heading whose section cleaning emptied is dropped
//!    when sections are made, without being called an advert.
//! 4. Reference lists (`references`): citations are never answers, and their author
//!    names match questions by accident.
//! 5. Citation link labels ("… Stem Cells. Link") are trimmed from what stays.

mod clinic;
mod patterns;
mod placeholder;
mod references;
mod repeated;

pub(crate) use repeated::Repetition;
use repeated::PageCopies;

use super::blocks::{Block, BlockKind, Links};
use super::removals::RemovalLog;
use crate::build::RemovalKind;
use crate::text::sentence_spans;

/// How many kept promotional blocks an advert may have above its call to action.
const MAX_ADVERT_BLOCKS: usize = 3;
/// How far above its call to action an advert may start, removed blocks included.
const MAX_ADVERT_REACH: usize = 12;

pub(crate) fn clean(mut blocks: Vec<Block>, repetition: &Repetition, log: &mut RemovalLog) -> Vec<Block> {
    let mut verdicts: Vec<Option<RemovalKind>> = vec![None; blocks.len()];
    let mut calls_to_action = Vec::new();
    for (i, block) in blocks.iter_mut().enumerate() {
        if let Some(kind) = whole_block_kind(block) {
            verdicts[i] = Some(kind);
            if kind == RemovalKind::CallToAction {
                calls_to_action.push(i);
            }
        } else if !block.is_heading() {
            verdicts[i] = remove_chrome_lines(block, log).or_else(|| remove_sentences(block, log));
            // A promotion that ended in a call to action may have a headline above it.
            if verdicts[i] == Some(RemovalKind::Advertising) {
                calls_to_action.push(i);
            }
        }
    }

    let mut copies = PageCopies::default();
    for (block, verdict) in blocks.iter().zip(verdicts.iter_mut()) {
        if verdict.is_some() || block.is_heading() {
            continue;
        }
        let promotional = || patterns::is_promotional(&block.text);
        if repetition.is_on_most_pages(block) {
            *verdict = Some(if promotional() { RemovalKind::Advertising } else { RemovalKind::RepeatedBlock });
        } else if copies.is_later_copy(block) {
            *verdict = Some(RemovalKind::RepeatedBlock);
        } else if repetition.occurs_elsewhere(block) && promotional() {
            *verdict = Some(RemovalKind::Advertising);
        } else {
            copies.keep(block);
        }
    }

    mark_template_tail(&blocks, &mut verdicts);
    mark_news_sections(&blocks, &mut verdicts);
    mark_running_lines(&blocks, &mut verdicts);
    mark_template_edges(&blocks, &mut verdicts, repetition);
    mark_sponsored(&blocks, &mut verdicts);
    for &cta in &calls_to_action {
        mark_advert_above(&blocks, &mut verdicts, cta, repetition);
    }
    for list in link_lists(&blocks) {
        for verdict in &mut verdicts[list] {
            verdict.get_or_insert(RemovalKind::PageChrome);
        }
    }
    for list in references::reference_lists(&blocks) {
        for verdict in &mut verdicts[list] {
            verdict.get_or_insert(RemovalKind::PageChrome);
        }
    }
    for i in 0..blocks.len() {
        if verdicts[i].is_none() && heads_an_advert(&blocks, &verdicts, i, repetition) {
            verdicts[i] = Some(RemovalKind::Advertising);
        }
    }

    let mut kept = Vec::with_capacity(blocks.len());
    for (mut block, verdict) in blocks.into_iter().zip(verdicts) {
        match verdict {
            Some(kind) => log.record(kind, &block.text),
            None => {
                if let Some((text, labels)) = patterns::strip_citation_links(&block.text) {
                    log.record_sample(RemovalKind::PageChrome, "citation link labels (\"Link\", \"PubMed\"…)", labels);
                    block.text = text;
                }
                kept.push(block);
            }
        }
    }
    kept
}

/// From a heading such as "Related articles" or "Comments (3)" to the page's end: the
/// blog template's related posts, author box and comments. Taken only when what follows
/// is a small part of the page and asks no question, so that a sidebar placed before the
/// article, or an article with a "Comments" section of its own, loses nothing.
fn mark_template_tail(blocks: &[Block], verdicts: &mut [Option<RemovalKind>]) {
    /// The most of a page's words that a template's tail may hold.
    const MAX_TAIL_SHARE: f32 = 0.5;
    let words: Vec<usize> = blocks.iter().map(|b| b.text.split_whitespace().count()).collect();
    let total: usize = words.iter().sum();
    // One pass, so that a page of many headings costs no more than its length: the tail
    // starts after the last question heading, and its words are what the blocks before
    // it leave of the total.
    let after_questions = blocks.iter().rposition(|b| b.is_heading() && is_question(&b.text)).map_or(0, |q| q + 1);
    let mut before = 0;
    let mut start = None;
    for (i, block) in blocks.iter().enumerate() {
        let tail_words = total - before;
        before += words[i];
        if i >= after_questions
            && block.is_heading()
            && tail_words as f32 <= MAX_TAIL_SHARE * total as f32
            && patterns::is_tail_heading(&block.text)
        {
            start = Some(i);
            break;
        }
    }
    if let Some(start) = start {
        for verdict in &mut verdicts[start..] {
            verdict.get_or_insert(RemovalKind::PageChrome);
        }
    }
}

/// A "Practice news" or "Clinic news" section, up to the next heading: the clinic's own
/// notices ("Dr Patel is back from leave", "now open Saturdays") set among a newsletter's
/// or a page's articles.
fn mark_news_sections(blocks: &[Block], verdicts: &mut [Option<RemovalKind>]) {
    let mut in_news = false;
    for (block, verdict) in blocks.iter().zip(verdicts.iter_mut()) {
        if block.is_heading() {
            in_news = patterns::is_news_heading(&block.text);
        }
        if in_news {
            verdict.get_or_insert(RemovalKind::PageChrome);
        }
    }
}

/// A short line printed again and again on one page: a leaflet's running header or footer
/// ("Bone health service – Physiotherapy Department" on each of its six pages). A page's
/// own text may say a short thing twice, as a key point and in its section; three times is
/// the template's. Never list items ("Yes", "No" in a table of symptoms), and never when the
/// lines would be a third of the page: a page that is all repeats is its own content.
fn mark_running_lines(blocks: &[Block], verdicts: &mut [Option<RemovalKind>]) {
    const MAX_RUNNING_WORDS: usize = 20;
    const MIN_COPIES: usize = 3;
    const MAX_PAGE_SHARE: usize = 3;
    let candidate = |block: &Block| {
        let kind_fits = match block.kind {
            BlockKind::Paragraph => true,
            BlockKind::Heading { .. } => !is_question(&block.text),
            _ => false,
        };
        kind_fits && block.text.split_whitespace().nth(MAX_RUNNING_WORDS).is_none()
    };
    // Each block's key once: counted, then looked up.
    let keys: Vec<Option<String>> = blocks.iter().map(|b| candidate(b).then(|| running_key(&b.text))).collect();
    let mut counts: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for key in keys.iter().flatten() {
        *counts.entry(key.as_str()).or_default() += 1;
    }
    let running: Vec<bool> = keys.iter().map(|k| k.as_deref().is_some_and(|k| counts[k] >= MIN_COPIES)).collect();
    let words = |block: &Block| block.text.split_whitespace().count();
    let page_words: usize = blocks.iter().map(words).sum();
    let running_words: usize = blocks.iter().zip(&running).filter(|(_, &r)| r).map(|(b, _)| words(b)).sum();
    if running_words * MAX_PAGE_SHARE > page_words {
        return;
    }
    for (verdict, _) in verdicts.iter_mut().zip(&running).filter(|(_, &r)| r) {
        verdict.get_or_insert(RemovalKind::RepeatedBlock);
    }
}

/// A line as its copies share it: case and spacing aside, and the page number of "Page 2
/// of 6" (the only words a running footer changes from page to page).
fn running_key(text: &str) -> String {
    let words: Vec<String> = text.split_whitespace().map(str::to_lowercase).collect();
    let numeral = |w: &str| w.bytes().all(|b| b.is_ascii_digit());
    let mut key = Vec::with_capacity(words.len());
    let mut i = 0;
    while i < words.len() {
        if words[i] == "page" && words.get(i + 1).is_some_and(|w| numeral(w)) {
            key.push("page #");
            i += 2;
            continue;
        }
        key.push(words[i].as_str());
        i += 1;
    }
    key.join(" ")
}

/// The short block right under an "Advertisement" label is the advert it labels.
fn mark_sponsored(blocks: &[Block], verdicts: &mut [Option<RemovalKind>]) {
    /// An advert under a label is a line or two; a longer block is the page's text resuming.
    const MAX_LABELLED_WORDS: usize = 30;
    for i in 1..blocks.len() {
        let labelled = verdicts[i - 1] == Some(RemovalKind::Advertising) && patterns::is_sponsor_heading(&blocks[i - 1].text);
        if labelled && verdicts[i].is_none() && !blocks[i].is_heading() && blocks[i].text.split_whitespace().nth(MAX_LABELLED_WORDS).is_none() {
            verdicts[i] = Some(RemovalKind::Advertising);
        }
    }
}

/// The template blocks before a page's first text of its own and after its last (see
/// `repeated`). Headings and what is already removed are passed over; the first kept block
/// that is not a template's ends the edge.
fn mark_template_edges(blocks: &[Block], verdicts: &mut [Option<RemovalKind>], repetition: &Repetition) {
    let mark = |i: usize, verdicts: &mut [Option<RemovalKind>]| {
        if verdicts[i].is_some() || blocks[i].is_heading() {
            return true;
        }
        let template = repetition.is_template_block(&blocks[i]);
        if template {
            verdicts[i] = Some(RemovalKind::RepeatedBlock);
        }
        template
    };
    let lead = (0..blocks.len()).take_while(|&i| mark(i, verdicts)).count();
    // Above the page's own text, a heading the template repeats is the site's name, not a
    // section's ("AVONMERE HAEMATOLOGY CLINIC" over each leaflet), when the page's own
    // heading comes under it; a question never is.
    let template_heading = |b: &Block| b.is_heading() && !is_question(&b.text) && repetition.is_template_heading(b);
    let last_own_heading = (0..lead).rev().find(|&j| blocks[j].is_heading() && !template_heading(&blocks[j]));
    for i in 0..last_own_heading.unwrap_or(0) {
        if verdicts[i].is_none() && template_heading(&blocks[i]) {
            verdicts[i] = Some(RemovalKind::RepeatedBlock);
        }
    }
    for i in (lead..blocks.len()).rev() {
        if !mark(i, verdicts) {
            break;
        }
    }
}

/// Whether heading `i` is the headline of an advert: everything under it up to the next
/// heading is removed, an advert among it, and the heading repeats in the build or sells.
/// A question never is: "What causes glaucoma?" heads an answer, whatever is under it.
fn heads_an_advert(blocks: &[Block], verdicts: &[Option<RemovalKind>], i: usize, repetition: &Repetition) -> bool {
    let heading = &blocks[i];
    if !heading.is_heading() || is_question(&heading.text) {
        return false;
    }
    let section = (i + 1..blocks.len()).take_while(|&j| !blocks[j].is_heading());
    let mut advert = false;
    for j in section {
        match verdicts[j] {
            None => return false,
            Some(RemovalKind::Advertising) => advert = true,
            Some(_) => {}
        }
    }
    advert && (repetition.heading_repeats(heading) || patterns::is_promotional(&heading.text))
}

/// Lists whose every item starts with a link ("- [Melanoma](/melanoma/): who is at risk"):
/// a menu, related pages, a site's table of contents. The pages they link to hold the
/// content; their entries would only answer questions in the linked page's place.
fn link_lists(blocks: &[Block]) -> Vec<std::ops::Range<usize>> {
    /// Longer items are content that happens to open with a link.
    const MAX_ENTRY_WORDS: usize = 30;
    let entry = |b: &Block| {
        b.kind == BlockKind::ListItem
            && b.links != Links::None
            && b.text.split_whitespace().nth(MAX_ENTRY_WORDS).is_none()
    };
    let mut lists = Vec::new();
    let mut i = 0;
    while i < blocks.len() {
        let start = i;
        while i < blocks.len() && entry(&blocks[i]) {
            i += 1;
        }
        let whole_list = (start == 0 || blocks[start - 1].kind != BlockKind::ListItem)
            && blocks.get(i).is_none_or(|b| b.kind != BlockKind::ListItem);
        if i - start >= 2 && whole_list {
            lists.push(start..i);
        }
        i = i.max(start + 1);
    }
    lists
}

fn is_question(text: &str) -> bool {
    text.trim_end().ends_with('?')
}

/// What the block is as a whole, if cleaning removes it.
fn whole_block_kind(block: &Block) -> Option<RemovalKind> {
    if placeholder::is_placeholder(&block.text) {
        return Some(RemovalKind::Placeholder);
    }
    // A link on its own line is a button or a menu entry: "Back to all topics"; links one
    // to a line, as an old page's side menu puts them between `<br>`s, are a menu.
    if block.links == Links::Whole && block.kind == BlockKind::Paragraph && block.text.lines().all(patterns::is_short_line) {
        return Some(RemovalKind::PageChrome);
    }
    match patterns::short_block_kind(&block.text, block.is_heading()) {
        // A heading is never advertising, but for a bare sponsor's label ("Advertisement"):
        // that heads an advert, not text a visitor asks about.
        Some(RemovalKind::Advertising) if block.is_heading() && !patterns::is_sponsor_heading(&block.text) => {}
        Some(kind) => return Some(kind),
        None => {}
    }
    if block.is_heading() {
        return clinic::is_template_heading(&block.text).then_some(RemovalKind::PageChrome);
    }
    if block.text.contains("___") || patterns::is_contents_line(&block.text) {
        return Some(RemovalKind::PageChrome);
    }
    clinic::notice_kind(&block.text).or_else(|| patterns::is_author_box(&block.text).then_some(RemovalKind::PageChrome))
}

/// A footer that `<br>`s made one paragraph, as pages laid out in tables and emails have
/// it: lines that are, most of them, chrome on their own (the practice's address as "Name ·
/// Street · Town", "Home | Contact", "Last updated: …", "Copyright © …", "You are receiving
/// this email because …"). With no sentence of article text among the others, the block
/// goes whole; with one, only the chrome lines go, and the sentence stays.
fn remove_chrome_lines(block: &mut Block, log: &mut RemovalLog) -> Option<RemovalKind> {
    // Most blocks are one line: they are passed over before anything is collected.
    if block.kind != BlockKind::Paragraph || block.text.matches('\n').nth(1).is_none() {
        return None;
    }
    let lines: Vec<&str> = block.text.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    if lines.len() < 3 {
        return None;
    }
    let chrome: Vec<bool> = lines.iter().map(|line| is_chrome_on_its_own(line)).collect();
    let count = chrome.iter().filter(|&&c| c).count();
    if count < 2 || count * 2 <= lines.len() {
        return None;
    }
    let rest = || lines.iter().zip(&chrome).filter(|(_, &c)| !c).map(|(line, _)| *line);
    if !rest().any(|line| !patterns::is_short_line(line) && line.ends_with(['.', '!', '?', ':'])) {
        return Some(RemovalKind::PageChrome);
    }
    lines.iter().zip(&chrome).filter(|(_, &c)| c).for_each(|(line, _)| log.record(RemovalKind::PageChrome, line));
    block.text = rest().collect::<Vec<_>>().join("\n");
    None
}

fn is_chrome_on_its_own(line: &str) -> bool {
    patterns::short_block_kind(line, false) == Some(RemovalKind::PageChrome) || clinic::notice_kind(line) == Some(RemovalKind::PageChrome)
}

/// Takes placeholder and call-to-action sentences out of a paragraph or list item. When
/// nothing is left, the block goes whole (and is reported by the caller); so does what is
/// left when it sells to the reader: a promotion that ends in "Learn more" is an advert.
fn remove_sentences(block: &mut Block, log: &mut RemovalLog) -> Option<RemovalKind> {
    let spans = sentence_spans(&block.text);
    let verdicts: Vec<Option<RemovalKind>> = spans
        .iter()
        .map(|span| {
            let sentence = &block.text[span.clone()];
            if placeholder::is_placeholder(sentence) {
                Some(RemovalKind::Placeholder)
            } else if patterns::is_cta_sentence(sentence) {
                Some(RemovalKind::CallToAction)
            } else if patterns::is_greeting(sentence) {
                Some(RemovalKind::PageChrome)
            } else {
                clinic::sentence_kind(sentence)
            }
        })
        .collect();
    if verdicts.iter().all(Option::is_none) {
        return None;
    }
    let had_call_to_action = verdicts.contains(&Some(RemovalKind::CallToAction));
    // What a call to action may leave is its lead-in: "Questions? Book an appointment."
    let lead_in = |sentence: &str| sentence.split_whitespace().nth(3).is_none() && sentence.ends_with(['?', ':', '!']);
    let only_lead_ins =
        spans.iter().zip(&verdicts).all(|(span, verdict)| verdict.is_some() || lead_in(&block.text[span.clone()]));
    if verdicts.iter().all(Option::is_some) || (had_call_to_action && only_lead_ins) {
        return verdicts.iter().flatten().next().copied();
    }
    let mut text = String::with_capacity(block.text.len());
    let mut previous_end = None;
    for (span, verdict) in spans.iter().zip(&verdicts) {
        let sentence = &block.text[span.clone()];
        if let Some(kind) = verdict {
            log.record(*kind, sentence);
            continue;
        }
        if let Some(end) = previous_end {
            let gap: &str = &block.text[end..span.start];
            text.push(if gap.contains('\n') { '\n' } else { ' ' });
        }
        text.push_str(sentence);
        previous_end = Some(span.end);
    }
    block.text = text;
    (had_call_to_action && patterns::is_promotional(&block.text)).then_some(RemovalKind::Advertising)
}

/// A block that may be part of an advert, above its call to action: short, and selling or
/// said elsewhere in the build too (an advert's text is placed on many pages).
fn advert_like(block: &Block, repetition: &Repetition) -> bool {
    patterns::is_promotional(&block.text)
        || (patterns::is_short_block(&block.text) && repetition.occurs_elsewhere(block))
}

/// Marks the advert that ends in the call to action at `cta`: going up, blocks already
/// removed are part of it, kept promotional blocks join it, and a repeated headline
/// (or one that sells) closes it.
fn mark_advert_above(blocks: &[Block], verdicts: &mut [Option<RemovalKind>], cta: usize, repetition: &Repetition) {
    let mut taken = 0;
    // An advert is a few blocks; looking further up only costs time.
    for j in (0..cta).rev().take(MAX_ADVERT_REACH) {
        match verdicts[j] {
            Some(RemovalKind::Placeholder | RemovalKind::PageChrome) => return,
            Some(RemovalKind::RepeatedBlock) => verdicts[j] = Some(RemovalKind::Advertising),
            Some(_) => {}
            // Its headline, if it has one, is decided once the whole page is (`heads_an_advert`).
            None if blocks[j].is_heading() => return,
            None if taken < MAX_ADVERT_BLOCKS && advert_like(&blocks[j], repetition) => {
                verdicts[j] = Some(RemovalKind::Advertising);
                taken += 1;
            }
            None => return,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clean_one(blocks: Vec<Block>) -> (Vec<Block>, Vec<crate::build::Removal>) {
        let repetition = Repetition::count([&blocks[..]]);
        let mut log = RemovalLog::default();
        let kept = clean(blocks, &repetition, &mut log);
        (kept, log.into_removals())
    }

    #[test]
    fn a_footer_or_a_menu_broken_into_lines_goes_and_article_lines_stay() {
        let footer = Block::paragraph(
            "O'Malley Family Practice · 221 West Maple Avenue · Springfield, OH 45502\nPhone (555) 234-7788\nHome | Contact | Privacy Notice\nYou are visitor number 004187 since January 1, 2001\nLast updated: 03/15/2004 · Best viewed with Internet Explorer 6 at 800x600\nCopyright © 2004 O'Malley Family Practice.",
        );
        let menu = Block::paragraph("Home\n\nOur Doctors\n\nOffice Hours & Directions").linked();
        let symptoms = Block::paragraph("Symptoms include:\nfatigue\npale skin\na fast heartbeat");
        let article = "Anemia of chronic disease is common in older adults who have a long-term illness.";
        let reviewed = Block::paragraph(format!("{article}\nLast reviewed: 2024\nCopyright © 2024 the practice."));
        let (kept, removals) = clean_one(vec![footer, menu, symptoms.clone(), reviewed]);
        assert_eq!(kept.len(), 2, "{removals:?}");
        assert_eq!(kept[0], symptoms);
        assert_eq!(kept[1].text, article, "the lines of chrome after the sentence go, the sentence stays");
    }

    #[test]
    fn a_leaflets_running_footer_goes_on_every_page_and_a_key_point_said_twice_stays() {
        let footer = |page: u32| Block::paragraph(&format!("BH-022 | Paget's disease of bone | Version 2 | Page {page} of 6"));
        let point = Block::paragraph("Paget's disease is treatable.");
        let blocks = vec![
            footer(1),
            point.clone(),
            Block::paragraph("Contents: Causes ........ 2 Treatment ........ 3"),
            footer(2),
            point.clone(),
            footer(3),
        ];
        let (kept, _) = clean_one(blocks);
        assert_eq!(kept, [point.clone(), point]);
    }

    #[test]
    fn a_cta_sentence_goes_and_its_paragraph_stays() {
        let (kept, removed) =
            clean_one(vec![Block::paragraph("Patients improved. I recommend you watch the video below.")]);
        assert_eq!(kept, [Block::paragraph("Patients improved.")]);
        assert_eq!(removed[0].kind, RemovalKind::CallToAction);
        assert_eq!(removed[0].sample, "I recommend you watch the video below.");
    }

    #[test]
    fn an_advert_goes_with_its_headline_and_call_to_action() {
        let advert = || {
            vec![
                Block::heading("Cord Blood Banking Made Simple"),
                Block::paragraph("Protect your family's future with our advanced cord blood banking."),
                Block::paragraph("Learn more →"),
            ]
        };
        let mut blocks = advert();
        blocks.extend([Block::heading("Real Heading"), Block::paragraph("Real text about discs and pain relief.")]);
        blocks.extend(advert());
        let (kept, removed) = clean_one(blocks);
        assert_eq!(kept, [Block::heading("Real Heading"), Block::paragraph("Real text about discs and pain relief.")]);
        let ads: usize = removed.iter().filter(|r| r.kind == RemovalKind::Advertising).map(|r| r.count).sum();
        assert_eq!(ads, 4, "{removed:?}");
    }

    #[test]
    fn a_single_promotion_above_a_call_to_action_is_an_advert() {
        let (kept, removed) = clean_one(vec![
            Block::paragraph("Stem cells may help discs heal."),
            Block::paragraph("Find out if you are a candidate for our paid study."),
            Block::paragraph("Learn more"),
        ]);
        assert_eq!(kept, [Block::paragraph("Stem cells may help discs heal.")]);
        assert!(removed.iter().any(|r| r.kind == RemovalKind::Advertising));
    }

    #[test]
    fn a_promotion_ending_in_a_call_to_action_is_an_advert() {
        let (kept, removed) = clean_one(vec![
            Block::paragraph("Discs can heal."),
            Block::paragraph("Secure your family's future with our advanced cord blood banking. Learn more today."),
        ]);
        assert_eq!(kept, [Block::paragraph("Discs can heal.")]);
        let kinds: Vec<RemovalKind> = removed.iter().map(|r| r.kind).collect();
        assert_eq!(kinds, [RemovalKind::CallToAction, RemovalKind::Advertising]);
    }

    #[test]
    fn lorem_ipsum_goes_and_real_text_stays() {
        let (kept, removed) = clean_one(vec![
            Block::paragraph(
                "Lorem ipsum dolor sit amet, consectetur adipiscing elit. Suspendisse varius enim in eros.",
            ),
            Block::paragraph("Stem cells are harvested from bone marrow."),
        ]);
        assert_eq!(kept, [Block::paragraph("Stem cells are harvested from bone marrow.")]);
        assert_eq!(removed[0].kind, RemovalKind::Placeholder);
    }

    #[test]
    fn an_author_box_is_page_chrome() {
        let (kept, removed) = clean_one(vec![
            Block::paragraph("Results vary."),
            Block::paragraph("This post was written by Jane Roe, a nurse at example.com. At Example we provide care."),
        ]);
        assert_eq!(kept, [Block::paragraph("Results vary.")]);
        assert_eq!(removed[0].kind, RemovalKind::PageChrome);
    }

    #[test]
    fn a_link_alone_and_a_list_of_links_are_page_chrome() {
        let (kept, removed) = clean_one(vec![
            Block::paragraph("Back to all topics").linked(),
            Block::paragraph("Melanoma is a disease of the cells that colour the skin."),
            Block::list_item("Melanoma: who is at risk, warning signs and outlook").linked(),
            Block::list_item("Merkel Cell Carcinoma: a rare skin cancer").linked(),
            Block::paragraph("Risk factors include:"),
            Block::list_item("Having fair skin that burns easily in the sun"),
            Block::list_item("Melanoma in a parent or a sister").linked(),
        ]);
        assert_eq!(
            kept.iter().map(|b| b.text.as_str()).collect::<Vec<_>>(),
            [
                "Melanoma is a disease of the cells that colour the skin.",
                "Risk factors include:",
                "Having fair skin that burns easily in the sun",
                "Melanoma in a parent or a sister"
            ],
            "a list that only partly links is content"
        );
        assert_eq!(removed.iter().filter(|r| r.kind == RemovalKind::PageChrome).count(), 3);
    }

    #[test]
    fn a_question_heading_is_never_an_adverts_headline() {
        let advert = |heading: &str| {
            vec![
                Block::heading(heading),
                Block::paragraph("Protect your family's future with our advanced cord blood banking."),
                Block::paragraph("Learn more →"),
            ]
        };
        let mut blocks = advert("Is Cord Blood Banking Right for You?");
        blocks.extend(advert("Is Cord Blood Banking Right for You?"));
        let (_, removed) = clean_one(blocks);
        assert!(removed.iter().all(|r| !r.sample.starts_with("Is Cord Blood")), "{removed:?}");
    }

    #[test]
    fn a_real_paragraph_before_a_call_to_action_stays() {
        let (kept, _) = clean_one(vec![
            Block::paragraph("PRP uses your own platelets to help healing."),
            Block::paragraph("Learn more"),
        ]);
        assert_eq!(kept, [Block::paragraph("PRP uses your own platelets to help healing.")]);
    }

    /// Six pages from two templates: three leaflets with a short footer, three articles
    /// without it; every page shares one paragraph with two others.
    fn two_template_site(shared_at_edge: bool) -> Vec<Vec<Block>> {
        let footer = || Block::paragraph("Patient information leaflet. Ask at reception for a printed copy.");
        let shared = || Block::paragraph("The kidneys filter the blood and make urine.");
        (0..6)
            .map(|n| {
                let own = Block::paragraph(format!("Page {n} explains its own condition in a sentence or two."));
                let mut page = vec![Block::heading(format!("Condition {n}"))];
                if shared_at_edge && n < 3 {
                    page.push(shared());
                }
                page.push(own);
                if !shared_at_edge && n < 3 {
                    page.push(shared());
                    page.push(Block::paragraph(format!("Page {n} ends with more of its own text.")));
                }
                if n % 2 == 0 {
                    page.push(footer());
                }
                page
            })
            .collect()
    }

    fn clean_site(pages: Vec<Vec<Block>>) -> Vec<Vec<Block>> {
        let repetition = Repetition::count(pages.iter().map(|p| &p[..]));
        pages.into_iter().map(|page| clean(page, &repetition, &mut RemovalLog::default())).collect()
    }

    #[test]
    fn a_short_block_at_the_edge_of_a_third_of_the_pages_is_a_template() {
        let cleaned = clean_site(two_template_site(false));
        assert!(cleaned.iter().flatten().all(|b| !b.text.contains("reception")), "{cleaned:?}");
        let shared = cleaned.iter().flatten().filter(|b| b.text.contains("kidneys filter")).count();
        assert_eq!(shared, 3, "between a page's own texts, a shared paragraph is content");
    }

    #[test]
    fn a_long_shared_paragraph_at_the_top_is_content() {
        let mut pages = two_template_site(true);
        let long = "The urinary tract is the body's drainage system for removing wastes and extra water. It \
            includes two kidneys, two ureters, a bladder and a urethra, and each part has its own job to do.";
        for page in pages.iter_mut().take(3) {
            page[1] = Block::paragraph(long);
        }
        let cleaned = clean_site(pages);
        assert_eq!(cleaned.iter().flatten().filter(|b| b.text == long).count(), 3);
    }

    #[test]
    fn a_cookie_notice_and_a_review_byline_are_page_chrome() {
        let (kept, _) = clean_one(vec![
            Block::paragraph("We use cookies to improve your experience on our website. Accept cookies"),
            Block::paragraph("Reviewed by the diabetes team. Last updated: March 2026."),
            Block::paragraph("Hypoglycemia is low blood glucose."),
            Block::paragraph("Request an appointment"),
        ]);
        assert_eq!(kept, [Block::paragraph("Hypoglycemia is low blood glucose.")]);
    }

    fn article(tail_heading: &str) -> Vec<Block> {
        let text = "Sinusitis means your sinuses are inflamed. The cause can be an infection or another problem. \
                    Your sinuses are hollow air spaces within the bones surrounding the nose.";
        vec![
            Block::heading("What is sinusitis?"),
            Block::paragraph(text),
            Block::heading("Causes"),
            Block::paragraph("Acute sinusitis often starts as a cold, which then turns into a bacterial infection. \
                              Allergies, nasal problems, and certain diseases can also cause it."),
            Block::heading(tail_heading),
            Block::paragraph("Priya is a nurse practitioner and edits the clinic blog."),
            Block::paragraph("Thanks, really clear and easy to read."),
        ]
    }

    #[test]
    fn a_blog_templates_tail_goes_from_its_comments_or_related_posts() {
        for tail in ["Comments (3)", "Related articles", "3 comments"] {
            let (kept, _) = clean_one(article(tail));
            assert_eq!(kept.len(), 4, "{tail}: {kept:?}");
        }
        // A study's own "Discussion", and a tail that is most of the page, are content.
        assert_eq!(clean_one(article("Discussion")).0.len(), 7);
        let mut sidebar_first = vec![Block::heading("Related articles"), Block::paragraph("Sinus pain explained in depth.")];
        sidebar_first.extend(article("Treatment"));
        let kept = clean_one(sidebar_first).0;
        assert!(article("Treatment").iter().all(|b| kept.contains(b)), "{kept:?}");
    }
}
