//! `qa-widget bench-quality`: builds indexes from the public benchmarks in
//! ../shared/data (read in place, never copied) and prints our figures beside the
//! published BM25 ones. The inputs go through the same `qa-widget build` path as a
//! site's pages, JSONL reader included.

mod metrics;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{bail, Context};
use clap::{Args, ValueEnum};
use qa_widget::build::ingest::{ingest, IngestOptions};
use qa_widget::build::{build_index, write_index, IndexFiles, IndexOptions, ShardOptions, Sharding};
use qa_widget::index::{encode, FieldWeights};
use qa_widget::search::Engine;
use serde::Deserialize;

use metrics::{judged_at, ndcg_at, precision_at_1, recall_at, reciprocal_rank_at, Judgments};

#[derive(Args)]
pub struct BenchArgs {
    /// The folder holding scifact/, medquad/ and liveqa-med/.
    #[arg(long, default_value = "../shared/data")]
    data: PathBuf,
    /// Run one benchmark only.
    #[arg(long)]
    only: Option<Benchmark>,
    /// Override k1 (default: the index default).
    #[arg(long)]
    k1: Option<f32>,
    /// Override b.
    #[arg(long)]
    b: Option<f32>,
    /// Override the heading weight.
    #[arg(long)]
    heading_weight: Option<f32>,
    /// Override the title weight.
    #[arg(long)]
    title_weight: Option<f32>,
    /// Override the passage length bound.
    #[arg(long)]
    max_passage_chars: Option<usize>,
    /// Override ranking knobs, e.g. `proximity_weight=1` (see search::Tuning).
    #[arg(long)]
    tuning: Option<String>,
    /// Build each index sharded (in memory) and answer every question from its root, loading
    /// only the shards it asks for, as a browser does: the figures must equal the one-file ones.
    #[arg(long)]
    sharded: bool,
}

#[derive(Clone, Copy, PartialEq, ValueEnum)]
enum Benchmark {
    Scifact,
    Liveqa,
}

pub fn run(args: BenchArgs) -> anyhow::Result<()> {
    if !args.data.is_dir() {
        bail!(
            "the benchmark data is not there: {} does not exist. bench-quality reads SciFact and LiveQA-Med from \
             ../shared/data in place (see ../shared/data/README.md); nothing was measured",
            args.data.display()
        );
    }
    let started = Instant::now();
    if args.only != Some(Benchmark::Liveqa) {
        scifact(&args)?;
    }
    if args.only != Some(Benchmark::Scifact) {
        liveqa(&args)?;
    }
    println!("\nbench-quality took {:.1} s", started.elapsed().as_secs_f64());
    Ok(())
}

fn options(args: &BenchArgs, defaults: IndexOptions) -> IndexOptions {
    IndexOptions {
        k1: args.k1.unwrap_or(defaults.k1),
        b: args.b.unwrap_or(defaults.b),
        fields: FieldWeights {
            body: defaults.fields.body,
            heading: args.heading_weight.unwrap_or(defaults.fields.heading),
            title: args.title_weight.unwrap_or(defaults.fields.title),
        },
        max_passage_chars: args.max_passage_chars.unwrap_or(defaults.max_passage_chars),
        ..defaults
    }
}

/// An engine over an index built in memory; a sharded one keeps its shards here and loads
/// them as questions need them.
struct Bench {
    engine: Engine,
    shards: HashMap<String, Vec<u8>>,
}

impl Bench {
    /// Loads what ranking `question` `depth` deep and naming its passages' units needs.
    fn prepare(&mut self, question: &str, depth: usize) -> anyhow::Result<()> {
        let shards = &self.shards;
        self.engine.resolve(
            |engine| {
                let ranked = engine.try_search(question, depth)?;
                let mut missing = qa_widget::search::Missing::default();
                engine.index().missing_for_passages(ranked.iter().map(|&(p, _)| p), &mut missing);
                if missing.shards.is_empty() { Ok(()) } else { Err(missing) }
            },
            |name| shards.get(name).cloned().ok_or("not built"),
        )?;
        Ok(())
    }
}

