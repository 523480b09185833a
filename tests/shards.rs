//! A sharded index answers exactly as the same content in one file: the demo corpus, split into
//! small shards so that every question needs several, asked the snapshot's questions (dev,
//! heldout, validation) with `ask` and `explain`, each question from a fresh root as a
//! first-time visitor would.

use std::collections::HashMap;
use std::path::PathBuf;

use qa_widget::build::ingest::IngestOptions;
use qa_widget::build::{build, IndexFiles, IndexOptions, ShardOptions, Sharding};
use qa_widget::search::{AskOptions, Engine};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn built(sharding: Sharding) -> IndexFiles {
    let shards = ShardOptions { sharding, postings_shard_bytes: 2048, texts_shard_bytes: 4096, stem: "demo".into() };
    let options = IndexOptions { shards, ..IndexOptions::default() };
    build(&[root().join("corpus/demo")], &IngestOptions::default(), &options, &|_, _| {}).expect("the demo corpus builds").files
}

fn questions() -> Vec<String> {
    let mut questions = Vec::new();
    for set in ["dev", "heldout", "validation"] {
        let text = std::fs::read_to_string(root().join(format!("tests/fixtures/snapshot/{set}.jsonl"))).expect("the snapshot");
        for line in text.lines() {
            let value: serde_json::Value = serde_json::from_str(line).expect("JSON");
            questions.push(value["question"].as_str().expect("a question").to_owned());
        }
    }
    questions
}

#[test]
fn sharded_and_single_file_indexes_answer_alike() {
    let IndexFiles::Whole(whole) = built(Sharding::Never) else { panic!("one file") };
    let IndexFiles::Sharded(sharded) = built(Sharding::Always) else { panic!("shards") };
    assert!(sharded.shards.len() >= 10, "{} shards: too few to test much", sharded.shards.len());
    let files: HashMap<&str, &[u8]> = sharded.shards.iter().map(|(name, bytes)| (name.as_str(), bytes.as_slice())).collect();
    let fetch = |name: &str| files.get(name).map(|b| b.to_vec()).ok_or("no such shard");
    let single = Engine::from_bytes(&whole).expect("the whole index");
    let options = AskOptions { top: 5 };
    let mut fetched = Vec::new();
    for question in questions() {
        let mut engine = Engine::from_bytes(&sharded.root).expect("the root");
        let mut count = 0;
        let answer = engine
            .resolve(|e| e.try_ask(&question, &options), |name| {
                count += 1;
                fetch(name)
            })
            .expect("answers");
        assert_eq!(answer, single.ask(&question, &options), "{question}");
        let explained = engine.resolve(|e| e.try_explain(&question, 5), fetch).expect("explains");
        assert_eq!(format!("{explained:?}"), format!("{:?}", single.explain(&question, 5)), "{question}");
        fetched.push(count);
    }
    fetched.sort_unstable();
    println!("shards fetched per question: median {}, max {} of {}", fetched[fetched.len() / 2], fetched[fetched.len() - 1], sharded.shards.len());
    assert!(fetched[fetched.len() / 2] < sharded.shards.len() / 2, "a question fetches what it needs, not everything");
}

/// `top: 0` asks only whether the pages answer: the decision reads the postings, never a
/// passage's text, so on a sharded index it needs no texts shard (the widget says "not
/// covered", or fetches the one answer it shows, before any other text loads).
#[test]
fn the_decision_alone_needs_no_texts() {
    let IndexFiles::Whole(whole) = built(Sharding::Never) else { panic!("one file") };
    let IndexFiles::Sharded(sharded) = built(Sharding::Always) else { panic!("shards") };
    let files: HashMap<&str, &[u8]> = sharded.shards.iter().map(|(name, bytes)| (name.as_str(), bytes.as_slice())).collect();
    let single = Engine::from_bytes(&whole).expect("the whole index");
    let mut answered = 0;
    // Asks on `engine`, fetching what it lacks; returns the answer and the shards fetched.
    let ask = |engine: &mut Engine, question: &str, top: usize| {
        let mut fetched = Vec::new();
        let answer = engine
            .resolve(|e| e.try_ask(question, &AskOptions { top }), |name| {
                fetched.push(name.to_owned());
                files.get(name).map(|b| b.to_vec()).ok_or("no such shard")
            })
            .expect("answers");
        (answer, fetched)
    };
    for question in questions() {
        let mut engine = Engine::from_bytes(&sharded.root).expect("the root");
        let (decision, decision_shards) = ask(&mut engine, &question, 0);
        let whole_answer = single.ask(&question, &AskOptions { top: 5 });
        assert_eq!(decision.answered, whole_answer.answered, "{question}");
        assert!(decision.results.is_empty(), "{question}: {} results for top 0", decision.results.len());
        answered += usize::from(decision.answered);
        // What the full answer still lacks are the texts: none of them came with the decision.
        let (full, text_shards) = ask(&mut engine, &question, 5);
        assert_eq!(full, whole_answer, "{question}");
        assert!(!text_shards.is_empty(), "{question}: the texts of its results came with the decision ({decision_shards:?})");
    }
    assert!(answered > 0, "some questions are answered, so both outcomes are decided");
}
