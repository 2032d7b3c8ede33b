//! Telling quotations from scare quotes, titles and terms.
//!
//! A quote that reads like speech (four words or more, not a title-cased name) is kept. A
//! shorter quoted phrase is kept only when a speech cue governs it: a cue right after it
//! (`"Never," she said`) or a verb of saying or labelling just before it in the same clause
//! (`dismissed the plan as "desperate"`, `called him a "failed" leader`).

use super::cues;
use super::marks::MarkedQuote;
use super::phrases::Ctx;

/// Verbs that attribute a label or a phrase to someone's words.
const LABEL_LEMMAS: &[&str] = &[
    "accuse",
    "attack",
    "brand",
    "call",
    "condemn",
    "criticise",
    "criticize",
    "decry",
    "denounce",
    "describe",
    "dismiss",
    "dub",
    "hail",
    "label",
    "liken",
    "praise",
    "slam",
    "term",
    "blast",
    "reject",
    "refer",
];

pub fn is_label_verb(word: &str) -> bool {
    crate::text::with_lowercase(word, is_lower_label_verb)
}

fn is_lower_label_verb(w: &str) -> bool {
    LABEL_LEMMAS.iter().any(|l| {
        w == *l
            || w.strip_prefix(l).is_some_and(|rest| {
                matches!(
                    rest,
                    "s" | "ed" | "d" | "ing" | "led" | "ling" | "bed" | "bing" | "es"
                )
            })
            || l.strip_suffix('e')
                .is_some_and(|stem| w.strip_prefix(stem) == Some("ing"))
    })
}

/// Whether the marked span is a quotation rather than a scare quote, title or term.
pub fn is_quote(ctx: &Ctx, q: &MarkedQuote) -> bool {
    if mentioned(ctx, q) {
        return false;
    }
    if q.continuation || reads_as_speech(ctx, q) || short_sentence(ctx, q) {
        return true;
    }
    // A title-cased phrase is a name or a title ("called "The Long Goodbye""), even after a cue.
    !title_cased(ctx, q) && (cue_after(ctx, q) || cue_before(ctx, q))
}

/// Two words or more, and every word longer than three letters (at least one) capitalised.
fn title_cased(ctx: &Ctx, q: &MarkedQuote) -> bool {
    let words: Vec<usize> = ctx.tokens_of(q.inner).filter(|&i| ctx.is_word(i)).collect();
    let long: Vec<usize> = words
        .iter()
        .copied()
        .filter(|&i| ctx.word(i).len() > 3)
        .collect();
    words.len() >= 2 && !long.is_empty() && long.iter().all(|&i| ctx.is_cap(i))
}

/// Nouns that introduce words mentioned rather than used ("the word 'failed'").
const MENTION_NOUNS: &[&str] = &[
    "word",
    "words",
    "term",
    "phrase",
    "expression",
    "label",
    "slogan",
    "title",
    "name",
    "headline",
    "motto",
    "hashtag",
    "nickname",
    "catchphrase",
];

/// Whether a quoted phrase is mentioned rather than used: `the word "failed"`.
pub fn mentioned(ctx: &Ctx, q: &MarkedQuote) -> bool {
    let open = ctx.doc.token_at_or_after(q.outer.start());
    open > 0 && ctx.lower_in(open - 1, MENTION_NOUNS) && is_short_phrase(ctx, q)
}

fn is_short_phrase(ctx: &Ctx, q: &MarkedQuote) -> bool {
    ctx.tokens_of(q.inner).filter(|&i| ctx.is_word(i)).count() <= 6
}

/// Whether a quoted span is a short phrase rather than a sentence of speech.
pub fn is_fragment(ctx: &Ctx, inner: crate::span::Span) -> bool {
    let words = ctx.tokens_of(inner).filter(|&i| ctx.is_word(i)).count();
    words < 4
        && !inner
            .slice(ctx.doc.text)
            .trim_end()
            .ends_with(['.', '!', '?', ','])
}

