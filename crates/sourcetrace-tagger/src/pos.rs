//! A small part-of-speech tagger: greedy, left to right, averaged perceptron.
//!
//! It exists to give the attribution tagger word-class features ("a past-tense
//! verb two tokens after a capitalized run") without any parser at run time.
//! It is trained on the silver CoreNLP tags of PolNeAR train, aligned to our
//! own tokens (a token takes the tag of the CoreNLP token it starts in), so it
//! sees at run time exactly the tokenization it learned on. Those tags are
//! machine output: a feature source, not a target, and its accuracy against
//! them is reported only as a sanity check.
//!
//! File layout (little endian): magic `STPOSMD\0`, format version (u32),
//! feature version (u32), a one-line UTF-8 description (u32 length + bytes:
//! training data, seed, epochs kept, dev accuracy), the tag names (u32 count, then u8 length + bytes
//! each), buckets (u32), scale (f32), then `i16` weights with the same
//! zero-run coding as the attribution model.

use crate::error::TaggerError;
use crate::hash::H;
use crate::word::{shape, suffix};
use sourcetrace_text::TextAnalysis;

const MAGIC: &[u8; 8] = b"STPOSMD\0";
const FORMAT_VERSION: u32 = 2;
/// The version of the POS feature templates; a POS model trained with another is refused.
pub const POS_FEATURE_VERSION: u32 = 1;

/// A trained POS tagger.
#[derive(Debug, Clone, PartialEq)]
pub struct PosModel {
    description: String,
    tags: Vec<String>,
    buckets: u32,
    scale: f32,
    weights: Vec<i16>,
}

/// The words of a document as the POS tagger sees them: lowercased,
/// quote-normalized, with a flag for sentence-initial tokens.
pub(crate) struct PosInput {
    words: Vec<String>,
    forms: Vec<String>,
    first: Vec<bool>,
}

impl PosInput {
    pub(crate) fn new(text: &str, analysis: &TextAnalysis) -> Self {
        let forms: Vec<String> = analysis
            .tokens
            .iter()
            .map(|t| t.normalized(text).into_owned())
            .collect();
        let words = forms.iter().map(|w| w.to_lowercase()).collect();
        let mut first = vec![false; forms.len()];
        for s in &analysis.sentences {
            if let Some(f) = first.get_mut(s.tokens.start) {
                *f = true;
            }
        }
        PosInput {
            words,
            forms,
            first,
        }
    }

    fn len(&self) -> usize {
        self.words.len()
    }

    fn word(&self, i: isize) -> &str {
        if i < 0 {
            return "<s>";
        }
        self.words.get(i as usize).map_or("</s>", String::as_str)
    }

    /// Features of token `i` given the two previous tags (names).
    fn features(&self, i: usize, prev: &str, prev2: &str, out: &mut Vec<u32>) {
        out.clear();
        let ii = i as isize;
        let w = &self.words[i];
        let form = &self.forms[i];
        let mut f = |h: H| out.push(h.done());
        f(H::new("b"));
        f(H::new("w").s(w));
        f(H::new("s1").s(suffix(w, 1)));
        f(H::new("s2").s(suffix(w, 2)));
        f(H::new("s3").s(suffix(w, 3)));
        f(H::new("p1").s(w.get(..1).unwrap_or("")));
        f(H::new("sh").s(&shape(form)));
        f(H::new("first")
            .s(if self.first[i] { "1" } else { "0" })
            .s(&shape(form)));
        f(H::new("t-1").s(prev));
        f(H::new("t-2t-1").s(prev2).s(prev));
        f(H::new("t-1w").s(prev).s(w));
        f(H::new("w-1").s(self.word(ii - 1)));
        f(H::new("w-2").s(self.word(ii - 2)));
        f(H::new("w+1").s(self.word(ii + 1)));
        f(H::new("w+2").s(self.word(ii + 2)));
        f(H::new("s3w+1").s(suffix(self.word(ii + 1), 3)));
        f(H::new("s3w-1").s(suffix(self.word(ii - 1), 3)));
    }
}

