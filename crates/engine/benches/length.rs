//! Whole analysis of one article of about 1,000, 10,000 and 100,000 words, built by joining the
//! Press TV sample and the quote development texts (repeated as needed), to show how the cost
//! grows with length. Prints the cost per 1,000 words at each size besides criterion's timings.
//! Needs SHARED_DIR (the Makefile sets it to ../shared).

use annotator_engine::Engine;
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::hint::black_box;
mod common;

use common::shared_dir;
use std::time::Instant;

/// The sample, then the development texts, as paragraphs.
fn parts() -> Vec<String> {
    let shared = shared_dir();
    let mut parts =
        vec![
            std::fs::read_to_string(shared.join("samples/press-tv-iraq-foreign-forces.txt"))
                .expect("SHARED_DIR/samples/press-tv-iraq-foreign-forces.txt is readable"),
        ];
    let dev = std::fs::read_to_string(shared.join("data/quotes-dev/gold.jsonl"))
        .expect("SHARED_DIR/data/quotes-dev/gold.jsonl is readable");
    for line in dev.lines().filter(|l| !l.trim().is_empty()) {
        let v: serde_json::Value = serde_json::from_str(line).expect("JSON Lines");
        parts.push(v["text"].as_str().expect("a text").to_string());
    }
    parts
}

/// An article of at least `words` words (split on white space), cut at a paragraph.
fn article(parts: &[String], words: usize) -> String {
    let mut text = String::new();
    let mut n = 0;
    for p in parts.iter().cycle() {
        for para in p.split("\n\n") {
            if n >= words {
                return text;
            }
            if !text.is_empty() {
                text.push_str("\n\n");
            }
            text.push_str(para);
            n += para.split_whitespace().count();
        }
    }
    text
}

fn bench(c: &mut Criterion) {
    let engine = Engine::embedded();
    assert!(
        engine.model().is_some(),
        "the benchmark needs the embedded model"
    );
    let parts = parts();
    let mut group = c.benchmark_group("length");
    group.sample_size(10);
    for words in [1_000, 10_000, 100_000] {
        let text = article(&parts, words);
        let n = text.split_whitespace().count();
        // One timed pass for the per-1,000-word line (criterion's own figures follow).
        let runs = (200_000 / n).max(3);
        let started = Instant::now();
        for _ in 0..runs {
            black_box(engine.analyze(&text));
        }
        let ms = started.elapsed().as_secs_f64() * 1000.0 / runs as f64;
        eprintln!(
            "{n} words: {ms:.1} ms an analysis, {:.2} ms per 1,000 words",
            ms * 1000.0 / n as f64
        );
        group.throughput(Throughput::Elements(n as u64));
        group.bench_function(format!("{words} words"), |b| {
            b.iter(|| black_box(engine.analyze(black_box(&text))))
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
