//! The bank's chrome site (tests/bank/sites/chrome-clinic: three templates, testimonials,
//! comments, author boxes, captions, call-outs, adverts, printouts' page marks), built as
//! `qa-widget build` builds it: none of the chrome its builder listed reaches a passage.
//! It has no questions, so `bank_sites_lose_no_expected_answer_and_keep_no_chrome` in
//! tests/ingest.rs does not see it.

use std::path::PathBuf;

use qa_widget::build::ingest::IngestOptions;
use qa_widget::build::{build, IndexOptions};
use qa_widget::search::Engine;

fn normalize(text: &str) -> String {
    let text = text.to_lowercase().replace(['\u{2018}', '\u{2019}'], "'").replace(['\u{201c}', '\u{201d}'], "\"");
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn the_chrome_sites_chrome_is_never_in_a_passage() {
    let bank = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/bank");
    let about: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(bank.join("about/chrome-clinic-site.json")).expect("the site's list")).expect("JSON");
    let built = build(&[bank.join("sites/chrome-clinic")], &IngestOptions::default(), &IndexOptions::default(), &|_, _| {})
        .expect("the site builds");
    let engine = Engine::from_bytes(&built.bytes).expect("decodes");
    let index = engine.index();
    let texts: Vec<String> = (0..index.passage_count() as u32).filter_map(|p| index.passage(p)).map(|p| normalize(&p.text)).collect();
    assert!(texts.len() >= 30, "{} passages", texts.len());
    let chrome = about["chrome"].as_array().expect("chrome");
    assert!(chrome.len() >= 30);
    for string in chrome {
        let string = normalize(string.as_str().expect("a string"));
        assert!(!texts.iter().any(|t| t.contains(&string)), "{string:?} kept");
    }
}
