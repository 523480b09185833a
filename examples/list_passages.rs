//! Every passage of a one-file index, with its document and heading: to read what cleaning
//! kept from a site's pages.
//!
//! `cargo run --release --example list_passages -- INDEX`
use qa_widget::search::Engine;

fn main() {
    let path = std::env::args().nth(1).unwrap_or_else(|| "site/content.idx".to_owned());
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"));
    let engine = Engine::from_bytes(&bytes).unwrap_or_else(|e| panic!("{path}: {e}"));
    let index = engine.index();
    for p in 0..index.passage_count() as u32 {
        let Some(passage) = index.passage(p) else { continue };
        let title = index.document(passage.doc).map_or("", |d| d.title.as_str());
        println!("--- {p} [{title} › {}]\n{}", passage.heading.as_deref().unwrap_or(""), passage.text);
    }
}
