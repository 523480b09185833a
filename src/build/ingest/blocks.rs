//! The shape every reader produces: a page as a flat run of headings, paragraphs and list
//! items, in reading order. Cleaning works on blocks, and `sections` turns them into the
//! `SourceSection`s the index is built from.

use unicode_normalization::UnicodeNormalization;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum BlockKind {
    /// Starts a section. `faq`: the page marks it as an FAQ question.
    Heading {
        faq: bool,
    },
    Paragraph,
    ListItem,
}

/// How much of a block's text is link text (HTML and Markdown only).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) enum Links {
    #[default]
    None,
    /// It starts with a link: "[Melanoma](/melanoma/): what it is, who is at risk".
    Leading,
    /// All of it: a button, a menu entry, "Back to all topics".
    Whole,
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Block {
    pub kind: BlockKind,
    /// Clean text on one line (a paragraph may hold "\n" from a `<br>`), without any
    /// list marker.
    pub text: String,
    pub links: Links,
}

impl Block {
    pub(crate) fn heading(text: impl Into<String>) -> Block {
        Block { kind: BlockKind::Heading { faq: false }, text: text.into(), links: Links::None }
    }

    /// A heading the page marks as an FAQ's question.
    #[cfg(test)]
    pub(crate) fn faq_question(text: impl Into<String>) -> Block {
        Block { kind: BlockKind::Heading { faq: true }, text: text.into(), links: Links::None }
    }

    pub(crate) fn paragraph(text: impl Into<String>) -> Block {
        Block { kind: BlockKind::Paragraph, text: text.into(), links: Links::None }
    }

    pub(crate) fn list_item(text: impl Into<String>) -> Block {
        Block { kind: BlockKind::ListItem, text: text.into(), links: Links::None }
    }

    /// The same block, its text all link text.
    #[cfg(test)]
    pub(crate) fn linked(self) -> Block {
        Block { links: Links::Whole, ..self }
    }

    pub(crate) fn is_heading(&self) -> bool {
        matches!(self.kind, BlockKind::Heading { .. })
    }
}

/// A page as a reader hands it over, before cleaning.
#[derive(Clone, Debug, Default)]
pub(crate) struct Page {
    /// A title the page states itself (HTML `<h1>`/`<title>`, Markdown front matter).
    pub title: Option<String>,
    pub url: Option<String>,
    pub blocks: Vec<Block>,
}

/// One line of clean text: no-break and other Unicode spaces become spaces, invisible
/// characters go, runs of white space become one space, canonical composition (NFC).
/// Line breaks are kept (trimmed around) when `keep_line_breaks`.
pub(crate) fn tidy(text: &str, keep_line_breaks: bool) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    let mut pending_break = false;
    for c in text.chars() {
        match c {
            '\u{00AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' => {}
            '\n' | '\r' | '\u{2028}' | '\u{2029}' if keep_line_breaks => pending_break = true,
            c if c.is_whitespace() || c.is_control() => pending_space = true,
            c => {
                if !out.is_empty() {
                    if pending_break {
                        out.push('\n');
                    } else if pending_space {
                        out.push(' ');
                    }
                }
                pending_space = false;
                pending_break = false;
                out.push(c);
            }
        }
    }
    if out.is_ascii() {
        out
    } else {
        out.nfc().collect()
    }
}

/// Whether the text holds anything a person would read (not just "+" or "•").
pub(crate) fn has_words(text: &str) -> bool {
    text.chars().any(char::is_alphanumeric)
}

/// Words as the repetition and vocabulary checks compare them: lower case, letters and
/// digits only.
pub(crate) fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_lowercase)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tidy_collapses_spaces_and_drops_invisible_characters() {
        assert_eq!(tidy("  Learn\u{a0}more \u{200b}now\t ", false), "Learn more now");
        assert_eq!(tidy("one \n two\n\n", true), "one\ntwo");
        assert_eq!(tidy("one \n two", false), "one two");
    }

    #[test]
    fn tidy_composes_accents() {
        assert_eq!(tidy("cafe\u{301}", false), "café");
    }
}
