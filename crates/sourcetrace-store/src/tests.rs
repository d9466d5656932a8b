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

/// A version 3 store kept a document's story in `documents.story_id`:
/// migrated, the story is kept (in `story_members`), and the documents that
/// had none are linked by the next `link_pending`.
fn migrates_version_3_stories(spec: &StoreSpec, raw: &dyn Fn(&str)) {
    let wire = "Fishermen blocked the harbor mouth with forty boats on Monday morning to \
        protest against the planned offshore wind farm, which they say would close their \
        richest fishing grounds for a decade, while the developer said it had already moved \
        the turbines twice to protect spawning areas and would meet the association soon.";
    let mut old = Store::open_at(spec, 3).expect("open at version 3");
    let mut copy = document(&format!("{wire} Read more."));
    copy.meta.outlet = Some("Two".into());
    let ids: Vec<i64> = old
        .put_batch(&[document(wire), copy])
        .expect("put")
        .into_iter()
        .map(|o| o.id().0)
        .collect();
    drop(old);
    raw(&format!(
        "UPDATE documents SET story_id = {0} WHERE id = {0}",
        ids[0]
    ));

    let mut store = Store::open_spec(spec).expect("reopen");
    assert_eq!(store.schema_version().expect("version"), SCHEMA_VERSION);
    let story = store
        .story(DocumentId(ids[0]))
        .expect("story")
        .expect("known");
    assert_eq!(story.members.len(), 1, "the second was never linked");
    // The stored story has no signature, so the copy cannot find it; it is
    // linked on its own, with its statement.
    let report = store.link_pending().expect("link");
    assert_eq!((report.documents, report.statements), (1, 1));
    assert_eq!(store.link_pending().expect("link"), LinkReport::default());
    let story = store
        .story(DocumentId(ids[1]))
        .expect("story")
        .expect("known");
    assert_eq!(story.id, ids[1]);
}

#[test]
fn sqlite_store_of_version_3_keeps_its_stories() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("v3.db");
    migrates_version_3_stories(&StoreSpec::Sqlite(path.clone()), &|sql| {
        rusqlite::Connection::open(&path)
            .and_then(|c| c.execute_batch(sql))
            .expect("raw SQL");
    });
}

#[test]
fn postgres_store_of_version_3_keeps_its_stories() {
    let Ok(url) = std::env::var("SOURCETRACE_TEST_POSTGRES") else {
        eprintln!("skipped: SOURCETRACE_TEST_POSTGRES is unset");
        return;
    };
    let name = format!("sourcetrace_unit3_{}_{}", std::process::id(), now());
    let mut admin = ::postgres::Client::connect(&url, ::postgres::NoTls).expect("connect");
    admin
        .batch_execute(&format!("CREATE DATABASE {name}"))
        .expect("create database");
    let db_url = with_database(&url, &name);
    let result = std::panic::catch_unwind(|| {
        migrates_version_3_stories(&StoreSpec::Postgres(db_url.clone()), &|sql| {
            ::postgres::Client::connect(&db_url, ::postgres::NoTls)
                .and_then(|mut c| c.batch_execute(sql))
                .expect("raw SQL");
        });
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
