//! Speaker candidates for one quote and the features the speaker ranker scores them by.
//!
//! Candidates are the people and organisations named near the quote (from two paragraphs
//! before it to the sentence after it), the subject phrase of its cue (a name, or a description
//! such as "a White House official"), the speaker the rules chose, and the speakers of the
//! quotes just before it. Mentions of the same name merge into one candidate (a person by
//! surname, anything else by its words), so "Ann Bell", "Bell" and "Ms. Bell" are one.
//!
//! Features describe how a candidate relates to the quote: is it the cue's subject in the
//! parse, or in the rules' reading; is it what the rules chose; how far away and how recently
//! was it named; does it agree in gender and number with a pronoun subject; did it speak the
//! quote before; is it the listener of "told". The ranker's weights decide.

use super::candidates::{cue_lemma, subject_kind, QuoteCandidate};
use super::phrases::{Ctx, Referent};
use crate::analysis::{Label, Speaker};
use crate::entities::features::hash_str;
use crate::groups::bare_name;
use crate::span::Span;
use crate::syntax::words::{feat, feat2, feat3};
use crate::syntax::{Syntax, Tag};
use crate::text::with_lowercase;
use std::collections::HashMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gender {
    Female,
    Male,
}

/// First names with the sex most of their bearers have (in the quote model).
pub type FirstNames = crate::hash::FastMap<u32, Gender>;

/// A possible speaker of one quote.
#[derive(Debug, Clone)]
pub struct SpeakerCandidate {
    /// How mentions of the same speaker are recognised (lower case surname, or words).
    pub key: String,
    /// The fullest form seen.
    pub name: String,
    pub label: Option<Label>,
    /// Mentions near the quote, in text order.
    pub mentions: Vec<Span>,
    /// The mention to report as the quote's speaker mention, when the cue attaches to it.
    pub subject_mention: Option<Span>,
    /// Ruled out whatever its score: "he" or "she" cannot be an organisation or a person of the
    /// other sex.
    pub excluded: bool,
    pub features: Vec<u32>,
}

/// A speaker chosen for an earlier quote.
#[derive(Debug, Clone)]
pub struct Said {
    pub key: String,
    pub name: String,
    pub label: Option<Label>,
    pub quote: Span,
    pub paragraph: usize,
}

/// The lower-case words of a name without titles and a possessive.
fn normalise(name: &str) -> String {
    bare_name(name)
        .trim_matches(|c: char| !c.is_alphanumeric())
        .to_lowercase()
}

/// The key mentions of one referent share: a person's surname, else the normalised words.
pub fn key_of(name: &str, label: Option<Label>) -> String {
    let n = normalise(name);
    match label {
        Some(Label::Per) => n.split_whitespace().next_back().unwrap_or(&n).to_string(),
        Some(_) => n,
        None => format!("~{n}"),
    }
}

// Template numbers. Changing any of them changes every feature: retrain afterwards.
const T_LABEL: u64 = 501;
const T_PARSE_SUBJECT: u64 = 502;
const T_RULE_SUBJECT: u64 = 503;
const T_RULE_PICK: u64 = 504;
const T_PRONOUN: u64 = 505;
const T_AGREE: u64 = 506;
const T_RANK: u64 = 507;
const T_PREVIOUS: u64 = 508;
const T_PREVIOUS_NO_CUE: u64 = 509;
const T_DISTANCE: u64 = 510;
const T_SAME_SENTENCE: u64 = 511;
const T_SAME_PARAGRAPH: u64 = 512;
const T_COUNT: u64 = 513;
const T_LISTENER: u64 = 514;
const T_IN_QUOTE: u64 = 515;
const T_BOTH_SUBJECTS: u64 = 516;
const T_KIND_LABEL: u64 = 517;
const T_NO_CUE_RANK: u64 = 518;
const T_SPOKE_BEFORE: u64 = 519;
const T_INTRODUCED: u64 = 520;
const T_PARSE_SUBJECT_LEMMA: u64 = 521;
const T_DESCRIPTION: u64 = 522;
const T_SUBJECT_KIND: u64 = 523;
const T_AFTER: u64 = 524;
const T_RULE_PICK_MENTION: u64 = 525;
const T_PLURAL_PRONOUN: u64 = 526;
const T_FIRST_MENTION: u64 = 527;
const T_FIT_RANK: u64 = 528;
const T_APPOSED: u64 = 529;
const T_SENTENCE_SUBJECT: u64 = 530;
const T_SUBJECT_NEAR: u64 = 531;
const T_INTRODUCED_ANY: u64 = 532;
const T_DESCRIPTION_FORM: u64 = 533;
const T_DEFINITE_RANK: u64 = 534;
const T_RULE_PICK_FORM: u64 = 535;

