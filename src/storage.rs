//! The library in the browser's localStorage: one entry per article, each in a versioned
//! envelope, and one entry of preferences.
//!
//! Rules: saving never panics; a full or blocked storage is reported and the in-memory state is
//! kept; every article is one `setItem`, so a save lands whole or not at all; an entry that
//! cannot be read (corrupt, or of an unknown format version) is reported, kept aside and never
//! overwritten, and the other articles load. Older stored versions are migrated on load.

use crate::document::Document;
use crate::error::AppError;
use crate::library::{Article, ArticleId, Prefs};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::rc::Rc;

/// Where version 1 kept its one document.
pub const KEY_V1: &str = "article-annotator";
/// Each article's entry is this prefix and the article's id.
pub const ARTICLE_PREFIX: &str = "article-annotator/article/";
pub const PREFS_KEY: &str = "article-annotator/prefs";
/// The storage format this version of the app writes.
pub const VERSION: u64 = 2;
const FORMAT: &str = "article-annotator/storage";

#[derive(Serialize)]
struct EnvelopeOut<'a> {
    format: &'static str,
    version: u64,
    id: &'a ArticleId,
    document: &'a Document,
}

#[derive(Deserialize)]
struct EnvelopeIn {
    version: u64,
    #[serde(default)]
    id: Option<ArticleId>,
    document: Value,
}

/// The stored entry of an article.
pub fn encode(id: &ArticleId, doc: &Document) -> String {
    serde_json::to_string(&EnvelopeOut {
        format: FORMAT,
        version: VERSION,
        id,
        document: doc,
    })
    .expect("a document always serialises")
}

/// The localStorage key of an article.
pub fn key(id: &ArticleId) -> String {
    format!("{ARTICLE_PREFIX}{}", id.0)
}

/// What an entry costs in Chromium's quota: two bytes per UTF-16 unit of key and value.
pub fn stored_size(key: &str, value: &str) -> usize {
    2 * (key.encode_utf16().count() + value.encode_utf16().count())
}

/// Decodes a stored entry of any version, migrating older ones; refuses unknown versions
/// instead of guessing. Returns the id the entry carries (version 1 entries carry none).
pub fn decode(raw: &str) -> Result<(Option<ArticleId>, Document), AppError> {
    let env: EnvelopeIn =
        serde_json::from_str(raw).map_err(|e| AppError::SavedDataCorrupt(e.to_string()))?;
    let document = match env.version {
        1 => migrate_v1(env.document),
        VERSION => env.document,
        v => return Err(AppError::SavedDataUnknownVersion(v)),
    };
    let doc: Document =
        serde_json::from_value(document).map_err(|e| AppError::SavedDataCorrupt(e.to_string()))?;
    doc.check().map_err(AppError::SavedDataCorrupt)?;
    Ok((env.id, doc))
}

/// Version 1 documents to version 2: decisions `set_speaker` and `set_label` became one
/// `correct` (which can also move boundaries); the rest is the same, and version 2's new fields
/// (title, dates, highlight labels and tags) are optional.
fn migrate_v1(mut document: Value) -> Value {
    if let Some(decisions) = document.get_mut("decisions").and_then(Value::as_array_mut) {
        for d in decisions {
            crate::export::migrate_decision_v1(d);
        }
    }
    document
}

/// An entry that could not be read: kept aside, never written over, shown to the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unreadable {
    pub key: String,
    /// The article's title, when enough of the entry can be read to tell.
    pub title: Option<String>,
    pub error: AppError,
    pub size: usize,
}

impl Unreadable {
    fn new(key: &str, raw: &str, error: AppError) -> Unreadable {
        let value: Option<Value> = serde_json::from_str(raw).ok();
        let doc = value.as_ref().and_then(|v| v.get("document"));
        let title = doc
            .and_then(|d| d.get("title"))
            .and_then(Value::as_str)
            .or_else(|| {
                doc.and_then(|d| d.get("text"))
                    .and_then(Value::as_str)
                    .map(crate::export::title)
            })
            .map(str::to_string)
            .filter(|t| !t.is_empty());
        Unreadable {
            key: key.to_string(),
            title,
            error,
            size: stored_size(key, raw),
        }
    }

    /// How the user is told which article it was.
    pub fn name(&self) -> String {
        match &self.title {
            Some(t) => format!("“{t}”"),
            None => format!("the entry {}", self.key),
        }
    }
}