fn argmax(scores: &[f32]) -> usize {
    let mut best = 0;
    for (k, &s) in scores.iter().enumerate() {
        if s > scores[best] {
            best = k;
        }
    }
    best
}

impl PosModel {
    /// A POS model that tags everything with one tag (for tests of other parts).
    #[cfg(test)]
    pub(crate) fn tiny() -> Self {
        PosModel {
            description: String::new(),
            tags: vec!["X".into()],
            buckets: 1,
            scale: 1.0,
            weights: vec![0],
        }
    }

    /// A checksum of the model file (FNV-1a over its bytes), recorded by the
    /// attribution model that was trained on its tags.
    pub fn checksum(&self) -> u64 {
        let mut h = 0xcbf2_9ce4_8422_2325u64;
        for b in self.to_bytes() {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        h
    }

    /// What the file says about itself: training data, seed, epochs, dev accuracy.
    pub fn description(&self) -> &str {
        &self.description
    }

    /// Set the one-line description recorded in the file (line breaks become spaces).
    pub fn set_description(&mut self, description: &str) {
        self.description = description.replace(['\n', '\r'], " ");
    }

    /// The tag names, by tag number.
    pub fn tag_names(&self) -> &[String] {
        &self.tags
    }

    /// Tag every token of an analysed document; returns tag numbers (see [`PosModel::tag_names`]).
    pub fn tag(&self, text: &str, analysis: &TextAnalysis) -> Vec<u16> {
        self.tag_input(&PosInput::new(text, analysis))
    }

    pub(crate) fn tag_input(&self, input: &PosInput) -> Vec<u16> {
        let n_tags = self.tags.len();
        let mut out = Vec::with_capacity(input.len());
        let mut feats = Vec::with_capacity(24);
        let mut acc = vec![0i32; n_tags];
        for i in 0..input.len() {
            let prev = i
                .checked_sub(1)
                .map_or("<s>", |j| self.tags[out[j] as usize].as_str());
            let prev2 = i
                .checked_sub(2)
                .map_or("<s>", |j| self.tags[out[j] as usize].as_str());
            input.features(i, prev, prev2, &mut feats);
            acc.iter_mut().for_each(|a| *a = 0);
            for &f in &feats {
                let row = (f & (self.buckets - 1)) as usize * n_tags;
                for (a, &w) in acc.iter_mut().zip(&self.weights[row..row + n_tags]) {
                    *a += i32::from(w);
                }
            }
            let mut best = 0;
            for (k, &a) in acc.iter().enumerate() {
                if a > acc[best] {
                    best = k;
                }
            }
            out.push(best as u16);
        }
        out
    }

    /// The model as file bytes.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
        out.extend_from_slice(&POS_FEATURE_VERSION.to_le_bytes());
        out.extend_from_slice(&(self.description.len() as u32).to_le_bytes());
        out.extend_from_slice(self.description.as_bytes());
        out.extend_from_slice(&(self.tags.len() as u32).to_le_bytes());
        for t in &self.tags {
            let b = &t.as_bytes()[..t.len().min(255)];
            out.push(b.len() as u8);
            out.extend_from_slice(b);
        }
        out.extend_from_slice(&self.buckets.to_le_bytes());
        out.extend_from_slice(&self.scale.to_le_bytes());
        crate::model::write_weights(&self.weights, &mut out);
        out
    }

