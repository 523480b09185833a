//! Times questions natively, for profiling with `perf`:
//! `cargo run --release --example query_profile -- [INDEX] [QUESTIONS.txt] [ROUNDS]`
//! (defaults: site/content.idx, tests/fixtures/questions.txt, 500). A sharded index's shards
//! are read from beside its root first, so only answering is timed.
use std::path::Path;

use qa_widget::search::{AskOptions, Engine};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let path = Path::new(args.get(1).map_or("site/content.idx", String::as_str));
    let questions = std::fs::read_to_string(args.get(2).map_or("tests/fixtures/questions.txt", String::as_str)).expect("read the questions");
    let rounds: usize = args.get(3).and_then(|r| r.parse().ok()).unwrap_or(500);
    let mut engine = Engine::from_bytes(&std::fs::read(path).expect("read the index")).expect("a valid index");
    let folder = path.parent().unwrap_or(Path::new("."));
    for shard in 0..engine.index().shard_count() as u32 {
        let file = engine.index().shard_file(shard).expect("a shard");
        engine.add_shard(shard, &std::fs::read(folder.join(file)).expect("read a shard")).expect("a valid shard");
    }
    let questions: Vec<&str> = questions.lines().map(str::trim).filter(|q| !q.is_empty()).collect();
    let start = std::time::Instant::now();
    for _ in 0..rounds {
        for q in &questions {
            std::hint::black_box(engine.ask(q, &AskOptions::default()));
        }
    }
    println!("{:.1} µs per question", start.elapsed().as_secs_f64() * 1e6 / (rounds * questions.len()) as f64);
}