/// What storage held at start-up.
#[derive(Debug, Default, PartialEq)]
pub struct Loaded {
    pub articles: Vec<Article>,
    pub unreadable: Vec<Unreadable>,
    pub prefs: Prefs,
    /// Messages for the user (storage blocked, entries that could not be read).
    pub errors: Vec<AppError>,
}

/// Reads every entry: `entries` are the (key, value) pairs of storage. Pure, so the rules are
/// tested natively; `new_id` names an article migrated from version 1.
pub fn load(entries: &[(String, String)], new_id: impl FnOnce() -> ArticleId) -> Loaded {
    let mut out = Loaded::default();
    let mut new_id = Some(new_id);
    for (key, raw) in entries {
        if key == PREFS_KEY {
            // Preferences that cannot be read are only preferences: the defaults serve.
            out.prefs = serde_json::from_str(raw).unwrap_or_default();
            continue;
        }
        let id_in_key = key
            .strip_prefix(ARTICLE_PREFIX)
            .map(|s| ArticleId(s.into()));
        if id_in_key.is_none() && key != KEY_V1 {
            continue; // not ours
        }
        match decode(raw) {
            Ok((id, doc)) => {
                let id = match (id_in_key, id) {
                    (Some(k), _) => k,
                    (None, Some(id)) => id,
                    (None, None) => match new_id.take() {
                        Some(f) => f(),
                        None => continue, // only one version 1 entry can exist
                    },
                };
                out.articles.push(Article {
                    id,
                    doc: Rc::new(doc),
                });
            }
            Err(error) => {
                let u = Unreadable::new(key, raw, error.clone());
                out.errors.push(AppError::ArticleUnreadable {
                    name: u.name(),
                    why: error.to_string(),
                });
                out.unreadable.push(u);
            }
        }
    }
    out.articles
        .sort_by(|a, b| b.doc.modified.cmp(&a.doc.modified).then(a.id.cmp(&b.id)));
    out
}

/// An article as this tab last knew it in storage (`base`) and as another tab left it there
/// (`theirs`; `None`: deleted).
#[derive(Debug, Clone, PartialEq)]
pub struct Conflict {
    pub id: ArticleId,
    pub base: Option<Rc<Document>>,
    pub theirs: Option<Rc<Document>>,
}

/// A hash of a stored entry, to notice a change cheaply.
fn hash(raw: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    raw.hash(&mut h);
    h.finish()
}

#[derive(Debug, Default)]
struct Inner {
    /// Storage could not be used: the app works in memory.
    blocked: bool,
    /// Keys of entries that could not be read: never written.
    protected: HashSet<String>,
    /// What storage holds for each article, as last written or read, with a hash of the
    /// entry (to notice that another tab wrote it since).
    saved: HashMap<ArticleId, (Rc<Document>, u64)>,
    /// Articles another tab changed before this tab's write: not written, to be merged.
    conflicts: Vec<Conflict>,
    /// The version 1 entry, removed once its article is saved in the new format.
    legacy: bool,
    prefs: Option<Prefs>,
}

impl Inner {
    /// What another tab left in article `id`'s entry, when it differs from what this tab last
    /// read or wrote; from then on this tab knows the entry as the other tab left it.
    fn changed_elsewhere(&mut self, id: &ArticleId) -> Option<Result<Conflict, AppError>> {
        let k = key(id);
        let raw = browser::read(&k);
        let known = self.saved.get(id);
        if raw.as_deref().map(hash) == known.map(|(_, h)| *h) {
            return None;
        }
        let base = known.map(|(d, _)| d.clone());
        let Some(raw) = raw else {
            self.saved.remove(id);
            return Some(Ok(Conflict {
                id: id.clone(),
                base,
                theirs: None,
            }));
        };
        match decode(&raw) {
            Ok((_, doc)) => {
                let doc = Rc::new(doc);
                self.saved.insert(id.clone(), (doc.clone(), hash(&raw)));
                Some(Ok(Conflict {
                    id: id.clone(),
                    base,
                    theirs: Some(doc),
                }))
            }
            Err(error) => {
                // Kept aside like any unreadable entry.
                let u = Unreadable::new(&k, &raw, error.clone());
                self.protected.insert(k);
                Some(Err(AppError::ArticleUnreadable {
                    name: u.name(),
                    why: error.to_string(),
                }))
            }
        }
    }
}

