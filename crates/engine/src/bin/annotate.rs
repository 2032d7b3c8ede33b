//! `annotate [--jobs N] INPUT`: analyses documents and prints one JSON line per document.
//!
//! INPUT ending in `.jsonl` is JSON Lines of `{"id", "text", ...}` (other keys ignored); `-` reads
//! JSON Lines from standard input; any other path is one plain-text document whose id is the
//! file stem. Offsets in the output are Unicode code points, end exclusive.
//!
//! JSON Lines are read in batches that the cores analyse in parallel (`--jobs`, all cores by
//! default); output keeps the input's order, and memory stays bounded by one batch. A record
//! that cannot be read is reported on standard error with its line number and left out; the
//! others are still analysed, and the exit status is then 1. When standard error is a terminal,
//! a progress bar runs there.

use annotator_engine::output::Record;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;
use std::io::{self, BufRead, BufWriter, IsTerminal, Read, Write};
use std::path::Path;
use std::process::ExitCode;

const USAGE: &str =
    "usage: annotate [--jobs N] INPUT   (INPUT: file.jsonl, -, or a plain-text file)";

/// At most this many documents, or this many bytes of input, are held at once.
const BATCH_DOCS: usize = 256;
const BATCH_BYTES: usize = 32 << 20;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.iter().any(|a| a == "-h" || a == "--help") {
        println!("{USAGE}");
        return ExitCode::SUCCESS;
    }
    let (jobs, input) = match parse_args(&args) {
        Ok(a) => a,
        Err(e) => {
            eprintln!("annotate: {e}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let pool = match rayon::ThreadPoolBuilder::new().num_threads(jobs).build() {
        Ok(p) => p,
        Err(e) => {
            eprintln!("annotate: cannot start {jobs} threads: {e}");
            return ExitCode::FAILURE;
        }
    };
    match pool.install(|| run(&input)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("annotate: {e}");
            ExitCode::FAILURE
        }
    }
}

/// `(jobs, input)`; jobs 0 means one per core.
fn parse_args(args: &[String]) -> Result<(usize, String), String> {
    let threads = |v: &str| {
        v.parse()
            .ok()
            .filter(|&n: &usize| n > 0)
            .ok_or_else(|| format!("--jobs takes a number of threads, not {v:?}"))
    };
    let mut jobs = 0;
    let mut input = None;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        if a == "--jobs" || a == "-j" {
            jobs = threads(it.next().ok_or("--jobs takes a number")?)?;
        } else if let Some(v) = a.strip_prefix("--jobs=") {
            jobs = threads(v)?;
        } else if input.is_none() {
            input = Some(a.clone());
        } else {
            return Err(format!("unexpected argument {a:?}"));
        }
    }
    Ok((jobs, input.ok_or("no INPUT given")?))
}

fn run(input: &str) -> Result<(), String> {
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    if input == "-" {
        let stdin = io::stdin();
        return annotate_jsonl(stdin.lock(), "standard input", None, &mut out);
    }
    let path = Path::new(input);
    if input.ends_with(".jsonl") {
        let file = std::fs::File::open(path).map_err(|e| format!("cannot open {input}: {e}"))?;
        let size = file.metadata().ok().map(|m| m.len());
        return annotate_jsonl(io::BufReader::new(file), input, size, &mut out);
    }
    let mut text = String::new();
    std::fs::File::open(path)
        .and_then(|mut f| f.read_to_string(&mut text))
        .map_err(|e| format!("cannot read {input} as UTF-8 text: {e}"))?;
    let id = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    out.write_all(annotate_one(id, &text).as_bytes())
        .and_then(|()| out.flush())
        .map_err(|e| e.to_string())
}

#[derive(serde::Deserialize)]
struct InputDoc {
    id: serde_json::Value,
    text: String,
}

/// What became of one input line.
enum Outcome {
    Blank,
    /// The output line, newline included.
    Done(String),
    /// Why the record could not be read.
    Bad(String),
}

fn annotate_jsonl(
    mut reader: impl BufRead,
    name: &str,
    size: Option<u64>,
    out: &mut impl Write,
) -> Result<(), String> {
    let progress = progress_bar(size);
    let (mut records, mut bad) = (0usize, 0usize);
    let mut line_no = 0usize;
    let mut at_end = false;
    while !at_end {
        // One batch of (line number, line).
        let mut batch: Vec<(usize, Vec<u8>)> = Vec::new();
        let mut bytes = 0;
        while batch.len() < BATCH_DOCS && bytes < BATCH_BYTES {
            let mut line = Vec::new();
            let n = reader
                .read_until(b'\n', &mut line)
                .map_err(|e| format!("{name}: line {}: {e}", line_no + 1))?;
            if n == 0 {
                at_end = true;
                break;
            }
            line_no += 1;
            bytes += n;
            batch.push((line_no, line));
        }
        let outcomes: Vec<Outcome> = batch
            .par_iter()
            .map(|(n, line)| analyse_line(name, *n, line))
            .collect();
        for outcome in outcomes {
            match outcome {
                Outcome::Blank => {}
                Outcome::Done(json) => {
                    records += 1;
                    out.write_all(json.as_bytes()).map_err(|e| e.to_string())?;
                }
                Outcome::Bad(message) => {
                    bad += 1;
                    match &progress {
                        Some(p) => p.suspend(|| eprintln!("annotate: {message}")),
                        None => eprintln!("annotate: {message}"),
                    }
                }
            }
        }
        if let Some(p) = &progress {
            p.inc(bytes as u64);
        }
    }
    out.flush().map_err(|e| e.to_string())?;
    if let Some(p) = progress {
        p.finish_and_clear();
    }
    if bad > 0 {
        return Err(format!(
            "{bad} of {} records in {name} could not be read (listed above); the other {records} \
             were analysed",
            bad + records
        ));
    }
    Ok(())
}

fn analyse_line(name: &str, n: usize, line: &[u8]) -> Outcome {
    let Ok(line) = std::str::from_utf8(line) else {
        return Outcome::Bad(format!("{name}: line {n}: not UTF-8 text"));
    };
    if line.trim().is_empty() {
        return Outcome::Blank;
    }
    match serde_json::from_str::<InputDoc>(line) {
        Ok(doc) => {
            let id = match doc.id {
                serde_json::Value::String(s) => s,
                other => other.to_string(),
            };
            Outcome::Done(annotate_one(id, &doc.text))
        }
        Err(e) => Outcome::Bad(format!(
            "{name}: line {n}: not a record with an \"id\" and a \"text\": {e}"
        )),
    }
}

/// The output line of one document.
fn annotate_one(id: String, text: &str) -> String {
    let analysis = annotator_engine::analyze(text);
    let record = Record::new(id, text, &analysis);
    let mut json = serde_json::to_string(&record).expect("a record serialises");
    json.push('\n');
    json
}

/// A bar over the input's bytes (a spinner when the size is unknown), only on a terminal.
fn progress_bar(size: Option<u64>) -> Option<ProgressBar> {
    if !io::stderr().is_terminal() {
        return None;
    }
    let bar = match size {
        Some(total) => ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr())
            .with_style(
                ProgressStyle::with_template(
                    "{bar:40} {binary_bytes}/{binary_total_bytes} {binary_bytes_per_sec} \
                     eta {eta}",
                )
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
            ),
        None => ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr()).with_style(
            ProgressStyle::with_template("{spinner} {binary_bytes} read, {binary_bytes_per_sec}")
                .unwrap_or_else(|_| ProgressStyle::default_spinner()),
        ),
    };
    Some(bar)
}
