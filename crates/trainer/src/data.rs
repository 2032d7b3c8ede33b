//! Training documents: raw text re-tokenised by the engine, gold names projected onto tokens.

use annotator_engine::entities::decode::{self, OUTSIDE, TYPES};
use annotator_engine::{CharIndex, Document, Label};
use std::io::BufRead;
use std::path::Path;

#[derive(serde::Deserialize)]
struct RawDoc {
    id: serde_json::Value,
    text: String,
    #[serde(default)]
    entities: Vec<RawEntity>,
    /// Automatic names (PolNeAR's `silver_entities`), read in place of `entities` on request.
    #[serde(default)]
    silver_entities: Vec<RawEntity>,
}

#[derive(serde::Deserialize)]
struct RawEntity {
    start: usize,
    end: usize,
    label: String,
}

/// A document with its gold names as byte ranges.
pub struct GoldDoc {
    pub id: String,
    pub text: String,
    /// (start byte, end byte, type index) of each gold name.
    pub names: Vec<(usize, usize, usize)>,
}

/// Reads a JSON Lines file of `{"id", "text", "entities": [{start, end, label}]}` with code
/// point offsets. Labels other than PER, ORG, LOC and MISC are ignored.
pub fn read_jsonl(path: &Path) -> Result<Vec<GoldDoc>, String> {
    read_jsonl_with(path, false, |_| true)
}

/// Reads the documents `keep` accepts (by id), with their silver names in place of gold ones
/// when `silver` is set.
pub fn read_jsonl_with(
    path: &Path,
    silver: bool,
    keep: impl Fn(&str) -> bool,
) -> Result<Vec<GoldDoc>, String> {
    let file =
        std::fs::File::open(path).map_err(|e| format!("cannot open {}: {e}", path.display()))?;
    let mut docs = Vec::new();
    for (n, line) in std::io::BufReader::new(file).lines().enumerate() {
        let line = line.map_err(|e| format!("{}: line {}: {e}", path.display(), n + 1))?;
        if line.trim().is_empty() {
            continue;
        }
        let mut raw: RawDoc = serde_json::from_str(&line)
            .map_err(|e| format!("{}: line {}: {e}", path.display(), n + 1))?;
        let id = match &raw.id {
            serde_json::Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        if !keep(&id) {
            continue;
        }
        if silver {
            raw.entities = std::mem::take(&mut raw.silver_entities);
        }
        docs.push(gold_doc(raw));
    }
    Ok(docs)
}

fn gold_doc(raw: RawDoc) -> GoldDoc {
    let index = CharIndex::new(&raw.text);
    let names = raw
        .entities
        .iter()
        .filter_map(|e| {
            let label: Label = e.label.parse().ok()?;
            let ty = TYPES.iter().position(|&t| t == label)?;
            Some((index.to_byte(e.start)?, index.to_byte(e.end)?, ty))
        })
        .collect();
    let id = match raw.id {
        serde_json::Value::String(s) => s,
        other => other.to_string(),
    };
    GoldDoc {
        id,
        text: raw.text,
        names,
    }
}

/// Writes documents as `{"id", "text", "entities"}` lines with code-point offsets.
pub fn write_jsonl<'a>(path: &Path, docs: impl Iterator<Item = &'a GoldDoc>) -> Result<(), String> {
    let mut out = String::new();
    for d in docs {
        let index = CharIndex::new(&d.text);
        let entities: Vec<serde_json::Value> = d
            .names
            .iter()
            .filter_map(|&(s, e, ty)| {
                let r = index.char_range(annotator_engine::Span::checked(&d.text, s, e)?);
                Some(serde_json::json!({
                    "start": r.start, "end": r.end, "label": TYPES[ty].as_str(),
                    "text": &d.text[s..e],
                }))
            })
            .collect();
        let line = serde_json::json!({"id": d.id, "text": d.text, "entities": entities});
        out.push_str(&line.to_string());
        out.push('\n');
    }
    std::fs::write(path, out).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

/// How well the gold names line up with the engine's tokens.
#[derive(Debug, Default, Clone, Copy)]
pub struct Projection {
    pub names: usize,
    /// Names whose start or end falls inside a token (tagged on the tokens they overlap).
    pub misaligned: usize,
    /// Names cut by a sentence boundary (tagged up to the boundary).
    pub split: usize,
}

/// Gold tags, one per token of `doc`, and the alignment tally.
pub fn gold_tags(
    doc: &Document,
    names: &[(usize, usize, usize)],
    tally: &mut Projection,
) -> Vec<u8> {
    let mut tags = vec![OUTSIDE; doc.tokens.len()];
    for &(start, end, ty) in names {
        tally.names += 1;
        let first = doc.tokens.partition_point(|t| t.span.end() <= start);
        let last = doc.tokens.partition_point(|t| t.span.start() < end);
        if first >= last {
            tally.misaligned += 1;
            continue;
        }
        if doc.tokens[first].span.start() != start || doc.tokens[last - 1].span.end() != end {
            tally.misaligned += 1;
        }
        // Tokens already inside another name keep it.
        if tags[first..last].iter().any(|&t| t != OUTSIDE) {
            continue;
        }
        let sentence = doc.sentence_of(first);
        let stop = last.min(doc.sentences[sentence].tokens.end);
        if stop < last {
            tally.split += 1;
        }
        for (k, t) in decode::name_tags(ty, stop - first).enumerate() {
            tags[first + k] = t;
        }
    }
    tags
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_project_onto_tokens() {
        let text = "Iraq's Mustafa al-Kadhimi met EU officials.";
        let doc = Document::new(text);
        // "Iraq" LOC, "Mustafa al-Kadhimi" PER, "EU" ORG, and a span cutting "offi|cials".
        let names = [(0, 4, 2), (7, 25, 0), (30, 32, 1), (33, 37, 3)];
        let mut tally = Projection::default();
        let tags = gold_tags(&doc, &names, &mut tally);
        let found: Vec<_> = decode::names(&tags)
            .into_iter()
            .map(|(s, e, ty)| {
                (
                    &text[doc.tokens[s].span.start()..doc.tokens[e - 1].span.end()],
                    ty,
                )
            })
            .collect();
        assert_eq!(
            found,
            vec![
                ("Iraq", 2),
                ("Mustafa al-Kadhimi", 0),
                ("EU", 1),
                ("officials", 3)
            ]
        );
        assert_eq!(tally.names, 4);
        assert_eq!(tally.misaligned, 1);
    }
}
