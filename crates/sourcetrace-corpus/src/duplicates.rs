//! Copies of a story: an incremental LSH index over MinHash signatures, with
//! verified matches grouped by union-find.
//!
//! Traps of the domain:
//! - A republication is often a truncated copy (a portal keeps the first
//!   paragraphs): its Jaccard similarity to the original is low, its
//!   containment in it high. Both are checked.
//! - The original of a group is the agency it credits ("By Reuters",
//!   "WASHINGTON (AP) —") before the earliest page: portals often publish a
//!   wire story minutes before the agency's own site is crawled.
//! - Publication times are compared as strings: give them in one form
//!   (RFC 3339 with one offset, or `YYYY-MM-DD`).

use crate::error::CorpusError;
use crate::minhash::{MinHasher, Signature};
use crate::text::mix64;
use sourcetrace_core::Document;
use std::collections::HashMap;

const NONE: u32 = u32::MAX;

/// How the duplicate index finds and confirms copies.
#[derive(Debug, Clone, PartialEq)]
pub struct DuplicateConfig {
    /// LSH bands: two signatures become candidates when all rows of one band agree.
    pub bands: usize,
    /// Signature positions per band; `bands * rows` must not exceed the
    /// hasher's number of hash functions. With `b` bands of `r` rows a pair of
    /// Jaccard similarity `s` is a candidate with probability `1 - (1 - s^r)^b`
    /// (42 × 3: 0.03 at 0.1, 0.68 at 0.3, 0.996 at 0.5; a truncated copy, whose
    /// Jaccard similarity to the whole is often near 0.5, is still found).
    pub rows: usize,
    /// A candidate whose estimated Jaccard similarity reaches this is a copy.
    pub jaccard: f64,
    /// A candidate the smaller of which is contained this much in the larger
    /// one is a copy (a truncated republication)...
    pub containment: f64,
    /// ...provided the smaller has at least this many shingles (short texts
    /// are contained in anything).
    pub min_shingles: u32,
}

impl Default for DuplicateConfig {
    /// 42 bands of 3 rows (126 of the 128 hash functions), Jaccard 0.5,
    /// containment 0.8 of at least 25 shingles.
    fn default() -> Self {
        DuplicateConfig {
            bands: 42,
            rows: 3,
            jaccard: 0.5,
            containment: 0.8,
            min_shingles: 25,
        }
    }
}

impl DuplicateConfig {
    /// The LSH key of one band of a signature's minima (the band number is
    /// mixed in, so equal values in different bands give different keys).
    pub fn band_key(&self, mins: &[u32], band: usize) -> u64 {
        let rows = self.rows;
        mins.get(band * rows..(band + 1) * rows)
            .unwrap_or_default()
            .iter()
            .fold(band as u64, |h, &v| mix64(h ^ u64::from(v)))
    }

    /// The key of every band of a signature, band 0 first: a store files a
    /// document under these keys and finds its candidates by them.
    pub fn band_keys(&self, signature: &Signature) -> Vec<u64> {
        (0..self.bands)
            .map(|band| self.band_key(&signature.mins, band))
            .collect()
    }

    /// Whether two signatures are copies of one text: their estimated Jaccard
    /// similarity reaches [`DuplicateConfig::jaccard`], or the smaller (of at
    /// least [`DuplicateConfig::min_shingles`]) is contained in the larger at
    /// least [`DuplicateConfig::containment`]. Gives the two estimates when
    /// they are.
    pub fn compare(&self, a: &Signature, b: &Signature) -> Option<(f64, f64)> {
        let jaccard = a.jaccard(b);
        let containment = a.containment(b);
        let smaller = a.shingles.min(b.shingles);
        let copy = jaccard >= self.jaccard
            || (containment >= self.containment && smaller >= self.min_shingles);
        copy.then_some((jaccard, containment))
    }
}

