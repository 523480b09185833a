//! Markdown: rendered to HTML by pulldown-cmark (CommonMark: headings, lists, emphasis,
//! links, tables, HTML inside) and read by the HTML reader, so both formats give the same
//! structure. Front matter (`---` … `---`, as static site generators write it) gives the
//! title and URL and is not text.

use pulldown_cmark::{html, Options, Parser};

use super::blocks::{tidy, Page};
use super::html::read_fragment;
use super::removals::RemovalLog;

pub(crate) fn read_markdown(text: &str, log: &mut RemovalLog) -> Page {
    let (front_matter, body) = split_front_matter(text);
    let mut rendered = String::with_capacity(body.len() * 3 / 2);
    html::push_html(&mut rendered, Parser::new_ext(body, Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH));
    let read = read_fragment(&rendered);
    log.record_flattened(read.flattened);
    let mut page = read.page;
    page.title = front_matter_value(front_matter, &["title"]);
    page.url = front_matter_value(front_matter, &["url", "permalink", "canonical_url", "canonical"]);
    page
}

/// The front matter's lines (empty if none) and the Markdown after it.
fn split_front_matter(text: &str) -> (&str, &str) {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let Some(rest) = text.strip_prefix("---\n").or_else(|| text.strip_prefix("---\r\n")) else { return ("", text) };
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == "---" {
            return (&rest[..offset], &rest[offset + line.len()..]);
        }
        offset += line.len();
    }
    ("", text)
}

/// `title: "Stem cells"` → "Stem cells", for the first key present.
fn front_matter_value(front_matter: &str, keys: &[&str]) -> Option<String> {
    front_matter.lines().find_map(|line| {
        let (key, value) = line.split_once(':')?;
        if !keys.iter().any(|k| key.trim().eq_ignore_ascii_case(k)) {
            return None;
        }
        let value = value.trim().trim_matches(|c| c == '"' || c == '\'');
        Some(tidy(value, false)).filter(|v| !v.is_empty())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::build::ingest::blocks::Block;

    #[test]
    fn markdown_structure_becomes_blocks() {
        let page = read_markdown("# Stem cells\n\nThey *may* help [repair discs](https://x.example).\n\n## Sources\n\n- Bone **marrow**\n- Fat\n", &mut RemovalLog::default());
        assert_eq!(
            page.blocks,
            [
                Block::heading("Stem cells"),
                Block::paragraph("They may help repair discs."),
                Block::heading("Sources"),
                Block::list_item("Bone marrow"),
                Block::list_item("Fat"),
            ]
        );
    }

    #[test]
    fn front_matter_gives_title_and_url() {
        let page =
            read_markdown("---\ntitle: \"Back pain: options\"\npermalink: https://clinic.example/back\n---\nText.\n", &mut RemovalLog::default());
        assert_eq!(page.title.as_deref(), Some("Back pain: options"));
        assert_eq!(page.url.as_deref(), Some("https://clinic.example/back"));
        assert_eq!(page.blocks, [Block::paragraph("Text.")]);
    }
}
