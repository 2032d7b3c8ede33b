//! Offline use: registers the service worker that the build writes (`sw.js`, made from
//! `assets/sw.js` by `tools/trunk-post-build.sh`), so that after a first visit the page loads and
//! works with no network at all.

/// Registers `sw.js` when the browser offers service workers (only in a secure context: https,
/// or a local address). A failure only means there is no offline copy; the page works as before.
pub fn register_service_worker() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let navigator = window.navigator();
    if !js_sys::Reflect::has(&navigator, &"serviceWorker".into()).unwrap_or(false) {
        return;
    }
    let registered = navigator.service_worker().register("sw.js");
    wasm_bindgen_futures::spawn_local(async move {
        if let Err(e) = wasm_bindgen_futures::JsFuture::from(registered).await {
            gloo::console::warn!("Article Annotator will not work offline:", e);
        }
    });
}
