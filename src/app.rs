//! The root component: loads the library, provides the state, and runs the page's effects: the
//! one that saves, the theme, the highlight colours, and the keyboard.

use crate::components::{
    ArticleView, Credits, EditorPanel, ErrorBanner, InputPanel, SidePanel, Toolbar,
};
use crate::keys::{command, Command, Press};
use crate::library::{colour_class, ink_on, Colour};
use crate::state::{Action, AppState, EngineHandle, Env, InputMode, ModelStatus, Outbox, Selected};
use crate::storage::Store;
use annotator_engine::Engine;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::prelude::*;

/// The state handle every component reaches through [`use_app`].
pub type AppHandle = UseReducerHandle<AppState>;

/// The app's state and dispatcher, from any component under [`App`].
#[hook]
pub fn use_app() -> AppHandle {
    use_context::<AppHandle>().expect("components are rendered inside App")
}

/// The browser's clock and random numbers.
fn browser_env() -> Env {
    fn now() -> u64 {
        js_sys::Date::now() as u64
    }
    fn random() -> u64 {
        (js_sys::Math::random() * 9_007_199_254_740_992.0) as u64
    }
    Env { now, random }
}

/// Fetches the models and analyses in the page itself (when there is no worker).
fn load_models_here(dispatcher: yew::UseReducerDispatcher<AppState>) {
    wasm_bindgen_futures::spawn_local(async move {
        let loaded = crate::model_loader::load().await;
        dispatcher.dispatch(Action::ModelLoaded(
            loaded.map(|m| EngineHandle::Here(Rc::new(Engine::new(Some(m))))),
        ));
    });
}

