//! Claims: statements and articles that say the same thing, clustered.
//!
//! Each item (an attributed statement, or a whole article) becomes a TF-IDF
//! vector of its content words, weighted toward what states the claim: the
//! headline, the lead and the attributed statements. Candidate pairs come from
//! an inverted index over each item's heaviest terms (never all pairs); their
//! cosine similarities feed average-linkage agglomerative clustering, which
//! merges two clusters while their mean pairwise similarity reaches the
//! threshold (pairs never proposed count as 0).
//!
//! Traps of the domain:
//! - Every article shares the vocabulary of reporting ("said", "according to",
//!   "reported"): those words are stop words here.
//! - Single linkage chains unrelated claims through one broad article; average
//!   linkage does not.
//! - A term found in one item only links nothing, but it still lowers that
//!   item's similarity to everything: it stays in the vector norm.

use crate::duplicates::DuplicateConfig;
use crate::minhash::{MinHasher, Signature};
use crate::text::{is_content_word, stem, words};
use sourcetrace_core::{Document, SourceKind};
use std::cmp::Ordering;
use std::collections::{BinaryHeap, HashMap};

/// A source behind a claim, as an article names it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ClaimSource {
    /// The name the article gives ("Kommersant", "a senior official").
    pub name: String,
    /// What kind of party it is; `Anonymous` and `Unattributed` are not named.
    pub kind: SourceKind,
}

impl ClaimSource {
    /// Whether anyone can be held to the statement: a named person, outlet,
    /// organization or government.
    pub fn is_named(&self) -> bool {
        self.kind.is_named()
    }
}

/// One thing to cluster: an attributed statement or a whole article.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ClaimItem {
    /// The document it comes from.
    pub document: String,
    /// The attribution's index in the document, `None` for the whole article.
    pub statement: Option<usize>,
    /// The headline, if any (weighted up).
    pub title: Option<String>,
    /// The text: the article body, or the statement's content.
    pub text: String,
    /// Attributed statements inside `text` (weighted up).
    pub statements: Vec<String>,
    /// The sources the item cites.
    pub sources: Vec<ClaimSource>,
    /// The outlet that published it.
    pub outlet: Option<String>,
    /// When it was published; compared as strings.
    pub published: Option<String>,
}

impl ClaimItem {
    /// The whole article: its headline, body, attributed statements and sources.
    pub fn article(doc: &Document) -> Self {
        ClaimItem {
            document: doc.id.clone(),
            statement: None,
            title: doc.meta.title.clone(),
            text: doc.text.clone(),
            statements: doc
                .attributions
                .iter()
                .map(|a| a.content.span.slice(&doc.text).to_string())
                .collect(),
            sources: doc
                .attributions
                .iter()
                .map(|a| source_of(a.source.as_ref()))
                .collect(),
            outlet: doc.meta.outlet.clone(),
            published: doc.published.clone(),
        }
    }

    /// One item per attribution of the document: its content, with its source.
    pub fn statements(doc: &Document) -> Vec<Self> {
        doc.attributions
            .iter()
            .enumerate()
            .map(|(i, a)| ClaimItem {
                document: doc.id.clone(),
                statement: Some(i),
                title: None,
                text: a.content.span.slice(&doc.text).to_string(),
                statements: Vec::new(),
                sources: vec![source_of(a.source.as_ref())],
                outlet: doc.meta.outlet.clone(),
                published: doc.published.clone(),
            })
            .collect()
    }
}

fn source_of(source: Option<&sourcetrace_core::Source>) -> ClaimSource {
    match source {
        Some(s) => ClaimSource {
            name: s.name.clone(),
            kind: s.kind,
        },
        None => ClaimSource {
            name: String::new(),
            kind: SourceKind::Unattributed,
        },
    }
}