fn bucket(n: usize) -> u64 {
    match n {
        0..=2 => n as u64,
        3..=5 => 3,
        6..=10 => 4,
        11..=20 => 5,
        21..=50 => 6,
        51..=100 => 7,
        _ => 8,
    }
}

fn label_code(label: Option<Label>) -> u64 {
    match label {
        Some(Label::Per) => 1,
        Some(Label::Org) => 2,
        Some(Label::Loc) => 3,
        Some(_) => 4,
        None => 0,
    }
}

/// What the ranker is told about one quote.
pub struct QuoteView<'a> {
    pub candidate: &'a QuoteCandidate,
    /// The speaker the rules chose, if any.
    pub rules: Option<&'a Speaker>,
    /// Whether the rules found a cue of the quote's own.
    pub rules_cue: bool,
    /// Direct quotes (with marks) of the document, for "named inside a quote".
    pub marks: &'a [Span],
    /// What each name key is across the whole document (see [`document_labels`]).
    pub labels: &'a HashMap<String, Label>,
    /// The key of each of the document's entities, in order (see [`entity_keys`]).
    pub entity_keys: &'a [String],
}

/// The key of each entity of `ctx` by its own label, computed once per document: every quote
/// looks at the names around it.
pub fn entity_keys(ctx: &Ctx) -> Vec<String> {
    ctx.entities
        .iter()
        .map(|e| key_of(e.span.slice(ctx.doc.text), Some(e.label)))
        .collect()
}

/// What each name is across the document, by the votes of all its mentions: a person when a
/// mention with a first name ("Donald Trump") is one, however the recogniser typed the bare
/// surname elsewhere, else the type most mentions have.
pub fn document_labels(ctx: &Ctx, keys: &[String]) -> HashMap<String, Label> {
    let mut votes: HashMap<&str, ([usize; 3], bool)> = HashMap::new();
    for (e, key) in ctx.entities.iter().zip(keys) {
        let k = match e.label {
            Label::Per => 0,
            Label::Org => 1,
            Label::Loc => 2,
            _ => continue,
        };
        let name = e.span.slice(ctx.doc.text);
        let v = votes.entry(key).or_default();
        v.0[k] += 1;
        if k == 0 && !v.1 {
            v.1 = normalise(name).split_whitespace().count() >= 2;
        }
    }
    votes
        .into_iter()
        .map(|(key, (n, full_person))| {
            let label = if full_person || n[0] >= n[1].max(n[2]) {
                Label::Per
            } else if n[1] >= n[2] {
                Label::Org
            } else {
                Label::Loc
            };
            (key.to_string(), label)
        })
        .collect()
}

struct Subject {
    np: Span,
    referent: Referent,
}

fn subject(ctx: &Ctx, np: Option<Span>) -> Option<Subject> {
    let np = np?;
    Some(Subject {
        np,
        referent: ctx.referent(np),
    })
}

fn pronoun_gender(word: &str) -> Option<Gender> {
    with_lowercase(word, |w| match w {
        "he" | "him" | "his" => Some(Gender::Male),
        "she" | "her" | "hers" => Some(Gender::Female),
        _ => None,
    })
}

fn title_gender(word: &str) -> Option<Gender> {
    with_lowercase(word, |w| match w.trim_end_matches('.') {
        "mr" | "sir" | "lord" | "king" | "prince" => Some(Gender::Male),
        "mrs" | "ms" | "miss" | "lady" | "dame" | "queen" | "princess" => Some(Gender::Female),
        _ => None,
    })
}

/// The gender a person candidate is known by: a gendered title before a mention, or the sex of
/// the first name.
fn gender_of(ctx: &Ctx, mentions: &[Span], names: &FirstNames) -> Option<Gender> {
    for m in mentions {
        let first = ctx.tokens_of(*m).start;
        if first > 0 {
            if let Some(g) = title_gender(ctx.word(first - 1)) {
                return Some(g);
            }
        }
        let mut words = m.slice(ctx.doc.text).split_whitespace();
        if let (Some(first), Some(_)) = (words.next(), words.next()) {
            let key = with_lowercase(first, crate::entities::features::word_key);
            if let Some(&g) = names.get(&key) {
                return Some(g);
            }
        }
    }
    None
}

