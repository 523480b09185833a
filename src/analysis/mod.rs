//! The one tokenizer: the same code turns passages into index terms at build time and
//! questions into query terms in the browser, so both sides always agree.
//!
//! It carries only what English needs (a stop-word list and the Snowball English
//! stemmer), because bm25's default tokenizer brings every language and costs about
//! 400 KB gzip in the wasm. Other languages become other `Language` variants.

mod stopwords;

use rust_stemmers::{Algorithm, Stemmer};

pub use stopwords::{is_light_word, is_stop_word};
use stopwords::light_words;

/// English irregular verb forms and their base forms, sorted by form. Forms that are
/// mostly words of their own ("left", "lay") are left out.
const IRREGULAR_FORMS: &[(&str, &str)] = &[
    ("ate", "eat"),
    ("bled", "bleed"),
    ("bought", "buy"),
    ("broke", "break"),
    ("broken", "break"),
    ("brought", "bring"),
    ("built", "build"),
    ("chose", "choose"),
    ("chosen", "choose"),
    ("did", "do"),
    ("done", "do"),
    ("drank", "drink"),
    ("drunk", "drink"),
    ("eaten", "eat"),
    ("fallen", "fall"),
    ("fed", "feed"),
    ("fell", "fall"),
    ("felt", "feel"),
    ("fought", "fight"),
    ("found", "find"),
    ("gave", "give"),
    ("given", "give"),
    ("gone", "go"),
    ("got", "get"),
    ("gotten", "get"),
    ("grew", "grow"),
    ("grown", "grow"),
    ("held", "hold"),
    ("hid", "hide"),
    ("hidden", "hide"),
    ("kept", "keep"),
    ("knew", "know"),
    ("known", "know"),
    ("led", "lead"),
    ("lost", "lose"),
    ("made", "make"),
    ("meant", "mean"),
    ("paid", "pay"),
    ("ran", "run"),
    ("said", "say"),
    ("saw", "see"),
    ("seen", "see"),
    ("sent", "send"),
    ("shook", "shake"),
    ("shown", "show"),
    ("slept", "sleep"),
    ("sold", "sell"),
    ("sought", "seek"),
    ("spent", "spend"),
    ("spoke", "speak"),
    ("spoken", "speak"),
    ("stood", "stand"),
    ("stuck", "stick"),
    ("swam", "swim"),
    ("swelled", "swell"),
    ("swollen", "swell"),
    ("taken", "take"),
    ("taught", "teach"),
    ("thought", "think"),
    ("told", "tell"),
    ("took", "take"),
    ("torn", "tear"),
    ("understood", "understand"),
    ("went", "go"),
    ("woke", "wake"),
    ("woken", "wake"),
    ("wore", "wear"),
    ("worn", "wear"),
    ("written", "write"),
    ("wrote", "write"),
];

/// Tokens longer than this are URLs, hashes or glued-together junk, never words.
const MAX_TOKEN_CHARS: usize = 40;

/// The languages an index can be built in. The tag travels in the index file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Language {
    English,
}

impl Language {
    pub fn tag(self) -> &'static str {
        match self {
            Language::English => "en",
        }
    }

    pub fn from_tag(tag: &str) -> Option<Language> {
        match tag {
            "en" => Some(Language::English),
            _ => None,
        }
    }
}

/// One word of a text: where it is, its index term, and whether it carries content.
#[derive(Clone, Debug, PartialEq)]
pub struct Token {
    /// The stemmed, folded form stored in the index.
    pub term: String,
    /// The folded word before stemming ("injections"), for typo matching and cues.
    pub word: String,
    /// Byte range of the word in the analysed text.
    pub start: usize,
    pub end: usize,
    /// Stop words ("what", "is", "the") are never indexed, but questions still read them.
    pub is_stop: bool,
}

pub struct Analyzer {
    language: Language,
    stemmer: Stemmer,
    /// Stems of the light words, sorted: every form of a light word is light.
    light_terms: Vec<String>,
}

impl Analyzer {
    pub fn new(language: Language) -> Analyzer {
        let algorithm = match language {
            Language::English => Algorithm::English,
        };
        let stemmer = Stemmer::create(algorithm);
        let mut light_terms: Vec<String> = light_words().iter().map(|w| stemmer.stem(w).into_owned()).collect();
        light_terms.sort_unstable();
        light_terms.dedup();
        Analyzer { language, stemmer, light_terms }
    }

