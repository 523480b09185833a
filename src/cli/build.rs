//! `qa-widget build`: inputs in, index out, and a report that accounts for every file.

use std::path::{Path, PathBuf};

use anyhow::Context;
use clap::Args;
use indicatif::{ProgressBar, ProgressStyle};
use qa_widget::build::ingest::IngestOptions;
use qa_widget::build::lexicon::parse_synonyms;
use qa_widget::build::passages::PASSAGE_CHARS_LIMIT;
use qa_widget::build::{build, one_line, BuildReport, FileOutcome, IndexFiles, IndexOptions, ShardOptions, Sharding};
use qa_widget::index::FieldWeights;

/// Inputs smaller than this build in a blink; a progress bar would only flicker.
const PROGRESS_BAR_FROM_BYTES: u64 = 2_000_000;

#[derive(Args)]
pub struct BuildArgs {
    /// Files or folders to index (.txt, .md, .html, .jsonl). A folder may hold a
    /// manifest.json giving titles and URLs for its files.
    #[arg(required = true)]
    inputs: Vec<PathBuf>,
    /// Where to write the index. A sharded index's root is written here and its shards
    /// beside it, as `<name>.<hash>.idx`.
    #[arg(short, long)]
    output: PathBuf,
    /// Split the index into a root and shards fetched as questions need them: `auto` does
    /// when the index in one file would pass 1.5 MB.
    #[arg(long, value_enum, default_value_t = ShardingArg::Auto)]
    shards: ShardingArg,
    /// Largest postings shard, in KB (before compression).
    #[arg(long, default_value_t = ShardOptions::default().postings_shard_bytes / 1024, hide = true)]
    postings_shard_kb: usize,
    /// Largest texts shard, in KB (before compression).
    #[arg(long, default_value_t = ShardOptions::default().texts_shard_bytes / 1024, hide = true)]
    texts_shard_kb: usize,
    /// Keep ads, calls to action, repeated blocks and placeholder text.
    #[arg(long)]
    keep_boilerplate: bool,
    /// Skip files larger than this ("64MB", "500KB", or bytes).
    #[arg(long, default_value = "64MB", value_parser = parse_size)]
    max_file_size: u64,
    /// A synonym file: one group per line, comma-separated ("fat, adipose").
    #[arg(long)]
    synonyms: Option<PathBuf>,
    /// Leave out the built-in English lay ↔ clinical synonyms.
    #[arg(long)]
    no_builtin_synonyms: bool,
    /// Longest passage, in characters (50 to 4000). Passages hold whole sentences; a
    /// longer sentence is cut at clauses or words, and the report says so.
    #[arg(long, default_value_t = IndexOptions::default().max_passage_chars, value_parser = parse_passage_chars)]
    max_passage_chars: usize,
    /// BM25 term-frequency saturation.
    #[arg(long, default_value_t = IndexOptions::default().k1)]
    k1: f32,
    /// BM25 length normalisation.
    #[arg(long, default_value_t = IndexOptions::default().b)]
    b: f32,
    /// How much a match in a section heading counts, against 1 for the body.
    #[arg(long, default_value_t = IndexOptions::default().fields.heading)]
    heading_weight: f32,
    /// How much a match in the document title counts, against 1 for the body.
    #[arg(long, default_value_t = IndexOptions::default().fields.title)]
    title_weight: f32,
    /// Also write the full report, every removal included, as JSON.
    #[arg(long)]
    report: Option<PathBuf>,
    /// Also write one self-contained HTML page (widget, wasm and index inlined) that
    /// answers from file:// with no network: for kiosks, intranets and email.
    #[arg(long)]
    standalone: Option<PathBuf>,
    /// The built npm package (`make pkg`), whose files the standalone page inlines.
    #[arg(long, default_value = "pkg")]
    assets: PathBuf,
    /// Print only the summary line.
    #[arg(short, long)]
    quiet: bool,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum ShardingArg {
    Auto,
    Never,
    Always,
}

pub fn run(args: BuildArgs) -> anyhow::Result<()> {
    let stem = args.output.file_stem().and_then(|s| s.to_str()).filter(|s| !s.is_empty()).unwrap_or("index").to_owned();
    let sharding = match args.shards {
        ShardingArg::Auto => Sharding::Auto,
        ShardingArg::Never => Sharding::Never,
        ShardingArg::Always => Sharding::Always,
    };
    let mut index_options = IndexOptions {
        k1: args.k1,
        b: args.b,
        max_passage_chars: args.max_passage_chars,
        builtin_synonyms: !args.no_builtin_synonyms,
        fields: FieldWeights { body: 1.0, heading: args.heading_weight, title: args.title_weight },
        shards: ShardOptions {
            sharding,
            stem,
            postings_shard_bytes: args.postings_shard_kb.max(1) * 1024,
            texts_shard_bytes: args.texts_shard_kb.max(1) * 1024,
        },
        ..IndexOptions::default()
    };
    if let Some(path) = &args.synonyms {
        let text = std::fs::read_to_string(path).with_context(|| format!("cannot read the synonym file {}", path.display()))?;
        index_options.extra_synonyms = parse_synonyms(&text).with_context(|| format!("in {}", path.display()))?;
    }
    let ingest_options = IngestOptions {
        keep_boilerplate: args.keep_boilerplate,
        max_file_size: args.max_file_size,
        ..IngestOptions::default()
    };
    let standalone_assets = args.standalone.as_ref().map(|_| super::standalone::read_assets(&args.assets)).transpose()?;

    let bar = ProgressBar::hidden();
    let progress = |done: u64, total: u64| {
        if total >= PROGRESS_BAR_FROM_BYTES && bar.is_hidden() && done < total {
            bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
            bar.set_length(total);
            bar.set_style(
                ProgressStyle::with_template("reading {bar:40} {bytes}/{total_bytes} ({eta})").unwrap_or_else(|_| ProgressStyle::default_bar()),
            );
        }
        bar.set_position(done);
    };
    let built = build(&args.inputs, &ingest_options, &index_options, &progress)?;
    bar.finish_and_clear();

    // `-o public/content.idx` in a fresh project: the folder may not exist yet.
    if let Some(folder) = args.output.parent().filter(|folder| !folder.as_os_str().is_empty()) {
        std::fs::create_dir_all(folder).with_context(|| format!("cannot create the folder {} for the index", folder.display()))?;
    }
    write_files(&built.files, &args.output)?;
    print_report(&built.report, &args.output, args.quiet);
    if let IndexFiles::Sharded(sharded) = &built.files {
        println!(
            "sharded: root {:.1} KB, {} shards ({:.1} KB) beside it",
            sharded.root.len() as f64 / 1024.0,
            sharded.shards.len(),
            sharded.shards.iter().map(|(_, b)| b.len()).sum::<usize>() as f64 / 1024.0
        );
    }
    if let Some(path) = &args.report {
        let json = serde_json::to_string_pretty(&built.report)?;
        std::fs::write(path, json).with_context(|| format!("cannot write the report to {}", path.display()))?;
    }
    if let (Some(page), Some(assets)) = (&args.standalone, &standalone_assets) {
        super::standalone::write_page(page, assets, &built.bytes)?;
        println!("standalone page: {}", page.display());
    }
    Ok(())
}

/// Writes the index: its shards first, then the root, so that a root is never there before its
/// shards. Shards of an earlier build of the same root (same name, another hash) are removed.
fn write_files(files: &IndexFiles, output: &Path) -> anyhow::Result<()> {
    let write = |path: &Path, bytes: &[u8]| std::fs::write(path, bytes).with_context(|| format!("cannot write the index to {}", path.display()));
    let folder = output.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let stem = output.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    let written: Vec<&str> = match files {
        IndexFiles::Whole(bytes) => {
            write(output, bytes)?;
            Vec::new()
        }
        IndexFiles::Sharded(sharded) => {
            for (name, bytes) in &sharded.shards {
                write(&folder.join(name), bytes)?;
            }
            write(output, &sharded.root)?;
            sharded.shards.iter().map(|(name, _)| name.as_str()).collect()
        }
    };
    for entry in std::fs::read_dir(folder).into_iter().flatten().flatten() {
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        if is_shard_name(name, stem) && !written.contains(&name) {
            std::fs::remove_file(entry.path()).with_context(|| format!("cannot remove the old shard {name}"))?;
        }
    }
    Ok(())
}

/// `<stem>.<16 hex digits>.idx`: the name of one of this root's shards, of any build.
fn is_shard_name(name: &str, stem: &str) -> bool {
    let hash = name.strip_prefix(stem).and_then(|rest| rest.strip_prefix('.')).and_then(|rest| rest.strip_suffix(".idx"));
    hash.is_some_and(|h| h.len() == 16 && h.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)))
}

