//! A linear-chain model over BIO tags: emission and transition scores, exact
//! Viterbi decoding, and structured averaged-perceptron training.
//!
//! Tags are numbered `0` = O, `1 + 2r` = B of role `r`, `2 + 2r` = I of role
//! `r`. An I tag may only follow a B or I of the same role; decoding enforces
//! it, so every decoded run of tags is a well-formed span.
//!
//! Weights are hashed: a feature number is masked to one of `buckets` (a power
//! of two) and the model holds one weight per bucket and tag. Trained weights are stored as
//! `i16` with one scale factor per chain, so that a model file is small and a
//! model saved and loaded scores exactly as before.

/// The number of tags for `roles` roles: O plus B and I for each.
pub fn tag_count(roles: usize) -> usize {
    1 + 2 * roles
}

/// True when tag `cur` may follow tag `prev` (`None` at the start of a sequence).
pub fn allowed(prev: Option<usize>, cur: usize) -> bool {
    if cur == 0 || (cur - 1) % 2 == 0 {
        return true;
    }
    let role = (cur - 2) / 2;
    matches!(prev, Some(p) if p != 0 && (p - 1) / 2 == role)
}

/// The hashed features of one sequence: for every position, a list of bucket numbers.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sequence {
    ids: Vec<u32>,
    starts: Vec<u32>,
}

impl Sequence {
    /// An empty sequence.
    pub fn new() -> Self {
        Sequence {
            ids: Vec::new(),
            starts: vec![0],
        }
    }

    /// Append one position with its feature buckets.
    pub fn push(&mut self, features: impl IntoIterator<Item = u32>) {
        self.ids.extend(features);
        self.starts.push(self.ids.len() as u32);
    }

    /// The number of positions.
    pub fn len(&self) -> usize {
        self.starts.len() - 1
    }

    /// True when the sequence has no position.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The feature buckets of position `i`.
    pub fn features(&self, i: usize) -> &[u32] {
        &self.ids[self.starts[i] as usize..self.starts[i + 1] as usize]
    }
}

/// The best tag sequence for `n` positions, given emission scores (`n * tags`,
/// row-major) and transition scores (`(tags + 1) * tags`; row 0 is the start,
/// row `p + 1` follows tag `p`). Disallowed transitions are never taken.
pub fn viterbi(emissions: &[f32], n: usize, tags: usize, transitions: &[f32]) -> Vec<u8> {
    if n == 0 {
        return Vec::new();
    }
    let mut score = vec![f32::NEG_INFINITY; n * tags];
    let mut back = vec![0u8; n * tags];
    for t in 0..tags {
        if allowed(None, t) {
            score[t] = transitions[t] + emissions[t];
        }
    }
    for i in 1..n {
        for t in 0..tags {
            let mut best = f32::NEG_INFINITY;
            let mut arg = 0u8;
            for p in 0..tags {
                if !allowed(Some(p), t) {
                    continue;
                }
                let s = score[(i - 1) * tags + p] + transitions[(p + 1) * tags + t];
                if s > best {
                    best = s;
                    arg = p as u8;
                }
            }
            score[i * tags + t] = best + emissions[i * tags + t];
            back[i * tags + t] = arg;
        }
    }
    let mut last = 0usize;
    for t in 1..tags {
        if score[(n - 1) * tags + t] > score[(n - 1) * tags + last] {
            last = t;
        }
    }
    let mut path = vec![0u8; n];
    path[n - 1] = last as u8;
    for i in (1..n).rev() {
        path[i - 1] = back[i * tags + path[i] as usize];
    }
    path
}

/// The score of a tag path under emissions and transitions (for tests and checks).
pub fn path_score(emissions: &[f32], tags: usize, transitions: &[f32], path: &[u8]) -> f32 {
    let mut s = 0.0;
    let mut prev: Option<usize> = None;
    for (i, &t) in path.iter().enumerate() {
        let t = t as usize;
        let row = prev.map_or(0, |p| p + 1);
        s += transitions[row * tags + t] + emissions[i * tags + t];
        prev = Some(t);
    }
    s
}

/// A trained linear chain with quantized weights.
#[derive(Debug, Clone, PartialEq)]
pub struct LinearChain {
    pub(crate) roles: usize,
    pub(crate) buckets: u32,
    pub(crate) scale: f32,
    pub(crate) weights: Vec<i16>,
    pub(crate) transitions: Vec<f32>,
}

impl LinearChain {
    /// The number of roles (span types) this chain tags.
    pub fn roles(&self) -> usize {
        self.roles
    }

    /// The number of tags.
    pub fn tags(&self) -> usize {
        tag_count(self.roles)
    }

    /// The number of weight buckets.
    pub fn buckets(&self) -> u32 {
        self.buckets
    }

