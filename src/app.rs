//! The root component: loads the saved document, provides the state, saves on every change.

use crate::components::{
    ArticleView, Credits, EditorPanel, ErrorBanner, InputPanel, SidePanel, Toolbar,
};
use crate::state::{Action, AppState};
use crate::storage::Store;
use yew::prelude::*;

/// The state handle every component reaches through [`use_app`].
pub type AppHandle = UseReducerHandle<AppState>;

/// The app's state and dispatcher, from any component under [`App`].
#[hook]
pub fn use_app() -> AppHandle {
    use_context::<AppHandle>().expect("components are rendered inside App")
}

#[function_component(App)]
pub fn app() -> Html {
    let state = use_reducer(|| {
        let (store, loaded) = Store::open();
        AppState::new(store, loaded)
    });

    // The one effect that saves: whenever the document changes.
    {
        let dispatcher = state.dispatcher();
        let store = state.store.clone();
        use_effect_with(state.document.clone(), move |doc| match store.save(doc) {
            Ok(()) => dispatcher.dispatch(Action::Saved),
            Err(e) => dispatcher.dispatch(Action::Failed(e)),
        });
    }

    html! {
        <ContextProvider<AppHandle> context={state}>
            <div class="app">
                <Toolbar />
                <ErrorBanner />
                <main class="layout">
                    <InputPanel />
                    <ArticleView />
                    <aside class="right">
                        <EditorPanel />
                        <SidePanel />
                    </aside>
                </main>
                <Credits />
            </div>
        </ContextProvider<AppHandle>>
    }
}
