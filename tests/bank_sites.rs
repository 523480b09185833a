//! The question bank's sites (tests/bank/), built as `qa-widget build` builds them: cleaning
//! keeps every sentence a tune question expects and drops the chrome each site's builder
//! listed. Only the tune sites and the chrome site are checked here; the test-only sites are
//! held out of every decision, this one included.

use std::path::{Path, PathBuf};

use qa_widget::build::ingest::IngestOptions;
use qa_widget::build::{build, IndexOptions};
use qa_widget::search::Engine;
use serde_json::Value;

fn bank() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/bank")
}

/// Every passage of the corpus, one string each, compared as the scoring compares: lower
/// case, straight quotes, single spaces.
fn passages(corpus: &[PathBuf]) -> Vec<String> {
    let built = build(corpus, &IngestOptions::default(), &IndexOptions::default(), &|_, _| {}).expect("the site builds");
    let engine = Engine::from_bytes(&built.bytes).expect("decodes");
    let index = engine.index();
    (0..index.passage_count() as u32).filter_map(|p| index.passage(p)).map(|p| normalize(&p.text)).collect()
}

fn normalize(text: &str) -> String {
    let text = text.to_lowercase().replace(['\u{2018}', '\u{2019}'], "'").replace(['\u{201c}', '\u{201d}'], "\"");
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn json(path: &Path) -> Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))).expect("JSON")
}

#[test]
fn cleaning_keeps_every_sentence_a_tune_question_expects() {
    let bank_file = json(&bank().join("bank.json"));
    let mut checked = 0;
    for set in bank_file["sets"].as_array().expect("sets") {
        let Some(tune) = set["tune"].as_str() else { continue };
        let corpus: Vec<PathBuf> = set["corpus"].as_array().expect("corpus").iter().map(|c| bank().join(c.as_str().expect("path"))).collect();
        let texts = passages(&corpus);
        let questions = std::fs::read_to_string(bank().join(tune)).expect("questions");
        for line in questions.lines().filter(|l| !l.trim().is_empty()) {
            let question: Value = serde_json::from_str(line).expect("a question");
            for phrase in question["expect"].as_array().expect("expect") {
                let phrase = normalize(phrase.as_str().expect("a phrase"));
                assert!(texts.iter().any(|t| t.contains(&phrase)), "{}: {:?} lost by cleaning", set["name"], phrase);
                checked += 1;
            }
        }
    }
    assert!(checked > 300, "only {checked} phrases checked");
}

#[test]
fn the_sites_chrome_is_never_in_a_passage() {
    // The others' lists name sentences of their home pages too, which are the clinics' own text.
    for site in ["chrome-clinic", "sleep-clinic", "eye-clinic"] {
        let about = json(&bank().join(format!("about/{site}-site.json")));
        let texts = passages(&[bank().join("sites").join(site)]);
        let chrome = about["chrome"].as_array().expect("chrome");
        assert!(chrome.len() >= 20, "{site}");
        for string in chrome {
            let string = normalize(string.as_str().expect("a string"));
            assert!(!texts.iter().any(|t| t.contains(&string)), "{site}: {string:?} kept");
        }
    }
}
