//! Quote candidates for the learned pipeline, and the features the quote model judges them by.
//!
//! Direct candidates are every span the quotation marks pair (the rules' verdict on each is a
//! feature, not a filter). Reported candidates are the clauses the rules find and the clauses the
//! parse finds ([`super::reported`]), merged where they overlap. Each candidate keeps the cue and
//! subject the rules and the parse give it, for the speaker ranker.

use super::fragments;
use super::marks::{self, MarkedQuote};
use super::phrases::Ctx;
use super::reported::{self, ParsedClause, ParsedCue};
use super::{cues, Candidate};
use crate::analysis::QuoteKind;
use crate::entities::features::hash_str;
use crate::span::Span;
use crate::syntax::words::{feat, feat2, feat3};
use crate::syntax::{Syntax, Tag};
use crate::text::TokenKind;

/// One candidate quote with what the rules and the parse say about it.
#[derive(Debug, Clone)]
pub struct QuoteCandidate {
    pub span: Span,
    /// Direct quotes: with their marks. Reported clauses: the clause.
    pub outer: Span,
    pub kind: QuoteKind,
    /// The candidate the rules keep, if they do (with its cue and subject).
    pub rule: Option<Candidate>,
    /// The clause as the parse has it, for reported candidates the parse found.
    pub clause: Option<ParsedClause>,
    /// The cue the parse gives a direct quote (a verb of speech next to it).
    pub direct_cue: Option<ParsedCue>,
    pub continuation: bool,
    /// Decided by the rules, not the model: quoted words embedded in narration (fewer than four
    /// words, no closing punctuation: kept when a verb of saying or labelling governs them, by the
    /// guidelines) and quotes nested in a quote.
    pub ruled: bool,
    /// Features for the keep-or-drop model.
    pub features: Vec<u32>,
}

impl QuoteCandidate {
    /// The cue the parse gives the candidate, if any.
    pub fn parsed_cue(&self) -> Option<&ParsedCue> {
        self.clause
            .as_ref()
            .map(|c| &c.cue)
            .or(self.direct_cue.as_ref())
    }
}

/// All candidates of a document in text order.
pub fn gather(ctx: &Ctx, syn: &Syntax, rules: &[Candidate]) -> Vec<QuoteCandidate> {
    let marked = marks::direct_quotes(ctx.doc);
    let outers: Vec<Span> = marked.iter().map(|m| m.outer).collect();
    // The rules' direct quotes by span (texts can hold tens of thousands).
    let rule_direct: std::collections::HashMap<Span, &Candidate> = rules
        .iter()
        .filter(|c| c.kind == QuoteKind::Direct)
        .map(|c| (c.span, c))
        .collect();
    let mut out = Vec::new();
    let mut seen: std::collections::HashSet<Span> = std::collections::HashSet::new();
    for m in &marked {
        let rule = rule_direct.get(&m.inner).map(|&c| c.clone());
        seen.insert(m.inner);
        let cue = direct_cue(ctx, syn, m);
        let mut c = QuoteCandidate {
            span: m.inner,
            outer: m.outer,
            kind: QuoteKind::Direct,
            rule,
            clause: None,
            direct_cue: cue,
            continuation: m.continuation,
            ruled: !m.continuation && (fragments::is_fragment(ctx, m.inner) || labelled(ctx, m)),
            features: Vec::new(),
        };
        c.features = direct_features(ctx, syn, m, &c);
        out.push(c);
    }
    // Quotes the rules nest inside direct quotes ("... when the mayor said 'come' ...").
    for r in rules.iter().filter(|r| r.kind == QuoteKind::Direct) {
        if seen.insert(r.span) {
            let m = MarkedQuote {
                outer: r.outer,
                inner: r.span,
                continuation: false,
            };
            let mut c = QuoteCandidate {
                span: r.span,
                outer: r.outer,
                kind: QuoteKind::Direct,
                rule: Some(r.clone()),
                clause: None,
                direct_cue: None,
                continuation: false,
                ruled: true,
                features: Vec::new(),
            };
            c.features = direct_features(ctx, syn, &m, &c);
            c.features.push(feat(T_NESTED, 1));
            out.push(c);
        }
    }
    let mut reported: Vec<QuoteCandidate> = Vec::new();
    let mut by_span: std::collections::HashMap<Span, usize> = std::collections::HashMap::new();
    for r in rules.iter().filter(|r| r.kind != QuoteKind::Direct) {
        by_span.insert(r.span, reported.len());
        reported.push(QuoteCandidate {
            span: r.span,
            outer: r.outer,
            kind: r.kind,
            rule: Some(r.clone()),
            clause: None,
            direct_cue: None,
            continuation: false,
            ruled: false,
            features: Vec::new(),
        });
    }
    for clause in reported::clauses(ctx, syn) {
        // A clause inside quotation marks, or one that is a direct quote with its marks
        // ("He said: "We won."") is no reported speech of its own.
        if inside_marks(&outers, clause.span) || near_marks(&outers, clause.span) {
            continue;
        }
        // The same words as a candidate already found: one candidate with both readings. Other
        // spans, even overlapping ones, are alternatives the model chooses between.
        match by_span.get(&clause.span).copied() {
            Some(k) if reported[k].clause.is_none() => reported[k].clause = Some(clause),
            Some(_) => {}
            None => {
                let kind = if has_marks(ctx, clause.span) {
                    QuoteKind::Mixed
                } else {
                    QuoteKind::Indirect
                };
                by_span.insert(clause.span, reported.len());
                reported.push(QuoteCandidate {
                    span: clause.span,
                    outer: clause.span,
                    kind,
                    rule: None,
                    clause: Some(clause),
                    direct_cue: None,
                    continuation: false,
                    ruled: false,
                    features: Vec::new(),
                });
            }
        }
    }
    for c in &mut reported {
        c.features = reported_features(ctx, syn, c);
    }
    out.extend(reported);
    out.sort_by_key(|c| (c.span.start(), c.span.end()));
    // Marks around nothing but white space (an opening mark that ends its paragraph) hold no
    // words to quote.
    out.retain(|c| !c.span.slice(ctx.doc.text).trim().is_empty());
    out
}

