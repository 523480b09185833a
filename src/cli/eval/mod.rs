//! `qa-widget eval`: the metrics of ../shared/eval/README.md, on one index and question set,
//! or on every set of the question bank (tests/bank/bank.json), each corpus built the way
//! `qa-widget build` builds it.

mod bank;
mod fit;
mod scoring;

use std::path::PathBuf;

use anyhow::{bail, Context};
use clap::{Args, ValueEnum};
use qa_widget::search::{AskOptions, Engine};

use bank::{Bank, Part};
use scoring::{metrics, score, Metrics, Outcome, Question, SCORED_RESULTS};

#[derive(Args)]
pub struct EvalArgs {
    /// The index to score (with --questions).
    #[arg(long, requires = "questions", conflicts_with = "bank")]
    index: Option<PathBuf>,
    /// JSONL: {"id", "q", "expect": [phrases], "forbid"?: [strings]}; `expect: []` means
    /// the content does not answer it.
    #[arg(long, requires = "index")]
    questions: Option<PathBuf>,
    /// The question bank: every set's corpus is built and its questions scored.
    #[arg(long)]
    bank: Option<PathBuf>,
    /// Which part of the bank: `tune` for every decision, `test` once at the end.
    #[arg(long, value_enum, default_value_t = PartArg::Tune)]
    part: PartArg,
    /// Only these sets of the bank (by name; repeatable).
    #[arg(long = "set")]
    sets: Vec<String>,
    /// List the questions that were missed.
    #[arg(long)]
    misses: bool,
    /// Fail (exit 1) when a set scores below the floors in this JSON file:
    /// {"set name": {"hit_at_1": 0.6, …}, …}.
    #[arg(long)]
    floors: Option<PathBuf>,
    /// Write floors just under the figures measured now (0.03 below each share, rounded
    /// down to a hundredth; false answers and forbidden strings at what they are now).
    #[arg(long, conflicts_with = "floors")]
    write_floors: Option<PathBuf>,
    /// Refit the answer decision on these questions (the tune part only) and print the new
    /// weights for src/search/decision.rs, with the curve and a leave-one-set-out check.
    #[arg(long)]
    fit_decision: bool,
    /// With --fit-decision: also write the new weights into this file in place of its
    /// `const WEIGHTS`, `BIAS` and `THRESHOLD` lines (src/search/decision.rs).
    #[arg(long, requires = "fit_decision")]
    write_decision: Option<PathBuf>,
    /// Write every question's top candidates with their features and whether each is a
    /// hit, one JSON line per question, for studying the ranking (tune part only).
    #[arg(long)]
    dump: Option<PathBuf>,
    /// Print the coverage/precision curve of the answer decision as it stands.
    #[arg(long)]
    curve: bool,
    /// Print the metrics as one JSON object instead of text.
    #[arg(long)]
    json: bool,
    /// Build the bank's corpora with this passage length bound instead of the default.
    #[arg(long)]
    max_passage_chars: Option<usize>,
    /// Override ranking knobs, e.g. `cue_weight=0.5,proximity_weight=1` (see search::Tuning).
    #[arg(long)]
    tuning: Option<String>,
}

#[derive(Clone, Copy, PartialEq, ValueEnum)]
enum PartArg {
    Tune,
    Test,
}

/// One question set's figures, and its misses for `--misses`.
struct SetReport {
    name: String,
    outcomes: Vec<Outcome>,
    misses: Vec<String>,
    samples: Vec<fit::Sample>,
}

