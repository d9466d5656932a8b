//! Migrations from an older schema (needs the crate-private `Store::open_at`).

use super::*;

#[path = "../tests/support/database_url.rs"]
mod database_url;
use database_url::with_database;
use sourcetrace_core::{Attribution, Content, Source, Span};

fn document(text: &str) -> Document {
    let mut doc = Document::new("old", text);
    let cue = text.find("said").unwrap_or(0);
    let source = Source::from_span(text, Span::new(0, 5), SourceKind::Person);
    let content = Content {
        span: Span::new(cue + 5, text.len() - 1),
        direct: false,
    };
    doc.attributions.push(Attribution::new(
        Span::new(cue, cue + 4),
        Some(source),
        content,
    ));
    doc
}

/// A store at schema version 1 (no search index) with one document is
/// migrated on open: its version becomes the latest and the search index
/// covers the document stored before it existed.
fn migrates_version_1_store(spec: &StoreSpec) {
    let mut old = Store::open_at(spec, 1).expect("open at version 1");
    assert_eq!(old.schema_version().expect("version"), 1);
    old.put_document(&document("Marta said the harbour cranes are rusting."))
        .expect("put");
    drop(old);

    let mut store = Store::open_spec(spec).expect("reopen");
    assert_eq!(store.schema_version().expect("version"), SCHEMA_VERSION);
    assert_eq!(store.count().expect("count"), 1);
    let found = store.search("cranes", 5).expect("search");
    assert_eq!(found.statements.len(), 1);
    assert_eq!(found.articles.len(), 1);
    // Stored before stories were linked: a story of its own.
    let id = found.articles[0].id;
    let story = store.story(id).expect("story").expect("a known document");
    assert_eq!(story.id, id.0);
    assert_eq!(story.members.iter().map(|m| m.id).collect::<Vec<_>>(), [id]);
}

#[test]
fn sqlite_store_of_version_1_is_migrated() {
    let dir = tempfile::tempdir().expect("tempdir");
    migrates_version_1_store(&StoreSpec::Sqlite(dir.path().join("old.db")));
}

#[test]
fn postgres_store_of_version_1_is_migrated() {
    let Ok(url) = std::env::var("SOURCETRACE_TEST_POSTGRES") else {
        eprintln!("skipped: SOURCETRACE_TEST_POSTGRES is unset");
        return;
    };
    let name = format!("sourcetrace_unit_{}_{}", std::process::id(), now());
    let mut admin = ::postgres::Client::connect(&url, ::postgres::NoTls).expect("connect");
    admin
        .batch_execute(&format!("CREATE DATABASE {name}"))
        .expect("create database");
    let result = std::panic::catch_unwind(|| {
        migrates_version_1_store(&StoreSpec::Postgres(with_database(&url, &name)));
    });
    admin
        .batch_execute(&format!("DROP DATABASE {name} WITH (FORCE)"))
        .expect("drop database");
    if let Err(panic) = result {
        std::panic::resume_unwind(panic);
    }
}

#[test]
fn passwords_are_hidden_in_store_names() {
    assert_eq!(
        crate::postgres::redact("postgres://ann:secret@db:5432/news"),
        "postgres://ann:***@db:5432/news"
    );
    assert_eq!(
        crate::postgres::redact("postgres://ann@db/news"),
        "postgres://ann@db/news"
    );
}

#[test]
fn specs_name_their_backend() {
    assert_eq!(
        StoreSpec::parse("sqlite:corpus.db").ok(),
        Some(StoreSpec::Sqlite("corpus.db".into()))
    );
    assert_eq!(
        StoreSpec::parse("data/corpus.db").ok(),
        Some(StoreSpec::Sqlite("data/corpus.db".into()))
    );
    assert!(matches!(
        StoreSpec::parse("postgresql://u@h/db"),
        Ok(StoreSpec::Postgres(_))
    ));
    assert!(matches!(
        StoreSpec::parse("mysql://h/db"),
        Err(StoreError::BadSpec { .. })
    ));
    assert!(matches!(
        StoreSpec::parse("sqlite:"),
        Err(StoreError::BadSpec { .. })
    ));
}

#[test]
fn content_hash_is_hex_sha256() {
    assert_eq!(
        content_hash("abc"),
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    );
}
