//! Writes a site's pages as `qa-widget build` reads them, after its ingestion and cleaning,
//! as JSONL records `{"id", "title", "url", "sections": [{"id", "heading", "text"}]}`: the
//! same shape the builder reads. `make bench` gives these sections to the peer systems, so
//! every system indexes the same clean text (the demo corpus's raw files carry ads, markup
//! and mojibake that only qa-widget's ingestion removes).
//! Usage: cargo run --example bench-sections -- corpus/demo > sections.jsonl
use std::io::Write;
use std::path::PathBuf;

use qa_widget::build::ingest::{ingest, IngestOptions};
use serde_json::json;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let inputs: Vec<PathBuf> = std::env::args().skip(1).map(PathBuf::from).collect();
    let files = ingest(&inputs, &IngestOptions::default(), &|_, _| {})?;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for file in &files {
        let Ok(documents) = &file.outcome else { continue };
        for ingested in documents {
            let page = &ingested.document;
            // Files other than JSONL have no section ids of their own: number them in order.
            let sections: Vec<_> = page
                .sections
                .iter()
                .enumerate()
                .map(|(n, s)| json!({"id": s.id.clone().unwrap_or_else(|| format!("{}-{}", page.id, n + 1)), "heading": s.heading, "text": s.text}))
                .collect();
            serde_json::to_writer(&mut out, &json!({"id": page.id, "title": page.title, "url": page.url, "sections": sections}))?;
            out.write_all(b"\n")?;
        }
    }
    out.flush()?;
    Ok(())
}
