//! The app's state and the one reducer that changes it.
//!
//! Three layers:
//! - saved: the library (every article's [`Document`]) and the preferences;
//! - derived: the analysis of the open article's text, and the review (the analysis with the
//!   user's decisions applied), recomputed when the text, a decision or the engine changes;
//! - tab-only: the undo history of each article, the draft in the text box, what is selected,
//!   the side panel's tab, filter and search, dialogs, messages. Never saved.
//!
//! Every change to an article goes through [`AppState::change_article`], which records the
//! article as it was in that article's history, so every change can be undone, for the whole
//! session, article by article.

use crate::document::{Change, DecisionId, Document, NoteContent, NoteId, Target};
use crate::error::AppError;
use crate::library::{Article, ArticleId, Colour, Prefs};
use crate::merge::{merge, Merged};
use crate::panel::{navigation, step, Filter, Tab};
use crate::review::{review, Review, Status};
use crate::spans::{move_edge, Edge};
use crate::storage::{Conflict, Loaded, Store, Unreadable};
use annotator_engine::{Analysis, Engine, Span};
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;
use yew::Reducible;

/// How many changes of one article can be undone.
pub const HISTORY_LIMIT: usize = 500;

/// What the side editor is showing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Selected {
    /// A passage the user selected but has not turned into anything yet (byte span).
    Passage(Span),
    /// One of the user's highlights.
    Note(NoteId),
    /// A quote or an entity (automatic or added by the user), by its key.
    Detection(Target, Span),
}

/// Where texts are analysed.
#[derive(Debug, Clone)]
pub enum EngineHandle {
    /// In the reducer, at once (native tests, and the page without workers).
    Here(Rc<Engine>),
    /// In the page's web worker: the reducer asks through [`AppState::request`] and the answer
    /// arrives as [`Action::Analysed`], so a long text never blocks the page.
    Worker,
}

impl PartialEq for EngineHandle {
    /// An engine here is equal only to itself.
    fn eq(&self, other: &EngineHandle) -> bool {
        match (self, other) {
            (EngineHandle::Here(a), EngineHandle::Here(b)) => Rc::ptr_eq(a, b),
            (EngineHandle::Worker, EngineHandle::Worker) => true,
            _ => false,
        }
    }
}

/// A text the worker is asked to analyse; a new number for every request, so that asking again
/// for the same text (when the model arrives) is a new request.
#[derive(Debug, Clone, PartialEq)]
pub struct Request {
    pub number: u64,
    pub text: Rc<str>,
}

/// The clock and the dice: the browser's in the page, fixed ones in tests, so that the reducer
/// stays pure.
#[derive(Clone, Copy)]
pub struct Env {
    /// Milliseconds since 1970 (UTC).
    pub now: fn() -> u64,
    pub random: fn() -> u64,
}

impl Env {
    pub fn new_id(&self) -> ArticleId {
        ArticleId::make((self.now)(), (self.random)())
    }
}

impl std::fmt::Debug for Env {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Env")
    }
}

impl PartialEq for Env {
    fn eq(&self, _: &Env) -> bool {
        true
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

/// What the text box is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputMode {
    /// Folded away: the article has the width.
    Hidden,
    /// Analyze makes a new article (pasting never replaces the open one).
    New,
    /// Analyze replaces the open article's text (notes and decisions move with their words).
    Edit,
}

/// The changes of one article that can be undone and redone.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct History {
    pub past: Vec<Rc<Document>>,
    pub future: Vec<Rc<Document>>,
}

/// State of this tab only.
#[derive(Debug, Clone, PartialEq)]
pub struct Ui {
    /// The text box.
    pub draft: String,
    pub input: InputMode,
    pub selected: Option<Selected>,
    pub tab: Tab,
    pub filter: Filter,
    /// The side panel lists unsure attributions first.
    pub unsure_first: bool,
    pub search: String,
    pub library_open: bool,
    pub help_open: bool,
    /// "Deleted X. Undo" is shown.
    pub deleted_notice: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct AppState {
    /// Every article, newest first.
    pub library: Rc<Vec<Article>>,
    pub open: Option<ArticleId>,
    /// The analysis of the open article's text (empty while the worker has not answered).
    pub analysis: Rc<Analysis>,
    /// The text `analysis` is of.
    pub analysed: Rc<str>,
    /// The latest text the worker was asked to analyse, until it answers.
    pub request: Option<Request>,
    requests: u64,
    /// The analysis with the open article's decisions applied.
    pub review: Rc<Review>,
    pub history: Rc<HashMap<ArticleId, History>>,
    /// Articles deleted in this session, the latest last: a deletion can be undone.
    pub deleted: Vec<Article>,
    /// Stored entries that could not be read, kept aside.
    pub unreadable: Rc<Vec<Unreadable>>,
    pub prefs: Rc<Prefs>,
    pub ui: Ui,
    /// Messages for the user, newest last.
    pub errors: Vec<AppError>,
    pub store: Store,
    pub engine: EngineHandle,
    pub model: ModelStatus,
    pub env: Env,
}

/// The library and preferences of one state: what the app saves.
pub type Saved = (Rc<Vec<Article>>, Rc<Prefs>);

/// What is waiting to be saved: the library and preferences of a state not yet written.
#[derive(Clone, Default)]
pub struct Outbox(Rc<RefCell<Option<Saved>>>);

impl Outbox {
    pub fn put(&self, library: Rc<Vec<Article>>, prefs: Rc<Prefs>) {
        *self.0.borrow_mut() = Some((library, prefs));
    }

