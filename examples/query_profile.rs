//! Times the benchmark questions natively, for profiling with `perf`:
//! `cargo run --release --example query_profile -- site/content.idx`.
use qa_widget::search::{AskOptions, Engine};

fn main() {
    let path = std::env::args().nth(1).unwrap_or_else(|| "site/content.idx".into());
    let engine = Engine::from_bytes(&std::fs::read(path).expect("read the index")).expect("a valid index");
    let text = std::fs::read_to_string("tests/fixtures/questions.txt").expect("read the questions");
    let questions: Vec<&str> = text.lines().filter(|q| !q.trim().is_empty()).collect();
    let rounds = 500;
    let start = std::time::Instant::now();
    for _ in 0..rounds {
        for q in &questions {
            std::hint::black_box(engine.ask(q, &AskOptions::default()));
        }
    }
    println!("{:.1} µs per question", start.elapsed().as_secs_f64() * 1e6 / (rounds * questions.len()) as f64);
}
