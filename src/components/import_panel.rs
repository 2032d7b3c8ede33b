use crate::app::use_app;
use crate::error::AppError;
use crate::state::Action;
use gloo::file::callbacks::FileReader;
use web_sys::{HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

/// Import: an export file (any version of the native JSON) opened, or its text pasted. Each
/// becomes a new article; a malformed one changes nothing and the message says what is wrong.
#[function_component(ImportPanel)]
pub fn import_panel() -> Html {
    let app = use_app();
    let text = use_node_ref();
    let details = use_node_ref();
    // The menu closes once something is submitted, so the article and any message show; the
    // pasted text stays, to be corrected if it was refused.
    let close = {
        let details = details.clone();
        move || {
            if let Some(d) = details.cast::<web_sys::HtmlDetailsElement>() {
                d.set_open(false);
            }
        }
    };
    // The file being read (dropping it cancels the read).
    let reader = use_mut_ref(|| None::<FileReader>);
    let onchange = {
        let (app, reader, close) = (app.clone(), reader.clone(), close.clone());
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            if let Some(file) = input.files().and_then(|f| f.get(0)) {
                let (app, name) = (app.clone(), file.name());
                let task = crate::dom::read_file(file, move |read| match read {
                    Ok(json) => app.dispatch(Action::Import(json)),
                    Err(why) => {
                        app.dispatch(Action::Failed(AppError::FileUnreadable { name, why }))
                    }
                });
                *reader.borrow_mut() = Some(task);
                close();
            }
            input.set_value("");
        })
    };
    let submit = {
        let (app, text) = (app.clone(), text.clone());
        move || {
            if let Some(area) = text.cast::<HtmlTextAreaElement>() {
                let json = area.value();
                if !json.trim().is_empty() {
                    app.dispatch(Action::Import(json));
                    close();
                }
            }
        }
    };
    let onclick = {
        let submit = submit.clone();
        Callback::from(move |_: MouseEvent| submit())
    };
    let onkeydown = Callback::from(move |e: KeyboardEvent| {
        if e.key() == "Enter" && (e.ctrl_key() || e.meta_key()) {
            e.prevent_default();
            submit();
        }
    });
    html! {
        <details class="import" data-testid="import" ref={details}>
            <summary>{ "Import" }</summary>
            <div class="import-body" role="region" aria-label="Import">
                <label class="file-button">
                    { "Open an export file (.json)" }
                    <input type="file" data-testid="import-json" accept=".json,application/json" {onchange} />
                </label>
                <label for="import-text">{ "or paste an export" }</label>
                <textarea id="import-text" data-testid="import-text" ref={text} {onkeydown} spellcheck="false"
                    placeholder="Paste the JSON of an export, then Import (Ctrl+Enter)" />
                <div class="buttons">
                    <button class="primary" data-testid="import-submit" {onclick}>{ "Import" }</button>
                </div>
                <p class="hint">{ "Each import becomes a new article in the library; nothing is replaced." }</p>
            </div>
        </details>
    }
}
