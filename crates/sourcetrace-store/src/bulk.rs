//! Linking many documents at once: the stories and claims of every stored
//! document not linked yet, found in memory and written in key order.
//!
//! Linking as documents arrive ([`crate::link`]) files each band key where
//! it falls in a B-tree of tens of millions of keys: every key touches its own
//! page, and storing slows as the store grows (an earlier measurement in
//! SQLite: 422 documents/s for the first 50,000, 132/s on average to
//! 250,000). A bulk load
//! ([`crate::Store::defer_linking`]) stores documents without linking; this
//! pass then links them all:
//!
//! 1. the signatures of the linked items are read, and the pending items are
//!    signed (on every core);
//! 2. every band key is sorted with its items, and only keys shared by two
//!    items or more are kept (most keys are unique);
//! 3. pending items are joined in id order as they would have been one by
//!    one: the candidates are the most recent [`PER_BAND`] earlier items under
//!    each shared key, at most [`PER_GROUP`] of each group are compared, and
//!    a match joins (or merges groups into) the oldest group, tracked by a
//!    union-find over groups;
//! 4. signatures, band keys (sorted, so the band B-tree grows at its end or
//!    in one sweep) and group ids are written in one transaction.
//!
//! A store with few pending documents links them one by one instead
//! ([`SMALL`]): reading every stored signature would cost more.

use crate::error::BackendError;
use crate::link::{linker, Group, LinkOps, CANDIDATE_LIMIT, PER_BAND, PER_GROUP};
use sourcetrace_corpus::Signature;
use std::collections::HashMap;

/// At most this many pending documents are linked one by one by default.
pub(crate) const SMALL: usize = 1000;

/// Rows read per query when paging through a table.
pub(crate) const PAGE: i64 = 5000;

/// What a bulk link needs of a backend, inside one transaction.
pub(crate) trait BulkOps {
    /// Up to `limit` items of `group` not linked yet with an id above `after`,
    /// in id order: a document's text, or a statement's content.
    fn pending(
        &mut self,
        group: Group,
        after: i64,
        limit: i64,
    ) -> Result<Vec<(i64, String)>, BackendError>;
    /// Up to `limit` linked items with a signature and an id above `after`,
    /// in id order: item, group and signature.
    fn linked(
        &mut self,
        group: Group,
        after: i64,
        limit: i64,
    ) -> Result<Vec<(i64, i64, Signature)>, BackendError>;
    /// Store signatures (in item order) and band rows `(key, item)` (in key
    /// order) of newly linked items.
    fn write_signatures(
        &mut self,
        group: Group,
        signatures: &[(i64, &Signature)],
        bands: &[(i64, i64)],
    ) -> Result<(), BackendError>;
    /// Set the group of each item `(item, group)`, in item order.
    fn write_groups(&mut self, group: Group, rows: &[(i64, i64)]) -> Result<(), BackendError>;
}

/// What a link pass did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LinkReport {
    /// Documents filed into stories.
    pub documents: u64,
    /// Statements filed into claims.
    pub statements: u64,
}

/// Link every document not in a story yet, and its statements (inside the
/// caller's transaction): one by one when there are at most `one_by_one`
/// documents, else in bulk, which also links any other statement not in a
/// claim. Nothing pending costs one indexed query.
///
/// A statement is linked with its document, in one transaction, by both
/// ways; so a statement whose document is linked and which is not is
/// unknown to stores this build writes.
pub(crate) fn link_pending(
    ops: &mut (impl LinkOps + BulkOps),
    one_by_one: usize,
) -> Result<LinkReport, BackendError> {
    let probe = ops.pending(
        Group::Story,
        0,
        i64::try_from(one_by_one).unwrap_or(i64::MAX - 1) + 1,
    )?;
    if probe.len() > one_by_one {
        return link_all(ops);
    }
    let documents: Vec<(i64, &str)> = probe.iter().map(|(id, t)| (*id, t.as_str())).collect();
    let statements = linker().link(ops, &documents)?;
    Ok(LinkReport {
        documents: documents.len() as u64,
        statements,
    })
}

