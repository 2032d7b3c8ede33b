//! The `annotate` record of one document, with code-point offsets.
//!
//! This is the format `../shared/tools/score.py` reads:
//! `{"id", "entities": [{"start","end","label","text"}],
//!   "quotes": [{"start","end","text","kind","speaker","speaker_group"}]}`.

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
    pub speaker: Option<String>,
    pub speaker_group: Option<u32>,
}

pub const SYSTEM: &str = "article-annotator";

impl Record {
    pub fn new(id: String, text: &str, analysis: &Analysis) -> Record {
        let index = CharIndex::new(text);
        let at = |s: Span| index.char_range(s);
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
                        speaker: q.speaker.as_ref().map(|s| s.name.clone()),
                        speaker_group: q.speaker.as_ref().and_then(|s| s.group).map(|g| g.0),
                    }
                })
                .collect(),
        }
    }
}
