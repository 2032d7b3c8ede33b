//! The browser benchmark page (bench/index.html; `make bench`): the whole analysis of the same
//! texts as the native criterion benchmark, timed in the page, median of five runs.

#[cfg(target_arch = "wasm32")]
fn main() {
    wasm_bindgen_futures::spawn_local(async {
        let report = match run().await {
            Ok(r) => r,
            Err(e) => format!("{{\"error\": {e:?}}}"),
        };
        let doc = gloo::utils::document();
        if let Some(el) = doc.get_element_by_id("result") {
            el.set_text_content(Some(&report));
            let _ = el.set_attribute("data-done", "true");
        }
    });
}

#[cfg(target_arch = "wasm32")]
async fn run() -> Result<String, String> {
    use annotator_engine::{Document, Engine};
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;

    let model = article_annotator::model_loader::load().await?;
    let window = web_sys::window().ok_or("no window")?;
    let response: web_sys::Response = JsFuture::from(window.fetch_with_str("bench-input.txt"))
        .await
        .map_err(|_| "bench-input.txt could not be fetched")?
        .unchecked_into();
    let text = JsFuture::from(response.text().map_err(|_| "no text")?)
        .await
        .map_err(|_| "no text")?
        .as_string()
        .ok_or("not text")?;
    let texts: Vec<&str> = text.split('\u{1e}').filter(|t| !t.is_empty()).collect();
    let tokens: usize = texts.iter().map(|t| Document::new(t).tokens.len()).sum();
    let engine = Engine::new(Some(model));
    let perf = window.performance().ok_or("no performance clock")?;
    let pass = || {
        let t0 = perf.now();
        let mut found = 0;
        for t in &texts {
            found += engine.analyze(t).entities.len();
        }
        (perf.now() - t0, found)
    };
    let (_, entities) = pass(); // warm-up
    let mut runs: Vec<f64> = (0..5).map(|_| pass().0).collect();
    runs.sort_by(f64::total_cmp);
    let median = runs[2];
    Ok(format!(
        "{{\"documents\": {}, \"tokens\": {tokens}, \"entities\": {entities}, \"runs_ms\": {runs:?}, \"median_ms\": {median:.1}, \"tokens_per_s\": {:.0}}}",
        texts.len(),
        tokens as f64 / (median / 1000.0)
    ))
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("the benchmark page runs in a browser: make bench");
}
