//! `sourcetrace ingest`: analyse articles and store them in a corpus.

use crate::batch;
use crate::cli::IngestArgs;
use crate::extract::extractor;
use crate::pipeline::Pipeline;
use anyhow::{Context, Result};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use sourcetrace_core::Document;
use sourcetrace_store::{PutOutcome, Store};
use std::io::IsTerminal;
use std::process::ExitCode;

pub(crate) fn run(args: IngestArgs) -> Result<ExitCode> {
    let mut store = Store::open(&args.store.db)
        .with_context(|| format!("cannot open the store {}", args.store.db))?;
    store.defer_linking(args.bulk);
    let pipeline = Pipeline::new(extractor(args.model)?);
    let batch_size = args.batch.max(1);
    let mut pending: Vec<Document> = Vec::with_capacity(batch_size);
    let mut tally = Tally::default();
    let flush = |pending: &mut Vec<Document>, store: &mut Store, tally: &mut Tally| -> Result<()> {
        if pending.is_empty() {
            return Ok(());
        }
        let outcomes = store.put_batch(pending).with_context(|| {
            format!("{}: cannot store {} documents", store.name(), pending.len())
        })?;
        for outcome in outcomes {
            match outcome {
                PutOutcome::Inserted(_) => tally.stored += 1,
                PutOutcome::AlreadyStored(_) => tally.already += 1,
            }
        }
        pending.clear();
        Ok(())
    };
    let run = batch::process(
        &args.input,
        "ingest",
        |article| pipeline.document(article),
        |doc, _origin| {
            pending.push(doc);
            if pending.len() >= batch_size {
                flush(&mut pending, &mut store, &mut tally)?;
            }
            Ok(())
        },
    );
    // Whatever happened, store what was analysed before reporting.
    let stored_rest = flush(&mut pending, &mut store, &mut tally);
    let run = run?;
    stored_rest?;
    // Documents stored unlinked (this run with --bulk, a run killed before
    // its end, a store older than linking) join their stories now: minutes
    // for a million documents, under a spinner on a terminal.
    let spinner = linking_spinner(args.input.quiet);
    let linked = store.link_pending();
    spinner.finish_and_clear();
    let linked = linked.with_context(|| {
        format!(
            "{}: cannot link the new documents into stories and claims",
            store.name()
        )
    })?;
    if linked.documents > 0 {
        eprintln!(
            "ingest: linked {} documents and {} statements into stories and claims",
            linked.documents, linked.statements
        );
    }
    store.optimize().with_context(|| {
        format!(
            "{}: cannot update the search index statistics",
            store.name()
        )
    })?;
    let total = store.count().unwrap_or(0);
    eprintln!(
        "ingest: {}; {} stored, {} already in {} ({total} document{} in all)",
        run.summary("analysed"),
        tally.stored,
        tally.already,
        store.name(),
        if total == 1 { "" } else { "s" },
    );
    Ok(run.exit_code())
}

/// A spinner on stderr while stories and claims are linked, hidden when
/// asked or when stderr is not a terminal.
fn linking_spinner(quiet: bool) -> ProgressBar {
    if quiet || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let spinner = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
    if let Ok(style) = ProgressStyle::with_template("{spinner} {msg} · {elapsed}") {
        spinner.set_style(style);
    }
    spinner.set_message("linking stories and claims");
    spinner.enable_steady_tick(std::time::Duration::from_millis(120));
    spinner
}

#[derive(Default)]
struct Tally {
    stored: usize,
    already: usize,
}
