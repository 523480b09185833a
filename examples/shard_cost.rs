//! What a first-time visitor's question costs on a sharded index: the shards it fetches (in
//! how many rounds) and their bytes, gzip -9 as a server would send them. Natively, to compare
//! shard layouts quickly; `scripts/cold-questions.mjs` measures the same in Chromium.
//!
//! `cargo run --release --example shard_cost -- ROOT QUESTIONS.txt [top] [tuning overrides]`
use std::collections::HashMap;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

use qa_widget::search::{AskOptions, Engine};

fn gzip_size(bytes: &[u8]) -> usize {
    let mut child = Command::new("gzip").arg("-9c").stdin(Stdio::piped()).stdout(Stdio::piped()).spawn().expect("gzip");
    let mut stdin = child.stdin.take().expect("stdin");
    let input = bytes.to_vec();
    let writer = std::thread::spawn(move || stdin.write_all(&input));
    let out = child.wait_with_output().expect("gzip runs");
    writer.join().ok();
    out.stdout.len()
}

fn percentile(values: &[f64], p: f64) -> f64 {
    let mut sorted = values.to_vec();
    sorted.sort_by(|a, b| a.partial_cmp(b).unwrap());
    sorted[((sorted.len() - 1) as f64 * p).round() as usize]
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let root_path = Path::new(args.get(1).map_or("site/content.idx", String::as_str));
    let questions = std::fs::read_to_string(args.get(2).map_or("tests/fixtures/questions.txt", String::as_str)).expect("questions");
    let top: usize = args.get(3).and_then(|t| t.parse().ok()).unwrap_or(5);
    let tuning = qa_widget::search::Tuning::default().with_overrides(args.get(4).map_or("", String::as_str)).expect("tuning overrides");
    let folder = root_path.parent().unwrap_or(Path::new("."));
    let root = std::fs::read(root_path).expect("read the root");
    let root_gz = gzip_size(&root);
    let mut gz: HashMap<String, usize> = HashMap::new();
    let (mut requests, mut bytes, mut rounds, mut postings, mut texts) = (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for question in questions.lines().map(str::trim).filter(|q| !q.is_empty()) {
        let mut engine = Engine::from_bytes(&root).expect("a root").with_tuning(tuning.clone());
        let mut fetched: Vec<String> = Vec::new();
        let mut round = 0;
        engine
            .resolve(
                |engine| {
                    round += 1;
                    engine.try_ask(question, &AskOptions { top })
                },
                |file| {
                    fetched.push(file.to_owned());
                    std::fs::read(folder.join(file)).map_err(|e| e.to_string())
                },
            )
            .expect("answers");
        let shard_bytes: usize = fetched
            .iter()
            .map(|f| *gz.entry(f.clone()).or_insert_with(|| gzip_size(&std::fs::read(folder.join(f)).expect("shard"))))
            .sum();
        let index = engine.index();
        let kind_count = |kind| {
            (0..index.shard_count() as u32)
                .filter(|&s| index.is_loaded(s) && index.shard_entry(s).is_some_and(|e| e.kind == kind))
                .count() as f64
        };
        postings.push(kind_count(qa_widget::index::ShardKind::Postings));
        texts.push(kind_count(qa_widget::index::ShardKind::Texts));
        requests.push(fetched.len() as f64);
        bytes.push(shard_bytes as f64 / 1024.0);
        rounds.push((round - 1) as f64);
    }
    println!("{} questions, root {:.1} KB gzip ({:.1} KB raw)", requests.len(), root_gz as f64 / 1024.0, root.len() as f64 / 1024.0);
    for (what, values) in [("shard requests", &requests), ("  postings shards", &postings), ("  texts shards", &texts), ("shard KB gzip", &bytes), ("fetch rounds", &rounds)] {
        println!("  {what:<18} median {:>7.1}  p90 {:>7.1}  max {:>7.1}", percentile(values, 0.5), percentile(values, 0.9), percentile(values, 1.0));
    }
    let totals: Vec<f64> = bytes.iter().map(|b| b + root_gz as f64 / 1024.0).collect();
    println!("  root + shards KB gzip median {:.1}, p90 {:.1}", percentile(&totals, 0.5), percentile(&totals, 0.9));
}
