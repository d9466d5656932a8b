//! The store test suite: every test runs against SQLite, and against
//! PostgreSQL when `SOURCETRACE_TEST_POSTGRES` holds a connection URL (each
//! test then works in a database of its own, dropped at the end).

mod support;

use sourcetrace_core::{Content, Document, Source, SourceKind, Span};
use sourcetrace_store::{
    DocumentId, LinkReport, OriginReason, PutOutcome, SourceFilter, Store, StoreError,
    SCHEMA_VERSION,
};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};
use support::database_url::with_database;
use support::synthetic;

/// Where a test's store lives; dropping it removes the store.
trait Fixture {
    /// The spec `Store::open` takes.
    fn spec(&self) -> String;
    /// Run SQL on the store directly, bypassing the store's API.
    fn raw(&self, sql: &str);
}

struct SqliteFixture {
    dir: tempfile::TempDir,
}

impl SqliteFixture {
    fn new() -> Self {
        SqliteFixture {
            dir: tempfile::tempdir().expect("temporary directory"),
        }
    }

    fn path(&self) -> std::path::PathBuf {
        self.dir.path().join("corpus.db")
    }
}

impl Fixture for SqliteFixture {
    fn spec(&self) -> String {
        format!("sqlite:{}", self.path().display())
    }

    fn raw(&self, sql: &str) {
        let conn = rusqlite::Connection::open(self.path()).expect("open SQLite");
        conn.execute_batch(sql).expect("raw SQL");
    }
}

struct PostgresFixture {
    admin_url: String,
    database: String,
    url: String,
}

impl PostgresFixture {
    /// A fresh database, or `None` when no server is configured.
    fn new() -> Option<Self> {
        static NEXT: AtomicU64 = AtomicU64::new(0);
        let admin_url = std::env::var("SOURCETRACE_TEST_POSTGRES").ok()?;
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.subsec_nanos())
            .unwrap_or(0);
        let database = format!(
            "sourcetrace_test_{}_{}_{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed),
            nanos
        );
        let mut admin = ::postgres::Client::connect(&admin_url, ::postgres::NoTls)
            .expect("connect to PostgreSQL");
        admin
            .batch_execute(&format!("CREATE DATABASE {database}"))
            .expect("create test database");
        let url = with_database(&admin_url, &database);
        Some(PostgresFixture {
            admin_url,
            database,
            url,
        })
    }
}

impl Fixture for PostgresFixture {
    fn spec(&self) -> String {
        self.url.clone()
    }

    fn raw(&self, sql: &str) {
        let mut client = ::postgres::Client::connect(&self.url, ::postgres::NoTls)
            .expect("connect to PostgreSQL");
        client.batch_execute(sql).expect("raw SQL");
    }
}

impl Drop for PostgresFixture {
    fn drop(&mut self) {
        if let Ok(mut admin) = ::postgres::Client::connect(&self.admin_url, ::postgres::NoTls) {
            let _ = admin.batch_execute(&format!(
                "DROP DATABASE IF EXISTS {} WITH (FORCE)",
                self.database
            ));
        }
    }
}

/// Each test, once per backend.
macro_rules! suite {
    ($($test:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[test]
                fn $test() {
                    super::$test(&super::SqliteFixture::new());
                }
            )*
        }
        mod postgres {
            $(
                #[test]
                fn $test() {
                    match super::PostgresFixture::new() {
                        Some(fixture) => super::$test(&fixture),
                        None => eprintln!("skipped: SOURCETRACE_TEST_POSTGRES is unset"),
                    }
                }
            )*
        }
    };
}

suite!(
    documents_read_back_equal,
    same_text_is_stored_once,
    search_finds_statements_and_articles,
    attributions_matching_lists_every_match_in_date_order,
    sources_count_citations_by_outlet,
    timeline_lists_articles_of_an_entity,
    reopened_store_keeps_documents_and_version,
    newer_schema_is_refused,
    foreign_tables_are_refused,
    concurrent_writers_store_each_text_once,
    killed_ingest_resumes_to_exactly_one_clean_run,
    copies_join_one_story_named_after_the_agency,
    stories_merge_when_a_copy_joins_two,
    repeated_statements_form_one_traceable_claim,
    deferred_linking_finds_the_stories_and_claims_of_linking_as_stored,
);

fn open(fixture: &impl Fixture) -> Store {
    Store::open(&fixture.spec()).expect("open store")
}

