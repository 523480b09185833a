//! Command-line parsing and dispatch. `anyhow` lives here and only here: the library's
//! typed errors become messages at this edge.

mod ask;
mod bench;
mod build;
mod eval;
mod standalone;

use std::path::{Path, PathBuf};

use anyhow::Context;

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

/// An index read from disk: a sharded root's shards are read from its folder when a
/// question needs them.
pub struct IndexOnDisk {
    engine: qa_widget::Engine,
    folder: PathBuf,
}

impl IndexOnDisk {
    pub fn open(path: &Path) -> anyhow::Result<IndexOnDisk> {
        let bytes = std::fs::read(path).with_context(|| format!("cannot read the index {}", path.display()))?;
        let engine = qa_widget::Engine::from_bytes(&bytes).with_context(|| format!("cannot use the index {}", path.display()))?;
        let folder = path.parent().map_or_else(|| PathBuf::from("."), Path::to_path_buf);
        Ok(IndexOnDisk { engine, folder })
    }

    /// Runs `attempt` (`try_ask`, …), reading the shards it needs first.
    pub fn resolve<T>(&mut self, attempt: impl FnMut(&qa_widget::Engine) -> Result<T, qa_widget::search::Missing>) -> anyhow::Result<T> {
        let folder = &self.folder;
        Ok(self.engine.resolve(attempt, |file| std::fs::read(folder.join(file)).map_err(|e| e.to_string()))?)
    }

    /// Reads every shard: for batch tools that ask many questions.
    pub fn load_all(mut self) -> anyhow::Result<qa_widget::Engine> {
        for shard in 0..self.engine.index().shard_count() as u32 {
            let file = self.engine.index().shard_file(shard).unwrap_or_default();
            let bytes = std::fs::read(self.folder.join(&file)).with_context(|| format!("cannot read the index shard {file}; copy the index's whole folder"))?;
            self.engine.add_shard(shard, &bytes).with_context(|| format!("the index shard {file} is not right"))?;
        }
        Ok(self.engine)
    }
}

/// The whole index, every shard read: for tools that ask many questions.
fn read_engine(path: &Path) -> anyhow::Result<qa_widget::Engine> {
    IndexOnDisk::open(path)?.load_all()
}

/// The ranking knobs with `--tuning name=value,…` applied: for measuring alternatives.
fn tuning(overrides: Option<&str>) -> anyhow::Result<qa_widget::search::Tuning> {
    qa_widget::search::Tuning::default().with_overrides(overrides.unwrap_or("")).map_err(|e| anyhow::anyhow!("--tuning: {e}"))
}
