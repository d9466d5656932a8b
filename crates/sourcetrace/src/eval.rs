//! `sourcetrace eval …`: accuracy on annotated corpora.

use crate::cli::{ExtractionArgs, Format, PolnearArgs, ResolutionArgs, TempevalArgs};
use crate::extract::extractor;
use anyhow::{Context, Result};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use sourcetrace_attrib::Extractor;
use sourcetrace_core::CharOffsets;
use sourcetrace_eval::polnear::{self, Article, Predictions, SpanTriple};
use sourcetrace_text::TextAnalysis;
use std::collections::BTreeMap;
use std::io::{self, IsTerminal, Write};
use std::process::ExitCode;
use std::time::Instant;

/// A progress bar on stderr, hidden when stderr is not a terminal.
pub(crate) fn progress(len: usize, what: &str) -> ProgressBar {
    let bar = ProgressBar::new(len as u64);
    if io::stderr().is_terminal() {
        bar.set_draw_target(ProgressDrawTarget::stderr());
        if let Ok(style) =
            ProgressStyle::with_template("{prefix} {bar:40} {pos}/{len} {per_sec} eta {eta}")
        {
            bar.set_style(style);
        }
        bar.set_prefix(what.to_string());
    } else {
        bar.set_draw_target(ProgressDrawTarget::hidden());
    }
    bar
}

/// Extract every article with `extractor`, in character offsets for the scorer.
pub(crate) fn predict(
    extractor: &dyn Extractor,
    articles: &[Article],
    bar: &ProgressBar,
) -> Predictions {
    let mut pred: Predictions = BTreeMap::new();
    for article in articles {
        let analysis = TextAnalysis::new(&article.text);
        let atts = extractor.extract(&article.text, &analysis);
        let map = CharOffsets::new(&article.text);
        let ch = |s: sourcetrace_core::Span| Some((map.char_of(s.start), map.char_of(s.end)));
        pred.insert(
            article.id.clone(),
            atts.iter()
                .map(|a| SpanTriple {
                    source: a.source.as_ref().and_then(|s| ch(s.span)),
                    cue: ch(a.cue),
                    content: ch(a.content.span),
                })
                .collect(),
        );
        bar.inc(1);
    }
    pred
}