/// Reads JSONL records through the build's own reader and indexes them.
fn build_engine(path: &Path, options: &IndexOptions, tuning: Option<&str>, sharded: bool) -> anyhow::Result<(Bench, f64)> {
    let started = Instant::now();
    let files = ingest(&[path.to_owned()], &IngestOptions::default(), &|_, _| {})?;
    let documents: Vec<_> =
        files.into_iter().filter_map(|f| f.outcome.ok()).flatten().map(|d| d.document).collect();
    if documents.is_empty() {
        bail!("no records could be read from {}", path.display());
    }
    let mut built = build_index(&documents, options);
    // Suggested questions are only candidates until `qa-widget build` checks them; a benchmark
    // never offers any.
    built.data.suggestions.clear();
    let (bytes, shards) = if sharded {
        let analyzer = qa_widget::analysis::Analyzer::builtin(options.language);
        let shard_options = ShardOptions { sharding: Sharding::Always, ..options.shards.clone() };
        match write_index(&built.data, &analyzer, &shard_options, "bench") {
            IndexFiles::Sharded(files) => (files.root, files.shards.into_iter().collect()),
            IndexFiles::Whole(bytes) => (bytes, HashMap::new()),
        }
    } else {
        (encode(&built.data), HashMap::new())
    };
    let engine = Engine::from_bytes(&bytes)?.with_tuning(super::tuning(tuning)?);
    Ok((Bench { engine, shards }, started.elapsed().as_secs_f64()))
}

#[derive(Deserialize)]
struct Query {
    #[serde(alias = "_id")]
    id: String,
    text: String,
}

fn read_queries(path: &Path) -> anyhow::Result<Vec<Query>> {
    let text = std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    text.lines().filter(|l| !l.trim().is_empty()).map(|l| Ok(serde_json::from_str(l)?)).collect()
}

/// `query-id <tab> doc-id <tab> grade`, with a header line.
fn read_qrels(path: &Path, gain: impl Fn(f64) -> f64) -> anyhow::Result<HashMap<String, Judgments>> {
    let text = std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    let mut qrels: HashMap<String, Judgments> = HashMap::new();
    for line in text.lines().skip(1).filter(|l| !l.trim().is_empty()) {
        let fields: Vec<&str> = line.split('\t').collect();
        let [query, doc, grade] = fields[..] else { bail!("bad qrels line in {}: {line:?}", path.display()) };
        qrels.entry(query.to_owned()).or_default().insert(doc.to_owned(), gain(grade.trim().parse()?));
    }
    Ok(qrels)
}

/// Ranks retrieval units (documents, or sections) by their best passage.
fn rank_units(engine: &Engine, question: &str, depth: usize, unit_of: impl Fn(u32) -> String) -> Vec<String> {
    let mut units: Vec<String> = Vec::new();
    for (passage, _) in engine.search(question, depth * 3) {
        let unit = unit_of(passage);
        if !units.contains(&unit) {
            units.push(unit);
            if units.len() == depth {
                break;
            }
        }
    }
    units
}

fn mean(values: &[f64]) -> f64 {
    if values.is_empty() { 0.0 } else { values.iter().sum::<f64>() / values.len() as f64 }
}

