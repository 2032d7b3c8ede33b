//! Reported clauses and cue subjects read off the dependency trees of the syntax layer.
//!
//! A clause is the complement of a verb (`ccomp`: "she said [the plan failed]"), the host of a
//! parenthetical cue ("The plan, she says, is unworkable": the cue is a `parataxis` of the
//! host), the `that` clause of a noun ("the claim [that ...]"), or the sentence around
//! "according to X". Which of them are quotes the quote model decides; this module only finds
//! them and the words they rest on: the cue, its subject (climbing from participles, conjoined
//! verbs and relative clauses to the verb or noun that has one), the agent of a passive, the
//! listener of "told".

use super::cues;
use super::phrases::Ctx;
use crate::span::Span;
use crate::syntax::{Dep, Syntax, Tag};

/// What the parse says about one cue word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedCue {
    /// The cue word ("said", "claim", "according").
    pub token: usize,
    /// The cue as written ("said", "according to").
    pub span: Span,
    /// The subject's head token, after climbing (see `hops`).
    pub subject: Option<usize>,
    /// The subject noun phrase without appositions or relative clauses.
    pub subject_np: Option<Span>,
    /// How many arcs were climbed to find the subject (0: the cue's own subject).
    pub hops: u8,
    /// A passive cue ("was told"); its subject, if any, is the agent ("by X").
    pub passive: bool,
    pub negated: bool,
    /// A modal or future auxiliary ("would say", "will tell").
    pub modal: bool,
    /// The listener of "told" and the like.
    pub listener: Option<usize>,
}

/// A clause a cue reports, as the parse has it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedClause {
    pub cue: ParsedCue,
    /// The clause, trimmed of a leading "that", connectives and punctuation.
    pub span: Span,
    /// How the clause hangs on its cue.
    pub relation: Relation,
    /// Whether the clause has a finite verb (or is a subjunctive "that" clause).
    pub finite: bool,
    /// The first word of the clause before trimming, when it is "that", "whether", "if" or a
    /// question word.
    pub marker: Option<&'static str>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Relation {
    /// "said [that] CLAUSE", "CLAUSE, she said".
    Complement,
    /// "CLAUSE-start, she says, CLAUSE-end".
    Parenthetical,
    /// "the claim that CLAUSE".
    Noun,
    /// "according to X, CLAUSE".
    According,
    /// A verb of speech and the rest of its sentence ("said [that] ..."), whatever the parse
    /// made of it: an alternative the model weighs against the parse's own clause.
    Rest,
}

impl Relation {
    pub fn index(self) -> u64 {
        self as u64
    }
}

const MARKERS: &[&str] = &[
    "that", "whether", "if", "how", "why", "what", "when", "where", "who",
];

/// Whether token `i` can be a cue word: a verb (any verb: the model judges the lemma), a noun
/// of speech, or "according" before "to".
fn cue_word(ctx: &Ctx, syn: &Syntax, i: usize) -> bool {
    let t = syn.tag(i);
    t.is_verb()
        || t.is_noun() && cues::speech_noun(ctx.word(i))
        || ctx.is(i, "according") && ctx.is(i + 1, "to")
}

/// The parse of cue word `i`: its subject, voice, negation, listener.
pub fn cue_at(ctx: &Ctx, syn: &Syntax, i: usize) -> ParsedCue {
    let according = ctx.is(i, "according") && ctx.is(i + 1, "to");
    let span = if according {
        ctx.span_of(i, i + 2)
    } else {
        ctx.span_of(i, i + 1)
    };
    let passive = syn.child(i, Dep::AUXPASS).is_some() || syn.child(i, Dep::NSUBJPASS).is_some();
    let negated = syn.child(i, Dep::NEG).is_some();
    let modal = syn.children(i).iter().any(|&c| {
        let c = c as usize;
        syn.dep(c) == Dep::AUX && (syn.tag(c) == Tag::MD || ctx.lower_in(c, &["will", "'ll"]))
    });
    let found = if according {
        // "according to X": X is the object of "to".
        syn.child(i + 1, Dep::POBJ).map(|s| (s, 0u8))
    } else {
        subject_of(ctx, syn, i, passive)
    };
    let (subject, hops) = match found {
        Some((s, h)) => (Some(s), h),
        None => (None, 0),
    };
    let listener = [Dep::DOBJ, Dep::DATIVE]
        .into_iter()
        .find_map(|d| syn.child(i, d))
        .filter(|&o| syn.tag(o).is_noun() || syn.tag(o) == Tag::PRP);
    ParsedCue {
        token: i,
        span,
        subject,
        subject_np: subject.map(|s| noun_phrase(ctx, syn, s)),
        hops,
        passive,
        negated,
        modal,
        listener,
    }
}

