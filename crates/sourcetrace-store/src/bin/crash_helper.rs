//! Test helper of the crash test (`tests/store.rs`), not a tool: stores the
//! synthetic documents `0..COUNT` in the store SPEC, `BATCH` per transaction,
//! and prints `inserted N, already stored M` when it is done. The test
//! SIGKILLs it at random moments and runs it again.
//!
//! Usage: `sourcetrace-store-crash-helper SPEC COUNT [BATCH]`

#[path = "../../tests/support/synthetic.rs"]
mod synthetic;

use sourcetrace_store::Store;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(spec), Some(count)) = (
        args.first(),
        args.get(1).and_then(|c| c.parse::<u64>().ok()),
    ) else {
        eprintln!("usage: sourcetrace-store-crash-helper SPEC COUNT [BATCH]");
        return ExitCode::from(2);
    };
    let batch = args
        .get(2)
        .and_then(|b| b.parse::<u64>().ok())
        .unwrap_or(1)
        .max(1);
    let mut store = match Store::open(spec) {
        Ok(store) => store,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    println!("open");
    let (mut inserted, mut already) = (0, 0);
    let mut next = 0;
    while next < count {
        let end = (next + batch).min(count);
        let docs: Vec<_> = (next..end).map(synthetic::document).collect();
        match store.put_batch(&docs) {
            Ok(outcomes) => {
                for outcome in outcomes {
                    if outcome.is_inserted() {
                        inserted += 1;
                    } else {
                        already += 1;
                    }
                }
            }
            Err(e) => {
                eprintln!("error: {e}");
                return ExitCode::from(2);
            }
        }
        next = end;
    }
    println!("inserted {inserted}, already stored {already}");
    ExitCode::SUCCESS
}
