//! Ranking metrics with trec_eval's semantics (as pytrec_eval computes them), so the
//! figures compare with the published ones.

use std::collections::HashMap;

/// Judgments of one query: id → gain (0 = judged but not relevant).
pub type Judgments = HashMap<String, f64>;

/// nDCG@k with linear gains and log2(rank + 1) discounts; 0 when nothing is relevant.
pub fn ndcg_at(ranking: &[String], judged: &Judgments, k: usize) -> f64 {
    let dcg: f64 = ranking.iter().take(k).enumerate().map(|(i, id)| gain(judged, id) / (i as f64 + 2.0).log2()).sum();
    let mut ideal: Vec<f64> = judged.values().copied().filter(|&g| g > 0.0).collect();
    ideal.sort_by(|a, b| b.total_cmp(a));
    let idcg: f64 = ideal.iter().take(k).enumerate().map(|(i, g)| g / (i as f64 + 2.0).log2()).sum();
    if idcg > 0.0 { dcg / idcg } else { 0.0 }
}

/// Share of the documents with gain ≥ `threshold` found in the top k.
pub fn recall_at(ranking: &[String], judged: &Judgments, k: usize, threshold: f64) -> f64 {
    let relevant = judged.values().filter(|&&g| g >= threshold).count();
    if relevant == 0 {
        return 0.0;
    }
    let found = ranking.iter().take(k).filter(|id| gain(judged, id) >= threshold).count();
    found as f64 / relevant as f64
}

pub fn precision_at_1(ranking: &[String], judged: &Judgments, threshold: f64) -> f64 {
    ranking.first().map_or(0.0, |id| if gain(judged, id) >= threshold { 1.0 } else { 0.0 })
}

/// 1 / rank of the first document with gain ≥ `threshold` in the top k.
pub fn reciprocal_rank_at(ranking: &[String], judged: &Judgments, k: usize, threshold: f64) -> f64 {
    ranking.iter().take(k).position(|id| gain(judged, id) >= threshold).map_or(0.0, |i| 1.0 / (i as f64 + 1.0))
}

/// Share of the top k that carries any judgment: a shallow pool under-scores systems
/// that find unjudged documents.
pub fn judged_at(ranking: &[String], judged: &Judgments, k: usize) -> f64 {
    ranking.iter().take(k).filter(|id| judged.contains_key(*id)).count() as f64 / k as f64
}

fn gain(judged: &Judgments, id: &str) -> f64 {
    judged.get(id).copied().unwrap_or(0.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn judged(pairs: &[(&str, f64)]) -> Judgments {
        pairs.iter().map(|(id, g)| (id.to_string(), *g)).collect()
    }

    fn ranking(ids: &[&str]) -> Vec<String> {
        ids.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn ndcg_is_one_for_the_ideal_order_and_lower_otherwise() {
        let j = judged(&[("a", 3.0), ("b", 1.0), ("c", 0.0)]);
        assert!((ndcg_at(&ranking(&["a", "b", "c"]), &j, 10) - 1.0).abs() < 1e-12);
        let swapped = ndcg_at(&ranking(&["b", "a"]), &j, 10);
        let expected = (1.0 + 3.0 / 3f64.log2()) / (3.0 + 1.0 / 3f64.log2());
        assert!((swapped - expected).abs() < 1e-12);
        assert_eq!(ndcg_at(&ranking(&["x"]), &judged(&[("c", 0.0)]), 10), 0.0);
    }

    #[test]
    fn recall_precision_and_reciprocal_rank() {
        let j = judged(&[("a", 1.0), ("b", 3.0), ("c", 2.0)]);
        let r = ranking(&["x", "b", "a"]);
        assert_eq!(recall_at(&r, &j, 2, 2.0), 0.5);
        assert_eq!(precision_at_1(&r, &j, 1.0), 0.0);
        assert_eq!(reciprocal_rank_at(&r, &j, 10, 3.0), 0.5);
        assert_eq!(judged_at(&r, &j, 10), 0.2);
    }
}
