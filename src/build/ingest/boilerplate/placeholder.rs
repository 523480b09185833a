//! Placeholder text left in a template: lorem ipsum, recognised by its pseudo-Latin
//! vocabulary (any generator's shuffle of it, not one exact string), and the few English
//! stand-ins templates use ("Your text here", "Coming soon").

use std::collections::HashSet;
use std::sync::OnceLock;

use super::patterns::{contains_phrase, phrase_words};

/// The vocabulary lorem ipsum generators draw from, without the words English shares with
/// it ("in", "a", "at", "do", "id", "non", "ad", "ex"), so English text never scores.
const LOREM_WORDS: &[&str] = &[
    "lorem",
    "ipsum",
    "dolor",
    "sit",
    "amet",
    "consectetur",
    "consectetuer",
    "adipiscing",
    "elit",
    "sed",
    "eiusmod",
    "tempor",
    "incididunt",
    "ut",
    "labore",
    "et",
    "dolore",
    "magna",
    "aliqua",
    "enim",
    "minim",
    "veniam",
    "quis",
    "nostrud",
    "exercitation",
    "ullamco",
    "laboris",
    "nisi",
    "aliquip",
    "ea",
    "commodo",
    "consequat",
    "duis",
    "aute",
    "irure",
    "reprehenderit",
    "voluptate",
    "velit",
    "esse",
    "cillum",
    "eu",
    "fugiat",
    "nulla",
    "pariatur",
    "excepteur",
    "sint",
    "occaecat",
    "cupidatat",
    "proident",
    "sunt",
    "culpa",
    "qui",
    "officia",
    "deserunt",
    "mollit",
    "anim",
    "est",
    "laborum",
    "suspendisse",
    "varius",
    "eros",
    "elementum",
    "tristique",
    "cursus",
    "mi",
    "viverra",
    "ornare",
    "interdum",
    "diam",
    "libero",
    "vitae",
    "erat",
    "aenean",
    "faucibus",
    "nibh",
    "justo",
    "rutrum",
    "imperdiet",
    "nunc",
    "sem",
    "risus",
    "posuere",
    "nullam",
    "vel",
    "quam",
    "vestibulum",
    "mauris",
    "morbi",
    "pellentesque",
    "habitant",
    "senectus",
    "netus",
    "malesuada",
    "fames",
    "ac",
    "turpis",
    "egestas",
    "integer",
    "feugiat",
    "scelerisque",
    "purus",
    "lectus",
    "urna",
    "nec",
    "arcu",
    "dictum",
    "fusce",
    "ultrices",
    "sapien",
    "lacus",
    "vivamus",
    "etiam",
    "tellus",
    "neque",
    "donec",
    "ligula",
    "mattis",
    "sagittis",
    "pulvinar",
    "fringilla",
    "porttitor",
    "felis",
    "tincidunt",
    "gravida",
    "lacinia",
    "odio",
    "ullamcorper",
    "facilisis",
    "leo",
    "massa",
    "phasellus",
    "vulputate",
    "dignissim",
    "convallis",
    "aliquam",
    "curabitur",
    "blandit",
    "praesent",
    "semper",
    "quisque",
    "sodales",
    "maecenas",
    "accumsan",
    "eget",
    "orci",
    "lobortis",
    "molestie",
    "pretium",
    "rhoncus",
    "euismod",
    "condimentum",
    "venenatis",
    "tortor",
    "augue",
    "hendrerit",
    "auctor",
    "nam",
    "congue",
    "placerat",
    "luctus",
    "volutpat",
    "sollicitudin",
    "dapibus",
    "porta",
    "fermentum",
    "laoreet",
    "iaculis",
    "cras",
    "pharetra",
    "mollis",
    "tempus",
    "bibendum",
    "ultricies",
    "efficitur",
    "nisl",
    "metus",
    "ante",
    "dui",
    "vehicula",
    "primis",
    "cubilia",
    "curae",
    "natoque",
    "penatibus",
    "magnis",
    "dis",
    "parturient",
    "montes",
    "nascetur",
    "ridiculus",
    "mus",
];

/// English stand-ins for content not written yet.
const ENGLISH_PLACEHOLDERS: &[&str] = &[
    "your text here",
    "insert text here",
    "add text here",
    "enter text here",
    "text goes here",
    "content goes here",
    "add your content here",
    "placeholder text",
    "sample text",
    "dummy text",
    "coming soon",
    "to be added",
    "tbd",
];

/// Whether the text (a sentence, or a short block) is placeholder.
pub(crate) fn is_placeholder(text: &str) -> bool {
    static LOREM: OnceLock<HashSet<&'static str>> = OnceLock::new();
    let lorem_words = LOREM.get_or_init(|| LOREM_WORDS.iter().copied().collect());
    let words = phrase_words(text);
    if words.windows(2).any(|w| w[0] == "lorem" && w[1] == "ipsum") {
        return true;
    }
    let lorem: HashSet<&str> = words.iter().map(String::as_str).filter(|w| lorem_words.contains(w)).collect();
    let lorem_count = words.iter().filter(|w| lorem.contains(w.as_str())).count();
    // Mostly lorem words, and several different ones: "et" alone in a citation is not it.
    if words.len() >= 4 && lorem_count * 2 >= words.len() && lorem.len() >= 3 {
        return true;
    }
    if words.is_empty() || words.len() > 8 {
        return false;
    }
    ENGLISH_PLACEHOLDERS.iter().any(|p| contains_phrase(&words, p))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lorem_ipsum_in_any_order_is_placeholder() {
        assert!(is_placeholder("Lorem ipsum dolor sit amet, consectetur adipiscing elit."));
        assert!(is_placeholder(
            "Duis cursus, mi quis viverra ornare, eros dolor interdum nulla, ut commodo diam libero vitae erat."
        ));
        assert!(is_placeholder("Vestibulum ante ipsum primis in faucibus orci luctus."));
    }

    #[test]
    fn english_and_citations_are_not_placeholder() {
        assert!(!is_placeholder("Stem cells may reduce inflammation in the spine."));
        assert!(!is_placeholder("Kim, E. et al. (2021). Stem cell therapy in atopic dermatitis."));
        assert!(!is_placeholder("The Hope Stem Cell Network operates as a non-profit entity."));
        assert!(!is_placeholder("Ad hoc, in vivo, et cetera: Latin in medicine is common."));
    }

    #[test]
    fn english_stand_ins_are_placeholder() {
        assert!(is_placeholder("Your text here"));
        assert!(is_placeholder("Coming soon"));
        assert!(!is_placeholder(
            "A new treatment is coming soon to our clinic in Austin, pending approval by the board."
        ));
    }
}