/// Signs attributed statements so that a store can find the same statement
/// in other articles as they arrive: a MinHash over triples of consecutive
/// content-word stems (function words and the vocabulary of reporting left
/// out), with its own LSH bands. It finds a statement copied, quoted again or
/// lightly reworded ("will close" / "would close"), not a paraphrase in other
/// words: that takes the [`ClaimClusterer`], over a whole collection.
#[derive(Debug, Clone)]
pub struct StatementHasher {
    hasher: MinHasher,
    config: DuplicateConfig,
    min_terms: usize,
}

impl Default for StatementHasher {
    /// 32 hash functions over stem triples in 16 bands of 2 rows (a pair of
    /// Jaccard similarity 0.3 is a candidate with probability 0.78, one of 0.5
    /// with 0.99); a copy at Jaccard 0.5, or at containment 0.8 when the shorter
    /// has at least 8 triples (a short statement is contained in many long
    /// ones, and would chain unrelated claims together; pairs chained them
    /// through names such as "Russian President Vladimir Putin"); statements
    /// of fewer than 4 content words are not signed.
    fn default() -> Self {
        StatementHasher {
            hasher: MinHasher::new(32, 3, 0x5eed_c1a1),
            config: DuplicateConfig {
                bands: 16,
                rows: 2,
                jaccard: 0.5,
                containment: 0.8,
                min_shingles: 8,
            },
            min_terms: 4,
        }
    }
}

impl StatementHasher {
    /// The signature of a statement's content, `None` when it has too few
    /// content words to tell it from others ("no comment", "it is true").
    pub fn signature(&self, content: &str) -> Option<Signature> {
        let owned: Vec<String> = words(content).filter(|w| is_content_word(w)).collect();
        let terms: Vec<&str> = owned.iter().map(|w| stem(w)).collect();
        (terms.len() >= self.min_terms).then(|| self.hasher.signature(&terms.join(" ")))
    }

    /// The bands that find candidate copies of a statement.
    pub fn config(&self) -> &DuplicateConfig {
        &self.config
    }

    /// Whether two statement signatures are the same statement: by the
    /// configuration's thresholds, except that a short statement (fewer than
    /// 4 shingles) must be repeated word for word (its content words, that is).
    pub fn same_statement(&self, a: &Signature, b: &Signature) -> bool {
        if a.shingles.min(b.shingles) < 4 {
            return a.shingles == b.shingles && a.jaccard(b) == 1.0;
        }
        self.config.compare(a, b).is_some()
    }
}

/// How items are weighted and clustered.
#[derive(Debug, Clone, PartialEq)]
pub struct ClaimConfig {
    /// Two clusters merge while the mean cosine similarity of their item
    /// pairs is at least this.
    pub threshold: f64,
    /// How many words of the text count as its lead.
    pub lead_words: usize,
    /// Weight of a lead word (other body words weigh 1).
    pub lead_weight: f64,
    /// Weight of a headline word.
    pub title_weight: f64,
    /// Extra weight of a word inside an attributed statement.
    pub statement_weight: f64,
    /// Each item proposes candidates through its this-many heaviest terms.
    pub candidate_terms: usize,
    /// A term found in more than this share of the items proposes no
    /// candidates (it names the whole collection's topic, and would make
    /// candidate generation quadratic); it still counts in the similarity.
    pub max_term_share: f64,
}

impl Default for ClaimConfig {
    /// Threshold 0.1; lead of 50 words weighted 2, headline 2, statements +1;
    /// candidates through the 30 heaviest terms that are in at most 5% of the
    /// items.
    fn default() -> Self {
        ClaimConfig {
            threshold: 0.1,
            lead_words: 50,
            lead_weight: 2.0,
            title_weight: 2.0,
            statement_weight: 1.0,
            candidate_terms: 30,
            max_term_share: 0.05,
        }
    }
}