/// Quoted words that a verb of labelling governs just before them, ten words at most and no
/// sentence of their own: `accused the council of "sitting on its hands"`, `described the plan
/// as "a good first step"`. The guidelines count them as quotes of the labeller.
fn labelled(ctx: &Ctx, m: &MarkedQuote) -> bool {
    let inner = ctx.tokens_of(m.inner);
    let words = inner.clone().filter(|&k| ctx.is_word(k)).count();
    let open = ctx.tokens_of(m.outer).start;
    let sentence_like = inner.clone().next().is_some_and(|k| ctx.is_cap(k))
        && m.inner
            .slice(ctx.doc.text)
            .trim_end()
            .ends_with(['.', '!', '?']);
    words <= 10
        && !sentence_like
        && (open.saturating_sub(5)..open).any(|k| {
            ctx.word(k).chars().next().is_some_and(char::is_lowercase)
                && fragments::is_label_verb(ctx.word(k))
        })
}

/// Whether two spans would count as one quote: they overlap by at least half the longer.
pub fn same_quote(a: Span, b: Span) -> bool {
    let overlap = a
        .end()
        .min(b.end())
        .saturating_sub(a.start().max(b.start()));
    let longer = a.len().max(b.len());
    longer > 0 && overlap * 2 >= longer
}

fn inside_marks(outers: &[Span], s: Span) -> bool {
    let k = outers.partition_point(|o| o.end() <= s.start());
    outers.get(k).is_some_and(|o| o.contains(s))
}

/// Whether a direct quote (with its marks) would count as the same quote as `s`. Quotes do not
/// overlap one another, so only those overlapping `s` need a look.
fn near_marks(outers: &[Span], s: Span) -> bool {
    let k = outers.partition_point(|o| o.end() <= s.start());
    outers[k..]
        .iter()
        .take_while(|o| o.start() < s.end())
        .any(|&o| same_quote(o, s))
}

fn has_marks(ctx: &Ctx, s: Span) -> bool {
    ctx.tokens_of(s)
        .filter(|&k| ctx.doc.tokens[k].kind == TokenKind::Quote)
        .count()
        >= 2
}

