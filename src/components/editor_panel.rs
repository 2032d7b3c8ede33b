use crate::app::{use_app, AppHandle};
use crate::document::{Change, NoteId, Target};
use crate::render::{percent, EvidenceKind};
use crate::review::{ReviewedQuote, Status};
use crate::state::{Action, Selected};
use annotator_engine::{Label, Span};
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

/// The editor for what is selected: a passage (to highlight, or to mark as a quote or a name
/// the engine missed), one of the user's highlights, or a quote or name (to correct or reject).
#[function_component(EditorPanel)]
pub fn editor_panel() -> Html {
    let app = use_app();
    let body = match app.selected {
        None => {
            html! { <p class="hint">{ "Select a passage to highlight it, or click a quote or a name to correct it." }</p> }
        }
        Some(Selected::Passage(span)) => {
            html! { <PassageEditor {span} key={format!("p{span:?}")} /> }
        }
        Some(Selected::Note(id)) => html! { <NoteEditor {id} key={id.key()} /> },
        Some(Selected::Detection(Target::Quote, span)) => {
            html! { <QuoteEditor {span} key={format!("q{span:?}")} /> }
        }
        Some(Selected::Detection(Target::Entity, span)) => {
            html! { <EntityEditor {span} key={format!("e{span:?}")} /> }
        }
    };
    html! { <div class="editor-panel">{ body }</div> }
}

fn dispatch(app: &AppHandle, action: Action) -> Callback<MouseEvent> {
    let app = app.clone();
    Callback::from(move |_| app.dispatch(action.clone()))
}

fn close_button(app: &AppHandle) -> Html {
    html! { <button onclick={dispatch(app, Action::CloseEditor)}>{ "Close" }</button> }
}

fn excerpt(s: &str) -> String {
    const MAX: usize = 240;
    if s.chars().count() <= MAX {
        s.to_string()
    } else {
        format!("{}…", s.chars().take(MAX).collect::<String>())
    }
}

#[derive(Properties, PartialEq)]
struct SpanProps {
    span: Span,
}

#[derive(Properties, PartialEq)]
struct NoteProps {
    id: NoteId,
}

/// The name types a user can give, in menu order.
const NAME_LABELS: [Label; 4] = [Label::Per, Label::Org, Label::Loc, Label::Misc];

fn label_options(current: Label) -> Html {
    Label::ALL
        .iter()
        .map(|l| html! { <option value={l.as_str()} selected={*l == current}>{ format!("{} ({})", l.title(), l.as_str()) }</option> })
        .collect()
}

#[function_component(PassageEditor)]
fn passage_editor(props: &SpanProps) -> Html {
    let app = use_app();
    let note = use_node_ref();
    let label = use_node_ref();
    let everywhere = use_node_ref();
    let span = props.span;
    let save = {
        let (app, note) = (app.clone(), note.clone());
        Callback::from(move |_| {
            let text = note
                .cast::<HtmlTextAreaElement>()
                .map(|a| a.value())
                .unwrap_or_default();
            app.dispatch(Action::SaveNote(text));
            crate::dom::clear_selection();
        })
    };
    let add_entity = {
        let (app, label, everywhere) = (app.clone(), label.clone(), everywhere.clone());
        Callback::from(move |_| {
            let label = label
                .cast::<HtmlSelectElement>()
                .map(|s| s.value())
                .unwrap_or_else(|| "PER".into());
            let everywhere = everywhere
                .cast::<HtmlInputElement>()
                .is_some_and(|c| c.checked());
            app.dispatch(Action::Decide(
                Target::Entity,
                span,
                Change::AddEntity { label, everywhere },
            ));
            crate::dom::clear_selection();
        })
    };
    let add_quote = {
        let app = app.clone();
        Callback::from(move |_| {
            app.dispatch(Action::Decide(
                Target::Quote,
                span,
                Change::AddQuote { speaker: None },
            ));
            crate::dom::clear_selection();
        })
    };
    html! {
        <div class="editor">
            <h2>{ "Selected passage" }</h2>
            <blockquote class="quoted">{ excerpt(span.slice(&app.document.text)) }</blockquote>
            <label for="note-text">{ "Note" }</label>
            <textarea id="note-text" data-testid="note-text" ref={note} placeholder="Add a note (optional)" />
            <div class="buttons">
                <button class="primary" data-testid="save-note" onclick={save}>{ "Add highlight" }</button>
                <button data-testid="add-quote" onclick={add_quote} title="A quotation the analysis missed">{ "Mark as quote" }</button>
            </div>
            <div class="buttons">
                <select ref={label} data-testid="add-entity-label" aria-label="Name type">
                    { for NAME_LABELS.iter().map(|l| html! { <option value={l.as_str()}>{ l.title() }</option> }) }
                </select>
                <label class="check"><input type="checkbox" ref={everywhere} data-testid="add-entity-everywhere" checked=true />{ "every occurrence" }</label>
                <button data-testid="add-entity" onclick={add_entity}>{ "Mark as name" }</button>
            </div>
            <div class="buttons">{ close_button(&app) }</div>
        </div>
    }
}

