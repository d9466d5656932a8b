//! Development tool: tag and score a TimeML directory with the TempEval-3 scorer port.
//!
//! ```text
//! cargo run --release -p sourcetrace-eval --example tempeval -- DIR [OUT_DIR] [--json]
//! ```
//!
//! With `OUT_DIR` the tagged files are written there, ready for
//! `python3 te3_score.py DIR OUT_DIR --errors`.

use sourcetrace_eval::tempeval;
use sourcetrace_time::TimeTagger;
use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let json = args.iter().any(|a| a == "--json");
    let paths: Vec<PathBuf> = args
        .iter()
        .filter(|a| !a.starts_with("--"))
        .map(PathBuf::from)
        .collect();
    let Some(dir) = paths.first() else {
        eprintln!("usage: tempeval DIR [OUT_DIR] [--json]");
        return ExitCode::from(2);
    };
    match tempeval::run(dir, paths.get(1).map(PathBuf::as_path), &TimeTagger::new()) {
        Ok(report) if json => match serde_json::to_string_pretty(&report) {
            Ok(s) => {
                println!("{s}");
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::from(2)
            }
        },
        Ok(report) => {
            println!("{report}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}
