//! Plain text to blocks: finding the structure a scraped page lost.
//!
//! - Paragraphs are lines; lines that were only wrapped (the next starts in lower case,
//!   or a long line stops mid-sentence) are joined again. Blank lines may or may not
//!   separate paragraphs: both layouts read the same.
//! - List items start with a bullet or a number ("- ", "• ", "1. "); a bullet alone on
//!   its line belongs to the next line.
//! - A heading is a short single line without a full stop, in Title Case or a question,
//!   with text after it. A short line ending in ":" before a list is the list's lead-in,
//!   kept as a paragraph with its list, not a heading.
//! - HTML left in the text (whole elements on their own lines, or tags and entities
//!   inside a line) is read by the HTML reader, so its structure survives, and reported.

use super::blocks::{has_words, tidy, Block, BlockKind};
use super::html::{inline_text, read_fragment};
use super::removals::RemovalLog;
use crate::build::RemovalKind;

/// The HTML tags recognised in plain text: a `<` followed by anything else is text ("p < 0.05").
const KNOWN_TAGS: &[&str] = &[
    "a",
    "abbr",
    "article",
    "aside",
    "audio",
    "b",
    "blockquote",
    "body",
    "br",
    "button",
    "center",
    "cite",
    "code",
    "dd",
    "details",
    "div",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "font",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "header",
    "hr",
    "html",
    "i",
    "iframe",
    "img",
    "input",
    "label",
    "li",
    "link",
    "main",
    "mark",
    "meta",
    "nav",
    "noscript",
    "ol",
    "p",
    "picture",
    "pre",
    "q",
    "s",
    "script",
    "section",
    "small",
    "source",
    "span",
    "strong",
    "style",
    "sub",
    "summary",
    "sup",
    "svg",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "time",
    "tr",
    "u",
    "ul",
    "video",
];

/// Tags that make a line the start of an HTML block rather than text with inline tags.
const BLOCK_START_TAGS: &[&str] = &[
    "article",
    "aside",
    "audio",
    "blockquote",
    "body",
    "center",
    "details",
    "div",
    "dl",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "html",
    "iframe",
    "img",
    "li",
    "main",
    "nav",
    "noscript",
    "ol",
    "p",
    "picture",
    "pre",
    "script",
    "section",
    "style",
    "svg",
    "table",
    "ul",
    "video",
];

const VOID_TAGS: &[&str] = &["br", "hr", "img", "input", "link", "meta", "source"];

/// Longest run of lines read as one HTML block, so an unclosed tag cannot swallow a page.
const MAX_FRAGMENT_LINES: usize = 200;

/// Words that stay in lower case in Title Case.
const MINOR_WORDS: &[&str] = &[
    "a", "an", "the", "and", "or", "but", "nor", "for", "of", "in", "on", "at", "to", "by", "with", "from", "as", "vs",
    "via", "per", "into", "onto", "over", "than", "up", "out", "off", "so", "yet", "is", "are",
];

/// One line of the text, or an HTML block of several, as the scan sees it.
#[derive(Debug)]
enum Line {
    Blank,
    /// `indent`: white space before the text, which tells a list item's continuation.
    Text {
        text: String,
        indent: usize,
    },
    /// A bullet or number alone on its line.
    Marker {
        indent: usize,
    },
    ListItem {
        text: String,
        numbered: bool,
        indent: usize,
    },
    Html(Vec<Block>),
}

pub(crate) fn read_plain_text(text: &str, log: &mut RemovalLog) -> Vec<Block> {
    // A form feed is a printout's page break (pdftotext writes one per page): it ends a
    // paragraph, so that a page's footer and the next page's header stay lines of their own.
    let paged;
    let text = if text.contains('\u{c}') {
        paged = text.replace('\u{c}', "\n\n");
        paged.as_str()
    } else {
        text
    };
    let items = join_continuations(scan_lines(text, log));
    let mut blocks = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let next = || items[i + 1..].iter().find(|line| !matches!(line, Line::Blank));
        match item {
            Line::Blank | Line::Marker { .. } => {}
            Line::Html(fragment) => blocks.extend(fragment.iter().cloned()),
            Line::Text { text, .. } => blocks.push(classify_line(text, next())),
            Line::ListItem { text, numbered, .. } => {
                let numbered_heading = *numbered
                    && matches!(next(), Some(Line::Text { .. }))
                    && title_case(text)
                    && text.split_whitespace().count() <= 8
                    && !ends_sentence(text);
                blocks.push(if numbered_heading {
                    Block::heading(text.clone())
                } else {
                    Block::list_item(text.clone())
                });
            }
        }
    }
    blocks
}