fn documents_read_back_equal(fixture: &impl Fixture) {
    let mut store = open(fixture);
    assert_eq!(store.count().expect("count"), 0);
    let mut docs: Vec<Document> = (0..12).map(synthetic::document).collect();
    docs.push(Document::new("bare", "A page with no attribution at all."));
    let mut ids = Vec::new();
    for doc in &docs {
        match store.put_document(doc).expect("put") {
            PutOutcome::Inserted(id) => ids.push(id),
            other => panic!("{} was not new: {other:?}", doc.id),
        }
    }
    assert_eq!(store.count().expect("count"), docs.len() as u64);
    for (doc, id) in docs.iter().zip(&ids) {
        let stored = store.document(*id).expect("read").expect("stored");
        assert_eq!(&stored.document, doc);
        assert_eq!(stored.id, *id);
        assert_eq!(
            stored.content_hash,
            sourcetrace_store::document_key(&doc.text, doc.meta.outlet.as_deref())
        );
        assert!(
            stored.ingested_at > 1_700_000_000,
            "ingested_at is a Unix time"
        );
        assert!(
            stored.story_id.is_some(),
            "every stored document is in a story"
        );
    }
    assert_eq!(store.document(DocumentId(999_999)).expect("read"), None);
}

fn same_text_is_stored_once(fixture: &impl Fixture) {
    let mut store = open(fixture);
    let first = synthetic::document(1);
    let id = store.put_document(&first).expect("put").id();
    assert_eq!(
        store.put_document(&first).expect("put again"),
        PutOutcome::AlreadyStored(id)
    );
    // Same text and outlet under another name: still the same document.
    let mut renamed = first.clone();
    renamed.id = "renamed".to_string();
    assert_eq!(
        store.put_document(&renamed).expect("put renamed"),
        PutOutcome::AlreadyStored(id)
    );
    let second = synthetic::document(2);
    let outcomes = store
        .put_batch(&[second.clone(), first.clone(), second.clone()])
        .expect("batch");
    let second_id = match outcomes[0] {
        PutOutcome::Inserted(id) => id,
        other => panic!("expected an insert, got {other:?}"),
    };
    assert_eq!(
        outcomes[1..],
        [
            PutOutcome::AlreadyStored(id),
            PutOutcome::AlreadyStored(second_id)
        ]
    );
    assert_eq!(store.count().expect("count"), 2);
    let outlet = first.meta.outlet.as_deref();
    assert_eq!(store.lookup(&first.text, outlet).expect("lookup"), Some(id));
    assert_eq!(store.lookup("never stored", outlet).expect("lookup"), None);
    assert_eq!(
        store
            .lookup(&first.text, Some("Elsewhere"))
            .expect("lookup"),
        None
    );

    // The same text from another outlet is a republication: a document of its
    // own, in the story of the first.
    let mut republished = first.clone();
    republished.meta.outlet = Some("Elsewhere".to_string());
    let copy = store.put_document(&republished).expect("put republished");
    assert!(copy.is_inserted());
    let story = store.story(copy.id()).expect("story").expect("a story");
    assert_eq!(story.id, id.0);
    let members: Vec<DocumentId> = story.members.iter().map(|m| m.id).collect();
    assert!(
        members.contains(&id) && members.contains(&copy.id()),
        "{members:?}"
    );
    assert_eq!(
        store.document(id).expect("read").map(|s| s.document),
        Some(first),
        "the first version is kept"
    );
}

fn search_finds_statements_and_articles(fixture: &impl Fixture) {
    let mut store = open(fixture);
    let docs: Vec<Document> = (0..22).map(synthetic::document).collect();
    store.put_batch(&docs[..11]).expect("batch");
    store.optimize().expect("optimize");
    store.put_batch(&docs[11..]).expect("batch");

    // "ferry" is the topic of documents 1 and 12: in a quotation, a
    // reported statement, the headline and the text of each.
    let found = store.search("ferry", 50).expect("search");
    let mut statement_docs: Vec<String> = found
        .statements
        .iter()
        .map(|s| s.article.name.clone())
        .collect();
    statement_docs.sort();
    assert_eq!(
        statement_docs,
        ["synthetic-1", "synthetic-1", "synthetic-12", "synthetic-12"]
    );
    let mut article_docs: Vec<&str> = found.articles.iter().map(|a| a.name.as_str()).collect();
    article_docs.sort();
    assert_eq!(article_docs, ["synthetic-1", "synthetic-12"]);
    let quote = found
        .statements
        .iter()
        .find(|s| s.direct && s.article.name == "synthetic-1")
        .expect("the quotation");
    assert_eq!(
        quote.content,
        "The ferry plan will change everything for district 1"
    );
    assert_eq!(quote.source_name.as_deref(), Some("Joan Avery"));
    assert_eq!(quote.source_kind, SourceKind::Person);
    assert_eq!(quote.cue, "said");
    assert_eq!(quote.when.as_deref(), Some("2021-07-02"));
    assert_eq!(quote.article.outlet.as_deref(), Some("Valley Courier"));

    // Stemming: "changes" finds "change"; every word must match.
    assert_eq!(
        store
            .search("changes ferry", 50)
            .expect("search")
            .statements
            .len(),
        2
    );
    assert!(store
        .search("ferry zeppelin", 50)
        .expect("search")
        .statements
        .is_empty());
    // The source's name is searched too, and the limit holds.
    let avery = store.search("Avery", 2).expect("search");
    assert_eq!(avery.statements.len(), 2);
    assert!(avery
        .statements
        .iter()
        .all(|s| s.source_name.as_deref() == Some("Joan Avery")));
    // Query syntax characters are words, not operators, and never an error.
    for query in ["\"ferry", "ferry OR", "NEAR(ferry", "ferry*", "-ferry", "'"] {
        store.search(query, 5).expect("odd query");
    }
    assert_eq!(
        store.search("  ", 5).expect("empty query"),
        Default::default()
    );
}

