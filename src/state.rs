//! The app's state and the one reducer that changes it.
//!
//! `document` is what is saved (the text, the user's notes and decisions); `analysis` is derived
//! from the text and `review` from both; the rest is state of this tab only (the draft in the
//! text box, what is selected, messages) and is never saved.

use crate::document::{Change, DecisionId, Document, NoteId, Target};
use crate::error::AppError;
use crate::review::{review, Review};
use crate::storage::Store;
use annotator_engine::{Analysis, Engine, Span};
use std::rc::Rc;
use yew::Reducible;

/// What the side editor is showing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Selected {
    /// A passage the user selected but has not turned into anything yet (byte span).
    Passage(Span),
    /// One of the user's highlights.
    Note(NoteId),
    /// A quote or an entity (automatic or added by the user), by its byte span.
    Detection(Target, Span),
}

/// The engine the page analyses with; equal only to itself.
#[derive(Debug, Clone)]
pub struct EngineHandle(pub Rc<Engine>);

impl PartialEq for EngineHandle {
    fn eq(&self, other: &EngineHandle) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// Where the engine's models (names, syntax, quotes) are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ModelStatus {
    /// Being fetched: names and quotes come from rules meanwhile.
    Loading,
    Ready,
    /// It could not be loaded: names and quotes come from rules.
    Failed,
}

impl ModelStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            ModelStatus::Loading => "loading",
            ModelStatus::Ready => "ready",
            ModelStatus::Failed => "failed",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct AppState {
    /// The text box.
    pub draft: String,
    /// The saved document: the analysed text, the user's notes and decisions.
    pub document: Rc<Document>,
    /// The analysis of `document.text`.
    pub analysis: Rc<Analysis>,
    /// The analysis with the user's decisions applied.
    pub review: Rc<Review>,
    pub selected: Option<Selected>,
    /// Messages for the user, newest last.
    pub errors: Vec<AppError>,
    pub store: Store,
    pub engine: EngineHandle,
    pub model: ModelStatus,
    /// The side panel lists unsure attributions first.
    pub unsure_first: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// The text box changed.
    EditDraft(String),
    /// Analyse the text box's text; it becomes the document's text.
    Analyze,
    /// Put the sample article in the text box and analyse it.
    LoadSample,
    /// The user selected a passage of the article (byte span).
    SelectPassage(Span),
    /// The user opened one of their highlights.
    OpenNote(NoteId),
    /// The user opened a quote or an entity.
    Inspect(Target, Span),
    /// Save the note editor's text (turning the selected passage into a highlight if needed).
    SaveNote(String),
    DeleteNote(NoteId),
    /// A decision about the detection (or passage) of kind `Target` at a byte span.
    Decide(Target, Span, Change),
    /// Forget a decision: restore a rejected detection, drop a stale correction.
    Undecide(DecisionId),
    CloseEditor,
    /// List unsure attributions first in the side panel, or not.
    ShowUnsureFirst(bool),
    /// The model file arrived (or could not be loaded).
    ModelLoaded(Result<EngineHandle, String>),
    /// Something failed that the user must know about.
    Failed(AppError),
    /// The latest save succeeded: storage messages no longer apply.
    Saved,
    DismissErrors,
}

impl AppState {
    /// The state at start-up, from what storage gave, analysing with `engine` until the name
    /// model arrives.
    pub fn new(
        store: Store,
        loaded: Result<Option<Document>, AppError>,
        engine: Engine,
    ) -> AppState {
        let (document, errors) = match loaded {
            Ok(doc) => (doc.unwrap_or_default(), Vec::new()),
            Err(e) => (Document::default(), vec![e]),
        };
        let model = if engine.model().is_some() {
            ModelStatus::Ready
        } else {
            ModelStatus::Loading
        };
        let analysis = Rc::new(engine.analyze(&document.text));
        let document = Rc::new(document);
        AppState {
            draft: document.text.clone(),
            review: Rc::new(review(&document, &analysis)),
            document,
            analysis,
            selected: None,
            errors,
            store,
            engine: EngineHandle(Rc::new(engine)),
            model,
            unsure_first: false,
        }
    }

    fn push_error(&mut self, e: AppError) {
        if self.errors.last() != Some(&e) {
            self.errors.push(e);
        }
    }

    /// Changes the document through `change` and re-applies the decisions.
    fn edit(&mut self, change: impl FnOnce(&mut Document)) {
        let mut doc = (*self.document).clone();
        change(&mut doc);
        self.review = Rc::new(review(&doc, &self.analysis));
        self.document = Rc::new(doc);
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
                if next.document.text != next.draft {
                    next.analysis = Rc::new(next.engine.0.analyze(&next.draft));
                    let draft = next.draft.clone();
                    next.edit(|doc| {
                        doc.replace_text(draft);
                        doc.next_id = doc.next_id.max(1);
                    });
                }
                next.selected = None;
            }
            Action::SelectPassage(span) => {
                if span.is_empty() || self.selected == Some(Selected::Passage(span)) {
                    return self;
                }
                next.selected = Some(Selected::Passage(span));
            }
            Action::OpenNote(id) => next.selected = Some(Selected::Note(id)),
            Action::Inspect(target, span) => {
                next.selected = Some(Selected::Detection(target, span))
            }
            Action::SaveNote(text) => match self.selected {
                Some(Selected::Passage(span)) => {
                    let mut id = None;
                    next.edit(|doc| id = Some(doc.add_note(span, text)));
                    next.selected = id.map(Selected::Note);
                }
                Some(Selected::Note(id)) => next.edit(|doc| {
                    if let Some(n) = doc.notes.iter_mut().find(|n| n.id == id) {
                        n.note = text;
                    }
                }),
                _ => return self,
            },
            Action::DeleteNote(id) => {
                next.edit(|doc| doc.notes.retain(|n| n.id != id));
                if next.selected == Some(Selected::Note(id)) {
                    next.selected = None;
                }
            }
            Action::Decide(target, span, change) => {
                let rejecting = change == Change::Reject;
                next.edit(|doc| {
                    doc.decide(target, span, change);
                });
                next.selected = (!rejecting).then_some(Selected::Detection(target, span));
            }
            Action::Undecide(id) => next.edit(|doc| doc.undo_decision(id)),
            Action::CloseEditor => next.selected = None,
            Action::ShowUnsureFirst(on) => next.unsure_first = on,
            Action::ModelLoaded(Ok(engine)) => {
                next.analysis = Rc::new(engine.0.analyze(&next.document.text));
                next.review = Rc::new(review(&next.document, &next.analysis));
                next.engine = engine;
                next.model = ModelStatus::Ready;
            }
            Action::ModelLoaded(Err(why)) => {
                next.model = ModelStatus::Failed;
                next.push_error(AppError::ModelFailed(why));
            }
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
    use crate::review::Status;

