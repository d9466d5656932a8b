//! Provenance: how a claim reached each page, as a tree (origin first, then
//! relays, the wire story a page copied, and the page) and as a graph of
//! parties and outlets over many claims.
//!
//! A statement's path is its chain (origin first; the last link is the
//! source the page cites); when its page is a copy of another outlet's story
//! and credits an agency, the agency comes next (the page got the statement
//! from the wire, not from the source); the page (its outlet and date) ends
//! the path. Paths that share a beginning share tree nodes.

use crate::model::{ArticleSummary, ClaimTrace, Statement};
use serde::Serialize;
use sourcetrace_core::SourceKind;
use sourcetrace_corpus::agency_key;
use std::collections::BTreeMap;

/// What a node of a provenance tree stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "type", content = "kind")]
pub enum NodeKind {
    /// A party of a chain: the origin, a relay, or the source a page cites.
    Party(SourceKind),
    /// The agency whose story a page copied.
    Wire,
    /// A page that carried the claim.
    Page,
}

/// One node of a provenance tree.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ProvenanceNode {
    /// The party's or agency's name, or the page's outlet; `None` for a party
    /// the text does not name.
    pub name: Option<String>,
    /// What it stands for.
    pub kind: NodeKind,
    /// The earliest publication date of the pages below (or of this page).
    pub first_seen: Option<String>,
    /// How many statements pass through it.
    pub statements: usize,
    /// The page, for a [`NodeKind::Page`] node.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub article: Option<ArticleSummary>,
    /// The next hops, earliest first (undated last).
    pub children: Vec<ProvenanceNode>,
}

/// One hop of a statement's path.
#[derive(Debug, Clone)]
struct Hop {
    name: Option<String>,
    kind: NodeKind,
}

impl Hop {
    fn key(&self) -> String {
        let name = self.name.as_deref().unwrap_or("");
        match self.kind {
            NodeKind::Party(SourceKind::Outlet) | NodeKind::Wire => {
                format!("o:{}", agency_key(name))
            }
            NodeKind::Party(kind) => format!("p:{}:{}", kind.as_str(), name.to_lowercase()),
            NodeKind::Page => format!("page:{name}"),
        }
    }
}

/// The hops of one statement's path before its page.
fn hops(statement: &Statement, trace_story_agency: Option<&str>) -> Vec<Hop> {
    let mut out: Vec<Hop> = statement
        .chain
        .iter()
        .map(|l| Hop {
            name: l.name.clone(),
            kind: NodeKind::Party(l.kind),
        })
        .collect();
    if out.is_empty() {
        out.push(Hop {
            name: statement.source_name.clone(),
            kind: NodeKind::Party(statement.source_kind),
        });
    }
    if let Some(agency) = trace_story_agency {
        let key = agency_key(agency);
        let outlet_is_agency = statement
            .article
            .outlet
            .as_deref()
            .is_some_and(|o| agency_key(o) == key);
        let named_already = out
            .iter()
            .any(|h| h.name.as_deref().is_some_and(|n| agency_key(n) == key));
        if !outlet_is_agency && !named_already {
            out.push(Hop {
                name: Some(agency.to_string()),
                kind: NodeKind::Wire,
            });
        }
    }
    out
}

/// The agency a statement's page got its story from, when the page is a
/// copy (not the original) of a story that credits one.
fn wire_of<'a>(trace: &'a ClaimTrace, article: &ArticleSummary) -> Option<&'a str> {
    let story = trace.story_of(article)?;
    if story.original == article.id {
        return None;
    }
    story.agency.as_deref()
}

/// A statement's whole path, its page last.
fn path(trace: &ClaimTrace, statement: &Statement) -> Vec<Hop> {
    let mut out = hops(statement, wire_of(trace, &statement.article));
    out.push(Hop {
        name: statement.article.outlet.clone(),
        kind: NodeKind::Page,
    });
    out
}

#[derive(Default)]
struct Trie {
    children: BTreeMap<String, (Hop, Trie)>,
    order: Vec<String>,
    statements: usize,
    first_seen: Option<String>,
    article: Option<ArticleSummary>,
}

fn earlier(a: &Option<String>, b: &Option<String>) -> Option<String> {
    match (a, b) {
        (Some(x), Some(y)) => Some(x.min(y).clone()),
        (Some(x), None) | (None, Some(x)) => Some(x.clone()),
        (None, None) => None,
    }
}

impl Trie {
    fn insert(&mut self, hops: &[Hop], statement: &Statement) {
        self.statements += 1;
        self.first_seen = earlier(&self.first_seen, &statement.article.published);
        let Some((first, rest)) = hops.split_first() else {
            return;
        };
        let mut key = first.key();
        if first.kind == NodeKind::Page {
            key = format!("{key}:{}", statement.article.id);
        }
        if !self.children.contains_key(&key) {
            self.order.push(key.clone());
        }
        let (_, child) = self
            .children
            .entry(key)
            .or_insert_with(|| (first.clone(), Trie::default()));
        if first.kind == NodeKind::Page {
            child.article = Some(statement.article.clone());
        }
        child.insert(rest, statement);
    }

