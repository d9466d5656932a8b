//! Queries both backends run as they are, written with SQLite's `?N`
//! parameters; [`postgres`] turns them into PostgreSQL's `$N`.
//!
//! Parameters compared with `IS NULL` or passed to `lower` are cast to TEXT,
//! which PostgreSQL needs to type them and SQLite accepts.

use crate::rows::{
    ARTICLE_COLUMNS, CHAIN_COLUMNS, CREDIT_COLUMNS, DOCUMENT_COLUMNS, ENTITY_COLUMNS,
    MENTION_COLUMNS, STATEMENT_COLUMNS,
};
use std::sync::OnceLock;

/// A query of both backends, built once.
pub(crate) struct Queries {
    pub(crate) document_by_hash: String,
    pub(crate) count: String,
    pub(crate) document: String,
    pub(crate) document_attributions: String,
    pub(crate) document_chain_links: String,
    pub(crate) document_entities: String,
    pub(crate) document_mentions: String,
    pub(crate) document_credits: String,
    pub(crate) statement_chain: String,
    pub(crate) sources: String,
    pub(crate) timeline_articles: String,
    pub(crate) timeline_statements: String,
    pub(crate) story_of: String,
    pub(crate) story_members: String,
    pub(crate) largest_stories: String,
    pub(crate) claim_statements: String,
    pub(crate) claim_ids: String,
}

/// The shared queries in SQLite's syntax.
pub(crate) fn sqlite() -> &'static Queries {
    static QUERIES: OnceLock<Queries> = OnceLock::new();
    QUERIES.get_or_init(build)
}

/// The shared queries in PostgreSQL's syntax.
pub(crate) fn postgres() -> &'static Queries {
    static QUERIES: OnceLock<Queries> = OnceLock::new();
    QUERIES.get_or_init(|| {
        let q = build();
        Queries {
            document_by_hash: dollar(&q.document_by_hash),
            count: dollar(&q.count),
            document: dollar(&q.document),
            document_attributions: dollar(&q.document_attributions),
            document_chain_links: dollar(&q.document_chain_links),
            document_entities: dollar(&q.document_entities),
            document_mentions: dollar(&q.document_mentions),
            document_credits: dollar(&q.document_credits),
            statement_chain: dollar(&q.statement_chain),
            sources: dollar(&q.sources),
            timeline_articles: dollar(&q.timeline_articles),
            timeline_statements: dollar(&q.timeline_statements),
            story_of: dollar(&q.story_of),
            story_members: dollar(&q.story_members),
            largest_stories: dollar(&q.largest_stories),
            claim_statements: dollar(&q.claim_statements),
            claim_ids: dollar(&q.claim_ids),
        }
    })
}

/// `?N` parameters to `$N`.
pub(crate) fn dollar(sql: &str) -> String {
    sql.replace('?', "$")
}

fn build() -> Queries {
    Queries {
        document_by_hash: "SELECT id FROM documents WHERE content_hash = ?1".to_string(),
        count: "SELECT count(*) FROM documents".to_string(),
        document: format!("SELECT {DOCUMENT_COLUMNS} FROM documents d WHERE d.id = ?1"),
        document_attributions: format!(
            "SELECT {STATEMENT_COLUMNS} FROM attributions a JOIN documents d ON d.id = a.document_id \
             WHERE a.document_id = ?1 ORDER BY a.position"
        ),
        document_chain_links: format!(
            "SELECT {CHAIN_COLUMNS} FROM chain_links WHERE document_id = ?1 \
             ORDER BY attribution_position, position"
        ),
        document_entities: format!(
            "SELECT {ENTITY_COLUMNS} FROM entities WHERE document_id = ?1 ORDER BY position"
        ),
        document_mentions: format!(
            "SELECT {MENTION_COLUMNS} FROM mentions WHERE document_id = ?1 \
             ORDER BY entity_position, position"
        ),
        document_credits: format!(
            "SELECT {CREDIT_COLUMNS} FROM credits WHERE document_id = ?1 ORDER BY position"
        ),
        statement_chain: format!(
            "SELECT {CHAIN_COLUMNS} FROM chain_links \
             WHERE document_id = ?1 AND attribution_position = ?2 ORDER BY position"
        ),
        // source name, kind, citing outlet, statements, documents
        sources: "SELECT a.source_name, coalesce(a.source_kind, 'unattributed') AS kind, d.outlet, \
                    count(*), count(DISTINCT a.document_id) \
             FROM attributions a JOIN documents d ON d.id = a.document_id \
             WHERE (CAST(?1 AS TEXT) IS NULL OR coalesce(a.source_kind, 'unattributed') = CAST(?1 AS TEXT)) \
               AND (CAST(?2 AS TEXT) IS NULL OR lower(d.outlet) = lower(CAST(?2 AS TEXT))) \
             GROUP BY a.source_name, coalesce(a.source_kind, 'unattributed'), d.outlet"
            .to_string(),
        timeline_articles: format!(
            "SELECT {ARTICLE_COLUMNS}, \
                (SELECT count(*) FROM mentions m JOIN entities e \
                   ON e.document_id = m.document_id AND e.position = m.entity_position \
                 WHERE e.document_id = d.id AND lower(e.name) = lower(CAST(?1 AS TEXT))) \
             FROM documents d \
             WHERE d.id IN (SELECT document_id FROM entities WHERE lower(name) = lower(CAST(?1 AS TEXT)) \
                            UNION SELECT document_id FROM attributions \
                            WHERE lower(source_name) = lower(CAST(?1 AS TEXT))) \
             ORDER BY d.published IS NULL, d.published, d.id"
        ),
        timeline_statements: format!(
            "SELECT {STATEMENT_COLUMNS} FROM attributions a JOIN documents d ON d.id = a.document_id \
             WHERE lower(a.source_name) = lower(CAST(?1 AS TEXT)) ORDER BY a.document_id, a.position"
        ),
        story_of: format!("SELECT {ARTICLE_COLUMNS} FROM documents d WHERE d.id = ?1"),
        story_members: format!(
            "SELECT {ARTICLE_COLUMNS} FROM story_members s JOIN documents d ON d.id = s.document_id \
             WHERE s.story_id = ?1 ORDER BY d.id LIMIT ?2"
        ),
        // story id, members
        largest_stories: "SELECT story_id, count(*) FROM story_members \
             GROUP BY story_id HAVING count(*) >= ?1 ORDER BY count(*) DESC, story_id LIMIT ?2"
            .to_string(),
        claim_ids: "SELECT DISTINCT claim_id FROM claim_members WHERE claim_id > ?1 \
             ORDER BY claim_id LIMIT ?2"
            .to_string(),
        claim_statements: format!(
            "SELECT {STATEMENT_COLUMNS} FROM claim_members c \
             JOIN attributions a ON a.id = c.attribution_id JOIN documents d ON d.id = a.document_id \
             WHERE c.claim_id = ?1 \
             ORDER BY d.published IS NULL, d.published, a.document_id, a.position LIMIT ?2"
        ),
    }
}