/// Lines as items; HTML blocks read and reported on the way.
fn scan_lines(text: &str, log: &mut RemovalLog) -> Vec<Line> {
    let lines: Vec<&str> = text.lines().collect();
    let mut items = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        let trimmed = line.trim();
        if starts_html_block(trimmed) {
            let end = fragment_end(&lines, i);
            let fragment = lines[i..end].join("\n");
            log.record(RemovalKind::Markup, &tag_outline(&fragment));
            let read = read_fragment(&fragment);
            log.record_flattened(read.flattened);
            items.push(Line::Html(read.page.blocks));
            i = end;
            continue;
        }
        let mut text = tidy(trimmed, false);
        if has_inline_markup(&text) {
            log.record(RemovalKind::Markup, &tag_outline(&text));
            text = inline_text(&text, log);
        }
        let text = space_after_label(&text);
        let indent = line.chars().take_while(|c| c.is_whitespace()).count();
        items.push(if text.is_empty() {
            Line::Blank
        } else if let Some((rest, numbered)) = list_marker(&text) {
            if rest.is_empty() {
                Line::Marker { indent }
            } else {
                Line::ListItem { text: rest.to_owned(), numbered, indent }
            }
        } else if has_words(&text) {
            Line::Text { text, indent }
        } else {
            Line::Blank
        });
        i += 1;
    }
    items
}

/// Joins what layout split: a bullet alone with its line, a list item with the lines
/// that continue it, a wrapped line with the rest of its paragraph.
fn join_continuations(items: Vec<Line>) -> Vec<Line> {
    let mut out: Vec<Line> = Vec::with_capacity(items.len());
    for item in items {
        match (out.last_mut(), item) {
            (Some(last @ Line::Marker { .. }), Line::Text { text, .. }) => {
                let indent = if let Line::Marker { indent } = last { *indent } else { 0 };
                *last = Line::ListItem { text, numbered: false, indent };
            }
            (Some(Line::ListItem { text: item_text, indent: item_indent, .. }), Line::Text { text, indent })
                if indent > *item_indent || (starts_lowercase(&text) && !ends_sentence(item_text)) =>
            {
                item_text.push(' ');
                item_text.push_str(&text);
            }
            (Some(Line::Text { text: previous, .. }), Line::Text { text, .. }) if is_wrapped(previous, &text) => {
                previous.push(' ');
                previous.push_str(&text);
            }
            (_, item) => out.push(item),
        }
    }
    out
}

/// "Disc Regeneration:Stem cells…" → "Disc Regeneration: Stem cells…": a bold label
/// whose space was lost with its tag. Only a capital after the colon counts, so times
/// ("10:30") and URLs keep theirs.
fn space_after_label(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 4);
    let mut previous = None;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        out.push(c);
        let after_word = previous.is_some_and(char::is_alphabetic);
        if c == ':' && after_word && chars.peek().is_some_and(|n| n.is_uppercase()) {
            out.push(' ');
        }
        previous = Some(c);
    }
    out
}

/// Whether `next` continues `previous` on a new line only because the text was wrapped.
fn is_wrapped(previous: &str, next: &str) -> bool {
    let stops = previous.ends_with(['.', '!', '?', ':', ';', '"', '”', ')']);
    !stops && !title_case(previous) && (starts_lowercase(next) || previous.chars().count() >= 60)
}

fn classify_line(line: &str, next: Option<&Line>) -> Block {
    let Some(next) = next else { return Block::paragraph(line) };
    if !heading_shaped(line) {
        return Block::paragraph(line);
    }
    let next_is_list = match next {
        Line::ListItem { .. } | Line::Marker { .. } => true,
        Line::Html(blocks) => blocks.first().is_some_and(|b| b.kind == BlockKind::ListItem),
        _ => false,
    };
    if let Some(label) = line.strip_suffix(':') {
        // "The Process:" before a list introduces it; before anything else it heads it.
        let short = label.split_whitespace().count() <= 4;
        return if !next_is_list && (title_case(label) || short) {
            Block::heading(label.trim())
        } else {
            Block::paragraph(line)
        };
    }
    if line.ends_with('?') || title_case(line) {
        return Block::heading(line);
    }
    // A short sentence-case line before a longer paragraph, as many sites write headings.
    let before_prose = matches!(next, Line::Text { text, .. } if text.len() > line.len() * 2 && ends_sentence(text));
    if before_prose && line.split_whitespace().count() <= 8 {
        Block::heading(line)
    } else {
        Block::paragraph(line)
    }
}

