//! The user's document: the analysed text and the user's own highlights and notes.
//!
//! This is what is stored and exported; the analysis is derived from the text and never stored.
//! Offsets here are Unicode code points, as at every boundary of the app.

use annotator_engine::{CharIndex, Span};
use serde::{Deserialize, Serialize};

/// Identifies a user annotation for its whole life; never reused within a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct NoteId(pub u64);

impl NoteId {
    /// The id used in the DOM and in exports ("n7").
    pub fn key(self) -> String {
        format!("n{}", self.0)
    }
}

/// A highlight the user made, with an optional note.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Note {
    pub id: NoteId,
    /// Code-point offsets into [`Document::text`], end exclusive.
    pub start: usize,
    pub end: usize,
    /// The highlighted text, kept to re-anchor the note when the text changes.
    pub exact: String,
    pub note: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Document {
    /// The article exactly as the text box gave it.
    pub text: String,
    pub notes: Vec<Note>,
    /// The next [`NoteId`] to hand out.
    pub next_id: u64,
}

impl Document {
    pub fn new(text: String) -> Document {
        Document {
            text,
            notes: Vec::new(),
            next_id: 1,
        }
    }

    /// The byte span of a note in the current text, if the note still matches it there.
    pub fn note_span(&self, index: &CharIndex, note: &Note) -> Option<Span> {
        let start = index.to_byte(note.start)?;
        let end = index.to_byte(note.end)?;
        let span = Span::checked(&self.text, start, end)?;
        (span.slice(&self.text) == note.exact && !span.is_empty()).then_some(span)
    }

    /// Adds a note over the byte span `span` and returns its id.
    pub fn add_note(&mut self, span: Span, note: String) -> NoteId {
        let index = CharIndex::new(&self.text);
        let range = index.char_range(span);
        let id = NoteId(self.next_id.max(1));
        self.next_id = id.0 + 1;
        self.notes.push(Note {
            id,
            start: range.start,
            end: range.end,
            exact: span.slice(&self.text).to_string(),
            note,
        });
        self.notes.sort_by_key(|n| (n.start, n.end, n.id));
        id
    }

    pub fn note(&self, id: NoteId) -> Option<&Note> {
        self.notes.iter().find(|n| n.id == id)
    }

    /// Replaces the text, keeping every note: a note moves to the nearest place where its exact
    /// text occurs in the new text; one whose text no longer occurs stays, unanchored, so the
    /// user can still read and delete it.
    pub fn replace_text(&mut self, text: String) {
        let old_index = CharIndex::new(&self.text);
        let new_index = CharIndex::new(&text);
        for n in &mut self.notes {
            let old_byte = old_index.to_byte(n.start).unwrap_or(0);
            if let Some(b) = nearest_occurrence(&text, &n.exact, old_byte) {
                let r = new_index.char_range(Span::new(b, b + n.exact.len()));
                n.start = r.start;
                n.end = r.end;
            }
        }
        self.text = text;
        self.notes.sort_by_key(|n| (n.start, n.end, n.id));
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
        assert_eq!((n.start, n.end, n.exact.as_str()), (3, 8, "Hello"));
        let idx = CharIndex::new(&d.text);
        assert_eq!(
            d.note_span(&idx, n).map(|s| s.slice(&d.text)),
            Some("Hello")
        );
    }

    #[test]
    fn replacing_text_moves_or_keeps_notes() {
        let mut d = Document::new("alpha beta gamma".to_string());
        let id1 = d.add_note(Span::new(6, 10), "b".into());
        let id2 = d.add_note(Span::new(11, 16), "g".into());
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
            "gamma is gone: unanchored but kept"
        );
        assert_eq!(n2.note, "g");
    }

    #[test]
    fn ids_are_never_reused() {
        let mut d = Document::new("abc abc".into());
        let a = d.add_note(Span::new(0, 3), String::new());
        d.notes.clear();
        let b = d.add_note(Span::new(4, 7), String::new());
        assert_ne!(a, b);
    }
}
