//! A document flattened into table rows (character offsets, kinds as their
//! JSON names), and rows read back into a document. Both backends write and
//! read these same rows, so they store the same thing.

use crate::error::BackendError;
use crate::model::{ArticleSummary, DocumentId, Statement, StoredDocument};
use serde::de::DeserializeOwned;
use serde::Serialize;
use sourcetrace_core::{
    Attribution, ChainLink, CharOffsets, Content, Credit, DateEvidence, Document, Entity,
    EvidenceJson, PageMeta, Source, SourceKind, Span, When,
};

/// The columns of a document row, in the order [`read_document`] expects (alias `d`).
pub(crate) const DOCUMENT_COLUMNS: &str = "d.id, d.content_hash, d.name, d.origin, d.title, d.url, \
     d.outlet, d.author, d.language, d.published, d.published_provenance, d.published_evidence, \
     d.syndicated_role, d.syndicated_name, d.syndicated_start, d.syndicated_end, d.syndicated_text, \
     d.text, d.ingested_at, \
     (SELECT sm.story_id FROM story_members sm WHERE sm.document_id = d.id)";

/// The columns of an attribution row (alias `a`), then its article's summary (alias `d`),
/// in the order [`read_statement`] expects.
pub(crate) const STATEMENT_COLUMNS: &str =
    "a.id, a.document_id, a.position, a.cue_start, a.cue_end, \
     a.cue_text, a.source_start, a.source_end, a.source_text, a.source_name, a.source_kind, \
     a.content_start, a.content_end, a.content_text, a.direct, a.when_start, a.when_end, \
     a.when_text, a.when_value, \
     (SELECT cm.claim_id FROM claim_members cm WHERE cm.attribution_id = a.id), \
     d.name, d.title, d.outlet, d.published, \
     (SELECT sm.story_id FROM story_members sm WHERE sm.document_id = d.id), d.syndicated_name";

/// The columns of an article summary (alias `d`).
pub(crate) const ARTICLE_COLUMNS: &str = "d.id, d.name, d.title, d.outlet, d.published, \
     (SELECT sm.story_id FROM story_members sm WHERE sm.document_id = d.id), d.syndicated_name";

/// How many columns [`ARTICLE_COLUMNS`] selects (a query's own columns follow).
pub(crate) const ARTICLE_COLUMN_COUNT: usize = 7;

/// The columns of a chain link row, in the order [`read_chain_link`] expects.
pub(crate) const CHAIN_COLUMNS: &str = "attribution_position, position, name, kind";
/// The columns of an entity row.
pub(crate) const ENTITY_COLUMNS: &str = "position, name, kind, titles";
/// The columns of a mention row.
pub(crate) const MENTION_COLUMNS: &str =
    "entity_position, position, span_start, span_end, span_text";
/// The columns of a credit row.
pub(crate) const CREDIT_COLUMNS: &str = "position, role, name, span_start, span_end, span_text";

/// Typed access to a result row of either backend.
pub(crate) trait RowRead {
    fn int(&self, i: usize) -> Result<i64, BackendError>;
    fn opt_int(&self, i: usize) -> Result<Option<i64>, BackendError>;
    fn text(&self, i: usize) -> Result<String, BackendError>;
    fn opt_text(&self, i: usize) -> Result<Option<String>, BackendError>;
    fn boolean(&self, i: usize) -> Result<bool, BackendError>;
}

impl RowRead for rusqlite::Row<'_> {
    fn int(&self, i: usize) -> Result<i64, BackendError> {
        Ok(self.get(i)?)
    }
    fn opt_int(&self, i: usize) -> Result<Option<i64>, BackendError> {
        Ok(self.get(i)?)
    }
    fn text(&self, i: usize) -> Result<String, BackendError> {
        Ok(self.get(i)?)
    }
    fn opt_text(&self, i: usize) -> Result<Option<String>, BackendError> {
        Ok(self.get(i)?)
    }
    fn boolean(&self, i: usize) -> Result<bool, BackendError> {
        Ok(self.get(i)?)
    }
}

impl RowRead for postgres::Row {
    fn int(&self, i: usize) -> Result<i64, BackendError> {
        Ok(self.try_get(i)?)
    }
    fn opt_int(&self, i: usize) -> Result<Option<i64>, BackendError> {
        Ok(self.try_get(i)?)
    }
    fn text(&self, i: usize) -> Result<String, BackendError> {
        Ok(self.try_get(i)?)
    }
    fn opt_text(&self, i: usize) -> Result<Option<String>, BackendError> {
        Ok(self.try_get(i)?)
    }
    fn boolean(&self, i: usize) -> Result<bool, BackendError> {
        Ok(self.try_get(i)?)
    }
}