/// The part of an article's text that copy detection compares: its
/// paragraphs (lines) of at least 20 words, so that headlines, bylines, dates
/// and page furniture, which differ between copies, are left out; the whole
/// text when no paragraph is that long.
pub fn story_body(text: &str) -> String {
    let long: Vec<&str> = text
        .lines()
        .filter(|line| line.split_whitespace().count() >= 20)
        .collect();
    if long.is_empty() {
        text.to_string()
    } else {
        long.join("\n")
    }
}

/// The likely original among the copies of a story, as [`choose_original`]
/// finds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Original {
    /// Its index in the slice of copies.
    pub member: usize,
    /// The agency the copies credit, as they name it most often.
    pub agency: Option<String>,
    /// How it was chosen.
    pub reason: OriginReason,
}

/// Choose the original of a story from what is known of its copies: the
/// agency most copies credit, then that agency's own page (earliest), else
/// its earliest credited copy; with no credit, the earliest publication.
/// Ties go to the first copy. `None` for no copies.
pub fn choose_original(copies: &[CopyMeta]) -> Option<Original> {
    if copies.is_empty() {
        return None;
    }
    // The agency most copies credit (ties: the one credited first).
    let mut counts: Vec<(String, usize, usize, &str)> = Vec::new();
    for (i, meta) in copies.iter().enumerate() {
        if let Some(credit) = &meta.credit {
            let key = agency_key(credit);
            match counts.iter_mut().find(|c| c.0 == key) {
                Some(c) => c.1 += 1,
                None => counts.push((key, 1, i, credit)),
            }
        }
    }
    let best = counts
        .iter()
        .max_by(|a, b| a.1.cmp(&b.1).then(b.2.cmp(&a.2)))
        .map(|c| (c.0.clone(), agency_display(&c.0, c.3)));
    let earliest = |candidates: &mut dyn Iterator<Item = usize>| {
        candidates.min_by(|&a, &b| {
            let (pa, pb) = (&copies[a].published, &copies[b].published);
            match (pa, pb) {
                (Some(x), Some(y)) => x.cmp(y).then(a.cmp(&b)),
                (Some(_), None) => std::cmp::Ordering::Less,
                (None, Some(_)) => std::cmp::Ordering::Greater,
                (None, None) => a.cmp(&b),
            }
        })
    };
    let all = 0..copies.len();
    Some(match best {
        Some((key, name)) => {
            let own = earliest(&mut all.clone().filter(|&m| {
                copies[m]
                    .outlet
                    .as_deref()
                    .is_some_and(|o| agency_key(o) == key)
            }));
            match own {
                Some(o) => Original {
                    member: o,
                    agency: Some(name),
                    reason: OriginReason::AgencyOwnPage,
                },
                None => {
                    let credited = earliest(&mut all.clone().filter(|&m| {
                        copies[m]
                            .credit
                            .as_deref()
                            .is_some_and(|c| agency_key(c) == key)
                    }));
                    Original {
                        member: credited.unwrap_or(0),
                        agency: Some(name),
                        reason: OriginReason::CreditedAgency,
                    }
                }
            }
        }
        None => Original {
            member: earliest(&mut all.clone()).unwrap_or(0),
            agency: None,
            reason: OriginReason::Earliest,
        },
    })
}

/// What the index knows of a document beside its signature: enough to choose
/// the original of a group.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CopyMeta {
    /// When it was published (or first seen); compared as strings.
    pub published: Option<String>,
    /// The outlet that published it ("reuters.com", "Yahoo News").
    pub outlet: Option<String>,
    /// The agency it credits as the story's origin ("Reuters", "AP").
    pub credit: Option<String>,
}

impl CopyMeta {
    /// The publication date, outlet and syndication credit of an analysed document.
    pub fn from_document(doc: &Document) -> Self {
        CopyMeta {
            published: doc.published.clone(),
            outlet: doc.meta.outlet.clone(),
            credit: doc.syndicated_from.as_ref().map(|c| c.name.clone()),
        }
    }
}

/// A confirmed copy: a stored document similar enough to a query.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Match {
    /// The stored document's number (its insertion order).
    pub document: usize,
    /// Estimated Jaccard similarity of the two shingle sets.
    pub jaccard: f64,
    /// Estimated containment of the smaller set in the larger.
    pub containment: f64,
}

