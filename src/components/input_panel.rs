use crate::app::use_app;
use crate::error::AppError;
use crate::state::{Action, InputMode};
use gloo::file::callbacks::FileReader;
use wasm_bindgen::JsCast;
use web_sys::{DragEvent, HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

/// The text box: paste plain text or rich text (cleaned to plain text), or drop or open a
/// .txt, .md or .html file; Analyze makes a new article (or, when editing, the open article's
/// new text). Folded away once the article is analysed.
#[function_component(InputPanel)]
pub fn input_panel() -> Html {
    let app = use_app();
    let area = use_node_ref();
    // The file being read (dropping it cancels the read).
    let reader = use_mut_ref(|| None::<FileReader>);
    if app.ui.input == InputMode::Hidden {
        return html! {};
    }
    let oninput = {
        let app = app.clone();
        Callback::from(move |e: InputEvent| {
            let area: HtmlTextAreaElement = e.target_unchecked_into();
            app.dispatch(Action::EditDraft(area.value()));
        })
    };
    // Rich text is cleaned to plain text with paragraphs, in Rust: nothing of it runs.
    let onpaste = {
        let app = app.clone();
        Callback::from(move |e: Event| {
            let Some(e) = e.dyn_ref::<web_sys::ClipboardEvent>() else {
                return;
            };
            let html = e
                .clipboard_data()
                .and_then(|d| d.get_data("text/html").ok())
                .filter(|h| !h.trim().is_empty());
            let Some(html): Option<String> = html else {
                return;
            };
            e.prevent_default();
            let area: HtmlTextAreaElement = e.target_unchecked_into();
            let text = crate::html::to_text(&html);
            let start = area.selection_start().ok().flatten().unwrap_or(0);
            if area.set_range_text(&text).is_ok() {
                let end = start + text.encode_utf16().count() as u32;
                let _ = area.set_selection_range(end, end);
            }
            app.dispatch(Action::EditDraft(area.value()));
        })
    };
    let read_file = {
        let (app, reader) = (app.clone(), reader.clone());
        move |file: web_sys::File| {
            let name = file.name();
            let html = {
                let n = name.to_ascii_lowercase();
                n.ends_with(".html") || n.ends_with(".htm") || file.type_() == "text/html"
            };
            let app2 = app.clone();
            let task = crate::dom::read_file(file, move |read| match read {
                Ok(text) => {
                    let text = if html {
                        crate::html::to_text(&text)
                    } else {
                        text.replace("\r\n", "\n")
                    };
                    app2.dispatch(Action::EditDraft(text));
                }
                Err(why) => app2.dispatch(Action::Failed(AppError::FileUnreadable { name, why })),
            });
            *reader.borrow_mut() = Some(task);
        }
    };
    let onchange = {
        let read_file = read_file.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            if let Some(file) = input.files().and_then(|f| f.get(0)) {
                read_file(file);
            }
            input.set_value("");
        })
    };
    let ondrop = Callback::from(move |e: DragEvent| {
        let file = e
            .data_transfer()
            .and_then(|d| d.files())
            .and_then(|f| f.get(0));
        if let Some(file) = file {
            e.prevent_default();
            read_file(file);
        }
    });
    let ondragover = Callback::from(|e: DragEvent| e.prevent_default());
    let analyze = send(&app, Action::Analyze);
    let editing = app.ui.input == InputMode::Edit;
    let heading = if editing {
        "Edit the article's text"
    } else {
        "New article"
    };
    html! {
        <section class="input-panel" aria-label="Article text" ondrop={ondrop} ondragover={ondragover}>
            <h2><label for="article-input">{ heading }</label></h2>
            <textarea id="article-input" data-testid="article-input" ref={area} value={app.ui.draft.clone()} {oninput} onpaste={onpaste}
                placeholder="Paste the text of a news article here (plain or rich text), or drop a .txt, .md or .html file, then press Analyze."
                spellcheck="false" />
            <div class="buttons">
                <button class="primary" data-testid="analyze" onclick={analyze}>{ if editing { "Analyze the new text" } else { "Analyze" } }</button>
                <button data-testid="sample" onclick={send(&app, Action::LoadSample)}>{ "Try a sample" }</button>
                <label class="file-button">
                    { "Open a file" }
                    <input type="file" data-testid="open-file" accept=".txt,.md,.markdown,.html,.htm,text/plain,text/markdown,text/html" onchange={onchange} />
                </label>
                if app.open.is_some() {
                    <button data-testid="close-input" onclick={send(&app, Action::CloseInput)}>{ "Cancel" }</button>
                }
            </div>
            <p class="privacy">{ "Everything stays in this browser tab: nothing you paste is sent anywhere." }</p>
        </section>
    }
}

fn send(app: &crate::app::AppHandle, action: Action) -> Callback<MouseEvent> {
    crate::components::toolbar::send(app, action)
}