/// The JSON name of a serde enum (`"person"`, `"hat_tip"`).
pub(crate) fn enum_name<T: Serialize>(value: T) -> String {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}

/// The serde enum of a JSON name, `None` for an unknown name.
pub(crate) fn parse_enum<T: DeserializeOwned>(name: &str) -> Option<T> {
    serde_json::from_value(serde_json::Value::String(name.to_string())).ok()
}

fn offset(n: usize) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

/// A span in character offsets, with its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SpanRow {
    pub(crate) start: i64,
    pub(crate) end: i64,
    pub(crate) text: String,
}

/// The `documents` row of a document.
#[derive(Debug, Clone)]
pub(crate) struct DocumentRow {
    pub(crate) content_hash: String,
    pub(crate) name: String,
    pub(crate) origin: Option<String>,
    pub(crate) title: Option<String>,
    pub(crate) url: Option<String>,
    pub(crate) outlet: Option<String>,
    pub(crate) author: Option<String>,
    pub(crate) language: Option<String>,
    pub(crate) published: Option<String>,
    pub(crate) published_provenance: Option<String>,
    /// JSON array of `EvidenceJson` (character offsets).
    pub(crate) published_evidence: String,
    pub(crate) syndicated_role: Option<String>,
    pub(crate) syndicated_name: Option<String>,
    pub(crate) syndicated: Option<SpanRow>,
    pub(crate) text: String,
}

/// An `attributions` row (without its store id and document id).
#[derive(Debug, Clone)]
pub(crate) struct AttributionRow {
    pub(crate) position: i64,
    pub(crate) cue: SpanRow,
    pub(crate) source: Option<SpanRow>,
    pub(crate) source_name: Option<String>,
    pub(crate) source_kind: Option<String>,
    pub(crate) content: SpanRow,
    pub(crate) direct: bool,
    pub(crate) when: Option<SpanRow>,
    pub(crate) when_value: Option<String>,
}

/// A `chain_links` row.
#[derive(Debug, Clone)]
pub(crate) struct ChainRow {
    pub(crate) attribution_position: i64,
    pub(crate) position: i64,
    pub(crate) name: Option<String>,
    pub(crate) kind: String,
}

/// An `entities` row.
#[derive(Debug, Clone)]
pub(crate) struct EntityRow {
    pub(crate) position: i64,
    pub(crate) name: String,
    pub(crate) kind: String,
    /// JSON array of strings.
    pub(crate) titles: String,
}

/// A `mentions` row.
#[derive(Debug, Clone)]
pub(crate) struct MentionRow {
    pub(crate) entity_position: i64,
    pub(crate) position: i64,
    pub(crate) span: SpanRow,
}

/// A `credits` row.
#[derive(Debug, Clone)]
pub(crate) struct CreditRow {
    pub(crate) position: i64,
    pub(crate) role: String,
    pub(crate) name: String,
    pub(crate) span: SpanRow,
}

/// Every row of one document.
#[derive(Debug, Clone)]
pub(crate) struct DocumentRows {
    pub(crate) document: DocumentRow,
    pub(crate) attributions: Vec<AttributionRow>,
    pub(crate) chain_links: Vec<ChainRow>,
    pub(crate) entities: Vec<EntityRow>,
    pub(crate) mentions: Vec<MentionRow>,
    pub(crate) credits: Vec<CreditRow>,
}

