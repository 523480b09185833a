//! Blocks to sections: each heading starts one, and the text under it is written as the
//! index expects it: paragraphs separated by a blank line, list items on their own lines
//! starting with "- ", a list kept under the line that introduces it.
//!
//! A heading with no text of its own (one heading straight after another, or one whose
//! text was all boilerplate) is dropped rather than folded into the next heading: its
//! words are not an answer to anything, and prefixing them to every child heading would
//! make every child match the parent's words.

use super::blocks::{words, Block, BlockKind};
use crate::build::SourceSection;

pub(crate) fn assemble(blocks: &[Block]) -> Vec<SourceSection> {
    let mut sections = Vec::new();
    let mut current = SourceSection { id: None, heading: None, text: String::new(), is_faq: false };
    let mut previous: Option<&Block> = None;
    let mut in_faq = false;
    for block in blocks {
        match block.kind {
            BlockKind::Heading { faq } => {
                let heading = block.text.trim().trim_end_matches(':').trim_end().to_owned();
                let question = heading.ends_with('?');
                // A question under an "FAQ" heading is an FAQ question, even in plain text.
                let is_faq = faq || (in_faq && question);
                if names_an_faq(&heading) {
                    in_faq = true;
                } else if !question {
                    in_faq = false;
                }
                let next = SourceSection { id: None, heading: Some(heading), text: String::new(), is_faq };
                let done = std::mem::replace(&mut current, next);
                if !done.text.is_empty() {
                    sections.push(done);
                }
                previous = None;
                continue;
            }
            BlockKind::Paragraph | BlockKind::ListItem => append(&mut current.text, previous, block),
        }
        previous = Some(block);
    }
    if !current.text.is_empty() {
        sections.push(current);
    }
    sections
}

/// Blocks as one text, headings as paragraphs: for structured inputs whose HTML is
/// one section's text.
pub(crate) fn render(blocks: &[Block]) -> String {
    let mut text = String::new();
    let mut previous = None;
    for block in blocks {
        append(&mut text, previous, block);
        previous = Some(block);
    }
    text
}

fn append(text: &mut String, previous: Option<&Block>, block: &Block) {
    if !text.is_empty() {
        text.push_str(separator(previous, block));
    }
    if block.kind == BlockKind::ListItem {
        text.push_str("- ");
        text.push_str(&block.text.replace('\n', " "));
    } else {
        text.push_str(&block.text);
    }
}

/// A list item follows the item or the lead-in ("…obtained from:") before it on the next
/// line; everything else starts a new paragraph.
fn separator(previous: Option<&Block>, block: &Block) -> &'static str {
    let joins_list = block.kind == BlockKind::ListItem
        && previous.is_some_and(|p| p.kind == BlockKind::ListItem || p.text.trim_end().ends_with(':'));
    if joins_list {
        "\n"
    } else {
        "\n\n"
    }
}

/// "FAQ", "FAQs", "Frequently Asked Questions", "Common questions", "Q&A".
fn names_an_faq(heading: &str) -> bool {
    let normalised: Vec<String> = words(heading).collect();
    let text = normalised.join(" ");
    matches!(text.as_str(), "faq" | "faqs" | "q a" | "questions" | "questions and answers" | "common questions")
        || text.starts_with("frequently asked")
        || text.ends_with("faq")
        || text.ends_with("faqs")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_stay_with_their_lead_in_and_paragraphs_are_separated() {
        let blocks = [
            Block::heading("Sources"),
            Block::paragraph("Several sources are used. These cells are obtained from:"),
            Block::list_item("Bone marrow"),
            Block::list_item("Adipose tissue"),
            Block::paragraph("They suit spinal therapy."),
        ];
        let sections = assemble(&blocks);
        assert_eq!(sections.len(), 1);
        assert_eq!(sections[0].heading.as_deref(), Some("Sources"));
        assert_eq!(
            sections[0].text,
            "Several sources are used. These cells are obtained from:\n- Bone marrow\n- Adipose tissue\n\nThey suit spinal therapy."
        );
    }

    #[test]
    fn headings_without_text_are_dropped() {
        let blocks =
            [Block::heading("Part"), Block::heading("Chapter"), Block::paragraph("Text."), Block::heading("Empty")];
        let sections = assemble(&blocks);
        assert_eq!(sections.len(), 1);
        assert_eq!(sections[0].heading.as_deref(), Some("Chapter"));
    }

    #[test]
    fn text_before_any_heading_has_no_heading() {
        let sections = assemble(&[Block::paragraph("Intro."), Block::heading("Next:"), Block::list_item("x")]);
        assert_eq!(sections[0].heading, None);
        assert_eq!(sections[1].heading.as_deref(), Some("Next"));
        assert_eq!(sections[1].text, "- x");
    }

    #[test]
    fn questions_under_an_faq_heading_are_faq_questions() {
        let blocks = [
            Block::heading("FAQs"),
            Block::heading("Is it safe?"),
            Block::paragraph("Mostly."),
            Block::heading("Does it hurt?"),
            Block::paragraph("A little."),
            Block::heading("About us"),
            Block::paragraph("We are a clinic."),
            Block::heading("Why us?"),
            Block::paragraph("Because."),
        ];
        let faq: Vec<bool> = assemble(&blocks).iter().map(|s| s.is_faq).collect();
        assert_eq!(faq, [true, true, false, false]);
    }
}
