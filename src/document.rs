//! The user's document: the analysed text, the user's own highlights (with a label, a note and
//! tags), and the user's decisions about automatic detections (accepted, rejected, corrected,
//! added).
//!
//! This is what is stored and exported; the analysis is derived from the text and never stored.
//! Offsets here are Unicode code points, as at every boundary of the app.

use annotator_engine::{CharIndex, Label, Span};
use serde::{Deserialize, Serialize};
use std::rc::Rc;

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

/// What kind of highlight a note is: one of the user's named colours, an entity type, or a
/// quote. The label only changes how the highlight looks and is listed; corrections of the
/// analysis are [`Decision`]s.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum NoteLabel {
    /// A named colour, `color` as `#rrggbb`.
    Colour {
        name: String,
        color: String,
    },
    /// An entity type ("PER", "ORG", ...).
    Entity {
        label: String,
    },
    Quote,
}

impl NoteLabel {
    /// The name a reader sees ("Yellow", "Person", "Quote").
    pub fn title(&self) -> String {
        match self {
            NoteLabel::Colour { name, .. } => name.clone(),
            NoteLabel::Entity { label } => label
                .parse::<Label>()
                .map(|l| l.title().to_string())
                .unwrap_or_else(|_| label.clone()),
            NoteLabel::Quote => "Quote".into(),
        }
    }
}

/// A highlight the user made, with a label, a note and tags (each optional).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Note {
    pub id: NoteId,
    #[serde(flatten)]
    pub anchor: Anchor,
    pub note: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<NoteLabel>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
}

/// What the user writes on a highlight.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NoteContent {
    pub note: String,
    pub label: Option<NoteLabel>,
    pub tags: Vec<String>,
}

impl NoteContent {
    /// The tags as the user typed them: trimmed, without empty or repeated ones.
    pub fn with_tags<'a>(mut self, tags: impl IntoIterator<Item = &'a str>) -> NoteContent {
        self.tags.clear();
        for t in tags.into_iter().map(str::trim).filter(|t| !t.is_empty()) {
            if !self.tags.iter().any(|x| x == t) {
                self.tags.push(t.to_string());
            }
        }
        self
    }
}

/// What kind of automatic detection a decision is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
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

/// Corrections of one detection; each field the user changed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Correction {
    /// Quotes: the speaker.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speaker: Option<String>,
    /// Entities: the type.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// The boundaries, when the user moved them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub span: Option<Anchor>,
}

impl Correction {
    /// This correction with the fields `later` sets replaced.
    fn merged(mut self, later: Correction) -> Correction {
        self.speaker = later.speaker.or(self.speaker);
        self.label = later.label.or(self.label);
        self.span = later.span.or(self.span);
        self
    }
}

/// What the user decided.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "action", rename_all = "snake_case")]
pub enum Change {
    /// The detection is wrong: hide it.
    Reject,
    /// The detection is right as it is.
    Accept,
    /// The detection is right once corrected.
    Correct(Correction),
    /// A quote the engine missed.
    AddQuote { speaker: Option<String> },
    /// A name the engine missed; with `everywhere`, every occurrence of the same words too.
    AddEntity { label: String, everywhere: bool },
}

impl Change {
    /// A correction of the speaker alone.
    pub fn speaker(speaker: impl Into<String>) -> Change {
        Change::Correct(Correction {
            speaker: Some(speaker.into()),
            ..Correction::default()
        })
    }

    /// A correction of the entity type alone.
    pub fn label(label: Label) -> Change {
        Change::Correct(Correction {
            label: Some(label.as_str().to_string()),
            ..Correction::default()
        })
    }

    /// The entity label this change gives, parsed; `None` when it gives none or an unknown one.
    pub fn entity_label(&self) -> Option<Label> {
        match self {
            Change::Correct(Correction {
                label: Some(label), ..
            })
            | Change::AddEntity { label, .. } => label.parse().ok(),
            _ => None,
        }
    }

    /// Whether this change carries a label (which must then be known).
    pub fn has_label(&self) -> bool {
        matches!(
            self,
            Change::Correct(Correction { label: Some(_), .. }) | Change::AddEntity { .. }
        )
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
    /// The article exactly as the text box gave it (shared, so that undo history is cheap).
    pub text: Rc<str>,
    /// The title the user gave; without one the title is the text's first line.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// When the article was made and last changed, in milliseconds since 1970 (UTC).
    #[serde(default)]
    pub created: u64,
    #[serde(default)]
    pub modified: u64,
    pub notes: Vec<Note>,
    #[serde(default)]
    pub decisions: Vec<Decision>,
    /// The next id to hand out to a note or decision.
    pub next_id: u64,
}

impl Document {
    pub fn new(text: impl Into<Rc<str>>) -> Document {
        Document {
            text: text.into(),
            next_id: 1,
            ..Document::default()
        }
    }

