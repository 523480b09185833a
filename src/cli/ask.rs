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
    /// Show how the question was read and what each result's score is made of.
    #[arg(long, conflicts_with = "json")]
    explain: bool,
    /// The question. Without it, questions are read one per line from stdin.
    question: Option<String>,
}

pub fn run(args: AskArgs) -> anyhow::Result<()> {
    // A sharded index's shards are read from beside its root as questions need them.
    let mut index = super::IndexOnDisk::open(&args.index)?;
    let options = AskOptions { top: args.top };
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let mut answer = |question: &str| -> anyhow::Result<()> {
        let answer = index.resolve(|engine| engine.try_ask(question, &options))?;
        if args.json {
            writeln!(out, "{}", serde_json::to_string(&answer)?)?;
        } else {
            write!(out, "{}", render(&answer))?;
            if args.explain {
                let explanation = index.resolve(|engine| engine.try_explain(question, args.top))?;
                write!(out, "{}", explain(&explanation))?;
            }
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

fn explain(explanation: &qa_widget::search::Explanation) -> String {
    let mut text = format!("   answered: {}\n   concepts:\n", explanation.answered);
    for concept in &explanation.concepts {
        let stand_ins: Vec<String> =
            concept.stand_ins.iter().map(|(term, weight, kind)| format!("{term} ({kind:?} {weight:.2})")).collect();
        text.push_str(&format!("     {:<16} importance {:.2}: {}\n", concept.word, concept.importance, stand_ins.join(", ")));
    }
    if !explanation.cue_terms.is_empty() {
        text.push_str(&format!("   cue terms: {}\n", explanation.cue_terms.join(", ")));
    }
    for (rank, (passage, score, f)) in explanation.results.iter().enumerate() {
        text.push_str(&format!(
            "   {:>2}. passage {passage:<5} score {score:.3} = bm25 {:.3}, proximity {:.3}, heading {:.2}, definition {:.0}; coverage {:.2}, largest gap {:.2}, quantity {}\n",
            rank + 1,
            f.bm25,
            f.proximity,
            f.heading,
            f.definition,
            f.coverage,
            f.largest_gap,
            f.has_quantity
        ));
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