fn print_report(report: &BuildReport, output: &std::path::Path, quiet: bool) {
    let skipped = report.files.iter().filter(|f| matches!(f.outcome, FileOutcome::Skipped { .. })).count();
    println!(
        "indexed {} files ({} skipped) into {} documents, {} passages and {} terms: {} ({:.1} KB)",
        report.files.len() - skipped,
        skipped,
        report.documents,
        report.passages,
        report.terms,
        output.display(),
        report.index_bytes as f64 / 1024.0
    );
    if quiet {
        return;
    }
    for file in &report.files {
        let path = one_line(&file.path);
        match &file.outcome {
            FileOutcome::Skipped { reason } => println!("  {path}: skipped, {}", one_line(reason)),
            FileOutcome::Indexed { documents, passages } => {
                println!("  {path}: indexed into {passages} passages ({documents} documents)")
            }
        }
        for note in &file.notes {
            println!("      note: {}", one_line(note));
        }
        for document in file.documents.iter().filter(|d| !d.removed.is_empty()).take(20) {
            if file.documents.len() > 1 {
                println!("    {} ({})", one_line(&document.id), one_line(&document.title));
            }
            for removal in &document.removed {
                let times = if removal.count > 1 { format!(" ×{}", removal.count) } else { String::new() };
                println!("      {} {}{times}: {:?}", removal.kind.verb(), removal.kind.describe(), removal.sample);
            }
        }
        let more = file.documents.iter().filter(|d| !d.removed.is_empty()).count().saturating_sub(20);
        if more > 0 {
            println!("      … and {more} more documents with removals (--report FILE lists them all)");
        }
    }
}

