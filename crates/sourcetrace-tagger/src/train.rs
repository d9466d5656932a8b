//! Training: gold spans to BIO paths, averaged-perceptron epochs with
//! shuffling, early stopping on dev.
//!
//! Pass 1 (cues and sources) is trained first; its best epoch on dev is kept.
//! Pass 2 (the content and source of one cue) learns from one sequence per
//! gold cue, with the cue and source marks that pass 1 predicts for it
//! (two-fold jackknife: each half of train is tagged by a pass-1 chain trained
//! on the other half), and is stopped early on dev with the marks pass 1
//! predicts, as at run time.
//!
//! Overlapping gold spans are flattened: in pass 1 cues win over sources; in
//! pass 2 a content never covers its own cue and source ("The plan," he said,
//! "will fail." gives two content pieces, which linking covers again).
//!
//! Training is deterministic for a seed: the only randomness is the shuffling
//! of paragraphs, drawn from a SplitMix64 generator.

use crate::chain::{ChainTrainer, LinearChain, Sequence};
use crate::error::TaggerError;
use crate::features::{DocumentFeatures, FEATURE_VERSION};
use crate::model::{
    marks_of, paragraph_of, runs, AttributionModel, ModelHeader, B_CUE, B_SOURCE, I_CUE, I_SOURCE,
};
use crate::pos::PosModel;
use sourcetrace_core::Span;
use sourcetrace_text::{TextAnalysis, Token};
use std::ops::Range;

/// One gold attribution in byte spans.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct GoldSpans {
    /// The source, if any.
    pub source: Option<Span>,
    /// The cue (a discontinuous cue is given as its covering span).
    pub cue: Option<Span>,
    /// The content (a split content is given as its covering span).
    pub content: Option<Span>,
}

/// A document to learn from: its text and gold attributions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrainDocument {
    /// The article text.
    pub text: String,
    /// Its gold attributions, byte spans into `text`.
    pub attributions: Vec<GoldSpans>,
}

/// How to train.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TrainConfig {
    /// Seed for shuffling.
    pub seed: u64,
    /// The most epochs per pass.
    pub max_epochs: usize,
    /// Stop a pass after this many epochs without a better dev score.
    pub patience: usize,
    /// Weight buckets of the cue and source chain (rounded up to a power of two).
    pub span_buckets: u32,
    /// Weight buckets of the per-cue content and source chain (rounded up to a power of two).
    pub content_buckets: u32,
    /// A description of the training data, recorded in the model header.
    pub training_data: String,
    /// Train pass 2 on cue and source marks predicted by two-fold
    /// jackknife instead of gold ones (on by default: on PolNeAR dev it
    /// raised source exact F1 from 0.730 to 0.743 and whole-attribution
    /// exact F1 from 0.471 to 0.478).
    pub jackknife: bool,
}

impl Default for TrainConfig {
    fn default() -> Self {
        TrainConfig {
            seed: 1,
            max_epochs: 30,
            patience: 3,
            span_buckets: 1 << 17,
            content_buckets: 1 << 16,
            training_data: String::new(),
            jackknife: true,
        }
    }
}

/// Something training reports while it runs.
#[derive(Debug, Clone, PartialEq)]
pub enum Progress {
    /// A pass starts: `total` sequences per epoch.
    PassStarted {
        /// "cue+source" or "content".
        pass: &'static str,
        /// Sequences per epoch.
        total: usize,
    },
    /// `done` sequences of the current epoch are learnt.
    Step {
        /// Sequences done in this epoch.
        done: usize,
    },
    /// An epoch ended and was scored on dev.
    Epoch(EpochReport),
}

/// Dev scores after one epoch.
#[derive(Debug, Clone, PartialEq)]
pub struct EpochReport {
    /// "cue+source" or "content".
    pub pass: &'static str,
    /// 1-based epoch number.
    pub epoch: usize,
    /// Training sequences decoded wrongly during the epoch.
    pub mistakes: usize,
    /// Exact-span F1 on dev per role of the pass (cue, source; or content).
    pub dev_f1: Vec<(&'static str, f64)>,
    /// True when this epoch is the best so far (the one kept).
    pub best: bool,
}

/// SplitMix64: small, fast, and the same on every platform.
pub(crate) struct SplitMix(u64);

impl SplitMix {
    pub(crate) fn new(seed: u64) -> Self {
        SplitMix(seed)
    }