    /// What is waiting, leaving the outbox empty.
    pub fn take(&self) -> Option<Saved> {
        self.0.borrow_mut().take()
    }
}

impl PartialEq for Outbox {
    fn eq(&self, other: &Outbox) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl std::fmt::Debug for Outbox {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Outbox")
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// The text box changed.
    EditDraft(String),
    /// Analyse the text box's text: a new article, or the open one's new text.
    Analyze,
    /// A new article with the sample text.
    LoadSample,
    /// An import (a file's or pasted text): a native export becomes a new article; W3C Web
    /// Annotations are added to the open article, each where its words are, or kept unplaced.
    /// A malformed one changes nothing and says what is wrong.
    Import(String),
    /// Put an unplaced highlight on the selected passage.
    PlaceNote(NoteId),
    /// Open the text box for a new article.
    NewArticle,
    /// Open the text box to change the open article's text.
    EditText,
    CloseInput,
    OpenArticle(ArticleId),
    RenameArticle(ArticleId, String),
    DeleteArticle(ArticleId),
    /// Bring back the article deleted last.
    UndoDelete,
    /// Hide "Deleted X. Undo".
    DismissDeleted,
    /// The user selected a passage of the article (byte span).
    SelectPassage(Span),
    /// The user opened one of their highlights.
    OpenNote(NoteId),
    /// The user opened a quote or an entity, by its key.
    Inspect(Target, Span),
    CloseEditor,
    /// Save the highlight editor: a new highlight over the selected passage (and, with
    /// `everywhere`, over every occurrence of its words), or the open highlight's content.
    SaveNote {
        content: NoteContent,
        everywhere: bool,
    },
    DeleteNote(NoteId),
    /// A decision about the detection of kind `Target` with key `Span`.
    Decide(Target, Span, Change),
    /// Accept each of these suggestions (kind and key) that is not reviewed yet, in one step.
    AcceptAll(Rc<[(Target, Span)]>),
    /// Forget a decision: restore a rejected detection, drop a stale correction.
    Undecide(DecisionId),
    /// Move one edge of what is selected (a detection, a highlight, a passage) by a word.
    MoveEdge(Edge, bool),
    /// Give what is selected these boundaries (byte span).
    SetSpan(Span),
    /// Move the start (true) or the end of what is selected to a byte offset, as dragged.
    DragEdge(bool, usize),
    /// Select the next (true) or previous suggestion that the filter keeps.
    Step(bool),
    /// Select the search's next (true) or previous match as a passage, to highlight it (the
    /// keyboard's way to select text).
    SelectMatch(bool),
    Undo,
    Redo,
    SetTab(Tab),
    SetFilter(Filter),
    ShowUnsureFirst(bool),
    Search(String),
    ShowLibrary(bool),
    ShowHelp(bool),
    CycleTheme,
    AddColour(Colour),
    /// The model file arrived (or could not be loaded).
    ModelLoaded(Result<EngineHandle, String>),
    /// The worker's analysis for request number `u64`.
    Analysed(u64, Rc<Analysis>),
    /// Something failed that the user must know about.
    Failed(AppError),
    /// Storage was brought in line with the library; these writes failed.
    Synced(Vec<AppError>),
    /// The page is being hidden or closed: put the library and preferences as they are now in
    /// the outbox, to be saved at once. Changes nothing: it reads the newest state, which the
    /// effects of the last render may not have seen yet (the renderer can yield to the browser
    /// between drawing a change and running its effects).
    Leaving(Outbox),
    /// Another tab changed (or deleted) these articles in storage: take or merge its changes.
    Merge(Vec<Conflict>),
    DismissErrors,
}

impl AppState {
    /// The state at start-up, from what storage gave, analysing with `engine` until the models
    /// arrive.
    pub fn new(store: Store, loaded: Loaded, engine: Engine, env: Env) -> AppState {
        let model = if engine.model().is_some() {
            ModelStatus::Ready
        } else {
            ModelStatus::Loading
        };
        let open = loaded
            .prefs
            .open
            .clone()
            .filter(|id| loaded.articles.iter().any(|a| &a.id == id))
            .or_else(|| loaded.articles.first().map(|a| a.id.clone()));
        let mut state = AppState {
            library: Rc::new(loaded.articles),
            open: None,
            analysis: Rc::default(),
            analysed: Rc::from(""),
            request: None,
            requests: 0,
            review: Rc::default(),
            history: Rc::default(),
            deleted: Vec::new(),
            unreadable: Rc::new(loaded.unreadable),
            prefs: Rc::new(loaded.prefs),
            ui: Ui {
                draft: String::new(),
                input: InputMode::New,
                selected: None,
                tab: Tab::default(),
                filter: Filter::default(),
                unsure_first: false,
                search: String::new(),
                library_open: false,
                help_open: false,
                deleted_notice: false,
            },
            errors: loaded.errors,
            store,
            engine: EngineHandle::Here(Rc::new(engine)),
            model,
            env,
        };
        if let Some(id) = open {
            state.open_article(id);
        }
        state
    }

    /// The open article's document (an empty one when no article is open).
    pub fn doc(&self) -> Rc<Document> {
        self.article(self.open.as_ref())
            .map(|a| a.doc.clone())
            .unwrap_or_default()
    }

    /// The open article's text.
    pub fn text(&self) -> Rc<str> {
        self.doc().text.clone()
    }

    fn article(&self, id: Option<&ArticleId>) -> Option<&Article> {
        let id = id?;
        self.library.iter().find(|a| &a.id == id)
    }

    pub fn can_undo(&self) -> bool {
        self.open_history().is_some_and(|h| !h.past.is_empty())
    }

    pub fn can_redo(&self) -> bool {
        self.open_history().is_some_and(|h| !h.future.is_empty())
    }

    fn open_history(&self) -> Option<&History> {
        self.history.get(self.open.as_ref()?)
    }

    fn push_error(&mut self, e: AppError) {
        if !self.errors.contains(&e) {
            self.errors.push(e);
        }
    }

    /// Opens article `id`: analyses its text and shows it.
    fn open_article(&mut self, id: ArticleId) {
        let Some(doc) = self.article(Some(&id)).map(|a| a.doc.clone()) else {
            return;
        };
        self.analyse(&doc);
        self.ui.selected = None;
        self.ui.input = InputMode::Hidden;
        self.ui.draft.clear();
        if self.prefs.open.as_ref() != Some(&id) {
            Rc::make_mut(&mut self.prefs).open = Some(id.clone());
        }
        self.open = Some(id);
    }

    /// Puts `doc` in the library as article `id`'s document, re-deriving the analysis (when
    /// the open article's text changed) and the review.
    fn replace_doc(&mut self, id: &ArticleId, doc: Rc<Document>) {
        let library = Rc::make_mut(&mut self.library);
        let Some(a) = library.iter_mut().find(|a| &a.id == id) else {
            return;
        };
        let text_changed = a.doc.text != doc.text;
        a.doc = doc.clone();
        if self.open.as_ref() == Some(id) {
            if text_changed {
                self.analyse(&doc);
            } else {
                self.review = Rc::new(review(&doc, &self.analysis));
            }
        }
    }

    /// Derives the analysis and the review of `doc`, the open article's document: at once with
    /// an engine here; with the worker, by asking it. Until it answers, an analysis of the same
    /// text stays (the model arriving changes little), one of another text is dropped.
    fn analyse(&mut self, doc: &Document) {
        match &self.engine {
            EngineHandle::Here(engine) => {
                self.analysis = Rc::new(engine.analyze(&doc.text));
                self.analysed = doc.text.clone();
                self.request = None;
            }
            EngineHandle::Worker => {
                if *self.analysed != *doc.text {
                    // The paragraphs at once, so the text is laid out while the worker works.
                    self.analysis = Rc::new(Analysis {
                        paragraphs: annotator_engine::paragraphs(&doc.text),
                        ..Analysis::default()
                    });
                    self.analysed = doc.text.clone();
                }
                self.requests += 1;
                self.request = Some(Request {
                    number: self.requests,
                    text: doc.text.clone(),
                });
            }
        }
        self.review = Rc::new(review(doc, &self.analysis));
    }

