use crate::app::use_app;
use crate::state::Action;
use yew::prelude::*;

/// Messages the user must see: storage problems, unreadable saved data, failed exports.
#[function_component(ErrorBanner)]
pub fn error_banner() -> Html {
    let app = use_app();
    if app.errors.is_empty() {
        return html! {};
    }
    let dismiss = {
        let app = app.clone();
        Callback::from(move |_| app.dispatch(Action::DismissErrors))
    };
    html! {
        <div class="error-banner" role="alert" data-testid="error-banner">
            <ul>
                { for app.errors.iter().map(|e| html! { <li>{ e.to_string() }</li> }) }
            </ul>
            <button class="dismiss" onclick={dismiss} aria-label="Dismiss these messages">{ "Dismiss" }</button>
        </div>
    }
}