/// The subject of verb `v`: its own, the agent of a passive, or (climbing at most three arcs)
/// the subject of the verb a participle, conjunct or complement hangs on, or the noun a relative
/// clause describes.
fn subject_of(ctx: &Ctx, syn: &Syntax, v: usize, passive: bool) -> Option<(usize, u8)> {
    let mut x = v;
    for hops in 0..4u8 {
        if passive && x == v {
            // "was told by X": the agent speaks; without one the speaker is not given.
            let agent = syn.child(x, Dep::AGENT)?;
            return syn.child(agent, Dep::POBJ).map(|p| (p, hops));
        }
        if let Some(s) = [Dep::NSUBJ, Dep::CSUBJ]
            .into_iter()
            .find_map(|d| syn.child(x, d))
        {
            // "who said": the relative pronoun stands for the noun the clause describes.
            if (matches!(syn.tag(s), Tag::WP | Tag::WDT) || ctx.is(s, "that"))
                && syn.dep(x) == Dep::RELCL
            {
                return syn.head(x).map(|h| (h, hops + 1));
            }
            return Some((s, hops));
        }
        let dep = syn.dep(x);
        let up = syn.head(x)?;
        if dep == Dep::RELCL || dep == Dep::ACL {
            return (syn.tag(up).is_noun() || syn.tag(up) == Tag::PRP).then_some((up, hops + 1));
        }
        if !matches!(dep, Dep::CONJ | Dep::XCOMP | Dep::ADVCL | Dep::PCOMP) {
            return None;
        }
        x = up;
    }
    None
}

/// The noun phrase headed by `s`, without what follows a comma, a dash or a bracket after the
/// head (appositions, relative clauses) and without relative clauses or participles.
pub fn noun_phrase(ctx: &Ctx, syn: &Syntax, s: usize) -> Span {
    let tree = syn.subtree(s);
    let mut end = tree.end;
    for &c in syn.children(s) {
        let c = c as usize;
        if c > s && matches!(syn.dep(c), Dep::RELCL | Dep::ACL | Dep::APPOS) {
            end = end.min(syn.subtree(c).start);
        }
    }
    if let Some(k) = (s + 1..end).find(|&k| ends_phrase(ctx.word(k))) {
        end = k;
    }
    // Punctuation and quotation marks at either end (a closing mark the parse hung on the
    // subject) are not part of the phrase,
    let words_only = |k: usize| {
        matches!(
            ctx.doc.tokens[k].kind,
            crate::text::TokenKind::Word | crate::text::TokenKind::Number
        )
    };
    // Nor is a focusing adverb before the phrase ("Even the organisers said").
    let mut start = tree.start;
    while start < s && (!words_only(start) || syn.tag(start) == Tag::RB) {
        start += 1;
    }
    while end > s + 1 && !words_only(end - 1) {
        end -= 1;
    }
    ctx.span_of(start, end.max(s + 1))
}

/// Whether a word after a noun phrase's head ends the phrase: a comma, a dash or a bracket opens
/// an apposition or an aside.
pub fn ends_phrase(word: &str) -> bool {
    matches!(word, "," | "(" | "-" | "--" | "\u{2014}" | "\u{2013}")
}