fn scifact(args: &BenchArgs) -> anyhow::Result<()> {
    let dir = args.data.join("scifact");
    // An abstract is the retrieval unit: keep each whole, as the published runs do.
    let options = options(args, IndexOptions { max_passage_chars: 100_000, ..IndexOptions::default() });
    let (mut bench, build_s) = build_engine(&dir.join("corpus.jsonl"), &options, args.tuning.as_deref(), args.sharded)?;
    let queries = read_queries(&dir.join("queries.jsonl"))?;
    let qrels = read_qrels(&dir.join("qrels/test.tsv"), |g| g)?;
    let started = Instant::now();
    let (mut ndcg, mut r100) = (Vec::new(), Vec::new());
    for query in queries.iter().filter(|q| qrels.contains_key(&q.id)) {
        let judged = &qrels[&query.id];
        bench.prepare(&query.text, 1000 * 3)?;
        let (engine, index) = (&bench.engine, bench.engine.index());
        let ranking = rank_units(engine, &query.text, 1000, |p| {
            index.passage(p).and_then(|p| index.document_of(p)).map_or(String::new(), |d| d.id.clone())
        });
        let ranking: Vec<String> = ranking.into_iter().filter(|id| id != &query.id).collect();
        ndcg.push(ndcg_at(&ranking, judged, 10));
        r100.push(recall_at(&ranking, judged, 100, 1.0));
    }
    let query_ms = started.elapsed().as_secs_f64() * 1000.0 / ndcg.len().max(1) as f64;
    let index = bench.engine.index();
    println!("SciFact (BEIR test): {} abstracts, {} queries  [k1 {} b {} title weight {}]", index.document_count(), ndcg.len(), options.k1, options.b, options.fields.title);
    println!("  {:<38} {:>8} {:>8}", "system", "nDCG@10", "R@100");
    println!("  {:<38} {:>8.4} {:>8.4}", "qa-widget", mean(&ndcg), mean(&r100));
    println!("  {:<38} {:>8.4} {:>8.4}", "Anserini BM25 flat (reference)", 0.6789, 0.9253);
    println!("  {:<38} {:>8.4} {:>8.4}", "bm25s baseline (reference)", 0.6762, 0.9127);
    println!("  {:<38} {:>8.4} {:>8}", "BM25 multifield, BEIR paper (reference)", 0.665, "–");
    println!("  index build {build_s:.2} s, {query_ms:.2} ms per query (top 1000)");
    Ok(())
}

fn liveqa(args: &BenchArgs) -> anyhow::Result<()> {
    let options = options(args, IndexOptions::default());
    let (mut bench, build_s) = build_engine(&args.data.join("medquad/pages.jsonl"), &options, args.tuning.as_deref(), args.sharded)?;
    let queries = read_queries(&args.data.join("liveqa-med/queries.jsonl"))?;
    // Graded gain is grade − 1 (../shared/data/liveqa-med/RELEVANCE.md).
    let qrels = read_qrels(&args.data.join("liveqa-med/qrels.tsv"), |g| g - 1.0)?;
    let started = Instant::now();
    let (mut ndcg, mut p1, mut mrr, mut r100, mut judged10) = (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for query in queries.iter().filter(|q| qrels.contains_key(&q.id)) {
        let judged = &qrels[&query.id];
        bench.prepare(&query.text, 100 * 3)?;
        let (engine, index) = (&bench.engine, bench.engine.index());
        let ranking = rank_units(engine, &query.text, 100, |p| {
            index.passage(p).and_then(|p| p.section_id.clone()).unwrap_or_default()
        });
        ndcg.push(ndcg_at(&ranking, judged, 10));
        p1.push(precision_at_1(&ranking, judged, 2.0));
        mrr.push(reciprocal_rank_at(&ranking, judged, 10, 2.0));
        r100.push(recall_at(&ranking, judged, 100, 1.0));
        judged10.push(judged_at(&ranking, judged, 10));
    }
    let query_ms = started.elapsed().as_secs_f64() * 1000.0 / ndcg.len().max(1) as f64;
    let index = bench.engine.index();
    let shards = if args.sharded { format!(", sharded: {} shards, {} loaded", index.shard_count(), (0..index.shard_count() as u32).filter(|&s| index.is_loaded(s)).count()) } else { String::new() };
    println!("\nLiveQA-Med 2017 over MedQuAD sections{shards}: {} passages, {} judged queries  [k1 {} b {} heading weight {}]", index.passage_count(), ndcg.len(), options.k1, options.b, options.fields.heading);
    println!("  {:<30} {:>8} {:>8} {:>8} {:>8} {:>9}", "system", "nDCG@10", "P@1", "MRR@10", "R@100", "judged@10");
    println!(
        "  {:<30} {:>8.4} {:>8.4} {:>8.4} {:>8.4} {:>9.3}",
        "qa-widget", mean(&ndcg), mean(&p1), mean(&mrr), mean(&r100), mean(&judged10)
    );
    println!("  {:<30} {:>8.4} {:>8.4} {:>8.4} {:>8.4} {:>9.3}", "bm25s baseline (reference)", 0.2717, 0.2427, 0.3366, 0.4876, 0.265);
    println!("  index build {build_s:.2} s, {query_ms:.2} ms per query (top 100)");
    Ok(())
}
