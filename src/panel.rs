//! What the side panel lists, computed from the review (pure logic, tested natively).

use crate::review::{Review, ReviewedQuote};
use annotator_engine::{Analysis, Label, Span};

/// Quote spans grouped by speaker (unknown last), most quoted first.
pub fn speaker_groups(review: &Review) -> Vec<(Option<String>, Vec<Span>)> {
    let mut groups: Vec<(Option<String>, Vec<Span>)> = Vec::new();
    for q in &review.quotes {
        match groups.iter_mut().find(|(n, _)| *n == q.speaker) {
            Some((_, spans)) => spans.push(q.span),
            None => groups.push((q.speaker.clone(), vec![q.span])),
        }
    }
    groups.sort_by_key(|(name, spans)| (name.is_none(), std::cmp::Reverse(spans.len())));
    groups
}

/// The unsure attributions, least sure first (then in text order): the review queue.
pub fn unsure_quotes(review: &Review) -> Vec<&ReviewedQuote> {
    let mut unsure: Vec<&ReviewedQuote> = review.quotes.iter().filter(|q| q.is_unsure()).collect();
    unsure.sort_by(|a, b| {
        let c = |q: &ReviewedQuote| q.speaker_confidence().unwrap_or(0.0);
        c(a).total_cmp(&c(b))
            .then(a.span.start().cmp(&b.span.start()))
    });
    unsure
}

pub struct EntityGroup {
    /// Identifies the group in the panel (its mention cursor).
    pub key: String,
    pub label: Label,
    pub name: String,
    pub mentions: Vec<Span>,
}

/// Reviewed names grouped as the engine grouped them (names the user added: by their words).
pub fn entity_groups(review: &Review, analysis: &Analysis, text: &str) -> Vec<EntityGroup> {
    let mut groups: Vec<EntityGroup> = Vec::new();
    for e in review.entities.iter().filter(|e| e.label.is_name()) {
        let (key, name) = match e.group.and_then(|g| analysis.group(g)) {
            Some(g) if g.label == e.label => (format!("g{}", g.id.0), g.name.clone()),
            _ => (
                format!("{}:{}", e.label, e.span.slice(text)),
                e.span.slice(text).to_string(),
            ),
        };
        match groups.iter_mut().find(|g| g.key == key) {
            Some(g) => g.mentions.push(e.span),
            None => groups.push(EntityGroup {
                key,
                label: e.label,
                name,
                mentions: vec![e.span],
            }),
        }
    }
    groups.sort_by_key(|g| std::cmp::Reverse(g.mentions.len()));
    groups
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Change, Document, Target};
    use crate::review::review;
    use annotator_engine::analysis::Confidence;
    use annotator_engine::{Quote, QuoteKind, Speaker};

    const TEXT: &str = "“A,” said Ana. “B,” said Bo. “C,” said Cy. “D,” she said.";

    /// An analysis of TEXT whose four quotes have the given speaker confidences (None: found by
    /// the rules alone).
    fn analysis(confidences: [Option<f32>; 4]) -> Analysis {
        let quotes = ["A,", "B,", "C,", "D,"]
            .iter()
            .zip(["Ana", "Bo", "Cy", "Ana"])
            .zip(confidences)
            .map(|((q, who), c)| {
                let b = TEXT.find(q).unwrap();
                Quote {
                    span: Span::new(b, b + q.len()),
                    kind: QuoteKind::Direct,
                    speaker: Some(Speaker {
                        name: who.into(),
                        mention: None,
                        group: None,
                        label: Some(Label::Per),
                    }),
                    cue: None,
                    confidence: c.map(|c| Confidence::new(0.9, c)),
                }
            })
            .collect();
        Analysis {
            paragraphs: vec![Span::new(0, TEXT.len())],
            quotes,
            ..Analysis::default()
        }
    }

    fn texts(quotes: &[&ReviewedQuote]) -> Vec<&'static str> {
        quotes.iter().map(|q| q.span.slice(TEXT)).collect()
    }

    #[test]
    fn unsure_attributions_are_listed_least_sure_first() {
        let a = analysis([Some(0.55), Some(0.95), Some(0.2), Some(0.6)]);
        let r = review(&Document::new(TEXT.into()), &a);
        assert_eq!(
            texts(&unsure_quotes(&r)),
            ["C,", "A,"],
            "0.6 itself is not unsure"
        );
    }

    #[test]
    fn a_reviewed_or_rule_found_attribution_is_not_unsure() {
        let a = analysis([Some(0.1), Some(0.1), None, Some(0.3)]);
        let mut doc = Document::new(TEXT.into());
        // The user confirms Bo's quote by setting its speaker; Ana's second one gets someone else.
        for (q, who) in [("B,", "Bo"), ("D,", "Di")] {
            let b = TEXT.find(q).unwrap();
            doc.decide(
                Target::Quote,
                Span::new(b, b + 2),
                Change::SetSpeaker {
                    speaker: who.into(),
                },
            );
        }
        let r = review(&doc, &a);
        assert_eq!(texts(&unsure_quotes(&r)), ["A,"]);
    }

    #[test]
    fn speakers_are_grouped_most_quoted_first() {
        let r = review(&Document::new(TEXT.into()), &analysis([None; 4]));
        let groups = speaker_groups(&r);
        let groups: Vec<(Option<&str>, usize)> = groups
            .iter()
            .map(|(n, s)| (n.as_deref(), s.len()))
            .collect();
        assert_eq!(groups, [(Some("Ana"), 2), (Some("Bo"), 1), (Some("Cy"), 1)]);
    }
}
