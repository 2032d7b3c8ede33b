//! Loads the engine's models (names, syntax, quotes: one content-hashed file) after the page's
//! first render. The page fetches the file; its bytes are decoded in the analysis worker, or in
//! the page when there is none.

use annotator_engine::Models;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// The content of `<meta name="{name}">`, where the build writes its hashed file names.
pub fn meta(name: &str) -> Result<String, String> {
    let doc = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("the page has no document")?;
    let meta = doc
        .query_selector(&format!("meta[name={name}]"))
        .ok()
        .flatten()
        .ok_or_else(|| format!("the page does not name its {name}"))?;
    let meta: web_sys::HtmlMetaElement = meta.unchecked_into();
    Ok(meta.content())
}

/// Fetches the model file named in `<meta name="engine-model">` (its bytes, not decoded).
pub async fn fetch_bytes() -> Result<js_sys::Uint8Array, String> {
    let url = meta("engine-model")?;
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
    Ok(js_sys::Uint8Array::new(&buffer))
}

/// Decodes model bytes.
pub fn decode(bytes: &js_sys::Uint8Array) -> Result<Models, String> {
    Models::from_bytes(&bytes.to_vec()).map_err(|e| e.to_string())
}

/// Fetches and decodes the model file.
pub async fn load() -> Result<Models, String> {
    decode(&fetch_bytes().await?)
}
