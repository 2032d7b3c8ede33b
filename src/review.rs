//! The user's decisions applied to the engine's detections: what the reader sees and exports.
//!
//! Pure and derived: recomputed whenever the text, the analysis or a decision changes. A
//! decision that no longer matches any detection (the text or the engine changed) is listed as
//! unmatched, never dropped.

use crate::document::{Change, DecisionId, Document, Target};
use annotator_engine::analysis::Confidence;
use annotator_engine::text::is_quote_char;
use annotator_engine::{Analysis, CharIndex, GroupId, Label, Quote, QuoteKind, Span};
use std::collections::HashMap;

/// Below this speaker confidence an attribution the user has not reviewed is shown as unsure.
///
/// The engine's confidences are meant as calibrated probabilities: below 0.6, two or more in
/// five such attributions would be wrong, worth a second look before anyone quotes them.
pub const UNSURE_BELOW: f32 = 0.6;

/// Where an annotation stands after review.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Found by the engine, not touched by the user.
    Suggested,
    /// Found by the engine and corrected by the user.
    Edited,
    /// Added by the user.
    Own,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Suggested => "suggested",
            Status::Edited => "edited",
            Status::Own => "own",
        }
    }
}

/// What an automatic attribution rests on: the words the engine read, and how sure it is.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Evidence {
    /// The cue ("said", "according to"), when the quote has one of its own.
    pub cue: Option<Span>,
    /// The words naming the speaker ("he", "the minister", "Kadhimi").
    pub mention: Option<Span>,
    /// Absent when the quote came from the rules alone (before the model file loaded).
    pub confidence: Option<Confidence>,
}