/// Link every pending document and statement in memory and write the result.
pub(crate) fn link_all(ops: &mut impl BulkOps) -> Result<LinkReport, BackendError> {
    let linker = linker();
    let story_config = linker.story_config();
    let documents = link_group(
        ops,
        Group::Story,
        &|text| linker.story_signature(text).map(|(s, _)| s),
        &|s| story_config.band_keys(s),
        &|a, b| story_config.compare(a, b).is_some(),
    )?;
    let statements = link_group(
        ops,
        Group::Claim,
        &|content| linker.statement_signature(content).map(|(s, _)| s),
        &|s| linker.statement_keys(s),
        &|a, b| linker.same_statement(a, b),
    )?;
    Ok(LinkReport {
        documents,
        statements,
    })
}

/// Sign `texts` on every core, in order.
fn sign_all(
    texts: &[(i64, String)],
    sign: &(dyn Fn(&str) -> Option<Signature> + Sync),
) -> Vec<Option<Signature>> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let chunk = texts.len().div_ceil(threads).max(1);
    std::thread::scope(|scope| {
        let handles: Vec<_> = texts
            .chunks(chunk)
            .map(|part| scope.spawn(move || part.iter().map(|(_, t)| sign(t)).collect::<Vec<_>>()))
            .collect();
        handles
            .into_iter()
            // A panic while signing is a bug: let it through rather than
            // misalign signatures and items.
            .flat_map(|h| h.join().unwrap_or_else(|p| std::panic::resume_unwind(p)))
            .collect()
    })
}

/// Groups as a union-find over item positions; each root knows its group id.
struct Groups {
    parent: Vec<u32>,
    id: Vec<i64>,
}

impl Groups {
    fn find(&mut self, mut i: u32) -> u32 {
        while self.parent[i as usize] != i {
            let up = self.parent[self.parent[i as usize] as usize];
            self.parent[i as usize] = up;
            i = up;
        }
        i
    }

    /// Put `i` in the group of `root`, the group keeping `id`.
    fn join(&mut self, i: u32, root: u32, id: i64) {
        let a = self.find(i);
        let b = self.find(root);
        self.parent[a as usize] = b;
        self.id[b as usize] = id;
    }

    fn group(&mut self, i: u32) -> i64 {
        let root = self.find(i);
        self.id[root as usize]
    }
}