/// A claim: items that say the same thing.
#[derive(Debug, Clone, PartialEq)]
pub struct Claim {
    /// The member items (indices into the clustered slice), ascending.
    pub members: Vec<usize>,
    /// The documents the members come from, in member order, without repeats.
    pub documents: Vec<String>,
    /// Every source the members cite, without repeats, in member order.
    pub sources: Vec<ClaimSource>,
    /// The member published first (the first member when no date is known).
    pub earliest: usize,
    /// The outlets that carried the claim, without repeats, in member order.
    pub outlets: Vec<String>,
    /// Whether a named (not anonymous) source stands behind any member.
    pub named_source: bool,
}

/// Clusters items into claims. Immutable once built; see the module docs.
///
/// ```
/// use sourcetrace_corpus::{ClaimClusterer, ClaimConfig, ClaimItem};
///
/// let item = |text: &str| ClaimItem { text: text.to_string(), ..ClaimItem::default() };
/// let items = [
///     item("The harbor council postponed the vote on the Kestrel wind farm after fishermen protested."),
///     item("Fishermen protests made the harbor council postpone its Kestrel wind farm vote."),
///     item("The library will stay open until midnight during the exam season, students learned."),
/// ];
/// let claims = ClaimClusterer::new(ClaimConfig::default()).cluster(&items);
/// assert_eq!(claims.len(), 2);
/// assert_eq!(claims[0].members, vec![0, 1]);
/// ```
#[derive(Debug, Clone, Default)]
pub struct ClaimClusterer {
    config: ClaimConfig,
}

/// A sparse unit vector: (term, weight) sorted by term.
type Vector = Vec<(u32, f64)>;

impl ClaimClusterer {
    /// A clusterer with this configuration.
    pub fn new(config: ClaimConfig) -> Self {
        ClaimClusterer { config }
    }

    /// The configuration.
    pub fn config(&self) -> &ClaimConfig {
        &self.config
    }

    /// The claims of `items`, largest first (ties by first member).
    pub fn cluster(&self, items: &[ClaimItem]) -> Vec<Claim> {
        let labels = self.labels(items);
        let mut groups: HashMap<usize, Vec<usize>> = HashMap::new();
        for (i, &l) in labels.iter().enumerate() {
            groups.entry(l).or_default().push(i);
        }
        let mut claims: Vec<Claim> = groups
            .into_values()
            .map(|members| make_claim(items, members))
            .collect();
        claims.sort_by(|a, b| {
            b.members
                .len()
                .cmp(&a.members.len())
                .then(a.members[0].cmp(&b.members[0]))
        });
        claims
    }

    /// One cluster label per item (the smallest member index of its cluster).
    pub fn labels(&self, items: &[ClaimItem]) -> Vec<usize> {
        let vectors = self.vectors(items);
        let edges = self.similar_pairs(&vectors);
        average_linkage(items.len(), edges, self.config.threshold)
    }

    /// Cosine similarity of two items' vectors within the collection `items`
    /// (the IDF depends on the collection).
    pub fn similarity(&self, items: &[ClaimItem], a: usize, b: usize) -> f64 {
        let vectors = self.vectors(items);
        cosine(&vectors[a], &vectors[b])
    }

    fn weighted_terms(
        &self,
        item: &ClaimItem,
        vocabulary: &mut HashMap<String, u32>,
    ) -> Vec<(u32, f64)> {
        let mut weights: HashMap<u32, f64> = HashMap::new();
        let mut add =
            |text: &str, weight: &dyn Fn(usize) -> f64, vocabulary: &mut HashMap<String, u32>| {
                for (position, word) in words(text).enumerate() {
                    if !is_content_word(&word) {
                        continue;
                    }
                    let term = stem(&word).to_string();
                    let next = vocabulary.len() as u32;
                    let id = *vocabulary.entry(term).or_insert(next);
                    *weights.entry(id).or_default() += weight(position);
                }
            };
        if let Some(title) = &item.title {
            add(title, &|_| self.config.title_weight, vocabulary);
        }
        let lead = self.config.lead_words;
        let lead_weight = self.config.lead_weight;
        add(
            &item.text,
            &|p| if p < lead { lead_weight } else { 1.0 },
            vocabulary,
        );
        for statement in &item.statements {
            add(statement, &|_| self.config.statement_weight, vocabulary);
        }
        let mut out: Vec<(u32, f64)> = weights.into_iter().collect();
        out.sort_unstable_by_key(|&(t, _)| t);
        out
    }

