//! Browser tests of storage (headless Chromium: `cargo test --target wasm32-unknown-unknown`).
//!
//! Each case a user can meet, per article: save and reload, a full quota (before a save, and
//! during one), blocked storage, a corrupt entry and an entry from an unknown format version
//! (kept aside, the rest loads), and a version 1 entry (migrated). Saving never panics, a write
//! lands whole or not at all, and an entry that cannot be read is never overwritten.
#![cfg(target_arch = "wasm32")]

use annotator_engine::Span;
use article_annotator::document::{Document, NoteContent};
use article_annotator::error::AppError;
use article_annotator::library::{Article, ArticleId, Prefs};
use article_annotator::storage::{decode, key, Store, KEY_V1};
use gloo::storage::{LocalStorage, Storage};
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen(inline_js = r#"
let saved = null;
let setItem = null;
export function block_storage() {
    saved = Object.getOwnPropertyDescriptor(window, "localStorage")
        || Object.getOwnPropertyDescriptor(Window.prototype, "localStorage");
    Object.defineProperty(window, "localStorage", {
        configurable: true,
        get() { throw new DOMException("The operation is insecure.", "SecurityError"); },
    });
}
export function unblock_storage() {
    Object.defineProperty(window, "localStorage", saved);
}
export function fail_set_item_from(n) {
    setItem = Storage.prototype.setItem;
    let calls = 0;
    Storage.prototype.setItem = function (k, v) {
        calls += 1;
        if (calls >= n) throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
        return setItem.call(this, k, v);
    };
}
export function restore_set_item() {
    Storage.prototype.setItem = setItem;
}
"#)]
extern "C" {
    fn block_storage();
    fn unblock_storage();
    fn fail_set_item_from(n: u32);
    fn restore_set_item();
}

fn raw(k: &str) -> Option<String> {
    LocalStorage::raw().get_item(k).unwrap()
}

fn article(id: &str, text: &str) -> Article {
    let mut d = Document::new(text);
    d.add_note(
        Span::new(0, 3),
        NoteContent {
            note: "the mayor".into(),
            ..NoteContent::default()
        },
    );
    Article {
        id: ArticleId(id.into()),
        doc: Rc::new(d),
    }
}

fn fresh_id() -> ArticleId {
    ArticleId("fresh".into())
}

#[wasm_bindgen_test]
fn a_saved_library_comes_back() {
    LocalStorage::clear();
    let (store, loaded) = Store::open(fresh_id);
    assert!(loaded.articles.is_empty() && loaded.errors.is_empty());
    let articles = [
        article("a1", "Ana Ruiz said: “We will win.” 😀"),
        article("a2", "Bo Chan left."),
    ];
    assert_eq!(store.sync(&articles, &Prefs::default()), []);
    let (_, loaded) = Store::open(fresh_id);
    let mut back: Vec<(String, String)> = loaded
        .articles
        .iter()
        .map(|a| (a.id.0.clone(), a.doc.text.to_string()))
        .collect();
    back.sort();
    assert_eq!(
        back,
        [
            (
                "a1".to_string(),
                "Ana Ruiz said: “We will win.” 😀".to_string()
            ),
            ("a2".to_string(), "Bo Chan left.".to_string())
        ]
    );
    // A deleted article's entry goes.
    assert_eq!(store.sync(&articles[..1], &Prefs::default()), []);
    assert_eq!(raw(&key(&ArticleId("a2".into()))), None);
}

#[wasm_bindgen_test]
fn a_corrupt_entry_is_kept_aside_the_rest_loads_and_it_is_never_overwritten() {
    LocalStorage::clear();
    let bad_key = key(&ArticleId("a1".into()));
    let corrupt = "{\"version\": 2, \"document\": {\"text\": \"Harbour vote\", \"notes\": [tru";
    LocalStorage::raw().set_item(&bad_key, corrupt).unwrap();
    let (store, _) = Store::open(fresh_id);
    store.sync(&[article("a2", "Kept fine.")], &Prefs::default());
    let (store, loaded) = Store::open(fresh_id);
    assert_eq!(loaded.articles.len(), 1);
    assert_eq!(&*loaded.articles[0].doc.text, "Kept fine.");
    assert_eq!(loaded.unreadable.len(), 1);
    assert!(
        matches!(&loaded.errors[0], AppError::ArticleUnreadable { .. }),
        "{:?}",
        loaded.errors
    );
    // Even an article with the same id is not written over it.
    store.sync(&[article("a1", "Something else")], &Prefs::default());
    assert_eq!(raw(&bad_key).as_deref(), Some(corrupt));
    assert!(store.is_protected(&bad_key));
}

#[wasm_bindgen_test]
fn an_unknown_version_is_refused_not_guessed() {
    LocalStorage::clear();
    let k = key(&ArticleId("a9".into()));
    let future = r#"{"format":"article-annotator/storage","version":7,"document":{"text":"From the future","notes":[],"next_id":1}}"#;
    LocalStorage::raw().set_item(&k, future).unwrap();
    let (store, loaded) = Store::open(fresh_id);
    assert_eq!(
        loaded.unreadable[0].error,
        AppError::SavedDataUnknownVersion(7)
    );
    assert!(loaded.errors[0].to_string().contains("“From the future”"));
    store.sync(&[article("a9", "mine")], &Prefs::default());
    assert_eq!(raw(&k).as_deref(), Some(future));
}

#[wasm_bindgen_test]
fn a_full_quota_names_what_did_not_fit_and_keeps_what_was_saved() {
    LocalStorage::clear();
    let (store, _) = Store::open(fresh_id);
    let small = article("a1", "Small article");
    assert_eq!(
        store.sync(std::slice::from_ref(&small), &Prefs::default()),
        []
    );
    let before = raw(&key(&small.id));
    // Fill the origin's quota with 1 MiB strings until the browser refuses.
    let chunk = "x".repeat(1 << 20);
    let mut filled = 0;
    while LocalStorage::raw()
        .set_item(&format!("fill-{filled}"), &chunk)
        .is_ok()
    {
        filled += 1;
        assert!(filled < 1000, "the browser never refused");
    }
    let big = article("a1", &format!("Big article\n{}", "y".repeat(2 << 20)));
    let errors = store.sync(std::slice::from_ref(&big), &Prefs::default());
    for i in 0..filled {
        LocalStorage::raw()
            .remove_item(&format!("fill-{i}"))
            .unwrap();
    }
    assert_eq!(
        errors,
        [AppError::StorageFull {
            what: "Big article".into()
        }]
    );
    assert!(errors[0].to_string().contains("Big article"));
    // What was saved before is still there, whole.
    assert_eq!(raw(&key(&small.id)), before);
    // Once there is room, the next save writes it.
    assert_eq!(
        store.sync(std::slice::from_ref(&big), &Prefs::default()),
        []
    );
    let (_, saved) = decode(&raw(&key(&big.id)).unwrap()).unwrap();
    assert_eq!(saved, *big.doc);
}

#[wasm_bindgen_test]
fn a_quota_hit_during_a_save_leaves_every_entry_whole() {
    LocalStorage::clear();
    let (store, _) = Store::open(fresh_id);
    let old = [
        article("a1", "One, first version"),
        article("a2", "Two, first version"),
    ];
    assert_eq!(store.sync(&old, &Prefs::default()), []);
    let new = [
        article("a1", "One, second version"),
        article("a2", "Two, second version"),
    ];
    // The second setItem of the save throws.
    fail_set_item_from(2);
    let errors = store.sync(&new, &Prefs::default());
    restore_set_item();
    assert_eq!(errors.len(), 1, "{errors:?}");
    let texts: Vec<String> = ["a1", "a2"]
        .iter()
        .map(|id| {
            let (_, d) = decode(&raw(&key(&ArticleId((*id).into()))).unwrap()).expect("whole");
            d.text.to_string()
        })
        .collect();
    // Each entry is either the old or the new version, never a mixture or a fragment.
    assert_eq!(texts, ["One, second version", "Two, first version"]);
    // The next save writes what is missing.
    assert_eq!(store.sync(&new, &Prefs::default()), []);
    let (_, d) = decode(&raw(&key(&ArticleId("a2".into()))).unwrap()).unwrap();
    assert_eq!(&*d.text, "Two, second version");
}

#[wasm_bindgen_test]
fn blocked_storage_works_in_memory_and_says_so() {
    LocalStorage::clear();
    block_storage();
    let (store, loaded) = Store::open(fresh_id);
    let errors = store.sync(&[article("a1", "in memory")], &Prefs::default());
    unblock_storage();
    assert_eq!(loaded.errors, [AppError::StorageBlocked]);
    assert!(store.is_blocked());
    assert_eq!(errors, []);
    assert_eq!(raw(&key(&ArticleId("a1".into()))), None);
}

#[wasm_bindgen_test]
fn a_version_1_entry_is_migrated_and_replaced_once_saved() {
    LocalStorage::clear();
    let v1 = include_str!("fixtures/storage-v1.json");
    LocalStorage::raw().set_item(KEY_V1, v1).unwrap();
    let (store, loaded) = Store::open(fresh_id);
    assert_eq!(loaded.articles.len(), 1);
    assert_eq!(loaded.articles[0].id, fresh_id());
    assert_eq!(loaded.articles[0].doc.notes[0].note, "invented town");
    assert_eq!(store.sync(&loaded.articles, &Prefs::default()), []);
    assert_eq!(
        raw(KEY_V1),
        None,
        "the old entry goes once the new one is written"
    );
    let (_, again) = Store::open(|| unreachable!("no version 1 entry left"));
    assert_eq!(again.articles, loaded.articles);
}

#[wasm_bindgen_test]
fn another_tabs_write_is_never_written_over_unseen() {
    LocalStorage::clear();
    // Two stores on one storage: two tabs.
    let (here, _) = Store::open(fresh_id);
    let original = article("a1", "Ana Ruiz said: “We will win.”");
    assert_eq!(
        here.sync(std::slice::from_ref(&original), &Prefs::default()),
        []
    );
    let (there, loaded) = Store::open(fresh_id);
    let k = key(&original.id);

    // The other tab adds a highlight and saves.
    let mut theirs = (*loaded.articles[0].doc).clone();
    theirs.add_note(Span::new(4, 8), NoteContent::default());
    let theirs = Article {
        id: original.id.clone(),
        doc: Rc::new(theirs),
    };
    assert_eq!(
        there.sync(std::slice::from_ref(&theirs), &Prefs::default()),
        []
    );
    let stored = raw(&k);

    // This tab changed the article too: its save leaves the entry alone and hands over what
    // it found, with the version this tab knew, to be merged.
    let mut ours = (*original.doc).clone();
    ours.title = Some("Ours".into());
    let ours = Article {
        id: original.id.clone(),
        doc: Rc::new(ours),
    };
    assert_eq!(
        here.sync(std::slice::from_ref(&ours), &Prefs::default()),
        []
    );
    assert_eq!(raw(&k), stored, "not written over");
    let conflicts = here.take_conflicts();
    assert_eq!(conflicts.len(), 1);
    assert_eq!(conflicts[0].base.as_deref(), Some(&*original.doc));
    assert_eq!(conflicts[0].theirs.as_deref(), Some(&*theirs.doc));
    // Once merged, the merge is written.
    let merged = Article {
        id: original.id.clone(),
        doc: Rc::new(Document {
            title: Some("Ours".into()),
            ..(*theirs.doc).clone()
        }),
    };
    assert_eq!(
        here.sync(std::slice::from_ref(&merged), &Prefs::default()),
        []
    );
    assert!(here.take_conflicts().is_empty());
    assert_eq!(decode(&raw(&k).unwrap()).unwrap().1, *merged.doc);

    // The storage event of that write tells the other tab what changed, once.
    let c = there.changed_elsewhere(&k).expect("a change").unwrap();
    assert_eq!(c.theirs.as_deref(), Some(&*merged.doc));
    assert!(there.changed_elsewhere(&k).is_none(), "already seen");
    assert!(there.changed_elsewhere("article-annotator/prefs").is_none());
}
