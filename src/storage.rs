//! The document in the browser's localStorage, in a versioned envelope.
//!
//! Rules: saving never panics; a full or blocked storage is reported and the in-memory state is
//! kept; an entry that cannot be read (corrupt, or of an unknown format version) is reported
//! and never overwritten: the [`Store`] that loaded it refuses to save.

use crate::document::{Change, Document};
use crate::error::AppError;
use gloo::storage::{LocalStorage, Storage};
use serde::{Deserialize, Serialize};

/// The localStorage key of the saved document.
pub const KEY: &str = "article-annotator";
/// The storage format this version of the app reads and writes.
pub const VERSION: u64 = 1;
const FORMAT: &str = "article-annotator/storage";

#[derive(Serialize)]
struct EnvelopeOut<'a> {
    format: &'static str,
    version: u64,
    document: &'a Document,
}

#[derive(Deserialize)]
struct EnvelopeIn {
    version: u64,
    document: serde_json::Value,
}

/// Encodes a document as the stored JSON string.
pub fn encode(doc: &Document) -> String {
    serde_json::to_string(&EnvelopeOut {
        format: FORMAT,
        version: VERSION,
        document: doc,
    })
    .expect("a document always serialises")
}

/// Decodes a stored JSON string, refusing unknown versions instead of guessing.
pub fn decode(raw: &str) -> Result<Document, AppError> {
    let env: EnvelopeIn =
        serde_json::from_str(raw).map_err(|e| AppError::SavedDataCorrupt(e.to_string()))?;
    if env.version != VERSION {
        return Err(AppError::SavedDataUnknownVersion(env.version));
    }
    let doc: Document = serde_json::from_value(env.document)
        .map_err(|e| AppError::SavedDataCorrupt(e.to_string()))?;
    validate(&doc).map_err(AppError::SavedDataCorrupt)?;
    Ok(doc)
}

/// Checks what serde cannot: offsets inside the text, ids unique and below `next_id`, labels
/// known.
fn validate(doc: &Document) -> Result<(), String> {
    let len = doc.text.chars().count();
    let mut ids = std::collections::HashSet::new();
    let anchors = doc.notes.iter().map(|n| (n.id.0, &n.anchor));
    let decisions = doc.decisions.iter().map(|d| (d.id.0, &d.anchor));
    for (id, a) in anchors.chain(decisions) {
        if a.start >= a.end || a.end > len {
            return Err(format!("annotation {id} lies outside the text"));
        }
        if !ids.insert(id) || id >= doc.next_id {
            return Err(format!("annotation id {id} is repeated or out of range"));
        }
    }
    for d in &doc.decisions {
        if matches!(d.change, Change::SetLabel { .. } | Change::AddEntity { .. })
            && d.change.label().is_none()
        {
            return Err(format!("decision {} has an unknown entity label", d.id.0));
        }
    }
    Ok(())
}

/// Access to the saved document. A store that found an unreadable entry is read-only.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Store {
    writable: bool,
}

impl Store {
    /// Opens storage and loads the saved document, if any. The error, if any, is for the user;
    /// the returned store is read-only when the entry exists but cannot be read.
    pub fn open() -> (Store, Result<Option<Document>, AppError>) {
        if let Err(e) = available() {
            // Blocked storage has no entry to protect; saving will report the same problem.
            return (Store { writable: true }, Err(e));
        }
        match LocalStorage::raw().get_item(KEY) {
            Ok(None) => (Store { writable: true }, Ok(None)),
            Ok(Some(raw)) => match decode(&raw) {
                Ok(doc) => (Store { writable: true }, Ok(Some(doc))),
                Err(e) => (Store { writable: false }, Err(e)),
            },
            Err(_) => (Store { writable: true }, Err(AppError::StorageBlocked)),
        }
    }

    /// A store in a known state, for tests of the app's state.
    #[doc(hidden)]
    pub fn for_tests(writable: bool) -> Store {
        Store { writable }
    }

    pub fn is_writable(&self) -> bool {
        self.writable
    }

    /// Saves the document. Never panics; never writes over an entry this store could not read.
    pub fn save(&self, doc: &Document) -> Result<(), AppError> {
        if !self.writable {
            return Ok(());
        }
        available()?;
        LocalStorage::raw()
            .set_item(KEY, &encode(doc))
            .map_err(classify)
    }
}

/// Whether localStorage can be used at all (it throws in some privacy modes).
fn available() -> Result<(), AppError> {
    match web_sys::window().map(|w| w.local_storage()) {
        Some(Ok(Some(_))) => Ok(()),
        _ => Err(AppError::StorageBlocked),
    }
}

/// Turns what `setItem` threw into an error for the user.
fn classify(thrown: wasm_bindgen::JsValue) -> AppError {
    let field = |name: &str| {
        js_sys::Reflect::get(&thrown, &name.into())
            .ok()
            .and_then(|v| v.as_string())
            .unwrap_or_default()
    };
    match field("name").as_str() {
        "QuotaExceededError" | "NS_ERROR_DOM_QUOTA_REACHED" => AppError::StorageFull,
        "SecurityError" => AppError::StorageBlocked,
        _ => {
            let message = field("message");
            AppError::StorageFailed(if message.is_empty() {
                "unknown error".into()
            } else {
                message
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip() {
        let mut d = Document::new("Hello “world”".into());
        d.add_note(annotator_engine::Span::new(0, 5), "hi".into());
        assert_eq!(decode(&encode(&d)), Ok(d));
    }

    #[test]
    fn unknown_versions_and_bad_data_are_refused() {
        assert_eq!(
            decode(r#"{"version": 2, "document": {}}"#),
            Err(AppError::SavedDataUnknownVersion(2))
        );
        assert!(matches!(
            decode("{not json"),
            Err(AppError::SavedDataCorrupt(_))
        ));
        let bad = r#"{"version":1,"document":{"text":"abc","notes":[{"id":1,"start":2,"end":9,"exact":"c","note":""}],"next_id":2}}"#;
        assert!(matches!(decode(bad), Err(AppError::SavedDataCorrupt(_))));
    }
}
