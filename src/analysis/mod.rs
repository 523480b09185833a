//! The one tokenizer: the same code turns passages into index terms at build time and
//! questions into query terms in the browser, so both sides always agree.
//!
//! It carries only what English needs (a stop-word list and the Snowball English
//! stemmer), because bm25's default tokenizer brings every language and costs about
//! 400 KB gzip in the wasm. Other languages become other `Language` variants.

mod stopwords;

use rust_stemmers::{Algorithm, Stemmer};

pub use stopwords::is_stop_word;

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
}

impl Analyzer {
    pub fn new(language: Language) -> Analyzer {
        let algorithm = match language {
            Language::English => Algorithm::English,
        };
        Analyzer { language, stemmer: Stemmer::create(algorithm) }
    }

    pub fn language(&self) -> Language {
        self.language
    }

    /// Every word of `text`, stop words included, with byte spans into `text`.
    pub fn tokens(&self, text: &str) -> Vec<Token> {
        let mut tokens = Vec::new();
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
                self.push_token(&mut tokens, &mut word, begin, pos);
            }
        }
        if let Some(begin) = start {
            self.push_token(&mut tokens, &mut word, begin, text.len());
        }
        tokens
    }

    /// The index terms of `text`: stems of its content words, in order, repeats kept.
    pub fn terms(&self, text: &str) -> Vec<String> {
        self.tokens(text).into_iter().filter(|t| !t.is_stop).map(|t| t.term).collect()
    }

    /// The index term of a single word, or `None` when it is a stop word or not a word.
    pub fn term_of(&self, word: &str) -> Option<String> {
        let tokens = self.tokens(word);
        match tokens.as_slice() {
            [only] if !only.is_stop => Some(only.term.clone()),
            _ => None,
        }
    }

    fn push_token(&self, tokens: &mut Vec<Token>, word: &mut String, start: usize, end: usize) {
        let folded = without_possessive(word);
        let keep = match folded.chars().count() {
            0 => false,
            1 => folded.chars().all(|c| c.is_ascii_digit()),
            n => n <= MAX_TOKEN_CHARS,
        };
        if keep {
            let is_stop = is_stop_word(&folded);
            let term = self.stemmer.stem(&folded).into_owned();
            tokens.push(Token { term, word: folded, start, end, is_stop });
        }
        word.clear();
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

/// "patient's" and "patients'" index as "patient"; "don't" keeps its apostrophe out.
fn without_possessive(word: &str) -> String {
    let base = word.strip_suffix("'s").unwrap_or(word);
    base.chars().filter(|&c| c != '\'').collect()
}

/// Lower case without accents, so "Café", "cafe" and "CAFÉ" meet in the index. A small
/// table for Latin letters instead of full Unicode decomposition, whose tables would
/// triple the wasm.
fn fold_into(c: char, out: &mut String) {
    let folded = match c {
        'à'..='å' | 'À'..='Å' => 'a',
        'ç' | 'Ç' => 'c',
        'è'..='ë' | 'È'..='Ë' => 'e',
        'ì'..='ï' | 'Ì'..='Ï' => 'i',
        'ñ' | 'Ñ' => 'n',
        'ò'..='ö' | 'ø' | 'Ò'..='Ö' | 'Ø' => 'o',
        'ù'..='ü' | 'Ù'..='Ü' => 'u',
        'ý' | 'ÿ' | 'Ý' => 'y',
        'ß' => {
            out.push_str("ss");
            return;
        }
        'æ' | 'Æ' => {
            out.push_str("ae");
            return;
        }
        _ => {
            out.extend(c.to_lowercase());
            return;
        }
    };
    out.push(folded);
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
    fn keeps_numbers_and_drops_single_letters_and_junk() {
        let long = "x".repeat(60);
        assert_eq!(english().terms(&format!("a 2 b 80% IL-6 {long}")), ["2", "80", "il", "6"]);
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