/// Why a document was chosen as the original of its group.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OriginReason {
    /// The document is the credited agency's own page (its outlet is the agency).
    AgencyOwnPage,
    /// The group credits an agency; this is its earliest credited copy.
    CreditedAgency,
    /// Nobody is credited; this is the earliest publication.
    Earliest,
}

/// A group of copies of one story, with its likely original.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Story {
    /// Member documents (numbers in insertion order), ascending.
    pub members: Vec<usize>,
    /// The likely original; every other member is a copy of it.
    pub original: usize,
    /// The agency the group credits, as its members name it most often.
    pub agency: Option<String>,
    /// How the original was chosen.
    pub reason: OriginReason,
}

/// An incremental near-duplicate index: add documents one at a time (as a
/// store grows), ask for the candidates and confirmed copies of any signature,
/// and read the groups (stories) at any moment.
///
/// Memory: the signature (4 bytes a hash function), one band-table entry per
/// band and the key: about 1.2 KB per document with the defaults (the
/// 1-million-document benchmark peaks at 2.8 GB resident, its own buffers
/// included). Lookups touch only the documents that share a band with the
/// query, so the index stays sub-quadratic.
///
/// ```
/// use sourcetrace_corpus::{CopyMeta, DuplicateIndex};
///
/// let mut index = DuplicateIndex::default();
/// let story = "The harbor council postponed a vote on the Kestrel Bay offshore wind farm \
///     on Tuesday after fishermen warned that the turbines would close their best grounds, \
///     and the developer said it had already shifted the layout twice to protect spawning areas.";
/// let a = index.add("wire", story, CopyMeta { credit: Some("Reuters".into()), ..CopyMeta::default() }).unwrap();
/// let b = index.add("portal", &format!("{story} Read more on our site."), CopyMeta::default()).unwrap();
/// let c = index.add("other", "Rain is expected over the weekend in the north of the country, \
///     with snow on higher ground and strong winds along the coast on Sunday morning.", CopyMeta::default()).unwrap();
/// assert_eq!(index.group_of(a), index.group_of(b));
/// assert_ne!(index.group_of(a), index.group_of(c));
/// let story = index.story(b);
/// assert_eq!(story.original, a);
/// assert_eq!(story.agency.as_deref(), Some("Reuters"));
/// ```
#[derive(Debug, Clone)]
pub struct DuplicateIndex {
    config: DuplicateConfig,
    hasher: MinHasher,
    keys: Vec<String>,
    ids: HashMap<String, u32>,
    metas: Vec<CopyMeta>,
    /// Signatures, `hashes` values per document.
    mins: Vec<u32>,
    sizes: Vec<u32>,
    /// Per band: band key -> most recent document with that key.
    heads: Vec<HashMap<u64, u32>>,
    /// `next[doc * bands + band]`: the previous document with the same band key.
    next: Vec<u32>,
    parent: Vec<u32>,
    group_size: Vec<u32>,
    /// Circular list of the members of each group.
    ring: Vec<u32>,
}

impl Default for DuplicateIndex {
    fn default() -> Self {
        DuplicateIndex::new(DuplicateConfig::default(), MinHasher::default())
            .expect("the default configuration fits the default hasher")
    }
}

impl DuplicateIndex {
    /// An empty index. Fails when `bands × rows` exceeds the hasher's hash
    /// functions or either is zero.
    pub fn new(config: DuplicateConfig, hasher: MinHasher) -> Result<Self, CorpusError> {
        if config.bands == 0 || config.rows == 0 || config.bands * config.rows > hasher.num_hashes()
        {
            return Err(CorpusError::BandsDoNotFit {
                bands: config.bands,
                rows: config.rows,
                hashes: hasher.num_hashes(),
            });
        }
        Ok(DuplicateIndex {
            heads: vec![HashMap::new(); config.bands],
            config,
            hasher,
            keys: Vec::new(),
            ids: HashMap::new(),
            metas: Vec::new(),
            mins: Vec::new(),
            sizes: Vec::new(),
            next: Vec::new(),
            parent: Vec::new(),
            group_size: Vec::new(),
            ring: Vec::new(),
        })
    }