/// Short, one sentence, starting with a capital, not ending like a sentence or a clause.
fn heading_shaped(line: &str) -> bool {
    let words = line.split_whitespace().count();
    // Capital, digit, or a letter of a script without case.
    let starts_capital = line.chars().next().is_some_and(|c| c.is_alphanumeric() && !c.is_lowercase());
    words > 0
        && words <= 15
        && line.chars().count() <= 120
        && starts_capital
        && !line.ends_with(['.', ',', ';', '!'])
        && crate::text::sentence_spans(line).len() == 1
}

/// Most words that are not minor words start with a capital, the first one included.
pub(crate) fn title_case(line: &str) -> bool {
    let words: Vec<&str> = line
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| w.chars().next().is_some_and(char::is_alphabetic))
        .collect();
    let Some(first) = words.first() else { return false };
    let significant: Vec<&&str> = words.iter().filter(|w| !MINOR_WORDS.contains(&w.to_lowercase().as_str())).collect();
    let capitalised = significant.iter().filter(|w| w.chars().next().is_some_and(char::is_uppercase)).count();
    first.chars().next().is_some_and(char::is_uppercase)
        && !significant.is_empty()
        && capitalised * 4 >= significant.len() * 3
}

fn ends_sentence(text: &str) -> bool {
    text.ends_with(['.', '!', '?', '"', '”', ')'])
}

fn starts_lowercase(text: &str) -> bool {
    text.chars().next().is_some_and(char::is_lowercase)
}

/// The text after a list marker, and whether the marker was a number. "-" alone gives "".
fn list_marker(line: &str) -> Option<(&str, bool)> {
    const BULLETS: &[char] = &['-', '*', '•', '·', '–', '—', '▪', '◦', '○', '●', '■', '►', '➢', '✓', '✔'];
    let mut chars = line.chars();
    let first = chars.next()?;
    if BULLETS.contains(&first) {
        let rest = chars.as_str();
        return (rest.is_empty() || rest.starts_with(char::is_whitespace)).then(|| (rest.trim_start(), false));
    }
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    if (1..=3).contains(&digits) {
        let rest = &line[digits..];
        let rest = rest.strip_prefix(['.', ')'])?;
        return (rest.is_empty() || rest.starts_with(char::is_whitespace)).then(|| (rest.trim_start(), true));
    }
    None
}

/// The name of the tag starting at `text` ("<div class…" → "div"), if it is a known one.
fn tag_name_at(text: &str) -> Option<&str> {
    let rest = text.strip_prefix('<')?;
    let rest = rest.strip_prefix('/').unwrap_or(rest);
    let len = rest.find(|c: char| !c.is_ascii_alphanumeric()).unwrap_or(rest.len());
    let name = &rest[..len];
    let after = rest[len..].chars().next();
    let ends_name = after.is_none_or(|c| c == '>' || c == '/' || c.is_whitespace());
    (ends_name && KNOWN_TAGS.iter().any(|t| t.eq_ignore_ascii_case(name))).then_some(name)
}

fn starts_html_block(line: &str) -> bool {
    line.starts_with("<!--")
        || tag_name_at(line).is_some_and(|name| {
            !line.starts_with("</") && BLOCK_START_TAGS.iter().any(|t| t.eq_ignore_ascii_case(name))
        })
}

/// One past the last line of the HTML block starting at `start`: where its elements are
/// all closed again, at a blank line, or after `MAX_FRAGMENT_LINES`.
fn fragment_end(lines: &[&str], start: usize) -> usize {
    let mut depth: i64 = 0;
    for (i, line) in lines.iter().enumerate().skip(start) {
        if i > start && (line.trim().is_empty() || i - start >= MAX_FRAGMENT_LINES) {
            return i;
        }
        depth += tag_depth_change(line);
        if depth <= 0 {
            return i + 1;
        }
    }
    lines.len()
}