pub fn run(args: EvalArgs) -> anyhow::Result<()> {
    let tuning = super::tuning(args.tuning.as_deref())?;
    if (args.fit_decision || args.dump.is_some()) && args.part == PartArg::Test {
        bail!("the decision is fitted on the tune part only: the test part is scored once, never fitted on");
    }
    // Each set's questions are appended to the dump as it is scored: a dump starts empty.
    if let Some(path) = &args.dump {
        std::fs::write(path, "")?;
    }
    let reports = match (&args.index, &args.questions, &args.bank) {
        (Some(index), Some(questions), None) => {
            let engine = super::read_engine(index)?.with_tuning(tuning);
            let questions = bank::read_questions(questions)?;
            let demo_forbidden: Vec<String> = scoring::DEMO_FORBIDDEN.iter().map(|s| s.to_string()).collect();
            vec![score_set(&questions.display_name, &engine, &questions.questions, &demo_forbidden)]
        }
        (None, None, Some(path)) => {
            let mut bank = Bank::read(path)?;
            if let Some(chars) = args.max_passage_chars {
                bank.index_options.max_passage_chars = chars;
            }
            let part = match args.part {
                PartArg::Tune => Part::Tune,
                PartArg::Test => Part::Test,
            };
            let mut reports = Vec::new();
            for set in bank.sets_for(part, &args.sets)? {
                let engine = bank.engine_for(&set.corpus)?.with_tuning(tuning.clone());
                let questions = bank::read_questions(&set.questions)?;
                if let Some(path) = &args.dump {
                    dump_candidates(path, &set.name, &engine, &questions.questions)?;
                }
                let mut report = score_set(&set.name, &engine, &questions.questions, &set.forbid);
                // Sets on one corpus (the demo's four) are one site to the held-out checks.
                let corpus = set.corpus.iter().map(|c| c.display().to_string()).collect::<Vec<_>>().join(" ");
                report.samples.iter_mut().for_each(|s| s.corpus.clone_from(&corpus));
                reports.push(report);
            }
            reports
        }
        _ => bail!("give either --index and --questions, or --bank"),
    };
    print_reports(&reports, &args)?;
    let samples: Vec<fit::Sample> = reports.iter().flat_map(|r| r.samples.iter().cloned()).collect();
    if args.curve {
        print_curve(&samples);
    }
    if args.fit_decision {
        let model = print_fit(&samples);
        if let Some(path) = &args.write_decision {
            write_decision(path, &model)?;
        }
    }
    if let Some(path) = &args.write_floors {
        write_floors(&reports, path)?;
    }
    match &args.floors {
        Some(path) => check_floors(&reports, path),
        None => Ok(()),
    }
}

fn score_set(name: &str, engine: &Engine, questions: &[Question], set_forbid: &[String]) -> SetReport {
    let options = AskOptions { top: SCORED_RESULTS };
    let mut outcomes = Vec::with_capacity(questions.len());
    let mut misses = Vec::new();
    let mut samples = Vec::new();
    for question in questions {
        let answer = engine.ask(&question.q, &options);
        let outcome = score(question, &answer, set_forbid);
        let evidence = engine.explain(&question.q, SCORED_RESULTS).evidence;
        samples.push(fit::Sample {
            set: name.to_owned(),
            corpus: name.to_owned(),
            evidence: evidence.map(|e| e.0),
            answerable: outcome.answerable,
            right: outcome.first_hit == Some(0),
        });
        let top = answer.results.first().map_or(String::new(), |r| r.excerpt.clone());
        for bad in &outcome.forbidden {
            misses.push(format!("{} shows forbidden {bad:?}", question.id));
        }
        match (outcome.answerable, outcome.answered, outcome.first_hit) {
            (false, true, _) => misses.push(format!("{} answered, but the content does not cover it: {:?} → {top:?}", question.id, question.q)),
            (true, false, Some(0)) => misses.push(format!("{} right passage first, but marked not answered: {:?}", question.id, question.q)),
            (true, answered, Some(0)) if answered => {}
            (true, answered, hit) => {
                let at = hit.map_or("not in the top 5".to_owned(), |i| format!("at rank {}", i + 1));
                let shown = if answered { "answered wrongly" } else { "not answered" };
                misses.push(format!("{} hit {at}, {shown}: {:?} → {top:?}", question.id, question.q));
            }
            (false, false, _) => {}
        }
        outcomes.push(outcome);
    }
    SetReport { name: name.to_owned(), outcomes, misses, samples }
}

fn print_reports(reports: &[SetReport], args: &EvalArgs) -> anyhow::Result<()> {
    let all: Vec<Outcome> = reports.iter().flat_map(|r| r.outcomes.iter().cloned()).collect();
    let rows: Vec<(String, Metrics)> = reports
        .iter()
        .map(|r| (r.name.clone(), metrics(&r.outcomes)))
        .chain((reports.len() > 1).then(|| ("all".to_owned(), metrics(&all))))
        .collect();
    if args.json {
        let object: serde_json::Map<String, serde_json::Value> =
            rows.iter().map(|(name, m)| Ok((name.clone(), serde_json::to_value(m)?))).collect::<anyhow::Result<_>>()?;
        println!("{}", serde_json::Value::Object(object));
        return Ok(());
    }
    println!(
        "{:<16} {:>9} {:>6} {:>6} {:>6} {:>9} {:>11} {:>11} {:>6} {:>9}",
        "set", "questions", "hit@1", "hit@3", "MRR@5", "answered", "shown right", "abstention", "false", "forbidden"
    );
    for (name, m) in &rows {
        println!(
            "{:<16} {:>4}+{:<4} {:>6.3} {:>6.3} {:>6.3} {:>9.3} {:>5.3} ({:>3}) {:>11.3} {:>6} {:>9}",
            name, m.answerable, m.unanswerable, m.hit_at_1, m.hit_at_3, m.mrr_at_5, m.answered, m.shown_right, m.shown, m.abstention, m.false_answers, m.forbidden_hits
        );
    }
    println!("(questions: answerable+unanswerable; answered: of the answerable; shown right: of every answer shown (how many))");
    if args.misses || args.bank.is_none() {
        for report in reports.iter().filter(|r| !r.misses.is_empty()) {
            println!("misses in {}:", report.name);
            for miss in &report.misses {
                println!("  {miss}");
            }
        }
    }
    Ok(())
}

