//! `qa-widget ask`: answers from the command line or stdin, as text or JSON lines.

use std::io::{BufRead, Write};
use std::path::PathBuf;

use clap::Args;
use qa_widget::search::{Answer, AskOptions};

#[derive(Args)]
pub struct AskArgs {
    /// The index made by `qa-widget build`.
    #[arg(long)]
    index: PathBuf,
    /// How many results to return.
    #[arg(long, default_value_t = 3)]
    top: usize,
    /// Print each answer as one JSON line.
    #[arg(long)]
    json: bool,
    /// The question. Without it, questions are read one per line from stdin.
    question: Option<String>,
}

pub fn run(args: AskArgs) -> anyhow::Result<()> {
    let engine = super::read_engine(&args.index)?;
    let options = AskOptions { top: args.top };
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let mut answer = |question: &str| -> anyhow::Result<()> {
        let answer = engine.ask(question, &options);
        if args.json {
            writeln!(out, "{}", serde_json::to_string(&answer)?)?;
        } else {
            write!(out, "{}", render(&answer))?;
        }
        out.flush()?;
        Ok(())
    };
    match &args.question {
        Some(question) => answer(question)?,
        None => {
            for line in std::io::stdin().lock().lines() {
                let line = line?;
                if !line.trim().is_empty() {
                    answer(line.trim())?;
                }
            }
        }
    }
    Ok(())
}

/// Text for a terminal: highlights in **bold markers**, the source under each excerpt.
fn render(answer: &Answer) -> String {
    let mut text = format!("Q: {}\n", answer.question);
    if !answer.answered {
        text.push_str("   The content does not answer this. Closest passages:\n");
    }
    for result in &answer.results {
        text.push_str(&format!("{:>3}. [{:.2}] {}\n", result.rank, result.score, with_markers(&result.excerpt, &result.highlights)));
        let section = result.source.section.as_deref().map(|s| format!(" › {s}")).unwrap_or_default();
        let url = result.source.url.as_deref().map(|u| format!(" <{u}>")).unwrap_or_default();
        text.push_str(&format!("     — {}{section}{url}\n", result.source.title));
    }
    text.push('\n');
    text
}

fn with_markers(excerpt: &str, highlights: &[[u32; 2]]) -> String {
    let units: Vec<u16> = excerpt.encode_utf16().collect();
    let mut out = String::new();
    let mut at = 0usize;
    for &[start, end] in highlights {
        let (start, end) = (start as usize, end as usize);
        if start < at || end > units.len() {
            continue;
        }
        out.push_str(&String::from_utf16_lossy(&units[at..start]));
        out.push_str("**");
        out.push_str(&String::from_utf16_lossy(&units[start..end]));
        out.push_str("**");
        at = end;
    }
    out.push_str(&String::from_utf16_lossy(&units[at..]));
    out.replace('\n', " ")
}
