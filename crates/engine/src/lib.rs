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

/// Analyses one text: paragraphs, entities, quotes with speakers, and mention groups.
pub fn analyze(text: &str) -> Analysis {
    let doc = Document::new(text);
    let mut entities = entities::detect(&doc);
    let mut quotes = quotes::detect(&doc, &entities);
    let groups = groups::group(text, &mut entities, &mut quotes);
    Analysis {
        paragraphs: doc.paragraphs.iter().map(|p| p.span).collect(),
        entities,
        quotes,
        groups,
    }
}