/// Opening minus closing tags of known, non-void elements on a line.
fn tag_depth_change(line: &str) -> i64 {
    let mut change = 0;
    for (at, _) in line.match_indices('<') {
        let Some(name) = tag_name_at(&line[at..]) else { continue };
        let lower = name.to_ascii_lowercase();
        let tag_end = line[at..].find('>').map_or(line.len(), |e| at + e);
        if line[at..].starts_with("</") {
            change -= 1;
        } else if !VOID_TAGS.contains(&lower.as_str()) && !line[..tag_end].ends_with('/') {
            change += 1;
        }
    }
    change
}

/// Markup found in a structured text, with its outline for the report.
pub(crate) enum Markup {
    None,
    /// Tags or entities inside lines: each line stays a line.
    Inline(String),
    /// Block elements: the text is HTML, read as such.
    Blocks(String),
}

pub(crate) fn markup_in(text: &str) -> Markup {
    if !text.contains(['<', '&']) {
        return Markup::None;
    }
    let blocks = text.match_indices('<').any(|(at, _)| {
        tag_name_at(&text[at..]).is_some_and(|name| {
            name.eq_ignore_ascii_case("br") || BLOCK_START_TAGS.iter().any(|t| t.eq_ignore_ascii_case(name))
        })
    });
    if blocks {
        Markup::Blocks(tag_outline(text))
    } else if has_inline_markup(text) {
        Markup::Inline(tag_outline(text))
    } else {
        Markup::None
    }
}

fn has_inline_markup(line: &str) -> bool {
    let has_tag = line.match_indices('<').any(|(at, _)| tag_name_at(&line[at..]).is_some());
    has_tag || has_entity(line)
}

/// `&amp;`, `&nbsp;`, `&#8217;`, `&#x2019;`: an ampersand, a name or number, a semicolon.
fn has_entity(line: &str) -> bool {
    line.match_indices('&').any(|(at, _)| {
        let rest = &line[at + 1..];
        let Some(end) = rest.find(';') else { return false };
        let body = &rest[..end];
        let numeric = body.strip_prefix('#').is_some_and(|n| {
            let n = n.strip_prefix(['x', 'X']).unwrap_or(n);
            !n.is_empty() && n.chars().all(|c| c.is_ascii_hexdigit())
        });
        numeric || (2..=8).contains(&body.len()) && body.chars().all(|c| c.is_ascii_alphabetic())
    })
}

