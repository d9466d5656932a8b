//! `sourcetrace train …`: learn the shipped models from an annotated corpus.

use crate::cli::{TrainAttributionArgs, TrainPosArgs};
use crate::eval::{predict, progress};
use anyhow::{Context, Result};
use indicatif::{ProgressBar, ProgressDrawTarget};
use sourcetrace_attrib::TrainedExtractor;
use sourcetrace_core::{CharOffsets, Span};
use sourcetrace_eval::polnear::{self, Article, CharSpan, Gold};
use sourcetrace_tagger::{
    train, train_pos, GoldSpans, PosDocument, PosModel, Progress, TrainConfig, TrainDocument,
};
use sourcetrace_text::TextAnalysis;
use std::collections::BTreeMap;
use std::process::ExitCode;
use std::time::Instant;

/// Byte offsets of every character offset of `text` (one past the end included).
fn char_to_byte(text: &str) -> Vec<usize> {
    let mut v: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
    v.push(text.len());
    v
}

/// Articles with their gold attributions in byte spans.
fn documents(articles: &[Article], gold: &Gold) -> Vec<TrainDocument> {
    articles
        .iter()
        .filter_map(|a| {
            let atts = gold.docs.get(&a.id)?;
            let map = char_to_byte(&a.text);
            let span = |c: Option<CharSpan>| -> Option<Span> {
                let (s, e) = c?;
                Some(Span::new(*map.get(s)?, *map.get(e)?))
            };
            Some(TrainDocument {
                text: a.text.clone(),
                attributions: atts
                    .iter()
                    .map(|t| GoldSpans {
                        source: span(t.source),
                        cue: span(t.cue),
                        content: span(t.content),
                    })
                    .collect(),
            })
        })
        .collect()
}

pub(crate) fn attribution(args: TrainAttributionArgs) -> Result<ExitCode> {
    let started = Instant::now();
    let given: Option<[f32; 4]> = match args.biases.as_deref() {
        None => None,
        Some(b) => Some(<[f32; 4]>::try_from(b).map_err(|_| {
            anyhow::anyhow!("--biases takes four numbers (A,B,C,D), got {}", b.len())
        })?),
    };
    let train_dir = polnear::split_dir(&args.polnear, "train")?;
    let dev_dir = polnear::split_dir(&args.polnear, "dev")?;
    let train_articles = polnear::read_texts(&train_dir)?;
    let dev_articles = polnear::read_texts(&dev_dir)?;
    let train_docs = documents(&train_articles, &polnear::load_gold(&train_dir)?);
    let dev_gold = polnear::load_gold(&dev_dir)?;
    let dev_docs = documents(&dev_articles, &dev_gold);
    eprintln!(
        "training on {} articles ({} attributions), early stopping on {} dev articles",
        train_docs.len(),
        train_docs
            .iter()
            .map(|d| d.attributions.len())
            .sum::<usize>(),
        dev_docs.len()
    );
    let config = TrainConfig {
        seed: args.seed,
        max_epochs: args.max_epochs,
        patience: args.patience,
        training_data: format!(
            "PolNeAR v1.0.0 train ({} articles, first annotator), dev ({} articles) for early stopping and decoding biases",
            train_docs.len(),
            dev_docs.len()
        ),
        ..TrainConfig::default()
    };
    let pos_bytes = std::fs::read(&args.pos).with_context(|| {
        format!(
            "{}: cannot read the POS model\nhint: train it first with `sourcetrace train pos --polnear DIR`",
            args.pos.display()
        )
    })?;
    let pos = PosModel::from_bytes(&pos_bytes)
        .with_context(|| format!("{}: not a usable POS model", args.pos.display()))?;
    let mut bar: ProgressBar = ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden());
    let mut epoch_started = Instant::now();
    let mut model = train(&train_docs, &dev_docs, &config, &pos, &mut |p| match p {
        Progress::PassStarted { pass, total } => {
            bar.finish_and_clear();
            bar = progress(total, pass);
            epoch_started = Instant::now();
        }
        Progress::Step { done } => bar.set_position(done as u64),
        Progress::Epoch(r) => {
            let scores: Vec<String> = r
                .dev_f1
                .iter()
                .map(|(name, f)| format!("{name} {f:.3}"))
                .collect();
            bar.suspend(|| {
                eprintln!(
                    "{:10} epoch {:2}: {:5} mistakes, dev exact-span F1 {}{} ({:.1} s)",
                    r.pass,
                    r.epoch,
                    r.mistakes,
                    scores.join(", "),
                    if r.best { " *" } else { "" },
                    epoch_started.elapsed().as_secs_f64()
                )
            });
            bar.set_position(0);
            epoch_started = Instant::now();
        }
    })
    .context("training failed")?;
    bar.finish_and_clear();
    let train_seconds = started.elapsed().as_secs_f64();

    // Score on dev exactly as `eval polnear` does.
    let texts: BTreeMap<String, String> = dev_articles
        .iter()
        .map(|a| (a.id.clone(), a.text.clone()))
        .collect();
    let names = [
        ("source_exact", "role/source/exact"),
        ("cue_exact", "role/cue/exact"),
        ("content_exact", "role/content/exact"),
        ("source_overlap", "role/source/overlap"),
        ("cue_overlap", "role/cue/overlap"),
        ("content_overlap", "role/content/overlap"),
        ("whole_exact", "attr/full/exact"),
        ("whole_overlap", "attr/full/overlap"),
    ];
    let dev_scores = |model: &sourcetrace_tagger::AttributionModel| {
        let extractor = TrainedExtractor::new(model.clone());
        let pred = predict(&extractor, &dev_articles, &ProgressBar::hidden());
        polnear::score(&dev_gold, &texts, &pred, false)
    };
    // The objective of the acceptance targets: three exact role F1s and the
    // whole-attribution overlap F1.
    let objective = |s: &polnear::Scores| {
        s.f1("role/source/exact")
            + s.f1("role/cue/exact")
            + s.f1("role/content/exact")
            + s.f1("attr/full/overlap")
    };
    // Tune the decoding biases on dev by coordinate ascent (pass-1 cue and
    // source, pass-2 content and source).
    let mut biases = given.unwrap_or([0f32; 4]);
    model.set_biases(biases);
    let mut best = objective(&dev_scores(&model));
    eprintln!("biases {biases:?}: dev objective {best:.4}");
    // Given biases are used as they are; otherwise three rounds of search.
    let rounds = if given.is_some() { 0 } else { 3 };
    for _round in 0..rounds {
        for k in 0..4 {
            for step in [-64.0f32, -32.0, -16.0, 16.0, 32.0, 64.0, 128.0, 256.0] {
                let mut trial = biases;
                trial[k] += step;
                model.set_biases(trial);
                let o = objective(&dev_scores(&model));
                if o > best + 1e-4 {
                    best = o;
                    biases = trial;
                    eprintln!("biases {biases:?}: dev objective {best:.4} *");
                }
            }
        }
    }
    model.set_biases(biases);
    let scores = dev_scores(&model);
    let line: Vec<String> = names
        .iter()
        .map(|(short, name)| format!("{short} {:.3}", scores.f1(name)))
        .collect();
    let line = format!("PolNeAR dev F1: {}", line.join(", "));
    eprintln!("{line}");
    model.set_dev_scores(line);
    let bytes = model.to_bytes();
    write_model(&args.out, &bytes)?;
    eprintln!(
        "wrote {} ({} bytes; epochs kept: {}) after {:.1} s of training",
        args.out.display(),
        bytes.len(),
        model.header().epochs,
        train_seconds
    );
    Ok(ExitCode::SUCCESS)
}

