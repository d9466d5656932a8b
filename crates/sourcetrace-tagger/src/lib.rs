//! Linear sequence models for sourcetrace: features, training, decoding and
//! versioned model files.
//!
//! The pipeline of the trained attribution tagger:
//!
//! 1. [`PosModel`] tags parts of speech (greedy averaged perceptron trained
//!    on silver tags), then [`DocumentFeatures`] computes hashed features for every token of an
//!    analysed document (word, affixes, shape, the cue [`lexicon`], quotation
//!    state, sentence and paragraph position, capitalized runs and titles).
//! 2. Pass 1, a [`LinearChain`] over each paragraph, tags cues and sources
//!    (BIO); pass 2, another chain, runs once per cue and tags that cue's
//!    content and source, with features relative to the cue.
//! 3. [`AttributionModel::tag`] returns the spans as token ranges ([`Tagged`],
//!    one [`CueTags`] per cue); turning them into attributions is the job of
//!    `sourcetrace-attrib`.
//!
//! [`train()`] learns a model with a structured averaged perceptron (shuffled,
//! deterministic for a seed, stopped early on dev). [`AttributionModel::to_bytes`]
//! and [`AttributionModel::from_bytes`] write and read the model file, whose
//! header records the feature version: a model trained with other features is
//! refused ([`TaggerError::FeatureVersion`]).
//!
//! ```
//! use sourcetrace_tagger::{train, train_pos, GoldSpans, PosDocument, TrainConfig, TrainDocument, AttributionModel};
//! use sourcetrace_core::Span;
//! use sourcetrace_text::TextAnalysis;
//!
//! let text = "The mayor said the bridge would close.";
//! let doc = TrainDocument {
//!     text: text.into(),
//!     attributions: vec![GoldSpans {
//!         source: Some(Span::new(0, 9)),
//!         cue: Some(Span::new(10, 14)),
//!         content: Some(Span::new(15, 37)),
//!     }],
//! };
//! let tags = ["DT", "NN", "VBD", "DT", "NN", "MD", "VB", "."];
//! let pos_doc = PosDocument { text: text.into(), tags: tags.iter().map(|t| Some(t.to_string())).collect() };
//! let pos = train_pos(&[pos_doc.clone()], &[pos_doc], 1, 5, 1 << 10, &mut |_| {}).unwrap();
//! let config = TrainConfig { span_buckets: 1 << 10, content_buckets: 1 << 10, ..TrainConfig::default() };
//! let model = train(&[doc.clone()], &[doc], &config, &pos, &mut |_| {}).unwrap();
//! let again = AttributionModel::from_bytes(&model.to_bytes(), pos).unwrap();
//! let tagged = again.tag(text, &TextAnalysis::new(text));
//! assert_eq!(tagged.cues, vec![2..3]);
//! ```
#![deny(missing_docs)]

mod chain;
mod error;
mod features;
mod hash;
pub mod lexicon;
mod model;
mod pos;
mod train;
mod word;

pub use chain::{allowed, path_score, tag_count, viterbi, LinearChain, Sequence};
pub use error::TaggerError;
pub use features::{DocumentFeatures, FEATURE_VERSION};
pub use model::{AttributionModel, CueTags, ModelHeader, Tagged};
pub use pos::{train_pos, PosDocument, PosEpoch, PosModel, POS_FEATURE_VERSION};
pub use train::{token_range, train, EpochReport, GoldSpans, Progress, TrainConfig, TrainDocument};