impl DocumentRows {
    /// Flatten a document, turning byte spans into character offsets.
    pub(crate) fn new(doc: &Document) -> Self {
        let map = CharOffsets::new(&doc.text);
        let text = doc.text.as_str();
        let span = |s: Span| SpanRow {
            start: offset(map.char_of(s.start)),
            end: offset(map.char_of(s.end)),
            text: s.slice(text).to_string(),
        };
        let evidence: Vec<EvidenceJson> = doc
            .published_evidence
            .iter()
            .map(|e| {
                let sp = e.span.map(span);
                EvidenceJson {
                    start: sp.as_ref().map(|s| s.start as usize),
                    end: sp.as_ref().map(|s| s.end as usize),
                    text: sp.map(|s| s.text),
                    reason: e.reason.clone(),
                }
            })
            .collect();
        let document = DocumentRow {
            content_hash: crate::document_key(&doc.text, doc.meta.outlet.as_deref()),
            name: doc.id.clone(),
            origin: doc.meta.origin.clone(),
            title: doc.meta.title.clone(),
            url: doc.meta.url.clone(),
            outlet: doc.meta.outlet.clone(),
            author: doc.meta.author.clone(),
            language: doc.meta.language.clone(),
            published: doc.published.clone(),
            published_provenance: doc.published_provenance.map(enum_name),
            published_evidence: serde_json::to_string(&evidence)
                .unwrap_or_else(|_| "[]".to_string()),
            syndicated_role: doc.syndicated_from.as_ref().map(|c| enum_name(c.role)),
            syndicated_name: doc.syndicated_from.as_ref().map(|c| c.name.clone()),
            syndicated: doc.syndicated_from.as_ref().map(|c| span(c.span)),
            text: doc.text.clone(),
        };
        let mut attributions = Vec::with_capacity(doc.attributions.len());
        let mut chain_links = Vec::new();
        for (i, a) in doc.attributions.iter().enumerate() {
            let position = offset(i);
            attributions.push(AttributionRow {
                position,
                cue: span(a.cue),
                source: a.source.as_ref().map(|s| span(s.span)),
                source_name: a.source.as_ref().map(|s| s.name.clone()),
                source_kind: a.source.as_ref().map(|s| enum_name(s.kind)),
                content: span(a.content.span),
                direct: a.content.direct,
                when: a.when.as_ref().map(|w| span(w.span)),
                when_value: a.when.as_ref().and_then(|w| w.value.clone()),
            });
            for (j, link) in a.chain.iter().enumerate() {
                chain_links.push(ChainRow {
                    attribution_position: position,
                    position: offset(j),
                    name: link.name.clone(),
                    kind: enum_name(link.kind),
                });
            }
        }
        let mut entities = Vec::with_capacity(doc.entities.len());
        let mut mentions = Vec::new();
        for (i, e) in doc.entities.iter().enumerate() {
            entities.push(EntityRow {
                position: offset(i),
                name: e.name.clone(),
                kind: enum_name(e.kind),
                titles: serde_json::to_string(&e.titles).unwrap_or_else(|_| "[]".to_string()),
            });
            for (j, &m) in e.mentions.iter().enumerate() {
                mentions.push(MentionRow {
                    entity_position: offset(i),
                    position: offset(j),
                    span: span(m),
                });
            }
        }
        let credits = doc
            .credits
            .iter()
            .enumerate()
            .map(|(i, c)| CreditRow {
                position: offset(i),
                role: enum_name(c.role),
                name: c.name.clone(),
                span: span(c.span),
            })
            .collect();
        DocumentRows {
            document,
            attributions,
            chain_links,
            entities,
            mentions,
            credits,
        }
    }
}

/// A document row as read back, with its store columns.
#[derive(Debug, Clone)]
pub(crate) struct ReadDocument {
    pub(crate) id: i64,
    pub(crate) ingested_at: i64,
    pub(crate) story_id: Option<i64>,
    pub(crate) row: DocumentRow,
}

fn span_of(start: Option<i64>, end: Option<i64>, text: Option<String>) -> Option<SpanRow> {
    match (start, end) {
        (Some(start), Some(end)) => Some(SpanRow {
            start,
            end,
            text: text.unwrap_or_default(),
        }),
        _ => None,
    }
}

/// Read a row selected with [`DOCUMENT_COLUMNS`].
pub(crate) fn read_document(r: &impl RowRead) -> Result<ReadDocument, BackendError> {
    Ok(ReadDocument {
        id: r.int(0)?,
        ingested_at: r.int(18)?,
        story_id: r.opt_int(19)?,
        row: DocumentRow {
            content_hash: r.text(1)?,
            name: r.text(2)?,
            origin: r.opt_text(3)?,
            title: r.opt_text(4)?,
            url: r.opt_text(5)?,
            outlet: r.opt_text(6)?,
            author: r.opt_text(7)?,
            language: r.opt_text(8)?,
            published: r.opt_text(9)?,
            published_provenance: r.opt_text(10)?,
            published_evidence: r.text(11)?,
            syndicated_role: r.opt_text(12)?,
            syndicated_name: r.opt_text(13)?,
            syndicated: span_of(r.opt_int(14)?, r.opt_int(15)?, r.opt_text(16)?),
            text: r.text(17)?,
        },
    })
}