/// Every clause some cue word reports in the parsed sentences, in text order of the cue.
pub fn clauses(ctx: &Ctx, syn: &Syntax) -> Vec<ParsedClause> {
    let mut out = Vec::new();
    for (k, s) in ctx.doc.sentences.iter().enumerate() {
        if !syn.is_parsed(k) {
            continue;
        }
        for i in s.tokens.clone() {
            if !cue_word(ctx, syn, i) {
                continue;
            }
            let according = ctx.is(i, "according");
            let clause = if according {
                around(ctx, syn, i).map(|r| (r, Relation::According))
            } else if syn.tag(i).is_noun() {
                syn.children(i)
                    .iter()
                    .map(|&c| c as usize)
                    .find(|&c| {
                        matches!(syn.dep(c), Dep::ACL | Dep::CCOMP)
                            && ctx.is(syn.subtree(c).start, "that")
                    })
                    .map(|c| (syn.subtree(c), Relation::Noun))
            } else if let Some(c) = syn.child(i, Dep::CCOMP) {
                Some((syn.subtree(c), Relation::Complement))
            } else if syn.dep(i) == Dep::PARATAXIS {
                syn.head(i)
                    .map(|h| (syn.subtree(h), Relation::Parenthetical))
            } else {
                None
            };
            let mut found: Vec<(std::ops::Range<usize>, Relation)> = clause.into_iter().collect();
            if let Some(rest) = rest_of_sentence(ctx, syn, i, s.tokens.end) {
                if !found.iter().any(|(r, _)| *r == rest) {
                    found.push((rest, Relation::Rest));
                }
            }
            let first_of_cue = out.len();
            for (tokens, relation) in found {
                let tokens = tokens.start.max(s.tokens.start)..tokens.end.min(s.tokens.end);
                if tokens.is_empty() {
                    continue;
                }
                let first = ctx.word(tokens.start).to_lowercase();
                let marker = MARKERS.iter().copied().find(|&m| m == first);
                let Some(span) = trim(ctx, tokens.clone()) else {
                    continue;
                };
                if out[first_of_cue..]
                    .iter()
                    .any(|o: &ParsedClause| o.span == span)
                {
                    continue;
                }
                let inner = ctx.tokens_of(span);
                let finite = inner.clone().any(|t| t != i && syn.tag(t).is_finite_verb())
                    || marker == Some("that") && inner.clone().any(|t| syn.tag(t) == Tag::VB);
                out.push(ParsedClause {
                    cue: cue_at(ctx, syn, i),
                    span,
                    relation,
                    finite,
                    marker,
                });
            }
        }
    }
    out
}

/// The rest of the sentence after a verb of speech, from just after the verb or, when a "that"
/// follows within a few words (past a listener or a time: "told reporters on Monday that"),
/// from that "that".
fn rest_of_sentence(
    ctx: &Ctx,
    syn: &Syntax,
    i: usize,
    end: usize,
) -> Option<std::ops::Range<usize>> {
    let w = ctx.word(i);
    if !syn.tag(i).is_verb() || cues::speech_verb(w).is_none() && !cues::finding_verb(w) {
        return None;
    }
    let that = (i + 1..end.min(i + 8))
        .take_while(|&k| !syn.tag(k).is_verb() && ctx.word(k) != ",")
        .find(|&k| ctx.is(k, "that"));
    let start = that.unwrap_or(i + 1);
    (start < end).then_some(start..end)
}

/// The clause around "according to X": the subtree of the word the phrase hangs on, without the
/// phrase when it stands at either end (punctuation aside).
fn around(ctx: &Ctx, syn: &Syntax, according: usize) -> Option<std::ops::Range<usize>> {
    let host = syn.head(according)?;
    let whole = syn.subtree(host);
    let phrase = syn.subtree(according);
    let punct = |k: usize| ctx.doc.tokens[k].kind == crate::text::TokenKind::Punct;
    if (whole.start..phrase.start).all(punct) {
        Some(phrase.end..whole.end)
    } else if (phrase.end..whole.end).all(punct) {
        Some(whole.start..phrase.start)
    } else {
        Some(whole)
    }
}

