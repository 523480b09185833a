//! Writes `knowledge/analysis.bin`: the knowledge vocabulary's entries as the built-in
//! analyzer's index terms (see `src/build/knowledge/stored.rs`). Run it after the tables or
//! the analyzer's word lists change: `cargo run --release --example knowledge_analysis`.
//! A unit test (`the_stored_analysis_is_the_builtin_analyzers`) fails until it is run.
use qa_widget::analysis::{Analyzer, Language};
use qa_widget::build::knowledge::{stored, EntryTerms, Tables};

fn main() {
    let analyzer = Analyzer::builtin(Language::English);
    let tables = Tables::builtin().expect("the built-in tables decode");
    let analysis = EntryTerms::analyse(tables.entries.iter().map(|e| e.text.as_str()), &analyzer);
    let bytes = analysis.encode(stored::fingerprint(&analyzer));
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/knowledge/analysis.bin");
    std::fs::write(path, &bytes).expect("write knowledge/analysis.bin");
    println!("{path}: {} entries, {} terms, {} bytes", analysis.entry_terms.len(), analysis.terms.len(), bytes.len());
}