/// Read the attribution part of a row selected with [`STATEMENT_COLUMNS`]:
/// its store id, document id and row.
pub(crate) fn read_attribution(
    r: &impl RowRead,
) -> Result<(i64, i64, AttributionRow), BackendError> {
    Ok((
        r.int(0)?,
        r.int(1)?,
        AttributionRow {
            position: r.int(2)?,
            cue: SpanRow {
                start: r.int(3)?,
                end: r.int(4)?,
                text: r.text(5)?,
            },
            source: span_of(r.opt_int(6)?, r.opt_int(7)?, r.opt_text(8)?),
            source_name: r.opt_text(9)?,
            source_kind: r.opt_text(10)?,
            content: SpanRow {
                start: r.int(11)?,
                end: r.int(12)?,
                text: r.text(13)?,
            },
            direct: r.boolean(14)?,
            when: span_of(r.opt_int(15)?, r.opt_int(16)?, r.opt_text(17)?),
            when_value: r.opt_text(18)?,
        },
    ))
}

/// A statement without its chain (read separately), from a row selected with
/// [`STATEMENT_COLUMNS`]; also returns the attribution's position.
pub(crate) fn read_statement(r: &impl RowRead) -> Result<(Statement, i64), BackendError> {
    let (id, document, row) = read_attribution(r)?;
    let statement = Statement {
        id,
        article: ArticleSummary {
            id: DocumentId(document),
            name: r.text(20)?,
            title: r.opt_text(21)?,
            outlet: r.opt_text(22)?,
            published: r.opt_text(23)?,
            story_id: r.opt_int(24)?,
            credit: r.opt_text(25)?,
        },
        source_kind: row.source_kind.as_deref().and_then(parse_enum).unwrap_or(
            if row.source_name.is_some() {
                SourceKind::Unknown
            } else {
                SourceKind::Unattributed
            },
        ),
        source_name: row.source_name,
        cue: row.cue.text,
        content: row.content.text,
        direct: row.direct,
        when: row.when_value,
        chain: Vec::new(),
        claim_id: r.opt_int(19)?,
    };
    Ok((statement, row.position))
}

/// Read a row selected with [`ARTICLE_COLUMNS`].
pub(crate) fn read_article(r: &impl RowRead) -> Result<ArticleSummary, BackendError> {
    Ok(ArticleSummary {
        id: DocumentId(r.int(0)?),
        name: r.text(1)?,
        title: r.opt_text(2)?,
        outlet: r.opt_text(3)?,
        published: r.opt_text(4)?,
        story_id: r.opt_int(5)?,
        credit: r.opt_text(6)?,
    })
}

/// Read a row selected with [`CHAIN_COLUMNS`].
pub(crate) fn read_chain_link(r: &impl RowRead) -> Result<ChainRow, BackendError> {
    Ok(ChainRow {
        attribution_position: r.int(0)?,
        position: r.int(1)?,
        name: r.opt_text(2)?,
        kind: r.text(3)?,
    })
}

/// Read a row selected with [`ENTITY_COLUMNS`].
pub(crate) fn read_entity(r: &impl RowRead) -> Result<EntityRow, BackendError> {
    Ok(EntityRow {
        position: r.int(0)?,
        name: r.text(1)?,
        kind: r.text(2)?,
        titles: r.text(3)?,
    })
}

/// Read a row selected with [`MENTION_COLUMNS`].
pub(crate) fn read_mention(r: &impl RowRead) -> Result<MentionRow, BackendError> {
    Ok(MentionRow {
        entity_position: r.int(0)?,
        position: r.int(1)?,
        span: SpanRow {
            start: r.int(2)?,
            end: r.int(3)?,
            text: r.text(4)?,
        },
    })
}

/// Read a row selected with [`CREDIT_COLUMNS`].
pub(crate) fn read_credit(r: &impl RowRead) -> Result<CreditRow, BackendError> {
    Ok(CreditRow {
        position: r.int(0)?,
        role: r.text(1)?,
        name: r.text(2)?,
        span: SpanRow {
            start: r.int(3)?,
            end: r.int(4)?,
            text: r.text(5)?,
        },
    })
}

/// A chain link of the model, from its row.
pub(crate) fn chain_link(row: &ChainRow) -> Result<ChainLink, String> {
    Ok(ChainLink {
        name: row.name.clone(),
        kind: parse_enum(&row.kind).ok_or_else(|| format!("unknown kind {:?}", row.kind))?,
    })
}

/// Character offsets back to byte spans of one text.
struct ByteOffsets {
    /// Byte offset of each character, then the text's length.
    bytes: Vec<usize>,
}

impl ByteOffsets {
    fn new(text: &str) -> Self {
        let mut bytes: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
        bytes.push(text.len());
        ByteOffsets { bytes }
    }

    fn span(&self, row: &SpanRow) -> Result<Span, String> {
        let byte = |c: i64| {
            usize::try_from(c)
                .ok()
                .and_then(|c| self.bytes.get(c).copied())
                .ok_or_else(|| format!("character offset {c} lies past the text"))
        };
        Ok(Span::new(byte(row.start)?, byte(row.end)?))
    }
}

