//! Whether the best passage answers the question: a logistic model over the evidence the
//! ranking already computes, fitted on the tune part of the question bank. The weights
//! live here, in the code; `qa-widget eval --bank tests/bank/bank.json --fit-decision`
//! refits them and prints this table anew, with the coverage/precision curve that chose
//! the threshold.

use super::query::QueryPlan;
use super::rank::{Features, Ranked};
use crate::index::Index;

/// How many results the decision reads: the best and those after it, whatever number of
/// results the caller asked for, so that an answer does not depend on `top`.
pub const DECISION_DEPTH: usize = 6;

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
    "page margin",
    "page agreement",
];
pub const FEATURE_COUNT: usize = 15;

/// Fitted by `qa-widget eval --bank tests/bank/bank.json --part tune --fit-decision`.
const WEIGHTS: [f32; FEATURE_COUNT] = [1.680, 0.379, 0.537, 0.273, 1.076, 0.351, -1.297, -1.426, 0.000, 0.000, 2.212, 1.425, 1.936, 0.258, 0.628];
const BIAS: f32 = -3.638;
/// Answers are shown from this log-odds up: the operating point on the curve.
const THRESHOLD: f32 = 1.252;

#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Evidence(pub [f32; FEATURE_COUNT]);

impl Evidence {
    /// The evidence that `top` answers, against the results ranked after it, `rest`: the
    /// runner-up, the best passage of another page (two good passages of one page do not
    /// make a doubt), and how many of the next results are on the same page (a site with a
    /// page on the question has them together).
    pub fn of(plan: &QueryPlan, top: &Features, top_score: f32, top_page: Option<u32>, rest: &[(f32, Option<u32>)]) -> Evidence {
        let shares = top.shares;
        let margin_to = |other: Option<f32>| match other {
            Some(other) if top_score > 0.0 => (1.0 - other / top_score).clamp(0.0, 1.0),
            _ => 1.0,
        };
        let margin = margin_to(rest.first().map(|r| r.0));
        let other_page = rest.iter().find(|r| r.1 != top_page || top_page.is_none()).map(|r| r.0);
        let next = &rest[..rest.len().min(DECISION_DEPTH - 1)];
        let same_page = next.iter().filter(|r| top_page.is_some() && r.1 == top_page).count();
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
            margin_to(other_page),
            same_page as f32 / (DECISION_DEPTH - 1) as f32,
        ])
    }

    /// The log-odds that the passage answers.
    pub fn log_odds(&self) -> f32 {
        self.0.iter().zip(WEIGHTS).map(|(x, w)| x * w).sum::<f32>() + BIAS
    }
}

/// The evidence of the best result, or `None` when nothing matched. `ranked` holds
/// `DECISION_DEPTH` results where there are as many.
pub fn evidence(index: &Index, plan: &QueryPlan, ranked: &[Ranked]) -> Option<Evidence> {
    let top = ranked.first()?;
    let read = &ranked[..ranked.len().min(DECISION_DEPTH)];
    let rest: Vec<(f32, Option<u32>)> = read[1..].iter().map(|r| (r.score, index.document_number(r.passage))).collect();
    Some(Evidence::of(plan, &top.features, top.score, index.document_number(top.passage), &rest))
}

pub fn answers(plan: &QueryPlan, evidence: Option<&Evidence>) -> bool {
    !plan.concepts.is_empty() && evidence.is_some_and(|e| e.log_odds() >= THRESHOLD)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn evidence(rest: &[(f32, Option<u32>)]) -> Evidence {
        let features = Features { coverage: 1.0, ..Features::default() };
        Evidence::of(&QueryPlan::default(), &features, 10.0, Some(7), rest)
    }

    #[test]
    fn a_runner_up_on_the_same_page_is_no_doubt_about_the_page() {
        let same_page = evidence(&[(9.0, Some(7)), (4.0, Some(2))]).0;
        assert!((same_page[10] - 0.1).abs() < 1e-6, "the runner-up is close: {same_page:?}");
        assert!((same_page[13] - 0.6).abs() < 1e-6, "the best other page is far behind");
        assert!((same_page[14] - 0.2).abs() < 1e-6, "one of the next five is on the page");
        let other_page = evidence(&[(9.0, Some(3)), (4.0, Some(7))]).0;
        assert!((other_page[13] - 0.1).abs() < 1e-6);
    }

    #[test]
    fn alone_it_has_every_margin() {
        let alone = evidence(&[]).0;
        assert_eq!((alone[10], alone[13], alone[14]), (1.0, 1.0, 0.0));
    }
}
