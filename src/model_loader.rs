//! Loads the engine's models (names, syntax, quotes: one content-hashed file) after the page's
//! first render.

use annotator_engine::Models;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// The model file's name, as the build wrote it into `<meta name="engine-model">`.
fn model_url() -> Result<String, String> {
    let doc = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("the page has no document")?;
    let meta = doc
        .query_selector("meta[name=engine-model]")
        .ok()
        .flatten()
        .ok_or("the page does not name its model")?;
    let meta: web_sys::HtmlMetaElement = meta.unchecked_into();
    Ok(meta.content())
}

/// Fetches and decodes the model file.
pub async fn load() -> Result<Models, String> {
    let url = model_url()?;
    let window = web_sys::window().ok_or("no window")?;
    let response = JsFuture::from(window.fetch_with_str(&url))
        .await
        .map_err(|_| format!("{url} could not be fetched"))?;
    let response: web_sys::Response = response.unchecked_into();
    if !response.ok() {
        return Err(format!("{url} answered {}", response.status()));
    }
    let buffer = JsFuture::from(
        response
            .array_buffer()
            .map_err(|_| "the model could not be read")?,
    )
    .await
    .map_err(|_| "the model could not be read")?;
    let bytes = js_sys::Uint8Array::new(&buffer).to_vec();
    Models::from_bytes(&bytes).map_err(|e| e.to_string())
}
