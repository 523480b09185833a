//! The English word lists. They are compiled into the builder only: each index carries
//! the lists it was built with (`WordLists`), and the browser reads them from there, so
//! the wasm holds no word tables and every index is read exactly as it was written.

use super::WordLists;

/// Function words and question words: never indexed, but questions still read them, so
/// "how long" can be read as a question about time. Sorted; folded forms.
const STOP: &[&str] = &[
    "a", "about", "above", "after", "again", "against", "all", "also", "am", "an",
    "and", "any", "are", "arent", "as", "at", "be", "because", "been", "before",
    "being", "below", "between", "both", "but", "by", "can", "cant", "could", "couldnt",
    "did", "didnt", "do", "does", "doesnt", "doing", "dont", "down", "during", "each",
    "even", "ever", "few", "for", "from", "further", "get", "gets", "getting", "got",
    "had", "hadnt", "has", "hasnt", "have", "havent", "having", "he", "her", "here",
    "hers", "herself", "him", "himself", "his", "how", "hows", "i", "if", "im",
    "in", "into", "is", "isnt", "it", "its", "itself", "ive", "just", "lets",
    "many", "may", "me", "might", "more", "most", "much", "must", "my", "myself",
    "no", "nor", "not", "now", "of", "off", "on", "once", "only", "or",
    "other", "our", "ours", "ourselves", "out", "over", "own", "really", "same", "shall",
    "she", "should", "shouldnt", "so", "some", "such", "than", "that", "thats", "the",
    "their", "theirs", "them", "themselves", "then", "there", "these", "they", "theyre", "theyve",
    "this", "those", "through", "to", "too", "under", "until", "up", "very", "was",
    "wasnt", "we", "were", "werent", "weve", "what", "whats", "when", "whens", "where",
    "wheres", "which", "while", "who", "whom", "whos", "whose", "why", "will", "with",
    "wont", "would", "wouldnt", "yes", "you", "youd", "youll", "your", "youre", "yours",
    "yourself", "yourselves", "youve",
];

/// Everyday verbs and adjectives that a question leans on without being about them
/// (`Analyzer::builtin` stores their stems):
/// "Can it *help* me *avoid* spinal fusion?" is about spinal fusion. They stay in the
/// index and still match; a question just counts them for less of its meaning. Sorted.
const LIGHT: &[&str] = &[
    "able", "about", "above", "accept", "act", "actually", "add", "advise", "affect", "allow",
    "almost", "already", "also", "always", "answer", "anyone", "anything", "anyway", "appear", "apply",
    "around", "ask", "avoid", "bad", "base", "basic", "become", "begin", "believe", "best",
    "better", "big", "bring", "call", "case", "certain", "change", "check", "choose", "come",
    "consider", "continue", "could", "currently", "decide", "depend", "describe", "different", "do", "does",
    "done", "else", "enough", "especially", "even", "ever", "every", "example", "exist", "expect",
    "experience", "explain", "fact", "far", "feel", "find", "fine", "follow", "get", "give",
    "go", "going", "good", "great", "happen", "happens", "hard", "have", "hear", "help",
    "helps", "hold", "idea", "important", "include", "involve", "keep", "kind", "know", "last",
    "later", "least", "less", "let", "like", "likely", "little", "live", "long", "look",
    "lot", "main", "make", "many", "matter", "may", "mean", "means", "might", "more",
    "most", "much", "must", "need", "needed", "needs", "new", "next", "normal", "often",
    "ok", "okay", "old", "one", "only", "other", "others", "overall", "part", "people",
    "perhaps", "place", "plan", "point", "possible", "possibly", "probably", "put", "quite", "rather",
    "real", "really", "reason", "recommend", "regarding", "related", "require", "right", "same", "say",
    "see", "seem", "seems", "serious", "several", "should", "show", "simply", "since", "small",
    "so", "some", "someone", "something", "sometimes", "soon", "start", "still", "stop", "such",
    "suggest", "suppose", "sure", "take", "tell", "than", "that", "thing", "things", "think",
    "thought", "through", "time", "try", "trying", "type", "typical", "typically", "unless", "up",
    "use", "used", "useful", "usual", "usually", "very", "want", "way", "well", "what",
    "whether", "which", "while", "why", "will", "wish", "with", "within", "without", "work",
    "works", "worth", "would", "yes", "yet",
];

/// Irregular verb forms and their base forms, sorted by form. Forms that are mostly
/// words of their own ("left", "lay") are left out.
const IRREGULAR: &[(&str, &str)] = &[
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

/// British spellings and their American forms ("tumour" → "tumor"), folded like irregular
/// forms so that a British patient's word meets an American page's. Generated from
/// wordfreq's list by `scripts/knowledge/spelling.py` (knowledge/README.md).
const SPELLINGS: &str = include_str!("../../knowledge/spelling_en.tsv");

fn spellings() -> impl Iterator<Item = (&'static str, &'static str)> {
    SPELLINGS.lines().filter(|l| !l.starts_with('#')).filter_map(|l| l.split_once('\t'))
}

/// Whether `form` → `base` is an irregular verb form rather than a spelling variant: a
/// builder keeps every verb form and only the spellings its site's terms need.
pub fn is_irregular_verb_form(form: &str) -> bool {
    IRREGULAR.binary_search_by(|(f, _)| (*f).cmp(form)).is_ok()
}

pub fn word_lists() -> WordLists {
    let owned = |list: &[&str]| list.iter().map(|w| w.to_string()).collect();
    let mut irregular: Vec<(String, String)> =
        IRREGULAR.iter().chain(spellings().collect::<Vec<_>>().iter()).map(|(form, base)| (form.to_string(), base.to_string())).collect();
    irregular.sort();
    irregular.dedup_by(|a, b| a.0 == b.0);
    WordLists { stop: owned(STOP), light: owned(LIGHT), irregular }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn british_spellings_meet_american_ones() {
        let lists = word_lists();
        let base = |w: &str| lists.irregular.iter().find(|(f, _)| f == w).map(|(_, b)| b.clone());
        for (british, american) in [("tumour", "tumor"), ("anaemia", "anemia"), ("oesophagus", "esophagus"), ("centre", "center")] {
            assert_eq!(base(british).as_deref(), Some(american));
        }
        assert!(IRREGULAR.windows(2).all(|p| p[0].0 < p[1].0));
        assert!(is_irregular_verb_form("taken") && !is_irregular_verb_form("tumour"));
    }

    #[test]
    fn the_lists_are_sorted_as_binary_search_needs() {
        assert!(word_lists().is_sorted());
    }

    #[test]
    fn content_words_are_not_stop_words() {
        assert!(!STOP.contains(&"insurance") && !STOP.contains(&"iv"));
        assert!(STOP.contains(&"what") && STOP.contains(&"how"));
    }
}
