//! The language engine of Article Annotator: pure text in, [`Analysis`] out.
//!
//! No web, DOM, storage or network dependencies: the same code serves the page (compiled to
//! WebAssembly), the `annotate` command-line program and the tests.

pub mod analysis;
pub mod binary;
pub mod entities;
pub mod groups;
pub mod hash;
pub mod linear;
pub mod models;
pub mod output;
pub mod quotes;
pub mod span;
pub mod syntax;
pub mod text;
pub mod wire;

pub use analysis::{
    Analysis, Confidence, Entity, Group, GroupId, Label, Quote, QuoteKind, Speaker,
};
pub use span::{CharIndex, Span};
pub use text::Document;

pub use entities::{Model, ModelError};
pub use models::Models;

/// The model file compiled into the engine (the CLI and tests use it; the page loads the same
/// bytes at run time instead, so WebAssembly builds never embed it, whatever the features).
#[cfg(all(feature = "embedded-model", not(target_arch = "wasm32")))]
pub const EMBEDDED_MODEL: &[u8] = include_bytes!("../model/model.bin");

/// Analyses texts with optional trained models; without them, names and quotes come from the
/// rules.
#[derive(Debug, Clone, Default)]
pub struct Engine {
    models: Option<Models>,
}

impl Engine {
    pub fn new(models: Option<Models>) -> Engine {
        Engine { models }
    }

    /// An engine with the compiled-in models, when the `embedded-model` feature is on (native
    /// builds only).
    pub fn embedded() -> Engine {
        #[cfg(all(feature = "embedded-model", not(target_arch = "wasm32")))]
        {
            let models = Models::from_bytes(EMBEDDED_MODEL).expect("the embedded model loads");
            Engine::new(Some(models))
        }
        #[cfg(not(all(feature = "embedded-model", not(target_arch = "wasm32"))))]
        Engine::new(None)
    }

    pub fn models(&self) -> Option<&Models> {
        self.models.as_ref()
    }

    /// The name model, if one is loaded.
    pub fn model(&self) -> Option<&Model> {
        self.models.as_ref().map(|m| &m.names)
    }

    /// Tags and parses the sentences of a document that may hold quotes or their cues, if the
    /// engine has a syntax model.
    pub fn syntax(&self, doc: &Document) -> Option<syntax::Syntax> {
        let m = self.models.as_ref()?;
        let s = m.syntax.as_ref()?;
        Some(s.analyze(doc, Some(&m.names.clusters), |k| {
            quotes::needs_syntax(doc, k)
        }))
    }

    /// Analyses one text: paragraphs, entities, quotes with speakers, and mention groups.
    pub fn analyze(&self, text: &str) -> Analysis {
        self.analyze_with(text, quotes::learned::Parts::ALL)
    }

    /// [`Engine::analyze`] with only some of the learned quote parts (for ablations).
    pub fn analyze_with(&self, text: &str, parts: quotes::learned::Parts) -> Analysis {
        let doc = Document::new(text);
        let mut entities = entities::detect_with(&doc, self.model());
        let syntax = self.syntax(&doc);
        let quote_model = self.models.as_ref().and_then(|m| m.quotes.as_ref());
        let mut quotes = quotes::detect(&doc, &entities, syntax.as_ref(), quote_model, parts);
        let groups = groups::group(text, &mut entities, &mut quotes);
        Analysis {
            paragraphs: doc.paragraphs.iter().map(|p| p.span).collect(),
            entities,
            quotes,
            groups,
        }
    }
}

/// The paragraphs of `text`, as [`Engine::analyze`] finds them, without the rest of the
/// analysis: what a page can lay out at once while the analysis is made elsewhere.
pub fn paragraphs(text: &str) -> Vec<Span> {
    text::paragraph_spans(text)
}

/// Analyses one text with the embedded model when the engine has one (see [`Engine`]).
pub fn analyze(text: &str) -> Analysis {
    static ENGINE: std::sync::OnceLock<Engine> = std::sync::OnceLock::new();
    ENGINE.get_or_init(Engine::embedded).analyze(text)
}

/// The engine with its embedded name model and the quote rules alone (no syntax or quote
/// model), for tests of the rules.
#[cfg(all(test, feature = "embedded-model"))]
pub(crate) fn rules_engine() -> &'static Engine {
    static ENGINE: std::sync::OnceLock<Engine> = std::sync::OnceLock::new();
    ENGINE.get_or_init(|| {
        let names = Engine::embedded()
            .model()
            .cloned()
            .expect("the embedded name model");
        Engine::new(Some(Models::names_only(names)))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn without_a_model_the_rules_find_names() {
        let text = "President Joe Smith flew to Baghdad on Monday.";
        let engine = Engine::new(None);
        assert!(engine.model().is_none());
        let names: Vec<&str> = engine
            .analyze(text)
            .entities
            .iter()
            .filter(|e| e.label.is_name())
            .map(|e| e.span.slice(text))
            .collect();
        assert!(names.contains(&"Baghdad"), "{names:?}");
    }

    #[cfg(feature = "embedded-model")]
    #[test]
    fn the_embedded_model_loads_and_is_used_by_analyze() {
        let engine = Engine::embedded();
        assert!(engine.model().is_some());
        let text = "Shares of Volkswagen fell in Frankfurt after Herbert Diess spoke.";
        assert_eq!(analyze(text), engine.analyze(text));
        let labels: Vec<(&str, Label)> = analyze(text)
            .entities
            .iter()
            .map(|e| (e.span.slice(text), e.label))
            .collect();
        assert!(labels.contains(&("Frankfurt", Label::Loc)), "{labels:?}");
        assert!(
            labels.contains(&("Herbert Diess", Label::Per)),
            "{labels:?}"
        );
    }
}