/// The metrics that floors guard: shares that must not fall, counts that must not rise.
const FLOOR_METRICS: &[&str] = &["hit_at_1", "hit_at_3", "answered", "shown_right", "abstention"];
const CEILING_METRICS: &[&str] = &["false_answers", "forbidden_hits"];

fn write_floors(reports: &[SetReport], path: &PathBuf) -> anyhow::Result<()> {
    let mut floors = serde_json::Map::new();
    for report in reports {
        let measured = serde_json::to_value(metrics(&report.outcomes))?;
        let mut set = serde_json::Map::new();
        for metric in FLOOR_METRICS {
            let value = measured[*metric].as_f64().unwrap_or(0.0);
            set.insert(metric.to_string(), serde_json::json!((((value - 0.03) * 100.0).floor() / 100.0).max(0.0)));
        }
        for metric in CEILING_METRICS {
            set.insert(metric.to_string(), measured[*metric].clone());
        }
        floors.insert(report.name.clone(), serde_json::Value::Object(set));
    }
    std::fs::write(path, serde_json::to_string_pretty(&floors)? + "\n").with_context(|| format!("cannot write {}", path.display()))?;
    println!("wrote floors under today's figures to {}", path.display());
    Ok(())
}

/// Floors set just under the measured figures, so that a regression cannot land.
fn check_floors(reports: &[SetReport], path: &PathBuf) -> anyhow::Result<()> {
    let text = std::fs::read_to_string(path).with_context(|| format!("cannot read the floors {}", path.display()))?;
    let floors: std::collections::BTreeMap<String, std::collections::BTreeMap<String, f64>> =
        serde_json::from_str(&text).with_context(|| format!("{} is not a floors file", path.display()))?;
    let mut failures = Vec::new();
    for (set, minimums) in &floors {
        let Some(report) = reports.iter().find(|r| &r.name == set) else {
            failures.push(format!("{set}: no such set was scored"));
            continue;
        };
        let measured = serde_json::to_value(metrics(&report.outcomes))?;
        for (metric, floor) in minimums {
            let Some(value) = measured.get(metric).and_then(serde_json::Value::as_f64) else {
                bail!("{}: {set} has no metric called {metric:?}", path.display());
            };
            // `false_answers` and `forbidden_hits` are ceilings; everything else is a floor.
            let ceiling = CEILING_METRICS.contains(&metric.as_str());
            if (ceiling && value > *floor) || (!ceiling && value < *floor) {
                failures.push(format!("{set}: {metric} {value:.3} is {} {floor}", if ceiling { "above the ceiling" } else { "below the floor" }));
            }
        }
    }
    if failures.is_empty() {
        println!("every set is at or above its floor ({})", path.display());
        Ok(())
    } else {
        bail!("answer quality regressed:\n  {}", failures.join("\n  "))
    }
}

fn print_point_header() {
    println!("  {:>9} {:>8} {:>12} {:>11} {:>13}", "log-odds", "shown", "shown right", "answered", "false answers");
}

fn print_point(p: &fit::Point) {
    println!(
        "  {:>9.3} {:>8} {:>12.3} {:>11.3} {:>6} ({:.3})",
        p.threshold, p.shown, p.shown_right(), p.answered_right(), p.false_answers, p.false_rate()
    );
}

/// The coverage/precision curve of the decision as it stands: what each threshold shows.
fn print_curve(samples: &[fit::Sample]) {
    let log_odds: Vec<f64> =
        samples.iter().map(|s| s.evidence.map_or(f64::NEG_INFINITY, |e| f64::from(qa_widget::search::Evidence(e).log_odds()))).collect();
    println!("\nthe answer decision's curve (answered = right answers shown, of the answerable):");
    print_point_header();
    let points = fit::curve(&log_odds, samples);
    let step = (points.len() / 24).max(1);
    for p in points.iter().step_by(step) {
        print_point(p);
    }
}

