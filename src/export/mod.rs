//! The native JSON export: the text and every annotation, automatic and the user's own.
//!
//! Offsets are Unicode code points, end exclusive. The format carries its version; its JSON
//! Schema is `schema/annotations-v3.schema.json`. [`read`] reads every version ever written
//! (older ones are migrated, see [`migrate`]) and refuses versions it does not know.

pub mod formats;
pub mod import;
pub mod migrate;

pub use migrate::migrate_decision_v1;

use crate::document::{Decision, Document, NoteLabel, Target};
use crate::error::AppError;
use crate::render::{auto_id, group_key};
use crate::review::{Evidence, Review};
use annotator_engine::{Analysis, CharIndex, Span};
use serde::{Deserialize, Serialize};

pub const FORMAT: &str = "article-annotator";
/// The version [`build`] writes.
pub const VERSION: u32 = 3;
pub const OFFSETS: &str = "unicode-code-points";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Export {
    pub format: String,
    pub version: u32,
    pub title: String,
    /// When the article was made and last changed (milliseconds since 1970, UTC; 0: unknown).
    #[serde(default)]
    pub created: u64,
    #[serde(default)]
    pub modified: u64,
    pub offsets: String,
    pub text: String,
    pub annotations: Vec<Annotation>,
    pub groups: Vec<GroupOut>,
    /// The user's decisions as stored, so that an import can restore them exactly.
    pub decisions: Vec<Decision>,
}

/// What every annotation has.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Base {
    pub id: String,
    /// `suggested` (found by the engine), `accepted` (confirmed by the user), `edited`
    /// (corrected by the user), `own` (added by the user) or `rejected` (found by the engine,
    /// marked wrong by the user).
    pub status: String,
    pub start: usize,
    pub end: usize,
    /// The annotated text: `text[start..end]` in code points.
    pub text: String,
}

/// One annotation, by kind.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Annotation {
    Quote(QuoteOut),
    Entity(EntityOut),
    Note(NoteOut),
}

impl Annotation {
    pub fn base(&self) -> &Base {
        match self {
            Annotation::Quote(q) => &q.base,
            Annotation::Entity(e) => &e.base,
            Annotation::Note(n) => &n.base,
        }
    }