/// Link the pending items of one kind; gives how many were linked.
fn link_group(
    ops: &mut impl BulkOps,
    group: Group,
    sign: &(dyn Fn(&str) -> Option<Signature> + Sync),
    keys: &dyn Fn(&Signature) -> Vec<u64>,
    same: &dyn Fn(&Signature, &Signature) -> bool,
) -> Result<u64, BackendError> {
    // Linked items first (all older than any pending one as far as joining
    // goes), then pending ones in id order.
    let mut ids: Vec<i64> = Vec::new();
    let mut stored_group: Vec<i64> = Vec::new();
    let mut signatures: Vec<Option<Signature>> = Vec::new();
    loop {
        let page = ops.linked(group, ids.last().copied().unwrap_or(0), PAGE)?;
        let done = (page.len() as i64) < PAGE;
        for (id, g, s) in page {
            ids.push(id);
            stored_group.push(g);
            signatures.push(Some(s));
        }
        if done {
            break;
        }
    }
    let first_pending = ids.len();
    let mut after = 0;
    loop {
        let page = ops.pending(group, after, PAGE * 4)?;
        let done = (page.len() as i64) < PAGE * 4;
        after = page.last().map_or(after, |(id, _)| *id);
        signatures.extend(sign_all(&page, sign));
        for (id, _) in &page {
            ids.push(*id);
            stored_group.push(*id);
        }
        if done {
            break;
        }
    }
    let pending = ids.len() - first_pending;
    if pending == 0 {
        return Ok(0);
    }

    // Band keys shared by two items or more, each with its items in order.
    let mut entries: Vec<(u64, u32)> = Vec::new();
    for (i, s) in signatures.iter().enumerate() {
        if let Some(s) = s {
            entries.extend(keys(s).into_iter().map(|k| (k, i as u32)));
        }
    }
    entries.sort_unstable();
    entries.dedup();
    let mut runs: HashMap<u64, (usize, usize)> = HashMap::new();
    let mut shared: Vec<u32> = Vec::new();
    for run in entries.chunk_by(|a, b| a.0 == b.0).filter(|r| r.len() > 1) {
        runs.insert(run[0].0, (shared.len(), shared.len() + run.len()));
        shared.extend(run.iter().map(|&(_, i)| i));
    }
    drop(entries);

    // Stored groups: their members start together.
    let mut groups = Groups {
        parent: (0..ids.len() as u32).collect(),
        id: stored_group.clone(),
    };
    let mut first_of: HashMap<i64, u32> = HashMap::new();
    for i in 0..first_pending as u32 {
        let g = stored_group[i as usize];
        let root = *first_of.entry(g).or_insert(i);
        if root != i {
            groups.join(i, root, g);
        }
    }

    let mut bands: Vec<(i64, i64)> = Vec::new();
    for i in first_pending..ids.len() {
        let Some(signature) = &signatures[i] else {
            continue;
        };
        // Computed again rather than kept from the sort above: a few dozen
        // hashes per item cost less than holding every item's keys (about
        // 1 GB for a million documents and their statements).
        let item_keys = keys(signature);
        bands.extend(item_keys.iter().map(|&k| (k as i64, ids[i])));
        let mut found: Vec<u32> = Vec::new();
        for key in &item_keys {
            let Some(&(start, end)) = runs.get(key) else {
                continue;
            };
            let run = &shared[start..end];
            let before = &run[..run.partition_point(|&j| (j as usize) < i)];
            found.extend(&before[before.len().saturating_sub(PER_BAND as usize)..]);
            if found.len() as i64 >= CANDIDATE_LIMIT {
                break;
            }
        }
        if found.is_empty() {
            continue;
        }
        // Most shared keys first, then the oldest; a few of each group.
        found.sort_unstable();
        let mut counted: Vec<(u32, u32)> = found
            .chunk_by(|a, b| a == b)
            .map(|c| (c[0], c.len() as u32))
            .collect();
        counted.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let mut per_group: HashMap<u32, usize> = HashMap::new();
        let mut matched: Vec<u32> = Vec::new();
        for (j, _) in counted {
            let root = groups.find(j);
            let n = per_group.entry(root).or_default();
            *n += 1;
            if *n > PER_GROUP || matched.contains(&root) {
                continue;
            }
            if let Some(other) = &signatures[j as usize] {
                if same(signature, other) {
                    matched.push(root);
                }
            }
        }
        if let Some(into) = matched.iter().map(|&r| groups.id[r as usize]).min() {
            for root in matched {
                groups.join(root, i as u32, into);
            }
        }
    }

    let new: Vec<(i64, &Signature)> = (first_pending..ids.len())
        .filter_map(|i| signatures[i].as_ref().map(|s| (ids[i], s)))
        .collect();
    bands.sort_unstable();
    bands.dedup();
    ops.write_signatures(group, &new, &bands)?;
    drop(bands);
    let mut changed: Vec<(i64, i64)> = Vec::new();
    for i in 0..ids.len() {
        let g = groups.group(i as u32);
        if i >= first_pending || g != stored_group[i] {
            changed.push((ids[i], g));
        }
    }
    changed.sort_unstable();
    ops.write_groups(group, &changed)?;
    Ok(pending as u64)
}
