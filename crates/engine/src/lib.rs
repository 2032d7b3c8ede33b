//! The language engine of Article Annotator: pure text in, [`Analysis`] out.
//!
//! No web, DOM, storage or network dependencies: the same code serves the page (compiled to
//! WebAssembly), the `annotate` command-line program and the tests.

pub mod analysis;
pub mod entities;
pub mod groups;
pub mod output;
pub mod quotes;
pub mod span;
pub mod text;

pub use analysis::{Analysis, Entity, Group, GroupId, Label, Quote, QuoteKind, Speaker};
pub use span::{CharIndex, Span};
pub use text::Document;

pub use entities::{Model, ModelError};

/// The name model compiled into the engine (the CLI and tests use it; the page loads the same
/// bytes at run time instead).
#[cfg(feature = "embedded-model")]
pub const EMBEDDED_MODEL: &[u8] = include_bytes!("../model/ner.bin");

/// Analyses texts with an optional name model; without one, names come from the rules.
#[derive(Debug, Clone, Default)]
pub struct Engine {
    model: Option<Model>,
}

impl Engine {
    pub fn new(model: Option<Model>) -> Engine {
        Engine { model }
    }

    /// An engine with the compiled-in model, when the `embedded-model` feature is on.
    pub fn embedded() -> Engine {
        #[cfg(feature = "embedded-model")]
        {
            let model = Model::from_bytes(EMBEDDED_MODEL).expect("the embedded name model loads");
            Engine::new(Some(model))
        }
        #[cfg(not(feature = "embedded-model"))]
        Engine::new(None)
    }

    pub fn model(&self) -> Option<&Model> {
        self.model.as_ref()
    }

    /// Analyses one text: paragraphs, entities, quotes with speakers, and mention groups.
    pub fn analyze(&self, text: &str) -> Analysis {
        let doc = Document::new(text);
        let mut entities = entities::detect_with(&doc, self.model.as_ref());
        let mut quotes = quotes::detect(&doc, &entities);
        let groups = groups::group(text, &mut entities, &mut quotes);
        Analysis {
            paragraphs: doc.paragraphs.iter().map(|p| p.span).collect(),
            entities,
            quotes,
            groups,
        }
    }
}

/// Analyses one text with the embedded model when the engine has one (see [`Engine`]).
pub fn analyze(text: &str) -> Analysis {
    static ENGINE: std::sync::OnceLock<Engine> = std::sync::OnceLock::new();
    ENGINE.get_or_init(Engine::embedded).analyze(text)
}
