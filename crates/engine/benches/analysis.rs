//! Whole-analysis speed (entities with the embedded model, quotes, groups) on CoNLL-2003 testa's
//! raw texts plus the Press TV sample. Needs SHARED_DIR (the Makefile sets it to ../shared).
//!
//! Prints tokens per second (the engine's own tokens) besides criterion's timings.

use annotator_engine::{Document, Engine};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::hint::black_box;
mod common;

use common::shared_dir;

fn texts() -> Vec<String> {
    let shared = shared_dir();
    let testa = std::fs::read_to_string(shared.join("data/conll2003/testa.jsonl"))
        .expect("SHARED_DIR/data/conll2003/testa.jsonl is readable");
    let mut texts: Vec<String> = testa
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).expect("testa is JSON Lines");
            v["text"]
                .as_str()
                .expect("every record has a text")
                .to_string()
        })
        .collect();
    texts.push(
        std::fs::read_to_string(shared.join("samples/press-tv-iraq-foreign-forces.txt"))
            .expect("SHARED_DIR/samples/press-tv-iraq-foreign-forces.txt is readable"),
    );
    texts
}

fn bench(c: &mut Criterion) {
    let texts = texts();
    let engine = Engine::embedded();
    assert!(
        engine.model().is_some(),
        "the benchmark needs the embedded model"
    );
    let tokens: usize = texts.iter().map(|t| Document::new(t).tokens.len()).sum();
    let started = std::time::Instant::now();
    for t in &texts {
        black_box(engine.analyze(t));
    }
    let secs = started.elapsed().as_secs_f64();
    eprintln!(
        "one pass: {tokens} tokens in {secs:.3} s = {:.0} tokens/s",
        tokens as f64 / secs
    );
    let mut group = c.benchmark_group("analysis");
    group.throughput(Throughput::Elements(tokens as u64));
    group.sample_size(10);
    group.bench_function("testa+sample", |b| {
        b.iter(|| {
            for t in &texts {
                black_box(engine.analyze(black_box(t)));
            }
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
