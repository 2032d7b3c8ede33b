//! The analysis worker and the page's side of it.
//!
//! The page starts `analysis-worker-<hash>.js` (written by the build from
//! `assets/analysis-worker.js`) as a module worker and posts it this page's compiled
//! `WebAssembly.Module`; the worker instantiates it, and its `main` finds no window and calls
//! [`serve`]. Meanwhile the page fetches the model file and hands its bytes over (transferred,
//! not copied). The worker analyses with the rules until then, decodes the models, says it is
//! ready, and then warms the engine up on the built-in sample, so that the browser has compiled
//! the engine's hot code before the first long text. Analyses travel back as bytes
//! (`annotator_engine::wire`), read against the text asked about.
//!
//! After the module, messages are arrays whose first item names them:
//! - page to worker: `["model", bytes]`, `["analyse", number, text]`;
//! - worker to page: `["started"]`, `["ready"]`, `["failed", why]`,
//!   `["analysed", number, bytes]`.

use crate::error::AppError;
use crate::state::{Action, AppState, EngineHandle, Request};
use annotator_engine::{wire, Engine};
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent, Worker, WorkerOptions, WorkerType};
use yew::UseReducerDispatcher;

/// How many times the worker analyses the sample once the models are in.
const WARM_UPS: usize = 8;

fn message(items: &[JsValue]) -> js_sys::Array {
    items.iter().collect()
}

fn kind_of(data: &JsValue) -> Option<(String, js_sys::Array)> {
    let items: js_sys::Array = data.clone().dyn_into().ok()?;
    Some((items.get(0).as_string()?, items))
}

/// The worker's side: answers the page's messages until the worker is closed.
pub fn serve(scope: DedicatedWorkerGlobalScope) {
    let engine = Rc::new(RefCell::new(Rc::new(Engine::embedded())));
    let onmessage = {
        let scope = scope.clone();
        Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
            let Some((kind, items)) = kind_of(&e.data()) else {
                return;
            };
            match kind.as_str() {
                "model" => {
                    let bytes: js_sys::Uint8Array = items.get(1).unchecked_into();
                    wasm_bindgen_futures::spawn_local(load(bytes, scope.clone(), engine.clone()));
                }
                "analyse" => {
                    let number = items.get(1);
                    let text = items.get(2).as_string().unwrap_or_default();
                    let analysis = engine.borrow().analyze(&text);
                    let bytes = js_sys::Uint8Array::from(&wire::encode(&analysis)[..]);
                    let transfer = message(&[bytes.buffer().into()]);
                    let reply = message(&["analysed".into(), number, bytes.into()]);
                    let _ = scope.post_message_with_transfer(&reply, &transfer);
                }
                _ => {}
            }
        })
    };
    scope.set_onmessage(Some(onmessage.as_ref().unchecked_ref()));
    onmessage.forget();
    let _ = scope.post_message(&message(&["started".into()]));
}

async fn load(
    bytes: js_sys::Uint8Array,
    scope: DedicatedWorkerGlobalScope,
    engine: Rc<RefCell<Rc<Engine>>>,
) {
    match crate::model_loader::decode(&bytes) {
        Ok(models) => {
            *engine.borrow_mut() = Rc::new(Engine::new(Some(models)));
            let _ = scope.post_message(&message(&["ready".into()]));
            // Each warm-up run is its own task, so a request waits for one at most.
            for _ in 0..WARM_UPS {
                next_task(&scope).await;
                let current = engine.borrow().clone();
                std::hint::black_box(current.analyze(crate::sample::SAMPLE));
            }
        }
        Err(why) => {
            let _ = scope.post_message(&message(&["failed".into(), why.into()]));
        }
    }
}

fn send(worker: &Worker, m: &js_sys::Array, transfer: Option<&js_sys::Array>) {
    let _ = match transfer {
        Some(t) => worker.post_message_with_transfer(m, t),
        None => worker.post_message(m),
    };
}

/// Resolves in a later task, so that messages waiting meanwhile are handled first.
async fn next_task(scope: &DedicatedWorkerGlobalScope) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = scope.set_timeout_with_callback(&resolve);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// The page's side: the worker, and the latest request, whose answer is the only one read.
pub struct Client {
    worker: Worker,
    started: Cell<bool>,
    /// Messages waiting for the worker to start.
    queue: RefCell<Vec<(js_sys::Array, Option<js_sys::Array>)>>,
    latest: RefCell<Option<Request>>,
    _onmessage: Closure<dyn FnMut(MessageEvent)>,
    _onerror: Closure<dyn FnMut(web_sys::Event)>,
}

