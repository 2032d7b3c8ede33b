//! Browser tests of storage (headless Chromium: `cargo test --target wasm32-unknown-unknown`).
//!
//! Each case a user can meet: a normal save and reload, a full quota, blocked storage, a corrupt
//! entry and an entry from an unknown format version. Saving never panics, and an entry that
//! cannot be read is never overwritten.
#![cfg(target_arch = "wasm32")]

use annotator_engine::Span;
use article_annotator::document::Document;
use article_annotator::error::AppError;
use article_annotator::storage::{Store, KEY};
use gloo::storage::{LocalStorage, Storage};
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen(inline_js = r#"
let saved = null;
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
"#)]
extern "C" {
    fn block_storage();
    fn unblock_storage();
}

fn raw() -> Option<String> {
    LocalStorage::raw().get_item(KEY).unwrap()
}

fn document() -> Document {
    let mut d = Document::new("Ana Ruiz said: “We will win.” 😀".to_string());
    d.add_note(Span::new(0, 8), "the mayor".into());
    d
}

#[wasm_bindgen_test]
fn a_saved_document_comes_back() {
    LocalStorage::clear();
    let (store, loaded) = Store::open();
    assert_eq!(loaded, Ok(None));
    store.save(&document()).expect("saved");
    let (_, loaded) = Store::open();
    assert_eq!(loaded, Ok(Some(document())));
}

#[wasm_bindgen_test]
fn a_corrupt_entry_is_reported_and_never_overwritten() {
    LocalStorage::clear();
    LocalStorage::raw()
        .set_item(KEY, "{\"version\": 1, \"document\": [tru")
        .unwrap();
    let (store, loaded) = Store::open();
    assert!(
        matches!(loaded, Err(AppError::SavedDataCorrupt(_))),
        "{loaded:?}"
    );
    assert!(!store.is_writable());
    store
        .save(&document())
        .expect("a refused save is not an error");
    assert_eq!(
        raw().as_deref(),
        Some("{\"version\": 1, \"document\": [tru")
    );
}

#[wasm_bindgen_test]
fn an_unknown_version_is_refused_not_guessed() {
    LocalStorage::clear();
    let future = r#"{"format":"article-annotator/storage","version":7,"document":{"text":"x","notes":[],"next_id":1}}"#;
    LocalStorage::raw().set_item(KEY, future).unwrap();
    let (store, loaded) = Store::open();
    assert_eq!(loaded, Err(AppError::SavedDataUnknownVersion(7)));
    store.save(&document()).unwrap();
    assert_eq!(raw().as_deref(), Some(future));
}

#[wasm_bindgen_test]
fn a_full_quota_is_reported_without_panicking() {
    LocalStorage::clear();
    let (store, _) = Store::open();
    store.save(&Document::new("small".into())).unwrap();
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
    let big = Document::new("y".repeat(2 << 20));
    let result = store.save(&big);
    for i in 0..filled {
        LocalStorage::raw()
            .remove_item(&format!("fill-{i}"))
            .unwrap();
    }
    assert_eq!(result, Err(AppError::StorageFull));
    // What was saved before is still there.
    assert_eq!(Store::open().1, Ok(Some(Document::new("small".into()))));
}

#[wasm_bindgen_test]
fn blocked_storage_is_reported_without_panicking() {
    LocalStorage::clear();
    block_storage();
    let (store, loaded) = Store::open();
    let saved = store.save(&document());
    unblock_storage();
    assert_eq!(loaded, Err(AppError::StorageBlocked));
    assert_eq!(saved, Err(AppError::StorageBlocked));
}
