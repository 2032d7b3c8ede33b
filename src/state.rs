//! The app's state and the one reducer that changes it.
//!
//! `document` is what is saved (the text and the user's notes); `analysis` is derived from the
//! text; the rest is state of this tab only (the draft in the text box, what is being edited,
//! messages) and is never saved.

use crate::document::{Document, NoteId};
use crate::error::AppError;
use crate::storage::Store;
use annotator_engine::{Analysis, Span};
use std::rc::Rc;
use yew::Reducible;

/// What the note editor is working on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Editing {
    /// A passage the user selected but has not saved as a highlight yet (byte span).
    NewHighlight(Span),
    /// An existing highlight.
    Note(NoteId),
}

#[derive(Debug, Clone, PartialEq)]
pub struct AppState {
    /// The text box.
    pub draft: String,
    /// The saved document: the analysed text and the user's notes.
    pub document: Rc<Document>,
    /// The analysis of `document.text`.
    pub analysis: Rc<Analysis>,
    pub editing: Option<Editing>,
    /// Messages for the user, newest last.
    pub errors: Vec<AppError>,
    pub store: Store,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// The text box changed.
    EditDraft(String),
    /// Analyse the text box's text; it becomes the document's text.
    Analyze,
    /// Put the sample article in the text box and analyse it.
    LoadSample,
    /// The user selected a passage of the article (byte span), or cleared the selection.
    Select(Span),
    /// The user clicked one of their highlights.
    OpenNote(NoteId),
    /// Save the note editor's text (creating the highlight if it is new).
    SaveNote(String),
    DeleteNote(NoteId),
    CancelEdit,
    /// Something failed that the user must know about.
    Failed(AppError),
    /// The latest save succeeded: storage messages no longer apply.
    Saved,
    DismissErrors,
}

impl AppState {
    /// The state at start-up, from what storage gave.
    pub fn new(store: Store, loaded: Result<Option<Document>, AppError>) -> AppState {
        let (document, errors) = match loaded {
            Ok(doc) => (doc.unwrap_or_default(), Vec::new()),
            Err(e) => (Document::default(), vec![e]),
        };
        let analysis = annotator_engine::analyze(&document.text);
        AppState {
            draft: document.text.clone(),
            document: Rc::new(document),
            analysis: Rc::new(analysis),
            editing: None,
            errors,
            store,
        }
    }

    fn push_error(&mut self, e: AppError) {
        if self.errors.last() != Some(&e) {
            self.errors.push(e);
        }
    }
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            Action::EditDraft(text) => next.draft = text,
            Action::Analyze | Action::LoadSample => {
                if action == Action::LoadSample {
                    next.draft = crate::sample::SAMPLE.to_string();
                }
                let mut doc = (*next.document).clone();
                if doc.text != next.draft || doc.next_id == 0 {
                    doc.replace_text(next.draft.clone());
                    doc.next_id = doc.next_id.max(1);
                    next.analysis = Rc::new(annotator_engine::analyze(&doc.text));
                    next.document = Rc::new(doc);
                }
                next.editing = None;
            }
            Action::Select(span) => {
                if span.is_empty() || Some(Editing::NewHighlight(span)) == self.editing {
                    return self;
                }
                next.editing = Some(Editing::NewHighlight(span));
            }
            Action::OpenNote(id) => next.editing = Some(Editing::Note(id)),
            Action::SaveNote(text) => match self.editing {
                Some(Editing::NewHighlight(span)) => {
                    let mut doc = (*next.document).clone();
                    let id = doc.add_note(span, text);
                    next.document = Rc::new(doc);
                    next.editing = Some(Editing::Note(id));
                }
                Some(Editing::Note(id)) => {
                    let mut doc = (*next.document).clone();
                    if let Some(n) = doc.notes.iter_mut().find(|n| n.id == id) {
                        n.note = text;
                    }
                    next.document = Rc::new(doc);
                }
                None => return self,
            },
            Action::DeleteNote(id) => {
                let mut doc = (*next.document).clone();
                doc.notes.retain(|n| n.id != id);
                next.document = Rc::new(doc);
                if next.editing == Some(Editing::Note(id)) {
                    next.editing = None;
                }
            }
            Action::CancelEdit => next.editing = None,
            Action::Failed(e) => next.push_error(e),
            Action::Saved => {
                let before = next.errors.len();
                next.errors
                    .retain(|e| !matches!(e, AppError::StorageFull | AppError::StorageFailed(_)));
                if next.errors.len() == before {
                    return self;
                }
            }
            Action::DismissErrors => next.errors.clear(),
        }
        Rc::new(next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn start() -> Rc<AppState> {
        Rc::new(AppState::new(
            crate::storage::Store::for_tests(true),
            Ok(None),
        ))
    }

    #[test]
    fn analyze_makes_the_draft_the_document() {
        let s = start()
            .reduce(Action::EditDraft("“Hi,” said Ana Ruiz.".into()))
            .reduce(Action::Analyze);
        assert_eq!(s.document.text, "“Hi,” said Ana Ruiz.");
        assert_eq!(s.analysis.quotes.len(), 1);
    }

    #[test]
    fn a_selection_becomes_a_note_that_can_be_edited_and_deleted() {
        let s = start()
            .reduce(Action::EditDraft("Some plain text here.".into()))
            .reduce(Action::Analyze);
        let s = s
            .reduce(Action::Select(Span::new(5, 10)))
            .reduce(Action::SaveNote("first".into()));
        let note = s.document.notes[0].clone();
        assert_eq!(
            (note.exact.as_str(), note.note.as_str()),
            ("plain", "first")
        );
        assert_eq!(s.editing, Some(Editing::Note(note.id)));
        let s = s
            .reduce(Action::CancelEdit)
            .reduce(Action::OpenNote(note.id))
            .reduce(Action::SaveNote("second".into()));
        assert_eq!(s.document.notes[0].note, "second");
        let s = s.reduce(Action::DeleteNote(note.id));
        assert!(s.document.notes.is_empty());
        assert_eq!(s.editing, None);
    }

    #[test]
    fn a_load_error_is_shown_and_the_document_starts_empty() {
        let s = AppState::new(
            crate::storage::Store::for_tests(false),
            Err(AppError::SavedDataUnknownVersion(9)),
        );
        assert_eq!(s.errors, [AppError::SavedDataUnknownVersion(9)]);
        assert!(!s.store.is_writable());
    }

    #[test]
    fn a_failed_save_keeps_the_state_and_a_later_success_clears_the_message() {
        let s = start()
            .reduce(Action::EditDraft("text".into()))
            .reduce(Action::Analyze);
        let s = s.reduce(Action::Failed(AppError::StorageFull));
        assert_eq!(s.document.text, "text");
        assert_eq!(s.errors, [AppError::StorageFull]);
        assert!(s.reduce(Action::Saved).errors.is_empty());
    }
}