/// The candidates for one quote with their features. `said` holds the speakers chosen for the
/// quotes before it.
pub fn candidates(
    ctx: &Ctx,
    syn: &Syntax,
    q: &QuoteView,
    said: &[Said],
    names: &FirstNames,
) -> Vec<SpeakerCandidate> {
    let doc = ctx.doc;
    let c = q.candidate;
    let text = doc.text;
    let first_token = ctx.tokens_of(c.outer).start.min(ctx.n().saturating_sub(1));
    let last_token = ctx
        .tokens_of(c.outer)
        .end
        .saturating_sub(1)
        .max(first_token);
    let para = doc.paragraph_at(c.outer.start()).unwrap_or(0);
    let from = doc.paragraphs[para.saturating_sub(2)].span.start();
    let sentence = doc.sentence_of(last_token);
    let quote_sentence = doc.sentence_of(first_token);
    let window_end = doc
        .sentences
        .get(sentence + 1)
        .filter(|s| doc.paragraph_at(s.span.start()) == Some(para))
        .unwrap_or(&doc.sentences[sentence])
        .span
        .end();
    let mut out: Vec<SpeakerCandidate> = Vec::new();
    // Descriptions (no label) are named as the guidelines write them, without their article.
    let mut add = |key: &str, name: &str, label: Option<Label>, mention: Option<Span>| -> usize {
        let name = if label.is_none() {
            description_name(name)
        } else {
            name
        };
        let k = match out.iter().position(|x| x.key == key) {
            Some(k) => k,
            None => {
                out.push(SpeakerCandidate {
                    key: key.to_string(),
                    name: name.to_string(),
                    label,
                    mentions: Vec::new(),
                    subject_mention: None,
                    excluded: false,
                    features: Vec::new(),
                });
                out.len() - 1
            }
        };
        let x = &mut out[k];
        if name.split_whitespace().count() > x.name.split_whitespace().count() {
            x.name = name.to_string();
        }
        if x.label.is_none() {
            x.label = label;
        }
        if let Some(m) = mention {
            if !x.mentions.contains(&m) {
                x.mentions.push(m);
            }
        }
        k
    };
    // Names near the quote.
    let lo = ctx.entities.partition_point(|e| e.span.end() <= from);
    for (e, key) in ctx.entities[lo..].iter().zip(&q.entity_keys[lo..]) {
        if e.span.start() >= window_end {
            break;
        }
        if matches!(e.label, Label::Per | Label::Org | Label::Loc) {
            let name = e.span.slice(text);
            let label = q.labels.get(key).copied().unwrap_or(e.label);
            add(key, name, Some(label), Some(e.span));
        }
    }
    // The cue's subject in the parse and in the rules.
    let parse_cue = c.parsed_cue();
    let parse_subject = subject(ctx, parse_cue.and_then(|p| p.subject_np));
    let rule_subject = subject(
        ctx,
        c.rule
            .as_ref()
            .and_then(|r| r.reported.as_ref())
            .and_then(|r| r.subject)
            .or_else(|| q.rules.and_then(|s| s.mention)),
    );
    let mut subject_of: Vec<(usize, u8)> = Vec::new();
    // The name at the head of the parse subject ("Rubio spokesman Alex Conant": Alex Conant),
    // and a name in apposition to it ("One pastor, Darran Whiting, said"; "Howard Rubel, an
    // analyst, who notes").
    let mut apposed: Vec<usize> = Vec::new();
    if let Some(head) = parse_cue.and_then(|p| p.subject) {
        let mut names: Vec<(usize, bool)> = Vec::new();
        if ctx.entity_at(head).is_some() {
            names.push((head, false));
        }
        for &a in syn.children(head) {
            if syn.dep(a as usize) == crate::syntax::Dep::APPOS {
                names.push((a as usize, true));
            }
        }
        if syn.dep(head) == crate::syntax::Dep::APPOS {
            if let Some(h) = syn.head(head) {
                names.push((h, true));
            }
        }
        for (t, by_apposition) in names {
            if let Some(e) = ctx
                .entity_at(t)
                .filter(|e| matches!(e.label, Label::Per | Label::Org))
            {
                let name = e.span.slice(text);
                let key = key_of(name, Some(e.label));
                let label = q.labels.get(&key).copied().unwrap_or(e.label);
                let k = add(&key, name, Some(label), Some(e.span));
                if by_apposition {
                    apposed.push(k);
                } else {
                    subject_of.push((k, 1));
                }
            }
        }
    }
    // A document names its findings with all its words ("a survey by the Rail Union"), even
    // when a name is inside.
    let parse_head = parse_cue.and_then(|p| p.subject);
    let document = parse_head.is_some_and(|h| super::cues::is_document_noun(ctx.word(h)));
    for (which, s) in [(1u8, &parse_subject), (2u8, &rule_subject)] {
        let Some(s) = s else { continue };
        if which == 1 && document {
            let whole = parse_cue
                .zip(parse_head)
                .and_then(|(p, h)| full_phrase(ctx, syn, h, p.token))
                .unwrap_or(s.np);
            let name = whole.slice(text);
            let k = add(&key_of(name, None), name, None, Some(s.np));
            subject_of.push((k, which));
            continue;
        }
        match &s.referent {
            Referent::Name { span, label } => {
                let name = span.slice(text);
                let key = key_of(name, Some(*label));
                let label = q.labels.get(&key).copied().unwrap_or(*label);
                let k = add(&key, name, Some(label), Some(*span));
                subject_of.push((k, which));
            }
            Referent::Description { span, .. } => {
                let head = parse_head.filter(|_| which == 1);
                if !can_speak(ctx, syn, *span, head) {
                    continue;
                }
                // A description names its speaker with all its words, relative clauses and
                // all ("an intelligence source, who was not authorised to speak, said").
                let whole = parse_cue
                    .zip(head)
                    .and_then(|(p, h)| full_phrase(ctx, syn, h, p.token))
                    .unwrap_or(*span);
                let name = whole.slice(text);
                let k = add(&key_of(name, None), name, None, Some(*span));
                subject_of.push((k, which));
            }
            Referent::Person | Referent::Plural => {}
        }
    }
    // The rules' choice and the recent speakers.
    let rule_pick = q.rules.filter(|s| rule_can_speak(ctx, syn, s)).map(|s| {
        let label = s.label;
        let key = if label.is_some() || s.mention.is_none() {
            key_of(&s.name, label.or(Some(Label::Per)))
        } else {
            key_of(&s.name, None)
        };
        add(&key, &s.name, label, None)
    });
    let earlier: Vec<&Said> = said
        .iter()
        .rev()
        .filter(|s| s.quote.end() <= c.outer.start())
        .take(3)
        .collect();
    for s in &earlier {
        add(&s.key, &s.name, s.label, None);
    }
    // Features.
    let kind = c.kind as u64;
    let has_cue = parse_cue.is_some() || q.rules_cue;
    let pronoun = [&parse_subject, &rule_subject]
        .into_iter()
        .flatten()
        .find_map(|s| matches!(s.referent, Referent::Person | Referent::Plural).then(|| s.np));
    let pronoun_word = pronoun.map(|p| p.slice(text).to_lowercase());
    let plural = pronoun.is_some_and(|p| matches!(ctx.referent(p), Referent::Plural));
    let wanted = pronoun_word.as_deref().and_then(pronoun_gender);
    // A definite description of a person ("the minister", "the 25-year-old") refers back to
    // someone named before, as a pronoun does; an indefinite one ("a White House official")
    // brings in a source of its own.
    // What the cue's subject is: 0 none, 1 a name, 2 a pronoun, 3 a definite description of a
    // person, 4 another description.
    let subject_form = match parse_subject.as_ref().or(rule_subject.as_ref()) {
        None => 0,
        Some(s) => match s.referent {
            Referent::Name { .. } => 1,
            Referent::Person | Referent::Plural => 2,
            Referent::Description { .. }
                if determiner(ctx, s.np) == 1 && description_kind(ctx, s.np) == 1 =>
            {
                3
            }
            Referent::Description { .. } => 4,
        },
    };
    let definite_person = [&parse_subject, &rule_subject]
        .into_iter()
        .flatten()
        .any(|s| {
            matches!(s.referent, Referent::Description { .. })
                && determiner(ctx, s.np) == 1
                && description_kind(ctx, s.np) == 1
        });

    // Recency: candidates ordered by their last mention before the quote.
    let mut recency: Vec<(usize, usize)> = out
        .iter()
        .enumerate()
        .filter_map(|(k, x)| {
            x.mentions
                .iter()
                .filter(|m| m.end() <= c.outer.start() && !in_marks(q.marks, **m))
                .map(|m| m.start())
                .max()
                .map(|at| (k, at))
        })
        .collect();
    recency.sort_by_key(|&(_, at)| std::cmp::Reverse(at));
    // Recency among the candidates a pronoun can stand for: people of a fitting gender for
    // "he" and "she", organisations and groups for "they" and "it".
    let genders: Vec<Option<Gender>> = out
        .iter()
        .map(|x| {
            (x.label == Some(Label::Per))
                .then(|| gender_of(ctx, &x.mentions, names))
                .flatten()
        })
        .collect();
    let fit: Vec<bool> = out
        .iter()
        .enumerate()
        .map(|(k, x)| {
            if plural {
                x.label != Some(Label::Per)
            } else {
                x.label == Some(Label::Per)
                    && !matches!((wanted, genders[k]), (Some(a), Some(b)) if a != b)
            }
        })
        .collect();
    let fits = |k: usize| fit[k];
    let fitting: Vec<usize> = recency
        .iter()
        .map(|&(k, _)| k)
        .filter(|&k| fits(k))
        .collect();
    let fit_rank: Vec<Option<usize>> = (0..out.len())
        .map(|k| fitting.iter().position(|&i| i == k))
        .collect();
    // Who the sentence of the quote, and the one before, are about (their opening subjects).
    let sentence_subject_key = |k: usize| -> Option<String> {
        let np = ctx.sentence_subject(doc.sentences.get(k)?.tokens.start)?;
        match ctx.referent(np) {
            Referent::Name { span, label } => Some(key_of(span.slice(text), Some(label))),
            _ => None,
        }
    };
    // In parsed sentences, a mention that is a verb's subject: who the narration is about.
    let is_subject = |m: &Span| ctx.tokens_of(*m).any(|t| syn.dep(t).is_subject());
    let this_subject = sentence_subject_key(quote_sentence);
    let last_subject = quote_sentence.checked_sub(1).and_then(sentence_subject_key);
    let previous = earlier.first();
    let listener = parse_cue
        .and_then(|p| p.listener)
        .map(|l| ctx.span_of(l, l + 1));
    let parse_lemma = parse_cue.map_or(0, |p| cue_lemma(ctx, p.token));
    let parse_hops = parse_cue.map_or(9, |p| u64::from(p.hops.min(3)));
    let parse_kind = subject_kind(syn, parse_cue.and_then(|p| p.subject));
    for (k, x) in out.iter_mut().enumerate() {
        let mut f = Vec::with_capacity(32);
        let lab = label_code(x.label);
        f.push(feat(T_LABEL, lab));
        f.push(feat2(T_KIND_LABEL, kind, lab));
        let by_parse = subject_of.iter().any(|&(i, w)| i == k && w == 1);
        let by_rules = subject_of.iter().any(|&(i, w)| i == k && w == 2);
        f.push(feat3(
            T_PARSE_SUBJECT,
            u64::from(by_parse),
            parse_hops,
            kind,
        ));
        f.push(feat2(
            T_PARSE_SUBJECT_LEMMA,
            u64::from(by_parse),
            parse_lemma,
        ));
        f.push(feat2(T_RULE_SUBJECT, u64::from(by_rules), kind));
        f.push(feat2(
            T_BOTH_SUBJECTS,
            u64::from(by_parse),
            u64::from(by_rules),
        ));
        f.push(feat3(T_SUBJECT_KIND, u64::from(by_parse), parse_kind, lab));
        let picked = rule_pick == Some(k);
        let rules_mention = q.rules.is_some_and(|s| s.mention.is_some());
        f.push(feat3(
            T_RULE_PICK,
            u64::from(picked),
            kind,
            u64::from(has_cue),
        ));
        f.push(feat2(
            T_RULE_PICK_MENTION,
            u64::from(picked),
            u64::from(rules_mention),
        ));
        f.push(feat3(
            T_RULE_PICK_FORM,
            u64::from(picked),
            subject_form,
            lab,
        ));
        if x.label.is_none() {
            let head = x
                .name
                .split_whitespace()
                .next_back()
                .unwrap_or("")
                .to_lowercase();
            f.push(feat2(
                T_DESCRIPTION,
                hash_str(&head),
                u64::from(by_parse || by_rules),
            ));
            if let Some(&m) = x.mentions.first() {
                let (det, kind) = (determiner(ctx, m), description_kind(ctx, m));
                f.push(feat3(
                    T_DESCRIPTION_FORM,
                    det,
                    kind,
                    u64::from(by_parse || by_rules),
                ));
            }
        }
        if definite_person {
            let fr = fit_rank[k].map_or(9, |r| r.min(4) as u64);
            f.push(feat3(T_DEFINITE_RANK, fr, lab, u64::from(picked)));
        }
        let rank = recency.iter().position(|&(i, _)| i == k);
        let rank_code = rank.map_or(9, |r| r.min(4) as u64);
        if wanted.is_some() && !plural {
            // "he" and "she" stand for people whose known sex does not contradict them.
            x.excluded = !fits(k) && x.label.is_some();
        }
        if let Some(p) = &pronoun_word {
            let gender = genders[k];
            let agree = match (wanted, gender) {
                (Some(a), Some(b)) if a == b => 1,
                (Some(_), Some(_)) => 2,
                _ => 0,
            };
            f.push(feat2(T_PRONOUN, hash_str(p), lab));
            f.push(feat3(T_AGREE, agree, lab, u64::from(plural)));
            f.push(feat3(T_RANK, rank_code, lab, u64::from(plural)));
            let fit = fit_rank[k].map_or(9, |r| r.min(4) as u64);
            f.push(feat3(
                T_FIT_RANK,
                fit,
                u64::from(plural),
                u64::from(wanted.is_some()),
            ));
            f.push(feat2(T_PLURAL_PRONOUN, u64::from(plural), lab));
        }
        let was_previous = previous.is_some_and(|s| s.key == x.key);
        let para_gap = previous.map_or(9, |s| para.saturating_sub(s.paragraph).min(4) as u64);
        f.push(feat3(
            T_PREVIOUS,
            u64::from(was_previous),
            u64::from(has_cue),
            kind,
        ));
        if !has_cue {
            f.push(feat2(T_PREVIOUS_NO_CUE, u64::from(was_previous), para_gap));
            f.push(feat2(T_NO_CUE_RANK, rank_code, lab));
            // Named since the previous quote ("Jones disagreed. "It will never work."").
            let since = previous.map_or(from, |s| s.quote.end());
            let introduced = x.mentions.iter().any(|m| {
                m.start() >= since && m.end() <= c.outer.start() && !in_marks(q.marks, *m)
            });
            f.push(feat2(T_INTRODUCED, u64::from(introduced), lab));
        }
        let spoke = earlier
            .iter()
            .position(|s| s.key == x.key)
            .map_or(9, |p| p as u64);
        f.push(feat2(
            T_APPOSED,
            u64::from(apposed.contains(&k)),
            u64::from(by_parse),
        ));
        // Named as a subject in the quote's sentence or the one before, outside quotes.
        let subject_near = x
            .mentions
            .iter()
            .filter(|m| !in_marks(q.marks, **m) && is_subject(m))
            .filter_map(|m| {
                let t = ctx.tokens_of(*m).start.min(ctx.n().saturating_sub(1));
                let sk = doc.sentence_of(t);
                if (quote_sentence..=sentence).contains(&sk) {
                    Some(1)
                } else if sk + 1 == quote_sentence {
                    Some(2)
                } else {
                    None
                }
            })
            .min()
            .unwrap_or(0);
        f.push(feat3(
            T_SUBJECT_NEAR,
            subject_near,
            u64::from(pronoun.is_some()),
            lab,
        ));
        let since = previous.map_or(from, |s| s.quote.end());
        let introduced = x
            .mentions
            .iter()
            .any(|m| m.start() >= since && m.end() <= c.outer.start() && !in_marks(q.marks, *m));
        f.push(feat3(
            T_INTRODUCED_ANY,
            u64::from(introduced),
            u64::from(was_previous),
            u64::from(pronoun.is_some()),
        ));
        let about = u64::from(this_subject.as_ref() == Some(&x.key))
            | u64::from(last_subject.as_ref() == Some(&x.key)) << 1;
        f.push(feat3(
            T_SENTENCE_SUBJECT,
            about,
            u64::from(has_cue),
            u64::from(pronoun.is_some()),
        ));
        f.push(feat(T_SPOKE_BEFORE, spoke));
        // The nearest mention, before or after.
        let mut best: Option<(usize, bool)> = None;
        for m in &x.mentions {
            let (gap, after) = if m.end() <= c.outer.start() {
                (
                    ctx.tokens_of(Span::new(m.end(), c.outer.start())).len(),
                    false,
                )
            } else if m.start() >= c.outer.end() {
                (
                    ctx.tokens_of(Span::new(c.outer.end(), m.start())).len(),
                    true,
                )
            } else {
                (0, false)
            };
            if best.is_none_or(|(g, _)| gap < g) {
                best = Some((gap, after));
            }
        }
        match best {
            Some((gap, after)) => {
                f.push(feat3(
                    T_DISTANCE,
                    bucket(gap),
                    u64::from(after),
                    u64::from(has_cue),
                ));
                f.push(feat2(T_AFTER, u64::from(after), kind));
            }
            None => f.push(feat(T_DISTANCE, 99)),
        }
        let same_sentence = x.mentions.iter().any(|m| {
            let t = ctx.tokens_of(*m).start.min(ctx.n().saturating_sub(1));
            (quote_sentence..=sentence).contains(&doc.sentence_of(t))
        });
        f.push(feat2(
            T_SAME_SENTENCE,
            u64::from(same_sentence),
            u64::from(has_cue),
        ));
        let same_para = x
            .mentions
            .iter()
            .any(|m| doc.paragraph_at(m.start()) == Some(para));
        f.push(feat(T_SAME_PARAGRAPH, u64::from(same_para)));
        f.push(feat(T_COUNT, bucket(x.mentions.len())));
        let first = x
            .mentions
            .first()
            .map_or(0, |m| bucket(doc.paragraph_at(m.start()).unwrap_or(0)));
        f.push(feat(T_FIRST_MENTION, first));
        let is_listener = listener.is_some_and(|l| x.mentions.iter().any(|m| m.overlaps(l)));
        f.push(feat(T_LISTENER, u64::from(is_listener)));
        let quoted = !x.mentions.is_empty() && x.mentions.iter().all(|m| in_marks(q.marks, *m));
        f.push(feat(T_IN_QUOTE, u64::from(quoted)));
        x.features = f;
        // The mention the cue attaches to: the subject phrase's name (or the phrase itself).
        let subject_np = if by_parse {
            parse_subject.as_ref()
        } else if by_rules {
            rule_subject.as_ref()
        } else {
            None
        };
        x.subject_mention = subject_np.map(|s| match &s.referent {
            Referent::Name { span, .. } => *span,
            _ => s.np,
        });
        if x.subject_mention.is_none() {
            x.subject_mention = pronoun;
        }
    }
    out
}

