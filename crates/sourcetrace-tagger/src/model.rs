//! The attribution model: two linear chains and a versioned file format.
//!
//! Pass 1 tags cues and sources (BIO, two roles) over each paragraph. Pass 2
//! runs once per cue found: it tags that cue's content and source (BIO, two
//! roles) over the cue's paragraph, with features that say where each token
//! lies relative to *this* cue (side, distance, sentences, commas, quote
//! marks and other cues in between). A per-cue layer represents what one
//! BIO layer cannot: contents nest ("He said that she said X" contains the
//! second cue and its source), and neighbouring attributions share a
//! paragraph without their contents running together.
//!
//! File layout (little endian): magic `STMODEL\0`, format version (u32),
//! header length (u32) and header (UTF-8 `key=value` lines: feature version,
//! training data, seed, epochs, dev scores), then the chains. Each chain:
//! roles (u32), buckets (u32), scale (f32), transitions (f32 each), then the
//! `i16` weights, where `i16::MIN` followed by a `u16` count stands for that
//! many zeros (weights are clamped to ±32767, so the marker is free).

use crate::chain::{tag_count, LinearChain};
use crate::error::TaggerError;
use crate::features::{DocumentFeatures, FEATURE_VERSION};
use crate::pos::PosModel;
use sourcetrace_text::TextAnalysis;
use std::ops::Range;

const MAGIC: &[u8; 8] = b"STMODEL\0";
const FORMAT_VERSION: u32 = 2;

/// Tag numbers of pass 1.
pub(crate) const B_CUE: u8 = 1;
pub(crate) const I_CUE: u8 = 2;
pub(crate) const B_SOURCE: u8 = 3;
pub(crate) const I_SOURCE: u8 = 4;

/// What a model file says about itself.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ModelHeader {
    /// The feature version the weights were trained with.
    pub feature_version: u32,
    /// What the model was trained on ("PolNeAR v1.0.0 train, 840 articles").
    pub training_data: String,
    /// The seed of the training run.
    pub seed: u64,
    /// Epochs kept for each pass after early stopping ("cue+source 9, content 7").
    pub epochs: String,
    /// Dev scores measured at training time, one line of `name value` pairs.
    pub dev_scores: String,
    /// Checksum of the POS model whose tags the weights were trained on.
    pub pos_model: u64,
    /// Decoding biases for pass-1 cue and source tags and pass-2 content and
    /// source tags (tuned on dev after training; positive values trade
    /// precision for recall).
    pub biases: [f32; 4],
}

impl ModelHeader {
    fn to_text(&self) -> String {
        let clean = |s: &str| s.replace(['\n', '\r'], " ");
        format!(
            "feature_version={}\npos_model={:016x}\nbiases={},{},{},{}\ntraining_data={}\nseed={}\nepochs={}\ndev_scores={}\n",
            self.feature_version,
            self.pos_model,
            self.biases[0],
            self.biases[1],
            self.biases[2],
            self.biases[3],
            clean(&self.training_data),
            self.seed,
            clean(&self.epochs),
            clean(&self.dev_scores)
        )
    }

    fn from_text(text: &str) -> Result<Self, TaggerError> {
        let mut h = ModelHeader::default();
        let mut version = None;
        for line in text.lines().filter(|l| !l.is_empty()) {
            let Some((key, value)) = line.split_once('=') else {
                return Err(TaggerError::Header {
                    message: "not key=value",
                    line: line.to_string(),
                });
            };
            let number = |v: &str| {
                v.parse::<u64>().map_err(|_| TaggerError::Header {
                    message: "not a number",
                    line: line.to_string(),
                })
            };
            match key {
                "feature_version" => version = Some(number(value)? as u32),
                "training_data" => h.training_data = value.to_string(),
                "seed" => h.seed = number(value)?,
                "epochs" => h.epochs = value.to_string(),
                "dev_scores" => h.dev_scores = value.to_string(),
                "biases" => {
                    let parts: Vec<Result<f32, _>> = value.split(',').map(str::parse).collect();
                    match parts.as_slice() {
                        [Ok(a), Ok(b), Ok(c), Ok(d)] => h.biases = [*a, *b, *c, *d],
                        _ => {
                            return Err(TaggerError::Header {
                                message: "biases must be four numbers",
                                line: line.to_string(),
                            })
                        }
                    }
                }
                "pos_model" => {
                    h.pos_model =
                        u64::from_str_radix(value, 16).map_err(|_| TaggerError::Header {
                            message: "pos_model is not a hexadecimal checksum",
                            line: line.to_string(),
                        })?
                }
                _ => {}
            }
        }
        h.feature_version = version.ok_or(TaggerError::Header {
            message: "feature_version missing",
            line: String::new(),
        })?;
        Ok(h)
    }
}

