use crate::app::use_app;
use crate::state::{Action, Editing};
use annotator_engine::CharIndex;
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

/// The note editor and the list of the user's highlights.
#[function_component(NotePanel)]
pub fn note_panel() -> Html {
    let app = use_app();
    let area = use_node_ref();
    let doc = &app.document;
    let index = CharIndex::new(&doc.text);

    let editor = app.editing.and_then(|editing| {
        let (quoted, note, id) = match editing {
            Editing::NewHighlight(span) => (span.slice(&doc.text).to_string(), String::new(), None),
            Editing::Note(id) => {
                let n = doc.note(id)?;
                (n.exact.clone(), n.note.clone(), Some(id))
            }
        };
        let save = {
            let app = app.clone();
            let area = area.clone();
            Callback::from(move |_| {
                let text = area.cast::<HtmlTextAreaElement>().map(|a| a.value()).unwrap_or_default();
                app.dispatch(Action::SaveNote(text));
                crate::dom::clear_selection();
            })
        };
        let cancel = {
            let app = app.clone();
            Callback::from(move |_| app.dispatch(Action::CancelEdit))
        };
        let delete = id.map(|id| {
            let app = app.clone();
            Callback::from(move |_| app.dispatch(Action::DeleteNote(id)))
        });
        let heading = if id.is_some() { "Your highlight" } else { "New highlight" };
        Some(html! {
            <div class="note-editor" key={format!("{editing:?}")}>
                <h2>{ heading }</h2>
                <blockquote class="quoted">{ quoted }</blockquote>
                <label for="note-text">{ "Note" }</label>
                <textarea id="note-text" data-testid="note-text" ref={area} value={note}
                    placeholder="Add a note (optional)" />
                <div class="buttons">
                    <button class="primary" data-testid="save-note" onclick={save}>
                        { if id.is_some() { "Save note" } else { "Add highlight" } }
                    </button>
                    if let Some(delete) = delete {
                        <button class="danger" data-testid="delete-note" onclick={delete}>{ "Delete highlight" }</button>
                    }
                    <button onclick={cancel}>{ "Close" }</button>
                </div>
            </div>
        })
    });

    let notes = doc.notes.iter().map(|n| {
        let anchored = doc.note_span(&index, n).is_some();
        let open = {
            let app = app.clone();
            let id = n.id;
            Callback::from(move |_| app.dispatch(Action::OpenNote(id)))
        };
        html! {
            <li key={n.id.key()} class={classes!((!anchored).then_some("unanchored"))}>
                <button class="link" onclick={open}>{ format!("“{}”", n.exact) }</button>
                if !n.note.is_empty() { <span class="note-body">{ &n.note }</span> }
                if !anchored { <span class="warning">{ "No longer found in the text" }</span> }
            </li>
        }
    });

    html! {
        <aside class="note-panel" aria-label="Your highlights">
            { editor.unwrap_or_else(|| html! {
                <p class="hint">{ "Select a passage of the article to highlight it and add a note." }</p>
            }) }
            if !doc.notes.is_empty() {
                <h2>{ format!("Your highlights ({})", doc.notes.len()) }</h2>
                <ul class="notes">{ for notes }</ul>
            }
        </aside>
    }
}
