//! Named entities and number expressions.

pub mod decode;
pub mod features;
pub mod gazetteer;
pub mod model;
pub mod rules;

use crate::analysis::{Entity, Label};
use crate::span::Span;
use crate::text::Document;
pub use model::{Model, ModelError};

/// Finds entities in `doc` with the rules only, in text order and without overlaps.
pub fn detect(doc: &Document) -> Vec<Entity> {
    detect_with(doc, None)
}

/// Finds entities in `doc`, in text order and without overlaps. With a model, names (PER, ORG,
/// LOC, MISC) come from the model and number expressions from the rules; without one, the
/// rules find both.
pub fn detect_with(doc: &Document, model: Option<&Model>) -> Vec<Entity> {
    let mut found: Vec<(Span, Label)> = rules::detect(doc);
    if let Some(model) = model {
        found.retain(|(_, label)| !label.is_name());
        found.extend(model.recognise(doc));
    }
    found.sort_by_key(|(s, _)| (s.start(), std::cmp::Reverse(s.end())));
    let mut out: Vec<Entity> = Vec::with_capacity(found.len());
    for (span, label) in found {
        if out.last().is_some_and(|e| e.span.overlaps(span)) {
            continue;
        }
        out.push(Entity {
            span,
            label,
            group: None,
        });
    }
    out
}
