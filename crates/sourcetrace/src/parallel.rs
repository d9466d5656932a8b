//! Run one function over a stream of items on several threads, with bounded
//! memory, handing the results back in input order (or as they finish).
//!
//! One thread pulls items from the source (a reader of a multi-gigabyte WARC,
//! say), `jobs` workers map them, and the calling thread receives the results.
//! At most `window` items are between the source and the caller at any time,
//! so a slow item never lets the reorder buffer or the queue grow without
//! bound.

use std::collections::BTreeMap;
use std::sync::mpsc::{sync_channel, Receiver};
use std::sync::{Arc, Mutex};
use std::thread;

/// What the consumer tells the run after each result.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Flow {
    /// Go on with the next result.
    Continue,
    /// Stop: no further item is read; results already computed are dropped.
    Stop,
}

/// Map every item of `source` with `work` on `jobs` threads and pass each
/// result to `consume`, in source order when `ordered`, else as soon as it is
/// ready. Returns the first error `consume` returns.
pub(crate) fn for_each<S, I, R, E>(
    source: S,
    jobs: usize,
    ordered: bool,
    work: impl Fn(I) -> R + Sync,
    mut consume: impl FnMut(R) -> Result<Flow, E>,
) -> Result<(), E>
where
    S: Iterator<Item = I> + Send,
    I: Send,
    R: Send,
{
    let jobs = jobs.max(1);
    if jobs == 1 {
        for item in source {
            if consume(work(item))? == Flow::Stop {
                break;
            }
        }
        return Ok(());
    }
    let window = jobs * 16;
    thread::scope(|scope| {
        // Credits bound the items in flight: the source takes one per item,
        // the consumer gives one back per result consumed.
        let (credit_tx, credit_rx) = sync_channel::<()>(window);
        for _ in 0..window {
            // Cannot fail: the channel has room for `window` credits.
            let _ = credit_tx.send(());
        }
        let (work_tx, work_rx) = sync_channel::<(usize, I)>(window);
        let work_rx = Arc::new(Mutex::new(work_rx));
        let (done_tx, done_rx) = sync_channel::<(usize, R)>(window);

        scope.spawn(move || {
            for (seq, item) in source.enumerate() {
                if credit_rx.recv().is_err() || work_tx.send((seq, item)).is_err() {
                    break; // the consumer stopped
                }
            }
        });
        for _ in 0..jobs {
            let work_rx = Arc::clone(&work_rx);
            let done_tx = done_tx.clone();
            let work = &work;
            scope.spawn(move || loop {
                let next = match work_rx.lock() {
                    Ok(rx) => rx.recv(),
                    Err(_) => return,
                };
                let Ok((seq, item)) = next else { return };
                if done_tx.send((seq, work(item))).is_err() {
                    return;
                }
            });
        }
        drop(done_tx);
        consume_results(done_rx, ordered, &credit_tx, &mut consume)
        // Leaving the scope drops the receivers, so a stopped run's threads end.
    })
}

fn consume_results<R, E>(
    done: Receiver<(usize, R)>,
    ordered: bool,
    credits: &std::sync::mpsc::SyncSender<()>,
    consume: &mut impl FnMut(R) -> Result<Flow, E>,
) -> Result<(), E> {
    let mut pending = BTreeMap::new();
    let mut next = 0usize;
    let mut give = |result: R| -> Result<Flow, E> {
        let flow = consume(result)?;
        let _ = credits.try_send(());
        Ok(flow)
    };
    for (seq, result) in done.iter() {
        if !ordered {
            if give(result)? == Flow::Stop {
                return Ok(());
            }
            continue;
        }
        pending.insert(seq, result);
        while let Some(result) = pending.remove(&next) {
            next += 1;
            if give(result)? == Flow::Stop {
                return Ok(());
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::{for_each, Flow};

    #[test]
    fn ordered_results_keep_input_order() {
        for jobs in [1, 2, 4] {
            let mut seen = Vec::new();
            for_each(
                0..500u64,
                jobs,
                true,
                |i| {
                    // Uneven work so that later items often finish first.
                    std::thread::sleep(std::time::Duration::from_micros((i * 7919) % 300));
                    i * 2
                },
                |r| {
                    seen.push(r);
                    Ok::<_, ()>(Flow::Continue)
                },
            )
            .expect("the consumer never fails");
            assert_eq!(seen, (0..500u64).map(|i| i * 2).collect::<Vec<_>>());
        }
    }

    #[test]
    fn unordered_results_are_all_delivered_once() {
        let mut seen = Vec::new();
        for_each(
            0..300u32,
            3,
            false,
            |i| i,
            |r| {
                seen.push(r);
                Ok::<_, ()>(Flow::Continue)
            },
        )
        .expect("the consumer never fails");
        seen.sort_unstable();
        assert_eq!(seen, (0..300).collect::<Vec<_>>());
    }

    #[test]
    fn stop_ends_the_run_early_and_errors_pass_through() {
        let mut count = 0;
        for_each(
            0..1_000_000u32,
            2,
            true,
            |i| i,
            |_| {
                count += 1;
                Ok::<_, ()>(if count == 10 {
                    Flow::Stop
                } else {
                    Flow::Continue
                })
            },
        )
        .expect("the consumer never fails");
        assert_eq!(count, 10);
        let err = for_each(
            0..100u32,
            2,
            true,
            |i| i,
            |i| {
                if i == 3 {
                    Err("broken pipe")
                } else {
                    Ok(Flow::Continue)
                }
            },
        );
        assert_eq!(err, Err("broken pipe"));
    }
}