pub(crate) fn polnear(args: PolnearArgs) -> Result<ExitCode> {
    let split = polnear::split_dir(&args.dir, &args.split)?;
    let articles = polnear::read_texts(&split)?;
    let extractor = extractor(args.model)?;

    // Extraction sees only the texts.
    let bar = progress(articles.len(), "extracting");
    let started = Instant::now();
    let pred = predict(extractor.as_ref(), &articles, &bar);
    let seconds = started.elapsed().as_secs_f64();
    bar.finish_and_clear();
    let per_second = articles.len() as f64 / seconds.max(1e-9);
    // The first pass also pays for one-time set-up (lexicon tables built on
    // first use, the model's pages read in); two more passes give the warm
    // throughput, the fastest of the three (the machine is shared).
    let mut warm = seconds;
    for _ in 0..2 {
        let started = Instant::now();
        std::hint::black_box(predict(
            extractor.as_ref(),
            &articles,
            &ProgressBar::hidden(),
        ));
        warm = warm.min(started.elapsed().as_secs_f64());
    }
    let warm_per_second = articles.len() as f64 / warm.max(1e-9);

    if let Some(path) = &args.write_predictions {
        let json = serde_json::to_string(&polnear::predictions_to_json(&pred))?;
        std::fs::write(path, json)
            .with_context(|| format!("{}: cannot write predictions", path.display()))?;
    }

    // What source resolution costs: the whole analysis (extraction,
    // resolution, notices) of the same texts with and without it,
    // alternately, three times; the fastest run of each (the machine is
    // shared, so the minimum is the least disturbed).
    let mut fastest = [f64::INFINITY; 2];
    for _ in 0..3 {
        for (slot, resolve) in [(0, false), (1, true)] {
            let started = Instant::now();
            for a in &articles {
                std::hint::black_box(sourcetrace_attrib::analyze_with(
                    extractor.as_ref(),
                    &a.id,
                    &a.text,
                    resolve,
                ));
            }
            fastest[slot] = fastest[slot].min(started.elapsed().as_secs_f64());
        }
    }
    let [unresolved_rate, resolved_rate] = fastest.map(|s| articles.len() as f64 / s.max(1e-9));

    let gold = polnear::load_gold(&split)?;
    let texts: BTreeMap<String, String> = articles.into_iter().map(|a| (a.id, a.text)).collect();
    let scores = polnear::score(&gold, &texts, &pred, args.strict);
    let mut out = io::stdout().lock();
    match args.format {
        Format::Json | Format::Jsonl => {
            let json = serde_json::json!({
                "split": args.split,
                "model": extractor.name(),
                "docs": scores.docs,
                "attributions": scores.gold_attributions,
                "without_source": scores.gold_without_source,
                "metrics": scores.to_json(),
                "articles_per_second": per_second,
                "seconds": seconds,
                "warm_best_of_3_articles_per_second": warm_per_second,
                "best_of_3": {
                    "without_resolution_articles_per_second": unresolved_rate,
                    "with_resolution_articles_per_second": resolved_rate,
                },
            });
            writeln!(out, "{json}")?;
        }
        Format::Text => {
            writeln!(
                out,
                "# split={} docs={} attributions={} without_source={} multi_annotated_docs={} dropped_events={} model={}",
                args.split,
                scores.docs,
                scores.gold_attributions,
                scores.gold_without_source,
                gold.multi_annotated,
                gold.dropped_events,
                extractor.name()
            )?;
            write!(out, "{}", scores.table())?;
            writeln!(
                out,
                "# speed: {} articles in {:.3} s = {:.0} articles/s (one thread, extraction only; first pass); best of 3 passes {:.0} articles/s",
                scores.docs, seconds, per_second, warm_per_second
            )?;
            writeln!(
                out,
                "# speed, analysis best of 3 alternating runs: without source resolution {:.0} articles/s, with it {:.0} articles/s ({:.0}%)",
                unresolved_rate,
                resolved_rate,
                100.0 * resolved_rate / unresolved_rate.max(1e-9)
            )?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub(crate) fn tempeval(args: TempevalArgs) -> Result<ExitCode> {
    let tagger = sourcetrace_time::TimeTagger::new();
    let report = sourcetrace_eval::tempeval::run(&args.dir, args.write.as_deref(), &tagger)?;
    let mut out = io::stdout().lock();
    match args.format {
        Format::Json | Format::Jsonl => writeln!(out, "{}", serde_json::to_string(&report)?)?,
        Format::Text => writeln!(out, "{report}")?,
    }
    Ok(ExitCode::SUCCESS)
}

pub(crate) fn resolution(args: ResolutionArgs) -> Result<ExitCode> {
    use sourcetrace_eval::resolution::{self, Prediction};
    let labels = resolution::read_labels(&args.labels)?;
    let split = polnear::split_dir(&args.polnear, &args.split)?;
    let mut predictions = BTreeMap::new();
    let docs: std::collections::BTreeSet<&str> = labels.iter().map(|l| l.doc.as_str()).collect();
    for doc in docs {
        let text_path = split.join("text").join(format!("{doc}.txt"));
        let text = std::fs::read_to_string(&text_path).with_context(|| {
            format!("{}: cannot read the labelled article", text_path.display())
        })?;
        let ann = polnear::first_annotation(&split, doc)?;
        let map = CharOffsets::new(&text);
        let byte = |c: usize| map.byte_of(c).unwrap_or(text.len());
        // Every gold source of the document, so the resolver sees the same antecedents a reader does.
        let spans: Vec<(usize, usize)> = ann.iter().filter_map(|a| a.source).collect();
        let byte_spans: Vec<sourcetrace_core::Span> = spans
            .iter()
            .map(|&(s, e)| sourcetrace_core::Span::new(byte(s), byte(e)))
            .collect();
        let resolved = sourcetrace_attrib::resolve_mentions(&text, &byte_spans);
        for (&(s, e), source) in spans.iter().zip(resolved) {
            predictions.insert(
                (doc.to_string(), s, e),
                Prediction {
                    name: source.name,
                    kind: source.kind.as_str().to_string(),
                },
            );
        }
    }
    let report = resolution::score(&labels, &predictions);
    let mut out = io::stdout().lock();
    match args.format {
        Format::Json | Format::Jsonl => {
            let json = serde_json::json!({
                "labels": report.total,
                "correct": report.correct,
                "accuracy": report.accuracy(),
                "by_note": report.by_note,
            });
            writeln!(out, "{json}")?;
        }
        Format::Text => {
            for (label, predicted) in &report.errors {
                writeln!(
                    out,
                    "wrong  {}:{}-{}  {:?} -> {:?} (gold {:?}, {})",
                    label.doc,
                    label.start,
                    label.end,
                    label.mention,
                    predicted,
                    label.referent,
                    label.note
                )?;
            }
            for (note, (correct, total)) in &report.by_note {
                writeln!(
                    out,
                    "{note:<12} {correct:>4}/{total:<4} {:.3}",
                    *correct as f64 / (*total).max(1) as f64
                )?;
            }
            writeln!(
                out,
                "{:<12} {:>4}/{:<4} {:.3}",
                "all",
                report.correct,
                report.total,
                report.accuracy()
            )?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub(crate) fn extraction(args: ExtractionArgs) -> Result<ExitCode> {
    use sourcetrace_eval::extraction;
    let pages = extraction::read_pages(&args.dir)?;
    let extractor = sourcetrace_html::HtmlExtractor::new();

    // Extraction sees only the pages; the ground truth is read afterwards.
    let bar = progress(pages.len(), "extracting");
    let started = Instant::now();
    let mut bodies = extraction::Bodies::new();
    let (mut headline, mut date, mut outlet, mut failed) = (0usize, 0usize, 0usize, 0usize);
    for page in &pages {
        let html = sourcetrace_html::decode(&page.bytes);
        let body = match extractor.extract(&html, None) {
            Ok(article) => {
                let m = &article.metadata;
                headline += usize::from(m.headline.is_some());
                date += usize::from(m.published.is_some());
                outlet += usize::from(m.outlet.is_some());
                article.body
            }
            Err(e) => {
                failed += 1;
                bar.suspend(|| eprintln!("warning: {}: {e}", page.id));
                let m = extractor.metadata(&html, None);
                headline += usize::from(m.headline.is_some());
                date += usize::from(m.published.is_some());
                outlet += usize::from(m.outlet.is_some());
                String::new()
            }
        };
        bodies.insert(page.id.clone(), body);
        bar.inc(1);
    }
    let seconds = started.elapsed().as_secs_f64();
    bar.finish_and_clear();
    let per_second = pages.len() as f64 / seconds.max(1e-9);

    if let Some(path) = &args.write_predictions {
        let json = serde_json::to_string(&extraction::bodies_to_json(&bodies))?;
        std::fs::write(path, json)
            .with_context(|| format!("{}: cannot write predictions", path.display()))?;
    }

    let truth_path = args.dir.join("ground-truth.json");
    let scores = if truth_path.is_file() {
        Some(extraction::score(
            &extraction::read_bodies(&truth_path)?,
            &bodies,
        ))
    } else {
        None
    };
    let n = pages.len().max(1) as f64;
    let coverage = serde_json::json!({
        "headline": headline as f64 / n,
        "published": date as f64 / n,
        "outlet": outlet as f64 / n,
    });
    let mut out = io::stdout().lock();
    match args.format {
        Format::Json | Format::Jsonl => {
            let json = serde_json::json!({
                "pages": pages.len(),
                "failed": failed,
                "scores": scores,
                "metadata_coverage": coverage,
                "pages_per_second": per_second,
                "seconds": seconds,
            });
            writeln!(out, "{json}")?;
        }
        Format::Text => {
            match &scores {
                Some(s) => writeln!(out, "{}", s.line())?,
                None => writeln!(
                    out,
                    "pages {}  (no ground-truth.json: not scored)",
                    pages.len()
                )?,
            }
            writeln!(
                out,
                "# metadata found: headline {headline}/{p}  published {date}/{p}  outlet {outlet}/{p}  (no body: {failed})",
                p = pages.len()
            )?;
            writeln!(
                out,
                "# speed: {} pages in {:.3} s = {:.1} pages/s (one thread, decoding and extraction)",
                pages.len(),
                seconds,
                per_second
            )?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