    /// The hasher whose signatures the index takes.
    pub fn hasher(&self) -> &MinHasher {
        &self.hasher
    }

    /// The configuration.
    pub fn config(&self) -> &DuplicateConfig {
        &self.config
    }

    /// How many documents were added.
    pub fn len(&self) -> usize {
        self.keys.len()
    }

    /// Whether no document was added.
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    /// The key a document was added with.
    pub fn key(&self, document: usize) -> &str {
        &self.keys[document]
    }

    /// The number of the document added with `key`.
    pub fn document(&self, key: &str) -> Option<usize> {
        self.ids.get(key).map(|&i| i as usize)
    }

    /// What was said of a document when it was added.
    pub fn meta(&self, document: usize) -> &CopyMeta {
        &self.metas[document]
    }

    /// Add an article body: sign it, then [`DuplicateIndex::insert`] it.
    pub fn add(
        &mut self,
        key: impl Into<String>,
        body: &str,
        meta: CopyMeta,
    ) -> Result<usize, CorpusError> {
        let signature = self.hasher.signature(body);
        self.insert(key, &signature, meta)
    }

    /// Add a document's signature (made by [`DuplicateIndex::hasher`], perhaps
    /// on another thread), join it to the group of every confirmed copy, and
    /// return its number. Fails for a key already added or a signature of the
    /// wrong length.
    pub fn insert(
        &mut self,
        key: impl Into<String>,
        signature: &Signature,
        meta: CopyMeta,
    ) -> Result<usize, CorpusError> {
        let key = key.into();
        self.check(signature)?;
        if self.ids.contains_key(&key) {
            return Err(CorpusError::DuplicateKey { key });
        }
        if self.keys.len() >= NONE as usize - 1 {
            return Err(CorpusError::Full);
        }
        let matches = self.matches(signature);
        let id = self.keys.len() as u32;
        self.ids.insert(key.clone(), id);
        self.keys.push(key);
        self.metas.push(meta);
        self.mins.extend_from_slice(&signature.mins);
        self.sizes.push(signature.shingles);
        self.parent.push(id);
        self.group_size.push(1);
        self.ring.push(id);
        for band in 0..self.config.bands {
            let band_key = self.band_key(&signature.mins, band);
            let previous = self.heads[band].insert(band_key, id).unwrap_or(NONE);
            self.next.push(previous);
        }
        for m in matches {
            self.union(id, m.document as u32);
        }
        Ok(id as usize)
    }

    /// The stored documents that share at least one LSH band with `signature`
    /// (unconfirmed candidates), ascending.
    pub fn candidates(&self, signature: &Signature) -> Result<Vec<usize>, CorpusError> {
        self.check(signature)?;
        Ok(self.raw_candidates(signature))
    }

    /// The stored documents confirmed as copies of `signature` (by estimated
    /// Jaccard similarity or containment), ascending.
    pub fn copies(&self, signature: &Signature) -> Result<Vec<Match>, CorpusError> {
        self.check(signature)?;
        Ok(self.matches(signature))
    }

    /// The group a document belongs to, named by one of its members (stable
    /// until the group merges with another).
    pub fn group_of(&self, document: usize) -> usize {
        let mut x = document as u32;
        while self.parent[x as usize] != x {
            x = self.parent[x as usize];
        }
        x as usize
    }

    /// The members of a document's group, ascending.
    pub fn members(&self, document: usize) -> Vec<usize> {
        let start = document as u32;
        let mut out = vec![document];
        let mut x = self.ring[document];
        while x != start {
            out.push(x as usize);
            x = self.ring[x as usize];
        }
        out.sort_unstable();
        out
    }

    /// The story a document belongs to, with its original.
    pub fn story(&self, document: usize) -> Story {
        self.make_story(self.members(document))
    }

