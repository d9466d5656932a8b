//! The `sourcetrace` command line: argument parsing, printing and exit codes.
//!
//! Exit codes: 0 success; 1 a completed run in which some documents failed
//! (or a negative answer); 2 an error (bad arguments, nothing could be read). A closed pipe on
//! stdout ends the program quietly.

mod batch;
mod cli;
mod eval;
mod eval_clusters;
mod export;
mod extract;
mod ingest;
mod output;
mod parallel;
mod pipeline;
mod query;
mod times;
mod train;

use clap::Parser;
use std::io;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args = cli::Cli::parse();
    let result = match args.command {
        cli::Command::Extract(a) => extract::run(a),
        cli::Command::Times(a) => times::run(a),
        cli::Command::Ingest(a) => ingest::run(a),
        cli::Command::Search(a) => query::search(a),
        cli::Command::Sources(a) => query::sources(a),
        cli::Command::Timeline(a) => query::timeline(a),
        cli::Command::Story(a) => query::story(a),
        cli::Command::Trace(a) => query::trace(a),
        cli::Command::Export(a) => export::run(a),
        cli::Command::Eval(e) => match e.corpus {
            cli::EvalCorpus::Polnear(a) => eval::polnear(a),
            cli::EvalCorpus::Tempeval(a) => eval::tempeval(a),
            cli::EvalCorpus::Resolution(a) => eval::resolution(a),
            cli::EvalCorpus::Extraction(a) => eval::extraction(a),
            cli::EvalCorpus::Clusters(a) => eval_clusters::run(a),
        },
        cli::Command::Train(t) => match t.what {
            cli::TrainWhat::Attribution(a) => train::attribution(a),
            cli::TrainWhat::Pos(a) => train::pos(a),
        },
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            if is_broken_pipe(&err) {
                return ExitCode::SUCCESS;
            }
            eprintln!("error: {err:#}");
            ExitCode::from(2)
        }
    }
}

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<io::Error>()
            .is_some_and(|e| e.kind() == io::ErrorKind::BrokenPipe)
    })
}
