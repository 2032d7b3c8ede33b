//! Number and time expressions on the Press TV sample article.

use annotator_engine::entities::{self, numeric};
use annotator_engine::{Document, Label};
use std::path::PathBuf;

/// The sample text, read from `$SHARED_DIR/samples` (a relative SHARED_DIR is taken from the
/// workspace root, as the Makefile sets it).
fn sample() -> String {
    let dir = std::env::var("SHARED_DIR").unwrap_or_else(|_| {
        panic!("SHARED_DIR is not set: run `SHARED_DIR=../shared cargo test` or `make test`")
    });
    let mut dir = PathBuf::from(dir);
    if dir.is_relative() {
        dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("../..")
            .join(dir);
    }
    let path = dir.join("samples/press-tv-iraq-foreign-forces.txt");
    std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read the sample {}: {e}", path.display()))
}

/// Every (text, label) the numeric rules find in `text`.
/// The sample's number and time expressions the issue names.
const EXPECTED: [(&str, Label); 5] = [
    ("late 2017", Label::Date),
    ("January 2020", Label::Date),
    ("Monday", Label::Date),
    ("2,500", Label::Cardinal),
    ("fourth", Label::Ordinal),
];

fn numeric_in(text: &str) -> Vec<(&str, Label)> {
    numeric::detect(&Document::new(text))
        .into_iter()
        .map(|(span, label)| (span.slice(text), label))
        .collect()
}

#[test]
fn sample_dates_counts_and_ordinals() {
    let text = sample();
    let found = numeric_in(&text);
    for want in EXPECTED {
        assert!(found.contains(&want), "{want:?} missing from {found:?}");
    }
    // The sample's weekday and month names are never names, only dates.
    assert!(
        !found.iter().any(|&(_, l)| l.is_name()),
        "numeric rules returned a name: {found:?}"
    );
}

#[test]
fn sample_numbers_survive_name_detection() {
    let text = sample();
    let doc = Document::new(&text);
    let all: Vec<(&str, Label)> = entities::detect(&doc)
        .into_iter()
        .map(|e| (e.span.slice(&text), e.label))
        .collect();
    for want in EXPECTED {
        assert!(all.contains(&want), "{want:?} missing from {all:?}");
    }
}