#[function_component(NoteEditor)]
fn note_editor(props: &NoteProps) -> Html {
    let app = use_app();
    let area = use_node_ref();
    let Some(note) = app.document.note(props.id) else {
        return html! {};
    };
    let save = {
        let (app, area) = (app.clone(), area.clone());
        Callback::from(move |_| {
            let text = area
                .cast::<HtmlTextAreaElement>()
                .map(|a| a.value())
                .unwrap_or_default();
            app.dispatch(Action::SaveNote(text));
        })
    };
    html! {
        <div class="editor">
            <h2>{ "Your highlight" }</h2>
            <blockquote class="quoted">{ excerpt(&note.anchor.exact) }</blockquote>
            <label for="note-text">{ "Note" }</label>
            <textarea id="note-text" data-testid="note-text" ref={area} value={note.note.clone()} placeholder="Add a note (optional)" />
            <div class="buttons">
                <button class="primary" data-testid="save-note" onclick={save}>{ "Save note" }</button>
                <button class="danger" data-testid="delete-note" onclick={dispatch(&app, Action::DeleteNote(props.id))}>{ "Delete highlight" }</button>
                { close_button(&app) }
            </div>
        </div>
    }
}

fn status_line(status: Status) -> &'static str {
    match status {
        Status::Suggested => "Found by the analysis",
        Status::Edited => "Found by the analysis, corrected by you",
        Status::Own => "Added by you",
    }
}

/// How sure the analysis was of what the user sees: of the quote and, while the user has not
/// changed it, of its speaker.
fn confidence_line(q: &ReviewedQuote) -> Option<String> {
    let c = q.evidence.confidence?;
    let quote = percent(c.span());
    match (q.status, q.speaker_confidence()) {
        (Status::Own, _) => None,
        (_, Some(speaker)) => Some(format!(
            "Confidence: quote {quote}%, speaker {}%",
            percent(speaker)
        )),
        _ => Some(format!("Confidence: quote {quote}%")),
    }
}

#[function_component(QuoteEditor)]
fn quote_editor(props: &SpanProps) -> Html {
    let app = use_app();
    let span = props.span;
    let Some(q) = app.review.quote_at(span).cloned() else {
        return html! {};
    };
    // People and organisations of the article, for the speaker list.
    let mut names: Vec<&str> = app
        .analysis
        .groups
        .iter()
        .filter(|g| matches!(g.label, Label::Per | Label::Org))
        .map(|g| g.name.as_str())
        .collect();
    names.sort_unstable();
    names.dedup();
    let onchange = {
        let app = app.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let speaker = input.value().trim().to_string();
            if !speaker.is_empty() {
                app.dispatch(Action::Decide(
                    Target::Quote,
                    span,
                    Change::SetSpeaker { speaker },
                ));
            }
        })
    };
    let reject_label = if q.status == Status::Own {
        "Remove this quote"
    } else {
        "Not a quote"
    };
    let text = app.document.text.as_str();
    let evidence_line = |kind: EvidenceKind, label: &str, span: Option<Span>| match span {
        Some(s) => html! {
            <li>{ format!("{label}: ") }<mark class={classes!("ev", format!("ev-{}", kind.name()))}>{ s.slice(text) }</mark></li>
        },
        None => html! {},
    };
    html! {
        <div class="editor">
            <h2>{ format!("Quote ({})", q.kind.as_str()) }</h2>
            <blockquote class="quoted">{ excerpt(span.slice(text)) }</blockquote>
            <p class="status">{ status_line(q.status) }</p>
            if let Some(p) = q.is_unsure().then(|| percent(q.speaker_confidence().unwrap_or(0.0))) {
                <p class="unsure" data-testid="unsure">
                    <span class="unsure-icon" aria-hidden="true">{ "\u{26A0}\u{FE0E}" }</span>
                    { format!(" Unsure attribution: the analysis is only {p}% sure of this speaker. Check the marked words in the text.") }
                </p>
            }
            <ul class="evidence" data-testid="evidence-list">
                { evidence_line(EvidenceKind::Cue, "Cue", q.evidence.cue) }
                { evidence_line(EvidenceKind::Mention, "Speaker named as", q.evidence.mention) }
                if let Some(line) = confidence_line(&q) {
                    <li data-testid="confidence">{ line }</li>
                }
            </ul>
            <label for="set-speaker">{ "Speaker" }</label>
            <input id="set-speaker" data-testid="set-speaker" list="speaker-names" value={q.speaker.clone().unwrap_or_default()}
                placeholder="Unknown: pick or type a name" {onchange} />
            <datalist id="speaker-names">{ for names.iter().map(|n| html! { <option value={n.to_string()} /> }) }</datalist>
            <div class="buttons">
                <button class="danger" data-testid="reject" onclick={dispatch(&app, Action::Decide(Target::Quote, span, Change::Reject))}>{ reject_label }</button>
                { close_button(&app) }
            </div>
        </div>
    }
}

#[function_component(EntityEditor)]
fn entity_editor(props: &SpanProps) -> Html {
    let app = use_app();
    let span = props.span;
    let Some(e) = app.review.entity_at(span).cloned() else {
        return html! {};
    };
    let onchange = {
        let app = app.clone();
        Callback::from(move |ev: Event| {
            let select: HtmlSelectElement = ev.target_unchecked_into();
            app.dispatch(Action::Decide(
                Target::Entity,
                span,
                Change::SetLabel {
                    label: select.value(),
                },
            ));
        })
    };
    let reject_label = if e.status == Status::Own {
        "Remove this name"
    } else {
        "Not a name"
    };
    html! {
        <div class="editor">
            <h2>{ e.label.title() }</h2>
            <blockquote class="quoted">{ excerpt(span.slice(&app.document.text)) }</blockquote>
            <p class="status">{ status_line(e.status) }</p>
            <label for="set-label">{ "Type" }</label>
            <select id="set-label" data-testid="set-label" {onchange}>{ label_options(e.label) }</select>
            <div class="buttons">
                <button class="danger" data-testid="reject" onclick={dispatch(&app, Action::Decide(Target::Entity, span, Change::Reject))}>{ reject_label }</button>
                { close_button(&app) }
            </div>
        </div>
    }
}