    pub(crate) fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    pub(crate) fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = (self.next() % (i as u64 + 1)) as usize;
            v.swap(i, j);
        }
    }
}

/// Token range of a byte span: every token overlapping it.
pub fn token_range(tokens: &[Token], span: Span) -> Option<Range<usize>> {
    let first = tokens.partition_point(|t| t.span.end <= span.start);
    let last = tokens.partition_point(|t| t.span.start < span.end);
    (first < last).then_some(first..last)
}

/// Label tokens of `range` (skipping those in `skip` and those already labelled) as B/I.
fn label(path: &mut [u8], range: Range<usize>, skip: &[Range<usize>], b: u8, i: u8) {
    let mut prev = false;
    for t in range {
        if t >= path.len() || path[t] != 0 || skip.iter().any(|s| s.contains(&t)) {
            prev = false;
            continue;
        }
        path[t] = if prev { i } else { b };
        prev = true;
    }
}

/// Scores a chain on dev: named F1 figures, and the one early stopping maximizes.
type DevScore<'a> = dyn FnMut(&LinearChain) -> (Vec<(&'static str, f64)>, f64) + 'a;

/// A gold attribution as token ranges: cue, source, content.
type GoldTokens = (Range<usize>, Option<Range<usize>>, Option<Range<usize>>);

/// A document prepared for training: features and gold paths over all tokens.
struct Prepared {
    features: DocumentFeatures,
    spans_gold: Vec<u8>,
    /// Gold attributions as token ranges.
    attributions: Vec<GoldTokens>,
    gold_cues: Vec<Range<usize>>,
    gold_sources: Vec<Range<usize>>,
}

fn prepare(doc: &TrainDocument, pos: &PosModel) -> Prepared {
    let analysis = TextAnalysis::new(&doc.text);
    let features = DocumentFeatures::new(&doc.text, &analysis, pos);
    let n = features.len();
    let tokens = &analysis.tokens;
    let r = |s: Option<Span>| s.and_then(|s| token_range(tokens, s));
    let mut spans_gold = vec![0u8; n];
    let mut gold_cues = Vec::new();
    let mut gold_sources = Vec::new();
    for a in &doc.attributions {
        if let Some(c) = r(a.cue) {
            label(&mut spans_gold, c.clone(), &[], B_CUE, I_CUE);
            gold_cues.push(c);
        }
    }
    for a in &doc.attributions {
        if let Some(s) = r(a.source) {
            label(&mut spans_gold, s.clone(), &[], B_SOURCE, I_SOURCE);
            gold_sources.push(s);
        }
    }
    let attributions = doc
        .attributions
        .iter()
        .filter_map(|a| Some((r(a.cue)?, r(a.source), r(a.content))))
        .collect();
    Prepared {
        features,
        spans_gold,
        attributions,
        gold_cues,
        gold_sources,
    }
}

/// Pass-2 examples of a document: for every gold cue, its paragraph seen from
/// the cue, labelled with the cue's content (B/I 1, 2; its own cue and source
/// excluded) and source (B/I 3, 4).
fn cue_examples(d: &Prepared, marks: &[u8]) -> Vec<(Sequence, Vec<u8>)> {
    let mut out = Vec::new();
    for (cue, source, content) in &d.attributions {
        let Some(p) = paragraph_of(&d.features.paragraphs, cue.start) else {
            continue;
        };
        let mut path = vec![0u8; d.features.len()];
        let own: Vec<Range<usize>> = std::iter::once(cue.clone()).chain(source.clone()).collect();
        if let Some(s) = source {
            label(
                &mut path,
                s.clone(),
                std::slice::from_ref(cue),
                B_SOURCE,
                I_SOURCE,
            );
        }
        if let Some(c) = content {
            label(&mut path, c.clone(), &own, 1, 2);
        }
        out.push((
            d.features.cue_sequence(p.clone(), cue.clone(), marks, true),
            path[p].to_vec(),
        ));
    }
    out
}

/// Exact-run F1 of predicted against gold paths for one role.
#[derive(Default, Clone, Copy)]
struct RunCounts {
    tp: usize,
    pred: usize,
    gold: usize,
}