/// What pass 2 found for one cue: token ranges of its content pieces and sources.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CueTags {
    /// The cue, as a token index range.
    pub cue: Range<usize>,
    /// Content pieces of this cue, in text order (a quotation split around
    /// the cue gives two).
    pub contents: Vec<Range<usize>>,
    /// Source spans of this cue, in text order (usually one).
    pub sources: Vec<Range<usize>>,
}

/// Token ranges found by the tagger in one document.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tagged {
    /// Cue spans of pass 1, as token index ranges, in text order.
    pub cues: Vec<Range<usize>>,
    /// Source spans of pass 1, as token index ranges, in text order.
    pub sources: Vec<Range<usize>>,
    /// Pass 2: content and source of each cue, in the order of `cues`.
    pub attributions: Vec<CueTags>,
}

/// The trained attribution tagger: the cue and source chain (pass 1), the per-cue
/// content and source chain (pass 2), the POS model and the header.
#[derive(Debug, Clone, PartialEq)]
pub struct AttributionModel {
    pub(crate) header: ModelHeader,
    pub(crate) pos: PosModel,
    pub(crate) spans: LinearChain,
    pub(crate) content: LinearChain,
}

/// The paragraph (token range) containing token `i`.
pub(crate) fn paragraph_of(paragraphs: &[Range<usize>], i: usize) -> Option<Range<usize>> {
    let k = paragraphs.partition_point(|p| p.end <= i);
    paragraphs.get(k).filter(|p| p.contains(&i)).cloned()
}

/// Runs of B/I tags of `role` in a decoded path, offset by `base`.
pub(crate) fn runs(path: &[u8], role: usize, base: usize, out: &mut Vec<Range<usize>>) {
    let b = (1 + 2 * role) as u8;
    let i_tag = b + 1;
    let mut start: Option<usize> = None;
    for (k, &t) in path.iter().enumerate() {
        if t == b {
            if let Some(s) = start {
                out.push(base + s..base + k);
            }
            start = Some(k);
        } else if t != i_tag {
            if let Some(s) = start.take() {
                out.push(base + s..base + k);
            }
        }
    }
    if let Some(s) = start {
        out.push(base + s..base + path.len());
    }
}

/// First-pass marks of a document: 1 for cue tokens, 2 for source tokens.
pub(crate) fn marks_of(len: usize, cues: &[Range<usize>], sources: &[Range<usize>]) -> Vec<u8> {
    let mut marks = vec![0u8; len];
    for r in sources {
        for m in &mut marks[r.start.min(len)..r.end.min(len)] {
            *m = 2;
        }
    }
    for r in cues {
        for m in &mut marks[r.start.min(len)..r.end.min(len)] {
            *m = 1;
        }
    }
    marks
}

impl AttributionModel {
    /// The header of the model.
    pub fn header(&self) -> &ModelHeader {
        &self.header
    }

    /// Tag one analysed document.
    pub fn tag(&self, text: &str, analysis: &TextAnalysis) -> Tagged {
        self.tag_features(&DocumentFeatures::new(text, analysis, &self.pos))
    }

