//! The answers to three question sets on the demo index, frozen: `ask --json --top 5` and
//! `ask --explain --top 5`, exactly as the CLI prints them. Work on the query path, the index
//! format or the indexer must leave every byte of them unchanged. When the ranking changes on
//! purpose, regenerate the snapshot and review its diff:
//!
//! ```sh
//! QA_WIDGET_UPDATE_SNAPSHOT=1 cargo test --test answers_snapshot   # SHARED=/path/to/shared if not ../shared
//! git diff tests/fixtures/snapshot/
//! ```
//!
//! The questions are taken from the snapshot itself (each JSON line names its question), so the
//! check needs nothing outside the repository; regenerating reads `../shared/eval/dev.jsonl`,
//! `tests/fixtures/heldout.jsonl` and `tests/fixtures/validation.jsonl`.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

const SETS: [&str; 3] = ["dev", "heldout", "validation"];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn snapshot_dir() -> PathBuf {
    root().join("tests/fixtures/snapshot")
}

fn cli() -> Command {
    Command::new(env!("CARGO_BIN_EXE_qa-widget"))
}

/// The demo index, built by the CLI as `make site` builds it.
fn demo_index(dir: &Path) -> PathBuf {
    let index = dir.join("content.idx");
    let status = cli()
        .args(["build", "corpus/demo", "-o"])
        .arg(&index)
        .arg("--quiet")
        .current_dir(root())
        .stdout(Stdio::null())
        .status()
        .expect("run qa-widget build");
    assert!(status.success(), "qa-widget build corpus/demo failed");
    index
}

/// `qa-widget ask --index … <extra> --top 5` with one question per line on stdin.
fn ask(index: &Path, extra: &str, questions: &[String]) -> String {
    let mut child = cli()
        .args(["ask", "--top", "5", extra, "--index"])
        .arg(index)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("run qa-widget ask");
    let mut stdin = child.stdin.take().expect("stdin");
    let input = questions.join("\n") + "\n";
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()).expect("write the questions"));
    let output = child.wait_with_output().expect("qa-widget ask runs");
    writer.join().expect("writer");
    assert!(output.status.success(), "qa-widget ask {extra} failed");
    String::from_utf8(output.stdout).expect("UTF-8 output")
}

fn questions_of_set(set: &str) -> Vec<String> {
    let path = match set {
        "dev" => PathBuf::from(std::env::var("SHARED").unwrap_or_else(|_| root().join("../shared").display().to_string()))
            .join("eval/dev.jsonl"),
        other => root().join(format!("tests/fixtures/{other}.jsonl")),
    };
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let value: serde_json::Value = serde_json::from_str(l).expect("a JSON line");
            value["q"].as_str().expect("a question").trim().to_owned()
        })
        .collect()
}

fn questions_in_snapshot(set: &str) -> Vec<String> {
    let path = snapshot_dir().join(format!("{set}.jsonl"));
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {} ({e}); see the top of tests/answers_snapshot.rs", path.display()));
    text.lines()
        .map(|l| {
            let value: serde_json::Value = serde_json::from_str(l).expect("a JSON line");
            value["question"].as_str().expect("a question").to_owned()
        })
        .collect()
}

/// The first line where two outputs part, for a readable failure.
fn first_difference(expected: &str, actual: &str) -> String {
    let (mut e, mut a) = (expected.lines(), actual.lines());
    for number in 1.. {
        match (e.next(), a.next()) {
            (None, None) => break,
            (x, y) if x == y => continue,
            (x, y) => return format!("line {number}:\n  expected {x:?}\n  actual   {y:?}"),
        }
    }
    "no line differs (line endings?)".into()
}

#[test]
fn answers_and_explanations_match_the_snapshot() {
    let dir = std::env::temp_dir().join(format!("qa-widget-snapshot-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let index = demo_index(&dir);
    let update = std::env::var_os("QA_WIDGET_UPDATE_SNAPSHOT").is_some();
    let mut failures = Vec::new();
    for set in SETS {
        let questions = if update { questions_of_set(set) } else { questions_in_snapshot(set) };
        assert!(questions.len() >= 20, "{set}: only {} questions", questions.len());
        for (suffix, extra) in [("jsonl", "--json"), ("explain.txt", "--explain")] {
            let actual = ask(&index, extra, &questions);
            let path = snapshot_dir().join(format!("{set}.{suffix}"));
            if update {
                std::fs::create_dir_all(snapshot_dir()).expect("snapshot dir");
                std::fs::write(&path, &actual).expect("write the snapshot");
                continue;
            }
            let expected = std::fs::read_to_string(&path).unwrap_or_default();
            if expected != actual {
                failures.push(format!("{}: {}", path.display(), first_difference(&expected, &actual)));
            }
        }
    }
    std::fs::remove_dir_all(&dir).ok();
    assert!(failures.is_empty(), "answers changed (regenerate only if on purpose, see this file's header):\n{}", failures.join("\n"));
}