impl RunCounts {
    fn add(&mut self, gold: &[u8], pred: &[u8], role: usize) {
        let mut g = Vec::new();
        let mut p = Vec::new();
        runs(gold, role, 0, &mut g);
        runs(pred, role, 0, &mut p);
        self.tp += p.iter().filter(|r| g.contains(r)).count();
        self.pred += p.len();
        self.gold += g.len();
    }
    fn f1(&self) -> f64 {
        if self.pred + self.gold == 0 {
            return 0.0;
        }
        2.0 * self.tp as f64 / (self.pred + self.gold) as f64
    }
}

#[allow(clippy::too_many_arguments)] // one pass's whole setting, used twice
fn epoch_loop(
    pass: &'static str,
    roles: usize,
    buckets: u32,
    train: &[(Sequence, Vec<u8>)],
    config: &TrainConfig,
    rng: &mut SplitMix,
    progress: &mut dyn FnMut(Progress),
    dev_score: &mut DevScore<'_>,
) -> (LinearChain, usize) {
    let mut trainer = ChainTrainer::new(roles, buckets);
    let mut order: Vec<usize> = (0..train.len()).collect();
    let mut best: Option<(f64, LinearChain, usize)> = None;
    let mut since_best = 0;
    progress(Progress::PassStarted {
        pass,
        total: train.len(),
    });
    for epoch in 1..=config.max_epochs.max(1) {
        rng.shuffle(&mut order);
        let mut mistakes = 0;
        for (k, &i) in order.iter().enumerate() {
            let (seq, gold) = &train[i];
            if trainer.learn(seq, gold) {
                mistakes += 1;
            }
            if k % 256 == 255 {
                progress(Progress::Step { done: k + 1 });
            }
        }
        progress(Progress::Step { done: order.len() });
        let chain = trainer.averaged();
        let (dev_f1, mean) = dev_score(&chain);
        let better = best.as_ref().is_none_or(|(b, _, _)| mean > *b);
        progress(Progress::Epoch(EpochReport {
            pass,
            epoch,
            mistakes,
            dev_f1,
            best: better,
        }));
        if better {
            best = Some((mean, chain, epoch));
            since_best = 0;
        } else {
            since_best += 1;
            if since_best >= config.patience {
                break;
            }
        }
    }
    match best {
        Some((_, chain, epoch)) => (chain, epoch),
        None => (trainer.averaged(), 0),
    }
}

