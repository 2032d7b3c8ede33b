//! Article Annotator, the web app: paste an article, see its quotes and names, add notes, keep
//! everything in this browser, export it as JSON.
//!
//! The language work is done by `annotator_engine`; this crate holds the user's document, the
//! one reducer that changes it, storage, export, and the components that draw it.

pub mod app;
pub mod components;
pub mod document;
pub mod dom;
pub mod error;
pub mod export;
pub mod html;
pub mod keys;
pub mod library;
pub mod merge;
pub mod model_loader;
pub mod offline;
pub mod panel;
pub mod render;
pub mod review;
pub mod sample;
pub mod spans;
pub mod state;
pub mod storage;
pub mod worker;

pub use app::App;
