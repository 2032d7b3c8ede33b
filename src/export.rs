//! The native JSON export: the text and every annotation, automatic and the user's own.
//!
//! Offsets are Unicode code points, end exclusive. The format carries its version; its JSON
//! Schema is `schema/annotations-v1.schema.json`, and import (a later feature) will refuse
//! versions it does not know.

use crate::document::Document;
use crate::render::{auto_id, group_key};
use annotator_engine::{Analysis, CharIndex};
use serde::Serialize;

pub const FORMAT: &str = "article-annotator";
pub const VERSION: u32 = 1;

#[derive(Debug, Serialize)]
pub struct Export<'a> {
    pub format: &'static str,
    pub version: u32,
    pub title: String,
    pub offsets: &'static str,
    pub text: &'a str,
    pub annotations: Vec<Annotation>,
    pub groups: Vec<GroupOut>,
}

#[derive(Debug, Serialize, PartialEq, Eq)]
pub struct Annotation {
    pub id: String,
    /// `quote`, `entity` or `note`.
    pub kind: &'static str,
    /// `auto` (found by the engine) or `user`.
    pub source: &'static str,
    pub start: usize,
    pub end: usize,
    pub text: String,
    /// Entities: PER, ORG, LOC, MISC, DATE, ...; quotes: direct, indirect or mixed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    /// Quotes: the speaker's name, or null when unknown.
    #[serde(skip_serializing_if = "is_not_quote")]
    pub speaker: Option<Option<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub speaker_group: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

fn is_not_quote(s: &Option<Option<String>>) -> bool {
    s.is_none()
}

#[derive(Debug, Serialize, PartialEq, Eq)]
pub struct GroupOut {
    pub id: String,
    pub label: &'static str,
    pub name: String,
    pub mentions: usize,
}

/// The article's title: its first non-empty line, trimmed.
pub fn title(text: &str) -> &str {
    text.lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("")
}

/// The file name stem for an export: the title in lower-case ASCII letters, digits and hyphens,
/// at most 60 characters, or "article" when nothing is left.
pub fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in title(text).chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.truncate(60);
    let trimmed = out.trim_matches('-');
    if trimmed.is_empty() {
        "article".to_string()
    } else {
        trimmed.to_string()
    }
}

pub fn file_name(text: &str) -> String {
    format!("{}.annotations.json", slug(text))
}

/// Builds the export of a document and its analysis.
pub fn build<'a>(doc: &'a Document, analysis: &Analysis) -> Export<'a> {
    let text = doc.text.as_str();
    let index = CharIndex::new(text);
    let mut annotations = Vec::new();
    for q in &analysis.quotes {
        let r = index.char_range(q.span);
        annotations.push(Annotation {
            id: auto_id("q", q.span),
            kind: "quote",
            source: "auto",
            start: r.start,
            end: r.end,
            text: q.span.slice(text).to_string(),
            label: Some(q.kind.as_str()),
            group: None,
            speaker: Some(q.speaker.as_ref().map(|s| s.name.clone())),
            speaker_group: q.speaker.as_ref().and_then(|s| s.group).map(group_key),
            note: None,
        });
    }
    for e in &analysis.entities {
        let r = index.char_range(e.span);
        annotations.push(Annotation {
            id: auto_id("e", e.span),
            kind: "entity",
            source: "auto",
            start: r.start,
            end: r.end,
            text: e.span.slice(text).to_string(),
            label: Some(e.label.as_str()),
            group: e.group.map(group_key),
            speaker: None,
            speaker_group: None,
            note: None,
        });
    }
    for n in &doc.notes {
        annotations.push(Annotation {
            id: n.id.key(),
            kind: "note",
            source: "user",
            start: n.start,
            end: n.end,
            text: n.exact.clone(),
            label: None,
            group: None,
            speaker: None,
            speaker_group: None,
            note: Some(n.note.clone()),
        });
    }
    annotations.sort_by(|a, b| (a.start, a.end, a.kind).cmp(&(b.start, b.end, b.kind)));
    let groups = analysis
        .groups
        .iter()
        .map(|g| GroupOut {
            id: group_key(g.id),
            label: g.label.as_str(),
            name: g.name.clone(),
            mentions: g.mentions.len(),
        })
        .collect();
    Export {
        format: FORMAT,
        version: VERSION,
        title: title(text).to_string(),
        offsets: "unicode-code-points",
        text,
        annotations,
        groups,
    }
}

/// The export as pretty-printed JSON.
pub fn to_json(doc: &Document, analysis: &Analysis) -> String {
    serde_json::to_string_pretty(&build(doc, analysis)).expect("an export always serialises")
}

#[cfg(test)]
mod tests {
    use super::*;
    use annotator_engine::Span;

    #[test]
    fn slugs() {
        assert_eq!(
            slug("\n\n  No need for foreign forces: PM\nbody"),
            "no-need-for-foreign-forces-pm"
        );
        assert_eq!(slug(""), "article");
        assert_eq!(slug("  \n ¿¡ 😀 !!\nx"), "article");
        assert_eq!(slug("Café au lait"), "caf-au-lait");
        let long = "word ".repeat(30);
        let s = slug(&long);
        assert!(s.len() <= 60 && !s.ends_with('-'), "{s}");
    }

    #[test]
    fn export_has_everything_in_code_points() {
        let text = "😀 “We will win,” said Ana Ruiz.";
        let mut doc = Document::new(text.to_string());
        let b = text.find("Ana").unwrap();
        doc.add_note(Span::new(b, b + "Ana Ruiz".len()), "check".into());
        let analysis = annotator_engine::analyze(text);
        let json: serde_json::Value = serde_json::from_str(&to_json(&doc, &analysis)).unwrap();
        assert_eq!(json["version"], 1);
        assert_eq!(json["text"], text);
        let anns = json["annotations"].as_array().unwrap();
        let quote = anns.iter().find(|a| a["kind"] == "quote").expect("a quote");
        assert_eq!(
            (quote["start"].as_u64(), quote["end"].as_u64()),
            (Some(3), Some(15))
        );
        assert_eq!(quote["speaker"], "Ana Ruiz");
        let note = anns.iter().find(|a| a["kind"] == "note").expect("a note");
        assert_eq!(
            (
                note["start"].as_u64(),
                note["text"].as_str(),
                note["note"].as_str()
            ),
            (Some(22), Some("Ana Ruiz"), Some("check"))
        );
        assert!(anns
            .iter()
            .any(|a| a["kind"] == "entity" && a["label"] == "PER" && a["text"] == "Ana Ruiz"));
    }
}