    /// Read a POS model from file bytes.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, TaggerError> {
        let mut r = crate::model::Reader::new(bytes);
        if r.take(8, "magic").ok() != Some(&MAGIC[..]) {
            return Err(TaggerError::BadMagic {
                expected: "STPOSMD\\0",
            });
        }
        let format = r.u32("format version")?;
        if format != FORMAT_VERSION {
            return Err(TaggerError::FormatVersion {
                found: format,
                expected: FORMAT_VERSION,
            });
        }
        let version = r.u32("feature version")?;
        if version != POS_FEATURE_VERSION {
            return Err(TaggerError::FeatureVersion {
                found: version,
                expected: POS_FEATURE_VERSION,
            });
        }
        let len = r.u32("description length")? as usize;
        let description = String::from_utf8_lossy(r.take(len, "description")?).into_owned();
        let n = r.u32("tag count")? as usize;
        if n == 0 || n > 256 {
            return Err(TaggerError::Shape {
                chain: 0,
                message: "a POS model needs 1..=256 tags",
            });
        }
        let mut tags = Vec::with_capacity(n);
        for _ in 0..n {
            let len = r.take(1, "tag name length")?[0] as usize;
            tags.push(String::from_utf8_lossy(r.take(len, "tag name")?).into_owned());
        }
        let buckets = r.u32("buckets")?;
        if !buckets.is_power_of_two() || buckets > (1 << 24) {
            return Err(TaggerError::Shape {
                chain: 0,
                message: "buckets must be a power of two up to 2^24",
            });
        }
        let scale = f32::from_le_bytes(r.array("scale")?);
        let weights = crate::model::read_weights(&mut r, buckets as usize * n, 0)?;
        Ok(PosModel {
            description,
            tags,
            buckets,
            scale,
            weights,
        })
    }
}

/// A document to learn POS tags from: text and a tag (or none) per token of its analysis.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PosDocument {
    /// The text.
    pub text: String,
    /// One entry per token of `TextAnalysis::new(text)`: its tag, `None` when unknown.
    pub tags: Vec<Option<String>>,
}

/// Per-epoch report of POS training.
#[derive(Debug, Clone, PartialEq)]
pub struct PosEpoch {
    /// 1-based epoch.
    pub epoch: usize,
    /// Accuracy on the training tokens during the epoch (before the update).
    pub train_accuracy: f64,
    /// Accuracy of the averaged model on dev tokens with a tag.
    pub dev_accuracy: f64,
    /// True when this epoch is kept.
    pub best: bool,
}

