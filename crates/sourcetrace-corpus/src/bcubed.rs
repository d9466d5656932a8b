//! B-cubed precision and recall of a clustering against a gold clustering.

use std::collections::HashMap;
use std::hash::Hash;

/// B-cubed scores (Bagga and Baldwin 1998): for each item, precision is the
/// share of its predicted cluster that shares its gold cluster, recall the
/// share of its gold cluster found in its predicted cluster; both averaged
/// over items.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct BCubed {
    /// Mean per-item precision.
    pub precision: f64,
    /// Mean per-item recall.
    pub recall: f64,
    /// Harmonic mean of precision and recall.
    pub f1: f64,
}

/// Score `predicted` against `gold`: the cluster labels of the same items, in
/// the same order. Labels are compared only within each side. Panics when the
/// lengths differ; an empty input scores 1.
pub fn bcubed<P: Hash + Eq, G: Hash + Eq>(predicted: &[P], gold: &[G]) -> BCubed {
    assert_eq!(
        predicted.len(),
        gold.len(),
        "one label per item on both sides"
    );
    if predicted.is_empty() {
        return BCubed {
            precision: 1.0,
            recall: 1.0,
            f1: 1.0,
        };
    }
    let mut predicted_size: HashMap<&P, usize> = HashMap::new();
    let mut gold_size: HashMap<&G, usize> = HashMap::new();
    let mut both: HashMap<(&P, &G), usize> = HashMap::new();
    for (p, g) in predicted.iter().zip(gold) {
        *predicted_size.entry(p).or_default() += 1;
        *gold_size.entry(g).or_default() += 1;
        *both.entry((p, g)).or_default() += 1;
    }
    let (mut precision, mut recall) = (0.0, 0.0);
    for (p, g) in predicted.iter().zip(gold) {
        let shared = both[&(p, g)] as f64;
        precision += shared / predicted_size[p] as f64;
        recall += shared / gold_size[g] as f64;
    }
    let n = predicted.len() as f64;
    let (precision, recall) = (precision / n, recall / n);
    let f1 = if precision + recall > 0.0 {
        2.0 * precision * recall / (precision + recall)
    } else {
        0.0
    };
    BCubed {
        precision,
        recall,
        f1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    #[test]
    fn a_perfect_clustering_scores_one_whatever_the_labels() {
        let s = bcubed(&["x", "x", "y"], &[7, 7, 3]);
        assert!(close(s.precision, 1.0) && close(s.recall, 1.0) && close(s.f1, 1.0));
    }

    #[test]
    fn one_cluster_for_everything_has_full_recall() {
        // Gold {a,b} {c,d}; predicted {a,b,c,d}: each item's cluster is half right.
        let s = bcubed(&[0, 0, 0, 0], &[1, 1, 2, 2]);
        assert!(close(s.precision, 0.5));
        assert!(close(s.recall, 1.0));
        assert!(close(s.f1, 2.0 / 3.0));
    }

    #[test]
    fn singletons_have_full_precision() {
        let s = bcubed(&[0, 1, 2, 3], &[1, 1, 2, 2]);
        assert!(close(s.precision, 1.0));
        assert!(close(s.recall, 0.5));
    }

    #[test]
    fn a_split_and_a_merge() {
        // Gold {a,b,c} {d,e}; predicted {a,b} {c,d,e}.
        let s = bcubed(&[0, 0, 1, 1, 1], &[0, 0, 0, 1, 1]);
        // Precision: a,b 1; c 1/3; d,e 2/3 -> (2 + 1/3 + 4/3) / 5.
        assert!(close(s.precision, (2.0 + 1.0 / 3.0 + 4.0 / 3.0) / 5.0));
        // Recall: a,b 2/3; c 1/3; d,e 1 -> (4/3 + 1/3 + 2) / 5.
        assert!(close(s.recall, (4.0 / 3.0 + 1.0 / 3.0 + 2.0) / 5.0));
    }

    #[test]
    fn empty_input_scores_one() {
        let s = bcubed::<u8, u8>(&[], &[]);
        assert!(close(s.f1, 1.0));
    }
}