/// The verb of speech the parse ties to a direct quote: in the sentence where the quote ends
/// (after it) or the one where it starts (before it), outside the marks, the nearest one.
fn direct_cue(ctx: &Ctx, syn: &Syntax, m: &MarkedQuote) -> Option<ParsedCue> {
    let doc = ctx.doc;
    let inner = ctx.tokens_of(m.outer);
    if inner.is_empty() {
        return None;
    }
    let last = doc.sentence_of(inner.end - 1);
    let first = doc.sentence_of(inner.start);
    let speech = |k: usize| {
        let w = ctx.word(k);
        (syn.tag(k).is_verb() || matches!(w, "said" | "says" | "told"))
            && (cues::speech_verb(w).is_some() || fragments::is_label_verb(w))
            || ctx.is(k, "according") && ctx.is(k + 1, "to")
    };
    let after = doc.sentences[last].tokens.clone();
    let found = (inner.end..after.end.min(inner.end + 12))
        .take_while(|&k| ctx.doc.tokens[k].kind != TokenKind::Quote || k == inner.end)
        .find(|&k| speech(k))
        .or_else(|| {
            let before = doc.sentences[first].tokens.clone();
            (before.start.max(inner.start.saturating_sub(20))..inner.start)
                .rev()
                .find(|&k| speech(k))
        })?;
    Some(reported::cue_at(ctx, syn, found))
}

// Template numbers. Changing any of them changes every feature: retrain afterwards.
const T_BIAS: u64 = 401;
const T_RULES: u64 = 402;
const T_LENGTH: u64 = 403;
const T_FIRST_CAP: u64 = 404;
const T_LAST_PUNCT: u64 = 405;
const T_CUE_LEMMA: u64 = 406;
const T_CUE_SIDE: u64 = 407;
const T_BEFORE: u64 = 408;
const T_AFTER: u64 = 409;
const T_TITLE: u64 = 410;
const T_CONTINUATION: u64 = 411;
const T_PARA_OPENS: u64 = 412;
const T_NESTED: u64 = 413;
const T_LABEL_VERB: u64 = 414;
const T_RULES_LENGTH: u64 = 415;
const T_HEADLINE: u64 = 416;
const T_SENTENCES: u64 = 417;
const T_CUE_SUBJECT: u64 = 418;
const T_FRAGMENT: u64 = 419;
const T_SOURCES: u64 = 430;
const T_RELATION: u64 = 431;
const T_LEMMA: u64 = 432;
const T_LEMMA_REL: u64 = 433;
const T_TAG: u64 = 434;
const T_NEG: u64 = 435;
const T_MODAL: u64 = 436;
const T_PASSIVE: u64 = 437;
const T_SUBJECT: u64 = 438;
const T_MARKER: u64 = 439;
const T_FINITE: u64 = 440;
const T_KIND: u64 = 441;
const T_SPEECH: u64 = 442;
const T_BELIEF: u64 = 443;
const T_QUESTION: u64 = 444;
const T_SUBJECT_LEMMA: u64 = 445;
const T_HOPS: u64 = 446;
const T_FIRST_WORD: u64 = 447;
const T_CLAUSE_LENGTH: u64 = 448;
const T_CUE_POSITION: u64 = 449;
const T_DOCUMENT: u64 = 450;
const T_EXTENT: u64 = 451;
const T_FIRST_DEP: u64 = 452;
const T_SHAPE: u64 = 453;
const T_SOURCES_SPEECH: u64 = 454;

/// Whether paragraph `para` is a headline: the first of several, one short line of at most 20
/// words (a pasted paragraph alone is no headline).
pub fn is_headline(ctx: &Ctx, para: Option<usize>) -> bool {
    let doc = ctx.doc;
    if para != Some(0) || doc.paragraphs.len() < 2 {
        return false;
    }
    let p = &doc.paragraphs[0];
    let tokens = doc.sentences[p.sentences.start].tokens.start
        ..doc.sentences[p.sentences.end - 1].tokens.end;
    let words = tokens.clone().filter(|&k| ctx.is_word(k)).count();
    let lines = tokens
        .skip(1)
        .filter(|&k| doc.tokens[k].breaks_before > 0)
        .count()
        + 1;
    lines == 1 && words <= 20
}

fn bucket(n: usize) -> u64 {
    match n {
        0..=3 => n as u64,
        4..=6 => 4,
        7..=10 => 5,
        11..=20 => 6,
        21..=40 => 7,
        _ => 8,
    }
}

/// The lower-case form of a cue word, as its speech lemma when it has one.
pub fn cue_lemma(ctx: &Ctx, token: usize) -> u64 {
    let w = ctx.word(token);
    match cues::speech_verb(w) {
        Some(lemma) => hash_str(lemma),
        None => hash_str(&w.to_lowercase()),
    }
}

/// What kind of words a subject is: 0 none, 1 a personal pronoun, 2 a proper name, 3 a noun.
pub fn subject_kind(syn: &Syntax, subject: Option<usize>) -> u64 {
    match subject {
        None => 0,
        Some(s) if syn.tag(s) == Tag::PRP => 1,
        Some(s) if syn.tag(s).is_proper_noun() => 2,
        Some(_) => 3,
    }
}

