//! Copies and claims, linked as documents arrive: every new document joins
//! the story (copy group) of the stored documents it copies, and every new
//! statement joins the claim of the stored statements it repeats, in the
//! transaction that stores them.
//!
//! Each document's MinHash signature ([`sourcetrace_corpus::MinHasher`] over
//! [`story_body`]) is kept with its LSH band keys, and so is each statement's
//! ([`StatementHasher`]). A new item's candidates are the stored items filed
//! under one of its band keys (an indexed lookup, whatever the store's size);
//! those confirmed by [`DuplicateConfig::compare`] give their group. A group
//! is named by its first stored item: a story id is a document id, a claim id
//! an attribution id. When a new item joins two groups they merge into the
//! older.
//!
//! Traps of the domain:
//! - Only items filed under a shared band key are compared: a band key common
//!   to very many items (a story of hundreds of copies, a boilerplate
//!   paragraph) gives its [`PER_BAND`] most recent items, and one item at most
//!   [`CANDIDATE_LIMIT`] candidates, so one lookup stays bounded.
//! - Limits are literals in the SQL: with a bound `LIMIT ?` the candidate
//!   query spent about a third of the storing time re-preparing itself
//!   (`sqlite3Reprepare` under `perf`), and storing went from 76 to 129
//!   documents/s at 20,000 documents when it became a literal.
//! - PostgreSQL workers link under one advisory lock, so that two copies
//!   stored at the same moment by two workers still see each other.

use crate::error::BackendError;
use crate::model::PutOutcome;
use sourcetrace_core::Document;
use sourcetrace_corpus::{story_body, DuplicateConfig, MinHasher, Signature, StatementHasher};
use std::collections::BTreeSet;

/// At most this many candidates are read for one item.
pub(crate) const CANDIDATE_LIMIT: i64 = 2000;

/// At most this many items (the most recent) are read under one band key: a
/// story of hundreds of copies files them all under the same keys, and a few
/// of them name the group as well as all of them.
pub(crate) const PER_BAND: i64 = 50;

/// What is grouped: documents into stories, or statements into claims.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Group {
    /// Documents, by their text.
    Story,
    /// Attributions, by their content.
    Claim,
}

/// Where linking keeps one kind of item.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Tables {
    /// The band table (band key, item).
    pub(crate) bands: &'static str,
    /// The item column of the band, signature and member tables.
    pub(crate) item: &'static str,
    /// The signature table.
    pub(crate) signatures: &'static str,
    /// The items' own table (`id` is the item).
    pub(crate) items: &'static str,
    /// The member table: one row (item, group) per linked item.
    pub(crate) members: &'static str,
    /// The group column of the member table.
    pub(crate) group: &'static str,
}

impl Group {
    /// The tables of this kind of item.
    pub(crate) fn tables(self) -> Tables {
        match self {
            Group::Story => Tables {
                bands: "story_bands",
                item: "document_id",
                signatures: "story_signatures",
                items: "documents",
                members: "story_members",
                group: "story_id",
            },
            Group::Claim => Tables {
                bands: "claim_bands",
                item: "attribution_id",
                signatures: "claim_signatures",
                items: "attributions",
                members: "claim_members",
                group: "claim_id",
            },
        }
    }

    /// The column of the items' table that is signed: a document's text, a
    /// statement's content.
    fn signed_column(self) -> &'static str {
        match self {
            Group::Story => "text",
            Group::Claim => "content_text",
        }
    }

    /// Items not linked yet (no member row) after `?1`, at most `?2`, in id
    /// order: id and signed text (SQLite's parameters; see [`crate::sql::dollar`]).
    pub(crate) fn pending_sql(self) -> String {
        let text = self.signed_column();
        let Tables {
            item,
            items,
            members,
            ..
        } = self.tables();
        format!(
            "SELECT t.id, t.{text} FROM {items} t WHERE t.id > ?1 \
             AND NOT EXISTS (SELECT 1 FROM {members} m WHERE m.{item} = t.id) \
             ORDER BY t.id LIMIT ?2"
        )
    }

    /// Linked items with a signature after `?1`, at most `?2`, in id order:
    /// item, group, shingles, minima.
    pub(crate) fn linked_sql(self) -> String {
        let Tables {
            item,
            signatures,
            members,
            group,
            ..
        } = self.tables();
        format!(
            "SELECT s.{item}, m.{group}, s.shingles, s.mins FROM {signatures} s \
             JOIN {members} m ON m.{item} = s.{item} \
             WHERE s.{item} > ?1 ORDER BY s.{item} LIMIT ?2"
        )
    }
}

