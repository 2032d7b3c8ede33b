//! `annotate INPUT`: analyses documents and prints one JSON line per document.
//!
//! INPUT ending in `.jsonl` is JSON Lines of `{"id", "text", ...}` (other keys ignored); `-` reads
//! JSON Lines from standard input; any other path is one plain-text document whose id is the
//! file stem. Offsets in the output are Unicode code points, end exclusive.

use annotator_engine::output::Record;
use std::io::{self, BufRead, BufWriter, Read, Write};
use std::path::Path;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [input] = args.as_slice() else {
        eprintln!("usage: annotate INPUT   (INPUT: file.jsonl, -, or a plain-text file)");
        return ExitCode::from(2);
    };
    match run(input) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("annotate: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run(input: &str) -> Result<(), String> {
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    if input == "-" {
        let stdin = io::stdin();
        return annotate_jsonl(stdin.lock(), "standard input", &mut out);
    }
    let path = Path::new(input);
    if input.ends_with(".jsonl") {
        let file = std::fs::File::open(path).map_err(|e| format!("cannot open {input}: {e}"))?;
        return annotate_jsonl(io::BufReader::new(file), input, &mut out);
    }
    let mut text = String::new();
    std::fs::File::open(path)
        .and_then(|mut f| f.read_to_string(&mut text))
        .map_err(|e| format!("cannot read {input} as UTF-8 text: {e}"))?;
    let id = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    write_record(&mut out, id, &text)?;
    out.flush().map_err(|e| e.to_string())
}

#[derive(serde::Deserialize)]
struct InputDoc {
    id: serde_json::Value,
    text: String,
}

fn annotate_jsonl(reader: impl BufRead, name: &str, out: &mut impl Write) -> Result<(), String> {
    for (n, line) in reader.lines().enumerate() {
        let line = line.map_err(|e| format!("{name}: line {}: {e}", n + 1))?;
        if line.trim().is_empty() {
            continue;
        }
        let doc: InputDoc =
            serde_json::from_str(&line).map_err(|e| format!("{name}: line {}: {e}", n + 1))?;
        let id = match doc.id {
            serde_json::Value::String(s) => s,
            other => other.to_string(),
        };
        write_record(out, id, &doc.text)?;
    }
    out.flush().map_err(|e| e.to_string())
}

fn write_record(out: &mut impl Write, id: String, text: &str) -> Result<(), String> {
    let analysis = annotator_engine::analyze(text);
    let record = Record::new(id, text, &analysis);
    serde_json::to_writer(&mut *out, &record).map_err(|e| e.to_string())?;
    out.write_all(b"\n").map_err(|e| e.to_string())
}