fn direct_features(ctx: &Ctx, syn: &Syntax, m: &MarkedQuote, c: &QuoteCandidate) -> Vec<u32> {
    let mut f = vec![feat(T_BIAS, 0)];
    let inner = ctx.tokens_of(m.inner);
    let words = inner.clone().filter(|&k| ctx.is_word(k)).count();
    let rules_keep = c.rule.is_some();
    f.push(feat(T_RULES, u64::from(rules_keep)));
    f.push(feat(T_LENGTH, bucket(words)));
    f.push(feat2(T_RULES_LENGTH, u64::from(rules_keep), bucket(words)));
    let first_cap = inner.clone().next().is_some_and(|k| ctx.is_cap(k));
    f.push(feat(T_FIRST_CAP, u64::from(first_cap)));
    let last = m
        .inner
        .slice(ctx.doc.text)
        .trim_end()
        .chars()
        .last()
        .unwrap_or(' ');
    f.push(feat(T_LAST_PUNCT, u64::from(last)));
    let caps = inner.clone().filter(|&k| ctx.is_cap(k)).count();
    f.push(feat2(T_TITLE, bucket(words), bucket(caps)));
    f.push(feat(T_CONTINUATION, u64::from(m.continuation)));
    let para = ctx.doc.paragraph_at(m.outer.start());
    let opens = para.is_some_and(|p| ctx.doc.paragraphs[p].span.start() == m.outer.start());
    f.push(feat(T_PARA_OPENS, u64::from(opens)));
    f.push(feat(T_HEADLINE, u64::from(para == Some(0))));
    f.push(feat2(
        T_FRAGMENT,
        u64::from(fragments::is_fragment(ctx, m.inner)),
        bucket(words),
    ));
    let sentences = if inner.is_empty() {
        0
    } else {
        ctx.doc.sentence_of(inner.end - 1) - ctx.doc.sentence_of(inner.start) + 1
    };
    f.push(feat(T_SENTENCES, bucket(sentences)));
    let outer = ctx.tokens_of(m.outer);
    let before = outer.start.checked_sub(1);
    // The word before the opening mark; a paragraph start (the text's first one included) is
    // one value, so that a quote opening a text is judged like one opening any paragraph.
    let word_at = |k: Option<usize>| {
        k.filter(|&k| k < ctx.n())
            .map_or(0, |k| hash_str(&ctx.word(k).to_lowercase()))
    };
    let paragraph_start = before.is_none() || ctx.doc.tokens[outer.start].breaks_before >= 2;
    f.push(feat(
        T_BEFORE,
        if paragraph_start { 0 } else { word_at(before) },
    ));
    f.push(feat(T_AFTER, word_at(Some(outer.end))));
    let label_verb =
        (outer.start.saturating_sub(4)..outer.start).any(|k| fragments::is_label_verb(ctx.word(k)));
    f.push(feat2(T_LABEL_VERB, u64::from(label_verb), bucket(words)));
    match &c.direct_cue {
        Some(cue) => {
            f.push(feat(T_CUE_LEMMA, cue_lemma(ctx, cue.token)));
            f.push(feat2(
                T_CUE_SIDE,
                u64::from(cue.token > outer.start),
                bucket(words),
            ));
            f.push(feat(T_CUE_SUBJECT, subject_kind(syn, cue.subject)));
        }
        None => f.push(feat2(T_CUE_SIDE, 2, bucket(words))),
    }
    f
}

