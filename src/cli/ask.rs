//! `qa-widget ask`: answers from the command line or stdin, as text or JSON lines.

use std::io::{BufRead, Write};
use std::ops::RangeInclusive;
use std::path::PathBuf;

use anyhow::Context;
use clap::Args;
use qa_widget::search::{Answer, AskOptions};

#[derive(Args)]
pub struct AskArgs {
    /// The index made by `qa-widget build`.
    #[arg(long)]
    index: PathBuf,
    /// How many results to return: 0 to 1000, as the wasm engine's `top` (0: only whether
    /// the pages answer).
    #[arg(long, default_value_t = 3, value_parser = parse_top)]
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
            let mut not_utf8 = Vec::new();
            for (number, line) in std::io::stdin().lock().split(b'\n').enumerate() {
                let line = line.context("cannot read the questions from stdin")?;
                match std::str::from_utf8(&line) {
                    Ok(question) if question.trim().is_empty() => {}
                    Ok(question) => answer(question.trim())?,
                    Err(error) => {
                        // One bad line does not cost the rest of the batch its answers.
                        eprintln!("line {}: {}", number + 1, not_utf8_problem(&error));
                        not_utf8.push(number + 1);
                    }
                }
            }
            if !not_utf8.is_empty() {
                let lines: Vec<String> = not_utf8.iter().take(10).map(usize::to_string).collect();
                let more = if not_utf8.len() > 10 { ", …" } else { "" };
                anyhow::bail!(
                    "{} line(s) of stdin were not UTF-8 and were not answered (line {}{more}); save the questions as UTF-8",
                    not_utf8.len(),
                    lines.join(", ")
                );
            }
        }
    }
    Ok(())
}

/// The range of `top` the wasm engine takes (`bad-options` outside it): both edges agree.
const TOP_RANGE: RangeInclusive<usize> = 0..=1000;

fn parse_top(value: &str) -> Result<usize, String> {
    let problem = || format!("{value:?} results: give a whole number from {} to {}", TOP_RANGE.start(), TOP_RANGE.end());
    value.trim().parse().ok().filter(|top| TOP_RANGE.contains(top)).ok_or_else(problem)
}

fn not_utf8_problem(error: &std::str::Utf8Error) -> String {
    format!("not UTF-8 (an invalid byte at column {}), skipped; save the questions as UTF-8", error.valid_up_to() + 1)
}

/// `text` safe to print on a terminal: control characters (escape sequences among them) and
/// the marks that reorder text (bidirectional overrides and isolates) are shown as `\u{…}`
/// rather than acted on; line breaks and tabs become spaces, so each field stays on its line.
fn printable(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\n' | '\r' | '\t' => out.push(' '),
            c if c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}') => {
                out.push_str(&format!("\\u{{{:x}}}", c as u32));
            }
            c => out.push(c),
        }
    }
    out
}

/// Text for a terminal: highlights in **bold markers**, the source under each excerpt.
fn render(answer: &Answer) -> String {
    let mut text = format!("Q: {}\n", printable(&answer.question));
    if !answer.answered {
        text.push_str("   The content does not answer this. Closest passages:\n");
    }
    for result in &answer.results {
        text.push_str(&format!("{:>3}. [{:.2}] {}\n", result.rank, result.score, with_markers(&result.excerpt, &result.highlights)));
        let section = result.source.section.as_deref().map(|s| format!(" › {}", printable(s))).unwrap_or_default();
        let url = result.source.url.as_deref().map(|u| format!(" <{}>", printable(u))).unwrap_or_default();
        text.push_str(&format!("     — {}{section}{url}\n", printable(&result.source.title)));
    }
    text.push('\n');
    text
}

fn explain(explanation: &qa_widget::search::Explanation) -> String {
    let mut text = format!("   answered: {}\n   concepts:\n", explanation.answered);
    for concept in &explanation.concepts {
        let stand_ins: Vec<String> =
            concept.stand_ins.iter().map(|(term, weight, kind)| format!("{term} ({kind:?} {weight:.2})")).collect();
        let word = printable(&concept.word);
        text.push_str(&format!("     {word:<16} importance {:.2}: {}\n", concept.importance, printable(&stand_ins.join(", "))));
    }
    if !explanation.cue_terms.is_empty() {
        text.push_str(&format!("   cue terms: {}\n", printable(&explanation.cue_terms.join(", "))));
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
    printable(&out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn top_takes_the_range_of_the_wasm() {
        assert_eq!(parse_top("0"), Ok(0));
        assert_eq!(parse_top("1000"), Ok(1000));
        for bad in ["1001", "-1", "2.5", "many", ""] {
            let problem = parse_top(bad).err().unwrap_or_default();
            assert!(problem.contains("from 0 to 1000"), "{bad}: {problem}");
        }
    }

    #[test]
    fn terminal_output_shows_control_characters_instead_of_obeying_them() {
        let hostile = "red \x1b[31mtext\x1b[0m, a bell\x07, \u{202e}reversed\u{202c}, a C1 \u{9b}2J\nnext\tline";
        let shown = printable(hostile);
        assert!(!shown.chars().any(|c| c.is_control() || ('\u{202a}'..='\u{202e}').contains(&c)), "{shown:?}");
        assert_eq!(shown, "red \\u{1b}[31mtext\\u{1b}[0m, a bell\\u{7}, \\u{202e}reversed\\u{202c}, a C1 \\u{9b}2J next line");
        assert_eq!(printable("Café 👩‍⚕️ שלום"), "Café 👩‍⚕️ שלום");
    }

    #[test]
    fn highlights_and_escapes_work_together() {
        // "\x1b" is one UTF-16 unit: the highlight after it still falls on its word.
        assert_eq!(with_markers("\x1b[2J wipe", &[[5, 9]]), "\\u{1b}[2J **wipe**");
    }
}