    /// Emission scores for every position and tag (`len * tags`).
    pub fn emissions(&self, seq: &Sequence) -> Vec<f32> {
        // Fixed tag counts let the compiler unroll the inner loop.
        match self.tags() {
            3 => self.emissions_n::<3>(seq),
            5 => self.emissions_n::<5>(seq),
            _ => self.emissions_any(seq),
        }
    }

    fn emissions_n<const N: usize>(&self, seq: &Sequence) -> Vec<f32> {
        let mask = (self.buckets - 1) as usize;
        let mut out = vec![0f32; seq.len() * N];
        for i in 0..seq.len() {
            let mut acc = [0i32; N];
            for &f in seq.features(i) {
                let row = (f as usize & mask) * N;
                if let Some(w) = self.weights.get(row..row + N) {
                    for k in 0..N {
                        acc[k] += i32::from(w[k]);
                    }
                }
            }
            for k in 0..N {
                out[i * N + k] = acc[k] as f32 * self.scale;
            }
        }
        out
    }

    fn emissions_any(&self, seq: &Sequence) -> Vec<f32> {
        let tags = self.tags();
        let mut out = vec![0f32; seq.len() * tags];
        let mut acc = vec![0i32; tags];
        for i in 0..seq.len() {
            acc.iter_mut().for_each(|a| *a = 0);
            for &f in seq.features(i) {
                let row = (f & (self.buckets - 1)) as usize * tags;
                if let Some(w) = self.weights.get(row..row + tags) {
                    for (a, &w) in acc.iter_mut().zip(w) {
                        *a += i32::from(w);
                    }
                }
            }
            for (o, &a) in out[i * tags..(i + 1) * tags].iter_mut().zip(&acc) {
                *o = a as f32 * self.scale;
            }
        }
        out
    }

    /// The best tag sequence (exact Viterbi).
    pub fn decode(&self, seq: &Sequence) -> Vec<u8> {
        self.decode_with_bias(seq, &[])
    }

    /// The best tag sequence when the B and I tags of role `r` get
    /// `role_bias[r]` added to their emission scores: a positive bias trades
    /// precision for recall.
    pub fn decode_with_bias(&self, seq: &Sequence, role_bias: &[f32]) -> Vec<u8> {
        self.decode_emissions(self.emissions(seq), seq.len(), role_bias)
    }

    /// The best tag sequence for `n` positions from emission scores computed
    /// elsewhere (`n * tags`), with role biases as in [`LinearChain::decode_with_bias`].
    pub fn decode_emissions(&self, mut e: Vec<f32>, n: usize, role_bias: &[f32]) -> Vec<u8> {
        let tags = self.tags();
        e.resize(n * tags, 0.0);
        if role_bias.iter().any(|&b| b != 0.0) {
            for row in e.chunks_exact_mut(tags) {
                for (t, x) in row.iter_mut().enumerate().skip(1) {
                    *x += role_bias.get((t - 1) / 2).copied().unwrap_or(0.0);
                }
            }
        }
        viterbi(&e, n, tags, &self.transitions)
    }
}

/// Structured averaged-perceptron training of a [`LinearChain`].
#[derive(Debug, Clone)]
pub(crate) struct ChainTrainer {
    roles: usize,
    buckets: u32,
    w: Vec<f32>,
    u: Vec<f32>,
    tw: Vec<f32>,
    tu: Vec<f32>,
    c: f32,
}

impl ChainTrainer {
    /// A trainer; `buckets` is rounded up to a power of two (features are masked, not divided).
    pub(crate) fn new(roles: usize, buckets: u32) -> Self {
        let buckets = buckets.max(1).next_power_of_two();
        let tags = tag_count(roles);
        ChainTrainer {
            roles,
            buckets,
            w: vec![0.0; buckets as usize * tags],
            u: vec![0.0; buckets as usize * tags],
            tw: vec![0.0; (tags + 1) * tags],
            tu: vec![0.0; (tags + 1) * tags],
            c: 1.0,
        }
    }

    fn tags(&self) -> usize {
        tag_count(self.roles)
    }

    fn emissions(&self, seq: &Sequence) -> Vec<f32> {
        let tags = self.tags();
        let mut out = vec![0f32; seq.len() * tags];
        for i in 0..seq.len() {
            let o = &mut out[i * tags..(i + 1) * tags];
            for &f in seq.features(i) {
                let row = (f & (self.buckets - 1)) as usize * tags;
                for (a, &w) in o.iter_mut().zip(&self.w[row..row + tags]) {
                    *a += w;
                }
            }
        }
        out
    }

