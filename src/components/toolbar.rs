use crate::app::use_app;
use crate::error::AppError;
use crate::export;
use crate::state::Action;
use yew::prelude::*;

/// The header: the app's name and Export.
#[function_component(Toolbar)]
pub fn toolbar() -> Html {
    let app = use_app();
    let onexport = {
        let app = app.clone();
        Callback::from(move |_| {
            let json = export::to_json(&app.document, &app.analysis, &app.review);
            if let Err(why) = download(&export::file_name(&app.document.text), &json) {
                app.dispatch(Action::Failed(AppError::ExportFailed(why)));
            }
        })
    };
    html! {
        <header class="toolbar">
            <h1>{ "Article Annotator" }</h1>
            <span class="tagline">{ "Who said what, about whom" }</span>
            <button data-testid="export-json" onclick={onexport} disabled={app.document.text.is_empty()}
                title="Download the text and every annotation as JSON">{ "Export JSON" }</button>
        </header>
    }
}

/// Offers `contents` as a file download named `name`.
fn download(name: &str, contents: &str) -> Result<(), String> {
    use wasm_bindgen::JsCast;
    let blob = gloo::file::Blob::new_with_options(contents, Some("application/json"));
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