/// A stored item that shares band keys with a new one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Candidate {
    /// The item (document or attribution id).
    pub(crate) item: i64,
    /// Its group (story or claim id).
    pub(crate) group: i64,
    /// How many band keys it shares with the new item.
    pub(crate) shared: u32,
}

/// Of each candidate group, at most this many members are compared (those
/// sharing the most bands): a story of a thousand copies costs no more to
/// join than one of three.
pub(crate) const PER_GROUP: usize = 3;

/// What linking needs of a backend, inside the storing transaction.
pub(crate) trait LinkOps {
    /// Items filed under any of `keys` (at most [`CANDIDATE_LIMIT`]), each
    /// with its group and how many of the keys it is filed under.
    fn candidates(&mut self, group: Group, keys: &[i64]) -> Result<Vec<Candidate>, BackendError>;
    /// The group and signature of each of `items` that has one.
    fn signatures(
        &mut self,
        group: Group,
        items: &[i64],
    ) -> Result<Vec<(i64, i64, Signature)>, BackendError>;
    /// File an item: its signature and band keys (if it has a signature) and its group.
    fn file(
        &mut self,
        group: Group,
        item: i64,
        signature: Option<(&Signature, &[i64])>,
        group_id: i64,
    ) -> Result<(), BackendError>;
    /// Move every item of the groups `from` into the group `into`.
    fn merge(&mut self, group: Group, from: &[i64], into: i64) -> Result<(), BackendError>;
    /// A document's attributions: id and content, in text order.
    fn statements(&mut self, document: i64) -> Result<Vec<(i64, String)>, BackendError>;
}

/// The hashers and thresholds of linking (one set for every store: signatures
/// stored by one build must compare with the next; change them only with a
/// migration that signs everything again).
#[derive(Default)]
pub(crate) struct Linker {
    story_hasher: MinHasher,
    story_config: DuplicateConfig,
    statements: StatementHasher,
}

/// The linker every store uses.
pub(crate) fn linker() -> &'static Linker {
    static LINKER: std::sync::OnceLock<Linker> = std::sync::OnceLock::new();
    LINKER.get_or_init(Linker::default)
}

/// The newly stored documents of a batch, `(id, text)` in id order.
pub(crate) fn inserted<'a>(docs: &'a [Document], outcomes: &[PutOutcome]) -> Vec<(i64, &'a str)> {
    let mut out: Vec<(i64, &str)> = docs
        .iter()
        .zip(outcomes)
        .filter(|(_, o)| o.is_inserted())
        .map(|(d, o)| (o.id().0, d.text.as_str()))
        .collect();
    out.sort_by_key(|&(id, _)| id);
    out.dedup_by_key(|&mut (id, _)| id);
    out
}

/// One item being linked: its id, and its signature with band keys if it has one.
type Signed = (i64, Option<(Signature, Vec<i64>)>);

impl Linker {
    /// The story signature of a document's text, with its band keys.
    pub(crate) fn story_signature(&self, text: &str) -> Option<(Signature, Vec<i64>)> {
        let signature = self.story_hasher.signature(&story_body(text));
        (signature.shingles > 0).then(|| {
            let keys = keys(self.story_config.band_keys(&signature));
            (signature, keys)
        })
    }

    /// The thresholds that confirm a copy of a document.
    pub(crate) fn story_config(&self) -> &DuplicateConfig {
        &self.story_config
    }

    /// The claim signature of a statement, with its band keys.
    pub(crate) fn statement_signature(&self, content: &str) -> Option<(Signature, Vec<i64>)> {
        let signature = self.statements.signature(content)?;
        let keys = keys(self.statements.config().band_keys(&signature));
        Some((signature, keys))
    }

    /// The band keys of a statement signature.
    pub(crate) fn statement_keys(&self, signature: &Signature) -> Vec<u64> {
        self.statements.config().band_keys(signature)
    }

    /// Whether two statement signatures are the same statement.
    pub(crate) fn same_statement(&self, a: &Signature, b: &Signature) -> bool {
        self.statements.same_statement(a, b)
    }