fn write_decision(path: &PathBuf, model: &fit::Model) -> anyhow::Result<()> {
    let source = std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    let fitted = fit::as_rust(model);
    let mut replaced = 0;
    let lines: Vec<String> = source
        .lines()
        .map(|line| {
            let new = fitted.lines().find(|f| {
                let key = |l: &str| l.split(':').next().map(str::to_owned);
                f.starts_with("const ") && key(f) == key(line)
            });
            replaced += usize::from(new.is_some());
            new.unwrap_or(line).to_owned()
        })
        .collect();
    if replaced != 3 {
        bail!("{} does not hold the three constants of the decision", path.display());
    }
    std::fs::write(path, lines.join("\n") + "\n")?;
    println!("wrote the new weights into {}", path.display());
    Ok(())
}

fn print_fit(samples: &[fit::Sample]) -> fit::Model {
    let model = fit::fit(samples);
    println!("\nrefitted on {} questions; paste into src/search/decision.rs:\n{}", samples.len(), fit::as_rust(&model));
    let log_odds: Vec<f64> = samples.iter().map(|s| model.log_odds(s.evidence.as_ref())).collect();
    println!("its curve on the questions it was fitted on:");
    print_point_header();
    let points = fit::curve(&log_odds, samples);
    for p in points.iter().step_by((points.len() / 24).max(1)) {
        print_point(p);
    }
    println!("at the chosen threshold:");
    print_point(&fit::point(&log_odds, samples, model.threshold));
    println!("leaving one site out (fitted on the other corpora, scored on this one's sets):");
    println!("  {:<16} {:>8} {:>12} {:>11} {:>13}", "set", "shown", "shown right", "answered", "false answers");
    let mut pooled = fit::Point::default();
    for (set, p) in fit::leave_one_site_out(samples, model.threshold) {
        pooled.right += p.right;
        pooled.shown += p.shown;
        pooled.false_answers += p.false_answers;
        pooled.answerable += p.answerable;
        pooled.unanswerable += p.unanswerable;
        println!("  {:<16} {:>8} {:>12.3} {:>11.3} {:>6} ({:.3})", set, p.shown, p.shown_right(), p.answered_right(), p.false_answers, p.false_rate());
    }
    let p = pooled;
    println!("  {:<16} {:>8} {:>12.3} {:>11.3} {:>6} ({:.3})", "all, held out", p.shown, p.shown_right(), p.answered_right(), p.false_answers, p.false_rate());
    model
}

fn dump_candidates(path: &PathBuf, set: &str, engine: &Engine, questions: &[Question]) -> anyhow::Result<()> {
    use std::io::Write;
    let mut file = std::fs::OpenOptions::new().create(true).append(true).open(path)?;
    let index = engine.index();
    for question in questions {
        let explanation = engine.explain(&question.q, 16);
        let expected: Vec<String> = question.expect.iter().map(|e| scoring::normalize(e)).collect();
        let candidates: Vec<serde_json::Value> = explanation
            .results
            .iter()
            .filter_map(|(passage, score, f)| {
                let record = index.passage(*passage)?;
                let text = scoring::normalize(&record.text);
                Some(serde_json::json!({
                    "passage": passage, "score": score, "bm25": f.bm25, "proximity": f.proximity, "heading": f.heading,
                    "definition": f.definition, "quantity": f.has_quantity, "coverage": f.coverage, "gap": f.largest_gap,
                    "exact": f.shares.exact, "variant": f.shares.variant, "synonym": f.shares.synonym, "typo": f.shares.typo,
                    "relation": f.shares.relation, "sentence": f.sentence_coverage, "chars": record.text.chars().count(), "heading_text": record.heading.clone().unwrap_or_default(), "text": record.text, "doc": record.doc, "hit": expected.iter().any(|e| text.contains(e)),
                }))
            })
            .collect();
        let scale: f32 = explanation.concepts.iter().map(|c| c.importance).sum();
        let line = serde_json::json!({"set": set, "id": question.id, "q": question.q, "answerable": !question.expect.is_empty(),
            "concepts": explanation.concepts.len(), "importance": scale, "answered": explanation.answered,
            "evidence": explanation.evidence.map(|e| e.0.to_vec()), "candidates": candidates});
        writeln!(file, "{line}")?;
    }
    Ok(())
}
