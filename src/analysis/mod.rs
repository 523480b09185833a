//! The one tokenizer: the same code turns passages into index terms at build time and
//! questions into query terms in the browser, so both sides always agree.
//!
//! It carries only what English needs: the Snowball English stemmer, and word lists
//! (stop, light, irregular) that the builder takes from `english` and writes into each
//! index, so the wasm holds no word tables. bm25's default tokenizer brings every
//! language and costs about 400 KB gzip in the wasm. Other languages become other
//! `Language` variants, each a stemmer and a set of lists.

#[cfg(feature = "build")]
pub(crate) mod english;

use rust_stemmers::{Algorithm, Stemmer};

/// The word lists of a language: what the stemmer alone does not know. Each is sorted.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct WordLists {
    /// Never indexed; questions still read them ("what", "how").
    pub stop: Vec<String>,
    /// Stems of everyday verbs and adjectives that count for less of a question's meaning.
    pub light: Vec<String>,
    /// (irregular form, base form), by form: "found" → "find".
    pub irregular: Vec<(String, String)>,
}

impl WordLists {
    pub fn is_sorted(&self) -> bool {
        let sorted = |list: &[String]| list.windows(2).all(|pair| pair[0] < pair[1]);
        sorted(&self.stop) && sorted(&self.light) && self.irregular.windows(2).all(|pair| pair[0].0 < pair[1].0)
    }
}

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
    /// The stemmed, folded form stored in the index; empty for a stop word, which is never
    /// looked up (stemming them was a tenth of reading a question).
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
    lists: WordLists,
}

impl Analyzer {
    /// An analyzer with the given word lists: at query time, those the index carries.
    pub fn new(language: Language, lists: WordLists) -> Analyzer {
        let algorithm = match language {
            Language::English => Algorithm::English,
        };
        Analyzer { language, stemmer: Stemmer::create(algorithm), lists }
    }

    /// The builder's analyzer, with the language's built-in word lists. Light words are
    /// kept as stems, so that every form of one is light ("called" as "call").
    #[cfg(feature = "build")]
    pub fn builtin(language: Language) -> Analyzer {
        let words = match language {
            Language::English => english::word_lists(),
        };
        let mut analyzer = Analyzer::new(language, WordLists { light: Vec::new(), ..words.clone() });
        let mut light: Vec<String> = words.light.iter().map(|w| analyzer.stem(w)).collect();
        light.sort_unstable();
        light.dedup();
        analyzer.lists.light = light;
        analyzer
    }

    /// The word lists, which the builder writes into the index.
    pub fn word_lists(&self) -> &WordLists {
        &self.lists
    }

    /// Whether a folded word is a stop word.
    pub fn is_stop(&self, folded_word: &str) -> bool {
        self.lists.stop.binary_search_by(|w| w.as_str().cmp(folded_word)).is_ok()
    }

    /// The base form of an irregular verb form ("taken" → "take"), or the word itself.
    pub fn base_form<'a>(&'a self, folded_word: &'a str) -> &'a str {
        self.lists
            .irregular
            .binary_search_by(|(form, _)| form.as_str().cmp(folded_word))
            .map_or(folded_word, |i| self.lists.irregular[i].1.as_str())
    }

    /// Every (irregular form, base form).
    pub fn irregular_forms(&self) -> impl Iterator<Item = (&str, &str)> {
        self.lists.irregular.iter().map(|(form, base)| (form.as_str(), base.as_str()))
    }

    /// Whether an index term is a form of an everyday verb or adjective ("called" → "call").
    pub fn is_light_term(&self, term: &str) -> bool {
        self.lists.light.binary_search_by(|t| t.as_str().cmp(term)).is_ok()
    }

    pub fn language(&self) -> Language {
        self.language
    }