/// Rebuild a document from its rows (each list in position order).
pub(crate) fn assemble(
    read: ReadDocument,
    attributions: Vec<AttributionRow>,
    chain_links: Vec<ChainRow>,
    entities: Vec<EntityRow>,
    mentions: Vec<MentionRow>,
    credits: Vec<CreditRow>,
) -> Result<StoredDocument, String> {
    let row = read.row;
    let offsets = ByteOffsets::new(&row.text);
    let kind = |name: &str| -> Result<SourceKind, String> {
        parse_enum(name).ok_or_else(|| format!("unknown source kind {name:?}"))
    };
    let credit = |role: &str, name: &str, span: &SpanRow| -> Result<Credit, String> {
        Ok(Credit {
            role: parse_enum(role).ok_or_else(|| format!("unknown credit role {role:?}"))?,
            name: name.to_string(),
            span: offsets.span(span)?,
        })
    };
    let evidence: Vec<EvidenceJson> = serde_json::from_str(&row.published_evidence)
        .map_err(|e| format!("published_evidence is not valid JSON: {e}"))?;
    let published_evidence = evidence
        .into_iter()
        .map(|e| {
            let span = match (e.start, e.end) {
                (Some(start), Some(end)) => Some(offsets.span(&SpanRow {
                    start: offset(start),
                    end: offset(end),
                    text: String::new(),
                })?),
                _ => None,
            };
            Ok(DateEvidence {
                span,
                reason: e.reason,
            })
        })
        .collect::<Result<Vec<_>, String>>()?;

    let mut chains: Vec<Vec<ChainLink>> = vec![Vec::new(); attributions.len()];
    for link in &chain_links {
        let slot = usize::try_from(link.attribution_position)
            .ok()
            .and_then(|i| chains.get_mut(i))
            .ok_or_else(|| {
                format!(
                    "chain link of missing attribution {}",
                    link.attribution_position
                )
            })?;
        slot.push(chain_link(link)?);
    }
    let mut model_attributions = Vec::with_capacity(attributions.len());
    for (a, chain) in attributions.into_iter().zip(chains) {
        let source = match (&a.source, a.source_name, a.source_kind) {
            (Some(span), Some(name), Some(k)) => Some(Source {
                span: offsets.span(span)?,
                name,
                kind: kind(&k)?,
            }),
            _ => None,
        };
        let when = match &a.when {
            Some(span) => Some(When {
                span: offsets.span(span)?,
                value: a.when_value,
            }),
            None => None,
        };
        model_attributions.push(Attribution {
            cue: offsets.span(&a.cue)?,
            source,
            content: Content {
                span: offsets.span(&a.content)?,
                direct: a.direct,
            },
            when,
            chain,
        });
    }

    let mut model_entities = Vec::with_capacity(entities.len());
    for e in &entities {
        model_entities.push(Entity {
            name: e.name.clone(),
            kind: kind(&e.kind)?,
            titles: serde_json::from_str(&e.titles)
                .map_err(|err| format!("entity titles are not valid JSON: {err}"))?,
            mentions: Vec::new(),
        });
    }
    for m in &mentions {
        let entity = usize::try_from(m.entity_position)
            .ok()
            .and_then(|i| model_entities.get_mut(i))
            .ok_or_else(|| format!("mention of missing entity {}", m.entity_position))?;
        entity.mentions.push(offsets.span(&m.span)?);
    }
    let model_credits = credits
        .iter()
        .map(|c| credit(&c.role, &c.name, &c.span))
        .collect::<Result<Vec<_>, String>>()?;
    let syndicated_from = match (&row.syndicated_role, &row.syndicated_name, &row.syndicated) {
        (Some(role), Some(name), Some(span)) => Some(credit(role, name, span)?),
        _ => None,
    };
    let published_provenance = match &row.published_provenance {
        Some(p) => Some(parse_enum(p).ok_or_else(|| format!("unknown date provenance {p:?}"))?),
        None => None,
    };
    let document = Document {
        id: row.name,
        published: row.published,
        published_provenance,
        published_evidence,
        attributions: model_attributions,
        syndicated_from,
        credits: model_credits,
        entities: model_entities,
        meta: PageMeta {
            origin: row.origin,
            title: row.title,
            url: row.url,
            outlet: row.outlet,
            author: row.author,
            language: row.language,
        },
        text: row.text,
    };
    Ok(StoredDocument {
        id: DocumentId(read.id),
        content_hash: row.content_hash,
        ingested_at: read.ingested_at,
        story_id: read.story_id,
        document,
    })
}