    /// Link newly stored documents (`(id, text)`, in id order) and their
    /// statements; gives how many statements were linked.
    pub(crate) fn link(
        &self,
        ops: &mut impl LinkOps,
        documents: &[(i64, &str)],
    ) -> Result<u64, BackendError> {
        let mut linked = 0;
        for &(id, text) in documents {
            let signed = (id, self.story_signature(text));
            let story_copy =
                |a: &Signature, b: &Signature| self.story_config.compare(a, b).is_some();
            self.join(ops, Group::Story, &story_copy, &[signed])?;
            let statements: Vec<Signed> = ops
                .statements(id)?
                .into_iter()
                .map(|(a, content)| (a, self.statement_signature(&content)))
                .collect();
            let same = |a: &Signature, b: &Signature| self.same_statement(a, b);
            self.join(ops, Group::Claim, &same, &statements)?;
            linked += statements.len() as u64;
        }
        Ok(linked)
    }

    /// File each item (in order) into the group of the stored items it copies,
    /// or into a group of its own.
    fn join(
        &self,
        ops: &mut impl LinkOps,
        group: Group,
        same: &dyn Fn(&Signature, &Signature) -> bool,
        items: &[Signed],
    ) -> Result<(), BackendError> {
        for (item, signed) in items {
            let Some((signature, band_keys)) = signed else {
                ops.file(group, *item, None, *item)?;
                continue;
            };
            let mut candidates = ops.candidates(group, band_keys)?;
            // Most shared bands first; then a few per group.
            candidates.sort_by(|a, b| b.shared.cmp(&a.shared).then(a.item.cmp(&b.item)));
            let mut per_group: std::collections::HashMap<i64, usize> = Default::default();
            let chosen: Vec<i64> = candidates
                .iter()
                .filter(|c| {
                    let n = per_group.entry(c.group).or_default();
                    *n += 1;
                    *n <= PER_GROUP
                })
                .map(|c| c.item)
                .collect();
            let mut groups = BTreeSet::new();
            for (_, group_id, stored) in ops.signatures(group, &chosen)? {
                if same(signature, &stored) {
                    groups.insert(group_id);
                }
            }
            let into = groups.first().copied().unwrap_or(*item);
            ops.file(group, *item, Some((signature, band_keys)), into)?;
            let others: Vec<i64> = groups.into_iter().filter(|&g| g != into).collect();
            if !others.is_empty() {
                ops.merge(group, &others, into)?;
            }
        }
        Ok(())
    }
}

/// Band keys as the stores keep them (signed 64-bit integers).
fn keys(band_keys: Vec<u64>) -> Vec<i64> {
    band_keys.into_iter().map(|k| k as i64).collect()
}

/// A signature's minima as stored: little-endian 32-bit values.
pub(crate) fn mins_to_bytes(signature: &Signature) -> Vec<u8> {
    signature
        .mins
        .iter()
        .flat_map(|m| m.to_le_bytes())
        .collect()
}

/// A signature row as stored: item, group, shingles, minima.
pub(crate) type SignatureRow = (i64, i64, i64, Vec<u8>);

/// Signature rows read back as `(item, group, signature)`; a blob of the
/// wrong length is left out.
pub(crate) fn signature_rows(rows: Vec<SignatureRow>) -> Vec<(i64, i64, Signature)> {
    rows.into_iter()
        .filter_map(|(id, group_id, shingles, mins)| {
            signature_from(shingles, &mins).map(|s| (id, group_id, s))
        })
        .collect()
}

/// A stored signature read back; `None` for a blob of the wrong length.
pub(crate) fn signature_from(shingles: i64, bytes: &[u8]) -> Option<Signature> {
    if bytes.len() % 4 != 0 {
        return None;
    }
    Some(Signature {
        mins: bytes
            .chunks_exact(4)
            .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .collect(),
        shingles: u32::try_from(shingles).ok()?,
    })
}

/// Candidate rows (item, group), one per shared key, counted per item.
pub(crate) fn count_shared(rows: Vec<(i64, i64)>) -> Vec<Candidate> {
    let mut counts: std::collections::HashMap<i64, Candidate> = Default::default();
    for (item, group) in rows {
        counts
            .entry(item)
            .or_insert(Candidate {
                item,
                group,
                shared: 0,
            })
            .shared += 1;
    }
    counts.into_values().collect()
}