    fn vectors(&self, items: &[ClaimItem]) -> Vec<Vector> {
        let mut vocabulary = HashMap::new();
        let raw: Vec<Vec<(u32, f64)>> = items
            .iter()
            .map(|item| self.weighted_terms(item, &mut vocabulary))
            .collect();
        let mut df = vec![0u32; vocabulary.len()];
        for terms in &raw {
            for &(t, _) in terms {
                df[t as usize] += 1;
            }
        }
        let n = items.len() as f64;
        raw.into_iter()
            .map(|terms| {
                let mut v: Vector = terms
                    .into_iter()
                    .map(|(t, tf)| (t, (1.0 + tf).ln() * (n / f64::from(df[t as usize])).ln()))
                    .filter(|&(_, w)| w > 0.0)
                    .collect();
                let norm = v.iter().map(|(_, w)| w * w).sum::<f64>().sqrt();
                if norm > 0.0 {
                    for (_, w) in &mut v {
                        *w /= norm;
                    }
                }
                v
            })
            .collect()
    }

    /// Pairs sharing one of their heaviest terms, with their cosine (only
    /// positive ones).
    fn similar_pairs(&self, vectors: &[Vector]) -> Vec<(usize, usize, f64)> {
        let mut df: HashMap<u32, usize> = HashMap::new();
        for v in vectors {
            for &(t, _) in v {
                *df.entry(t).or_default() += 1;
            }
        }
        let max_df = (self.config.max_term_share * vectors.len() as f64)
            .ceil()
            .max(2.0) as usize;
        let mut postings: HashMap<u32, Vec<u32>> = HashMap::new();
        for (i, v) in vectors.iter().enumerate() {
            let mut top: Vec<&(u32, f64)> = v.iter().filter(|(t, _)| df[t] <= max_df).collect();
            top.sort_by(|a, b| b.1.partial_cmp(&a.1).unwrap_or(Ordering::Equal));
            for &&(t, _) in top.iter().take(self.config.candidate_terms) {
                postings.entry(t).or_default().push(i as u32);
            }
        }
        let mut edges = Vec::new();
        let mut seen: Vec<u32> = vec![u32::MAX; vectors.len()];
        // For each item, its candidates are the items sharing a top term.
        let mut item_terms: Vec<Vec<u32>> = vec![Vec::new(); vectors.len()];
        for (&t, list) in &postings {
            for &i in list {
                item_terms[i as usize].push(t);
            }
        }
        for (i, terms) in item_terms.iter().enumerate() {
            for t in terms {
                for &j in &postings[t] {
                    if (j as usize) <= i || seen[j as usize] == i as u32 {
                        continue;
                    }
                    seen[j as usize] = i as u32;
                    let s = cosine(&vectors[i], &vectors[j as usize]);
                    if s > 0.0 {
                        edges.push((i, j as usize, s));
                    }
                }
            }
        }
        edges
    }
}

fn cosine(a: &Vector, b: &Vector) -> f64 {
    let (mut i, mut j, mut dot) = (0, 0, 0.0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            Ordering::Less => i += 1,
            Ordering::Greater => j += 1,
            Ordering::Equal => {
                dot += a[i].1 * b[j].1;
                i += 1;
                j += 1;
            }
        }
    }
    dot
}

#[derive(Debug, PartialEq)]
struct Candidate {
    average: f64,
    a: usize,
    b: usize,
    stamp: (u32, u32),
}