impl Evidence {
    fn of(q: &Quote) -> Evidence {
        Evidence {
            cue: q.cue,
            mention: q.speaker.as_ref().and_then(|s| s.mention),
            confidence: q.confidence,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewedQuote {
    pub span: Span,
    pub kind: QuoteKind,
    pub speaker: Option<String>,
    pub speaker_group: Option<GroupId>,
    pub status: Status,
    pub decision: Option<DecisionId>,
    /// The engine's evidence. A speaker the user set rests on no words of the text, so its
    /// `mention` is dropped; quotes the user added have none.
    pub evidence: Evidence,
}

impl ReviewedQuote {
    /// The engine's confidence in the speaker it suggested, while the user has not changed it.
    pub fn speaker_confidence(&self) -> Option<f32> {
        match (self.status, &self.speaker) {
            (Status::Suggested, Some(_)) => self.evidence.confidence.map(|c| c.speaker()),
            _ => None,
        }
    }

    /// A suggested speaker the engine is not sure of (see [`UNSURE_BELOW`]). Quotes from the
    /// rules alone carry no confidence and are never called unsure.
    pub fn is_unsure(&self) -> bool {
        self.speaker_confidence().is_some_and(|c| c < UNSURE_BELOW)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewedEntity {
    pub span: Span,
    pub label: Label,
    pub group: Option<GroupId>,
    pub status: Status,
    pub decision: Option<DecisionId>,
}

/// A detection the user rejected (hidden, remembered, restorable).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejected {
    pub decision: DecisionId,
    pub target: Target,
    pub span: Span,
    /// Quotes: the kind and speaker the engine gave; entities: the label.
    pub label: &'static str,
    pub speaker: Option<String>,
    /// Quotes: the engine's evidence for what was rejected.
    pub evidence: Evidence,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Review {
    pub quotes: Vec<ReviewedQuote>,
    pub entities: Vec<ReviewedEntity>,
    pub rejected: Vec<Rejected>,
    /// Decisions that match nothing in the current text and analysis.
    pub unmatched: Vec<DecisionId>,
}

impl Review {
    pub fn quote_at(&self, span: Span) -> Option<&ReviewedQuote> {
        self.quotes.iter().find(|q| q.span == span)
    }

    pub fn entity_at(&self, span: Span) -> Option<&ReviewedEntity> {
        self.entities.iter().find(|e| e.span == span)
    }
}

/// Applies the document's decisions to the analysis of its text.
pub fn review(doc: &Document, analysis: &Analysis) -> Review {
    let text = doc.text.as_str();
    let index = CharIndex::new(text);
    let mut out = Review::default();
    let mut used = vec![false; doc.decisions.len()];
    let mut by_key: HashMap<(Target, Span), usize> = HashMap::new();
    for (i, d) in doc.decisions.iter().enumerate() {
        match d.anchor.span_in(text, &index) {
            Some(span) => {
                by_key.insert((d.target, span), i);
            }
            None => {
                out.unmatched.push(d.id);
                used[i] = true;
            }
        }
    }
    let group_named = |name: &str| {
        analysis
            .groups
            .iter()
            .find(|g| g.name == name)
            .map(|g| g.id)
    };

    for q in &analysis.quotes {
        let speaker = q.speaker.as_ref().map(|s| s.name.clone());
        let mut r = ReviewedQuote {
            span: q.span,
            kind: q.kind,
            speaker_group: q.speaker.as_ref().and_then(|s| s.group),
            speaker,
            status: Status::Suggested,
            decision: None,
            evidence: Evidence::of(q),
        };
        if let Some(&i) = by_key.get(&(Target::Quote, q.span)) {
            let d = &doc.decisions[i];
            used[i] = true;
            r.decision = Some(d.id);
            match &d.change {
                Change::Reject => {
                    out.rejected.push(Rejected {
                        decision: d.id,
                        target: Target::Quote,
                        span: q.span,
                        label: q.kind.as_str(),
                        speaker: r.speaker,
                        evidence: r.evidence,
                    });
                    continue;
                }
                Change::SetSpeaker { speaker }
                | Change::AddQuote {
                    speaker: Some(speaker),
                } => {
                    if r.speaker.as_ref() != Some(speaker) {
                        r.evidence.mention = None;
                    }
                    r.speaker = Some(speaker.clone());
                    r.speaker_group = group_named(speaker);
                    r.status = if d.change.adds() {
                        Status::Own
                    } else {
                        Status::Edited
                    };
                }
                Change::AddQuote { speaker: None } => r.status = Status::Own,
                _ => used[i] = false, // an entity change keyed like a quote cannot happen
            }
        }
        out.quotes.push(r);
    }

    // Names the user marked (every occurrence, where asked) win over the engine's there.
    let mut added: Vec<ReviewedEntity> = Vec::new();
    for (i, d) in doc.decisions.iter().enumerate() {
        let Change::AddEntity { everywhere, .. } = &d.change else {
            continue;
        };
        let Some(span) = d.anchor.span_in(text, &index) else {
            continue;
        };
        used[i] = true;
        let Some(label) = d.change.label() else {
            out.unmatched.push(d.id);
            continue;
        };
        let spans = if *everywhere {
            occurrences(text, &d.anchor.exact)
        } else {
            vec![span]
        };
        for s in spans {
            if !added.iter().any(|e| e.span.overlaps(s)) {
                added.push(ReviewedEntity {
                    span: s,
                    label,
                    group: None,
                    status: Status::Own,
                    decision: Some(d.id),
                });
            }
        }
    }

    for e in &analysis.entities {
        if added.iter().any(|a| a.span.overlaps(e.span)) {
            continue;
        }
        let mut r = ReviewedEntity {
            span: e.span,
            label: e.label,
            group: e.group,
            status: Status::Suggested,
            decision: None,
        };
        if let Some(&i) = by_key.get(&(Target::Entity, e.span)) {
            let d = &doc.decisions[i];
            used[i] = true;
            r.decision = Some(d.id);
            if d.change == Change::Reject {
                out.rejected.push(Rejected {
                    decision: d.id,
                    target: Target::Entity,
                    span: e.span,
                    label: e.label.as_str(),
                    speaker: None,
                    evidence: Evidence::default(),
                });
                continue;
            }
            if let Some(label) = d.change.label() {
                r.label = label;
                r.status = Status::Edited;
            }
        }
        out.entities.push(r);
    }
    out.entities.extend(added);

    // Additions the engine did not find itself.
    for (i, d) in doc.decisions.iter().enumerate() {
        if used[i] {
            continue;
        }
        let Some(span) = d.anchor.span_in(text, &index) else {
            continue;
        };
        match &d.change {
            Change::AddQuote { speaker } => {
                out.quotes.push(ReviewedQuote {
                    span,
                    kind: if is_marked(text, span) {
                        QuoteKind::Direct
                    } else {
                        QuoteKind::Indirect
                    },
                    speaker_group: speaker.as_deref().and_then(group_named),
                    speaker: speaker.clone(),
                    status: Status::Own,
                    decision: Some(d.id),
                    evidence: Evidence::default(),
                });
            }
            // A correction whose detection the engine no longer makes.
            _ => out.unmatched.push(d.id),
        }
    }
    out.quotes.sort_by_key(|q| (q.span.start(), q.span.end()));
    out.entities.sort_by_key(|e| (e.span.start(), e.span.end()));
    out
}

/// Whether the span sits between quotation marks (so a quote the user adds there is direct).
fn is_marked(text: &str, span: Span) -> bool {
    let before = text[..span.start()].chars().next_back();
    let after = text[span.end()..].chars().next();
    before.is_some_and(is_quote_char) && after.is_some_and(is_quote_char)
}

/// Every occurrence of `words` in `text` that starts and ends at word boundaries.
pub fn occurrences(text: &str, words: &str) -> Vec<Span> {
    if words.is_empty() {
        return Vec::new();
    }
    let boundary = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric());
    text.match_indices(words)
        .map(|(i, _)| Span::new(i, i + words.len()))
        .filter(|s| {
            boundary(text[..s.start()].chars().next_back())
                && boundary(text[s.end()..].chars().next())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn setup(text: &str) -> (Document, Analysis) {
        (
            Document::new(text.to_string()),
            annotator_engine::analyze(text),
        )
    }

    fn span_of(text: &str, needle: &str) -> Span {
        let b = text.find(needle).unwrap();
        Span::new(b, b + needle.len())
    }

    const TEXT: &str = "“We will win,” said Ana Ruiz. “We lost,” said Bo Chan.";

    #[test]
    fn untouched_detections_are_suggestions() {
        let (doc, a) = setup(TEXT);
        let r = review(&doc, &a);
        assert_eq!(r.quotes.len(), 2);
        assert!(r.quotes.iter().all(|q| q.status == Status::Suggested));
        assert!(r.unmatched.is_empty() && r.rejected.is_empty());
    }

    #[test]
    fn a_rejected_quote_is_hidden_and_remembered() {
        let (mut doc, a) = setup(TEXT);
        doc.decide(Target::Quote, span_of(TEXT, "We lost,"), Change::Reject);
        let r = review(&doc, &a);
        assert_eq!(r.quotes.len(), 1);
        assert_eq!(r.rejected.len(), 1);
        assert_eq!(r.rejected[0].span.slice(TEXT), "We lost,");
    }

    #[test]
    fn a_new_speaker_replaces_the_engines() {
        let (mut doc, a) = setup(TEXT);
        doc.decide(
            Target::Quote,
            span_of(TEXT, "We will win,"),
            Change::SetSpeaker {
                speaker: "Bo Chan".into(),
            },
        );
        let r = review(&doc, &a);
        let q = r.quote_at(span_of(TEXT, "We will win,")).unwrap();
        assert_eq!(
            (q.speaker.as_deref(), q.status),
            (Some("Bo Chan"), Status::Edited)
        );
    }

    #[test]
    fn a_decision_that_no_longer_matches_stays_visible() {
        let (mut doc, _) = setup(TEXT);
        doc.decide(
            Target::Quote,
            span_of(TEXT, "We lost,"),
            Change::SetSpeaker {
                speaker: "X".into(),
            },
        );
        doc.replace_text("A different text altogether.".into());
        let a = annotator_engine::analyze(&doc.text);
        let r = review(&doc, &a);
        assert_eq!(r.unmatched, [doc.decisions[0].id]);
    }

    #[test]
    fn a_missed_quote_can_be_added_with_its_kind_from_the_marks() {
        let text = "He called it ‘a disgrace’ yesterday, and officials agree the plan failed.";
        let (mut doc, a) = setup(text);
        doc.decide(
            Target::Quote,
            span_of(text, "a disgrace"),
            Change::AddQuote {
                speaker: Some("He".into()),
            },
        );
        doc.decide(
            Target::Quote,
            span_of(text, "the plan failed"),
            Change::AddQuote { speaker: None },
        );
        let r = review(&doc, &a);
        let added: Vec<(&str, QuoteKind, Status)> = r
            .quotes
            .iter()
            .filter(|q| q.status == Status::Own)
            .map(|q| (q.span.slice(text), q.kind, q.status))
            .collect();
        assert_eq!(
            added,
            [
                ("a disgrace", QuoteKind::Direct, Status::Own),
                ("the plan failed", QuoteKind::Indirect, Status::Own)
            ]
        );
    }

    #[test]
    fn a_missed_name_can_be_marked_everywhere_at_word_boundaries() {
        let text = "Zorbex rose. Zorbexian news: Zorbex fell, and zorbex too.";
        let (mut doc, a) = setup(text);
        doc.decide(
            Target::Entity,
            Span::new(0, 6),
            Change::AddEntity {
                label: "ORG".into(),
                everywhere: true,
            },
        );
        let r = review(&doc, &a);
        let own: Vec<(usize, Label)> = r
            .entities
            .iter()
            .filter(|e| e.status == Status::Own)
            .map(|e| (e.span.start(), e.label))
            .collect();
        assert_eq!(own, [(0, Label::Org), (29, Label::Org)]);
    }

    #[test]
    fn an_entity_type_can_be_changed_or_the_entity_removed() {
        let text = "Officials in Baghdad met Ana Ruiz.";
        let (mut doc, a) = setup(text);
        doc.decide(
            Target::Entity,
            span_of(text, "Baghdad"),
            Change::SetLabel {
                label: "ORG".into(),
            },
        );
        doc.decide(Target::Entity, span_of(text, "Ana Ruiz"), Change::Reject);
        let r = review(&doc, &a);
        let e = r.entity_at(span_of(text, "Baghdad")).unwrap();
        assert_eq!((e.label, e.status), (Label::Org, Status::Edited));
        assert!(r.entity_at(span_of(text, "Ana Ruiz")).is_none());
        assert_eq!(r.rejected.len(), 1);
    }

    #[test]
    fn marking_a_name_everywhere_overrides_what_the_engine_found_there() {
        let text = "The Zorbex Trust owns the quay. Zorbex Trust staff left.";
        let (mut doc, a) = setup(text);
        doc.decide(
            Target::Entity,
            span_of(text, "Zorbex Trust"),
            Change::AddEntity {
                label: "ORG".into(),
                everywhere: true,
            },
        );
        let r = review(&doc, &a);
        let zorbex: Vec<(&str, Label, Status)> = r
            .entities
            .iter()
            .filter(|e| e.span.slice(text).contains("Zorbex"))
            .map(|e| (e.span.slice(text), e.label, e.status))
            .collect();
        assert_eq!(
            zorbex,
            [
                ("Zorbex Trust", Label::Org, Status::Own),
                ("Zorbex Trust", Label::Org, Status::Own)
            ]
        );
    }
}