    /// Tag a document whose features are already computed.
    pub fn tag_features(&self, doc: &DocumentFeatures) -> Tagged {
        let mut out = Tagged::default();
        for p in &doc.paragraphs {
            let seq = doc.base_sequence(p.clone());
            let path = self.spans.decode_with_bias(&seq, &self.header.biases[..2]);
            runs(&path, 0, p.start, &mut out.cues);
            runs(&path, 1, p.start, &mut out.sources);
        }
        let marks = marks_of(doc.len(), &out.cues, &out.sources);
        // Scores of the cue-independent features, once per paragraph.
        let mut base: Option<(Range<usize>, Vec<f32>)> = None;
        for cue in &out.cues {
            let mut tags = CueTags {
                cue: cue.clone(),
                ..CueTags::default()
            };
            if let Some(p) = paragraph_of(&doc.paragraphs, cue.start) {
                if base.as_ref().is_none_or(|(q, _)| *q != p) {
                    let e = self.content.emissions(&doc.base_sequence(p.clone()));
                    base = Some((p.clone(), e));
                }
                let seq = doc.cue_sequence(p.clone(), cue.clone(), &marks, false);
                let mut e = self.content.emissions(&seq);
                if let Some((_, b)) = &base {
                    e.iter_mut().zip(b).for_each(|(x, y)| *x += y);
                }
                let path = self
                    .content
                    .decode_emissions(e, p.len(), &self.header.biases[2..]);
                runs(&path, 0, p.start, &mut tags.contents);
                runs(&path, 1, p.start, &mut tags.sources);
            }
            out.attributions.push(tags);
        }
        out
    }

    /// The model as file bytes.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
        let header = self.header.to_text();
        out.extend_from_slice(&(header.len() as u32).to_le_bytes());
        out.extend_from_slice(header.as_bytes());
        for chain in [&self.spans, &self.content] {
            write_chain(chain, &mut out);
        }
        out
    }

    /// Set the decoding biases: pass-1 cue and source, pass-2 content and source.
    pub fn set_biases(&mut self, biases: [f32; 4]) {
        self.header.biases = biases;
    }

    /// The POS model the tagger runs first.
    pub fn pos(&self) -> &PosModel {
        &self.pos
    }

    /// Read a model from file bytes, with the POS model it was trained with;
    /// refuses other formats, feature versions and POS models.
    pub fn from_bytes(bytes: &[u8], pos: PosModel) -> Result<Self, TaggerError> {
        let mut r = Reader { bytes, pos: 0 };
        if r.take(8, "magic").ok() != Some(&MAGIC[..]) {
            return Err(TaggerError::BadMagic {
                expected: "STMODEL\\0",
            });
        }
        let format = r.u32("format version")?;
        if format != FORMAT_VERSION {
            return Err(TaggerError::FormatVersion {
                found: format,
                expected: FORMAT_VERSION,
            });
        }
        let len = r.u32("header length")? as usize;
        let text = String::from_utf8_lossy(r.take(len, "header")?).into_owned();
        let header = ModelHeader::from_text(&text)?;
        if header.feature_version != FEATURE_VERSION {
            return Err(TaggerError::FeatureVersion {
                found: header.feature_version,
                expected: FEATURE_VERSION,
            });
        }
        let found = pos.checksum();
        if header.pos_model != found {
            return Err(TaggerError::PosMismatch {
                expected: header.pos_model,
                found,
            });
        }
        let spans = read_chain(&mut r, 0)?;
        let content = read_chain(&mut r, 1)?;
        if spans.roles != 2 || content.roles != 2 {
            return Err(TaggerError::Shape {
                chain: 0,
                message: "expected 2 roles (cue, source) then 2 roles (content, source of a cue)",
            });
        }
        Ok(AttributionModel {
            header,
            pos,
            spans,
            content,
        })
    }
}

fn write_chain(chain: &LinearChain, out: &mut Vec<u8>) {
    out.extend_from_slice(&(chain.roles as u32).to_le_bytes());
    out.extend_from_slice(&chain.buckets.to_le_bytes());
    out.extend_from_slice(&chain.scale.to_le_bytes());
    for t in &chain.transitions {
        out.extend_from_slice(&t.to_le_bytes());
    }
    write_weights(&chain.weights, out);
}