/// Train an attribution model on `train`, stopping early on `dev`, over the
/// tags of `pos` (which the model keeps and records by checksum).
///
/// `progress` hears about passes, steps and epochs (the library never prints).
pub fn train(
    train: &[TrainDocument],
    dev: &[TrainDocument],
    config: &TrainConfig,
    pos: &PosModel,
    progress: &mut dyn FnMut(Progress),
) -> Result<AttributionModel, TaggerError> {
    let prep = |d: &TrainDocument| prepare(d, pos);
    let train: Vec<Prepared> = train
        .iter()
        .map(prep)
        .filter(|p| !p.features.is_empty())
        .collect();
    let dev: Vec<Prepared> = dev
        .iter()
        .map(prep)
        .filter(|p| !p.features.is_empty())
        .collect();
    if train.is_empty() {
        return Err(TaggerError::NoTrainingData { what: "train" });
    }
    if dev.is_empty() {
        return Err(TaggerError::NoTrainingData { what: "dev" });
    }
    let mut rng = SplitMix(config.seed);

    // Pass 1: cues and sources.
    let span_train: Vec<(Sequence, Vec<u8>)> = train
        .iter()
        .flat_map(|d| {
            d.features.paragraphs.iter().map(move |p| {
                (
                    d.features.base_sequence(p.clone()),
                    d.spans_gold[p.clone()].to_vec(),
                )
            })
        })
        .collect();
    let dev_span_seqs: Vec<(Sequence, &[u8])> = dev
        .iter()
        .flat_map(|d| {
            d.features.paragraphs.iter().map(move |p| {
                (
                    d.features.base_sequence(p.clone()),
                    &d.spans_gold[p.clone()],
                )
            })
        })
        .collect();
    let (spans, span_epoch) = epoch_loop(
        "cue+source",
        2,
        config.span_buckets,
        &span_train,
        config,
        &mut rng,
        progress,
        &mut |chain| {
            let mut cue = RunCounts::default();
            let mut source = RunCounts::default();
            for (seq, gold) in &dev_span_seqs {
                let pred = chain.decode(seq);
                cue.add(gold, &pred, 0);
                source.add(gold, &pred, 1);
            }
            let f1 = vec![("cue", cue.f1()), ("source", source.f1())];
            (f1, (cue.f1() + source.f1()) / 2.0)
        },
    );

    // With `jackknife`, pass 2 learns from the marks pass 1 would predict,
    // not from gold ones: two-fold jackknife (each half tagged by a pass-1 chain trained on the
    // other half for the epochs kept above), so that contents learn to live
    // with missed and spurious cues as at run time.
    let mut fold_marks: Vec<Vec<u8>> = vec![Vec::new(); train.len()];
    if config.jackknife {
        let doc_of: Vec<usize> = train
            .iter()
            .enumerate()
            .flat_map(|(k, d)| std::iter::repeat_n(k, d.features.paragraphs.len()))
            .collect();
        for fold in 0..2 {
            let mut trainer = ChainTrainer::new(2, config.span_buckets);
            let mut order: Vec<usize> = (0..span_train.len())
                .filter(|&i| doc_of[i] % 2 != fold)
                .collect();
            for _ in 0..span_epoch.max(1) {
                rng.shuffle(&mut order);
                for &i in &order {
                    trainer.learn(&span_train[i].0, &span_train[i].1);
                }
            }
            let chain = trainer.averaged();
            for (k, d) in train.iter().enumerate().filter(|(k, _)| k % 2 == fold) {
                let mut cues = Vec::new();
                let mut sources = Vec::new();
                for p in &d.features.paragraphs {
                    let path = chain.decode(&d.features.base_sequence(p.clone()));
                    runs(&path, 0, p.start, &mut cues);
                    runs(&path, 1, p.start, &mut sources);
                }
                fold_marks[k] = marks_of(d.features.len(), &cues, &sources);
            }
        }
    }
    drop(span_train);

    // Pass 2: one sequence per gold cue (its paragraph, seen from the cue),
    // labelled with that attribution's content and source; trained on gold
    // (or jackknifed) marks, stopped early on marks predicted by pass 1.
    let content_train: Vec<(Sequence, Vec<u8>)> = train
        .iter()
        .enumerate()
        .flat_map(|(k, d)| {
            let marks = if config.jackknife {
                std::mem::take(&mut fold_marks[k])
            } else {
                marks_of(d.features.len(), &d.gold_cues, &d.gold_sources)
            };
            cue_examples(d, &marks)
        })
        .collect();
    drop(train);
    let dev_content_seqs: Vec<(Sequence, Vec<u8>)> = dev
        .iter()
        .flat_map(|d| {
            let mut cues = Vec::new();
            let mut sources = Vec::new();
            for p in &d.features.paragraphs {
                let path = spans.decode(&d.features.base_sequence(p.clone()));
                runs(&path, 0, p.start, &mut cues);
                runs(&path, 1, p.start, &mut sources);
            }
            let marks = marks_of(d.features.len(), &cues, &sources);
            cue_examples(d, &marks)
        })
        .collect();
    let (content, content_epoch) = epoch_loop(
        "content",
        2,
        config.content_buckets,
        &content_train,
        config,
        &mut rng,
        progress,
        &mut |chain| {
            let mut c = RunCounts::default();
            let mut s = RunCounts::default();
            for (seq, gold) in &dev_content_seqs {
                let pred = chain.decode(seq);
                c.add(gold, &pred, 0);
                s.add(gold, &pred, 1);
            }
            // Stopped on content alone: the source of a cue has a pass-1
            // fallback, and it peaks earlier than the content.
            (vec![("content", c.f1()), ("source of cue", s.f1())], c.f1())
        },
    );
    Ok(AttributionModel {
        header: ModelHeader {
            feature_version: FEATURE_VERSION,
            training_data: config.training_data.clone(),
            seed: config.seed,
            epochs: format!("cue+source {span_epoch}, content {content_epoch}"),
            dev_scores: String::new(),
            pos_model: pos.checksum(),
            biases: [0.0; 4],
        },
        pos: pos.clone(),
        spans,
        content,
    })
}

