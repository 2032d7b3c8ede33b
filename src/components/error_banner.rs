use crate::app::use_app;
use crate::components::toolbar::{export_as, send, Format};
use crate::error::AppError;
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
    let full = app
        .errors
        .iter()
        .any(|e| matches!(e, AppError::StorageFull { .. }));
    html! {
        <div class="error-banner" role="alert" data-testid="error-banner">
            <ul>
                { for app.errors.iter().map(|e| html! { <li>{ e.to_string() }</li> }) }
            </ul>
            if full {
                // What did not fit is still in the tab: offer to keep a copy, or to make room.
                <div class="buttons">
                    <button data-testid="full-export" onclick={export_as(&app, Format::Native)}>{ "Export this article" }</button>
                    <button data-testid="full-library" onclick={send(&app, Action::ShowLibrary(true))}>{ "Free space in the Library" }</button>
                </div>
            }
            <button class="dismiss" onclick={dismiss} aria-label="Dismiss these messages">{ "Dismiss" }</button>
        </div>
    }
}