/// Access to the library in localStorage. Clones share one state: what was last written.
#[derive(Debug, Clone, Default)]
pub struct Store {
    inner: Rc<RefCell<Inner>>,
}

impl PartialEq for Store {
    fn eq(&self, other: &Store) -> bool {
        Rc::ptr_eq(&self.inner, &other.inner)
    }
}

impl Store {
    /// Opens storage and loads the library. Never fails: when storage cannot be used, the
    /// store works in memory and says so.
    pub fn open(new_id: impl FnOnce() -> ArticleId) -> (Store, Loaded) {
        let entries = match browser::entries() {
            Ok(e) => e,
            Err(e) => {
                let store = Store::in_memory(true);
                let loaded = Loaded {
                    errors: vec![e],
                    ..Loaded::default()
                };
                return (store, loaded);
            }
        };
        let loaded = load(&entries, new_id);
        let store = Store::in_memory(false);
        {
            let mut inner = store.inner.borrow_mut();
            inner.protected = loaded.unreadable.iter().map(|u| u.key.clone()).collect();
            // A version 1 entry that could not be read is protected like any other.
            inner.legacy =
                entries.iter().any(|(k, _)| k == KEY_V1) && !inner.protected.contains(KEY_V1);
            for a in &loaded.articles {
                // A migrated article is not yet stored in the new format.
                if let Some((_, raw)) = entries.iter().find(|(k, _)| *k == key(&a.id)) {
                    inner.saved.insert(a.id.clone(), (a.doc.clone(), hash(raw)));
                }
            }
            inner.prefs = Some(loaded.prefs.clone());
        }
        (store, loaded)
    }

    /// A store that has read nothing; `blocked` ones never touch storage.
    pub fn in_memory(blocked: bool) -> Store {
        let store = Store::default();
        store.inner.borrow_mut().blocked = blocked;
        store
    }

    /// Whether the app is working in memory only.
    pub fn is_blocked(&self) -> bool {
        self.inner.borrow().blocked
    }

    /// Whether the entry `key` is kept aside (unreadable).
    pub fn is_protected(&self, key: &str) -> bool {
        self.inner.borrow().protected.contains(key)
    }

    /// Brings storage in line with the library: writes each article that changed since it was
    /// last written, removes deleted ones, writes changed preferences. Never panics; returns a
    /// message for each write that failed (what did not fit stays in the tab, and is tried
    /// again on the next save).
    pub fn sync(&self, articles: &[Article], prefs: &Prefs) -> Vec<AppError> {
        let mut inner = self.inner.borrow_mut();
        if inner.blocked {
            return Vec::new();
        }
        let mut errors = Vec::new();
        for a in articles {
            if inner
                .saved
                .get(&a.id)
                .is_some_and(|(d, _)| Rc::ptr_eq(d, &a.doc))
            {
                continue;
            }
            let k = key(&a.id);
            if inner.protected.contains(&k) {
                continue;
            }
            // Another tab wrote this article since this tab last read or wrote it: merge
            // first (the reducer does), never write over its changes.
            if let Some(c) = inner.changed_elsewhere(&a.id) {
                match c {
                    Ok(c) => inner.conflicts.push(c),
                    Err(e) => errors.push(e),
                }
                continue;
            }
            let raw = encode(&a.id, &a.doc);
            match browser::write(&k, &raw) {
                Ok(()) => {
                    inner
                        .saved
                        .insert(a.id.clone(), (a.doc.clone(), hash(&raw)));
                }
                Err(e) => errors.push(e.saving(a.doc.title())),
            }
        }
        let gone: Vec<ArticleId> = inner
            .saved
            .keys()
            .filter(|id| !articles.iter().any(|a| &a.id == *id))
            .cloned()
            .collect();
        for id in gone {
            match browser::remove(&key(&id)) {
                Ok(()) => {
                    inner.saved.remove(&id);
                }
                Err(e) => errors.push(e.removing()),
            }
        }
        // The version 1 entry goes once every article is stored in the new format.
        if inner.legacy
            && articles.iter().all(|a| inner.saved.contains_key(&a.id))
            && browser::remove(KEY_V1).is_ok()
        {
            inner.legacy = false;
        }
        if inner.prefs.as_ref() != Some(prefs) {
            let raw = serde_json::to_string(prefs).expect("preferences serialise");
            match browser::write(PREFS_KEY, &raw) {
                Ok(()) => inner.prefs = Some(prefs.clone()),
                Err(e) => errors.push(e.saving("your preferences")),
            }
        }
        errors
    }