    /// Every word of `text`, stop words included, with byte spans into `text`.
    pub fn tokens(&self, text: &str) -> Vec<Token> {
        let mut tokens = Vec::new();
        self.scan_words(text, |start, end, word| {
            let is_stop = self.is_stop(word);
            let term = if is_stop { String::new() } else { self.stem(word) };
            tokens.push(Token { term, word: word.to_owned(), start, end, is_stop });
        });
        tokens
    }

    /// The index terms of `text`: stems of its content words, in order, repeats kept.
    pub fn terms(&self, text: &str) -> Vec<String> {
        let mut terms = Vec::new();
        self.scan_words(text, |_, _, word| {
            if !self.is_stop(word) {
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
        self.stem_borrowed(folded_word).into_owned()
    }

    /// The stem without copying when the stemmer leaves the word as it is.
    pub fn stem_borrowed<'a>(&'a self, folded_word: &'a str) -> std::borrow::Cow<'a, str> {
        self.stemmer.stem(self.base_form(folded_word))
    }

    /// Calls `visit(start, end, folded_word)` for each word of `text`, without allocating
    /// per word: the hot loop when a passage is read for proximity and excerpts.
    pub fn scan_words(&self, text: &str, mut visit: impl FnMut(usize, usize, &str)) {
        let mut word = String::new();
        let mut start = None;
        let mut pos = 0;
        while pos < text.len() {
            // Most words of prose are plain lower-case ASCII: hand them on as they stand.
            if start.is_none() {
                let plain = plain_word_len(&text.as_bytes()[pos..]);
                if plain > 0 {
                    let end = pos + plain;
                    if keeps(&text[pos..end]) {
                        visit(pos, end, &text[pos..end]);
                    }
                    pos = end;
                    continue;
                }
            }
            let (c, len) = char_at(text, pos);
            if c.is_alphanumeric() {
                start.get_or_insert(pos);
                fold_into(c, &mut word);
            } else if is_apostrophe(c) && start.is_some() && pos + len < text.len() && char_at(text, pos + len).0.is_alphanumeric() {
                word.push('\'');
            } else if let Some(begin) = start.take() {
                emit(&mut word, begin, pos, &mut visit);
            }
            pos += len;
        }
        if let Some(begin) = start {
            emit(&mut word, begin, text.len(), &mut visit);
        }
    }
}

/// The length of a run of lower-case ASCII letters and digits that makes a whole word:
/// followed by neither another letter nor an apostrophe. 0 when the word needs folding.
fn plain_word_len(bytes: &[u8]) -> usize {
    let len = bytes.iter().take_while(|b| b.is_ascii_lowercase() || b.is_ascii_digit()).count();
    match bytes.get(len) {
        Some(b) if b.is_ascii_alphabetic() || *b >= 0x80 || *b == b'\'' => 0,
        _ => len,
    }
}

/// The character at byte `pos` and its length. Mostly ASCII, so that comes first: in the
/// size-optimised wasm, decoding through the char iterator costs a third of a question.
fn char_at(text: &str, pos: usize) -> (char, usize) {
    match text.as_bytes()[pos] {
        byte if byte.is_ascii() => (byte as char, 1),
        _ => text[pos..].chars().next().map_or(('\u{FFFD}', 1), |c| (c, c.len_utf8())),
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
    if keeps(word) {
        visit(start, end, word);
    }
    word.clear();
}

/// Single letters are not words worth indexing; single digits are; 40+ characters are
/// URLs or junk.
fn keeps(word: &str) -> bool {
    let chars = if word.is_ascii() { word.len() } else { word.chars().count() };
    match chars {
        0 => false,
        1 => word.as_bytes()[0].is_ascii_digit(),
        n => n <= MAX_TOKEN_CHARS,
    }
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
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
        return;
    }
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
        Analyzer::builtin(Language::English)
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
    }

    #[test]
    fn every_form_of_a_light_word_is_light() {
        let analyzer = english();
        assert!(analyzer.is_light_term(&analyzer.stem("called")) && analyzer.is_light_term("help"));
        assert!(!analyzer.is_light_term("insur"));
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