impl Client {
    /// Starts the worker. `None` when the page names no worker or the browser cannot start
    /// one; `fallback` runs if the worker fails before it starts (a browser without module
    /// workers), so the page can load the models itself.
    pub fn start(
        dispatcher: UseReducerDispatcher<AppState>,
        fallback: impl FnOnce() + 'static,
    ) -> Option<Rc<Client>> {
        let script = crate::model_loader::meta("analysis-worker").ok()?;
        let options = WorkerOptions::new();
        options.set_type(WorkerType::Module);
        let worker = Worker::new_with_options(&script, &options).ok()?;
        // The first message: this page's compiled module, which the worker instantiates.
        worker.post_message(&wasm_bindgen::module()).ok()?;
        let client = Rc::new_cyclic(|weak: &std::rc::Weak<Client>| {
            let onmessage = {
                let weak = weak.clone();
                let dispatcher = dispatcher.clone();
                Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
                    let (Some(client), Some((kind, items))) = (weak.upgrade(), kind_of(&e.data()))
                    else {
                        return;
                    };
                    client.receive(&kind, &items, &dispatcher);
                })
            };
            let onerror = {
                let weak = weak.clone();
                let mut fallback = Some(fallback);
                Closure::<dyn FnMut(web_sys::Event)>::new(move |_| {
                    if weak.upgrade().is_some_and(|c| !c.started.get()) {
                        if let Some(f) = fallback.take() {
                            f();
                        }
                    }
                })
            };
            worker.set_onmessage(Some(onmessage.as_ref().unchecked_ref()));
            worker.set_onerror(Some(onerror.as_ref().unchecked_ref()));
            Client {
                worker,
                started: Cell::new(false),
                queue: RefCell::default(),
                latest: RefCell::default(),
                _onmessage: onmessage,
                _onerror: onerror,
            }
        });
        Some(client)
    }

    /// Hands the model file's bytes to the worker (moved, not copied).
    pub fn send_model(&self, bytes: js_sys::Uint8Array) {
        let transfer = message(&[bytes.buffer().into()]);
        self.post(message(&["model".into(), bytes.into()]), Some(transfer));
    }

    /// Asks for an analysis of `request`'s text; only the latest request's answer is read.
    pub fn analyse(&self, request: &Request) {
        *self.latest.borrow_mut() = Some(request.clone());
        let number = JsValue::from_f64(request.number as f64);
        self.post(
            message(&["analyse".into(), number, JsValue::from_str(&request.text)]),
            None,
        );
    }

    /// Posts `m` (moving the buffers in `transfer`), or keeps it until the worker has started.
    fn post(&self, m: js_sys::Array, transfer: Option<js_sys::Array>) {
        if self.started.get() {
            send(&self.worker, &m, transfer.as_ref());
        } else {
            self.queue.borrow_mut().push((m, transfer));
        }
    }

    fn receive(
        &self,
        kind: &str,
        items: &js_sys::Array,
        dispatcher: &UseReducerDispatcher<AppState>,
    ) {
        match kind {
            "started" => {
                self.started.set(true);
                for (m, transfer) in self.queue.take() {
                    send(&self.worker, &m, transfer.as_ref());
                }
            }
            "ready" => dispatcher.dispatch(Action::ModelLoaded(Ok(EngineHandle::Worker))),
            "failed" => dispatcher.dispatch(Action::ModelLoaded(Err(items
                .get(1)
                .as_string()
                .unwrap_or_default()))),
            "analysed" => {
                let number = items.get(1).as_f64().unwrap_or(-1.0);
                let latest = self.latest.borrow().clone();
                let Some(request) = latest.filter(|r| r.number as f64 == number) else {
                    return;
                };
                let bytes = js_sys::Uint8Array::new(&items.get(2)).to_vec();
                // Decoded in this task, taken in (review, highlights, the first slice) in the
                // next, so that a long article's answer does not hold the page in one long task.
                let action = match wire::decode(&bytes, &request.text) {
                    Ok(analysis) => Action::Analysed(request.number, Rc::new(analysis)),
                    Err(e) => Action::Failed(AppError::AnalysisUnreadable(e.to_string())),
                };
                let dispatcher = dispatcher.clone();
                gloo::timers::callback::Timeout::new(0, move || dispatcher.dispatch(action))
                    .forget();
            }
            _ => {}
        }
    }
}