fn attributions_matching_lists_every_match_in_date_order(fixture: &impl Fixture) {
    let mut store = open(fixture);
    let docs: Vec<Document> = (0..40).map(synthetic::document).collect();
    store.put_batch(&docs).expect("batch");
    // "budget" is in the reported statement of every document.
    let all = store.attributions_matching("budget").expect("match");
    assert_eq!(all.len(), 40);
    let dates: Vec<&str> = all
        .iter()
        .map(|s| s.article.published.as_deref().unwrap_or(""))
        .collect();
    let mut sorted = dates.clone();
    sorted.sort();
    assert_eq!(dates, sorted, "oldest first");
    for statement in &all {
        assert_eq!(statement.source_kind, SourceKind::Anonymous);
        let i: u64 = statement.article.name["synthetic-".len()..]
            .parse()
            .expect("number");
        let expected = &synthetic::document(i).attributions[1].chain;
        assert_eq!(
            &statement.chain, expected,
            "chain of {}",
            statement.article.name
        );
    }
    assert!(all.iter().any(|s| s.chain.len() == 2));
}

fn sources_count_citations_by_outlet(fixture: &impl Fixture) {
    let mut store = open(fixture);
    let docs: Vec<Document> = (0..20).map(synthetic::document).collect();
    store.put_batch(&docs).expect("batch");

    let all = store.sources(&SourceFilter::default()).expect("sources");
    let top = &all[0];
    assert_eq!(top.name.as_deref(), Some("two officials"));
    assert_eq!(top.kind, SourceKind::Anonymous);
    assert_eq!((top.statements, top.documents), (20, 20));
    assert_eq!(top.cited_by.len(), 5);
    assert!(top.cited_by.iter().all(|c| c.statements == 4));
    let unattributed = all
        .iter()
        .find(|s| s.kind == SourceKind::Unattributed)
        .expect("unattributed statements");
    assert_eq!(
        (unattributed.name.as_deref(), unattributed.statements),
        (None, 10)
    );
    let avery = all
        .iter()
        .find(|s| s.name.as_deref() == Some("Joan Avery"))
        .expect("Joan Avery");
    // Documents 1, 8, 15 quote her; 20 documents over 5 outlets.
    assert_eq!((avery.statements, avery.documents), (3, 3));
    assert_eq!(
        all.iter().map(|s| s.statements).sum::<u64>(),
        docs.iter()
            .map(|d| d.attributions.len() as u64)
            .sum::<u64>()
    );

    let anonymous = store
        .sources(&SourceFilter {
            kind: Some(SourceKind::Anonymous),
            outlet: None,
        })
        .expect("anonymous sources");
    assert_eq!(anonymous.len(), 1);
    let courier = store
        .sources(&SourceFilter {
            kind: Some(SourceKind::Person),
            outlet: Some("valley courier".to_string()),
        })
        .expect("people in one outlet");
    // Valley Courier has documents 1, 6, 11, 16: four quotations.
    assert_eq!(courier.iter().map(|s| s.statements).sum::<u64>(), 4);
    assert!(courier.iter().all(
        |s| s.cited_by.len() == 1 && s.cited_by[0].outlet.as_deref() == Some("Valley Courier")
    ));
}

