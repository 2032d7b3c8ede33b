//! Named entities and number expressions.

pub mod gazetteer;
pub mod rules;

use crate::analysis::{Entity, Label};
use crate::text::Document;

/// Finds entities in `doc`, in text order and without overlaps.
pub fn detect(doc: &Document) -> Vec<Entity> {
    let mut found: Vec<(crate::span::Span, Label)> = rules::detect(doc);
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
