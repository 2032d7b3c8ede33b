//! The `annotate` record of one document, with code-point offsets.
//!
//! This is the format `../shared/tools/score.py` reads:
//! `{"id", "entities": [{"start","end","label","text"}],
//!   "quotes": [{"start","end","text","kind","speaker","speaker_name","speaker_group","cue",
//!   "speaker_mention","confidence"}]}`, where `speaker` is how the article names the speaker
//!   where the quote is attributed ("Carson said") and `speaker_name` its fullest name ("Ben
//!   Carson"), `cue` and `speaker_mention` are `{"start","end","text"}` or null and
//! `confidence` is `{"span","speaker"}` (probabilities) or null when the rules alone found the
//! quote.

use crate::analysis::Analysis;
use crate::span::{CharIndex, Span};
use serde::Serialize;

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Record {
    pub id: String,
    pub system: &'static str,
    pub entities: Vec<EntityRecord>,
    pub quotes: Vec<QuoteRecord>,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct EntityRecord {
    pub start: usize,
    pub end: usize,
    pub label: &'static str,
    pub text: String,
    pub group: Option<u32>,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct QuoteRecord {
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub kind: &'static str,
    /// How the article names the speaker where the quote is attributed
    /// ([`crate::Speaker::as_written`]).
    pub speaker: Option<String>,
    /// The fullest form of the speaker's name in the article.
    pub speaker_name: Option<String>,
    pub speaker_group: Option<u32>,
    pub cue: Option<SpanRecord>,
    pub speaker_mention: Option<SpanRecord>,
    pub confidence: Option<ConfidenceRecord>,
}

/// A stretch of text with code-point offsets.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct SpanRecord {
    pub start: usize,
    pub end: usize,
    pub text: String,
}

#[derive(Debug, Clone, Copy, Serialize, PartialEq)]
pub struct ConfidenceRecord {
    pub span: f32,
    pub speaker: f32,
}

impl Eq for ConfidenceRecord {}

pub const SYSTEM: &str = "article-annotator";

impl Record {
    pub fn new(id: String, text: &str, analysis: &Analysis) -> Record {
        let index = CharIndex::new(text);
        let at = |s: Span| index.char_range(s);
        let span = |s: Span| {
            let r = at(s);
            SpanRecord {
                start: r.start,
                end: r.end,
                text: s.slice(text).to_string(),
            }
        };
        Record {
            id,
            system: SYSTEM,
            entities: analysis
                .entities
                .iter()
                .map(|e| {
                    let r = at(e.span);
                    EntityRecord {
                        start: r.start,
                        end: r.end,
                        label: e.label.as_str(),
                        text: e.span.slice(text).to_string(),
                        group: e.group.map(|g| g.0),
                    }
                })
                .collect(),
            quotes: analysis
                .quotes
                .iter()
                .map(|q| {
                    let r = at(q.span);
                    QuoteRecord {
                        start: r.start,
                        end: r.end,
                        text: q.span.slice(text).to_string(),
                        kind: q.kind.as_str(),
                        speaker: q.speaker.as_ref().map(|s| s.as_written(text).to_string()),
                        speaker_name: q.speaker.as_ref().map(|s| s.name.clone()),
                        speaker_group: q.speaker.as_ref().and_then(|s| s.group).map(|g| g.0),
                        cue: q.cue.map(span),
                        speaker_mention: q.speaker.as_ref().and_then(|s| s.mention).map(span),
                        confidence: q.confidence.map(|c| ConfidenceRecord {
                            span: c.span(),
                            speaker: c.speaker(),
                        }),
                    }
                })
                .collect(),
        }
    }
}
