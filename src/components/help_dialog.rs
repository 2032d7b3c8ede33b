use crate::app::use_app;
use crate::keys::SHORTCUTS;
use crate::state::Action;
use web_sys::HtmlDetailsElement;
use yew::prelude::*;

/// The keyboard shortcuts, opened by its button or by `?`.
#[function_component(HelpDialog)]
pub fn help_dialog() -> Html {
    let app = use_app();
    let ontoggle = {
        let app = app.clone();
        Callback::from(move |e: Event| {
            let details: HtmlDetailsElement = e.target_unchecked_into();
            if details.open() != app.ui.help_open {
                app.dispatch(Action::ShowHelp(details.open()));
            }
        })
    };
    let close = {
        let app = app.clone();
        Callback::from(move |_| app.dispatch(Action::ShowHelp(false)))
    };
    html! {
        <details class="help" data-testid="shortcut-help" open={app.ui.help_open} {ontoggle}>
            <summary title="Keyboard shortcuts (?)" aria-keyshortcuts="?">{ "Shortcuts (?)" }</summary>
            if app.ui.help_open {
                <div class="help-body" role="dialog" aria-label="Keyboard shortcuts">
                    <h2>{ "Keyboard shortcuts" }</h2>
                    <table>
                        <tbody>
                            { for SHORTCUTS.iter().map(|(keys, what)| html! {
                                <tr><th scope="row"><kbd>{ *keys }</kbd></th><td>{ *what }</td></tr>
                            }) }
                        </tbody>
                    </table>
                    <p class="hint">{ "Select text with the mouse, by touch, or from the keyboard: type it in the search box (/) and press Enter to select the next match, then e to open the highlight editor." }</p>
                    <button onclick={close}>{ "Close" }</button>
                </div>
            }
        </details>
    }
}
