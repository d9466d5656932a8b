//! The store's one error type.

use std::fmt;

/// What went wrong in a store, with which store (its file, or its PostgreSQL
/// URL without the password) and, where it applies, which document.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The store spec is neither a file path, `sqlite:FILE` nor a PostgreSQL URL.
    #[error("cannot read store spec {spec:?}: {reason}")]
    BadSpec {
        /// The spec as given.
        spec: String,
        /// Why it was refused.
        reason: &'static str,
    },
    /// The store could not be opened or connected to.
    #[error("cannot open store {store}")]
    Open {
        /// The store.
        store: String,
        /// The database's error.
        #[source]
        source: BackendError,
    },
    /// The file or database exists but is not a sourcetrace store: a text
    /// file, a corrupt file, or a database of another program.
    #[error("{store} is not a sourcetrace store: {reason}")]
    Foreign {
        /// The store.
        store: String,
        /// What gives it away ("file is not a database", "it has tables … but no sourcetrace_migrations").
        reason: String,
    },
    /// The store was written by a newer sourcetrace whose schema this build
    /// does not know; it is left untouched.
    #[error(
        "{store} has schema version {found}, but this sourcetrace knows versions up to {supported}: \
         it was written by a newer sourcetrace; upgrade sourcetrace to use it"
    )]
    TooNew {
        /// The store.
        store: String,
        /// The schema version the store records.
        found: i64,
        /// The newest schema version this build knows.
        supported: i64,
    },
    /// Applying a migration failed; the store keeps its previous version.
    #[error("cannot migrate {store} to schema version {version}")]
    Migrate {
        /// The store.
        store: String,
        /// The version whose migration failed.
        version: i64,
        /// The database's error.
        #[source]
        source: BackendError,
    },
    /// Storing a document failed; nothing of it (or of its batch) was stored.
    #[error("cannot store document {document:?} in {store}")]
    Put {
        /// The store.
        store: String,
        /// The document's identifier (`Document::id`).
        document: String,
        /// The database's error.
        #[source]
        source: BackendError,
    },
    /// A read or query failed.
    #[error("cannot {action} in {store}")]
    Query {
        /// The store.
        store: String,
        /// What was being done ("read document 12", "search \"ceasefire\"").
        action: String,
        /// The database's error.
        #[source]
        source: BackendError,
    },
    /// A stored row does not decode into the document model (an offset past
    /// the text, an unknown source kind): the store was changed by hand or is damaged.
    #[error("{store} holds a row that does not decode ({detail}) in document {document}")]
    Corrupt {
        /// The store.
        store: String,
        /// The store's id of the document the row belongs to.
        document: i64,
        /// What does not decode.
        detail: String,
    },
}

/// The error of the database library underneath a [`StoreError`].
#[derive(Debug, thiserror::Error)]
pub enum BackendError {
    /// An SQLite error.
    #[error(transparent)]
    Sqlite(#[from] rusqlite::Error),
    /// A PostgreSQL error (server or connection).
    #[error(transparent)]
    Postgres(#[from] postgres::Error),
    /// A document was neither inserted nor found by its content hash: another
    /// client deleted it while the batch was being stored.
    #[error("the document with content hash {0} vanished while it was being stored")]
    Vanished(String),
    /// Rows could not be sent to PostgreSQL's `COPY`.
    #[error("sending rows to COPY failed: {0}")]
    Copy(#[source] std::io::Error),
}

/// A store's name for messages: the SQLite file, or the PostgreSQL URL with its password hidden.
#[derive(Debug, Clone)]
pub(crate) struct StoreName(pub(crate) String);

impl fmt::Display for StoreName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl StoreName {
    pub(crate) fn open(&self, source: impl Into<BackendError>) -> StoreError {
        StoreError::Open {
            store: self.0.clone(),
            source: source.into(),
        }
    }

    pub(crate) fn foreign(&self, reason: impl Into<String>) -> StoreError {
        StoreError::Foreign {
            store: self.0.clone(),
            reason: reason.into(),
        }
    }

    pub(crate) fn migrate(&self, version: i64, source: impl Into<BackendError>) -> StoreError {
        StoreError::Migrate {
            store: self.0.clone(),
            version,
            source: source.into(),
        }
    }

    pub(crate) fn put(&self, document: &str, source: impl Into<BackendError>) -> StoreError {
        StoreError::Put {
            store: self.0.clone(),
            document: document.to_string(),
            source: source.into(),
        }
    }

    pub(crate) fn query(
        &self,
        action: impl Into<String>,
        source: impl Into<BackendError>,
    ) -> StoreError {
        StoreError::Query {
            store: self.0.clone(),
            action: action.into(),
            source: source.into(),
        }
    }

    pub(crate) fn corrupt(&self, document: i64, detail: impl Into<String>) -> StoreError {
        StoreError::Corrupt {
            store: self.0.clone(),
            document,
            detail: detail.into(),
        }
    }
}