    /// Forgets the analysis: no article is open.
    fn clear_analysis(&mut self) {
        self.analysis = Rc::default();
        self.analysed = Rc::from("");
        self.request = None;
        self.review = Rc::default();
    }

    /// Changes article `id` through `change`, recording the change in its history. A change
    /// that changes nothing records nothing. Returns what `change` returned.
    fn change_article<R>(&mut self, id: &ArticleId, change: impl FnOnce(&mut Document) -> R) -> R {
        let Some(before) = self.article(Some(id)).map(|a| a.doc.clone()) else {
            let mut scratch = Document::default();
            return change(&mut scratch);
        };
        let mut doc = (*before).clone();
        let out = change(&mut doc);
        if doc == *before {
            return out;
        }
        doc.modified = (self.env.now)().max(before.modified);
        let history = Rc::make_mut(&mut self.history)
            .entry(id.clone())
            .or_default();
        history.past.push(before);
        if history.past.len() > HISTORY_LIMIT {
            history.past.remove(0);
        }
        history.future.clear();
        self.replace_doc(id, Rc::new(doc));
        out
    }

    /// Changes the open article (see [`AppState::change_article`]).
    fn change<R>(&mut self, change: impl FnOnce(&mut Document) -> R) -> R {
        match self.open.clone() {
            Some(id) => self.change_article(&id, change),
            None => change(&mut Document::default()),
        }
    }

    /// Adds a new article with `text` and opens it.
    fn add_article(&mut self, text: &str) {
        self.add_document(Document::new(text));
    }

    /// Adds `doc` as a new article (dated now unless it carries its dates) and opens it.
    fn add_document(&mut self, mut doc: Document) {
        let now = (self.env.now)();
        if doc.created == 0 {
            doc.created = now;
        }
        doc.modified = doc.modified.max(doc.created);
        let id = self.env.new_id();
        Rc::make_mut(&mut self.library).insert(
            0,
            Article {
                id: id.clone(),
                doc: Rc::new(doc),
            },
        );
        self.open_article(id);
    }

    /// See [`Action::Import`].
    fn import(&mut self, json: &str) {
        use crate::export::import;
        let w3c = serde_json::from_str::<serde_json::Value>(json).is_ok_and(|v| import::is_w3c(&v));
        if !w3c {
            match import::import(json) {
                Ok(doc) => self.add_document(doc),
                Err(e) => self.push_error(e),
            }
            return;
        }
        if self.open.is_none() {
            self.push_error(AppError::ExportUnreadable(
                "W3C Web Annotations carry no text: open the article they belong to, then import them".into(),
            ));
            return;
        }
        match self.change(|doc| import::import_w3c(doc, json)) {
            Ok(r) if r.orphans > 0 => self.push_error(AppError::Unplaced {
                placed: r.placed,
                orphans: r.orphans,
            }),
            Ok(_) => {}
            Err(e) => self.push_error(e),
        }
    }

    /// Takes what another tab did to an article: its version when this tab has not changed
    /// the article since it last saw it in storage, else a merge of both; a deletion there
    /// removes the article here only when this tab had not changed it.
    fn take_changes(&mut self, c: Conflict) {
        let ours = self.article(Some(&c.id)).map(|a| a.doc.clone());
        match (ours, c.theirs) {
            (None, Some(theirs)) => Rc::make_mut(&mut self.library).insert(
                0,
                Article {
                    id: c.id,
                    doc: theirs,
                },
            ),
            (Some(ours), None) if c.base.as_ref() == Some(&ours) => {
                Rc::make_mut(&mut self.library).retain(|a| a.id != c.id);
                if self.open.as_ref() == Some(&c.id) {
                    self.open = None;
                    self.ui.selected = None;
                    match self.library.first().map(|a| a.id.clone()) {
                        Some(first) => self.open_article(first),
                        None => {
                            self.clear_analysis();
                            self.ui.input = InputMode::New;
                        }
                    }
                }
            }
            (Some(ours), Some(theirs)) => {
                let base = c.base.unwrap_or_else(|| theirs.clone());
                match merge(&base, &ours, &theirs) {
                    Merged::One(doc) => self.replace_doc(&c.id, Rc::new(doc)),
                    Merged::Both { theirs, ours } => {
                        let title = ours.title().to_string();
                        self.replace_doc(&c.id, Rc::new(theirs));
                        let mut mine = ours;
                        mine.title = Some(format!("{title} (this tab's version)"));
                        let id = self.env.new_id();
                        Rc::make_mut(&mut self.library).insert(
                            0,
                            Article {
                                id,
                                doc: Rc::new(mine),
                            },
                        );
                        self.push_error(AppError::KeptBothVersions { title });
                    }
                }
                self.keep_selection_valid();
            }
            // Deleted there but changed here (kept, and written back), or unknown to both.
            _ => {}
        }
    }

    /// Undoes (or redoes, from the other stack) the open article's latest change.
    fn travel(&mut self, back: bool) -> bool {
        let Some(id) = self.open.clone() else {
            return false;
        };
        let Some(current) = self.article(Some(&id)).map(|a| a.doc.clone()) else {
            return false;
        };
        let history = Rc::make_mut(&mut self.history)
            .entry(id.clone())
            .or_default();
        let (from, to) = if back {
            (&mut history.past, &mut history.future)
        } else {
            (&mut history.future, &mut history.past)
        };
        let Some(doc) = from.pop() else {
            return false;
        };
        to.push(current);
        self.replace_doc(&id, doc);
        self.keep_selection_valid();
        true
    }

    /// Drops a selection that no longer exists (after undo, or a rejection).
    fn keep_selection_valid(&mut self) {
        let doc = self.doc();
        let valid = match self.ui.selected {
            Some(Selected::Note(id)) => doc.note(id).is_some(),
            Some(Selected::Detection(Target::Quote, key)) => self.review.quote_at(key).is_some(),
            Some(Selected::Detection(Target::Entity, key)) => self.review.entity_at(key).is_some(),
            Some(Selected::Passage(span)) => span.end() <= doc.text.len(),
            None => true,
        };
        if !valid {
            self.ui.selected = None;
        }
    }