    /// The title: the user's, else the first non-empty line of the text.
    pub fn title(&self) -> &str {
        match self.title.as_deref().map(str::trim) {
            Some(t) if !t.is_empty() => t,
            _ => crate::export::title(&self.text),
        }
    }

    /// Checks what serde cannot: offsets inside the text, ids unique and below `next_id`,
    /// labels known. Says which annotation is wrong.
    pub fn check(&self) -> Result<(), String> {
        let len = self.text.chars().count();
        let mut ids = std::collections::HashSet::new();
        let anchors = self.notes.iter().map(|n| (n.id.0, &n.anchor));
        let decisions = self.decisions.iter().map(|d| (d.id.0, &d.anchor));
        for (id, a) in anchors.chain(decisions) {
            if a.start >= a.end || a.end > len {
                return Err(format!("annotation {id} lies outside the text"));
            }
            if !ids.insert(id) || id >= self.next_id {
                return Err(format!("annotation id {id} is repeated or out of range"));
            }
        }
        for d in &self.decisions {
            if d.change.has_label() && d.change.entity_label().is_none() {
                return Err(format!("decision {} has an unknown entity label", d.id.0));
            }
        }
        Ok(())
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

    /// Adds a highlight over the byte span `span` and returns its id.
    pub fn add_note(&mut self, span: Span, content: NoteContent) -> NoteId {
        let anchor = Anchor::of(&self.text, &CharIndex::new(&self.text), span);
        self.push_note(anchor, content)
    }

    fn push_note(&mut self, anchor: Anchor, content: NoteContent) -> NoteId {
        let id = NoteId(self.take_id());
        self.notes.push(Note {
            id,
            anchor,
            note: content.note,
            label: content.label,
            tags: content.tags,
        });
        self.sort();
        id
    }

    fn push_decision(&mut self, target: Target, anchor: Anchor, change: Change) -> DecisionId {
        let id = DecisionId(self.take_id());
        self.decisions.push(Decision {
            id,
            target,
            anchor,
            change,
        });
        self.sort();
        id
    }

    /// Adds the same highlight over every occurrence of the words at `span` (at word
    /// boundaries, where the user has no highlight of those words yet); returns the id of the
    /// one at `span`.
    pub fn add_note_everywhere(&mut self, span: Span, content: NoteContent) -> NoteId {
        let words = span.slice(&self.text).to_string();
        let first = self.add_note(span, content.clone());
        let index = CharIndex::new(&self.text);
        for s in crate::review::occurrences(&self.text, &words) {
            let taken = self
                .notes
                .iter()
                .any(|n| n.anchor.span_in(&self.text, &index) == Some(s));
            if !taken {
                self.add_note(s, content.clone());
            }
        }
        first
    }

    /// An anchor for words that are not in the text (an import that could not be placed):
    /// valid offsets that do not hold `exact`, so the annotation is listed as unplaced, kept,
    /// and re-anchors if the words appear.
    fn orphan_anchor(&self, exact: &str) -> Anchor {
        Anchor {
            start: 0,
            end: 1,
            exact: exact.to_string(),
        }
    }

    /// Adds a highlight whose words are not in the text, to be placed by the user.
    pub fn add_orphan_note(&mut self, exact: &str, content: NoteContent) -> NoteId {
        let anchor = self.orphan_anchor(exact);
        self.push_note(anchor, content)
    }

    /// Adds a decision about words that are not in the text (listed as no longer matching).
    pub fn add_orphan_decision(&mut self, target: Target, exact: &str, change: Change) {
        let anchor = self.orphan_anchor(exact);
        self.push_decision(target, anchor, change);
    }

    pub fn note(&self, id: NoteId) -> Option<&Note> {
        self.notes.iter().find(|n| n.id == id)
    }

    /// Replaces what a highlight says; returns whether it exists.
    pub fn update_note(&mut self, id: NoteId, content: NoteContent) -> bool {
        let Some(n) = self.notes.iter_mut().find(|n| n.id == id) else {
            return false;
        };
        n.note = content.note;
        n.label = content.label;
        n.tags = content.tags;
        true
    }

    /// Moves a highlight to byte span `span`.
    pub fn move_note(&mut self, id: NoteId, span: Span) {
        let anchor = Anchor::of(&self.text, &CharIndex::new(&self.text), span);
        if let Some(n) = self.notes.iter_mut().find(|n| n.id == id) {
            n.anchor = anchor;
        }
        self.sort();
    }

    pub fn delete_note(&mut self, id: NoteId) {
        self.notes.retain(|n| n.id != id);
    }

    /// The anchor of byte span `span` of the text.
    pub fn anchor(&self, span: Span) -> Anchor {
        Anchor::of(&self.text, &CharIndex::new(&self.text), span)
    }

    /// Records a decision about the detection of kind `target` whose key is the byte span
    /// `key` (the engine's span, or the span of the user's addition).
    ///
    /// A decision merges with an earlier one about the same detection: corrections add up,
    /// accepting a corrected detection keeps the corrections, rejecting replaces everything.
    /// Correcting an annotation the user added updates the addition (moving its boundaries
    /// moves the addition), and rejecting it removes it.
    pub fn decide(&mut self, target: Target, key: Span, change: Change) -> Option<DecisionId> {
        let anchor = self.anchor(key);
        let Some(i) = self
            .decisions
            .iter()
            .position(|d| d.target == target && d.anchor == anchor)
        else {
            return Some(self.push_decision(target, anchor, change));
        };
        let d = &mut self.decisions[i];
        let id = d.id;
        let old = std::mem::replace(&mut d.change, Change::Reject);
        d.change = match (old, change) {
            (old, Change::Reject) if old.adds() => {
                self.decisions.remove(i);
                return None;
            }
            (Change::AddQuote { speaker }, Change::Correct(c)) => {
                if let Some(span) = c.span {
                    d.anchor = span;
                }
                Change::AddQuote {
                    speaker: c.speaker.or(speaker),
                }
            }
            (Change::AddEntity { label, everywhere }, Change::Correct(c)) => {
                if let Some(span) = c.span {
                    d.anchor = span;
                }
                Change::AddEntity {
                    label: c.label.unwrap_or(label),
                    everywhere,
                }
            }
            (Change::Correct(a), Change::Correct(b)) => Change::Correct(a.merged(b)),
            (
                old @ (Change::Correct(_) | Change::AddQuote { .. } | Change::AddEntity { .. }),
                Change::Accept,
            ) => old,
            (_, new) => new,
        };
        self.sort();
        Some(id)
    }

    /// Forgets a decision (restoring a rejected detection, or dropping a stale correction).
    pub fn undo_decision(&mut self, id: DecisionId) {
        self.decisions.retain(|d| d.id != id);
    }

    /// Replaces the text, keeping every note and decision: each moves to the nearest place where
    /// its exact text occurs in the new text; one whose text no longer occurs stays where it
    /// was, unmatched, so the user can still see it and remove it.
    pub fn replace_text(&mut self, text: impl Into<Rc<str>>) {
        let text: Rc<str> = text.into();
        let old_index = CharIndex::new(&self.text);
        let new_index = CharIndex::new(&text);
        for n in &mut self.notes {
            n.anchor.reanchor(&old_index, &text, &new_index);
        }
        for d in &mut self.decisions {
            d.anchor.reanchor(&old_index, &text, &new_index);
            if let Change::Correct(Correction {
                span: Some(span), ..
            }) = &mut d.change
            {
                span.reanchor(&old_index, &text, &new_index);
            }
        }
        self.text = text;
        self.sort();
    }

    /// Every tag on the document's highlights, each once, in the order first used.
    pub fn tags(&self) -> impl Iterator<Item = &str> {
        let mut seen = std::collections::HashSet::new();
        self.notes
            .iter()
            .flat_map(|n| n.tags.iter())
            .map(String::as_str)
            .filter(move |t| seen.insert(*t))
    }

    fn sort(&mut self) {
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

    fn note(text: &str) -> NoteContent {
        NoteContent {
            note: text.into(),
            ..NoteContent::default()
        }
    }

    fn span_of(text: &str, needle: &str) -> Span {
        let b = text.find(needle).unwrap();
        Span::new(b, b + needle.len())
    }

    #[test]
    fn notes_keep_code_point_offsets_and_exact_text() {
        let mut d = Document::new("😀 “Hello” world");
        let b = d.text.find("Hello").unwrap();
        let id = d.add_note(Span::new(b, b + 5), note("greeting"));
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
        let mut d = Document::new("alpha beta gamma");
        let id1 = d.add_note(Span::new(6, 10), note("b"));
        let id2 = d.add_note(Span::new(11, 16), note("g"));
        d.decide(Target::Entity, Span::new(0, 5), Change::Reject);
        d.replace_text("new: alpha beta delta");
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
        let mut d = Document::new("abc abc");
        let a = d.add_note(Span::new(0, 3), NoteContent::default());
        d.notes.clear();
        let b = d.add_note(Span::new(4, 7), NoteContent::default());
        assert_ne!(a, b);
        let c = d
            .decide(Target::Quote, Span::new(0, 3), Change::Reject)
            .unwrap();
        assert!(c.0 > b.0);
    }

    #[test]
    fn corrections_of_one_detection_add_up_and_accepting_keeps_them() {
        let text = "Ana said hi there";
        let mut d = Document::new(text);
        let key = span_of(text, "hi");
        d.decide(Target::Quote, key, Change::speaker("Ana"));
        d.decide(Target::Quote, key, Change::speaker("Bo"));
        let wider = d.anchor(span_of(text, "hi there"));
        d.decide(
            Target::Quote,
            key,
            Change::Correct(Correction {
                span: Some(wider.clone()),
                ..Correction::default()
            }),
        );
        d.decide(Target::Quote, key, Change::Accept);
        assert_eq!(d.decisions.len(), 1);
        assert_eq!(
            d.decisions[0].change,
            Change::Correct(Correction {
                speaker: Some("Bo".into()),
                label: None,
                span: Some(wider)
            })
        );
        // Rejecting replaces the corrections (restoring it brings back the suggestion).
        d.decide(Target::Quote, key, Change::Reject);
        assert_eq!(d.decisions[0].change, Change::Reject);
    }

    #[test]
    fn corrections_of_an_addition_update_it_and_rejecting_it_removes_it() {
        let text = "Ana said hi there";
        let mut d = Document::new(text);
        let key = span_of(text, "hi");
        d.decide(Target::Quote, key, Change::AddQuote { speaker: None });
        d.decide(Target::Quote, key, Change::speaker("Ana"));
        assert_eq!(
            d.decisions[0].change,
            Change::AddQuote {
                speaker: Some("Ana".into())
            }
        );
        // Moving its boundaries moves the addition: its key is now the new span.
        let wider = span_of(text, "hi there");
        d.decide(
            Target::Quote,
            key,
            Change::Correct(Correction {
                span: Some(d.anchor(wider)),
                ..Correction::default()
            }),
        );
        assert_eq!(d.decisions[0].anchor.exact, "hi there");
        d.decide(Target::Quote, wider, Change::Reject);
        assert!(d.decisions.is_empty());
    }

    #[test]
    fn a_highlight_everywhere_covers_each_occurrence_once() {
        let text = "Wall news: the wall, a wall-building firm, walls and Wall.";
        let mut d = Document::new(text);
        let b = text.find("wall").unwrap();
        d.add_note_everywhere(Span::new(b, b + 4), note("w"));
        d.add_note_everywhere(Span::new(b, b + 4), note("again"));
        let exact: Vec<(usize, &str)> = d
            .notes
            .iter()
            .map(|n| (n.anchor.start, n.note.as_str()))
            .collect();
        // "walls" is another word; "Wall" another case; the second pass adds only its own.
        assert_eq!(exact, [(15, "w"), (15, "again"), (23, "w")]);
    }

    #[test]
    fn tags_are_trimmed_once_each_and_listed_in_first_use_order() {
        let mut d = Document::new("one two three");
        let c = NoteContent::default().with_tags(["  check ", "", "check", "source"]);
        assert_eq!(c.tags, ["check", "source"]);
        d.add_note(Span::new(4, 7), c);
        d.add_note(
            Span::new(0, 3),
            NoteContent::default().with_tags(["source", "later"]),
        );
        assert_eq!(d.tags().collect::<Vec<_>>(), ["source", "later", "check"]);
    }

    #[test]
    fn the_title_is_the_users_or_the_first_line() {
        let mut d = Document::new("\n  Harbour vote \nBody");
        assert_eq!(d.title(), "Harbour vote");
        d.title = Some("  ".into());
        assert_eq!(d.title(), "Harbour vote");
        d.title = Some("My title".into());
        assert_eq!(d.title(), "My title");
    }

    #[test]
    fn decisions_and_notes_serialise_flat_and_readable() {
        let mut d = Document::new("Ana said hi");
        d.decide(Target::Entity, Span::new(0, 3), Change::label(Label::Org));
        let json = serde_json::to_value(&d.decisions[0]).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"id": 1, "target": "entity", "start": 0, "end": 3, "exact": "Ana", "action": "correct", "label": "ORG"})
        );
        d.add_note(
            Span::new(4, 8),
            NoteContent {
                note: "n".into(),
                label: Some(NoteLabel::Colour {
                    name: "Green".into(),
                    color: "#c8f2c2".into(),
                }),
                tags: vec!["t".into()],
            },
        );
        assert_eq!(
            serde_json::to_value(&d.notes[0]).unwrap(),
            serde_json::json!({"id": 2, "start": 4, "end": 8, "exact": "said", "note": "n",
                "label": {"type": "colour", "name": "Green", "color": "#c8f2c2"}, "tags": ["t"]})
        );
    }
}