fn reported_features(ctx: &Ctx, syn: &Syntax, c: &QuoteCandidate) -> Vec<u32> {
    let mut f = vec![feat(T_BIAS, 1)];
    let sources = u64::from(c.rule.is_some()) | u64::from(c.clause.is_some()) << 1;
    let _ = T_SOURCES;
    f.push(feat(T_KIND, c.kind as u64));
    let tokens = ctx.tokens_of(c.span);
    f.push(feat2(T_CLAUSE_LENGTH, bucket(tokens.len()), sources));
    let first = tokens
        .clone()
        .next()
        .map_or(0, |k| hash_str(&ctx.word(k).to_lowercase()));
    f.push(feat(T_FIRST_WORD, first));
    let cue_token = c.clause.as_ref().map(|cl| cl.cue.token).or_else(|| {
        c.rule
            .as_ref()
            .and_then(|r| r.reported.as_ref())
            .map(|r| r.cue)
    });
    if let Some(cl) = &c.clause {
        let rel = cl.relation.index();
        let lemma = cue_lemma(ctx, cl.cue.token);
        f.push(feat(T_RELATION, rel));
        f.push(feat(T_LEMMA, lemma));
        f.push(feat2(T_LEMMA_REL, lemma, rel));
        f.push(feat2(T_TAG, u64::from(syn.tag(cl.cue.token).0), rel));
        f.push(feat(T_NEG, u64::from(cl.cue.negated)));
        f.push(feat(T_MODAL, u64::from(cl.cue.modal)));
        f.push(feat(T_PASSIVE, u64::from(cl.cue.passive)));
        let sk = subject_kind(syn, cl.cue.subject);
        f.push(feat2(T_SUBJECT, sk, rel));
        f.push(feat(T_HOPS, u64::from(cl.cue.hops.min(3))));
        if let Some(s) = cl.cue.subject {
            let w = ctx.word(s).to_lowercase();
            f.push(feat2(
                T_SUBJECT_LEMMA,
                hash_str(&w),
                u64::from(cues::is_document_noun(&w)),
            ));
        }
        f.push(feat(T_MARKER, cl.marker.map_or(0, hash_str)));
        f.push(feat2(T_FINITE, u64::from(cl.finite), rel));
        f.push(feat2(
            T_CUE_POSITION,
            u64::from(cl.cue.token > tokens.start),
            rel,
        ));
        // Where the clause starts and ends against its cue and its sentence.
        let sentence = ctx.doc.sentence_of(cl.cue.token);
        let sentence_end = ctx.doc.sentences[sentence].tokens.end;
        let last_word = (tokens.start..sentence_end)
            .rev()
            .find(|&k| ctx.doc.tokens[k].kind != TokenKind::Punct)
            .unwrap_or(tokens.start);
        let to_end = tokens.end > last_word;
        let cue_after = cl.cue.token >= tokens.end;
        // The clause runs from the cue to the sentence end, or (a cue after it) from the
        // sentence start to the cue.
        let sentence_start = ctx.doc.sentences[sentence].tokens.start;
        let adjacent = if cue_after {
            tokens.start <= sentence_start + 2 && cl.cue.token <= tokens.end + 4
        } else {
            tokens.start <= cl.cue.token + 3 && tokens.start > cl.cue.token
        };
        f.push(feat3(
            T_EXTENT,
            u64::from(to_end) | u64::from(cue_after) << 1,
            u64::from(adjacent),
            rel,
        ));
        // The whole shape at once: how the clause hangs on a cue of which kind, with what
        // subject, on which side.
        let speech = u64::from(cues::speech_verb(ctx.word(cl.cue.token)).is_some());
        let shape =
            rel | u64::from(cue_after) << 3 | speech << 4 | sk << 5 | u64::from(adjacent) << 8;
        f.push(feat(T_SHAPE, shape));
        f.push(feat2(T_SHAPE, shape, sources));
        // Which readers found it, for cues of speech and for other verbs.
        f.push(feat3(T_SOURCES_SPEECH, sources, speech, rel));
        let first_dep = u64::from(syn.dep(tokens.start).0);
        let first_head_is_cue = u64::from(syn.head(tokens.start) == Some(cl.cue.token));
        f.push(feat3(T_FIRST_DEP, first_dep, first_head_is_cue, rel));
    }
    if let Some(t) = cue_token {
        let w = ctx.word(t);
        f.push(feat(T_SPEECH, u64::from(cues::speech_verb(w).is_some())));
        f.push(feat(T_BELIEF, u64::from(cues::belief_verb(w))));
        f.push(feat2(T_LEMMA, cue_lemma(ctx, t), sources));
        let doc_subject = c
            .clause
            .as_ref()
            .and_then(|cl| cl.cue.subject)
            .is_some_and(|s| cues::is_document_noun(ctx.word(s)));
        f.push(feat2(
            T_DOCUMENT,
            u64::from(cues::finding_verb(w)),
            u64::from(doc_subject),
        ));
    }
    let sentence = ctx
        .doc
        .sentence_of(tokens.start.min(ctx.n().saturating_sub(1)));
    let question = ctx.doc.sentences[sentence]
        .tokens
        .clone()
        .any(|k| ctx.word(k) == "?");
    f.push(feat(T_QUESTION, u64::from(question)));
    let para = ctx.doc.paragraph_at(c.span.start());
    f.push(feat(T_HEADLINE, u64::from(is_headline(ctx, para))));
    f
}
