use crate::app::{use_app, AppHandle};
use crate::components::{HelpDialog, ImportPanel, LibraryPanel};
use crate::error::AppError;
use crate::export::{self, formats};
use crate::state::{Action, InputMode};
use yew::prelude::*;

/// The header: the library, a new article, undo and redo, the theme, the shortcuts, export.
#[function_component(Toolbar)]
pub fn toolbar() -> Html {
    let app = use_app();
    let doc = app.doc();
    let onexport = export_as(&app, Format::Native);
    let theme = app.prefs.theme;
    let has_article = app.open.is_some();
    html! {
        <header class="toolbar">
            <h1>{ "Article Annotator" }</h1>
            <LibraryPanel />
            <button data-testid="new-article" onclick={send(&app, Action::NewArticle)}
                title="Paste or open a new article (the open one is kept)">{ "New article" }</button>
            if has_article && app.ui.input == InputMode::Hidden {
                <button data-testid="edit-text" onclick={send(&app, Action::EditText)}
                    title="Show the text box to change this article's text">{ "Edit text" }</button>
            }
            <span class="spacer" />
            <button data-testid="undo" onclick={send(&app, Action::Undo)} disabled={!app.can_undo()}
                title="Undo (Ctrl+Z)" aria-keyshortcuts="Control+Z">{ "\u{21B6} Undo" }</button>
            <button data-testid="redo" onclick={send(&app, Action::Redo)} disabled={!app.can_redo()}
                title="Redo (Ctrl+Shift+Z)" aria-keyshortcuts="Control+Shift+Z">{ "\u{21B7} Redo" }</button>
            <button data-testid="theme-toggle" onclick={send(&app, Action::CycleTheme)} data-theme={theme.as_str()}
                title="Light, dark, or as the system says" aria-label={format!("Theme: {}. Change the theme", theme_name(theme))}>
                { format!("Theme: {}", theme_name(theme)) }
            </button>
            <HelpDialog />
            <ImportPanel />
            <button data-testid="export-json" onclick={onexport} disabled={doc.text.is_empty()}
                title="Download the text and every annotation as JSON">{ "Export JSON" }</button>
            if !doc.text.is_empty() {
                <details class="formats" data-testid="export-formats">
                    <summary>{ "Other formats" }</summary>
                    <div class="formats-body" role="group" aria-label="Other export formats">
                        { for Format::OTHERS.iter().map(|f| html! {
                            <button data-testid={f.testid()} onclick={export_as(&app, *f)} title={f.title()}>{ f.name() }</button>
                        }) }
                    </div>
                </details>
            }
        </header>
    }
}

/// What an export button writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Format {
    Native,
    W3c,
    Spacy,
    Doccano,
    Conll,
}

impl Format {
    const OTHERS: [Format; 4] = [Format::W3c, Format::Spacy, Format::Doccano, Format::Conll];

    fn testid(self) -> &'static str {
        match self {
            Format::Native => "export-json",
            Format::W3c => "export-w3c",
            Format::Spacy => "export-jsonl",
            Format::Doccano => "export-jsonl-doccano",
            Format::Conll => "export-conll",
        }
    }

    fn name(self) -> &'static str {
        match self {
            Format::Native => "Export JSON",
            Format::W3c => "W3C Web Annotation (JSON-LD)",
            Format::Spacy => "JSON Lines for spaCy",
            Format::Doccano => "JSON Lines for doccano",
            Format::Conll => "CoNLL IOB (names)",
        }
    }

    fn title(self) -> &'static str {
        match self {
            Format::Native => "Download the text and every annotation as JSON",
            Format::W3c => "An AnnotationCollection that Hypothesis, Recogito and other tools read",
            Format::Spacy => "{\"text\", \"entities\": [[start, end, label]]}, quotes as QUOTE",
            Format::Doccano => "{\"text\", \"label\": [[start, end, label]]}, quotes as QUOTE",
            Format::Conll => "One token and its IOB tag per line, for the names",
        }
    }
}

/// A button's callback that downloads the open article in `format`.
pub(crate) fn export_as(app: &AppHandle, format: Format) -> Callback<MouseEvent> {
    let app = app.clone();
    Callback::from(move |_| {
        let doc = app.doc();
        let built = || export::build(&doc, &app.analysis, &app.review);
        let title = doc.title();
        let (name, mime, contents) = match format {
            Format::Native => (
                export::file_name(title),
                "application/json",
                export::to_json(&doc, &app.analysis, &app.review),
            ),
            Format::W3c => (
                formats::file_name(title, "w3c.jsonld"),
                "application/ld+json",
                serde_json::to_string_pretty(&formats::w3c(&built())).unwrap_or_default(),
            ),
            Format::Spacy => (
                formats::file_name(title, "spacy.jsonl"),
                "application/jsonl",
                formats::jsonl(&built(), formats::Jsonl::Spacy),
            ),
            Format::Doccano => (
                formats::file_name(title, "doccano.jsonl"),
                "application/jsonl",
                formats::jsonl(&built(), formats::Jsonl::Doccano),
            ),
            Format::Conll => (
                formats::file_name(title, "conll"),
                "text/plain",
                formats::conll(&doc.text, &app.review),
            ),
        };
        if let Err(why) = download(&name, mime, &contents) {
            app.dispatch(Action::Failed(AppError::ExportFailed(why)));
        }
    })
}

fn theme_name(theme: crate::library::Theme) -> &'static str {
    match theme {
        crate::library::Theme::System => "system",
        crate::library::Theme::Light => "light",
        crate::library::Theme::Dark => "dark",
    }
}

pub(crate) fn send(app: &AppHandle, action: Action) -> Callback<MouseEvent> {
    let app = app.clone();
    Callback::from(move |_| app.dispatch(action.clone()))
}

/// Offers `contents` as a file download named `name`.
pub(crate) fn download(name: &str, mime: &str, contents: &str) -> Result<(), String> {
    use wasm_bindgen::JsCast;
    let blob = gloo::file::Blob::new_with_options(contents, Some(mime));
    let url = gloo::file::ObjectUrl::from(blob);
    let document = gloo::utils::document();
    let a: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .map_err(|_| "the page could not create a link".to_string())?
        .unchecked_into();
    a.set_href(&url);
    a.set_download(name);
    let body = document.body().ok_or("the page has no body")?;
    body.append_child(&a)
        .map_err(|_| "the page could not add a link")?;
    a.click();
    a.remove();
    // Revoke the URL only after the browser has started the download.
    gloo::timers::callback::Timeout::new(10_000, move || drop(url)).forget();
    Ok(())
}
