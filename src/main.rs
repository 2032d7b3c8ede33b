use wasm_bindgen::JsCast;

/// In the page, the app; in the analysis worker (the same module, see `worker`), the analyser.
fn main() {
    match js_sys::global().dyn_into::<web_sys::DedicatedWorkerGlobalScope>() {
        Ok(scope) => article_annotator::worker::serve(scope),
        Err(_) => {
            yew::Renderer::<article_annotator::App>::new().render();
            article_annotator::offline::register_service_worker();
        }
    }
}