/// Whether a description can be a speaker. Its head (the parse's, or else the last word before
/// a preposition) is a noun, a number or an adjective used as a noun ("the wealthy"), but not
/// a span of time ("on Tuesday", "last month"), and not a word the tagger reads as a determiner,
/// pronoun, verb or adverb ("the", "him", "came"), which a misparse or a rule can leave as the
/// head; nor does a description start with a relative word ("whose win on Tuesday").
fn can_speak(ctx: &Ctx, syn: &Syntax, np: Span, head: Option<usize>) -> bool {
    let r = ctx.tokens_of(np);
    if r.is_empty() || matches!(syn.tag(r.start), Tag::WP | Tag::WP_POSS | Tag::WDT) {
        return false;
    }
    let t = head.filter(|h| r.contains(h)).unwrap_or_else(|| {
        (r.start + 1..r.end)
            .find(|&k| matches!(syn.tag(k), Tag::IN | Tag::TO))
            .map_or(r.end - 1, |k| k - 1)
    });
    let tag = syn.tag(t);
    let word_like = tag.is_noun()
        || matches!(tag, Tag::CD | Tag::JJ | Tag::JJR | Tag::JJS)
        || tag == Tag::PRP && r.len() > 1;
    let word = ctx.word(t);
    word_like
        && !crate::entities::rules::is_month_or_day(word)
        && !with_lowercase(word, |w| TIME_NOUNS.contains(&w))
}

