use crate::app::use_app;
use crate::components::toolbar::download;
use crate::library::{counts, ArticleId};
use crate::state::Action;
use crate::storage::{encode, key, stored_size};
use std::collections::HashMap;
use std::rc::Rc;
use web_sys::{HtmlDetailsElement, HtmlInputElement};
use yew::prelude::*;

/// The library: every article kept in this browser, with its title, date, counts and the
/// space it takes; open, rename, delete (with undo). Entries that could not be read are listed
/// too, kept aside.
#[function_component(LibraryPanel)]
pub fn library_panel() -> Html {
    let app = use_app();
    let renaming = use_state(|| None::<ArticleId>);
    // Stored sizes, remembered per document version so that each is encoded once.
    let sizes = use_mut_ref(HashMap::<*const crate::document::Document, usize>::new);
    let ontoggle = {
        let app = app.clone();
        Callback::from(move |e: Event| {
            let details: HtmlDetailsElement = e.target_unchecked_into();
            if details.open() != app.ui.library_open {
                app.dispatch(Action::ShowLibrary(details.open()));
            }
        })
    };
    let n = app.library.len();
    let summary =
        html! { <summary data-testid="library-button">{ format!("Library ({n})") }</summary> };
    if !app.ui.library_open {
        return html! {
            <details class="library" data-testid="library" {ontoggle}>{ summary }{ deleted_notice(&app) }</details>
        };
    }
    let size_of = |id: &ArticleId, doc: &Rc<crate::document::Document>| {
        let mut cache = sizes.borrow_mut();
        *cache
            .entry(Rc::as_ptr(doc))
            .or_insert_with(|| stored_size(&key(id), &encode(id, doc)))
    };
    let total: usize = app
        .library
        .iter()
        .map(|a| size_of(&a.id, &a.doc))
        .sum::<usize>()
        + app.unreadable.iter().map(|u| u.size).sum::<usize>();
    let items = app.library.iter().map(|a| {
        let doc = &a.doc;
        let c = counts(doc);
        let size = size_of(&a.id, doc);
        let open = app.open.as_ref() == Some(&a.id);
        let id = a.id.clone();
        let is_renaming = renaming.as_ref() == Some(&id);
        let date = format_date(doc.modified.max(doc.created));
        let onopen = {
            let (app, id) = (app.clone(), id.clone());
            Callback::from(move |_| app.dispatch(Action::OpenArticle(id.clone())))
        };
        let onrename = {
            let (renaming, id) = (renaming.clone(), id.clone());
            Callback::from(move |_| renaming.set(Some(id.clone())))
        };
        let ondelete = {
            let (app, id) = (app.clone(), id.clone());
            Callback::from(move |_| app.dispatch(Action::DeleteArticle(id.clone())))
        };
        let commit = {
            let (app, renaming, id) = (app.clone(), renaming.clone(), id.clone());
            Callback::from(move |e: KeyboardEvent| {
                let input: HtmlInputElement = e.target_unchecked_into();
                match e.key().as_str() {
                    "Enter" => {
                        app.dispatch(Action::RenameArticle(id.clone(), input.value()));
                        renaming.set(None);
                    }
                    "Escape" => {
                        e.stop_propagation();
                        renaming.set(None);
                    }
                    _ => {}
                }
            })
        };
        let onblur = {
            let renaming = renaming.clone();
            Callback::from(move |_| renaming.set(None))
        };
        let title = doc.title().to_string();
        html! {
            <li key={id.0.clone()} class={classes!("library-item", open.then_some("open"))} data-testid="library-item"
                data-id={id.0.clone()} aria-current={open.then_some("true")}>
                if is_renaming {
                    <input class="rename" data-testid="rename-input" aria-label="New title" value={title.clone()}
                        onkeydown={commit} onblur={onblur} autofocus=true />
                } else {
                    <button class="link item-title" data-testid="library-open" onclick={onopen}>
                        { if title.is_empty() { "(untitled)".to_string() } else { title.clone() } }
                    </button>
                }
                <span class="item-meta">
                    <time datetime={iso_date(doc.modified.max(doc.created))}>{ date }</time>
                    { format!(" · {} words · {} highlights · {} reviewed · ", c.words, c.highlights, c.reviewed) }
                    <span data-testid="stored-size">{ format_size(size) }</span>
                </span>
                <span class="item-actions">
                    <button class="link" data-testid="rename" onclick={onrename} aria-label={format!("Rename {title}")}>{ "Rename" }</button>
                    <button class="link danger" data-testid="delete-article" onclick={ondelete} aria-label={format!("Delete {title}")}>{ "Delete" }</button>
                </span>
            </li>
        }
    });
    let unreadable = app.unreadable.iter().map(|u| {
        let k = u.key.clone();
        let save_copy = Callback::from(move |_| {
            use gloo::storage::{LocalStorage, Storage};
            if let Ok(Some(raw)) = LocalStorage::raw().get_item(&k) {
                let _ = download("unreadable-article.json", "application/json", &raw);
            }
        });
        html! {
            <li class="library-item unreadable" data-testid="unreadable-item">
                <span class="item-title">{ format!("\u{26A0}\u{FE0E} {} could not be read", u.name()) }</span>
                <span class="item-meta">{ format!("{} · kept aside, never written over · {}", u.error, format_size(u.size)) }</span>
                <span class="item-actions"><button class="link" onclick={save_copy}>{ "Download a copy" }</button></span>
            </li>
        }
    });
    html! {
        <details class="library" data-testid="library" open=true {ontoggle}>
            { summary }
            <div class="library-body" role="region" aria-label="Library">
                <p class="hint">{ format!("Kept in this browser: {} in all (browsers allow about 5 MB).", format_size(total)) }</p>
                if app.library.is_empty() && app.unreadable.is_empty() {
                    <p class="hint">{ "No articles yet." }</p>
                }
                <ul class="library-list">{ for items }{ for unreadable }</ul>
            </div>
            { deleted_notice(&app) }
        </details>
    }
}

