//! The user's document: the analysed text, the user's own highlights and notes, and the user's
//! decisions about automatic detections (rejected, corrected, added).
//!
//! This is what is stored and exported; the analysis is derived from the text and never stored.
//! Offsets here are Unicode code points, as at every boundary of the app.

use annotator_engine::{CharIndex, Label, Span};
use serde::{Deserialize, Serialize};

/// Identifies a user note for its whole life; never reused within a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct NoteId(pub u64);

impl NoteId {
    /// The id used in the DOM and in exports ("n7").
    pub fn key(self) -> String {
        format!("n{}", self.0)
    }
}

/// Identifies a user decision for its whole life; never reused within a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct DecisionId(pub u64);

impl DecisionId {
    pub fn key(self) -> String {
        format!("d{}", self.0)
    }
}

/// Where an annotation sits: code-point offsets into the text and the exact text there, so it
/// can be found again when the text changes.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Anchor {
    pub start: usize,
    pub end: usize,
    pub exact: String,
}

impl Anchor {
    /// The anchor of byte span `span` of `text`.
    pub fn of(text: &str, index: &CharIndex, span: Span) -> Anchor {
        let r = index.char_range(span);
        Anchor {
            start: r.start,
            end: r.end,
            exact: span.slice(text).to_string(),
        }
    }

    /// The byte span of this anchor in `text`, if the exact text is still there.
    pub fn span_in(&self, text: &str, index: &CharIndex) -> Option<Span> {
        let span = Span::checked(text, index.to_byte(self.start)?, index.to_byte(self.end)?)?;
        (!span.is_empty() && span.slice(text) == self.exact).then_some(span)
    }

    /// Moves the anchor to the occurrence of its exact text in `new` nearest to where it was;
    /// leaves it where it is when the text no longer occurs.
    fn reanchor(&mut self, old: &CharIndex, new: &str, new_index: &CharIndex) {
        let near = old.to_byte(self.start).unwrap_or(0);
        if let Some(b) = nearest_occurrence(new, &self.exact, near) {
            let r = new_index.char_range(Span::new(b, b + self.exact.len()));
            self.start = r.start;
            self.end = r.end;
        }
    }
}

/// A highlight the user made, with an optional note.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Note {
    pub id: NoteId,
    #[serde(flatten)]
    pub anchor: Anchor,
    pub note: String,
}

/// What kind of automatic detection a decision is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Target {
    Quote,
    Entity,
}

impl Target {
    pub fn as_str(self) -> &'static str {
        match self {
            Target::Quote => "quote",
            Target::Entity => "entity",
        }
    }
}

/// What the user decided.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "action", rename_all = "snake_case")]
pub enum Change {
    /// The detection is wrong: hide it.
    Reject,
    /// The quote's speaker is someone else.
    SetSpeaker { speaker: String },
    /// The entity is of another type.
    SetLabel { label: String },
    /// A quote the engine missed.
    AddQuote { speaker: Option<String> },
    /// A name the engine missed; with `everywhere`, every occurrence of the same words too.
    AddEntity { label: String, everywhere: bool },
}

impl Change {
    /// The label of a label-carrying change, parsed; `None` for an unknown label.
    pub fn label(&self) -> Option<Label> {
        match self {
            Change::SetLabel { label } | Change::AddEntity { label, .. } => label.parse().ok(),
            _ => None,
        }
    }

    /// Whether this change adds an annotation (rather than changing a detection).
    pub fn adds(&self) -> bool {
        matches!(self, Change::AddQuote { .. } | Change::AddEntity { .. })
    }
}

/// A decision about one detection, keyed by its kind, span and exact text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Decision {
    pub id: DecisionId,
    pub target: Target,
    #[serde(flatten)]
    pub anchor: Anchor,
    #[serde(flatten)]
    pub change: Change,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Document {
    /// The article exactly as the text box gave it.
    pub text: String,
    pub notes: Vec<Note>,
    #[serde(default)]
    pub decisions: Vec<Decision>,
    /// The next id to hand out to a note or decision.
    pub next_id: u64,
}