    /// The byte span shown for what is selected.
    pub fn selected_span(&self) -> Option<Span> {
        match self.ui.selected? {
            Selected::Passage(span) => Some(span),
            Selected::Note(id) => {
                let doc = self.doc();
                let index = annotator_engine::CharIndex::new(&doc.text);
                doc.note(id).and_then(|n| doc.note_span(&index, n))
            }
            Selected::Detection(Target::Quote, key) => self.review.quote_at(key).map(|q| q.span),
            Selected::Detection(Target::Entity, key) => self.review.entity_at(key).map(|e| e.span),
        }
    }

    /// Gives what is selected the byte span `span`.
    fn set_selected_span(&mut self, span: Span) {
        if span.is_empty() || span.end() > self.doc().text.len() {
            return;
        }
        match self.ui.selected {
            Some(Selected::Passage(_)) => self.ui.selected = Some(Selected::Passage(span)),
            Some(Selected::Note(id)) => self.change(|doc| doc.move_note(id, span)),
            Some(Selected::Detection(target, key)) => {
                let new_key = self.change(|doc| {
                    let anchor = doc.anchor(span);
                    let own = doc.decisions.iter().any(|d| {
                        d.target == target && d.anchor == doc.anchor(key) && d.change.adds()
                    });
                    doc.decide(
                        target,
                        key,
                        Change::Correct(crate::document::Correction {
                            span: Some(anchor),
                            ..Default::default()
                        }),
                    );
                    // The user's own addition moves: its key is the new span.
                    if own {
                        span
                    } else {
                        key
                    }
                });
                self.ui.selected = Some(Selected::Detection(target, new_key));
            }
            None => {}
        }
    }

