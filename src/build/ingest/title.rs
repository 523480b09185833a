//! A document's title when no manifest gives one: what the page states (HTML `<h1>` or
//! `<title>`, Markdown front matter), else its first heading that survived cleaning (so an
//! advert's headline above the article is not taken), else the file name made readable.

use std::path::Path;

use super::blocks::Block;

/// Headings longer than this are sentences set in bold, not titles.
const MAX_TITLE_WORDS: usize = 20;

/// The first heading of the cleaned page, if it is title-sized.
pub(crate) fn from_blocks(blocks: &[Block]) -> Option<String> {
    blocks
        .iter()
        .find(|b| b.is_heading())
        .map(|b| b.text.trim().trim_end_matches(':').trim_end().to_owned())
        .filter(|t| !t.is_empty() && t.split_whitespace().count() <= MAX_TITLE_WORDS)
}

/// "003_back-pain_options.txt" → "Back pain options": separators become spaces, and
/// numbering and hash-like parts (which name files, not topics) are left out.
pub(crate) fn from_file_name(path: &Path) -> String {
    let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    let words: Vec<&str> = stem.split(['_', '-', ' ', '.']).filter(|w| !w.is_empty() && !is_machine_part(w)).collect();
    if words.is_empty() {
        return stem;
    }
    let joined = words.join(" ");
    let mut chars = joined.chars();
    chars.next().map(|first| first.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// Digits only, or a long run of hex digits with a digit in it (a hash).
fn is_machine_part(word: &str) -> bool {
    let all_digits = word.chars().all(|c| c.is_ascii_digit());
    let hash =
        word.len() >= 8 && word.chars().all(|c| c.is_ascii_hexdigit()) && word.chars().any(|c| c.is_ascii_digit());
    all_digits || hash
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_are_made_readable() {
        assert_eq!(from_file_name(Path::new("corpus/003_back-pain_options.txt")), "Back pain options");
        assert_eq!(from_file_name(Path::new("000_ba5672a1dce806c9.txt")), "000_ba5672a1dce806c9");
        assert_eq!(from_file_name(Path::new("stem cells.md")), "Stem cells");
    }

    #[test]
    fn the_first_heading_is_the_title() {
        let blocks = [Block::paragraph("Intro."), Block::heading("What Are Stem Cells?"), Block::heading("Later")];
        assert_eq!(from_blocks(&blocks).as_deref(), Some("What Are Stem Cells?"));
        assert_eq!(from_blocks(&[Block::paragraph("x")]), None);
    }
}
