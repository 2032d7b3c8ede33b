use crate::app::use_app;
use crate::state::Action;
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

/// The text box, with Analyze and "Try a sample".
#[function_component(InputPanel)]
pub fn input_panel() -> Html {
    let app = use_app();
    let oninput = {
        let app = app.clone();
        Callback::from(move |e: InputEvent| {
            let area: HtmlTextAreaElement = e.target_unchecked_into();
            app.dispatch(Action::EditDraft(area.value()));
        })
    };
    let analyze = {
        let app = app.clone();
        Callback::from(move |_| app.dispatch(Action::Analyze))
    };
    let sample = {
        let app = app.clone();
        Callback::from(move |_| app.dispatch(Action::LoadSample))
    };
    html! {
        <section class="input-panel" aria-label="Article text">
            <label for="article-input">{ "Paste an article" }</label>
            <textarea id="article-input" data-testid="article-input" value={app.draft.clone()} {oninput}
                placeholder="Paste the text of a news article here, then press Analyze." spellcheck="false" />
            <div class="buttons">
                <button class="primary" data-testid="analyze" onclick={analyze}>{ "Analyze" }</button>
                <button data-testid="sample" onclick={sample}>{ "Try a sample" }</button>
            </div>
            <p class="privacy">{ "Everything stays in this browser tab: nothing you paste is sent anywhere." }</p>
        </section>
    }
}