    fn into_nodes(mut self) -> Vec<ProvenanceNode> {
        let mut nodes: Vec<ProvenanceNode> = self
            .order
            .iter()
            .filter_map(|key| self.children.remove(key))
            .map(|(hop, trie)| ProvenanceNode {
                name: hop.name,
                kind: hop.kind,
                first_seen: trie.first_seen.clone(),
                statements: trie.statements,
                article: trie.article.clone(),
                children: trie.into_nodes(),
            })
            .collect();
        nodes.sort_by(|a, b| match (&a.first_seen, &b.first_seen) {
            (Some(x), Some(y)) => x.cmp(y),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => std::cmp::Ordering::Equal,
        });
        nodes
    }
}

impl ClaimTrace {
    /// The claim's provenance tree: its origins (usually one), each with the
    /// relays and pages below it, earliest first.
    pub fn tree(&self) -> Vec<ProvenanceNode> {
        let mut trie = Trie::default();
        for statement in &self.statements {
            trie.insert(&path(self, statement), statement);
        }
        trie.into_nodes()
    }

    /// The statement that appeared first (the first one when no date is known).
    pub fn earliest(&self) -> Option<&Statement> {
        self.statements
            .iter()
            .filter(|s| s.article.published.is_some())
            .min_by(|a, b| a.article.published.cmp(&b.article.published))
            .or(self.statements.first())
    }
}

/// A party or outlet of a provenance graph.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GraphNode {
    /// A stable id: `outlet:KEY` for outlets and agencies (one node for
    /// "Reuters" and "reuters.com"), `party:KIND:NAME` for other parties.
    pub id: String,
    /// The name as first seen.
    pub label: String,
    /// `outlet` for outlets and agencies, else the party's source kind.
    pub kind: String,
}

/// A hop between two nodes, over every statement that takes it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct GraphEdge {
    /// The node the statements came from.
    pub source: String,
    /// The node they went to.
    pub target: String,
    /// `relayed` (a chain link to the next), `wire` (a party to the agency
    /// whose story a page copied), or `published` (to the outlet of the page).
    pub relation: String,
    /// How many statements take it.
    pub statements: u64,
    /// How many claims take it.
    pub claims: u64,
    /// The earliest publication date of a page it led to.
    pub first_seen: Option<String>,
}

/// The provenance graph of many claims: who passed statements to whom.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ProvenanceGraph {
    /// Parties and outlets, in order of first appearance.
    pub nodes: Vec<GraphNode>,
    /// Hops, in order of first appearance.
    pub edges: Vec<GraphEdge>,
    #[serde(skip)]
    node_index: BTreeMap<String, usize>,
    #[serde(skip)]
    edge_index: BTreeMap<(String, String, String), (usize, Option<i64>)>,
}

impl ProvenanceGraph {
    /// An empty graph.
    pub fn new() -> Self {
        Self::default()
    }

    /// Add every statement of a claim.
    pub fn add(&mut self, trace: &ClaimTrace) {
        for statement in &trace.statements {
            let hops = path(trace, statement);
            let ids: Vec<String> = hops.iter().map(|h| self.node(h)).collect();
            for (i, pair) in ids.windows(2).enumerate() {
                let relation = match hops[i + 1].kind {
                    NodeKind::Page => "published",
                    NodeKind::Wire => "wire",
                    NodeKind::Party(_) => "relayed",
                };
                if pair[0] != pair[1] {
                    self.edge(&pair[0], &pair[1], relation, trace.claim, statement);
                }
            }
        }
    }

    fn node(&mut self, hop: &Hop) -> String {
        let label = hop.name.clone().unwrap_or_else(|| {
            match hop.kind {
                NodeKind::Page => "(outlet unknown)",
                NodeKind::Party(SourceKind::Unattributed) => "(no source)",
                _ => "(unnamed)",
            }
            .to_string()
        });
        let (id, kind) = match hop.kind {
            NodeKind::Party(SourceKind::Outlet) | NodeKind::Wire | NodeKind::Page => (
                format!("outlet:{}", agency_key(&label)),
                "outlet".to_string(),
            ),
            NodeKind::Party(kind) => (
                format!("party:{}:{}", kind.as_str(), label.to_lowercase()),
                kind.as_str().to_string(),
            ),
        };
        if !self.node_index.contains_key(&id) {
            self.node_index.insert(id.clone(), self.nodes.len());
            self.nodes.push(GraphNode {
                id: id.clone(),
                label,
                kind,
            });
        }
        id
    }

    fn edge(
        &mut self,
        source: &str,
        target: &str,
        relation: &str,
        claim: i64,
        statement: &Statement,
    ) {
        let key = (source.to_string(), target.to_string(), relation.to_string());
        let published = &statement.article.published;
        match self.edge_index.get_mut(&key) {
            Some((i, last_claim)) => {
                let edge = &mut self.edges[*i];
                edge.statements += 1;
                if *last_claim != Some(claim) {
                    edge.claims += 1;
                    *last_claim = Some(claim);
                }
                edge.first_seen = earlier(&edge.first_seen, published);
            }
            None => {
                self.edge_index.insert(key, (self.edges.len(), Some(claim)));
                self.edges.push(GraphEdge {
                    source: source.to_string(),
                    target: target.to_string(),
                    relation: relation.to_string(),
                    statements: 1,
                    claims: 1,
                    first_seen: published.clone(),
                });
            }
        }
    }
}