#[function_component(App)]
pub fn app() -> Html {
    let state = use_reducer(|| {
        let env = browser_env();
        let (store, loaded) = Store::open(|| env.new_id());
        AppState::new(store, loaded, Engine::embedded(), env)
    });

    // After the first render, start the analysis worker and fetch the model file for it (the
    // text box works meanwhile, with the rules). Without a worker, the page fetches the model
    // and analyses itself.
    let worker = use_mut_ref(|| None::<Rc<crate::worker::Client>>);
    {
        let dispatcher = state.dispatcher();
        let needed = state.model == ModelStatus::Loading;
        let worker = worker.clone();
        use_effect_with((), move |_| {
            if needed {
                let here = {
                    let dispatcher = dispatcher.clone();
                    move || load_models_here(dispatcher)
                };
                let client = crate::worker::Client::start(dispatcher.clone(), here.clone());
                match &client {
                    // The page fetches the model while the worker starts, and hands it over.
                    Some(client) => {
                        let client = client.clone();
                        wasm_bindgen_futures::spawn_local(async move {
                            match crate::model_loader::fetch_bytes().await {
                                Ok(bytes) => client.send_model(bytes),
                                Err(why) => dispatcher.dispatch(Action::ModelLoaded(Err(why))),
                            }
                        });
                    }
                    None => here(),
                }
                *worker.borrow_mut() = client;
            }
        });
    }
    // Each request for an analysis goes to the worker.
    use_effect_with(state.request.clone(), move |request| {
        if let (Some(request), Some(client)) = (request, worker.borrow().as_ref()) {
            client.analyse(request);
        }
    });

    // The one effect that saves: whenever an article or the preferences change, in a task of
    // its own after the change is painted, so that writing a long article does not delay what
    // the user sees. A newer change before then is saved instead (it holds the older one). A page
    // being hidden or closed saves at once: it asks the reducer for the newest state, because
    // the renderer may have drawn a change whose effects (this one) have not run yet.
    let outbox = use_memo((), |_| Outbox::default());
    let save = {
        let dispatcher = state.dispatcher();
        let store = state.store.clone();
        let outbox = (*outbox).clone();
        use_memo((), move |_| {
            Rc::new(move || {
                let Some((library, prefs)) = outbox.take() else {
                    return;
                };
                dispatcher.dispatch(Action::Synced(store.sync(&library, &prefs)));
                let conflicts = store.take_conflicts();
                if !conflicts.is_empty() {
                    dispatcher.dispatch(Action::Merge(conflicts));
                }
            })
        })
    };
    {
        let save = save.clone();
        let outbox = (*outbox).clone();
        use_effect_with(
            (state.library.clone(), state.prefs.clone()),
            move |(library, prefs)| {
                outbox.put(library.clone(), prefs.clone());
                // A save that finds nothing waiting (a later one took it) does nothing.
                let save = (*save).clone();
                crate::dom::after_next_paint(move || save());
            },
        );
    }
    {
        let dispatcher = state.dispatcher();
        use_effect_with((), move |_| {
            let leave = Rc::new(move || {
                dispatcher.dispatch(Action::Leaving((*outbox).clone()));
                save();
            });
            let on_hide = {
                let leave = leave.clone();
                gloo::events::EventListener::new(&gloo::utils::window(), "pagehide", move |_| {
                    leave()
                })
            };
            let on_hidden = gloo::events::EventListener::new(
                &gloo::utils::document(),
                "visibilitychange",
                move |_| {
                    if gloo::utils::document().hidden() {
                        leave();
                    }
                },
            );
            move || drop((on_hide, on_hidden))
        });
    }

    // Another tab's changes: the `storage` event names the entry; the store says what changed
    // there since this tab last saw it, and the reducer takes or merges it.
    {
        let dispatcher = state.dispatcher();
        let store = state.store.clone();
        use_effect_with((), move |_| {
            let listener =
                gloo::events::EventListener::new(&gloo::utils::window(), "storage", move |e| {
                    let e: &web_sys::StorageEvent = e.unchecked_ref();
                    let Some(key) = e.key() else { return };
                    match store.changed_elsewhere(&key) {
                        Some(Ok(c)) => dispatcher.dispatch(Action::Merge(vec![c])),
                        Some(Err(error)) => dispatcher.dispatch(Action::Failed(error)),
                        None => {}
                    }
                });
            move || drop(listener)
        });
    }

    // The theme: an attribute on <html> that the stylesheet reads.
    use_effect_with(state.prefs.theme, |theme| {
        if let Some(root) = gloo::utils::document().document_element() {
            let _ = root.set_attribute("data-theme", theme.as_str());
        }
    });

    // Highlight colours: rules in a stylesheet made through the CSSOM (never inline styles).
    {
        let colours = use_memo(
            (state.prefs.clone(), state.library.clone()),
            |(prefs, library)| {
                let mut all: Vec<Colour> = prefs.colours.clone();
                for a in library.iter() {
                    for n in &a.doc.notes {
                        if let Some(crate::document::NoteLabel::Colour { name, color }) = &n.label {
                            all.push(Colour {
                                name: name.clone(),
                                color: color.clone(),
                            });
                        }
                    }
                }
                all.retain(|c| {
                    crate::library::normalise_colour(&c.color).as_ref() == Some(&c.color)
                });
                all.sort_by(|a, b| a.color.cmp(&b.color));
                all.dedup_by(|a, b| a.color == b.color);
                all
            },
        );
        use_effect_with(colours, |colours| set_colour_rules(colours));
    }

    // The keyboard: shortcuts anywhere on the page (see keys.rs).
    {
        let handle = use_mut_ref(|| state.clone());
        *handle.borrow_mut() = state.clone();
        use_effect_with((), move |_| {
            // Not passive (gloo's default), so that a shortcut's key does not also type or
            // scroll.
            let listener = gloo::events::EventListener::new_with_options(
                &gloo::utils::document(),
                "keydown",
                gloo::events::EventListenerOptions::enable_prevent_default(),
                move |e| {
                    let e: &web_sys::KeyboardEvent = e.unchecked_ref();
                    let state = handle.borrow().clone();
                    on_key(&state, e);
                },
            );
            move || drop(listener)
        });
    }

    let model = state.model.as_str();
    let wide = state.ui.input == InputMode::Hidden;
    html! {
        <ContextProvider<AppHandle> context={state}>
            <div class="app" data-model={model}>
                <a class="skip-link" href="#article">{ "Skip to the article" }</a>
                <Toolbar />
                <ErrorBanner />
                <main class={classes!("layout", wide.then_some("wide"))}>
                    <InputPanel />
                    <ArticleView />
                    <aside class="right" aria-label="Editor and summary">
                        <EditorPanel />
                        <SidePanel />
                    </aside>
                </main>
                <Credits />
            </div>
        </ContextProvider<AppHandle>>
    }
}

