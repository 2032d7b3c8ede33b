//! The user's decisions applied to the engine's detections: what the reader sees and exports.
//!
//! Pure and derived: recomputed whenever the text, the analysis or a decision changes. A
//! decision that no longer matches any detection (the text or the engine changed) is listed as
//! unmatched, never dropped.

use crate::document::{Change, Correction, DecisionId, Document, Target};
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
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Status {
    /// Found by the engine, not reviewed yet.
    Suggested,
    /// Found by the engine and confirmed by the user.
    Accepted,
    /// Found by the engine and corrected by the user.
    Edited,
    /// Added by the user.
    Own,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Suggested => "suggested",
            Status::Accepted => "accepted",
            Status::Edited => "edited",
            Status::Own => "own",
        }
    }

    /// Whether the user has looked at it (anything but a suggestion).
    pub fn reviewed(self) -> bool {
        self != Status::Suggested
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
    /// What decisions about this quote are keyed by: the engine's span, or the span of the
    /// user's addition.
    pub key: Span,
    /// Where the quote is drawn: the key, or the boundaries the user moved it to.
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
    /// The engine's confidence in the speaker it suggested, while the user has not reviewed it.
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
    /// As for [`ReviewedQuote::key`].
    pub key: Span,
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

/// How far the review has come: of each kind, how many detections there are (rejected ones
/// included) and how many the user has reviewed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Progress {
    pub quotes_reviewed: usize,
    pub quotes: usize,
    pub names_reviewed: usize,
    pub names: usize,
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
    /// The quote whose key is `key`.
    pub fn quote_at(&self, key: Span) -> Option<&ReviewedQuote> {
        self.quotes.iter().find(|q| q.key == key)
    }

    /// The entity whose key is `key`.
    pub fn entity_at(&self, key: Span) -> Option<&ReviewedEntity> {
        self.entities.iter().find(|e| e.key == key)
    }

    pub fn progress(&self) -> Progress {
        let rejected = |t: Target| self.rejected.iter().filter(|r| r.target == t).count();
        let reviewed_quotes = self.quotes.iter().filter(|q| q.status.reviewed()).count();
        let reviewed_names = self.entities.iter().filter(|e| e.status.reviewed()).count();
        Progress {
            quotes_reviewed: reviewed_quotes + rejected(Target::Quote),
            quotes: self.quotes.len() + rejected(Target::Quote),
            names_reviewed: reviewed_names + rejected(Target::Entity),
            names: self.entities.len() + rejected(Target::Entity),
        }
    }
}