    /// Every group of at least `min_size` documents, largest first (ties by
    /// first member).
    pub fn stories(&self, min_size: usize) -> Vec<Story> {
        let mut seen = vec![false; self.len()];
        let mut out = Vec::new();
        for doc in 0..self.len() {
            let root = self.group_of(doc);
            if seen[root] || (self.group_size[root] as usize) < min_size {
                continue;
            }
            seen[root] = true;
            out.push(self.make_story(self.members(doc)));
        }
        out.sort_by(|a, b| {
            b.members
                .len()
                .cmp(&a.members.len())
                .then(a.members[0].cmp(&b.members[0]))
        });
        out
    }

    fn check(&self, signature: &Signature) -> Result<(), CorpusError> {
        if signature.mins.len() != self.hasher.num_hashes() {
            return Err(CorpusError::SignatureLength {
                expected: self.hasher.num_hashes(),
                found: signature.mins.len(),
            });
        }
        Ok(())
    }

    fn band_key(&self, mins: &[u32], band: usize) -> u64 {
        self.config.band_key(mins, band)
    }

    fn raw_candidates(&self, signature: &Signature) -> Vec<usize> {
        let bands = self.config.bands;
        let mut out: Vec<u32> = Vec::new();
        for band in 0..bands {
            let band_key = self.band_key(&signature.mins, band);
            let mut x = self.heads[band].get(&band_key).copied().unwrap_or(NONE);
            while x != NONE {
                out.push(x);
                x = self.next[x as usize * bands + band];
            }
        }
        out.sort_unstable();
        out.dedup();
        out.into_iter().map(|x| x as usize).collect()
    }

    fn matches(&self, signature: &Signature) -> Vec<Match> {
        let hashes = self.hasher.num_hashes();
        self.raw_candidates(signature)
            .into_iter()
            .filter_map(|doc| {
                let stored = Signature {
                    mins: self.mins[doc * hashes..(doc + 1) * hashes].to_vec(),
                    shingles: self.sizes[doc],
                };
                self.config
                    .compare(signature, &stored)
                    .map(|(jaccard, containment)| Match {
                        document: doc,
                        jaccard,
                        containment,
                    })
            })
            .collect()
    }

    fn union(&mut self, a: u32, b: u32) {
        let (ra, rb) = (
            self.group_of(a as usize) as u32,
            self.group_of(b as usize) as u32,
        );
        if ra == rb {
            return;
        }
        let (big, small) = if self.group_size[ra as usize] >= self.group_size[rb as usize] {
            (ra, rb)
        } else {
            (rb, ra)
        };
        self.parent[small as usize] = big;
        self.group_size[big as usize] += self.group_size[small as usize];
        // Splice the two member rings into one.
        self.ring.swap(a as usize, b as usize);
    }

    fn make_story(&self, members: Vec<usize>) -> Story {
        let metas: Vec<CopyMeta> = members.iter().map(|&m| self.metas[m].clone()).collect();
        let original = choose_original(&metas).unwrap_or(Original {
            member: 0,
            agency: None,
            reason: OriginReason::Earliest,
        });
        Story {
            original: members[original.member],
            members,
            agency: original.agency,
            reason: original.reason,
        }
    }
}

/// The wire agencies recognised inside longer credits ("GEOFF MULVIHILL
/// Associated Press", "ROBERT BURNS AP National Security Writer"): the words
/// that name each, and its key.
const AGENCIES: &[(&[&str], &str)] = &[
    (&["associated", "press"], "ap"),
    (&["ap"], "ap"),
    (&["reuters"], "reuters"),
    (&["thomson", "reuters"], "reuters"),
    (&["agence", "france", "presse"], "afp"),
    (&["afp"], "afp"),
    (&["cnn"], "cnn"),
    (&["bloomberg"], "bloomberg"),
    (&["upi"], "upi"),
    (&["dpa"], "dpa"),
    (&["xinhua"], "xinhua"),
    (&["tass"], "tass"),
];