    /// The suggestion after (or before) the selected one that the filter keeps.
    fn next_suggestion(&self, forward: bool) -> Option<(Target, Span)> {
        let items = navigation(&self.review, self.ui.filter);
        let current = match self.ui.selected {
            Some(Selected::Detection(t, k)) => Some((t, k)),
            _ => None,
        };
        step(
            &items,
            current,
            self.selected_span().map(|s| s.start()),
            forward,
        )
    }
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            Action::EditDraft(text) => next.ui.draft = text,
            Action::Analyze => {
                let draft = std::mem::take(&mut next.ui.draft);
                match next.ui.input {
                    InputMode::Edit if next.open.is_some() => {
                        if *next.doc().text != *draft {
                            next.change(|doc| doc.replace_text(draft.as_str()));
                        }
                        next.ui.input = InputMode::Hidden;
                        next.ui.selected = None;
                    }
                    _ if draft.trim().is_empty() => {
                        next.ui.draft = draft;
                        return if next == *self { self } else { Rc::new(next) };
                    }
                    _ => next.add_article(&draft),
                }
            }
            Action::LoadSample => next.add_article(crate::sample::SAMPLE),
            Action::Import(json) => next.import(&json),
            Action::PlaceNote(id) => {
                let Some(Selected::Passage(span)) = next.ui.selected else {
                    return self;
                };
                next.change(|doc| doc.move_note(id, span));
                next.ui.selected = Some(Selected::Note(id));
            }
            Action::NewArticle => {
                next.ui.input = InputMode::New;
                next.ui.draft.clear();
                next.ui.library_open = false;
            }
            Action::EditText => {
                if next.open.is_none() {
                    return self;
                }
                next.ui.input = InputMode::Edit;
                next.ui.draft = next.doc().text.to_string();
            }
            Action::CloseInput => {
                if next.open.is_none() {
                    return self; // with no article, the text box is the page
                }
                next.ui.input = InputMode::Hidden;
                next.ui.draft.clear();
            }
            Action::OpenArticle(id) => {
                if next.open.as_ref() == Some(&id) && next.ui.input == InputMode::Hidden {
                    next.ui.library_open = false;
                } else {
                    next.open_article(id);
                    next.ui.library_open = false;
                }
            }
            Action::RenameArticle(id, title) => {
                let title = title.trim().to_string();
                next.change_article(&id, |doc| {
                    doc.title = (!title.is_empty()).then_some(title);
                });
            }
            Action::DeleteArticle(id) => {
                let library = Rc::make_mut(&mut next.library);
                let Some(i) = library.iter().position(|a| a.id == id) else {
                    return self;
                };
                next.deleted.push(library.remove(i));
                next.ui.deleted_notice = true;
                if next.open.as_ref() == Some(&id) {
                    next.open = None;
                    next.clear_analysis();
                    next.ui.selected = None;
                    Rc::make_mut(&mut next.prefs).open = None;
                    match next.library.first().map(|a| a.id.clone()) {
                        Some(first) => next.open_article(first),
                        None => next.ui.input = InputMode::New,
                    }
                }
            }
            Action::UndoDelete => {
                let Some(article) = next.deleted.pop() else {
                    return self;
                };
                let id = article.id.clone();
                Rc::make_mut(&mut next.library).insert(0, article);
                next.open_article(id);
                next.ui.deleted_notice = false;
            }
            Action::DismissDeleted => next.ui.deleted_notice = false,
            Action::SelectPassage(span) => {
                if span.is_empty() || self.ui.selected == Some(Selected::Passage(span)) {
                    return self;
                }
                next.ui.selected = Some(Selected::Passage(span));
            }
            Action::OpenNote(id) => next.ui.selected = Some(Selected::Note(id)),
            Action::Inspect(target, key) => {
                next.ui.selected = Some(Selected::Detection(target, key))
            }
            Action::CloseEditor => {
                if self.ui.selected.is_none() {
                    return self;
                }
                next.ui.selected = None;
            }
            Action::SaveNote {
                content,
                everywhere,
            } => match self.ui.selected {
                Some(Selected::Passage(span)) => {
                    let id = next.change(|doc| {
                        if everywhere {
                            doc.add_note_everywhere(span, content)
                        } else {
                            doc.add_note(span, content)
                        }
                    });
                    next.ui.selected = Some(Selected::Note(id));
                }
                Some(Selected::Note(id)) => {
                    next.change(|doc| doc.update_note(id, content));
                }
                _ => return self,
            },
            Action::DeleteNote(id) => {
                next.change(|doc| doc.delete_note(id));
                if next.ui.selected == Some(Selected::Note(id)) {
                    next.ui.selected = None;
                }
            }
            Action::Decide(target, key, change) => {
                let rejecting = change == Change::Reject;
                // After a rejection the keyboard goes on to the next suggestion.
                let after = rejecting.then(|| next.next_suggestion(true)).flatten();
                let adds = change.adds();
                next.change(|doc| doc.decide(target, key, change));
                next.ui.selected = match (rejecting, adds) {
                    (true, _) => after.map(|(t, k)| Selected::Detection(t, k)),
                    _ => Some(Selected::Detection(target, key)),
                };
                next.keep_selection_valid();
            }
            Action::AcceptAll(items) => {
                let review = next.review.clone();
                next.change(|doc| {
                    for &(target, key) in items.iter() {
                        let suggested = match target {
                            Target::Quote => review.quote_at(key).map(|q| q.status),
                            Target::Entity => review.entity_at(key).map(|e| e.status),
                        } == Some(Status::Suggested);
                        if suggested {
                            doc.decide(target, key, Change::Accept);
                        }
                    }
                });
            }
            Action::Undecide(id) => next.change(|doc| doc.undo_decision(id)),
            Action::MoveEdge(edge, forward) => {
                let Some(span) = next.selected_span() else {
                    return self;
                };
                let moved = move_edge(&next.doc().text, span, edge, forward);
                if moved == span {
                    return self;
                }
                next.set_selected_span(moved);
            }
            Action::SetSpan(span) => {
                if next.selected_span() == Some(span) {
                    return self;
                }
                next.set_selected_span(span);
            }
            Action::DragEdge(start, at) => {
                let Some(span) = next.selected_span() else {
                    return self;
                };
                let text = next.text();
                // Only whole characters, and never an empty or inverted span.
                let Some(moved) = (if start {
                    Span::checked(&text, at, span.end())
                } else {
                    Span::checked(&text, span.start(), at)
                })
                .map(|s| s.trim(&text))
                .filter(|s| !s.is_empty() && *s != span) else {
                    return self;
                };
                next.set_selected_span(moved);
            }
            Action::SelectMatch(forward) => {
                let matches = crate::panel::search(&next.text(), &next.ui.search);
                let at = next.selected_span().map(|s| s.start());
                match crate::panel::next_match(&matches, at, forward) {
                    Some(span) => next.ui.selected = Some(Selected::Passage(span)),
                    None => return self,
                }
            }
            Action::Step(forward) => match next.next_suggestion(forward) {
                Some((t, k)) => next.ui.selected = Some(Selected::Detection(t, k)),
                None => return self,
            },
            Action::Undo | Action::Redo => {
                if !next.travel(action == Action::Undo) {
                    return self;
                }
            }
            Action::SetTab(tab) => next.ui.tab = tab,
            Action::SetFilter(filter) => next.ui.filter = filter,
            Action::ShowUnsureFirst(on) => next.ui.unsure_first = on,
            Action::Search(query) => next.ui.search = query,
            Action::ShowLibrary(on) => next.ui.library_open = on,
            Action::ShowHelp(on) => next.ui.help_open = on,
            Action::CycleTheme => {
                let prefs = Rc::make_mut(&mut next.prefs);
                prefs.theme = prefs.theme.next();
            }
            Action::AddColour(colour) => {
                let prefs = Rc::make_mut(&mut next.prefs);
                prefs.colours.retain(|c| c.name != colour.name);
                prefs.colours.push(colour);
            }
            Action::ModelLoaded(Ok(engine)) => {
                next.engine = engine;
                next.model = ModelStatus::Ready;
                if next.open.is_some() {
                    let doc = next.doc();
                    next.analyse(&doc);
                    next.keep_selection_valid();
                }
            }
            Action::Analysed(number, analysis) => {
                // Only the answer to the latest request counts: the text may have changed since.
                let Some(request) = next.request.take_if(|r| r.number == number) else {
                    return self;
                };
                let doc = next.doc();
                if *doc.text != *request.text {
                    return self;
                }
                next.analysis = analysis;
                next.analysed = request.text;
                next.review = Rc::new(review(&doc, &next.analysis));
                next.keep_selection_valid();
            }
            Action::ModelLoaded(Err(why)) => {
                next.model = ModelStatus::Failed;
                next.push_error(AppError::ModelFailed(why));
            }
            Action::Failed(e) => next.push_error(e),
            Action::Leaving(outbox) => {
                outbox.put(self.library.clone(), self.prefs.clone());
                return self;
            }
            Action::Synced(errors) => {
                if errors.is_empty() {
                    next.errors.retain(|e| !e.is_about_saving());
                } else {
                    next.errors
                        .retain(|e| !e.is_about_saving() || errors.contains(e));
                    for e in errors {
                        next.push_error(e);
                    }
                }
                if next.errors == self.errors {
                    return self;
                }
            }
            Action::Merge(conflicts) => {
                for c in conflicts {
                    next.take_changes(c);
                }
                if next == *self {
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
    use crate::library::Theme;

    fn env() -> Env {
        fn now() -> u64 {
            1_700_000_000_000
        }
        fn random() -> u64 {
            use std::sync::atomic::{AtomicU64, Ordering};
            static N: AtomicU64 = AtomicU64::new(1);
            N.fetch_add(1, Ordering::Relaxed)
        }
        Env { now, random }
    }

    fn start() -> Rc<AppState> {
        Rc::new(AppState::new(
            Store::in_memory(true),
            Loaded::default(),
            Engine::new(None),
            env(),
        ))
    }

    fn analysed(text: &str) -> Rc<AppState> {
        start()
            .reduce(Action::EditDraft(text.into()))
            .reduce(Action::Analyze)
    }

    fn span_of(s: &AppState, needle: &str) -> Span {
        let b = s.text().find(needle).unwrap();
        Span::new(b, b + needle.len())
    }

    fn note(text: &str) -> Action {
        Action::SaveNote {
            content: NoteContent {
                note: text.into(),
                ..NoteContent::default()
            },
            everywhere: false,
        }
    }

    #[test]
    fn analyze_makes_a_new_article_and_folds_the_text_box() {
        let s = analysed("“Hi,” said Ana Ruiz.");
        assert_eq!(&*s.text(), "“Hi,” said Ana Ruiz.");
        assert_eq!(s.review.quotes.len(), 1);
        assert_eq!(s.library.len(), 1);
        assert_eq!(s.ui.input, InputMode::Hidden);
        assert_eq!(s.doc().title(), "“Hi,” said Ana Ruiz.");
    }

    #[test]
    fn pasting_a_new_article_never_discards_the_one_before() {
        let s = analysed("First article.").reduce(Action::NewArticle);
        assert_eq!(s.ui.input, InputMode::New);
        let s = s
            .reduce(Action::EditDraft("Second article.".into()))
            .reduce(Action::Analyze);
        let titles: Vec<String> = s
            .library
            .iter()
            .map(|a| a.doc.title().to_string())
            .collect();
        assert_eq!(titles, ["Second article.", "First article."]);
        assert_eq!(&*s.text(), "Second article.");
        // Editing the open article's text changes that article only.
        let s = s
            .reduce(Action::EditText)
            .reduce(Action::EditDraft("Second article, edited.".into()))
            .reduce(Action::Analyze);
        assert_eq!(s.library.len(), 2);
        assert_eq!(&*s.text(), "Second article, edited.");
    }

    #[test]
    fn a_selection_becomes_a_note_that_can_be_edited_and_deleted() {
        let s = analysed("Some plain text here.");
        let s = s
            .reduce(Action::SelectPassage(Span::new(5, 10)))
            .reduce(note("first"));
        let n = s.doc().notes[0].clone();
        assert_eq!(
            (n.anchor.exact.as_str(), n.note.as_str()),
            ("plain", "first")
        );
        assert_eq!(s.ui.selected, Some(Selected::Note(n.id)));
        let s = s
            .reduce(Action::CloseEditor)
            .reduce(Action::OpenNote(n.id))
            .reduce(note("second"));
        assert_eq!(s.doc().notes[0].note, "second");
        let s = s.reduce(Action::DeleteNote(n.id));
        assert!(s.doc().notes.is_empty());
        assert_eq!(s.ui.selected, None);
    }

    #[test]
    fn every_change_can_be_undone_and_redone_per_article() {
        let s = analysed("Some plain text here.");
        assert!(!s.can_undo());
        let s = s
            .reduce(Action::SelectPassage(Span::new(5, 10)))
            .reduce(note("a"));
        let id = s.doc().notes[0].id;
        let s = s.reduce(Action::OpenNote(id)).reduce(note("b"));
        assert_eq!(s.doc().notes[0].note, "b");
        let s = s.reduce(Action::Undo);
        assert_eq!(s.doc().notes[0].note, "a");
        let s = s.reduce(Action::Undo);
        assert!(s.doc().notes.is_empty());
        assert_eq!(
            s.ui.selected, None,
            "the undone highlight is no longer selected"
        );
        assert!(!s.can_undo());
        let s = s.reduce(Action::Redo).reduce(Action::Redo);
        assert_eq!(s.doc().notes[0].note, "b");
        // Another article has its own history; coming back, this one's is still there.
        let first = s.open.clone().unwrap();
        let s = s
            .reduce(Action::NewArticle)
            .reduce(Action::EditDraft("Other text.".into()))
            .reduce(Action::Analyze);
        assert!(!s.can_undo());
        let s = s.reduce(Action::OpenArticle(first));
        assert!(s.can_undo());
        // A new change after an undo drops what could be redone.
        let s = s
            .reduce(Action::Undo)
            .reduce(note("ignored, nothing selected"));
        assert!(s.can_redo());
        let s = s
            .reduce(Action::SelectPassage(Span::new(0, 4)))
            .reduce(note("new"));
        assert!(!s.can_redo());
    }

    #[test]
    fn decisions_change_the_review_and_survive_reanalysis() {
        let text = "“Hi,” said Ana Ruiz.";
        let s = analysed(text);
        let q = s.review.quotes[0].key;
        let s = s.reduce(Action::Decide(Target::Quote, q, Change::speaker("Bo Chan")));
        assert_eq!(s.review.quotes[0].speaker.as_deref(), Some("Bo Chan"));
        assert_eq!(s.review.quotes[0].status, Status::Edited);
        // Editing and re-analysing the text keeps the decision.
        let s = s
            .reduce(Action::EditText)
            .reduce(Action::EditDraft(format!("Intro.\n\n{text}")))
            .reduce(Action::Analyze);
        assert_eq!(s.review.quotes[0].speaker.as_deref(), Some("Bo Chan"));
        let q = s.review.quotes[0].key;
        let s = s.reduce(Action::Decide(Target::Quote, q, Change::Reject));
        assert!(s.review.quotes.is_empty());
        let id = s.review.rejected[0].decision;
        assert_eq!(s.reduce(Action::Undecide(id)).review.quotes.len(), 1);
    }

    #[test]
    fn accept_all_accepts_only_what_is_not_reviewed_in_one_step() {
        let text = "“A,” said Ana Ruiz. “B,” said Ana Ruiz. “C,” said Bo Chan.";
        let s = analysed(text);
        let keys: Vec<Span> = s.review.quotes.iter().map(|q| q.key).collect();
        let s = s.reduce(Action::Decide(
            Target::Quote,
            keys[1],
            Change::speaker("Cy"),
        ));
        let all: Rc<[(Target, Span)]> = keys.iter().map(|&k| (Target::Quote, k)).collect();
        let s = s.reduce(Action::AcceptAll(all));
        let statuses: Vec<Status> = s.review.quotes.iter().map(|q| q.status).collect();
        assert_eq!(
            statuses,
            [Status::Accepted, Status::Edited, Status::Accepted]
        );
        let s = s.reduce(Action::Undo);
        let statuses: Vec<Status> = s.review.quotes.iter().map(|q| q.status).collect();
        assert_eq!(
            statuses,
            [Status::Suggested, Status::Edited, Status::Suggested]
        );
    }

    #[test]
    fn boundaries_move_by_keyboard_and_by_drag() {
        let text = "Officials said the plan failed and the wall would fall.";
        let s = analysed(text);
        let key = s.review.quotes[0].key;
        let s = s
            .reduce(Action::Inspect(Target::Quote, key))
            .reduce(Action::MoveEdge(Edge::End, false));
        assert_eq!(
            s.selected_span().map(|sp| sp.slice(text)),
            Some("the plan failed and the wall would")
        );
        let to = span_of(&s, "the plan failed");
        let s = s.reduce(Action::SetSpan(to));
        let q = s.review.quote_at(key).unwrap();
        assert_eq!(
            (q.span.slice(text), q.status),
            ("the plan failed", Status::Edited)
        );
        // A passage's boundaries move too, before it becomes a highlight.
        let wall = span_of(&s, "wall");
        let s = s
            .reduce(Action::SelectPassage(wall))
            .reduce(Action::MoveEdge(Edge::Start, false));
        assert_eq!(s.selected_span().map(|sp| sp.slice(text)), Some("the wall"));
    }

    #[test]
    fn next_and_previous_step_through_suggestions_and_a_rejection_moves_on() {
        let text = "“A,” said Ana Ruiz. “B,” said Bo Chan.";
        let s = analysed(text).reduce(Action::Step(true));
        let first = s.ui.selected;
        assert!(
            matches!(first, Some(Selected::Detection(Target::Quote, k)) if k.slice(text) == "A,")
        );
        let s = s.reduce(Action::Step(true));
        let second = s.ui.selected;
        assert_ne!(second, first);
        let s = s.reduce(Action::Step(false));
        assert_eq!(s.ui.selected, first);
        let a = span_of(&s, "A,");
        let s = s.reduce(Action::Decide(Target::Quote, a, Change::Reject));
        assert_eq!(s.ui.selected, second, "the next suggestion is selected");
    }

    #[test]
    fn the_search_selects_its_matches_as_passages_to_highlight() {
        let s = analysed("Zorbex rose. Then zorbex fell.");
        assert!(
            Rc::ptr_eq(&s, &s.clone().reduce(Action::SelectMatch(true))),
            "no search, nothing to select"
        );
        let s = s
            .reduce(Action::Search("ZORBEX".into()))
            .reduce(Action::SelectMatch(true));
        assert_eq!(s.ui.selected, Some(Selected::Passage(Span::new(0, 6))));
        let s = s.reduce(Action::SelectMatch(true));
        assert_eq!(s.ui.selected, Some(Selected::Passage(Span::new(18, 24))));
        let s = s.reduce(note("both")).reduce(Action::SelectMatch(true));
        assert_eq!(
            s.ui.selected,
            Some(Selected::Passage(Span::new(0, 6))),
            "from the highlight just made, on to the next match"
        );
        assert_eq!(s.doc().notes[0].anchor.exact, "zorbex");
    }

    #[test]
    fn an_import_is_a_new_article_and_a_bad_one_changes_nothing() {
        let s = analysed("“Hi,” said Ana Ruiz.")
            .reduce(Action::SelectPassage(Span::new(0, 4)))
            .reduce(note("greeting"));
        let json = crate::export::to_json(&s.doc(), &s.analysis, &s.review);
        let before = s.library.clone();
        let s = s.reduce(Action::Import("{broken".into()));
        assert_eq!(s.library, before);
        assert!(matches!(s.errors[..], [AppError::ExportUnreadable(_)]));
        let s = s.reduce(Action::DismissErrors).reduce(Action::Import(json));
        assert_eq!(s.library.len(), 2);
        assert_ne!(s.library[0].id, s.library[1].id);
        assert_eq!(s.doc().notes, s.library[1].doc.notes);
        assert!(s.errors.is_empty());
    }

    #[test]
    fn another_tabs_changes_are_taken_or_merged_and_nothing_is_lost() {
        let s = analysed("Some plain text here.");
        let id = s.open.clone().unwrap();
        let base = s.doc();
        let conflict = |base: &Rc<Document>, theirs: Option<Document>| {
            Action::Merge(vec![Conflict {
                id: id.clone(),
                base: Some(base.clone()),
                theirs: theirs.map(Rc::new),
            }])
        };
        // Unchanged here: their version is taken.
        let mut theirs = (*base).clone();
        theirs.add_note(Span::new(0, 4), NoteContent::default());
        let s = s.reduce(conflict(&base, Some(theirs.clone())));
        assert_eq!(*s.doc(), theirs);
        // Changed on both sides: both changes stay.
        let base = s.doc();
        let s = s
            .reduce(Action::SelectPassage(Span::new(5, 10)))
            .reduce(note("ours"));
        let mut theirs = (*base).clone();
        theirs.add_note(Span::new(11, 15), NoteContent::default());
        let s = s.reduce(conflict(&base, Some(theirs)));
        let doc = s.doc();
        let words: Vec<&str> = doc.notes.iter().map(|n| n.anchor.exact.as_str()).collect();
        assert_eq!(words, ["Some", "text", "plain"]);
        // Deleted there while changed here: kept; deleted there and untouched here: gone.
        let before = s.doc();
        let s = s.reduce(conflict(&base, None));
        assert_eq!(s.doc(), before);
        let s = s.reduce(conflict(&before, None));
        assert!(s.library.is_empty());
        assert_eq!(s.ui.input, InputMode::New);
    }

    #[test]
    fn texts_changed_in_both_tabs_are_kept_as_two_articles() {
        let s = analysed("First text.");
        let id = s.open.clone().unwrap();
        let base = s.doc();
        let s = s
            .reduce(Action::EditText)
            .reduce(Action::EditDraft("First text, ours.".into()))
            .reduce(Action::Analyze);
        let mut theirs = (*base).clone();
        theirs.replace_text("First text, theirs.");
        let s = s.reduce(Action::Merge(vec![Conflict {
            id,
            base: Some(base),
            theirs: Some(Rc::new(theirs)),
        }]));
        let texts: Vec<&str> = s.library.iter().map(|a| &*a.doc.text).collect();
        assert_eq!(texts, ["First text, ours.", "First text, theirs."]);
        assert_eq!(
            s.library[0].doc.title(),
            "First text, ours. (this tab's version)"
        );
        assert!(matches!(s.errors[..], [AppError::KeptBothVersions { .. }]));
    }

    #[test]
    fn w3c_annotations_join_the_open_article_and_unplaced_ones_can_be_placed() {
        let s = analysed("Zorbex rose. The quay is old.")
            .reduce(Action::SelectPassage(Span::new(0, 6)))
            .reduce(note("company"))
            .reduce(Action::SelectPassage(Span::new(13, 22)))
            .reduce(note("which quay?"));
        let built = crate::export::build(&s.doc(), &s.analysis, &s.review);
        let json = crate::export::formats::w3c(&built).to_string();
        let s = s
            .reduce(Action::EditDraft("Zorbex fell. The pier is new.".into()))
            .reduce(Action::Analyze)
            .reduce(Action::Import(json));
        assert_eq!(
            s.library.len(),
            2,
            "added to the open article, not a new one"
        );
        assert!(matches!(
            s.errors[..],
            [AppError::Unplaced {
                placed: 1,
                orphans: 1
            }]
        ));
        let orphan = s
            .doc()
            .notes
            .iter()
            .find(|n| n.note == "which quay?")
            .unwrap()
            .id;
        let pier = span_of(&s, "The pier");
        let s = s
            .reduce(Action::SelectPassage(pier))
            .reduce(Action::PlaceNote(orphan));
        let doc = s.doc();
        let index = annotator_engine::CharIndex::new(&doc.text);
        let placed = doc.note(orphan).unwrap();
        assert_eq!(doc.note_span(&index, placed), Some(pier));
        assert_eq!(
            s.reduce(Action::Undo).doc().notes.len(),
            2,
            "the placing is undoable"
        );
    }

    #[test]
    fn deleting_an_article_can_be_undone_and_renaming_titles_it() {
        let s = analysed("First.")
            .reduce(Action::NewArticle)
            .reduce(Action::EditDraft("Second.".into()))
            .reduce(Action::Analyze);
        let second = s.open.clone().unwrap();
        let s = s.reduce(Action::RenameArticle(second.clone(), "  Harbour  ".into()));
        assert_eq!(s.doc().title(), "Harbour");
        let s = s.reduce(Action::DeleteArticle(second.clone()));
        assert_eq!(s.library.len(), 1);
        assert_eq!(&*s.text(), "First.", "the next article opens");
        let s = s.reduce(Action::UndoDelete);
        assert_eq!(s.library.len(), 2);
        assert_eq!(s.open, Some(second));
        assert_eq!(s.doc().title(), "Harbour");
    }

    #[test]
    fn leaving_hands_over_the_newest_decisions_and_changes_nothing() {
        let s = analysed("“We will win,” said Ana Ruiz.");
        let q = s.review.quotes[0].key;
        let s = s.reduce(Action::Decide(Target::Quote, q, Change::Accept));
        let outbox = Outbox::default();
        let after = s.clone().reduce(Action::Leaving(outbox.clone()));
        assert!(
            Rc::ptr_eq(&after, &s),
            "no new state, so nothing is drawn again"
        );
        let (library, prefs) = outbox.take().expect("the state waits in the outbox");
        assert_eq!(library[0].doc.decisions.len(), 1);
        assert!(Rc::ptr_eq(&prefs, &s.prefs));
        assert!(outbox.take().is_none(), "taken once");
    }

    #[test]
    fn a_failed_save_keeps_the_state_and_a_later_success_clears_the_message() {
        let s = analysed("text");
        let full = AppError::StorageFull {
            what: "“text”".into(),
        };
        let s = s.reduce(Action::Synced(vec![full.clone()]));
        assert_eq!(&*s.text(), "text");
        assert_eq!(s.errors, [full]);
        assert!(s.reduce(Action::Synced(Vec::new())).errors.is_empty());
    }

    #[test]
    fn load_errors_are_shown_and_the_readable_articles_open() {
        let loaded = Loaded {
            articles: vec![Article {
                id: ArticleId("a1".into()),
                doc: Rc::new(Document::new("Kept.")),
            }],
            errors: vec![AppError::SavedDataUnknownVersion(9)],
            ..Loaded::default()
        };
        let s = AppState::new(Store::in_memory(true), loaded, Engine::new(None), env());
        assert_eq!(s.errors, [AppError::SavedDataUnknownVersion(9)]);
        assert_eq!(&*s.text(), "Kept.");
    }

    #[test]
    fn the_theme_and_colours_are_preferences() {
        let s = start().reduce(Action::CycleTheme);
        assert_eq!(s.prefs.theme, Theme::Light);
        let s = s.reduce(Action::AddColour(Colour {
            name: "Teal".into(),
            color: "#b2f0e8".into(),
        }));
        assert_eq!(
            s.prefs.colours.last().map(|c| c.name.as_str()),
            Some("Teal")
        );
    }

    #[test]
    fn the_model_arriving_reanalyses_the_document_and_keeps_decisions() {
        let text = "“We will rebuild,” said Ana Ruiz in Port Wenlow.";
        let s = analysed(text);
        assert_eq!(s.model, ModelStatus::Loading);
        let q = s.review.quotes[0].key;
        let s = s.reduce(Action::Decide(Target::Quote, q, Change::speaker("Bo Chan")));
        let s = s.reduce(Action::ModelLoaded(Ok(EngineHandle::Here(Rc::new(
            Engine::embedded(),
        )))));
        assert_eq!(s.model, ModelStatus::Ready);
        assert!(
            matches!(&s.engine, EngineHandle::Here(e) if e.model().is_some()),
            "the host build embeds the model"
        );
        assert_eq!(s.review.quotes[0].speaker.as_deref(), Some("Bo Chan"));
        let s = s.reduce(Action::ModelLoaded(Err("offline".into())));
        assert_eq!(s.model, ModelStatus::Failed);
        assert!(matches!(s.errors.last(), Some(AppError::ModelFailed(_))));
    }

    /// The page analysing in its worker: the reducer asks, and takes only the latest answer.
    #[test]
    fn with_the_worker_the_text_shows_at_once_and_the_latest_answer_fills_it_in() {
        let text = "\u{201c}We will rebuild,\u{201d} said Ana Ruiz in Port Wenlow.";
        let s = start().reduce(Action::ModelLoaded(Ok(EngineHandle::Worker)));
        let s = s
            .reduce(Action::EditDraft(text.into()))
            .reduce(Action::Analyze);
        assert_eq!(&*s.text(), text, "the article is open before any analysis");
        assert!(s.review.quotes.is_empty() && s.analysis.entities.is_empty());
        assert_eq!(s.analysis.paragraphs, annotator_engine::paragraphs(text));
        let first = s.request.clone().expect("the worker is asked");
        assert_eq!(&*first.text, text);

        // The text changes before the answer: the old answer is dropped, the new one taken.
        let edited = format!("{text} Then she left.");
        let s = s
            .reduce(Action::EditText)
            .reduce(Action::EditDraft(edited.clone()))
            .reduce(Action::Analyze);
        let second = s.request.clone().expect("asked again");
        assert!(second.number > first.number);
        let stale = Rc::new(annotator_engine::analyze(text));
        let s = s.reduce(Action::Analysed(first.number, stale));
        assert!(
            s.review.quotes.is_empty(),
            "an answer for the old text is dropped"
        );
        let s = s.reduce(Action::Analysed(
            second.number,
            Rc::new(annotator_engine::analyze(&edited)),
        ));
        assert!(s.request.is_none());
        assert_eq!(s.review.quotes.len(), 1);
        assert_eq!(s.review.quotes[0].speaker.as_deref(), Some("Ana Ruiz"));

        // A decision, then the model arrives: the quote stays drawn (same text) while the
        // worker is asked again, and the decision holds on the new answer.
        let q = s.review.quotes[0].key;
        let s = s.reduce(Action::Decide(Target::Quote, q, Change::speaker("Bo Chan")));
        let s = s.reduce(Action::ModelLoaded(Ok(EngineHandle::Worker)));
        assert_eq!(s.review.quotes.len(), 1, "nothing disappears meanwhile");
        let third = s.request.clone().expect("asked again with the model");
        assert!(third.number > second.number);
        let s = s.reduce(Action::Analysed(
            third.number,
            Rc::new(annotator_engine::analyze(&edited)),
        ));
        assert_eq!(s.review.quotes[0].speaker.as_deref(), Some("Bo Chan"));
    }
}