/// "Deleted X. Undo", while a deleted article can come back.
fn deleted_notice(app: &crate::app::AppHandle) -> Html {
    let Some(last) = app.deleted.last().filter(|_| app.ui.deleted_notice) else {
        return html! {};
    };
    let undo = {
        let app = app.clone();
        Callback::from(move |_| app.dispatch(Action::UndoDelete))
    };
    let dismiss = {
        let app = app.clone();
        Callback::from(move |_| app.dispatch(Action::DismissDeleted))
    };
    html! {
        <div class="deleted-notice" role="status" data-testid="deleted-notice">
            { format!("Deleted “{}”. ", last.doc.title()) }
            <button class="link" data-testid="undo-delete" onclick={undo}>{ "Undo" }</button>
            <button class="link" onclick={dismiss} aria-label="Dismiss">{ "\u{00D7}" }</button>
        </div>
    }
}

fn date(ms: u64) -> js_sys::Date {
    js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms as f64))
}

fn format_date(ms: u64) -> String {
    if ms == 0 {
        return "date unknown".into();
    }
    let d = date(ms);
    format!(
        "{} {}",
        String::from(d.to_locale_date_string("en-GB", &wasm_bindgen::JsValue::UNDEFINED)),
        String::from(d.to_locale_time_string("en-GB"))
            .get(..5)
            .unwrap_or("")
    )
}

fn iso_date(ms: u64) -> String {
    String::from(date(ms).to_iso_string())
}

/// "12.3 KB".
pub fn format_size(bytes: usize) -> String {
    if bytes < 1000 {
        format!("{bytes} B")
    } else if bytes < 1_000_000 {
        format!("{:.1} KB", bytes as f64 / 1000.0)
    } else {
        format!("{:.2} MB", bytes as f64 / 1_000_000.0)
    }
}
