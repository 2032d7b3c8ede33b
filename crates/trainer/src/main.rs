//! `trainer --shared DIR --out FILE`: trains the engine's name model.
//!
//! Reads CoNLL-2003 train (and, when asked, wikigold and BTC), re-tokenises the raw text with
//! the engine, projects the gold names onto tokens, trains a two-stage averaged perceptron and
//! writes a quantised model file. Deterministic: the same inputs give the same bytes.

mod data;
mod perceptron;

use annotator_engine::entities::features::{self, Clusters, FeatureMatrix, Groups, CLUSTER_LEVELS};
use annotator_engine::entities::model::{Model, Stage};
use annotator_engine::output::Record;
use annotator_engine::{Document, Engine};
use data::{GoldDoc, Projection};
use perceptron::Perceptron;
use std::collections::HashMap;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

const USAGE: &str =
    "usage: trainer --shared DIR --out FILE [--clusters FILE] [--extra wikigold,btc]
               [--epochs N] [--stages 1|2] [--without GROUP]... [--min-weight X]
               [--evaluate FILE.jsonl --predictions OUT.jsonl]
GROUP: word affix shape context case gazetteer clusters document";

struct Options {
    shared: PathBuf,
    out: PathBuf,
    clusters: Option<PathBuf>,
    extra: Vec<String>,
    epochs: usize,
    stages: usize,
    groups: Groups,
    min_weight: f32,
    evaluate: Option<(PathBuf, PathBuf)>,
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let options = match parse(&args) {
        Ok(o) => o,
        Err(e) => {
            eprintln!("trainer: {e}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    match run(&options) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("trainer: {e}");
            ExitCode::FAILURE
        }
    }
}

fn parse(args: &[String]) -> Result<Options, String> {
    let mut shared = None;
    let mut out = None;
    let mut clusters = None;
    let mut extra = Vec::new();
    let mut epochs = 12;
    let mut stages = 2;
    let mut groups = Groups::ALL;
    let mut min_weight = 1.0;
    let mut evaluate = None;
    let mut predictions = None;
    let mut it = args.iter();
    while let Some(flag) = it.next() {
        let mut value = || it.next().ok_or(format!("{flag} needs a value"));
        match flag.as_str() {
            "--shared" => shared = Some(PathBuf::from(value()?)),
            "--out" => out = Some(PathBuf::from(value()?)),
            "--clusters" => clusters = Some(PathBuf::from(value()?)),
            "--extra" => extra = value()?.split(',').map(str::to_string).collect(),
            "--epochs" => epochs = value()?.parse().map_err(|_| "--epochs takes a number")?,
            "--stages" => stages = value()?.parse().map_err(|_| "--stages takes 1 or 2")?,
            "--min-weight" => {
                min_weight = value()?
                    .parse()
                    .map_err(|_| "--min-weight takes a number")?
            }
            "--without" => {
                let name = value()?;
                let (_, g) = Groups::NAMED
                    .iter()
                    .find(|(n, _)| n == name)
                    .ok_or(format!("unknown feature group {name}"))?;
                groups = groups.without(*g);
            }
            "--evaluate" => evaluate = Some(PathBuf::from(value()?)),
            "--predictions" => predictions = Some(PathBuf::from(value()?)),
            other => return Err(format!("unknown argument {other}")),
        }
    }
    if !(1..=2).contains(&stages) {
        return Err("--stages takes 1 or 2".into());
    }
    if !groups.has(Groups::DOCUMENT) {
        stages = 1;
    }
    let evaluate = match (evaluate, predictions) {
        (Some(e), Some(p)) => Some((e, p)),
        (None, None) => None,
        _ => return Err("--evaluate and --predictions go together".into()),
    };
    Ok(Options {
        shared: shared.ok_or("--shared is required")?,
        out: out.ok_or("--out is required")?,
        clusters,
        extra,
        epochs,
        stages,
        groups,
        min_weight,
        evaluate,
    })
}

fn run(o: &Options) -> Result<(), String> {
    let started = Instant::now();
    let mut docs = data::read_jsonl(&o.shared.join("data/conll2003/train.jsonl"))?;
    for name in &o.extra {
        let path = match name.as_str() {
            "wikigold" => o.shared.join("data/wikigold/wikigold.jsonl"),
            "btc" => o.shared.join("data/btc/btc-f.jsonl"),
            other => return Err(format!("unknown extra data set {other}")),
        };
        docs.extend(data::read_jsonl(&path)?);
    }
    let clusters = match (&o.clusters, o.groups.has(Groups::CLUSTERS)) {
        (Some(path), true) => read_clusters(path)?,
        _ => Clusters::default(),
    };
    eprintln!(
        "{} documents, {} cluster words, groups {:#x}",
        docs.len(),
        clusters.len(),
        o.groups.0
    );
    let prepared = prepare(&docs, o.groups, &clusters);
    let all: Vec<&Prepared> = prepared.iter().collect();
    let mut stages = vec![train_stage(&all, None, o)];
    eprintln!(
        "stage 1: {} rows ({:.0?})",
        stages[0].rows(),
        started.elapsed()
    );
    if o.stages == 2 {
        let history = jackknife_history(&prepared, o, &clusters);
        stages.push(train_stage(&all, Some(&history), o));
        eprintln!(
            "stage 2: {} rows ({:.0?})",
            stages[1].rows(),
            started.elapsed()
        );
    }
    let model = Model {
        groups: o.groups,
        clusters,
        stages,
    };
    let bytes = model.to_bytes();
    std::fs::write(&o.out, &bytes).map_err(|e| format!("cannot write {}: {e}", o.out.display()))?;
    eprintln!(
        "wrote {} ({} bytes) in {:.1?}",
        o.out.display(),
        bytes.len(),
        started.elapsed()
    );
    if let Some((gold, predictions)) = &o.evaluate {
        let model = Model::from_bytes(&bytes).map_err(|e| e.to_string())?;
        predict(gold, predictions, Engine::new(Some(model)))?;
    }
    Ok(())
}

/// A training document tokenised, with features and gold tags.
struct Prepared {
    doc: Document<'static>,
    features: FeatureMatrix,
    gold: Vec<u8>,
}

fn prepare(docs: &[GoldDoc], groups: Groups, clusters: &Clusters) -> Vec<Prepared> {
    let mut tally = Projection::default();
    let out = docs
        .iter()
        .map(|d| {
            // The documents live as long as the program; leaking keeps the borrows simple.
            let text: &'static str = Box::leak(d.text.clone().into_boxed_str());
            let doc = Document::new(text);
            let gold = data::gold_tags(&doc, &d.names, &mut tally);
            let features = features::extract(&doc, groups, Some(clusters));
            Prepared {
                doc,
                features,
                gold,
            }
        })
        .collect();
    eprintln!(
        "{} gold names, {} not on token boundaries, {} cut by a sentence boundary",
        tally.names, tally.misaligned, tally.split
    );
    out
}

fn train_stage(docs: &[&Prepared], history: Option<&[FeatureMatrix]>, o: &Options) -> Stage {
    let mut p = Perceptron::new();
    let examples: Vec<_> = docs
        .iter()
        .enumerate()
        .map(|(k, d)| {
            let sentences = d.doc.sentences.iter().map(|s| s.tokens.clone()).collect();
            let mut features = vec![&d.features];
            if let Some(h) = history {
                features.push(&h[k]);
            }
            p.example(&features, sentences, d.gold.clone())
        })
        .collect();
    p.train(&examples, o.epochs, 0x5EED);
    eprintln!("  {} features seen", p.features());
    p.to_stage(o.min_weight)
}

/// Second-pass features for every training document, from first-pass models that did not see
/// it (two folds), so that the second stage learns how far to trust the first.
fn jackknife_history(docs: &[Prepared], o: &Options, clusters: &Clusters) -> Vec<FeatureMatrix> {
    let mut history: Vec<Option<FeatureMatrix>> = (0..docs.len()).map(|_| None).collect();
    for fold in 0..2 {
        let (train, held): (Vec<usize>, Vec<usize>) = (0..docs.len()).partition(|&k| k % 2 != fold);
        let subset: Vec<&Prepared> = train.iter().map(|&k| &docs[k]).collect();
        let stage = train_stage(&subset, None, o);
        let model = Model {
            groups: o.groups,
            clusters: clusters.clone(),
            stages: vec![stage],
        };
        for k in held {
            let tags = model.tag(&docs[k].doc);
            history[k] = Some(features::history(&docs[k].doc, &tags));
        }
    }
    history.into_iter().map(Option::unwrap_or_default).collect()
}

/// Reads `word<TAB>c1<TAB>c2<TAB>c3` lines (lower-case words, coarse to fine clusters; each
/// coarse cluster a union of fine ones), gzip-compressed when the name ends in `.gz`.
fn read_clusters(path: &Path) -> Result<Clusters, String> {
    let raw = std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let text = if path.extension().is_some_and(|e| e == "gz") {
        let mut s = String::new();
        flate2::read::GzDecoder::new(raw.as_slice())
            .read_to_string(&mut s)
            .map_err(|e| format!("cannot decompress {}: {e}", path.display()))?;
        s
    } else {
        String::from_utf8(raw).map_err(|e| format!("{}: {e}", path.display()))?
    };
    let mut words = HashMap::new();
    let mut levels: Vec<[u16; CLUSTER_LEVELS]> = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.starts_with('#') || line.is_empty() {
            continue;
        }
        let bad = || format!("{}: line {}: bad cluster line", path.display(), n + 1);
        let mut parts = line.split('\t');
        let word = parts.next().unwrap_or_default();
        let mut c = [0u16; CLUSTER_LEVELS];
        for x in &mut c {
            *x = parts.next().and_then(|p| p.parse().ok()).ok_or_else(bad)?;
        }
        let fine = c[CLUSTER_LEVELS - 1];
        let slot = usize::from(fine);
        if levels.len() <= slot {
            levels.resize(slot + 1, [u16::MAX; CLUSTER_LEVELS]);
        }
        if levels[slot] != [u16::MAX; CLUSTER_LEVELS] && levels[slot] != c {
            return Err(format!("{}: fine cluster {fine} has two parents", bad()));
        }
        levels[slot] = c;
        words.insert(features::word_key(word), fine);
    }
    Clusters::new(words, levels).ok_or_else(|| "inconsistent cluster table".to_string())
}

/// Writes annotate's records for every document of `gold` (the same output as the CLI).
fn predict(gold: &Path, out: &Path, engine: Engine) -> Result<(), String> {
    let docs = data::read_jsonl(gold)?;
    let file =
        std::fs::File::create(out).map_err(|e| format!("cannot create {}: {e}", out.display()))?;
    let mut w = std::io::BufWriter::new(file);
    for d in docs {
        let analysis = engine.analyze(&d.text);
        let record = Record::new(d.id, &d.text, &analysis);
        serde_json::to_writer(&mut w, &record).map_err(|e| e.to_string())?;
        w.write_all(b"\n").map_err(|e| e.to_string())?;
    }
    w.flush().map_err(|e| e.to_string())
}