    /// Whether an index term is a form of an everyday verb or adjective ("called" → "call").
    pub fn is_light_term(&self, term: &str) -> bool {
        self.light_terms.binary_search_by(|t| t.as_str().cmp(term)).is_ok()
    }

    pub fn language(&self) -> Language {
        self.language
    }

    /// Every word of `text`, stop words included, with byte spans into `text`.
    pub fn tokens(&self, text: &str) -> Vec<Token> {
        let mut tokens = Vec::new();
        self.scan_words(text, |start, end, word| {
            tokens.push(Token {
                term: self.stem(word),
                word: word.to_owned(),
                start,
                end,
                is_stop: is_stop_word(word),
            });
        });
        tokens
    }

    /// The index terms of `text`: stems of its content words, in order, repeats kept.
    pub fn terms(&self, text: &str) -> Vec<String> {
        let mut terms = Vec::new();
        self.scan_words(text, |_, _, word| {
            if !is_stop_word(word) {
                terms.push(self.stem(word));
            }
        });
        terms
    }

    /// The index term of a single word, or `None` when it is a stop word or not a word.
    pub fn term_of(&self, word: &str) -> Option<String> {
        let tokens = self.tokens(word);
        match tokens.as_slice() {
            [only] if !only.is_stop => Some(only.term.clone()),
            _ => None,
        }
    }

    /// The stem of a folded word (as `scan_words` gives it). Irregular verb forms meet
    /// their base form first, which the stemmer alone cannot do ("found" → "find").
    pub fn stem(&self, folded_word: &str) -> String {
        self.stemmer.stem(base_form(folded_word)).into_owned()
    }

    /// Calls `visit(start, end, folded_word)` for each word of `text`, without allocating
    /// per word: the hot loop when a passage is read for proximity and excerpts.
    pub fn scan_words(&self, text: &str, mut visit: impl FnMut(usize, usize, &str)) {
        let mut word = String::new();
        let mut start = None;
        let mut chars = text.char_indices().peekable();
        while let Some((pos, c)) = chars.next() {
            let next_is_alphanumeric = chars.peek().is_some_and(|&(_, n)| n.is_alphanumeric());
            if c.is_alphanumeric() {
                start.get_or_insert(pos);
                fold_into(c, &mut word);
            } else if is_apostrophe(c) && start.is_some() && next_is_alphanumeric {
                word.push('\'');
            } else if let Some(begin) = start.take() {
                emit(&mut word, begin, pos, &mut visit);
            }
        }
        if let Some(begin) = start {
            emit(&mut word, begin, text.len(), &mut visit);
        }
    }
}

/// Passes a finished word on, without its possessive, if it is a word worth indexing:
/// single letters are not, single digits are, and 40+ characters are URLs or junk.
fn emit(word: &mut String, start: usize, end: usize, visit: &mut impl FnMut(usize, usize, &str)) {
    if word.contains('\'') {
        if let Some(base) = word.strip_suffix("'s") {
            let len = base.len();
            word.truncate(len);
        }
        word.retain(|c| c != '\'');
    }
    let chars = if word.is_ascii() { word.len() } else { word.chars().count() };
    let keep = match chars {
        0 => false,
        1 => word.as_bytes()[0].is_ascii_digit(),
        n => n <= MAX_TOKEN_CHARS,
    };
    if keep {
        visit(start, end, word);
    }
    word.clear();
}

/// The base form of an irregular verb form ("taken" → "take"), or the word itself.
pub fn base_form(folded_word: &str) -> &str {
    IRREGULAR_FORMS
        .binary_search_by(|(form, _)| form.cmp(&folded_word))
        .map_or(folded_word, |i| IRREGULAR_FORMS[i].1)
}

impl bm25::Tokenizer for Analyzer {
    fn tokenize(&self, input_text: &str) -> Vec<String> {
        self.terms(input_text)
    }
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ')
}

/// Lower case without accents, so "Café", "cafe" and "CAFÉ" meet in the index.
///
/// Hand-rolled for the scripts an index is likely to meet (Latin, Greek, Cyrillic):
/// `char::to_lowercase` carries the whole Unicode case table, about 11 KB of the wasm,
/// and full accent decomposition would cost far more. Other scripts pass through as is.
fn fold_into(c: char, out: &mut String) {
    match c {
        'A'..='Z' => out.push(c.to_ascii_lowercase()),
        'a'..='z' | '0'..='9' => out.push(c),
        'ß' => out.push_str("ss"),
        'æ' | 'Æ' => out.push_str("ae"),
        'œ' | 'Œ' => out.push_str("oe"),
        _ => out.push(fold_accent(lower_case(c))),
    }
}

