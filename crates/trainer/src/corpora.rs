//! The texts the syntax layer learns from, each with the gold part-of-speech tags it has.
//!
//! - PolNeAR's training months (`polnear-train/train.jsonl` without 2016-08 and 2016-09, the
//!   validation months), CoNLL-2003 train, wikigold and the six quote development articles, from
//!   `../shared`;
//! - the openly licensed genres of the GUM treebank (`data/gum.jsonl.gz`, written by
//!   `tools/syntax/gum.py`), with gold Penn Treebank tags;
//! - CoNLL-2003 train's own part-of-speech column (`eng.train`), aligned to the raw text.
//!
//! Documents are named `corpus/id` so that silver annotations made elsewhere can find them.

use std::io::{BufRead, Read};
use std::path::Path;

/// One training text. `pos` holds gold tags as byte spans, where the corpus has them.
pub struct Text {
    pub name: String,
    pub text: String,
    pub pos: Vec<(usize, usize, String)>,
    /// Kept out of training to measure the layer: GUM's own dev and test documents, and every
    /// tenth document of the other corpora.
    pub held_out: bool,
}

/// Months of PolNeAR kept aside for validation: nothing is trained on them.
pub const VALIDATION_MONTHS: [&str; 2] = ["_2016-08-", "_2016-09-"];

pub fn is_validation(id: &str) -> bool {
    VALIDATION_MONTHS.iter().any(|m| id.contains(m))
}

#[derive(serde::Deserialize)]
struct Raw {
    id: serde_json::Value,
    text: String,
    #[serde(default)]
    pos: Vec<(usize, usize, String)>,
    #[serde(default)]
    split: Option<String>,
}

fn id_string(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// Reads a text file, gzip-compressed when the name ends in `.gz`.
pub fn read_text(path: &Path) -> Result<String, String> {
    let raw = std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    if path.extension().is_some_and(|e| e == "gz") {
        let mut s = String::new();
        flate2::read::GzDecoder::new(raw.as_slice())
            .read_to_string(&mut s)
            .map_err(|e| format!("cannot decompress {}: {e}", path.display()))?;
        Ok(s)
    } else {
        String::from_utf8(raw).map_err(|e| format!("{}: {e}", path.display()))
    }
}

/// Reads the non-empty lines of a text file (gzip-compressed when the name ends in `.gz`).
pub fn read_lines(path: &Path) -> Result<Vec<String>, String> {
    let text = read_text(path)?;
    Ok(text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(str::to_string)
        .collect())
}

fn read(path: &Path, corpus: &str, keep: impl Fn(&str) -> bool) -> Result<Vec<Text>, String> {
    let mut out = Vec::new();
    for (n, line) in read_lines(path)?.iter().enumerate() {
        let raw: Raw = serde_json::from_str(line)
            .map_err(|e| format!("{}: line {}: {e}", path.display(), n + 1))?;
        let id = id_string(&raw.id);
        if !keep(&id) {
            continue;
        }
        // Token offsets in the file are code points; the engine works in bytes.
        let index = annotator_engine::CharIndex::new(&raw.text);
        let pos = raw
            .pos
            .iter()
            .filter_map(|(s, e, tag)| Some((index.to_byte(*s)?, index.to_byte(*e)?, tag.clone())))
            .collect();
        let held_out = match &raw.split {
            Some(split) => split != "train",
            None => out.len() % 10 == 9,
        };
        out.push(Text {
            name: format!("{corpus}/{id}"),
            text: raw.text,
            pos,
            held_out,
        });
    }
    Ok(out)
}

/// Every text the syntax layer is trained on, in a fixed order.
pub fn syntax_texts(shared: &Path, gum: &Path) -> Result<Vec<Text>, String> {
    let data = shared.join("data");
    let mut texts = read(&data.join("polnear-train/train.jsonl"), "polnear", |id| {
        !is_validation(id)
    })?;
    let mut conll = read(&data.join("conll2003/train.jsonl"), "conll", |_| true)?;
    attach_conll_pos(&mut conll, &data.join("conll2003/eng.train"))?;
    texts.extend(conll);
    texts.extend(read(
        &data.join("wikigold/wikigold.jsonl"),
        "wikigold",
        |_| true,
    )?);
    texts.extend(read(
        &data.join("quotes-dev/gold.jsonl"),
        "quotes-dev",
        |_| true,
    )?);
    texts.extend(read(gum, "gum", |_| true)?);
    Ok(texts)
}

/// Aligns the part-of-speech column of CoNLL's four-column file to the raw texts: each
/// document's tokens are found in order in its text (the raw text was rebuilt from them).
fn attach_conll_pos(texts: &mut [Text], path: &Path) -> Result<(), String> {
    let file =
        std::fs::File::open(path).map_err(|e| format!("cannot open {}: {e}", path.display()))?;
    let mut docs: Vec<Vec<(String, String)>> = Vec::new();
    for line in std::io::BufReader::new(file).lines() {
        let line = line.map_err(|e| e.to_string())?;
        if line.starts_with("-DOCSTART-") {
            docs.push(Vec::new());
            continue;
        }
        let mut cols = line.split(' ');
        if let (Some(word), Some(tag)) = (cols.next(), cols.next()) {
            if !word.is_empty() {
                if let Some(d) = docs.last_mut() {
                    d.push((word.to_string(), tag.to_string()));
                }
            }
        }
    }
    if docs.len() != texts.len() {
        return Err(format!(
            "{}: {} documents, train.jsonl has {}",
            path.display(),
            docs.len(),
            texts.len()
        ));
    }
    for (t, d) in texts.iter_mut().zip(docs) {
        let mut at = 0;
        for (word, tag) in d {
            let Some(found) = t.text[at..].find(&word) else {
                break;
            };
            let start = at + found;
            t.pos.push((start, start + word.len(), tag));
            at = start + word.len();
        }
    }
    Ok(())
}