    fn start() -> Rc<AppState> {
        Rc::new(AppState::new(
            crate::storage::Store::for_tests(true),
            Ok(None),
            Engine::new(None),
        ))
    }

    fn analysed(text: &str) -> Rc<AppState> {
        start()
            .reduce(Action::EditDraft(text.into()))
            .reduce(Action::Analyze)
    }

    #[test]
    fn analyze_makes_the_draft_the_document() {
        let s = analysed("“Hi,” said Ana Ruiz.");
        assert_eq!(s.document.text, "“Hi,” said Ana Ruiz.");
        assert_eq!(s.review.quotes.len(), 1);
    }

    #[test]
    fn a_selection_becomes_a_note_that_can_be_edited_and_deleted() {
        let s = analysed("Some plain text here.");
        let s = s
            .reduce(Action::SelectPassage(Span::new(5, 10)))
            .reduce(Action::SaveNote("first".into()));
        let note = s.document.notes[0].clone();
        assert_eq!(
            (note.anchor.exact.as_str(), note.note.as_str()),
            ("plain", "first")
        );
        assert_eq!(s.selected, Some(Selected::Note(note.id)));
        let s = s
            .reduce(Action::CloseEditor)
            .reduce(Action::OpenNote(note.id))
            .reduce(Action::SaveNote("second".into()));
        assert_eq!(s.document.notes[0].note, "second");
        let s = s.reduce(Action::DeleteNote(note.id));
        assert!(s.document.notes.is_empty());
        assert_eq!(s.selected, None);
    }

    #[test]
    fn decisions_change_the_review_and_survive_reanalysis() {
        let text = "“Hi,” said Ana Ruiz.";
        let s = analysed(text);
        let q = s.review.quotes[0].span;
        let s = s.reduce(Action::Decide(
            Target::Quote,
            q,
            Change::SetSpeaker {
                speaker: "Bo Chan".into(),
            },
        ));
        assert_eq!(s.review.quotes[0].speaker.as_deref(), Some("Bo Chan"));
        assert_eq!(s.review.quotes[0].status, Status::Edited);
        // Editing and re-analysing the text keeps the decision.
        let s = s
            .reduce(Action::EditDraft(format!("Intro.\n\n{text}")))
            .reduce(Action::Analyze);
        assert_eq!(s.review.quotes[0].speaker.as_deref(), Some("Bo Chan"));
        let q = s.review.quotes[0].span;
        let s = s.reduce(Action::Decide(Target::Quote, q, Change::Reject));
        assert!(s.review.quotes.is_empty());
        let id = s.review.rejected[0].decision;
        assert_eq!(s.reduce(Action::Undecide(id)).review.quotes.len(), 1);
    }

    #[test]
    fn a_load_error_is_shown_and_the_document_starts_empty() {
        let s = AppState::new(
            crate::storage::Store::for_tests(false),
            Err(AppError::SavedDataUnknownVersion(9)),
            Engine::new(None),
        );
        assert_eq!(s.errors, [AppError::SavedDataUnknownVersion(9)]);
        assert!(!s.store.is_writable());
    }

    #[test]
    fn a_failed_save_keeps_the_state_and_a_later_success_clears_the_message() {
        let s = analysed("text");
        let s = s.reduce(Action::Failed(AppError::StorageFull));
        assert_eq!(s.document.text, "text");
        assert_eq!(s.errors, [AppError::StorageFull]);
        assert!(s.reduce(Action::Saved).errors.is_empty());
    }

    #[test]
    fn the_model_arriving_reanalyses_the_document_and_keeps_decisions() {
        let text = "“We will rebuild,” said Ana Ruiz in Port Wenlow.";
        let s = analysed(text);
        assert_eq!(s.model, ModelStatus::Loading);
        let q = s.review.quotes[0].span;
        let s = s.reduce(Action::Decide(
            Target::Quote,
            q,
            Change::SetSpeaker {
                speaker: "Bo Chan".into(),
            },
        ));
        let s = s.reduce(Action::ModelLoaded(Ok(EngineHandle(Rc::new(
            Engine::embedded(),
        )))));
        assert_eq!(s.model, ModelStatus::Ready);
        assert!(
            s.engine.0.model().is_some(),
            "the host build embeds the model"
        );
        assert_eq!(s.review.quotes[0].speaker.as_deref(), Some("Bo Chan"));
        let s = s.reduce(Action::ModelLoaded(Err("offline".into())));
        assert_eq!(s.model, ModelStatus::Failed);
        assert!(matches!(s.errors.last(), Some(AppError::ModelFailed(_))));
    }
}