    /// Decode with the current weights and update towards `gold`; true on a mistake.
    pub(crate) fn learn(&mut self, seq: &Sequence, gold: &[u8]) -> bool {
        let tags = self.tags();
        let e = self.emissions(seq);
        let pred = viterbi(&e, seq.len(), tags, &self.tw);
        let mistake = pred != gold;
        if mistake {
            let c = self.c;
            let mut prev_g = 0usize;
            let mut prev_p = 0usize;
            for i in 0..seq.len() {
                let g = gold[i] as usize;
                let p = pred[i] as usize;
                if g != p {
                    for &f in seq.features(i) {
                        let row = (f & (self.buckets - 1)) as usize * tags;
                        self.w[row + g] += 1.0;
                        self.u[row + g] += c;
                        self.w[row + p] -= 1.0;
                        self.u[row + p] -= c;
                    }
                }
                let tg = prev_g * tags + g;
                let tp = prev_p * tags + p;
                if tg != tp {
                    self.tw[tg] += 1.0;
                    self.tu[tg] += c;
                    self.tw[tp] -= 1.0;
                    self.tu[tp] -= c;
                }
                prev_g = g + 1;
                prev_p = p + 1;
            }
        }
        self.c += 1.0;
        mistake
    }

    /// The averaged weights, quantized.
    pub(crate) fn averaged(&self) -> LinearChain {
        let c = self.c;
        let avg = |w: &[f32], u: &[f32]| -> Vec<f32> {
            w.iter().zip(u).map(|(&w, &u)| w - u / c).collect()
        };
        let w = avg(&self.w, &self.u);
        let transitions = avg(&self.tw, &self.tu);
        quantize(self.roles, self.buckets, &w, transitions)
    }
}

/// Quantize float weights to `i16` with one scale.
pub(crate) fn quantize(
    roles: usize,
    buckets: u32,
    w: &[f32],
    transitions: Vec<f32>,
) -> LinearChain {
    let max = w.iter().fold(0f32, |m, &x| m.max(x.abs()));
    let scale = if max > 0.0 { max / 32767.0 } else { 1.0 };
    let weights = w
        .iter()
        .map(|&x| (x / scale).round().clamp(-32767.0, 32767.0) as i16)
        .collect();
    LinearChain {
        roles,
        buckets,
        scale,
        weights,
        transitions,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Every allowed path of length `n` over `tags`, by brute force.
    fn all_paths(n: usize, tags: usize) -> Vec<Vec<u8>> {
        let mut out = vec![Vec::new()];
        for _ in 0..n {
            let mut next = Vec::new();
            for p in &out {
                for t in 0..tags {
                    if allowed(p.last().map(|&x| x as usize), t) {
                        let mut q = p.clone();
                        q.push(t as u8);
                        next.push(q);
                    }
                }
            }
            out = next;
        }
        out
    }

    proptest! {
        #[test]
        fn viterbi_equals_brute_force(
            roles in 1usize..3,
            n in 1usize..6,
            seed in proptest::collection::vec(-5.0f32..5.0, 200),
        ) {
            let tags = tag_count(roles);
            let emissions: Vec<f32> = seed.iter().cycle().take(n * tags).copied().collect();
            let transitions: Vec<f32> = seed.iter().rev().cycle().take((tags + 1) * tags).copied().collect();
            let best = viterbi(&emissions, n, tags, &transitions);
            prop_assert_eq!(best.len(), n);
            for (i, &t) in best.iter().enumerate() {
                let prev = i.checked_sub(1).map(|j| best[j] as usize);
                prop_assert!(allowed(prev, t as usize));
            }
            let got = path_score(&emissions, tags, &transitions, &best);
            let brute = all_paths(n, tags)
                .iter()
                .map(|p| path_score(&emissions, tags, &transitions, p))
                .fold(f32::NEG_INFINITY, f32::max);
            prop_assert!((got - brute).abs() < 1e-4, "viterbi {} brute {}", got, brute);
        }
    }

    #[test]
    fn i_never_follows_o() {
        assert!(!allowed(None, 2));
        assert!(!allowed(Some(0), 2));
        assert!(allowed(Some(1), 2));
        assert!(allowed(Some(2), 2));
        assert!(!allowed(Some(1), 4));
        assert!(allowed(Some(0), 3));
    }

    #[test]
    fn the_perceptron_learns_a_separable_toy_task() {
        // Feature 1 marks B, feature 2 marks I, feature 0 marks O.
        let mut seq = Sequence::new();
        for f in [0u32, 1, 2, 2, 0] {
            seq.push([f, 7]);
        }
        let gold = vec![0u8, 1, 2, 2, 0];
        let mut t = ChainTrainer::new(1, 16);
        for _ in 0..5 {
            t.learn(&seq, &gold);
        }
        assert_eq!(t.averaged().decode(&seq), gold);
    }
}