    /// The articles another tab had changed when this tab came to write them (since the last
    /// call): the reducer merges each, and the next sync writes the merge.
    pub fn take_conflicts(&self) -> Vec<Conflict> {
        std::mem::take(&mut self.inner.borrow_mut().conflicts)
    }

    /// What another tab did to the entry `key` (from a `storage` event): `None` when it is not
    /// an article's, or holds what this tab already knows.
    pub fn changed_elsewhere(&self, key: &str) -> Option<Result<Conflict, AppError>> {
        let id = ArticleId(key.strip_prefix(ARTICLE_PREFIX)?.to_string());
        let mut inner = self.inner.borrow_mut();
        if inner.blocked || inner.protected.contains(key) {
            return None;
        }
        inner.changed_elsewhere(&id)
    }

    /// The bytes each article's entry takes in storage, as last written or read.
    pub fn sizes(&self) -> HashMap<ArticleId, usize> {
        self.inner
            .borrow()
            .saved
            .iter()
            .map(|(id, (doc, _))| (id.clone(), stored_size(&key(id), &encode(id, doc))))
            .collect()
    }
}

/// Why a write to storage failed.
#[derive(Debug, Clone, PartialEq, Eq)]
enum WriteError {
    Full,
    Blocked,
    Other(String),
}

impl WriteError {
    /// The message for the user when saving `what` failed.
    fn saving(self, what: &str) -> AppError {
        let what = what.to_string();
        match self {
            WriteError::Full => AppError::StorageFull { what },
            WriteError::Blocked => AppError::StorageBlocked,
            WriteError::Other(why) => AppError::StorageFailed { what, why },
        }
    }

    fn removing(self) -> AppError {
        self.saving("the deletion of an article")
    }
}

/// The browser side: localStorage through gloo.
mod browser {
    use super::WriteError;
    use crate::error::AppError;
    use gloo::storage::{LocalStorage, Storage};

    /// Whether localStorage can be used at all (it throws in some privacy modes).
    fn available() -> Result<web_sys::Storage, AppError> {
        match web_sys::window().map(|w| w.local_storage()) {
            Some(Ok(Some(s))) => Ok(s),
            _ => Err(AppError::StorageBlocked),
        }
    }

    /// Every (key, value) pair in storage.
    pub fn entries() -> Result<Vec<(String, String)>, AppError> {
        let storage = available()?;
        let n = storage.length().map_err(|_| AppError::StorageBlocked)?;
        let mut out = Vec::with_capacity(n as usize);
        for i in 0..n {
            let Ok(Some(key)) = storage.key(i) else {
                continue;
            };
            if let Ok(Some(value)) = storage.get_item(&key) {
                out.push((key, value));
            }
        }
        Ok(out)
    }

    pub fn write(key: &str, value: &str) -> Result<(), WriteError> {
        available().map_err(|_| WriteError::Blocked)?;
        LocalStorage::raw().set_item(key, value).map_err(classify)
    }

    /// The entry `key`, if storage can be read and holds it.
    pub fn read(key: &str) -> Option<String> {
        available().ok()?.get_item(key).ok().flatten()
    }

    pub fn remove(key: &str) -> Result<(), WriteError> {
        available().map_err(|_| WriteError::Blocked)?;
        LocalStorage::raw().remove_item(key).map_err(classify)
    }

