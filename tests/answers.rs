//! Answers from the bundled demo corpus, built the way `qa-widget build` builds it, and the
//! CLI's JSON shape.

use std::path::PathBuf;
use std::process::Command;
use std::sync::OnceLock;

use qa_widget::build::ingest::IngestOptions;
use qa_widget::build::{build, IndexOptions};
use qa_widget::search::{Answer, AskOptions, Engine};

fn corpus() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("corpus/demo")
}

fn demo_index() -> &'static [u8] {
    static BYTES: OnceLock<Vec<u8>> = OnceLock::new();
    BYTES.get_or_init(|| {
        build(&[corpus()], &IngestOptions::default(), &IndexOptions::default(), &|_, _| {}).expect("the demo corpus builds").bytes
    })
}

fn ask(question: &str) -> Answer {
    Engine::from_bytes(demo_index()).expect("decodes").ask(question, &AskOptions::default())
}

fn top_excerpt(answer: &Answer) -> &str {
    answer.results.first().map_or("", |r| r.excerpt.as_str())
}

#[test]
fn the_fda_question_is_answered_by_the_faq_sentence_with_its_source() {
    let answer = ask("Is stem cell therapy approved by the FDA?");
    assert!(answer.answered);
    let top = &answer.results[0];
    assert!(top.excerpt.contains("not universally approved by regulatory bodies like the FDA"), "{top:?}");
    assert_eq!(top.source.section.as_deref(), Some("Is stem cell therapy for back pain approved by regulatory bodies?"));
    assert!(!top.source.title.is_empty() && top.source.title.len() < 120, "a real title: {:?}", top.source.title);
    let highlighted: Vec<String> = top
        .highlights
        .iter()
        .map(|&[s, e]| String::from_utf16_lossy(&top.excerpt.encode_utf16().collect::<Vec<_>>()[s as usize..e as usize]))
        .collect();
    assert!(highlighted.iter().any(|w| w == "FDA"), "{highlighted:?}");
}

#[test]
fn insurance_is_answered_by_the_sentence_that_says_so() {
    let answer = ask("Is it covered by insurance?");
    assert!(answer.answered);
    assert!(top_excerpt(&answer).contains("can be expensive and is not always covered by insurance"), "{answer:?}");
}

#[test]
fn typos_find_the_same_answer() {
    let answer = ask("Is it coverd by insurence?");
    assert!(answer.answered, "{answer:?}");
    assert!(top_excerpt(&answer).contains("not always covered by insurance"), "{answer:?}");
}

#[test]
fn lay_words_find_clinical_ones() {
    let answer = ask("Can they take the cells from my fat?");
    assert!(answer.results[0].passage.to_lowercase().contains("adipose"), "the first result names the tissue: {answer:?}");
}

#[test]
fn questions_the_pages_do_not_cover_are_not_answered_but_still_list_passages() {
    for question in ["What are your opening hours?", "Where can I park?", "Can stem cells treat Alzheimer's disease?"] {
        let answer = ask(question);
        assert!(!answer.answered, "{question}: {:?}", top_excerpt(&answer));
        assert_eq!(answer.results.len(), 3, "{question}");
    }
}

#[test]
fn no_answer_shows_markup_ads_placeholder_or_garbled_text() {
    let forbidden = ["lorem ipsum", "learn more", "americord", "<div", "<h3", "<img", "&nbsp;", "limited partner offer"];
    for question in ["What is stem cell banking for my baby?", "What are exosomes?", "How are stem cells delivered?", "Learn more"] {
        for result in ask(question).results {
            for shown in [&result.passage, &result.excerpt, &result.source.title] {
                let lower = shown.to_lowercase();
                assert!(!forbidden.iter().any(|f| lower.contains(f)), "{question}: {shown}");
                assert!(!shown.chars().any(|c| ('\u{0E00}'..='\u{0E7F}').contains(&c)), "{question}: {shown}");
            }
        }
    }
}

#[test]
fn cli_ask_json_has_the_documented_shape() {
    let dir = std::env::temp_dir().join(format!("qa-widget-answers-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let index = dir.join("demo.idx");
    std::fs::write(&index, demo_index()).expect("write index");
    let output = Command::new(env!("CARGO_BIN_EXE_qa-widget"))
        .args(["ask", "--index"])
        .arg(&index)
        .args(["--json", "--top", "2"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .and_then(|mut child| {
            use std::io::Write;
            child.stdin.take().expect("stdin").write_all(b"Is it covered by insurance?\nWhat are your opening hours?\n")?;
            child.wait_with_output()
        })
        .expect("runs");
    assert!(output.status.success());
    let lines: Vec<serde_json::Value> = String::from_utf8_lossy(&output.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("each answer is one JSON line"))
        .collect();
    assert_eq!(lines.len(), 2);
    for (line, answered) in lines.iter().zip([true, false]) {
        let keys: Vec<&str> = line.as_object().expect("object").keys().map(String::as_str).collect();
        assert_eq!(keys, ["answered", "question", "results"]);
        assert_eq!(line["answered"], answered);
        let results = line["results"].as_array().expect("results");
        assert_eq!(results.len(), 2, "results always hold the top K");
        for (i, result) in results.iter().enumerate() {
            assert_eq!(result["rank"], i + 1);
            assert!(result["score"].is_number());
            assert!(result["passage"].is_string() && result["excerpt"].is_string());
            assert!(result["highlights"].as_array().expect("highlights").iter().all(|h| h.as_array().is_some_and(|r| r.len() == 2)));
            let source = result["source"].as_object().expect("source");
            let source_keys: Vec<&str> = source.keys().map(String::as_str).collect();
            assert_eq!(source_keys, ["doc", "section", "section_id", "title", "url"]);
            assert!(source["doc"].is_string() && source["title"].is_string());
            assert!(source["section"].is_string() || source["section"].is_null());
            assert!(source["url"].is_null());
        }
    }
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn the_answer_does_not_depend_on_how_many_results_are_asked_for() {
    let engine = Engine::from_bytes(demo_index()).expect("decodes");
    for question in ["Is stem cell therapy approved by the FDA?", "What are your opening hours?", "can stem cells grow back my discs"] {
        let answers: Vec<Answer> = [1, 3, 6, 10, 40].iter().map(|&top| engine.ask(question, &AskOptions { top })).collect();
        for answer in &answers[1..] {
            assert_eq!(answer.answered, answers[0].answered, "{question}");
            assert_eq!(answer.results[0], answers[0].results[0], "{question}");
        }
    }
}
