//! The native JSON export: the text and every annotation, automatic and the user's own.
//!
//! Offsets are Unicode code points, end exclusive. The format carries its version; its JSON
//! Schema is `schema/annotations-v1.schema.json`, and import (a later feature) will refuse
//! versions it does not know.

use crate::document::{Decision, Document};
use crate::render::{auto_id, group_key};
use crate::review::Review;
use annotator_engine::{Analysis, CharIndex, Span};
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
    /// The user's decisions as stored, so that an import can restore them exactly.
    pub decisions: &'a [Decision],
}

#[derive(Debug, Serialize, PartialEq, Eq)]
pub struct Annotation {
    pub id: String,
    /// `quote`, `entity` or `note`.
    pub kind: &'static str,
    /// `suggested` (found by the engine), `edited` (corrected by the user), `own` (added by the
    /// user) or `rejected` (found by the engine, marked wrong by the user).
    pub status: &'static str,
    pub start: usize,
    pub end: usize,
    pub text: String,
    /// Entities: PER, ORG, LOC, MISC, DATE, ...; quotes: direct, indirect or mixed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    /// Quotes: the speaker's name, or null when unknown.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub speaker: Option<Option<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub speaker_group: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl Annotation {
    fn new(
        id: String,
        kind: &'static str,
        status: &'static str,
        text: &str,
        index: &CharIndex,
        span: Span,
    ) -> Annotation {
        let r = index.char_range(span);
        Annotation {
            id,
            kind,
            status,
            start: r.start,
            end: r.end,
            text: span.slice(text).to_string(),
            label: None,
            group: None,
            speaker: None,
            speaker_group: None,
            note: None,
        }
    }
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

/// Builds the export of a document, its analysis and the review of it.
pub fn build<'a>(doc: &'a Document, analysis: &Analysis, review: &Review) -> Export<'a> {
    let text = doc.text.as_str();
    let index = CharIndex::new(text);
    let mut annotations = Vec::new();
    for q in &review.quotes {
        let mut a = Annotation::new(
            auto_id("q", q.span),
            "quote",
            q.status.as_str(),
            text,
            &index,
            q.span,
        );
        a.label = Some(q.kind.as_str());
        a.speaker = Some(q.speaker.clone());
        a.speaker_group = q.speaker_group.map(group_key);
        annotations.push(a);
    }
    for e in &review.entities {
        let mut a = Annotation::new(
            auto_id("e", e.span),
            "entity",
            e.status.as_str(),
            text,
            &index,
            e.span,
        );
        a.label = Some(e.label.as_str());
        a.group = e.group.map(group_key);
        annotations.push(a);
    }
    for r in &review.rejected {
        let (prefix, kind) = match r.target {
            crate::document::Target::Quote => ("q", "quote"),
            crate::document::Target::Entity => ("e", "entity"),
        };
        let mut a = Annotation::new(
            auto_id(prefix, r.span),
            kind,
            "rejected",
            text,
            &index,
            r.span,
        );
        a.label = Some(r.label);
        if kind == "quote" {
            a.speaker = Some(r.speaker.clone());
        }
        annotations.push(a);
    }
    for n in &doc.notes {
        let r = n.anchor.start..n.anchor.end;
        annotations.push(Annotation {
            id: n.id.key(),
            kind: "note",
            status: "own",
            start: r.start,
            end: r.end,
            text: n.anchor.exact.clone(),
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
        decisions: &doc.decisions,
    }
}

/// The export as pretty-printed JSON.
pub fn to_json(doc: &Document, analysis: &Analysis, review: &Review) -> String {
    serde_json::to_string_pretty(&build(doc, analysis, review))
        .expect("an export always serialises")
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
        let quote = analysis.quotes[0].span;
        doc.decide(
            crate::document::Target::Quote,
            quote,
            crate::document::Change::SetSpeaker {
                speaker: "Ana María Ruiz".into(),
            },
        );
        let review = crate::review::review(&doc, &analysis);
        let json: serde_json::Value =
            serde_json::from_str(&to_json(&doc, &analysis, &review)).unwrap();
        assert_eq!(json["version"], 1);
        assert_eq!(json["text"], text);
        let anns = json["annotations"].as_array().unwrap();
        let quote = anns.iter().find(|a| a["kind"] == "quote").expect("a quote");
        assert_eq!(
            (quote["start"].as_u64(), quote["end"].as_u64()),
            (Some(3), Some(15))
        );
        assert_eq!(
            (quote["speaker"].as_str(), quote["status"].as_str()),
            (Some("Ana María Ruiz"), Some("edited"))
        );
        assert_eq!(json["decisions"][0]["action"], "set_speaker");
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