fn timeline_lists_articles_of_an_entity(fixture: &impl Fixture) {
    let mut store = open(fixture);
    // Stored out of date order.
    let docs: Vec<Document> = [15, 1, 8, 22]
        .into_iter()
        .map(synthetic::document)
        .collect();
    store.put_batch(&docs).expect("batch");
    let timeline = store.timeline("joan avery").expect("timeline");
    let names: Vec<&str> = timeline.iter().map(|e| e.article.name.as_str()).collect();
    // Joan Avery speaks in documents 1, 8, 15 and 22, dated July 2, 9, 16 and 23.
    assert_eq!(
        names,
        ["synthetic-1", "synthetic-8", "synthetic-15", "synthetic-22"]
    );
    for entry in &timeline {
        assert_eq!(entry.mentions, 2);
        assert_eq!(entry.statements.len(), 1);
        assert!(entry.statements[0].direct);
    }
    assert!(store.timeline("Nobody Atall").expect("timeline").is_empty());
}

fn reopened_store_keeps_documents_and_version(fixture: &impl Fixture) {
    let mut store = open(fixture);
    let doc = synthetic::document(7);
    let id = store.put_document(&doc).expect("put").id();
    assert_eq!(store.schema_version().expect("version"), SCHEMA_VERSION);
    drop(store);
    let mut store = open(fixture);
    assert_eq!(store.schema_version().expect("version"), SCHEMA_VERSION);
    assert_eq!(store.count().expect("count"), 1);
    assert_eq!(
        store.document(id).expect("read").map(|s| s.document),
        Some(doc.clone())
    );
    assert_eq!(
        store.put_document(&doc).expect("put"),
        PutOutcome::AlreadyStored(id)
    );
    assert_eq!(
        store.search("airport", 5).expect("search").articles.len(),
        1
    );
}

fn newer_schema_is_refused(fixture: &impl Fixture) {
    drop(open(fixture));
    fixture.raw(
        "INSERT INTO sourcetrace_migrations (version, description, applied_at) \
         VALUES (99, 'from the future', 0)",
    );
    match Store::open(&fixture.spec()) {
        Err(StoreError::TooNew {
            store,
            found,
            supported,
        }) => {
            assert_eq!((found, supported), (99, SCHEMA_VERSION));
            assert!(!store.is_empty());
            let message = StoreError::TooNew {
                store,
                found,
                supported,
            }
            .to_string();
            assert!(message.contains("newer sourcetrace"), "{message}");
        }
        other => panic!("expected TooNew, got {other:?}"),
    }
}

fn foreign_tables_are_refused(fixture: &impl Fixture) {
    fixture.raw("CREATE TABLE documents (title TEXT, body TEXT)");
    match Store::open(&fixture.spec()) {
        Err(StoreError::Foreign { reason, .. }) => {
            assert!(reason.contains("documents"), "{reason}");
        }
        other => panic!("expected Foreign, got {other:?}"),
    }
}

fn concurrent_writers_store_each_text_once(fixture: &impl Fixture) {
    drop(open(fixture));
    let spec = fixture.spec();
    let workers: Vec<_> = (0..3u64)
        .map(|w| {
            let spec = spec.clone();
            std::thread::spawn(move || {
                let mut store = Store::open(&spec).expect("open");
                // Each worker walks the same 60 documents from another start,
                // in batches of 1, 4 and 9 documents.
                let docs: Vec<Document> = (0..60)
                    .map(|k| synthetic::document((k + w * 20) % 60))
                    .collect();
                let mut inserted = 0;
                for batch in docs.chunks(1 + 3 * w as usize + (w as usize).pow(2)) {
                    let outcomes = store.put_batch(batch).expect("put");
                    inserted += outcomes.iter().filter(|o| o.is_inserted()).count();
                }
                inserted
            })
        })
        .collect();
    let inserted: usize = workers.into_iter().map(|w| w.join().expect("worker")).sum();
    assert_eq!(inserted, 60);
    let mut store = open(fixture);
    assert_eq!(store.count().expect("count"), 60);
    let budget = store.attributions_matching("budget").expect("match");
    assert_eq!(budget.len(), 60, "each document's statements stored once");
}

/// Documents the crash helper stores in one complete run.
const CRASH_DOCUMENTS: u64 = 1500;

/// A small pseudo-random generator (no dependency needed for kill times).
fn next_random(state: &mut u64) -> u64 {
    *state ^= *state << 13;
    *state ^= *state >> 7;
    *state ^= *state << 17;
    *state
}

