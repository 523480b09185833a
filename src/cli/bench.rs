//! `qa-widget bench-quality` (being written).

use std::path::PathBuf;

use clap::Args;

#[derive(Args)]
pub struct BenchArgs {
    /// The shared data folder.
    #[arg(long, default_value = "../shared/data")]
    data: PathBuf,
}

pub fn run(_args: BenchArgs) -> anyhow::Result<()> {
    anyhow::bail!("not yet")
}
