//! The fuzzer's smoke pass on the stable toolchain, without cargo-fuzz: every input of the
//! saved corpus (`fuzz/corpus/<target>/`, minimised with `cargo fuzz cmin`) and every crash
//! the fuzzer ever found (`fuzz/regressions/<target>/`) goes through the same target
//! functions as `make fuzz` runs (`fuzz/src/lib.rs`), with the same invariants.
#![cfg(feature = "build")]

#[path = "../fuzz/src/lib.rs"]
mod targets;

use std::path::{Path, PathBuf};
use std::time::Instant;

#[global_allocator]
static ALLOCATOR: targets::CountingAllocator = targets::CountingAllocator;

/// The inputs saved for `target`: its corpus, its regressions, and the repository's own
/// fixtures that `fuzz/seeds.sh` seeds it with (read in place, not kept twice), in a stable order.
fn inputs(target: &str) -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let fuzz = root.join("fuzz");
    let mut inputs: Vec<PathBuf> = ["corpus", "regressions"]
        .iter()
        .flat_map(|kind| std::fs::read_dir(fuzz.join(kind).join(target)).into_iter().flatten().flatten())
        .map(|entry| entry.path())
        .filter(|path| path.is_file())
        .collect();
    for (folder, suffix) in fixture_seeds(target) {
        walk(&root.join(folder), &mut |path| {
            if path.to_str().is_some_and(|p| p.ends_with(suffix)) {
                inputs.push(path.to_owned());
            }
        });
    }
    inputs.sort();
    inputs.dedup();
    inputs
}

/// Where `fuzz/seeds.sh` takes each reader's seeds from: (folder, file name ending).
fn fixture_seeds(target: &str) -> &'static [(&'static str, &'static str)] {
    match target {
        "read_text" => &[("corpus/demo", ".txt"), ("tests/fixtures/ingest", ".txt")],
        "read_markdown" => &[("tests/bank/sites", ".md"), ("tests/fixtures/ingest", ".md")],
        "read_html" => &[("tests/bank/sites", ".html"), ("tests/fixtures/ingest", ".html"), ("tests/fixtures/web", ".html")],
        "read_jsonl" => &[("tests/fixtures", ".jsonl")],
        "read_manifest" => &[("corpus/demo", "manifest.json"), ("tests/fixtures/ingest", "manifest.json")],
        _ => &[],
    }
}

fn walk(folder: &Path, visit: &mut impl FnMut(&Path)) {
    for entry in std::fs::read_dir(folder).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            walk(&path, visit);
        } else if path.is_file() {
            visit(&path);
        }
    }
}

fn replay(target: &str, run: impl Fn(&[u8])) {
    targets::assert_memory_is_counted();
    let inputs = inputs(target);
    assert!(!inputs.is_empty(), "fuzz/corpus/{target}/ is empty: run `make fuzz` and commit its corpus");
    let started = Instant::now();
    for input in &inputs {
        let bytes = std::fs::read(input).unwrap_or_else(|e| panic!("{}: {e}", input.display()));
        // A panic names the input, so that `cargo fuzz run <target> <file>` can reproduce it.
        eprintln!("replaying {}", input.display());
        run(&bytes);
    }
    println!("{target}: {} inputs in {:.2} s", inputs.len(), started.elapsed().as_secs_f64());
}

#[test]
fn decode_index() {
    replay("decode_index", targets::decode_index);
}

#[test]
fn add_shard() {
    replay("add_shard", targets::add_shard);
}

#[test]
fn ask() {
    replay("ask", targets::ask_demo);
}

#[test]
fn read_text() {
    replay("read_text", |data| targets::read_page("page.txt", data));
}

#[test]
fn read_markdown() {
    replay("read_markdown", |data| targets::read_page("page.md", data));
}

#[test]
fn read_html() {
    replay("read_html", |data| targets::read_page("page.html", data));
}

#[test]
fn read_jsonl() {
    replay("read_jsonl", |data| targets::read_page("pages.jsonl", data));
}

#[test]
fn read_manifest() {
    replay("read_manifest", targets::read_manifest);
}

/// The envelope fix-up is what lets mutations reach the sections: without it, nearly every
/// mutated index would stop at the checksum.
#[test]
fn a_mutated_index_gets_a_valid_envelope() {
    let fixture = std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/index-v1.idx")).expect("the v1 fixture");
    let mut mutated = fixture.clone();
    mutated.insert(fixture.len() / 2, b'x');
    assert!(matches!(qa_widget::Index::from_bytes(&mutated), Err(qa_widget::FormatError::Truncated { .. }) | Err(qa_widget::FormatError::Corrupt { .. })));
    let fixed = targets::with_valid_envelope(&mutated);
    let error = qa_widget::Index::from_bytes(&fixed).err().map(|e| e.to_string()).unwrap_or_default();
    assert!(!error.contains("checksum") && !error.contains("truncated"), "{error}");
    assert_eq!(targets::with_valid_envelope(&fixture), fixture);
}

/// The same for a shard: its new CRC is also the one the root records, so a shard with a
/// changed byte is taken in.
#[test]
fn a_mutated_shard_gets_past_both_checksums() {
    let demo = targets::sharded_demo();
    let (number, real) = demo.shards.iter().enumerate().last().expect("shards");
    let mut mutated = real.clone();
    let at = mutated.len() / 2 + mutated[mutated.len() / 2..].iter().position(|&b| b == b'e').expect("a letter e");
    mutated[at] = b'a';
    let mutated = targets::with_valid_envelope(&mutated);
    assert!(demo.root_naming(number, real).add_shard(number as u32, &mutated).is_err(), "the root's CRC is checked");
    demo.root_naming(number, &mutated).add_shard(number as u32, &mutated).expect("the mutated shard is taken");
}

/// The targets read pages through `ingest_in_memory`: it must read a folder exactly as `ingest`
/// reads it from disk (manifest titles, the build-wide cleaning, skipped files and reasons).
#[test]
fn pages_in_memory_are_read_as_the_same_files_on_disk() {
    use qa_widget::build::ingest::{ingest, ingest_in_memory, IngestOptions};
    let site = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/ingest/site");
    let options = IngestOptions::default();
    let on_disk = ingest(&[site.clone()], &options, &|_, _| {}).expect("the site reads");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&site).expect("the site").flatten().map(|e| e.path()).collect();
    paths.sort();
    let bytes: Vec<Vec<u8>> = paths.iter().map(|p| std::fs::read(p).expect("a page")).collect();
    let pages: Vec<(&Path, &[u8])> = paths.iter().map(PathBuf::as_path).zip(bytes.iter().map(Vec::as_slice)).collect();
    let in_memory = ingest_in_memory(&pages, &options);
    assert_eq!(format!("{in_memory:?}"), format!("{on_disk:?}"));
    assert!(format!("{on_disk:?}").contains("manifest"), "the fixture has a manifest, so titles from it are compared");
}