fn killed_ingest_resumes_to_exactly_one_clean_run(fixture: &impl Fixture) {
    let helper = env!("CARGO_BIN_EXE_sourcetrace-store-crash-helper");
    let spec = fixture.spec();
    let mut seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos() as u64)
        .unwrap_or(1)
        | 1;
    let mut kills = 0;
    for round in 0..6 {
        let batch = if round % 2 == 0 { "1" } else { "7" };
        let mut child = Command::new(helper)
            .args([spec.as_str(), &CRASH_DOCUMENTS.to_string(), batch])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start the crash helper");
        // The first kill may land while the store is created and migrated;
        // the others while documents are written. The pipe stays open until
        // the helper is reaped, so that a helper that finishes first can
        // print its summary.
        let mut stdout = std::io::BufReader::new(child.stdout.take().expect("piped stdout"));
        if round > 0 {
            let mut line = String::new();
            std::io::BufRead::read_line(&mut stdout, &mut line).expect("read the helper's output");
            assert_eq!(line.trim(), "open", "the helper could not open the store");
        }
        let wait = Duration::from_millis(5 + next_random(&mut seed) % 400);
        let started = Instant::now();
        while started.elapsed() < wait {
            if child.try_wait().expect("poll").is_some() {
                break;
            }
            std::thread::sleep(Duration::from_millis(2));
        }
        if child.try_wait().expect("poll").is_none() {
            child.kill().expect("SIGKILL"); // SIGKILL on Unix
            kills += 1;
        }
        let status = child.wait().expect("reap");
        let mut errors = String::new();
        if let Some(mut stderr) = child.stderr.take() {
            std::io::Read::read_to_string(&mut stderr, &mut errors).expect("read stderr");
        }
        drop(stdout);
        if let Some(code) = status.code() {
            assert_eq!(code, 0, "the helper failed before it was killed: {errors}");
        }
    }
    let stored_before = open(fixture).count().expect("count");
    eprintln!(
        "{kills} kills; {stored_before} of {CRASH_DOCUMENTS} documents stored before the last run"
    );
    assert!(kills > 0, "no run was killed: raise CRASH_DOCUMENTS");

    let output = Command::new(helper)
        .args([spec.as_str(), &CRASH_DOCUMENTS.to_string(), "3"])
        .output()
        .expect("run the crash helper to completion");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let summary = String::from_utf8_lossy(&output.stdout);
    assert_eq!(
        summary.lines().last().unwrap_or_default(),
        format!(
            "inserted {}, already stored {stored_before}",
            CRASH_DOCUMENTS - stored_before
        )
    );

    let mut store = open(fixture);
    assert_eq!(store.count().expect("count"), CRASH_DOCUMENTS);
    let mut attributions = 0;
    for i in 0..CRASH_DOCUMENTS {
        let expected = synthetic::document(i);
        let id = store
            .lookup(&expected.text, expected.meta.outlet.as_deref())
            .expect("lookup")
            .unwrap_or_else(|| panic!("document {i} is missing"));
        let stored = store.document(id).expect("read").expect("stored");
        assert_eq!(stored.document, expected, "document {i} is not whole");
        attributions += expected.attributions.len();
    }
    // No attribution without its document, none twice.
    let budget = store.attributions_matching("budget").expect("match");
    assert_eq!(budget.len() as u64, CRASH_DOCUMENTS);
    let total: u64 = store
        .sources(&SourceFilter::default())
        .expect("sources")
        .iter()
        .map(|s| s.statements)
        .sum();
    assert_eq!(total, attributions as u64);
}

/// SQLite only: files that are not stores are refused, and left as they were.
mod sqlite_files {
    use super::*;

    #[test]
    fn text_file_is_refused_and_left_untouched() {
        let dir = tempfile::tempdir().expect("temporary directory");
        let path = dir.path().join("notes.txt");
        let content = "These are my notes, not a database.\n".repeat(200);
        std::fs::write(&path, &content).expect("write");
        match Store::open_sqlite(&path) {
            Err(error @ StoreError::Foreign { .. }) => {
                let message = error.to_string();
                assert!(message.contains("notes.txt"), "{message}");
                assert!(message.contains("not an SQLite database"), "{message}");
            }
            other => panic!("expected Foreign, got {other:?}"),
        }
        assert_eq!(std::fs::read_to_string(&path).expect("read"), content);
        assert!(!dir.path().join("notes.txt-wal").exists());
    }

