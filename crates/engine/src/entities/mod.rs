//! Named entities and number expressions.

pub mod acronyms;
pub mod companies;
pub mod decode;
pub mod features;
pub mod gazetteer;
pub mod model;
pub mod numeric;
pub mod rules;
pub mod surnames;
pub mod titles;

use crate::analysis::{Entity, Label};
use crate::span::Span;
use crate::text::Document;
pub use model::{Model, ModelError};

/// Finds entities in `doc` with the rules only, in text order and without overlaps.
pub fn detect(doc: &Document) -> Vec<Entity> {
    detect_with(doc, None)
}

/// Finds entities in `doc`, in text order and without overlaps. Names (PER, ORG, LOC, MISC)
/// come from the model when there is one, else from the rules; number and time expressions
/// from the rules. Names win over number expressions that overlap them ("Boeing 747",
/// "Theresa May").
pub fn detect_with(doc: &Document, model: Option<&Model>) -> Vec<Entity> {
    let names = match model {
        Some(model) => model.recognise(doc),
        None => rules::detect(doc),
    };
    let mut names = titles::apply(doc, names);
    names.sort_by_key(|(s, _)| (s.start(), s.end()));
    let names = surnames::apply(doc, names);
    let names = companies::apply(doc, names);
    let names = acronyms::apply(doc, names);
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

/// Runs a rule over names (`apply`) on names given by their words, each found in `text` after
/// the one before, and gives back the names' words with their labels.
#[cfg(test)]
pub(crate) fn run_rule(
    apply: impl Fn(&Document, Vec<(Span, Label)>) -> Vec<(Span, Label)>,
    text: &str,
    names: &[(&str, Label)],
) -> Vec<(String, Label)> {
    let doc = Document::new(text);
    let mut from = 0;
    let spans = names
        .iter()
        .map(|&(name, label)| {
            let start = from + text[from..].find(name).expect("the name is in the text");
            from = start + name.len();
            (Span::new(start, from), label)
        })
        .collect();
    apply(&doc, spans)
        .into_iter()
        .map(|(s, l)| (s.slice(text).to_string(), l))
        .collect()
}

/// Gives single words a label from `word_label` (by token number): a one-word name takes it in
/// place of its own, and a word no name covers becomes a name with it. Longer names stay as they
/// are. `names` and the result are in text order, without overlaps.
pub(crate) fn relabel_words(
    doc: &Document,
    names: Vec<(Span, Label)>,
    word_label: impl Fn(usize) -> Option<Label>,
) -> Vec<(Span, Label)> {
    let mut out: Vec<(Span, Label)> = Vec::with_capacity(names.len());
    let mut next = names.into_iter().peekable();
    let mut k = 0;
    while k < doc.tokens.len() {
        let t = doc.tokens[k];
        if let Some(&(span, label)) = next.peek() {
            if span.start() < t.span.end() {
                let words = doc.tokens_over(span);
                let lone = (words.len() == 1).then(|| word_label(words.start));
                out.push((span, lone.flatten().unwrap_or(label)));
                next.next();
                k = words.end.max(k + 1);
                continue;
            }
        }
        if let Some(label) = word_label(k) {
            out.push((t.span, label));
        }
        k += 1;
    }
    out.extend(next);
    out
}

/// Whether `span` overlaps one of `sorted`, spans in text order without overlaps.
fn overlaps_any(sorted: &[(Span, Label)], span: Span) -> bool {
    let n = sorted.partition_point(|(s, _)| s.end() <= span.start());
    sorted.get(n).is_some_and(|(s, _)| s.overlaps(span))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_win_over_overlapping_numbers() {
        let names = [
            (Span::new(0, 5), Label::Per),
            (Span::new(10, 20), Label::Org),
        ];
        assert!(overlaps_any(&names, Span::new(4, 8)));
        assert!(overlaps_any(&names, Span::new(15, 25)));
        assert!(overlaps_any(&names, Span::new(8, 30)));
        assert!(!overlaps_any(&names, Span::new(5, 10)));
        assert!(!overlaps_any(&names, Span::new(20, 22)));
        assert!(!overlaps_any(&[], Span::new(0, 1)));
    }

    #[test]
    fn numbers_and_names_together_in_text_order() {
        let text = "President Joe Biden met him on Monday with 2,500 troops.";
        let found: Vec<(&str, Label)> = detect(&Document::new(text))
            .into_iter()
            .map(|e| (e.span.slice(text), e.label))
            .collect();
        assert_eq!(
            found,
            [
                ("Joe Biden", Label::Per),
                ("Monday", Label::Date),
                ("2,500", Label::Cardinal)
            ]
        );
    }
}