impl Document {
    pub fn new(text: String) -> Document {
        Document {
            text,
            notes: Vec::new(),
            decisions: Vec::new(),
            next_id: 1,
        }
    }

    fn take_id(&mut self) -> u64 {
        let id = self.next_id.max(1);
        self.next_id = id + 1;
        id
    }

    /// The byte span of a note in the current text, if the note still matches it there.
    pub fn note_span(&self, index: &CharIndex, note: &Note) -> Option<Span> {
        note.anchor.span_in(&self.text, index)
    }

    /// Adds a note over the byte span `span` and returns its id.
    pub fn add_note(&mut self, span: Span, note: String) -> NoteId {
        let anchor = Anchor::of(&self.text, &CharIndex::new(&self.text), span);
        let id = NoteId(self.take_id());
        self.notes.push(Note { id, anchor, note });
        self.notes
            .sort_by_key(|n| (n.anchor.start, n.anchor.end, n.id));
        id
    }

    pub fn note(&self, id: NoteId) -> Option<&Note> {
        self.notes.iter().find(|n| n.id == id)
    }

    /// Records a decision about the detection of kind `target` at byte span `span`.
    ///
    /// A decision replaces an earlier one about the same detection, except that correcting an
    /// annotation the user added updates the addition (and rejecting it removes it).
    pub fn decide(&mut self, target: Target, span: Span, change: Change) -> Option<DecisionId> {
        let anchor = Anchor::of(&self.text, &CharIndex::new(&self.text), span);
        let same = |d: &Decision| d.target == target && d.anchor == anchor;
        if let Some(added) = self
            .decisions
            .iter_mut()
            .find(|d| same(d) && d.change.adds())
        {
            match (&mut added.change, change) {
                (_, Change::Reject) => {
                    let id = added.id;
                    self.decisions.retain(|d| d.id != id);
                    return None;
                }
                (Change::AddQuote { speaker }, Change::SetSpeaker { speaker: s }) => {
                    *speaker = Some(s)
                }
                (Change::AddEntity { label, .. }, Change::SetLabel { label: l }) => *label = l,
                (slot, new) => *slot = new,
            }
            return Some(added.id);
        }
        self.decisions.retain(|d| !same(d));
        let id = DecisionId(self.take_id());
        self.decisions.push(Decision {
            id,
            target,
            anchor,
            change,
        });
        self.decisions
            .sort_by_key(|d| (d.anchor.start, d.anchor.end, d.id));
        Some(id)
    }

    /// Forgets a decision (restoring a rejected detection, or dropping a stale correction).
    pub fn undo_decision(&mut self, id: DecisionId) {
        self.decisions.retain(|d| d.id != id);
    }

    /// Replaces the text, keeping every note and decision: each moves to the nearest place where
    /// its exact text occurs in the new text; one whose text no longer occurs stays where it
    /// was, unmatched, so the user can still see it and remove it.
    pub fn replace_text(&mut self, text: String) {
        let old_index = CharIndex::new(&self.text);
        let new_index = CharIndex::new(&text);
        for n in &mut self.notes {
            n.anchor.reanchor(&old_index, &text, &new_index);
        }
        for d in &mut self.decisions {
            d.anchor.reanchor(&old_index, &text, &new_index);
        }
        self.text = text;
        self.notes
            .sort_by_key(|n| (n.anchor.start, n.anchor.end, n.id));
        self.decisions
            .sort_by_key(|d| (d.anchor.start, d.anchor.end, d.id));
    }
}