/// Train a POS tagger (greedy averaged perceptron), keeping the best epoch on dev.
pub fn train_pos(
    train: &[PosDocument],
    dev: &[PosDocument],
    seed: u64,
    max_epochs: usize,
    buckets: u32,
    report: &mut dyn FnMut(PosEpoch),
) -> Result<PosModel, TaggerError> {
    let mut names: Vec<String> = train
        .iter()
        .flat_map(|d| d.tags.iter().flatten().cloned())
        .collect();
    names.sort();
    names.dedup();
    if names.is_empty() {
        return Err(TaggerError::NoTrainingData { what: "train" });
    }
    let index = |t: &Option<String>| t.as_ref().and_then(|t| names.binary_search(t).ok());
    let prep = |docs: &[PosDocument]| -> Vec<(PosInput, Vec<Option<usize>>)> {
        docs.iter()
            .map(|d| {
                let a = TextAnalysis::new(&d.text);
                let input = PosInput::new(&d.text, &a);
                let mut gold: Vec<Option<usize>> = d.tags.iter().map(index).collect();
                gold.resize(input.len(), None);
                (input, gold)
            })
            .collect()
    };
    let train = prep(train);
    let dev = prep(dev);
    let n_tags = names.len();
    let buckets = buckets.max(1).next_power_of_two();
    let size = buckets as usize * n_tags;
    let mut w = vec![0f32; size];
    let mut u = vec![0f32; size];
    let mut c = 1f32;
    let mut rng = crate::train::SplitMix::new(seed);
    let mut order: Vec<usize> = (0..train.len()).collect();
    let mut best: Option<(f64, PosModel)> = None;
    let mut since = 0;
    let mut feats = Vec::new();
    let mut scores = vec![0f32; n_tags];
    for epoch in 1..=max_epochs.max(1) {
        rng.shuffle(&mut order);
        let (mut right, mut total) = (0usize, 0usize);
        for &d in &order {
            let (input, gold) = &train[d];
            let mut pred: Vec<usize> = Vec::with_capacity(input.len());
            for (i, &gold_tag) in gold.iter().enumerate() {
                // Previous tags as predicted, as at run time.
                let prev = i.checked_sub(1).map_or("<s>", |j| names[pred[j]].as_str());
                let prev2 = i.checked_sub(2).map_or("<s>", |j| names[pred[j]].as_str());
                input.features(i, prev, prev2, &mut feats);
                scores.iter_mut().for_each(|s| *s = 0.0);
                for &f in &feats {
                    let row = (f & (buckets - 1)) as usize * n_tags;
                    for (s, &x) in scores.iter_mut().zip(&w[row..row + n_tags]) {
                        *s += x;
                    }
                }
                let guess = argmax(&scores);
                if let Some(g) = gold_tag {
                    total += 1;
                    if g == guess {
                        right += 1;
                    } else {
                        for &f in &feats {
                            let row = (f & (buckets - 1)) as usize * n_tags;
                            w[row + g] += 1.0;
                            u[row + g] += c;
                            w[row + guess] -= 1.0;
                            u[row + guess] -= c;
                        }
                    }
                    c += 1.0;
                }
                pred.push(guess);
            }
        }
        let avg: Vec<f32> = w.iter().zip(&u).map(|(&w, &u)| w - u / c).collect();
        let max = avg.iter().fold(0f32, |m, &x| m.max(x.abs()));
        let scale = if max > 0.0 { max / 32767.0 } else { 1.0 };
        let model = PosModel {
            description: format!("seed={seed} epochs={epoch}"),
            tags: names.clone(),
            buckets,
            scale,
            weights: avg
                .iter()
                .map(|&x| (x / scale).round().clamp(-32767.0, 32767.0) as i16)
                .collect(),
        };
        let (mut dr, mut dt) = (0usize, 0usize);
        for (input, gold) in &dev {
            let pred = model.tag_input(input);
            for (p, g) in pred.iter().zip(gold) {
                if let Some(g) = g {
                    dt += 1;
                    dr += usize::from(*p as usize == *g);
                }
            }
        }
        let dev_accuracy = dr as f64 / dt.max(1) as f64;
        let better = best.as_ref().is_none_or(|(b, _)| dev_accuracy > *b);
        report(PosEpoch {
            epoch,
            train_accuracy: right as f64 / total.max(1) as f64,
            dev_accuracy,
            best: better,
        });
        if better {
            best = Some((dev_accuracy, model));
            since = 0;
        } else {
            since += 1;
            if since >= 2 {
                break;
            }
        }
    }
    best.map(|(_, m)| m)
        .ok_or(TaggerError::NoTrainingData { what: "train" })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(text: &str, tags: &[&str]) -> PosDocument {
        PosDocument {
            text: text.into(),
            tags: tags.iter().map(|t| Some(t.to_string())).collect(),
        }
    }

    #[test]
    fn learns_and_round_trips() {
        let docs = vec![
            doc("The mayor said it.", &["DT", "NN", "VBD", "PRP", "."]),
            doc("A dog barked loudly.", &["DT", "NN", "VBD", "RB", "."]),
        ];
        let m = train_pos(&docs, &docs, 3, 8, 1 << 10, &mut |_| {}).expect("trains");
        let text = "The mayor said it.";
        let tags = m.tag(text, &TextAnalysis::new(text));
        let names: Vec<&str> = tags
            .iter()
            .map(|&t| m.tag_names()[t as usize].as_str())
            .collect();
        assert_eq!(names, ["DT", "NN", "VBD", "PRP", "."]);
        let mut m = m;
        m.set_description("trained on\ntwo sentences");
        let back = PosModel::from_bytes(&m.to_bytes()).expect("loads");
        assert_eq!(back, m);
        assert_eq!(back.description(), "trained on two sentences");
        let mut again = train_pos(&docs, &docs, 3, 8, 1 << 10, &mut |_| {}).expect("trains");
        again.set_description("trained on two sentences");
        assert_eq!(again.to_bytes(), m.to_bytes(), "deterministic for a seed");
    }

    #[test]
    fn a_wrong_pos_feature_version_is_refused() {
        let docs = vec![doc("Hi.", &["UH", "."])];
        let m = train_pos(&docs, &docs, 1, 1, 16, &mut |_| {}).expect("trains");
        let mut bytes = m.to_bytes();
        bytes[12..16].copy_from_slice(&(POS_FEATURE_VERSION + 1).to_le_bytes());
        assert!(matches!(
            PosModel::from_bytes(&bytes),
            Err(TaggerError::FeatureVersion { .. })
        ));
    }
}