    #[test]
    fn other_programs_sqlite_database_is_refused() {
        let dir = tempfile::tempdir().expect("temporary directory");
        let path = dir.path().join("app.db");
        let conn = rusqlite::Connection::open(&path).expect("open");
        conn.execute_batch("CREATE TABLE users (name TEXT); INSERT INTO users VALUES ('ann');")
            .expect("create");
        drop(conn);
        match Store::open_sqlite(&path) {
            Err(StoreError::Foreign { store, reason }) => {
                assert!(store.ends_with("app.db"), "{store}");
                assert!(reason.contains("users"), "{reason}");
            }
            other => panic!("expected Foreign, got {other:?}"),
        }
        let conn = rusqlite::Connection::open(&path).expect("reopen");
        let tables: i64 = conn
            .query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))
            .expect("count");
        assert_eq!(tables, 1, "nothing was added");
    }

    #[test]
    fn another_application_id_is_refused() {
        let dir = tempfile::tempdir().expect("temporary directory");
        let path = dir.path().join("other.db");
        let conn = rusqlite::Connection::open(&path).expect("open");
        conn.execute_batch("PRAGMA application_id = 42;")
            .expect("set id");
        drop(conn);
        assert!(matches!(
            Store::open_sqlite(&path),
            Err(StoreError::Foreign { .. })
        ));
    }

    #[test]
    fn truncated_store_is_refused() {
        let dir = tempfile::tempdir().expect("temporary directory");
        let path = dir.path().join("corpus.db");
        let mut store = Store::open_sqlite(&path).expect("open");
        store
            .put_batch(&(0..50).map(synthetic::document).collect::<Vec<_>>())
            .expect("batch");
        drop(store);
        // Keep the 100-byte header and garbage after it.
        let mut bytes = std::fs::read(&path).expect("read");
        bytes.truncate(100);
        bytes.extend(std::iter::repeat_n(0x5a, 4096 * 3));
        std::fs::write(&path, bytes).expect("write");
        let _ = std::fs::remove_file(dir.path().join("corpus.db-wal"));
        let _ = std::fs::remove_file(dir.path().join("corpus.db-shm"));
        match Store::open_sqlite(&path) {
            Err(StoreError::Foreign { reason, .. }) => {
                assert!(reason.contains("corrupt"), "{reason}");
            }
            other => panic!("expected Foreign, got {other:?}"),
        }
    }

    #[test]
    fn unknown_url_scheme_is_a_bad_spec() {
        assert!(matches!(
            Store::open("mysql://localhost/news"),
            Err(StoreError::BadSpec { .. })
        ));
    }
}

/// A wire story of about 80 words and an unrelated one.
const WIRE: &str = "Fishermen in Portaven blocked the harbor mouth with forty boats on Monday \
    morning to protest against the planned Kestrel Bay offshore wind farm, which they say would \
    close their richest fishing grounds for a decade. The developer, Northwind Energy, said it \
    had already moved the turbines twice to protect spawning areas and promised to meet the \
    fishermen's association next week. Harbor officials said ferries were delayed by two hours \
    and that the coast guard was watching the blockade but had no plans to intervene.";
const OTHER: &str = "The city library will stay open until midnight during the exam season, \
    the university announced on Tuesday, after students collected more than three thousand \
    signatures asking for longer hours. The extra evenings will cost about forty thousand \
    euros, which the student union offered to share, and the reading rooms on the second \
    floor will be reserved for quiet study while the cafe closes at the usual time of nine.";

fn page(name: &str, text: &str, outlet: &str, published: &str, credit: Option<&str>) -> Document {
    let mut doc = Document::new(name, text);
    doc.meta.outlet = Some(outlet.to_string());
    doc.published = Some(published.to_string());
    if let Some(agency) = credit {
        doc.syndicated_from = Some(sourcetrace_core::Credit {
            role: sourcetrace_core::CreditRole::Byline,
            name: agency.to_string(),
            span: sourcetrace_core::Span::new(0, 0),
        });
    }
    doc
}

fn copies_join_one_story_named_after_the_agency(fixture: &impl Fixture) {
    let mut store = open(fixture);
    // A portal prints the wire story first (crediting it), a paper trims and
    // edits it, the agency's own page comes last; an unrelated story stays apart.
    let portal = page(
        "portal",
        &format!("{WIRE} Read more on our site."),
        "Yahoo News",
        "2024-05-06T08:00",
        Some("Reuters"),
    );
    let trimmed = WIRE.replace("forty boats", "40 boats").replace(
        " Harbor officials said ferries were delayed by two hours and that the coast guard was watching the blockade but had no plans to intervene.",
        "",
    );
    let paper = page(
        "paper",
        &trimmed,
        "Valley Courier",
        "2024-05-06T09:30",
        Some("Reuters"),
    );
    let own = page("own", WIRE, "reuters.com", "2024-05-06T10:00", None);
    let other = page("other", OTHER, "Valley Courier", "2024-05-06T07:00", None);
    let ids: Vec<DocumentId> = store
        .put_batch(&[portal, paper.clone(), own])
        .expect("batch")
        .into_iter()
        .map(PutOutcome::id)
        .collect();
    let other = store.put_document(&other).expect("put").id();

    let story = store.story(ids[1]).expect("story").expect("known");
    assert_eq!(story.id, ids[0].0, "a story is named by its first document");
    assert_eq!(story.members.iter().map(|m| m.id).collect::<Vec<_>>(), ids);
    assert_eq!(story.agency.as_deref(), Some("Reuters"));
    assert_eq!(
        story.original, ids[2],
        "the agency's own page is the original"
    );
    assert_eq!(story.reason, OriginReason::AgencyOwnPage);
    let alone = store.story(other).expect("story").expect("known");
    assert_eq!(alone.members.len(), 1);
    assert_eq!(store.story(DocumentId(999_999)).expect("story"), None);

    let listed = store.stories(2, 10).expect("stories");
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].id, story.id);

    let copies = store.copies_of(&paper.text).expect("copies");
    let found: Vec<DocumentId> = copies.iter().map(|c| c.document).collect();
    assert!(
        found.contains(&ids[1]) && found.contains(&ids[2]),
        "{copies:?}"
    );
    assert!(!found.contains(&other));
    assert_eq!(copies[0].document, ids[1], "the exact copy comes first");
    assert!(store
        .copies_of("unrelated words")
        .expect("copies")
        .is_empty());
}