    fn rank(&self) -> u8 {
        match self {
            Annotation::Quote(_) => 0,
            Annotation::Entity(_) => 1,
            Annotation::Note(_) => 2,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuoteOut {
    #[serde(flatten)]
    pub base: Base,
    /// `direct`, `indirect` or `mixed`.
    pub label: String,
    /// The speaker's name, or null when unknown.
    pub speaker: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaker_group: Option<String>,
    /// The cue the attribution rests on ("said"), or null.
    pub cue: Option<TextSpan>,
    /// The words naming the speaker ("he", "the minister"), or null (always for a speaker the
    /// user set).
    pub speaker_mention: Option<TextSpan>,
    /// The engine's confidence in its suggestion, or null when the rules alone found the quote
    /// or the user added it.
    pub confidence: Option<ConfidenceOut>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntityOut {
    #[serde(flatten)]
    pub base: Base,
    /// PER, ORG, LOC, MISC, DATE, ...
    pub label: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoteOut {
    #[serde(flatten)]
    pub base: Base,
    pub note: String,
    /// A named colour, an entity type or "quote"; absent for a plain highlight.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<NoteLabel>,
    #[serde(default)]
    pub tags: Vec<String>,
}

/// A stretch of the text: code-point offsets and the words there.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TextSpan {
    pub start: usize,
    pub end: usize,
    pub text: String,
}

impl TextSpan {
    fn of(text: &str, index: &CharIndex, span: Span) -> TextSpan {
        let r = index.char_range(span);
        TextSpan {
            start: r.start,
            end: r.end,
            text: span.slice(text).to_string(),
        }
    }
}

/// Probabilities in [0, 1]: that the span is a quote, and that its speaker is right.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct ConfidenceOut {
    pub span: f32,
    pub speaker: f32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GroupOut {
    pub id: String,
    pub label: String,
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

/// What the annotations of one document are built from.
struct Builder<'a> {
    text: &'a str,
    index: CharIndex,
}

impl Builder<'_> {
    fn base(&self, id: String, status: &str, span: Span) -> Base {
        let r = self.index.char_range(span);
        Base {
            id,
            status: status.to_string(),
            start: r.start,
            end: r.end,
            text: span.slice(self.text).to_string(),
        }
    }

    fn quote(
        &self,
        base: Base,
        kind: &str,
        speaker: Option<String>,
        speaker_group: Option<String>,
        evidence: &Evidence,
    ) -> Annotation {
        let span = |s: Option<Span>| s.map(|s| TextSpan::of(self.text, &self.index, s));
        Annotation::Quote(QuoteOut {
            base,
            label: kind.to_string(),
            speaker,
            speaker_group,
            cue: span(evidence.cue),
            speaker_mention: span(evidence.mention),
            confidence: evidence.confidence.map(|c| ConfidenceOut {
                span: c.span(),
                speaker: c.speaker(),
            }),
        })
    }
}

/// Builds the export of a document, its analysis and the review of it.
pub fn build(doc: &Document, analysis: &Analysis, review: &Review) -> Export {
    let text: &str = &doc.text;
    let b = Builder {
        text,
        index: CharIndex::new(text),
    };
    let mut annotations = Vec::new();
    for q in &review.quotes {
        let base = b.base(auto_id("q", q.span), q.status.as_str(), q.span);
        let group = q.speaker_group.map(group_key);
        annotations.push(b.quote(base, q.kind.as_str(), q.speaker.clone(), group, &q.evidence));
    }
    for e in &review.entities {
        annotations.push(Annotation::Entity(EntityOut {
            base: b.base(auto_id("e", e.span), e.status.as_str(), e.span),
            label: e.label.as_str().to_string(),
            group: e.group.map(group_key),
        }));
    }
    for r in &review.rejected {
        annotations.push(match r.target {
            Target::Quote => {
                let base = b.base(auto_id("q", r.span), "rejected", r.span);
                b.quote(base, r.label, r.speaker.clone(), None, &r.evidence)
            }
            Target::Entity => Annotation::Entity(EntityOut {
                base: b.base(auto_id("e", r.span), "rejected", r.span),
                label: r.label.to_string(),
                group: None,
            }),
        });
    }
    for n in &doc.notes {
        annotations.push(Annotation::Note(NoteOut {
            base: Base {
                id: n.id.key(),
                status: "own".into(),
                start: n.anchor.start,
                end: n.anchor.end,
                text: n.anchor.exact.clone(),
            },
            note: n.note.clone(),
            label: n.label.clone(),
            tags: n.tags.clone(),
        }));
    }
    annotations.sort_by(|a, b| {
        let key = |a: &Annotation| (a.base().start, a.base().end, a.rank());
        key(a).cmp(&key(b))
    });
    let groups = analysis
        .groups
        .iter()
        .map(|g| GroupOut {
            id: group_key(g.id),
            label: g.label.as_str().to_string(),
            name: g.name.clone(),
            mentions: g.mentions.len(),
        })
        .collect();
    Export {
        format: FORMAT.into(),
        version: VERSION,
        title: doc.title().to_string(),
        created: doc.created,
        modified: doc.modified,
        offsets: OFFSETS.into(),
        text: text.to_string(),
        annotations,
        groups,
        decisions: doc.decisions.clone(),
    }
}

/// The export as pretty-printed JSON.
pub fn to_json(doc: &Document, analysis: &Analysis, review: &Review) -> String {
    serde_json::to_string_pretty(&build(doc, analysis, review))
        .expect("an export always serialises")
}

/// Reads an export of any version this app has written, migrating older versions to the
/// current one. Refuses other formats and versions it does not know.
pub fn read(json: &str) -> Result<Export, AppError> {
    #[derive(Deserialize)]
    struct Head {
        format: Option<String>,
        version: Option<u64>,
    }
    let bad = |why: String| AppError::ExportUnreadable(why);
    let value: serde_json::Value =
        serde_json::from_str(json).map_err(|e| bad(format!("not JSON: {e}")))?;
    let head = Head::deserialize(&value).map_err(|e| bad(e.to_string()))?;
    if head.format.as_deref() != Some(FORMAT) {
        return Err(bad(format!("the field \"format\" is not \"{FORMAT}\"")));
    }
    let version = head
        .version
        .ok_or_else(|| bad("the field \"version\" is missing".into()))?;
    let value = migrate::to_current(value, version)?;
    serde_json::from_value::<Export>(value).map_err(|e| bad(format!("version {version}: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Change;
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

    fn span_of(text: &str, needle: &str) -> Span {
        let b = text.find(needle).unwrap();
        Span::new(b, b + needle.len())
    }

    #[test]
    fn export_has_everything_in_code_points() {
        let text = "😀 “We will win,” said Ana Ruiz.";
        let mut doc = Document::new(text.to_string());
        doc.add_note(
            span_of(text, "Ana Ruiz"),
            crate::document::NoteContent {
                note: "check".into(),
                ..Default::default()
            },
        );
        let analysis = annotator_engine::analyze(text);
        let quote = analysis.quotes[0].span;
        doc.decide(Target::Quote, quote, Change::speaker("Ana María Ruiz"));
        let review = crate::review::review(&doc, &analysis);
        let json: serde_json::Value =
            serde_json::from_str(&to_json(&doc, &analysis, &review)).unwrap();
        assert_eq!(json["version"], 3);
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
        assert_eq!(json["decisions"][0]["action"], "correct");
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

    #[test]
    fn quotes_carry_their_cue_speaker_mention_and_confidence_in_code_points() {
        let text = "😀 Intro.\n\n“We will win,” said Ana Ruiz.";
        let doc = Document::new(text.to_string());
        let analysis = annotator_engine::analyze(text);
        let review = crate::review::review(&doc, &analysis);
        let json: serde_json::Value =
            serde_json::from_str(&to_json(&doc, &analysis, &review)).unwrap();
        let quote = &json["annotations"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["kind"] == "quote")
            .expect("a quote")
            .clone();
        assert_eq!(
            quote["cue"],
            serde_json::json!({"start": 25, "end": 29, "text": "said"})
        );
        assert_eq!(
            quote["speaker_mention"],
            serde_json::json!({"start": 30, "end": 38, "text": "Ana Ruiz"})
        );
        let c = &quote["confidence"];
        for p in [c["span"].as_f64(), c["speaker"].as_f64()] {
            assert!(p.is_some_and(|p| (0.0..=1.0).contains(&p)), "{c}");
        }
    }

    #[test]
    fn a_speaker_the_user_set_rests_on_no_words_and_an_added_quote_has_no_evidence() {
        let text = "“We will win,” said Ana Ruiz. He left.";
        let mut doc = Document::new(text.to_string());
        let analysis = annotator_engine::analyze(text);
        doc.decide(
            Target::Quote,
            analysis.quotes[0].span,
            Change::speaker("Bo Chan"),
        );
        doc.decide(
            Target::Quote,
            span_of(text, "He left"),
            Change::AddQuote { speaker: None },
        );
        let export = build(&doc, &analysis, &crate::review::review(&doc, &analysis));
        let quotes: Vec<&QuoteOut> = export
            .annotations
            .iter()
            .filter_map(|a| match a {
                Annotation::Quote(q) => Some(q),
                _ => None,
            })
            .collect();
        let edited = quotes.iter().find(|q| q.base.status == "edited").unwrap();
        assert_eq!(edited.cue.as_ref().map(|c| c.text.as_str()), Some("said"));
        assert_eq!(edited.speaker_mention, None);
        let own = quotes.iter().find(|q| q.base.status == "own").unwrap();
        assert_eq!(
            (&own.cue, &own.speaker_mention, own.confidence),
            (&None, &None, None)
        );
    }

    #[test]
    fn an_export_reads_back_as_it_was_written() {
        let text = "“We will win,” said Ana Ruiz in Port Wenlow.";
        let mut doc = Document::new(text.to_string());
        doc.add_note(
            span_of(text, "Port Wenlow"),
            crate::document::NoteContent {
                note: "invented".into(),
                label: Some(NoteLabel::Quote),
                tags: vec!["check".into()],
            },
        );
        let analysis = annotator_engine::analyze(text);
        let review = crate::review::review(&doc, &analysis);
        let written = build(&doc, &analysis, &review);
        assert_eq!(read(&to_json(&doc, &analysis, &review)), Ok(written));
    }

    #[test]
    fn other_formats_and_unknown_versions_are_refused() {
        assert_eq!(
            read(r#"{"format": "article-annotator", "version": 4}"#),
            Err(AppError::ExportUnknownVersion(4))
        );
        for (bad, why) in [
            ("{not json", "not JSON"),
            (r#"{"version": 2}"#, "\"format\""),
            (
                r#"{"format": "article-annotator"}"#,
                "\"version\" is missing",
            ),
            (
                r#"{"format": "article-annotator", "version": 3, "text": "x"}"#,
                "version 3: missing field",
            ),
        ] {
            match read(bad) {
                Err(AppError::ExportUnreadable(m)) => assert!(m.contains(why), "{bad}: {m}"),
                other => panic!("{bad}: {other:?}"),
            }
        }
    }
}
