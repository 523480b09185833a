//! `qa-widget eval`: the metrics of ../shared/eval/README.md on an index and a question
//! set, and the list of misses.

use std::path::PathBuf;

use anyhow::Context;
use clap::Args;
use qa_widget::search::{Answer, AskOptions};
use serde::Deserialize;
use unicode_normalization::UnicodeNormalization;

/// Never acceptable in anything shown, whatever the question (../shared/eval/README.md).
const ALWAYS_FORBIDDEN: &[&str] = &[
    "lorem ipsum", "learn more", "limited partner offer", "americord", "stem cell storage solutions",
    "<div", "<h3", "<img", "&nbsp;",
];

#[derive(Args)]
pub struct EvalArgs {
    #[arg(long)]
    index: PathBuf,
    /// JSONL: {"id", "q", "expect": [phrases], "forbid"?: [strings]}; `expect: []` means
    /// the content does not answer it.
    #[arg(long)]
    questions: PathBuf,
    /// Print the metrics as one JSON object instead of text.
    #[arg(long)]
    json: bool,
    /// Override ranking knobs, e.g. `cue_weight=0.5,proximity_weight=1` (see search::Tuning).
    #[arg(long)]
    tuning: Option<String>,
}

#[derive(Deserialize)]
struct Question {
    id: String,
    q: String,
    expect: Vec<String>,
    #[serde(default)]
    forbid: Vec<String>,
}

#[derive(Default, serde::Serialize)]
struct Metrics {
    answerable: usize,
    unanswerable: usize,
    hit_at_1: f64,
    hit_at_3: f64,
    mrr_at_5: f64,
    /// Answerable questions whose top result is a hit and that are marked answered.
    answered_hit_at_1: f64,
    abstention: f64,
    false_answers: usize,
    forbidden_hits: usize,
    misses: Vec<String>,
}

pub fn run(args: EvalArgs) -> anyhow::Result<()> {
    let engine = super::read_engine(&args.index)?.with_tuning(super::tuning(args.tuning.as_deref())?);
    let text = std::fs::read_to_string(&args.questions).with_context(|| format!("cannot read {}", args.questions.display()))?;
    let questions: Vec<Question> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .enumerate()
        .map(|(i, line)| serde_json::from_str(line).with_context(|| format!("line {} of {}", i + 1, args.questions.display())))
        .collect::<anyhow::Result<_>>()?;
    let options = AskOptions { top: 5 };
    let mut m = Metrics::default();
    let (mut hit1, mut hit3, mut rr, mut answered_hit1, mut abstained) = (0usize, 0usize, 0f64, 0usize, 0usize);
    for question in &questions {
        let answer = engine.ask(&question.q, &options);
        m.forbidden_hits += forbidden_hits(question, &answer, &mut m.misses);
        if question.expect.is_empty() {
            m.unanswerable += 1;
            if answer.answered {
                m.false_answers += 1;
                let top = answer.results.first().map_or(String::new(), |r| r.excerpt.clone());
                m.misses.push(format!("{} answered, but the content does not cover it: {:?} → {:?}", question.id, question.q, top));
            } else {
                abstained += 1;
            }
            continue;
        }
        m.answerable += 1;
        let expected: Vec<String> = question.expect.iter().map(|e| normalize(e)).collect();
        let first_hit = answer.results.iter().position(|r| {
            let passage = normalize(&r.passage);
            expected.iter().any(|e| passage.contains(e))
        });
        match first_hit {
            Some(0) => {
                hit1 += 1;
                if answer.answered {
                    answered_hit1 += 1;
                } else {
                    m.misses.push(format!("{} right passage first, but marked not answered: {:?}", question.id, question.q));
                }
            }
            _ => {
                let top = answer.results.first().map_or(String::new(), |r| r.excerpt.clone());
                let at = first_hit.map_or("not in the top 5".to_owned(), |i| format!("at rank {}", i + 1));
                m.misses.push(format!("{} hit {at}: {:?} → {:?}", question.id, question.q, top));
            }
        }
        if first_hit.is_some_and(|i| i < 3) {
            hit3 += 1;
        }
        if let Some(i) = first_hit {
            rr += 1.0 / (i + 1) as f64;
        }
    }
    let per = |count: f64, of: usize| if of == 0 { 0.0 } else { count / of as f64 };
    m.hit_at_1 = per(hit1 as f64, m.answerable);
    m.hit_at_3 = per(hit3 as f64, m.answerable);
    m.mrr_at_5 = per(rr, m.answerable);
    m.answered_hit_at_1 = per(answered_hit1 as f64, m.answerable);
    m.abstention = per(abstained as f64, m.unanswerable);

    if args.json {
        println!("{}", serde_json::to_string(&m)?);
        return Ok(());
    }
    println!("questions: {} answerable, {} unanswerable", m.answerable, m.unanswerable);
    println!("hit@1        {:.3}", m.hit_at_1);
    println!("hit@3        {:.3}", m.hit_at_3);
    println!("MRR@5        {:.3}", m.mrr_at_5);
    println!("hit@1 and marked answered  {:.3}", m.answered_hit_at_1);
    println!("abstention   {:.3} ({} false answers)", m.abstention, m.false_answers);
    println!("forbidden    {}", m.forbidden_hits);
    if !m.misses.is_empty() {
        println!("misses:");
        for miss in &m.misses {
            println!("  {miss}");
        }
    }
    Ok(())
}

fn forbidden_hits(question: &Question, answer: &Answer, misses: &mut Vec<String>) -> usize {
    let forbidden: Vec<String> = ALWAYS_FORBIDDEN.iter().map(|s| s.to_string()).chain(question.forbid.iter().map(|f| normalize(f))).collect();
    let mut hits = 0;
    for result in &answer.results {
        for shown in [&result.passage, &result.excerpt, &result.source.title] {
            let text = normalize(shown);
            for bad in forbidden.iter().filter(|f| text.contains(f.as_str())) {
                hits += 1;
                misses.push(format!("{} shows forbidden {bad:?}", question.id));
            }
            if shown.chars().any(|c| ('\u{0E00}'..='\u{0E7F}').contains(&c)) {
                hits += 1;
                misses.push(format!("{} shows Thai letters (mojibake)", question.id));
            }
        }
    }
    hits
}

/// As the eval README defines it: NFKC, lower case, straight quotes, single spaces.
fn normalize(text: &str) -> String {
    let folded: String = text
        .nfkc()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            '‘' | '’' | '‚' | '‛' => '\'',
            '“' | '”' | '„' | '‟' => '"',
            other => other,
        })
        .collect();
    folded.split_whitespace().collect::<Vec<_>>().join(" ")
}
