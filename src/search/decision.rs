//! Whether the best passage answers the question: a logistic model over the evidence the
//! ranking already computes, fitted on the tune part of the question bank. The weights
//! live here, in the code; `qa-widget eval --bank tests/bank/bank.json --fit-decision`
//! refits them and prints this table anew, with the coverage/precision curve that chose
//! the threshold.

use super::query::QueryPlan;
use super::rank::{Features, Ranked};

/// The evidence the model reads, in the order of `WEIGHTS`. Each is about 0..=1.
pub const FEATURE_NAMES: [&str; FEATURE_COUNT] = [
    "coverage",
    "exact share",
    "variant share",
    "synonym share",
    "relation share",
    "typo share",
    "largest gap",
    "quantity missing",
    "heading match",
    "definition",
    "score margin",
    "concepts",
    "sentence coverage",
];
pub const FEATURE_COUNT: usize = 13;

/// Fitted by `qa-widget eval --bank tests/bank/bank.json --part tune --fit-decision`.
const WEIGHTS: [f32; FEATURE_COUNT] = [1.294, 0.213, 0.601, -0.065, 0.918, 0.434, -1.107, -1.116, -0.214, -0.139, 2.196, 0.848, 1.875];
const BIAS: f32 = -2.674;
/// Answers are shown from this log-odds up: the operating point on the curve.
const THRESHOLD: f32 = 0.946;

#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Evidence(pub [f32; FEATURE_COUNT]);

impl Evidence {
    /// The evidence that `top` answers, against the runner-up `second`.
    pub fn of(plan: &QueryPlan, top: &Features, top_score: f32, second_score: Option<f32>) -> Evidence {
        let shares = top.shares;
        let margin = match second_score {
            Some(second) if top_score > 0.0 => (1.0 - second / top_score).clamp(0.0, 1.0),
            _ => 1.0,
        };
        Evidence([
            top.coverage,
            shares.exact,
            shares.variant,
            shares.synonym,
            shares.relation,
            shares.typo,
            top.largest_gap,
            if plan.wants_number && !top.has_quantity { 1.0 } else { 0.0 },
            top.heading,
            top.definition,
            margin,
            plan.concepts.len().min(10) as f32 / 10.0,
            top.sentence_coverage,
        ])
    }

    /// The log-odds that the passage answers.
    pub fn log_odds(&self) -> f32 {
        self.0.iter().zip(WEIGHTS).map(|(x, w)| x * w).sum::<f32>() + BIAS
    }
}

/// The evidence of the best result, or `None` when nothing matched.
pub fn evidence(plan: &QueryPlan, ranked: &[Ranked]) -> Option<Evidence> {
    let top = ranked.first()?;
    Some(Evidence::of(plan, &top.features, top.score, ranked.get(1).map(|r| r.score)))
}

pub fn answers(plan: &QueryPlan, evidence: Option<&Evidence>) -> bool {
    !plan.concepts.is_empty() && evidence.is_some_and(|e| e.log_odds() >= THRESHOLD)
}