fn lower_case(c: char) -> char {
    let code = c as u32;
    let lowered = match code {
        0xC0..=0xDE if code != 0xD7 => code + 0x20,
        // Latin Extended-A pairs capitals and small letters, with the parity flipping twice.
        0x100..=0x137 | 0x14A..=0x177 if code % 2 == 0 => code + 1,
        0x139..=0x148 | 0x179..=0x17E if code % 2 == 1 => code + 1,
        0x178 => 0xFF,
        0x391..=0x3AB if code != 0x3A2 => code + 0x20,
        0x400..=0x40F => code + 0x50,
        0x410..=0x42F => code + 0x20,
        _ => code,
    };
    char::from_u32(lowered).unwrap_or(c)
}

fn fold_accent(c: char) -> char {
    match c {
        'à'..='å' | 'ā' | 'ă' | 'ą' => 'a',
        'ç' | 'ć' | 'ĉ' | 'ċ' | 'č' => 'c',
        'ď' | 'đ' => 'd',
        'è'..='ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => 'e',
        'ì'..='ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' => 'i',
        'ñ' | 'ń' | 'ņ' | 'ň' => 'n',
        'ò'..='ö' | 'ø' | 'ō' | 'ŏ' | 'ő' => 'o',
        'ś' | 'ŝ' | 'ş' | 'š' => 's',
        'ù'..='ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' => 'u',
        'ý' | 'ÿ' => 'y',
        'ź' | 'ż' | 'ž' => 'z',
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn english() -> Analyzer {
        Analyzer::new(Language::English)
    }

    #[test]
    fn stems_and_drops_stop_words_for_the_index() {
        assert_eq!(english().terms("What are the risks of stem cell injections?"), ["risk", "stem", "cell", "inject"]);
    }

    #[test]
    fn keeps_stop_words_with_spans_for_questions() {
        let text = "How long does it take?";
        let tokens = english().tokens(text);
        let words: Vec<(&str, bool)> = tokens.iter().map(|t| (&text[t.start..t.end], t.is_stop)).collect();
        assert_eq!(words, [("How", true), ("long", false), ("does", true), ("it", true), ("take", false)]);
    }

    #[test]
    fn folds_case_accents_and_curly_possessives() {
        let analyzer = english();
        assert_eq!(analyzer.terms("the body’s Café"), analyzer.terms("body cafe"));
        assert_eq!(analyzer.terms("patient's patients’"), ["patient", "patient"]);
    }

    #[test]
    fn folds_latin_greek_and_cyrillic_capitals() {
        let analyzer = english();
        assert_eq!(analyzer.terms("ŻÓŁW Ωmega ДНК"), analyzer.terms("żółw ωmega днк"));
        assert_eq!(analyzer.terms("Zürich ŁÓDŹ"), ["zurich", "łodz"]);
    }

    #[test]
    fn keeps_numbers_and_drops_single_letters_and_junk() {
        let long = "x".repeat(60);
        assert_eq!(english().terms(&format!("a 2 b 80% IL-6 {long}")), ["2", "80", "il", "6"]);
    }

    #[test]
    fn irregular_forms_meet_their_base_form() {
        let analyzer = english();
        assert_eq!(analyzer.terms("found taken swollen"), analyzer.terms("find take swell"));
        assert!(IRREGULAR_FORMS.windows(2).all(|pair| pair[0].0 < pair[1].0));
    }

    #[test]
    fn term_of_a_single_word() {
        let analyzer = english();
        assert_eq!(analyzer.term_of("Injections").as_deref(), Some("inject"));
        assert_eq!(analyzer.term_of("the"), None);
        assert_eq!(analyzer.term_of("two words"), None);
    }

    #[test]
    fn implements_the_bm25_tokenizer_trait() {
        let analyzer = english();
        let via_trait = <Analyzer as bm25::Tokenizer>::tokenize(&analyzer, "Spinal injections");
        assert_eq!(via_trait, ["spinal", "inject"]);
    }
}