/// Spans of time, which never speak ("last month", "the next day"). The date lexicon of
/// `entities::numeric` is wider ("decades", "noon"); the ranker was trained on this list.
const TIME_NOUNS: &[&str] = &[
    "today",
    "yesterday",
    "tomorrow",
    "tonight",
    "morning",
    "afternoon",
    "evening",
    "night",
    "day",
    "days",
    "week",
    "weeks",
    "weekend",
    "month",
    "months",
    "year",
    "years",
];

/// Whether the rules' speaker can speak: names always can, descriptions by [`can_speak`].
fn rule_can_speak(ctx: &Ctx, syn: &Syntax, s: &Speaker) -> bool {
    match (s.label, s.mention) {
        (None, Some(m)) => match ctx.referent(m) {
            Referent::Description { .. } => can_speak(ctx, syn, m, None),
            _ => true,
        },
        _ => true,
    }
}

/// How a description begins: 1 definite ("the", "this"), 2 indefinite ("a", "one", "two"),
/// 3 possessive ("his office", "Clinton's campaign"), 0 bare ("critics").
fn determiner(ctx: &Ctx, np: Span) -> u64 {
    let r = ctx.tokens_of(np);
    let Some(first) = r.clone().next() else {
        return 0;
    };
    if ctx.lower_in(first, &["the", "this", "that", "these", "those"]) {
        1
    } else if ctx.lower_in(
        first,
        &[
            "a", "an", "one", "two", "three", "some", "several", "another", "many", "other",
        ],
    ) || ctx.doc.tokens[first].kind == crate::text::TokenKind::Number
    {
        2
    } else if ctx.lower_in(first, &["his", "her", "its", "their", "our", "my"])
        || r.clone().any(|k| ctx.is(k, "'s") || ctx.is(k, "\u{2019}s"))
    {
        3
    } else {
        0
    }
}

