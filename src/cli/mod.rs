//! Command-line parsing and dispatch. `anyhow` lives here and only here: the library's
//! typed errors become messages at this edge.

mod ask;
mod bench;
mod build;
mod eval;
mod standalone;

use std::path::PathBuf;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(name = "qa-widget", version, about = "Answers visitors' questions from a site's own pages, in the browser.")]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build an index from files and folders of .txt, .md, .html and .jsonl.
    Build(build::BuildArgs),
    /// Answer questions from an index: one from the command line, or one per line of stdin.
    Ask(ask::AskArgs),
    /// Score an index against a question set (see ../shared/eval/README.md).
    Eval(eval::EvalArgs),
    /// Measure retrieval on the public benchmarks in ../shared/data (SciFact, LiveQA-Med).
    BenchQuality(bench::BenchArgs),
}

pub fn run(cli: Cli) -> anyhow::Result<()> {
    match cli.command {
        Command::Build(args) => build::run(args),
        Command::Ask(args) => ask::run(args),
        Command::Eval(args) => eval::run(args),
        Command::BenchQuality(args) => bench::run(args),
    }
}

fn read_engine(path: &PathBuf) -> anyhow::Result<qa_widget::Engine> {
    use anyhow::Context;
    let bytes = std::fs::read(path).with_context(|| format!("cannot read the index {}", path.display()))?;
    qa_widget::Engine::from_bytes(&bytes).with_context(|| format!("cannot use the index {}", path.display()))
}

/// The ranking knobs with `--tuning name=value,…` applied: for measuring alternatives.
fn tuning(overrides: Option<&str>) -> anyhow::Result<qa_widget::search::Tuning> {
    qa_widget::search::Tuning::default().with_overrides(overrides.unwrap_or("")).map_err(|e| anyhow::anyhow!("--tuning: {e}"))
}