/// What a piece of markup was, for the report: its tags in order ("<div> <img>"), or the
/// entity it held.
fn tag_outline(markup: &str) -> String {
    let mut names: Vec<String> = Vec::new();
    for (at, _) in markup.match_indices('<') {
        if markup[at..].starts_with("</") {
            continue;
        }
        if let Some(name) = tag_name_at(&markup[at..]) {
            let tag = format!("<{}>", name.to_ascii_lowercase());
            if !names.contains(&tag) {
                names.push(tag);
            }
        }
    }
    if names.is_empty() {
        let entity = markup.find('&').map_or("", |at| markup[at..].split(';').next().unwrap_or(""));
        return format!("HTML entity {entity};");
    }
    format!("HTML tags {}", names.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Vec<Block> {
        read_plain_text(text, &mut RemovalLog::default())
    }

    fn faq(text: &str) -> Block {
        Block::faq_question(text)
    }

    #[test]
    fn title_case_and_question_lines_before_text_are_headings() {
        let got = read("Why Is It Used?\nBecause it helps.\n\nCurrent Research on Stem Cells\n\nStudies are small.");
        assert_eq!(
            got,
            [
                Block::heading("Why Is It Used?"),
                Block::paragraph("Because it helps."),
                Block::heading("Current Research on Stem Cells"),
                Block::paragraph("Studies are small."),
            ]
        );
    }

    #[test]
    fn a_form_feed_ends_a_paragraph() {
        let got = read("The disease is treatable.\nPage 1 of 6\u{c}Clinic leaflet BH-022\nSurgery can help.");
        assert!(got.iter().any(|b| b.text == "Clinic leaflet BH-022" || b.text.starts_with("Clinic leaflet BH-022")), "{got:?}");
        assert!(got.iter().all(|b| !(b.text.contains("Page 1 of 6") && b.text.contains("Clinic leaflet"))), "{got:?}");
    }

    #[test]
    fn sentences_and_last_lines_are_not_headings() {
        let got = read("Are you tired of pain? You are not alone.\nLimited Partner Offer.\nLeave a Reply");
        assert!(got.iter().all(|b| b.kind == BlockKind::Paragraph), "{got:?}");
    }

    #[test]
    fn a_short_sentence_case_line_before_prose_is_a_heading() {
        let got = read("How it works\nStem cells are placed where the damage is, and they help it heal.");
        assert_eq!(got[0], Block::heading("How it works"));
    }

    #[test]
    fn a_lead_in_before_a_list_stays_a_paragraph() {
        let got = read("The Process:\n-\nIsolation of Stem Cells: harvested.\n-\nInjection: injected.\nFAQs:\nIs it safe?\nYes, mostly.");
        assert_eq!(
            got,
            [
                Block::paragraph("The Process:"),
                Block::list_item("Isolation of Stem Cells: harvested."),
                Block::list_item("Injection: injected."),
                Block::heading("FAQs"),
                Block::heading("Is it safe?"),
                Block::paragraph("Yes, mostly."),
            ]
        );
    }

    #[test]
    fn bullets_and_numbers_are_list_items() {
        let got = read("These cells are obtained from:\n\n  • Bone marrow\n  • Adipose (fat) tissue\n\n  1. Kangari, P. (2022). Stem cells.\n  2) Arthur, A. (2020).");
        let items: Vec<&str> = got.iter().filter(|b| b.kind == BlockKind::ListItem).map(|b| b.text.as_str()).collect();
        assert_eq!(
            items,
            ["Bone marrow", "Adipose (fat) tissue", "Kangari, P. (2022). Stem cells.", "Arthur, A. (2020)."]
        );
    }

    #[test]
    fn wrapped_lines_are_joined() {
        let got = read("Stem cell therapy is an emerging treatment that many clinics now\noffer to patients with chronic pain.\n- An item that goes\n  on here");
        assert_eq!(
            got,
            [
                Block::paragraph("Stem cell therapy is an emerging treatment that many clinics now offer to patients with chronic pain."),
                Block::list_item("An item that goes on here"),
            ]
        );
    }

    #[test]
    fn a_paragraph_after_a_list_is_not_part_of_it() {
        let got = read("  - Rest for a day.\n  Most people recover within weeks.");
        assert_eq!(got, [Block::list_item("Rest for a day."), Block::paragraph("Most people recover within weeks.")]);
    }

    #[test]
    fn html_fragments_keep_their_structure_and_are_reported() {
        let mut log = RemovalLog::default();
        let text = "Intro text here.\n<div style=\"x\"> <img src=\"a.png\" alt=\"A\"/> </div>\n<p class=\"note\">A note.</p>\nFAQs:\n<div class=\"faq\"> <div class=\"faq-question\"> <h3>Is it safe?</h3> </div>\n<div class=\"faq-answer\"><p>Mostly.</p></div> </div>";
        let got = read_plain_text(text, &mut log);
        assert_eq!(
            got,
            [
                Block::paragraph("Intro text here."),
                Block::paragraph("A note."),
                Block::heading("FAQs"),
                faq("Is it safe?"),
                Block::paragraph("Mostly.")
            ]
        );
        let samples: Vec<String> = log.into_removals().into_iter().map(|r| r.sample).collect();
        assert_eq!(samples, ["HTML tags <div> <img>", "HTML tags <p>", "HTML tags <div> <h3> <p>"]);
    }

    #[test]
    fn inline_tags_and_entities_become_text() {
        let got = read("Rest &amp; ice help <b>a lot</b>.\nA comparison: p < 0.05 & more.");
        assert_eq!(
            got,
            [Block::paragraph("Rest & ice help a lot."), Block::paragraph("A comparison: p < 0.05 & more.")]
        );
    }

    #[test]
    fn a_label_gets_its_space_back() {
        assert_eq!(read("- Disc Regeneration:Stem cells help.")[0].text, "Disc Regeneration: Stem cells help.");
        assert_eq!(read("At 10:30 see https://x.example/a:b.")[0].text, "At 10:30 see https://x.example/a:b.");
    }

    #[test]
    fn title_case_ignores_minor_words() {
        assert!(title_case("Stem Cell Therapy for Back Pain – What You Need to Know?"));
        assert!(title_case("IRB-approved Stem Cell Study Participation"));
        assert!(!title_case("Stem cell therapy can be expensive"));
    }
}