/// What a description's head is: 1 a person or role ("minister", "spokesman", "25-year-old"),
/// 2 an organisation ("group", "campaign"), 3 a document ("report", "poll"), 0 other.
fn description_kind(ctx: &Ctx, np: Span) -> u64 {
    let r = ctx.tokens_of(np);
    let head = (r.clone())
        .find(|&k| {
            k > r.start
                && ctx.lower_in(
                    k,
                    &["of", "for", "from", "at", "in", "with", "who", "which"],
                )
        })
        .map_or(r.end, |k| k)
        .saturating_sub(1)
        .max(r.start);
    let w = ctx.word(head);
    if ctx.is_role_description(np) || ctx.is_person_noun(w) {
        1
    } else if ctx.is_org_noun(w) {
        2
    } else if super::cues::is_document_noun(w) {
        3
    } else {
        0
    }
}

/// The words of a subject head that name the speaker: its subtree with its modifiers ("the
/// former aide to the governor", "a source involved in the talks"), up to a relative clause
/// ("sources who have seen the letter") or a comma, dash or bracket after the head (an
/// apposition or an aside: "the complaint, which was filed on Friday,"; "a spokesman for the
/// union, Tom Reed,": the name is a candidate of its own), before the modifier that holds the
/// cue itself ("an email to supporters stating ...": "supporters"), and without punctuation at
/// its ends.
fn full_phrase(ctx: &Ctx, syn: &Syntax, head: usize, cue: usize) -> Option<Span> {
    let r = syn.subtree(head);
    let (mut a, mut b) = (r.start, r.end);
    for &c in syn.children(head) {
        let c = c as usize;
        let tree = syn.subtree(c);
        if c > head
            && (syn.dep(c) == crate::syntax::Dep::APPOS && ctx.entity_at(c).is_some()
                || tree.contains(&cue))
        {
            b = b.min(tree.start);
        }
    }
    if let Some(k) = (head + 1..b).find(|&k| {
        syn.dep(k) == crate::syntax::Dep::RELCL || super::reported::ends_phrase(ctx.word(k))
    }) {
        b = if syn.dep(k) == crate::syntax::Dep::RELCL {
            syn.subtree(k).start.max(head + 1)
        } else {
            k
        };
    }
    let punct = |k: usize| {
        ctx.doc.tokens[k].kind != crate::text::TokenKind::Word
            && ctx.doc.tokens[k].kind != crate::text::TokenKind::Number
    };
    // Nor does a focusing adverb before it ("Even Republicans who praised him"): it belongs to
    // the sentence.
    while a < head && (punct(a) || syn.tag(a) == Tag::RB) {
        a += 1;
    }
    while b > a && punct(b - 1) {
        b -= 1;
    }
    (a < b).then(|| ctx.span_of(a, b))
}

/// How a description names its speaker: without a leading article, as the annotation
/// guidelines write them ("a source close to the talks" is the speaker "source close to the
/// talks"). The candidate's key keeps the article: "a source" and "the source" may differ.
pub fn description_name(phrase: &str) -> &str {
    let phrase = phrase.trim();
    match crate::text::without_article(phrase) {
        Some(rest) if !rest.is_empty() => rest,
        _ => phrase,
    }
}

fn in_marks(marks: &[Span], s: Span) -> bool {
    let k = marks.partition_point(|o| o.end() <= s.start());
    marks.get(k).is_some_and(|o| o.contains(s))
}

#[cfg(test)]
mod tests {
    use super::description_name;

    #[test]
    fn descriptions_are_named_without_their_article() {
        assert_eq!(
            description_name("a source close to the talks"),
            "source close to the talks"
        );
        assert_eq!(description_name("The report"), "report");
        assert_eq!(description_name("An  aide"), "aide");
        assert_eq!(description_name("two officials"), "two officials");
        assert_eq!(description_name("Anna"), "Anna");
        assert_eq!(description_name("a"), "a");
    }
}