impl AttributionModel {
    /// Record dev scores in the header (measured by the caller after training).
    pub fn set_dev_scores(&mut self, scores: impl Into<String>) {
        self.header.dev_scores = scores.into();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(text: &str, atts: &[(&str, &str, &str)]) -> TrainDocument {
        let find = |s: &str| -> Option<Span> {
            if s.is_empty() {
                return None;
            }
            text.find(s).map(|i| Span::new(i, i + s.len()))
        };
        TrainDocument {
            text: text.to_string(),
            attributions: atts
                .iter()
                .map(|(s, c, t)| GoldSpans {
                    source: find(s),
                    cue: find(c),
                    content: find(t),
                })
                .collect(),
        }
    }

    fn corpus() -> Vec<TrainDocument> {
        vec![
            doc(
                "The mayor said the bridge would close.\n\nNobody knows why.",
                &[("The mayor", "said", "the bridge would close")],
            ),
            doc(
                "“We will win,” the coach said.\n\nThe team trained hard.",
                &[("the coach", "said", "We will win,")],
            ),
            doc(
                "Officials told reporters that the road was safe.",
                &[("Officials", "told", "that the road was safe")],
            ),
        ]
    }

    fn small() -> TrainConfig {
        TrainConfig {
            seed: 7,
            max_epochs: 4,
            patience: 2,
            span_buckets: 1 << 12,
            content_buckets: 1 << 12,
            training_data: "fixture".into(),
            jackknife: true,
        }
    }

    #[test]
    fn training_is_deterministic_for_a_seed() {
        let c = corpus();
        let a = train(&c, &c, &small(), &PosModel::tiny(), &mut |_| {}).expect("trains");
        let b = train(&c, &c, &small(), &PosModel::tiny(), &mut |_| {}).expect("trains");
        assert_eq!(a.to_bytes(), b.to_bytes());
    }

    #[test]
    fn a_trained_model_fits_its_training_data() {
        let c = corpus();
        let mut epochs = 0;
        let m = train(&c, &c, &small(), &PosModel::tiny(), &mut |p| {
            if let Progress::Epoch(_) = p {
                epochs += 1;
            }
        })
        .expect("trains");
        assert!(epochs >= 2);
        let text = &c[0].text;
        let a = TextAnalysis::new(text);
        let tagged = m.tag(text, &a);
        let slice = |r: &Range<usize>| {
            Span::new(a.tokens[r.start].span.start, a.tokens[r.end - 1].span.end).slice(text)
        };
        assert_eq!(tagged.cues.iter().map(slice).collect::<Vec<_>>(), ["said"]);
        assert_eq!(
            tagged.sources.iter().map(slice).collect::<Vec<_>>(),
            ["The mayor"]
        );
        assert_eq!(tagged.attributions.len(), 1);
        assert_eq!(
            tagged.attributions[0]
                .contents
                .iter()
                .map(slice)
                .collect::<Vec<_>>(),
            ["the bridge would close"]
        );
        assert_eq!(
            tagged.attributions[0]
                .sources
                .iter()
                .map(slice)
                .collect::<Vec<_>>(),
            ["The mayor"]
        );
    }

    #[test]
    fn no_training_data_is_an_error() {
        let c = corpus();
        assert_eq!(
            train(&[], &c, &small(), &PosModel::tiny(), &mut |_| {}),
            Err(TaggerError::NoTrainingData { what: "train" })
        );
    }

    #[test]
    fn own_cue_and_source_split_the_content() {
        let d = doc(
            "“The plan,” he said, “will fail.”",
            &[("he", "said", "The plan,” he said, “will fail.")],
        );
        let p = prepare(&d, &PosModel::tiny());
        let marks = marks_of(p.features.len(), &p.gold_cues, &p.gold_sources);
        let examples = cue_examples(&p, &marks);
        assert_eq!(examples.len(), 1);
        let mut pieces = Vec::new();
        runs(&examples[0].1, 0, 0, &mut pieces);
        assert_eq!(pieces.len(), 2, "{:?}", examples[0].1);
        let mut sources = Vec::new();
        runs(&examples[0].1, 1, 0, &mut sources);
        assert_eq!(sources.len(), 1);
    }
}