/// The byte offset of the occurrence of `needle` in `hay` closest to `near`.
fn nearest_occurrence(hay: &str, needle: &str, near: usize) -> Option<usize> {
    if needle.is_empty() {
        return None;
    }
    hay.match_indices(needle)
        .map(|(i, _)| i)
        .min_by_key(|&i| i.abs_diff(near))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notes_keep_code_point_offsets_and_exact_text() {
        let mut d = Document::new("😀 “Hello” world".to_string());
        let b = d.text.find("Hello").unwrap();
        let id = d.add_note(Span::new(b, b + 5), "greeting".into());
        let n = d.note(id).unwrap();
        assert_eq!(
            (n.anchor.start, n.anchor.end, n.anchor.exact.as_str()),
            (3, 8, "Hello")
        );
        let idx = CharIndex::new(&d.text);
        assert_eq!(
            d.note_span(&idx, n).map(|s| s.slice(&d.text)),
            Some("Hello")
        );
    }

    #[test]
    fn replacing_text_moves_or_keeps_notes_and_decisions() {
        let mut d = Document::new("alpha beta gamma".to_string());
        let id1 = d.add_note(Span::new(6, 10), "b".into());
        let id2 = d.add_note(Span::new(11, 16), "g".into());
        d.decide(Target::Entity, Span::new(0, 5), Change::Reject);
        d.replace_text("new: alpha beta delta".to_string());
        let idx = CharIndex::new(&d.text);
        let n1 = d.note(id1).unwrap();
        assert_eq!(
            d.note_span(&idx, n1).map(|s| s.slice(&d.text)),
            Some("beta")
        );
        let n2 = d.note(id2).unwrap();
        assert_eq!(
            d.note_span(&idx, n2),
            None,
            "gamma is gone: unmatched but kept"
        );
        assert_eq!(n2.note, "g");
        assert_eq!(
            d.decisions[0].anchor.span_in(&d.text, &idx),
            Some(Span::new(5, 10))
        );
    }

    #[test]
    fn ids_are_never_reused() {
        let mut d = Document::new("abc abc".into());
        let a = d.add_note(Span::new(0, 3), String::new());
        d.notes.clear();
        let b = d.add_note(Span::new(4, 7), String::new());
        assert_ne!(a, b);
        let c = d
            .decide(Target::Quote, Span::new(0, 3), Change::Reject)
            .unwrap();
        assert!(c.0 > b.0);
    }

    #[test]
    fn a_new_decision_replaces_the_old_one_for_the_same_detection() {
        let mut d = Document::new("Ana said hi".into());
        d.decide(
            Target::Quote,
            Span::new(9, 11),
            Change::SetSpeaker {
                speaker: "Ana".into(),
            },
        );
        d.decide(
            Target::Quote,
            Span::new(9, 11),
            Change::SetSpeaker {
                speaker: "Bo".into(),
            },
        );
        assert_eq!(d.decisions.len(), 1);
        assert_eq!(
            d.decisions[0].change,
            Change::SetSpeaker {
                speaker: "Bo".into()
            }
        );
    }

    #[test]
    fn corrections_of_an_addition_update_it_and_rejecting_it_removes_it() {
        let mut d = Document::new("Ana said hi".into());
        d.decide(
            Target::Quote,
            Span::new(9, 11),
            Change::AddQuote { speaker: None },
        );
        d.decide(
            Target::Quote,
            Span::new(9, 11),
            Change::SetSpeaker {
                speaker: "Ana".into(),
            },
        );
        assert_eq!(
            d.decisions[0].change,
            Change::AddQuote {
                speaker: Some("Ana".into())
            }
        );
        d.decide(Target::Quote, Span::new(9, 11), Change::Reject);
        assert!(d.decisions.is_empty());
    }

    #[test]
    fn decisions_serialise_flat_and_readable() {
        let mut d = Document::new("Ana said hi".into());
        d.decide(
            Target::Entity,
            Span::new(0, 3),
            Change::SetLabel {
                label: "ORG".into(),
            },
        );
        let json = serde_json::to_value(&d.decisions[0]).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"id": 1, "target": "entity", "start": 0, "end": 3, "exact": "Ana", "action": "set_label", "label": "ORG"})
        );
    }
}