fn stories_merge_when_a_copy_joins_two(fixture: &impl Fixture) {
    let mut store = open(fixture);
    let a = store
        .put_document(&page("a", WIRE, "One", "2024-01-01", None))
        .expect("put")
        .id();
    let b = store
        .put_document(&page("b", OTHER, "Two", "2024-01-02", None))
        .expect("put")
        .id();
    assert_ne!(
        store.story(a).expect("story").map(|s| s.id),
        store.story(b).expect("story").map(|s| s.id)
    );
    // A digest that carries both stories whole is a copy of each.
    let both = store
        .put_document(&page(
            "both",
            &format!("{WIRE}\n\n{OTHER}"),
            "Three",
            "2024-01-03",
            None,
        ))
        .expect("put")
        .id();
    for id in [a, b, both] {
        let story = store.story(id).expect("story").expect("known");
        assert_eq!(story.id, a.0, "document {id} is in the older story");
        assert_eq!(story.members.len(), 3);
    }
}

fn repeated_statements_form_one_traceable_claim(fixture: &impl Fixture) {
    let mut store = open(fixture);
    let quote = |name: &str,
                 text: &str,
                 outlet: &str,
                 date: &str,
                 source: &str,
                 chain: &[(&str, SourceKind)]| {
        let mut doc = page(name, text, outlet, date, None);
        let start = text.find('“').map(|i| i + '“'.len_utf8()).unwrap_or(0);
        let end = text.find('”').unwrap_or(text.len());
        let cue = text.find("said").unwrap_or(0);
        let at = text.find(source).unwrap_or(0);
        let mut attribution = sourcetrace_core::Attribution::new(
            Span::new(cue, cue + 4),
            Some(Source::from_span(
                text,
                Span::new(at, at + source.len()),
                SourceKind::Person,
            )),
            Content {
                span: Span::new(start, end),
                direct: true,
            },
        );
        attribution.chain = chain
            .iter()
            .map(|(n, k)| sourcetrace_core::ChainLink {
                name: Some((*n).to_string()),
                kind: *k,
            })
            .collect();
        doc.attributions.push(attribution);
        doc
    };
    let first = quote(
        "first",
        "“The harbor blockade will last until the wind farm permit is withdrawn,” Marta Ilves said on Monday.",
        "Harbor Gazette", "2024-05-06", "Marta Ilves", &[],
    );
    let second = quote(
        "second",
        "Protest leader Marta Ilves said: “The harbour blockade will last until the wind farm permit is withdrawn.” Police were present.",
        "Daily Beacon", "2024-05-07", "Marta Ilves", &[("Harbor Gazette", SourceKind::Outlet)],
    );
    let unrelated = quote(
        "unrelated",
        "“The library will stay open until midnight in the exam season,” Joan Avery said.",
        "Valley Courier",
        "2024-05-06",
        "Joan Avery",
        &[],
    );
    store.put_batch(&[second, unrelated]).expect("batch");
    store.put_document(&first).expect("put");

    let traces = store.trace("blockade permit", 5).expect("trace");
    assert_eq!(traces.len(), 1, "{traces:#?}");
    let claim = &traces[0];
    assert_eq!(claim.statements.len(), 2);
    assert_eq!(claim.statements[0].article.name, "first", "oldest first");
    assert_eq!(claim.outlets(), ["Harbor Gazette", "Daily Beacon"]);
    assert!(claim.named_source());
    assert_eq!(claim.statements[1].chain.len(), 1);
    assert_eq!(
        store.claim(claim.claim).expect("claim"),
        Some(claim.clone())
    );
    assert_eq!(
        store.trace("midnight library", 5).expect("trace")[0]
            .statements
            .len(),
        1
    );
    assert!(store
        .trace("nothing matches this", 5)
        .expect("trace")
        .is_empty());
}

