//! The root component: loads the saved document, provides the state, saves on every change.

use crate::components::{
    ArticleView, Credits, EditorPanel, ErrorBanner, InputPanel, SidePanel, Toolbar,
};
use crate::state::{Action, AppState, EngineHandle, ModelStatus};
use crate::storage::Store;
use annotator_engine::Engine;
use std::rc::Rc;
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
        AppState::new(store, loaded, Engine::embedded())
    });

    // After the first render, fetch the model file (the text box works meanwhile).
    {
        let dispatcher = state.dispatcher();
        let needed = state.model == ModelStatus::Loading;
        use_effect_with((), move |_| {
            if needed {
                wasm_bindgen_futures::spawn_local(async move {
                    let loaded = crate::model_loader::load().await;
                    dispatcher.dispatch(Action::ModelLoaded(
                        loaded.map(|m| EngineHandle(Rc::new(Engine::new(Some(m))))),
                    ));
                });
            }
        });
    }

    // The one effect that saves: whenever the document changes.
    {
        let dispatcher = state.dispatcher();
        let store = state.store.clone();
        use_effect_with(state.document.clone(), move |doc| match store.save(doc) {
            Ok(()) => dispatcher.dispatch(Action::Saved),
            Err(e) => dispatcher.dispatch(Action::Failed(e)),
        });
    }

    let model = state.model.as_str();
    html! {
        <ContextProvider<AppHandle> context={state}>
            <div class="app" data-model={model}>
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