/// What a key press does, given the state it was pressed in.
fn on_key(state: &AppHandle, e: &web_sys::KeyboardEvent) {
    let target = e
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok());
    let tag = target
        .as_ref()
        .map(|t| t.tag_name().to_ascii_lowercase())
        .unwrap_or_default();
    let in_field = matches!(tag.as_str(), "input" | "textarea" | "select")
        || target
            .as_ref()
            .is_some_and(|t| t.closest("[contenteditable]").ok().flatten().is_some());
    let key = e.key();
    let Some(cmd) = command(Press {
        key: &key,
        ctrl: e.ctrl_key() || e.meta_key(),
        shift: e.shift_key(),
        alt: e.alt_key(),
        in_field,
    }) else {
        return;
    };
    // Enter on a button or a link is that button's.
    if cmd == Command::OpenEditor
        && key == "Enter"
        && matches!(tag.as_str(), "button" | "a" | "summary")
    {
        return;
    }
    let detection = match state.ui.selected {
        Some(Selected::Detection(t, k)) => Some((t, k)),
        _ => None,
    };
    let action = match cmd {
        Command::Undo => Some(Action::Undo),
        Command::Redo => Some(Action::Redo),
        Command::Next => Some(Action::Step(true)),
        Command::Previous => Some(Action::Step(false)),
        Command::Accept => {
            detection.map(|(t, k)| Action::Decide(t, k, crate::document::Change::Accept))
        }
        Command::Reject => {
            detection.map(|(t, k)| Action::Decide(t, k, crate::document::Change::Reject))
        }
        Command::MoveEdge(edge, forward) => Some(Action::MoveEdge(edge, forward)),
        Command::Help => Some(Action::ShowHelp(!state.ui.help_open)),
        Command::Close => {
            if in_field {
                if let Some(el) = target.and_then(|t| t.dyn_into::<web_sys::HtmlElement>().ok()) {
                    let _ = el.blur();
                }
                None
            } else if state.ui.help_open {
                Some(Action::ShowHelp(false))
            } else {
                Some(Action::CloseEditor)
            }
        }
        Command::ChangeSpeaker => {
            crate::dom::focus("#set-speaker, #set-label");
            None
        }
        Command::OpenEditor => {
            crate::dom::focus(".editor input, .editor select, .editor textarea, .editor button");
            None
        }
        Command::Search => {
            crate::dom::focus("#search");
            None
        }
    };
    e.prevent_default();
    if let Some(a) = action {
        state.dispatch(a);
    }
}

/// One rule per highlight colour in a stylesheet of its own, adopted by the document.
fn set_colour_rules(colours: &[Colour]) {
    let css: String = colours
        .iter()
        .map(|c| {
            format!(
                ".{} {{ background-color: {}; color: {}; }}\n",
                colour_class(&c.color),
                c.color,
                ink_on(&c.color)
            )
        })
        .collect();
    let document = gloo::utils::document();
    thread_local! {
        static SHEET: Option<web_sys::CssStyleSheet> = web_sys::CssStyleSheet::new().ok();
    }
    SHEET.with(|sheet| {
        let Some(sheet) = sheet else { return };
        if sheet.replace_sync(&css).is_err() {
            return;
        }
        let adopted = document.adopted_style_sheets();
        if !adopted.includes(sheet, 0) {
            adopted.push(sheet);
            document.set_adopted_style_sheets(&adopted);
        }
    });
}