/// A statement "“…” NAME said." in a page.
fn quoted(name: &str, quote: &str, speaker: &str, outlet: &str) -> Document {
    let text = format!("“{quote}” {speaker} said on Monday.");
    let mut doc = page(name, &text, outlet, "2024-05-06", None);
    let content_end = '“'.len_utf8() + quote.len();
    let at = text.find(speaker).unwrap_or(0);
    let cue = text.find(" said").map_or(0, |i| i + 1);
    doc.attributions.push(sourcetrace_core::Attribution::new(
        Span::new(cue, cue + 4),
        Some(Source::from_span(
            &text,
            Span::new(at, at + speaker.len()),
            SourceKind::Person,
        )),
        Content {
            span: Span::new('“'.len_utf8(), content_end),
            direct: true,
        },
    ));
    doc
}

fn deferred_linking_finds_the_stories_and_claims_of_linking_as_stored(fixture: &impl Fixture) {
    let mut store = open(fixture);
    let permit = "The harbor blockade will last until the wind farm permit is withdrawn";
    let library = "The library will stay open until midnight during the exam season";
    // Linked as stored: the wire story, another story, a statement.
    let wire = store
        .put_document(&page("wire", WIRE, "reuters.com", "2024-05-06", None))
        .expect("put")
        .id();
    let other = store
        .put_document(&page("other", OTHER, "Two", "2024-05-06", None))
        .expect("put")
        .id();
    store
        .put_document(&quoted("q1", permit, "Marta Ilves", "Harbor Gazette"))
        .expect("put");

    // Deferred: copies of both stories, a digest that bridges them, the
    // statement again and a new one (twice), linked in memory.
    store.defer_linking(true);
    let deferred = [
        page(
            "copy",
            &format!("{WIRE} Read more."),
            "Yahoo",
            "2024-05-07",
            None,
        ),
        page(
            "digest",
            &format!("{WIRE}\n\n{OTHER}"),
            "Digest",
            "2024-05-07",
            None,
        ),
        quoted("q2", permit, "Protest leader Marta Ilves", "Daily Beacon"),
        quoted("q3", library, "Joan Avery", "Valley Courier"),
        quoted("q4", library, "Joan Avery", "Campus Post"),
    ];
    let ids: Vec<DocumentId> = store
        .put_batch(&deferred)
        .expect("batch")
        .into_iter()
        .map(PutOutcome::id)
        .collect();
    // Until linked, a deferred document is a story of its own.
    let alone = store.story(ids[0]).expect("story").expect("known");
    assert_eq!(alone.members.len(), 1);
    let report = store.link_pending_with(0).expect("link in bulk");
    assert_eq!(report.documents, 5);
    assert_eq!(report.statements, 3);
    assert_eq!(
        store.link_pending().expect("nothing left"),
        LinkReport::default()
    );

    // The digest merged the other story into the older wire story.
    let story = store.story(other).expect("story").expect("known");
    assert_eq!(story.id, wire.0);
    let members: Vec<DocumentId> = story.members.iter().map(|m| m.id).collect();
    assert_eq!(members, [wire, other, ids[0], ids[1]]);
    assert_eq!(
        store.trace("blockade permit", 5).expect("trace")[0]
            .statements
            .len(),
        2
    );
    let library_claims = store.trace("library midnight", 5).expect("trace");
    assert_eq!(library_claims.len(), 1);
    assert_eq!(library_claims[0].statements.len(), 2);

    // Linked as stored again: a copy finds the documents linked in bulk.
    store.defer_linking(false);
    let late = store
        .put_document(&page(
            "late",
            &format!("{WIRE} Share this."),
            "Three",
            "2024-05-08",
            None,
        ))
        .expect("put")
        .id();
    let story = store.story(late).expect("story").expect("known");
    assert_eq!(story.id, wire.0);
    assert_eq!(story.members.len(), 5);

    // A few deferred documents are linked one by one, to the same effect.
    store.defer_linking(true);
    let more = store
        .put_document(&quoted("q5", library, "Joan Avery", "Night Owl"))
        .expect("put")
        .id();
    let report = store.link_pending().expect("link one by one");
    assert_eq!((report.documents, report.statements), (1, 1));
    assert_eq!(
        store.trace("library midnight", 5).expect("trace")[0]
            .statements
            .len(),
        3
    );
    assert!(store.story(more).expect("story").is_some());
}