/// Articles of one split with the silver POS tag of each of our tokens.
fn pos_documents(dir: &std::path::Path, split: &str) -> Result<Vec<PosDocument>> {
    let split_dir = polnear::split_dir(dir, split)?;
    let mut out = Vec::new();
    for article in polnear::read_texts(&split_dir)? {
        let Some(silver) = polnear::read_silver_tokens(dir, split, &article.id)? else {
            continue;
        };
        let analysis = TextAnalysis::new(&article.text);
        let chars = CharOffsets::new(&article.text);
        let tags = analysis
            .tokens
            .iter()
            .map(|t| {
                let c = chars.char_of(t.span.start);
                let k = silver.partition_point(|s| s.span.1 <= c);
                silver
                    .get(k)
                    .filter(|s| s.span.0 <= c)
                    .map(|s| s.pos.clone())
            })
            .collect();
        out.push(PosDocument {
            text: article.text,
            tags,
        });
    }
    Ok(out)
}

pub(crate) fn pos(args: TrainPosArgs) -> Result<ExitCode> {
    let started = Instant::now();
    let train_docs = pos_documents(&args.polnear, "train")?;
    let dev_docs = pos_documents(&args.polnear, "dev")?;
    eprintln!(
        "training the POS tagger on {} articles with silver tags, early stopping on {} dev articles",
        train_docs.len(),
        dev_docs.len()
    );
    let mut best_dev = 0f64;
    let mut model = train_pos(
        &train_docs,
        &dev_docs,
        args.seed,
        args.max_epochs,
        1 << 15,
        &mut |e| {
            if e.best {
                best_dev = e.dev_accuracy;
            }
            eprintln!(
                "pos epoch {:2}: train accuracy {:.4}, dev accuracy {:.4}{}",
                e.epoch,
                e.train_accuracy,
                e.dev_accuracy,
                if e.best { " *" } else { "" }
            )
        },
    )
    .context("POS training failed")?;
    model.set_description(&format!(
        "PolNeAR v1.0.0 train ({} articles), silver CoreNLP POS aligned to our tokens; dev ({} articles) for early stopping; {}; dev accuracy vs silver {:.4}",
        train_docs.len(),
        dev_docs.len(),
        model.description(),
        best_dev
    ));
    let bytes = model.to_bytes();
    write_model(&args.out, &bytes)?;
    eprintln!(
        "wrote {} ({} bytes, {} tags) after {:.1} s",
        args.out.display(),
        bytes.len(),
        model.tag_names().len(),
        started.elapsed().as_secs_f64()
    );
    Ok(ExitCode::SUCCESS)
}

/// Write a model file, creating its folder when needed.
fn write_model(out: &std::path::Path, bytes: &[u8]) -> Result<()> {
    if let Some(parent) = out.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("{}: cannot create folder", parent.display()))?;
    }
    std::fs::write(out, bytes).with_context(|| format!("{}: cannot write model", out.display()))
}