/// Applies the document's decisions to the analysis of its text.
pub fn review(doc: &Document, analysis: &Analysis) -> Review {
    let text: &str = &doc.text;
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
    // Where a correction moved a detection to (its key when the new words are gone).
    let moved = |c: &Correction, key: Span| {
        c.span
            .as_ref()
            .and_then(|a| a.span_in(text, &index))
            .unwrap_or(key)
    };

    // An empty detection (which the engine should never give) is nothing to review, show or
    // export.
    for q in analysis.quotes.iter().filter(|q| !q.span.is_empty()) {
        let speaker = q.speaker.as_ref().map(|s| s.name.clone());
        let mut r = ReviewedQuote {
            key: q.span,
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
                Change::Accept => r.status = Status::Accepted,
                Change::Correct(c) => {
                    r.status = Status::Edited;
                    r.span = moved(c, q.span);
                    if let Some(speaker) = &c.speaker {
                        r.set_speaker(speaker, group_named(speaker));
                    }
                }
                Change::AddQuote { speaker } => {
                    r.status = Status::Own;
                    if let Some(speaker) = speaker {
                        r.set_speaker(speaker, group_named(speaker));
                    }
                }
                Change::AddEntity { .. } => used[i] = false, // keyed as a quote: cannot happen
            }
        }
        out.quotes.push(r);
    }

    // Names the user marked (every occurrence, where asked) win over the engine's there, also
    // where the user then rejected one occurrence.
    let mut added: Vec<ReviewedEntity> = Vec::new();
    let mut covered: Vec<Span> = Vec::new();
    for (i, d) in doc.decisions.iter().enumerate() {
        let Change::AddEntity { everywhere, .. } = &d.change else {
            continue;
        };
        let Some(span) = d.anchor.span_in(text, &index) else {
            continue;
        };
        used[i] = true;
        let Some(label) = d.change.entity_label() else {
            out.unmatched.push(d.id);
            continue;
        };
        let spans = if *everywhere {
            occurrences(text, &d.anchor.exact)
        } else {
            vec![span]
        };
        for s in spans {
            if covered.iter().any(|c| c.overlaps(s)) {
                continue;
            }
            covered.push(s);
            let mut e = ReviewedEntity {
                key: s,
                span: s,
                label,
                group: None,
                status: Status::Own,
                decision: Some(d.id),
            };
            // Another occurrence the user corrected or rejected on its own.
            if let Some(&j) = by_key.get(&(Target::Entity, s)).filter(|&&j| j != i) {
                let other = &doc.decisions[j];
                used[j] = true;
                match &other.change {
                    Change::Reject => {
                        out.rejected.push(Rejected {
                            decision: other.id,
                            target: Target::Entity,
                            span: s,
                            label: label.as_str(),
                            speaker: None,
                            evidence: Evidence::default(),
                        });
                        continue;
                    }
                    Change::Correct(c) => {
                        e.span = moved(c, s);
                        e.label = other.change.entity_label().unwrap_or(label);
                        e.decision = Some(other.id);
                    }
                    _ => {}
                }
            }
            added.push(e);
        }
    }

    for e in analysis.entities.iter().filter(|e| !e.span.is_empty()) {
        if covered.iter().any(|c| c.overlaps(e.span)) {
            continue;
        }
        let mut r = ReviewedEntity {
            key: e.span,
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
            match &d.change {
                Change::Reject => {
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
                Change::Accept => r.status = Status::Accepted,
                Change::Correct(c) => {
                    r.status = Status::Edited;
                    r.span = moved(c, e.span);
                    if let Some(label) = d.change.entity_label() {
                        r.label = label;
                    }
                }
                _ => {}
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
                    key: span,
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

impl ReviewedQuote {
    /// The user named the speaker: the engine's words for its speaker no longer apply unless
    /// the name is the same.
    fn set_speaker(&mut self, speaker: &str, group: Option<GroupId>) {
        if self.speaker.as_deref() != Some(speaker) {
            self.evidence.mention = None;
        }
        self.speaker = Some(speaker.to_string());
        self.speaker_group = group;
    }
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

    /// The user marks `span` as an organisation, every occurrence of it.
    fn mark_org_everywhere(doc: &mut Document, span: Span) {
        doc.decide(
            Target::Entity,
            span,
            Change::AddEntity {
                label: "ORG".into(),
                everywhere: true,
            },
        );
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
            Change::speaker("Bo Chan"),
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
            Change::speaker("X"),
        );
        doc.replace_text("A different text altogether.");
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
    fn an_empty_detection_is_left_out() {
        // The engine gave an empty quote here once (found by the export round-trip property).
        let text = "said “\r\n\r\n\"😀";
        let (doc, mut a) = setup(text);
        a.quotes.push(annotator_engine::Quote {
            span: Span::new(8, 8),
            ..a.quotes
                .first()
                .cloned()
                .unwrap_or_else(|| annotator_engine::analyze("“A,” said Bo.").quotes[0].clone())
        });
        let r = review(&doc, &a);
        assert!(r.quotes.iter().all(|q| !q.span.is_empty()));
    }

    #[test]
    fn a_missed_name_can_be_marked_everywhere_at_word_boundaries() {
        let text = "Zorbex rose. Zorbexian news: Zorbex fell, and zorbex too.";
        let (mut doc, a) = setup(text);
        mark_org_everywhere(&mut doc, Span::new(0, 6));
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
            Change::label(Label::Org),
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
        mark_org_everywhere(&mut doc, span_of(text, "Zorbex Trust"));
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

    #[test]
    fn accepting_and_correcting_are_reviews_counted_in_the_progress() {
        let (mut doc, a) = setup(TEXT);
        let r = review(&doc, &a);
        let p = r.progress();
        assert_eq!((p.quotes_reviewed, p.quotes), (0, 2));
        assert!(p.names >= 2 && p.names_reviewed == 0);
        doc.decide(Target::Quote, span_of(TEXT, "We will win,"), Change::Accept);
        doc.decide(Target::Quote, span_of(TEXT, "We lost,"), Change::Reject);
        doc.decide(
            Target::Entity,
            span_of(TEXT, "Bo Chan"),
            Change::label(Label::Org),
        );
        let r = review(&doc, &a);
        assert_eq!(r.quotes[0].status, Status::Accepted);
        let p = r.progress();
        assert_eq!(
            (p.quotes_reviewed, p.quotes),
            (2, 2),
            "a rejection is a review"
        );
        assert_eq!(p.names_reviewed, 1);
    }

    #[test]
    fn moved_boundaries_draw_the_detection_there_and_keep_its_key() {
        let text = "Officials said the plan failed and the wall would fall.";
        let (mut doc, a) = setup(text);
        let key = a.quotes[0].span;
        assert_eq!(key.slice(text), "the plan failed and the wall would fall");
        let shorter = doc.anchor(span_of(text, "the plan failed"));
        doc.decide(
            Target::Quote,
            key,
            Change::Correct(Correction {
                span: Some(shorter),
                ..Correction::default()
            }),
        );
        let r = review(&doc, &a);
        let q = r.quote_at(key).unwrap();
        assert_eq!(
            (q.span.slice(text), q.status),
            ("the plan failed", Status::Edited)
        );
        // A correction whose words are gone falls back to the detection's own span.
        doc.replace_text(text.replace("the plan failed", "the plan worked"));
        let a = annotator_engine::analyze(&doc.text);
        let r = review(&doc, &a);
        assert!(r.quotes.iter().all(|q| q.span == q.key));
    }

    #[test]
    fn one_occurrence_of_a_name_marked_everywhere_can_be_rejected_alone() {
        let text = "Zorbex rose. Then Zorbex fell.";
        let (mut doc, a) = setup(text);
        mark_org_everywhere(&mut doc, Span::new(0, 6));
        let second = Span::new(18, 24);
        doc.decide(Target::Entity, second, Change::Reject);
        let r = review(&doc, &a);
        let own: Vec<usize> = r
            .entities
            .iter()
            .filter(|e| e.status == Status::Own)
            .map(|e| e.span.start())
            .collect();
        assert_eq!(own, [0]);
        assert_eq!(r.rejected.len(), 1);
        assert!(r.unmatched.is_empty());
    }
}