/// "64MB", "500kb", "2G" or a number of bytes; units are powers of 1000.
fn parse_size(text: &str) -> Result<u64, String> {
    let text = text.trim();
    let digits = text.find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(text.len());
    let (number, unit) = text.split_at(digits);
    let number: f64 =
        number.parse().map_err(|_| format!("{text:?} is not a size: write 64MB, 500KB or a number of bytes"))?;
    let scale = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1.0,
        "k" | "kb" => 1e3,
        "m" | "mb" => 1e6,
        "g" | "gb" => 1e9,
        other => return Err(format!("unknown unit {other:?}: write KB, MB or GB")),
    };
    Ok((number * scale) as u64)
}

fn parse_passage_chars(text: &str) -> Result<usize, String> {
    const MIN: usize = 50;
    let chars: usize = text.trim().parse().map_err(|_| format!("{text:?} is not a number of characters"))?;
    if (MIN..=PASSAGE_CHARS_LIMIT).contains(&chars) {
        Ok(chars)
    } else {
        Err(format!(
            "{chars} is outside {MIN}–{PASSAGE_CHARS_LIMIT}: a passage is shown whole, so it must stay readable"
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use qa_widget::build::ingest::DEFAULT_MAX_FILE_SIZE;

    #[test]
    fn sizes_read_with_their_units() {
        assert_eq!(parse_size("64MB"), Ok(DEFAULT_MAX_FILE_SIZE));
        assert_eq!(parse_size("500kb"), Ok(500_000));
        assert_eq!(parse_size("1.5G"), Ok(1_500_000_000));
        assert_eq!(parse_size("1234"), Ok(1234));
        assert!(parse_size("lots").is_err() && parse_size("3 parsecs").is_err());
    }

    #[test]
    fn passage_lengths_are_bounded() {
        assert_eq!(parse_passage_chars("900"), Ok(900));
        assert!(parse_passage_chars("10").is_err());
        assert!(parse_passage_chars("100000").unwrap_err().contains("4000"));
    }
}
