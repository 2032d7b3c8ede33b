//! Named entities and number expressions.

pub mod gazetteer;
pub mod numeric;
pub mod rules;

use crate::analysis::{Entity, Label};
use crate::span::Span;
use crate::text::Document;

/// Finds entities in `doc`, in text order and without overlaps. Names win over number and time
/// expressions that overlap them ("Boeing 747", "Theresa May").
pub fn detect(doc: &Document) -> Vec<Entity> {
    let names = rules::detect(doc);
    let mut found: Vec<(Span, Label)> = numeric::detect(doc)
        .into_iter()
        .filter(|&(span, _)| !overlaps_any(&names, span))
        .collect();
    found.extend(names);
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

/// Whether `span` overlaps one of `sorted`, spans in text order without overlaps.
fn overlaps_any(sorted: &[(Span, Label)], span: Span) -> bool {
    let n = sorted.partition_point(|(s, _)| s.end() <= span.start());
    sorted.get(n).is_some_and(|(s, _)| s.overlaps(span))
}