/// Write `i16` weights with zero runs coded as `i16::MIN` and a `u16` count.
pub(crate) fn write_weights(weights: &[i16], out: &mut Vec<u8>) {
    let mut zeros = 0u16;
    let flush = |zeros: &mut u16, out: &mut Vec<u8>| {
        if *zeros > 0 {
            out.extend_from_slice(&i16::MIN.to_le_bytes());
            out.extend_from_slice(&zeros.to_le_bytes());
            *zeros = 0;
        }
    };
    for &w in weights {
        if w == 0 {
            zeros += 1;
            if zeros == u16::MAX {
                flush(&mut zeros, out);
            }
        } else {
            flush(&mut zeros, out);
            out.extend_from_slice(&w.to_le_bytes());
        }
    }
    flush(&mut zeros, out);
}

fn read_chain(r: &mut Reader<'_>, index: usize) -> Result<LinearChain, TaggerError> {
    let roles = r.u32("chain roles")? as usize;
    let buckets = r.u32("chain buckets")?;
    if roles == 0 || roles > 8 || !buckets.is_power_of_two() || buckets > (1 << 24) {
        return Err(TaggerError::Shape {
            chain: index,
            message: "roles must be 1..=8 and buckets a power of two up to 2^24",
        });
    }
    let scale = f32::from_le_bytes(r.array("chain scale")?);
    let tags = tag_count(roles);
    let mut transitions = Vec::with_capacity((tags + 1) * tags);
    for _ in 0..(tags + 1) * tags {
        transitions.push(f32::from_le_bytes(r.array("transitions")?));
    }
    let weights = read_weights(r, buckets as usize * tags, index)?;
    Ok(LinearChain {
        roles,
        buckets,
        scale,
        weights,
        transitions,
    })
}

/// Read `total` zero-run-coded `i16` weights.
pub(crate) fn read_weights(
    r: &mut Reader<'_>,
    total: usize,
    index: usize,
) -> Result<Vec<i16>, TaggerError> {
    let mut weights = Vec::with_capacity(total);
    while weights.len() < total {
        let w = i16::from_le_bytes(r.array("weights")?);
        if w == i16::MIN {
            let n = u16::from_le_bytes(r.array("zero run")?) as usize;
            weights.extend(std::iter::repeat_n(0i16, n));
        } else {
            weights.push(w);
        }
    }
    if weights.len() != total {
        return Err(TaggerError::Shape {
            chain: index,
            message: "zero run overshoots the weight table",
        });
    }
    Ok(weights)
}