/// A short complete sentence: capitalised, with a lower-case word, ending in `.`, `!` or `?`
/// ("We need help.").
fn short_sentence(ctx: &Ctx, q: &MarkedQuote) -> bool {
    let r = ctx.tokens_of(q.inner);
    let words: Vec<usize> = r.clone().filter(|&i| ctx.is_word(i)).collect();
    let s = q.inner.slice(ctx.doc.text).trim_end();
    words.len() >= 2
        && s.ends_with(['.', '!', '?'])
        && ctx.is_cap(words[0])
        && words[1..].iter().any(|&i| !ctx.is_cap(i))
}

/// Four words or more and not a title-cased name ("Free Speech Day").
fn reads_as_speech(ctx: &Ctx, q: &MarkedQuote) -> bool {
    let r = ctx.tokens_of(q.inner);
    let words: Vec<usize> = r.clone().filter(|&i| ctx.is_word(i)).collect();
    if words.len() < 4 {
        return false;
    }
    let ends = q
        .inner
        .slice(ctx.doc.text)
        .trim_end()
        .ends_with(['.', '!', '?', ',']);
    let title_case = words
        .iter()
        .filter(|&&i| ctx.word(i).len() > 3)
        .all(|&i| ctx.is_cap(i));
    ends || !title_case
}

/// A speech verb right after the closing mark: `"Never," she said` / `"Never," said Ann`.
fn cue_after(ctx: &Ctx, q: &MarkedQuote) -> bool {
    let start = ctx.doc.token_at_or_after(q.outer.end());
    let inner = q.inner.slice(ctx.doc.text).trim_end();
    if !inner.ends_with([',', '!', '?']) {
        return false;
    }
    (start..ctx.n().min(start + 5))
        .take_while(|&k| !ctx.is_mark(k) && !ctx.is_stop(k))
        .any(|k| cues::speech_verb(ctx.word(k)).is_some())
}

/// A verb of saying or labelling shortly before the opening mark, in the same clause.
fn cue_before(ctx: &Ctx, q: &MarkedQuote) -> bool {
    let open = ctx.doc.token_at_or_after(q.outer.start());
    let lo = open.saturating_sub(12);
    for k in (lo..open).rev() {
        let w = ctx.word(k);
        if matches!(w, "." | ";" | "!" | "?") || ctx.doc.tokens[k].breaks_before > 0 && k + 1 < open
        {
            return false;
        }
        if ctx.is_mark(k) {
            return false;
        }
        let lower = w.chars().next().is_some_and(char::is_lowercase);
        if lower && (is_label_verb(w) || cues::speech_verb(w).is_some()) {
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::quotes::marks::direct_quotes;
    use crate::text::Document;

    fn kept(text: &str) -> Vec<String> {
        let doc = Document::new(text);
        let ctx = Ctx::new(&doc, &[]);
        direct_quotes(&doc)
            .iter()
            .filter(|q| is_quote(&ctx, q))
            .map(|q| q.inner.slice(text).to_string())
            .collect()
    }

    #[test]
    fn label_verbs() {
        assert!(is_label_verb("dismissed"));
        assert!(is_label_verb("calling"));
        assert!(is_label_verb("describes"));
        assert!(!is_label_verb("caller"));
    }

    #[test]
    fn fragments_need_a_cue() {
        assert_eq!(
            kept("The mayor dismissed the plan as \"reckless\" on Monday."),
            ["reckless"]
        );
        assert_eq!(
            kept("Critics branded it a \"vanity project\"."),
            ["vanity project"]
        );
        assert_eq!(kept("\"Never,\" she said."), ["Never,"]);
        assert!(kept("The city held its \"Clean Streets Week\" again.").is_empty());
        assert!(kept("So-called \"zombie firms\" are growing in number.").is_empty());
        assert!(kept("The film, called \"The Long Goodbye\", opens next week.").is_empty());
        assert!(kept("She never said the word \"sorry\" to anyone.").is_empty());
    }
}