/// One spelling for an agency or outlet: "The Associated Press", "AP",
/// "apnews.com" and "JILL COLVIN Associated Press" give `ap`; "Reuters" and
/// "www.reuters.com" give `reuters`; any other name gives its lowercase
/// letters and digits ("nytimes.com" gives `nytimes`).
pub fn agency_key(name: &str) -> String {
    let mut s = name.trim().to_lowercase();
    for prefix in ["https://", "http://", "www.", "the "] {
        if let Some(rest) = s.strip_prefix(prefix) {
            s = rest.to_string();
        }
    }
    if !s.contains(' ') {
        if let Some((first, _)) = s.split_once('.') {
            s = first.to_string();
        }
        if s == "apnews" {
            return "ap".to_string();
        }
    }
    let words: Vec<&str> = s
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    for (names, key) in AGENCIES {
        if words.windows(names.len()).any(|w| w == *names) {
            return (*key).to_string();
        }
    }
    words.concat()
}

/// How an agency is printed: "AP", "Reuters", "AFP", "CNN" for the wire
/// agencies, else `credit` as given.
fn agency_display(key: &str, credit: &str) -> String {
    match key {
        "ap" => "AP".to_string(),
        "reuters" => "Reuters".to_string(),
        "afp" => "AFP".to_string(),
        "cnn" => "CNN".to_string(),
        "bloomberg" => "Bloomberg".to_string(),
        "upi" => "UPI".to_string(),
        "dpa" => "dpa".to_string(),
        "xinhua" => "Xinhua".to_string(),
        "tass" => "TASS".to_string(),
        _ => credit.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const STORY: &str = "Fishermen in Portaven blocked the harbor mouth with forty boats on \
        Monday morning to protest against the planned Kestrel Bay offshore wind farm, which \
        they say would close their richest fishing grounds. The harbor master said ferries \
        were delayed by two hours. Northwind Energy, the developer, said it had already moved \
        the turbines twice to protect spawning areas and would meet the fishing cooperative \
        next week. The regional environment ministry has asked for a new survey of seabird \
        colonies on the northern cliffs before any permit is granted, and the council will \
        vote again in September.";

    const OTHER: &str = "The city library will stay open until midnight during the exam \
        season, the university announced on Friday, after students collected more than three \
        thousand signatures. Extra staff will be hired for the evening shifts and the cafe on \
        the ground floor will serve free coffee after ten. The library was last renovated in \
        2009 and holds more than a million books, maps and old newspapers from the region.";

    fn edited(text: &str) -> String {
        text.replace("forty", "about 40")
            .replace("Monday morning", "Monday")
            .replace("next week", "soon")
            + " Copyright 2026 Coastline Wire. All rights reserved."
    }

    #[test]
    fn an_edited_copy_groups_with_its_story() {
        let mut index = DuplicateIndex::default();
        let a = index.add("a", STORY, CopyMeta::default()).expect("add");
        let b = index
            .add("b", &edited(STORY), CopyMeta::default())
            .expect("add");
        assert_eq!(index.group_of(a), index.group_of(b));
        assert_eq!(index.members(b), vec![a, b]);
    }

    #[test]
    fn unrelated_stories_stay_apart() {
        let mut index = DuplicateIndex::default();
        let a = index.add("a", STORY, CopyMeta::default()).expect("add");
        let b = index.add("b", OTHER, CopyMeta::default()).expect("add");
        assert_ne!(index.group_of(a), index.group_of(b));
        assert_eq!(index.stories(2), vec![]);
        assert_eq!(index.stories(1).len(), 2);
    }

    #[test]
    fn a_truncated_copy_groups_with_its_story() {
        let mut index = DuplicateIndex::default();
        let cut = STORY.len() * 2 / 3;
        let cut = STORY[..cut].rfind(' ').unwrap_or(cut);
        let a = index.add("a", STORY, CopyMeta::default()).expect("add");
        let b = index
            .add("b", &STORY[..cut], CopyMeta::default())
            .expect("add");
        assert_eq!(index.group_of(a), index.group_of(b));
    }

    #[test]
    fn the_credited_agency_is_the_origin_before_an_earlier_page() {
        let mut index = DuplicateIndex::default();
        let meta = |published: &str, outlet: &str, credit: Option<&str>| CopyMeta {
            published: Some(published.to_string()),
            outlet: Some(outlet.to_string()),
            credit: credit.map(str::to_string),
        };
        let portal = index
            .add(
                "portal",
                STORY,
                meta("2026-03-02T08:00", "yahoo.com/news", Some("AP")),
            )
            .expect("add");
        let blog = index
            .add(
                "blog",
                &edited(STORY),
                meta("2026-03-02T07:00", "blog.example", None),
            )
            .expect("add");
        let story = index.story(blog);
        assert_eq!(story.members, vec![portal, blog]);
        assert_eq!(story.original, portal);
        assert_eq!(story.reason, OriginReason::CreditedAgency);
        assert_eq!(story.agency.as_deref(), Some("AP"));

        let agency = index
            .add(
                "agency",
                STORY,
                meta("2026-03-02T09:00", "apnews.com", Some("Associated Press")),
            )
            .expect("add");
        let story = index.story(portal);
        assert_eq!(story.original, agency);
        assert_eq!(story.reason, OriginReason::AgencyOwnPage);
    }

    #[test]
    fn without_credit_the_earliest_is_the_origin() {
        let mut index = DuplicateIndex::default();
        let meta = |published: &str| CopyMeta {
            published: Some(published.to_string()),
            ..CopyMeta::default()
        };
        index.add("late", STORY, meta("2026-03-03")).expect("add");
        let early = index
            .add("early", &edited(STORY), meta("2026-03-01"))
            .expect("add");
        let story = index.story(0);
        assert_eq!(story.original, early);
        assert_eq!(story.reason, OriginReason::Earliest);
    }

    #[test]
    fn groups_merge_transitively() {
        let mut index = DuplicateIndex::default();
        let ids: Vec<usize> = (0..5)
            .map(|i| {
                let text = if i % 2 == 0 {
                    STORY.to_string()
                } else {
                    edited(STORY)
                };
                index
                    .add(format!("d{i}"), &text, CopyMeta::default())
                    .expect("add")
            })
            .collect();
        index.add("x", OTHER, CopyMeta::default()).expect("add");
        assert_eq!(index.members(ids[3]), ids);
        assert_eq!(index.stories(2).len(), 1);
    }

    #[test]
    fn bad_input_is_an_error() {
        let mut index = DuplicateIndex::default();
        index.add("a", STORY, CopyMeta::default()).expect("add");
        assert!(matches!(
            index.add("a", OTHER, CopyMeta::default()),
            Err(CorpusError::DuplicateKey { .. })
        ));
        let short = MinHasher::new(16, 4, 0).signature(STORY);
        assert!(matches!(
            index.candidates(&short),
            Err(CorpusError::SignatureLength {
                expected: 128,
                found: 16
            })
        ));
        let config = DuplicateConfig {
            bands: 64,
            ..DuplicateConfig::default()
        };
        assert!(DuplicateIndex::new(config, MinHasher::default()).is_err());
    }

    #[test]
    fn agency_names_have_one_key() {
        assert_eq!(agency_key("The Associated Press"), "ap");
        assert_eq!(agency_key("apnews.com"), "ap");
        assert_eq!(agency_key("AP"), "ap");
        assert_eq!(agency_key("www.reuters.com"), "reuters");
        assert_eq!(agency_key("Reuters"), "reuters");
        assert_eq!(agency_key("cnn.com"), "cnn");
        assert_eq!(agency_key("GEOFF MULVIHILL Associated Press"), "ap");
        assert_eq!(agency_key("ROBERT BURNS AP National Security Writer"), "ap");
        assert_eq!(agency_key("nytimes.com"), "nytimes");
        assert_eq!(agency_key("Apple Daily"), "appledaily");
    }
}