pub(crate) struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    pub(crate) fn new(bytes: &'a [u8]) -> Self {
        Reader { bytes, pos: 0 }
    }
    pub(crate) fn take(&mut self, n: usize, what: &'static str) -> Result<&'a [u8], TaggerError> {
        let end = self.pos.saturating_add(n);
        let s = self
            .bytes
            .get(self.pos..end)
            .ok_or(TaggerError::Truncated {
                what,
                need: end,
                len: self.bytes.len(),
            })?;
        self.pos = end;
        Ok(s)
    }
    pub(crate) fn array<const N: usize>(
        &mut self,
        what: &'static str,
    ) -> Result<[u8; N], TaggerError> {
        let mut a = [0u8; N];
        a.copy_from_slice(self.take(N, what)?);
        Ok(a)
    }
    pub(crate) fn u32(&mut self, what: &'static str) -> Result<u32, TaggerError> {
        Ok(u32::from_le_bytes(self.array(what)?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chain::quantize;
    use proptest::prelude::*;

    fn model(weights: &[f32], trans: &[f32], header: ModelHeader) -> AttributionModel {
        let buckets = 8u32;
        let w5: Vec<f32> = weights
            .iter()
            .cycle()
            .take(buckets as usize * 5)
            .copied()
            .collect();
        let w3: Vec<f32> = weights
            .iter()
            .rev()
            .cycle()
            .take(buckets as usize * 5)
            .copied()
            .collect();
        AttributionModel {
            header: ModelHeader {
                pos_model: PosModel::tiny().checksum(),
                ..header
            },
            pos: PosModel::tiny(),
            spans: quantize(
                2,
                buckets,
                &w5,
                trans.iter().cycle().take(30).copied().collect(),
            ),
            content: quantize(
                2,
                buckets,
                &w3,
                trans.iter().cycle().take(30).copied().collect(),
            ),
        }
    }

    proptest! {
        #[test]
        fn a_model_saved_and_loaded_is_identical(
            weights in proptest::collection::vec(prop_oneof![Just(0.0f32), -50.0f32..50.0], 1..80),
            trans in proptest::collection::vec(-5.0f32..5.0, 1..40),
            seed in any::<u64>(),
            note in "[a-z =0-9.,]{0,30}",
        ) {
            let header = ModelHeader {
                feature_version: FEATURE_VERSION,
                training_data: note.clone(),
                seed,
                epochs: "3".into(),
                dev_scores: note.clone(),
                pos_model: 0,
                biases: [seed as f32 / 7.0, -0.5, 1.25, 3.0],
            };
            let m = model(&weights, &trans, header);
            let bytes = m.to_bytes();
            let back = AttributionModel::from_bytes(&bytes, PosModel::tiny()).map_err(|e| TestCaseError::fail(e.to_string()))?;
            prop_assert_eq!(&back.header, &m.header);
            prop_assert_eq!(&back.spans, &m.spans);
            prop_assert_eq!(&back.content, &m.content);
            prop_assert_eq!(back.to_bytes(), bytes);
        }
    }

    #[test]
    fn header_lines_cannot_be_broken_by_newlines() {
        let header = ModelHeader {
            feature_version: FEATURE_VERSION,
            training_data: "a\nseed=9".into(),
            ..ModelHeader::default()
        };
        let m = model(&[1.0], &[0.5], header);
        let back = AttributionModel::from_bytes(&m.to_bytes(), PosModel::tiny()).expect("loads");
        assert_eq!(back.header().training_data, "a seed=9");
        assert_eq!(back.header().seed, 0);
    }

    #[test]
    fn a_different_pos_model_is_refused() {
        let header = ModelHeader {
            feature_version: FEATURE_VERSION,
            ..ModelHeader::default()
        };
        let mut m = model(&[1.0], &[0.5], header);
        m.header.pos_model ^= 1;
        assert!(matches!(
            AttributionModel::from_bytes(&m.to_bytes(), PosModel::tiny()),
            Err(TaggerError::PosMismatch { .. })
        ));
    }

    #[test]
    fn a_wrong_feature_version_is_refused() {
        let header = ModelHeader {
            feature_version: FEATURE_VERSION + 1,
            ..ModelHeader::default()
        };
        let bytes = model(&[1.0, -2.0], &[0.5], header).to_bytes();
        assert_eq!(
            AttributionModel::from_bytes(&bytes, PosModel::tiny()),
            Err(TaggerError::FeatureVersion {
                found: FEATURE_VERSION + 1,
                expected: FEATURE_VERSION
            })
        );
    }

    #[test]
    fn garbage_and_truncation_are_typed_errors() {
        assert!(matches!(
            AttributionModel::from_bytes(b"hello", PosModel::tiny()),
            Err(TaggerError::BadMagic { .. })
        ));
        let header = ModelHeader {
            feature_version: FEATURE_VERSION,
            ..ModelHeader::default()
        };
        let bytes = model(&[1.0, -2.0], &[0.5], header).to_bytes();
        assert!(matches!(
            AttributionModel::from_bytes(&bytes[..bytes.len() - 3], PosModel::tiny()),
            Err(TaggerError::Truncated { .. })
        ));
    }

    #[test]
    fn runs_split_at_b_and_o() {
        let mut out = Vec::new();
        runs(&[0, 1, 2, 1, 0, 3, 4, 1], 0, 10, &mut out);
        assert_eq!(out, vec![11..13, 13..14, 17..18]);
        let mut src = Vec::new();
        runs(&[0, 1, 2, 1, 0, 3, 4, 1], 1, 0, &mut src);
        assert_eq!(src, vec![5..7]);
    }
}