    /// Turns what storage threw into why the write failed.
    fn classify(thrown: wasm_bindgen::JsValue) -> WriteError {
        let field = |name: &str| {
            js_sys::Reflect::get(&thrown, &name.into())
                .ok()
                .and_then(|v| v.as_string())
                .unwrap_or_default()
        };
        match field("name").as_str() {
            "QuotaExceededError" | "NS_ERROR_DOM_QUOTA_REACHED" => WriteError::Full,
            "SecurityError" => WriteError::Blocked,
            _ => {
                let message = field("message");
                WriteError::Other(if message.is_empty() {
                    "unknown error".into()
                } else {
                    message
                })
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const V1: &str = include_str!("../tests/fixtures/storage-v1.json");

    fn id(s: &str) -> ArticleId {
        ArticleId(s.into())
    }

    fn doc() -> Document {
        let mut d = Document::new("Hello “world”");
        d.add_note(annotator_engine::Span::new(0, 5), Default::default());
        d.modified = 5;
        d
    }

    #[test]
    fn round_trip() {
        let d = doc();
        assert_eq!(decode(&encode(&id("a1"), &d)), Ok((Some(id("a1")), d)));
    }

    #[test]
    fn unknown_versions_and_bad_data_are_refused() {
        assert_eq!(
            decode(r#"{"version": 7, "document": {}}"#),
            Err(AppError::SavedDataUnknownVersion(7))
        );
        assert!(matches!(
            decode("{not json"),
            Err(AppError::SavedDataCorrupt(_))
        ));
        let bad = r#"{"version":2,"document":{"text":"abc","notes":[{"id":1,"start":2,"end":9,"exact":"c","note":""}],"next_id":2}}"#;
        assert!(matches!(decode(bad), Err(AppError::SavedDataCorrupt(_))));
    }

    #[test]
    fn the_version_1_fixture_migrates_with_every_note_and_decision() {
        let (stored_id, d) = decode(V1).expect("version 1 reads");
        assert_eq!(stored_id, None, "version 1 entries carry no id");
        let raw: Value = serde_json::from_str(V1).unwrap();
        let old = &raw["document"];
        assert_eq!(&*d.text, old["text"].as_str().unwrap());
        assert_eq!(d.notes.len(), old["notes"].as_array().unwrap().len());
        assert_eq!(d.notes[0].note, "invented town");
        assert_eq!(d.next_id, old["next_id"].as_u64().unwrap());
        let actions: Vec<Value> = serde_json::to_value(&d.decisions)
            .unwrap()
            .as_array()
            .unwrap()
            .iter()
            .map(|d| serde_json::json!([d["exact"], d["action"], d["speaker"], d["label"]]))
            .collect();
        assert_eq!(
            Value::from(actions),
            serde_json::json!([
                ["Bo Chan", "correct", null, "ORG"],
                ["This is not the deal we wanted,", "reject", null, null],
                [
                    "But the water does not wait.",
                    "correct",
                    "Clara Osei",
                    null
                ],
                ["The Zorbex Trust owns the quay", "add_quote", null, null],
                ["Zorbex Trust", "add_entity", null, "ORG"],
            ])
        );
    }

    #[test]
    fn loading_keeps_unreadable_entries_aside_and_loads_the_rest() {
        let good = encode(&id("a1"), &doc());
        let mut newer = doc();
        newer.modified = 9;
        let entries = vec![
            (key(&id("a1")), good),
            (
                key(&id("a2")),
                "{\"version\":2,\"document\":{\"text\":\"Lost".to_string(),
            ),
            (
                key(&id("a3")),
                r#"{"version":9,"document":{"text":"Future title\nbody"}}"#.to_string(),
            ),
            (key(&id("a4")), encode(&id("a4"), &newer)),
            ("someone-else".into(), "{}".into()),
            (PREFS_KEY.into(), "not json".into()),
        ];
        let loaded = load(&entries, || unreachable!("no version 1 entry"));
        let ids: Vec<&str> = loaded.articles.iter().map(|a| a.id.0.as_str()).collect();
        assert_eq!(ids, ["a4", "a1"], "newest first");
        let aside: Vec<(&str, Option<&str>)> = loaded
            .unreadable
            .iter()
            .map(|u| (u.key.as_str(), u.title.as_deref()))
            .collect();
        assert_eq!(
            aside,
            [
                ("article-annotator/article/a2", None),
                ("article-annotator/article/a3", Some("Future title"))
            ]
        );
        assert_eq!(loaded.errors.len(), 2);
        assert!(loaded.errors[1].to_string().contains("“Future title”"));
        assert_eq!(loaded.prefs, Prefs::default());
    }

    #[test]
    fn a_version_1_entry_becomes_an_article_with_a_new_id() {
        let entries = vec![(KEY_V1.to_string(), V1.to_string())];
        let loaded = load(&entries, || id("fresh"));
        assert_eq!(loaded.articles.len(), 1);
        assert_eq!(loaded.articles[0].id, id("fresh"));
        assert!(loaded.errors.is_empty());
    }

    #[test]
    fn sizes_count_two_bytes_per_utf16_unit() {
        assert_eq!(stored_size("ab", "😀"), 2 * (2 + 2));
    }
}
