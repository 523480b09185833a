//! Times questions against an index natively: `cargo run --release --example query_profile -- INDEX`.
use qa_widget::search::{AskOptions, Engine};
fn main() {
    let path = std::env::args().nth(1).expect("index path");
    let engine = Engine::from_bytes(&std::fs::read(path).expect("read")).expect("index");
    let questions = ["Is stem cell therapy approved by the FDA?", "How long does it take to see results?", "What are the risks of stem cell injections?", "Is it covered by insurance?", "What are your opening hours?"];
    let start = std::time::Instant::now();
    let rounds = 2000;
    for _ in 0..rounds { for q in questions { std::hint::black_box(engine.ask(q, &AskOptions::default())); } }
    println!("{:.1} µs per question", start.elapsed().as_secs_f64() * 1e6 / (rounds * questions.len()) as f64);
}