/// The clause without a leading "that", connectives, commas or dashes, and without trailing
/// punctuation; `None` when nothing is left.
fn trim(ctx: &Ctx, tokens: std::ops::Range<usize>) -> Option<Span> {
    let (mut a, mut b) = (tokens.start, tokens.end);
    let skip_start = |k: usize| {
        let w = ctx.word(k);
        ctx.lower_in(k, &["that", "and", "but", "or", "so"])
            || matches!(w, "," | ":" | ";" | "-" | "--" | "\u{2014}" | "\u{2013}")
    };
    while a < b && skip_start(a) {
        a += 1;
    }
    while b > a {
        let t = ctx.doc.tokens[b - 1];
        let punct =
            t.kind == crate::text::TokenKind::Punct && !matches!(ctx.word(b - 1), ")" | "%");
        if !punct {
            break;
        }
        b -= 1;
    }
    (a < b).then(|| ctx.span_of(a, b))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::Syntax;
    use crate::text::Document;

    /// A hand-built parse: `(word, tag, head, label)` per token, heads by token number.
    fn parsed(rows: &[(&str, Tag, usize, Dep)]) -> (String, Syntax) {
        let text = rows.iter().map(|r| r.0).collect::<Vec<_>>().join(" ");
        let tags = rows.iter().map(|r| r.1).collect();
        let heads = rows.iter().map(|r| r.2 as u32).collect();
        let deps = rows.iter().map(|r| r.3).collect();
        (text, Syntax::new(tags, heads, deps, vec![true]))
    }

    #[test]
    fn a_complement_clause_and_its_subject() {
        let (text, syn) = parsed(&[
            ("Ann", Tag::NNP, 1, Dep::COMPOUND),
            ("Bell", Tag::NNP, 2, Dep::NSUBJ),
            ("said", Tag::VBD, 2, Dep::ROOT),
            ("that", Tag::IN, 6, Dep::MARK),
            ("the", Tag::DT, 5, Dep::DET),
            ("plan", Tag::NN, 6, Dep::NSUBJ),
            ("failed", Tag::VBD, 2, Dep::CCOMP),
            (".", Tag::PERIOD, 2, Dep::PUNCT),
        ]);
        let doc = Document::new(&text);
        let ctx = Ctx::new(&doc, &[]);
        let c = clauses(&ctx, &syn);
        assert_eq!(c.len(), 1, "{c:?}");
        assert_eq!(c[0].span.slice(&text), "the plan failed");
        assert_eq!(c[0].relation, Relation::Complement);
        assert_eq!(c[0].marker, Some("that"));
        assert!(c[0].finite);
        assert_eq!(
            c[0].cue.subject_np.map(|s| s.slice(&text)),
            Some("Ann Bell")
        );
        assert_eq!(c[0].cue.hops, 0);
    }

    #[test]
    fn participles_and_relative_clauses_climb_to_a_subject() {
        // "Lee left , saying it was over ."
        let (text, syn) = parsed(&[
            ("Lee", Tag::NNP, 1, Dep::NSUBJ),
            ("left", Tag::VBD, 1, Dep::ROOT),
            (",", Tag::COMMA, 1, Dep::PUNCT),
            ("saying", Tag::VBG, 1, Dep::ADVCL),
            ("it", Tag::PRP, 5, Dep::NSUBJ),
            ("was", Tag::VBD, 3, Dep::CCOMP),
            ("over", Tag::RB, 5, Dep::ADVMOD),
            (".", Tag::PERIOD, 1, Dep::PUNCT),
        ]);
        let doc = Document::new(&text);
        let ctx = Ctx::new(&doc, &[]);
        let cue = cue_at(&ctx, &syn, 3);
        assert_eq!(cue.subject, Some(0));
        assert_eq!(cue.hops, 1);
        // "the mayor , who said no , left ."
        let (text, syn) = parsed(&[
            ("the", Tag::DT, 1, Dep::DET),
            ("mayor", Tag::NN, 7, Dep::NSUBJ),
            (",", Tag::COMMA, 1, Dep::PUNCT),
            ("who", Tag::WP, 4, Dep::NSUBJ),
            ("said", Tag::VBD, 1, Dep::RELCL),
            ("no", Tag::DT, 4, Dep::DOBJ),
            (",", Tag::COMMA, 1, Dep::PUNCT),
            ("left", Tag::VBD, 7, Dep::ROOT),
            (".", Tag::PERIOD, 7, Dep::PUNCT),
        ]);
        let doc = Document::new(&text);
        let ctx = Ctx::new(&doc, &[]);
        let cue = cue_at(&ctx, &syn, 4);
        assert_eq!(
            cue.subject,
            Some(1),
            "the relative pronoun stands for the mayor"
        );
        assert_eq!(cue.subject_np.map(|s| s.slice(&text)), Some("the mayor"));
    }

    #[test]
    fn passives_take_their_agent_or_nobody() {
        // "staff were told by the board that ..." / "staff were told that ..."
        let (text, syn) = parsed(&[
            ("staff", Tag::NNS, 2, Dep::NSUBJPASS),
            ("were", Tag::VBD, 2, Dep::AUXPASS),
            ("told", Tag::VBN, 2, Dep::ROOT),
            ("by", Tag::IN, 2, Dep::AGENT),
            ("the", Tag::DT, 5, Dep::DET),
            ("board", Tag::NN, 3, Dep::POBJ),
            ("that", Tag::IN, 8, Dep::MARK),
            ("jobs", Tag::NNS, 8, Dep::NSUBJ),
            ("go", Tag::VBP, 2, Dep::CCOMP),
        ]);
        let doc = Document::new(&text);
        let ctx = Ctx::new(&doc, &[]);
        let cue = cue_at(&ctx, &syn, 2);
        assert!(cue.passive);
        assert_eq!(cue.subject, Some(5));
        let (text, syn) = parsed(&[
            ("staff", Tag::NNS, 2, Dep::NSUBJPASS),
            ("were", Tag::VBD, 2, Dep::AUXPASS),
            ("told", Tag::VBN, 2, Dep::ROOT),
            ("jobs", Tag::NNS, 4, Dep::NSUBJ),
            ("go", Tag::VBP, 2, Dep::CCOMP),
        ]);
        let doc = Document::new(&text);
        let ctx = Ctx::new(&doc, &[]);
        assert_eq!(cue_at(&ctx, &syn, 2).subject, None);
    }

    #[test]
    fn according_to_takes_the_rest_of_the_sentence() {
        // "Sales fell , according to the report ."
        let (text, syn) = parsed(&[
            ("Sales", Tag::NNS, 1, Dep::NSUBJ),
            ("fell", Tag::VBD, 1, Dep::ROOT),
            (",", Tag::COMMA, 1, Dep::PUNCT),
            ("according", Tag::VBG, 1, Dep::PREP),
            ("to", Tag::IN, 3, Dep::PREP),
            ("the", Tag::DT, 6, Dep::DET),
            ("report", Tag::NN, 4, Dep::POBJ),
            (".", Tag::PERIOD, 1, Dep::PUNCT),
        ]);
        let doc = Document::new(&text);
        let ctx = Ctx::new(&doc, &[]);
        let c = clauses(&ctx, &syn);
        let acc: Vec<_> = c
            .iter()
            .filter(|c| c.relation == Relation::According)
            .collect();
        assert_eq!(acc.len(), 1, "{c:?}");
        assert_eq!(acc[0].span.slice(&text), "Sales fell");
        assert_eq!(acc[0].cue.span.slice(&text), "according to");
        assert_eq!(
            acc[0].cue.subject_np.map(|s| s.slice(&text)),
            Some("the report")
        );
    }
}