impl Eq for Candidate {}
impl PartialOrd for Candidate {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Candidate {
    fn cmp(&self, other: &Self) -> Ordering {
        self.average
            .partial_cmp(&other.average)
            .unwrap_or(Ordering::Equal)
            .then(other.a.cmp(&self.a))
            .then(other.b.cmp(&self.b))
    }
}

/// Average-linkage agglomerative clustering over a sparse similarity graph:
/// merge the two clusters of highest mean pairwise similarity (absent pairs
/// count 0) while it is at least `threshold`. Returns, for each item, the
/// smallest item of its cluster.
fn average_linkage(n: usize, edges: Vec<(usize, usize, f64)>, threshold: f64) -> Vec<usize> {
    // Sum of similarities between live clusters, keyed by cluster representative.
    let mut links: Vec<HashMap<usize, f64>> = vec![HashMap::new(); n];
    for (a, b, s) in edges {
        *links[a].entry(b).or_default() += s;
        *links[b].entry(a).or_default() += s;
    }
    let mut size = vec![1u32; n];
    let mut version = vec![0u32; n];
    let mut alive = vec![true; n];
    let mut merged_into: Vec<usize> = (0..n).collect();
    let mut heap = BinaryHeap::new();
    for (a, neighbours) in links.iter().enumerate() {
        for (&b, &sum) in neighbours {
            if a < b && sum >= threshold {
                heap.push(Candidate {
                    average: sum,
                    a,
                    b,
                    stamp: (0, 0),
                });
            }
        }
    }
    while let Some(c) = heap.pop() {
        if c.average < threshold {
            break;
        }
        if !alive[c.a] || !alive[c.b] || (version[c.a], version[c.b]) != c.stamp {
            continue;
        }
        let (a, b) = (c.a, c.b);
        // Merge b into a.
        alive[b] = false;
        let b_links = std::mem::take(&mut links[b]);
        for (other, sum) in b_links {
            links[other].remove(&b);
            if other == a {
                continue;
            }
            *links[a].entry(other).or_default() += sum;
            *links[other].entry(a).or_default() += sum;
        }
        links[a].remove(&b);
        size[a] += size[b];
        version[a] += 1;
        merged_into[b] = a;
        let neighbours: Vec<(usize, f64)> = links[a].iter().map(|(&o, &s)| (o, s)).collect();
        for (other, sum) in neighbours {
            let average = sum / (f64::from(size[a]) * f64::from(size[other]));
            if average >= threshold {
                let (x, y) = if a < other { (a, other) } else { (other, a) };
                heap.push(Candidate {
                    average,
                    a: x,
                    b: y,
                    stamp: (version[x], version[y]),
                });
            }
        }
    }
    let member_of: Vec<usize> = (0..n)
        .map(|mut x| {
            while merged_into[x] != x {
                x = merged_into[x];
            }
            x
        })
        .collect();
    // Name each cluster by its smallest item.
    let mut smallest: HashMap<usize, usize> = HashMap::new();
    for (i, &c) in member_of.iter().enumerate() {
        smallest.entry(c).or_insert(i);
    }
    member_of.iter().map(|c| smallest[c]).collect()
}

fn make_claim(items: &[ClaimItem], members: Vec<usize>) -> Claim {
    let mut documents: Vec<String> = Vec::new();
    let mut sources: Vec<ClaimSource> = Vec::new();
    let mut outlets: Vec<String> = Vec::new();
    for &m in &members {
        let item = &items[m];
        if !documents.contains(&item.document) {
            documents.push(item.document.clone());
        }
        for s in &item.sources {
            if !sources.contains(s) {
                sources.push(s.clone());
            }
        }
        if let Some(o) = &item.outlet {
            if !outlets.contains(o) {
                outlets.push(o.clone());
            }
        }
    }
    let earliest = members
        .iter()
        .copied()
        .min_by(|&a, &b| match (&items[a].published, &items[b].published) {
            (Some(x), Some(y)) => x.cmp(y).then(a.cmp(&b)),
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => a.cmp(&b),
        })
        .unwrap_or(0);
    let named_source = sources.iter().any(ClaimSource::is_named);
    Claim {
        members,
        documents,
        sources,
        earliest,
        outlets,
        named_source,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(
        document: &str,
        text: &str,
        source: (&str, SourceKind),
        outlet: &str,
        published: &str,
    ) -> ClaimItem {
        ClaimItem {
            document: document.to_string(),
            text: text.to_string(),
            sources: vec![ClaimSource {
                name: source.0.to_string(),
                kind: source.1,
            }],
            outlet: Some(outlet.to_string()),
            published: Some(published.to_string()),
            ..ClaimItem::default()
        }
    }

    fn items() -> Vec<ClaimItem> {
        vec![
            item(
                "a",
                "The harbor council will postpone the Kestrel Bay wind farm vote until September.",
                ("officials", SourceKind::Anonymous),
                "Harbor Gazette",
                "2026-03-03",
            ),
            item(
                "b",
                "Kestrel Bay wind farm: the harbor council postpones its vote to September.",
                ("Elias Brandvold", SourceKind::Person),
                "Coastline Wire",
                "2026-03-02",
            ),
            item(
                "c",
                "Exam season: the university library stays open until midnight, students hear.",
                ("a librarian", SourceKind::Anonymous),
                "Campus Daily",
                "2026-03-01",
            ),
            item(
                "d",
                "Students hear the university library stays open until midnight in exam season, with free coffee.",
                ("", SourceKind::Unattributed),
                "Campus Daily",
                "2026-03-04",
            ),
        ]
    }

    #[test]
    fn statements_saying_the_same_thing_form_one_claim() {
        let claims = ClaimClusterer::default().cluster(&items());
        let members: Vec<&Vec<usize>> = claims.iter().map(|c| &c.members).collect();
        assert_eq!(members, [&vec![0, 1], &vec![2, 3]]);
    }

    #[test]
    fn a_claim_knows_its_origin_outlets_and_named_sources() {
        let claims = ClaimClusterer::default().cluster(&items());
        let wind = &claims[0];
        assert_eq!(wind.documents, ["a", "b"]);
        assert_eq!(wind.earliest, 1);
        assert_eq!(wind.outlets, ["Harbor Gazette", "Coastline Wire"]);
        assert!(wind.named_source);
        let library = &claims[1];
        assert_eq!(library.earliest, 2);
        assert_eq!(library.outlets, ["Campus Daily"]);
        assert!(
            !library.named_source,
            "only anonymous and unattributed sources"
        );
    }

    #[test]
    fn a_high_threshold_keeps_every_item_apart() {
        let config = ClaimConfig {
            threshold: 0.99,
            ..ClaimConfig::default()
        };
        let labels = ClaimClusterer::new(config).labels(&items());
        assert_eq!(labels, [0, 1, 2, 3]);
    }

    #[test]
    fn similarity_is_symmetric() {
        let clusterer = ClaimClusterer::default();
        let items = items();
        let (ab, ba) = (
            clusterer.similarity(&items, 0, 1),
            clusterer.similarity(&items, 1, 0),
        );
        assert!((ab - ba).abs() < 1e-12 && ab > 0.1);
        assert!(clusterer.similarity(&items, 0, 2) < 0.05);
    }

    #[test]
    fn average_linkage_does_not_chain() {
        // 0-1 and 1-2 are similar, 0-2 not: the mean of {0,1} to 2 is below 0.3.
        let labels = average_linkage(3, vec![(0, 1, 0.9), (1, 2, 0.4)], 0.3);
        assert_eq!(labels, [0, 0, 2]);
        let labels = average_linkage(3, vec![(0, 1, 0.9), (1, 2, 0.4), (0, 2, 0.3)], 0.3);
        assert_eq!(labels, [0, 0, 0]);
    }
}
