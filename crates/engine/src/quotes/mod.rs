//! Quotes and their speakers.
//!
//! 1. [`marks`] pairs quotation marks inside each paragraph into direct-quote spans (every mark
//!    style; plural possessives are not marks). A quote left open continues only into a
//!    paragraph that opens with a mark; in merged paragraphs it ends at a new opening mark or
//!    before a sentence of narration that names a speaker. Nested quotes are paired too.
//! 2. [`fragments`] drops quoted phrases that are not speech: short phrases with no speech or
//!    labelling verb (scare quotes, terms), title-cased names and titles, words mentioned
//!    ("the word 'x'").
//! 3. [`indirect`] finds reported clauses with [`cues`]: after a speech verb (with or without
//!    "that", past listeners and adverbials), before an inverted tag ("..., she said."),
//!    around an interrupting tag, with "according to", nominal cues ("claims that"), findings of
//!    documents ("the survey found"), and headline statements ("...: Name"). A clause must be
//!    finite; one that contains quoted words is a mixed quote and absorbs them.
//! 4. [`attribution`] finds each direct quote's cue (after the closing mark, before the opening
//!    mark, or the verb that governs an embedded phrase) and resolves every subject phrase found
//!    by [`phrases`] to a speaker: names stand for themselves, pronouns take the latest fitting
//!    person (gender from titles and earlier pronouns), descriptions the person with that title or
//!    role, or the organisation with that head word. A quote without a cue continues the
//!    previous quote's speaker, or takes the person last named.
//!
//! Entity labels are hints (person or organisation, names the recogniser found); every rule
//! also works from the words alone, so speakers are found when the recogniser misses a name.

pub mod attribution;
pub mod candidates;
pub mod cues;
pub mod fragments;
pub mod indirect;
pub mod learned;
pub mod marks;
pub mod model;
pub mod phrases;
pub mod reported;
pub mod speakers;

use crate::analysis::{Entity, Quote, QuoteKind};
use crate::span::Span;
use crate::syntax::Syntax;
use crate::text::Document;
use model::QuoteModel;
use phrases::Ctx;

/// A quote found before attribution.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    pub span: Span,
    /// Direct quotes: the span with its marks. Reported clauses: the clause.
    pub outer: Span,
    pub kind: QuoteKind,
    /// Reported clauses: the cue and its subject, found with the clause.
    pub reported: Option<indirect::Reported>,
}

/// Finds direct, indirect and mixed quotes and attributes them: with the learned models when
/// the engine has them and the syntax layer ran, else by the rules alone.
pub fn detect(
    doc: &Document,
    entities: &[Entity],
    syntax: Option<&Syntax>,
    model: Option<&QuoteModel>,
    parts: learned::Parts,
) -> Vec<Quote> {
    let ctx = Ctx::new(doc, entities);
    let candidates = candidates(&ctx);
    match (syntax, model) {
        (Some(syntax), Some(model)) => learned::detect(&ctx, syntax, model, &candidates, parts),
        _ => attribution::attribute(&ctx, &candidates),
    }
}

/// Whether sentence `k` may hold a quote or its cue, so that the syntax layer should look at
/// it: it has a quotation mark, a word of speech (verb or noun), a verb of finding, or
/// "according".
pub fn needs_syntax(doc: &Document, k: usize) -> bool {
    doc.sentences[k].tokens.clone().any(|i| {
        if doc.tokens[i].kind == crate::text::TokenKind::Quote {
            return true;
        }
        doc.tokens[i].kind == crate::text::TokenKind::Word && cues::may_cue(doc.token_text(i))
    })
}

/// All quotes in text order, before attribution.
pub fn candidates(ctx: &Ctx) -> Vec<Candidate> {
    let marked = marks::direct_quotes(ctx.doc);
    let outers: Vec<Span> = marked.iter().map(|m| m.outer).collect();
    let reported = indirect::find(ctx, &outers);
    let mut out: Vec<Candidate> = Vec::with_capacity(marked.len() + reported.len());
    for m in &marked {
        // Quoted words inside a reported clause belong to that (mixed) quote.
        if reported.iter().any(|r| r.span.contains(m.inner)) {
            continue;
        }
        if !fragments::is_quote(ctx, m) {
            continue;
        }
        out.push(Candidate {
            span: m.inner,
            outer: m.outer,
            kind: QuoteKind::Direct,
            reported: None,
        });
        out.extend(nested_speech(ctx, m));
    }
    for r in reported {
        out.push(Candidate {
            span: r.span,
            outer: r.span,
            kind: if r.mixed {
                QuoteKind::Mixed
            } else {
                QuoteKind::Indirect
            },
            reported: Some(r),
        });
    }
    out.sort_by_key(|c| c.span.start());
    out
}

/// Quotes nested in a direct quote that the speaker reports from someone else, with a speech
/// verb just before them (`"... when the mayor said 'come to me' ..."`). Nested titles, adages
/// and thoughts ("she thought, 'well ...'") are not quotes.
fn nested_speech(ctx: &Ctx, outer: &marks::MarkedQuote) -> Vec<Candidate> {
    let floor = ctx.doc.token_at_or_after(outer.inner.start());
    marks::nested(ctx.doc, outer)
        .into_iter()
        .filter(|n| !fragments::mentioned(ctx, n))
        .filter_map(|n| {
            let open = ctx.doc.token_at_or_after(n.outer.start());
            let verb = (floor.max(open.saturating_sub(4))..open).rev().find(|&k| {
                let w = ctx.word(k);
                w.chars().next().is_some_and(char::is_lowercase)
                    && cues::speech_verb(w).is_some()
                    && !cues::is_participle(w)
            })?;
            let subject = ctx.subject_before(verb, floor)?;
            Some(Candidate {
                span: n.inner,
                outer: n.outer,
                kind: QuoteKind::Direct,
                reported: Some(indirect::Reported {
                    span: n.inner,
                    cue: verb,
                    cue_span: ctx.span_of(verb, verb + 1),
                    subject: Some(subject),
                    inherits: false,
                    mixed: false,
                }),
            })
        })
        .collect()
}

#[cfg(all(test, feature = "embedded-model"))]
mod learned_tests;
#[cfg(all(test, feature = "embedded-model"))]
mod table_tests;
