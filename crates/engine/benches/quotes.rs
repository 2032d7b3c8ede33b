//! The quote stage alone (marks, cues, reported clauses, attribution) on the development texts
//! and the Press TV sample concatenated. Target: at most 1 ms per 1,000 words.
//!
//! Reads `$SHARED_DIR/data/quotes-dev/texts/*.txt` and `$SHARED_DIR/samples/*.txt`.

use annotator_engine::{entities, quotes, Document, Engine};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::path::Path;

fn corpus() -> String {
    let dir = std::env::var("SHARED_DIR")
        .unwrap_or_else(|_| panic!("SHARED_DIR is not set: run with SHARED_DIR=../shared"));
    let mut files: Vec<_> = ["data/quotes-dev/texts", "samples"]
        .iter()
        .flat_map(|sub| {
            // A relative SHARED_DIR is relative to the workspace root.
            let mut base = Path::new(&dir).to_path_buf();
            if base.is_relative() && !base.exists() {
                base = Path::new(env!("CARGO_MANIFEST_DIR"))
                    .join("../..")
                    .join(&dir);
            }
            let d = base.join(sub);
            std::fs::read_dir(&d)
                .unwrap_or_else(|e| panic!("cannot read {}: {e}", d.display()))
                .map(|e| e.expect("directory entry").path())
        })
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    files
        .iter()
        .map(|p| std::fs::read_to_string(p).expect("readable text"))
        .collect::<Vec<_>>()
        .join("\n\n")
}

fn bench(c: &mut Criterion) {
    let text = corpus();
    let words = text.split_whitespace().count();
    let doc = Document::new(&text);
    // Entities come from the embedded name model, as in `annotate`; only quotes are timed.
    let engine = Engine::embedded();
    let ents = entities::detect_with(&doc, engine.model());
    let mut group = c.benchmark_group("quotes");
    group.throughput(Throughput::Elements(words as u64));
    group.bench_function(format!("detect ({words} words)"), |b| {
        b.iter(|| {
            quotes::detect(
                std::hint::black_box(&doc),
                &ents,
                None,
                None,
                quotes::learned::Parts::ALL,
            )
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
