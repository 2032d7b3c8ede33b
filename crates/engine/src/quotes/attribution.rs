//! Speakers: each quote's cue and subject phrase, resolved to the fullest name it refers to.
//!
//! A direct quote's cue is looked for right after its closing mark (`"...," X said`,
//! `"...," said X`) and then before its opening mark (`X said: "..."`, the second half of a
//! split quote). A reported clause brings its cue and subject from [`super::indirect`]. The
//! subject phrase is resolved by `Resolver`: names stand for themselves, pronouns take the
//! latest fitting speaker or person, descriptions ("the minister", "the group") the person
//! introduced with that title or the organisation with that head word. A quote with no cue of
//! its own continues the speaker of the quote before it, or of the person just mentioned.

use super::phrases::{Ctx, Referent, TITLE_WORDS};
use super::Candidate;
use super::{cues, fragments};
use crate::analysis::{Label, Quote, Speaker};
use crate::span::Span;

/// How a quote attaches to its speaker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Attach {
    /// A cue with a subject phrase.
    Subject(Span),
    /// A participle cue (", adding that ..."): the speaker of the sentence.
    Inherit,
    /// No cue: the speaker from context.
    Context,
    /// A cue whose speaker the text does not give ("he was told: ...").
    Unknown,
}

/// Attributes every candidate, in text order.
pub fn attribute(ctx: &Ctx, candidates: &[Candidate]) -> Vec<Quote> {
    if candidates.is_empty() {
        return Vec::new();
    }
    // Words inside any quotation marks (quotes, scare quotes, titles) are not narration.
    let direct: Vec<Span> = super::marks::direct_quotes(ctx.doc)
        .iter()
        .map(|m| m.outer)
        .collect();
    let mut resolver = Resolver::new(ctx, direct);
    let mut out: Vec<Quote> = Vec::with_capacity(candidates.len());
    for c in candidates {
        let (attach, cue) = match &c.reported {
            Some(r) => (
                match (r.subject, r.inherits) {
                    (Some(s), _) => Attach::Subject(s),
                    (None, true) => Attach::Inherit,
                    (None, false) => Attach::Context,
                },
                Some(r.cue_span),
            ),
            None => direct_cue(ctx, c),
        };
        let speaker = match attach {
            Attach::Subject(np) => resolver.resolve(np),
            Attach::Inherit => resolver.sentence_speaker(c.outer.start(), &out),
            Attach::Context => resolver.context_speaker(c.outer.start(), &out),
            Attach::Unknown => None,
        };
        if let Some(s) = &speaker {
            resolver.note_speaker(c.outer.start(), s);
        }
        out.push(Quote {
            span: c.span,
            kind: c.kind,
            speaker,
            cue,
            confidence: None,
        });
    }
    out
}

/// The cue of a direct quote and how it attaches.
fn direct_cue(ctx: &Ctx, c: &Candidate) -> (Attach, Option<Span>) {
    cue_after(ctx, c)
        .or_else(|| cue_before(ctx, c))
        .map_or((Attach::Context, None), |(a, s)| (a, Some(s)))
}

/// `"...," X said` / `"...," said X` / `"...," according to X`.
fn cue_after(ctx: &Ctx, c: &Candidate) -> Option<(Attach, Span)> {
    let k = ctx.doc.token_at_or_after(c.outer.end());
    if k >= ctx.n() || ctx.doc.tokens[k].breaks_before > 0 {
        return None;
    }
    let inner = c.span.slice(ctx.doc.text).trim_end();
    // After a full stop a capitalised word opens a new sentence, not a tag.
    let k = if ctx.word(k) == "," { k + 1 } else { k };
    if k >= ctx.n() || inner.ends_with('.') && ctx.is_cap(k) && !ctx.is(k, "I") {
        return None;
    }
    if ctx.is(k, "according") && ctx.is(k + 1, "to") {
        let np = ctx.np_starting_at(k + 2)?;
        return Some((Attach::Subject(np), ctx.span_of(k, k + 2)));
    }
    let limit = ctx.n().min(k + 10);
    for m in k..limit {
        let t = ctx.doc.tokens[m];
        if ctx.is_mark(m) || ctx.is_stop(m) || m > k && t.breaks_before > 0 {
            return None;
        }
        let w = ctx.word(m);
        if !w.chars().next().is_some_and(char::is_lowercase) || cues::speech_verb(w).is_none() {
            continue;
        }
        let cue = ctx.span_of(m, m + 1);
        if m == k {
            // Inversion: "said Baldawi".
            let np = ctx.np_starting_at(m + 1)?;
            return Some((Attach::Subject(np), cue));
        }
        return ctx
            .subject_before(m, k)
            .map(|np| (Attach::Subject(np), cue));
    }
    None
}

/// `X said: "..."`, `X added, "..."`, and the second half of `"A," he said, "B."`.
fn cue_before(ctx: &Ctx, c: &Candidate) -> Option<(Attach, Span)> {
    let open = ctx.doc.token_at_or_after(c.outer.start());
    if open == 0 {
        return None;
    }
    // The stretch before the mark, back to a quote mark or a sentence end.
    let mut floor = open;
    while floor > 0 && open - floor < 25 {
        let t = ctx.doc.tokens[floor - 1];
        if ctx.is_mark(floor - 1) || ctx.is_stop(floor - 1) {
            break;
        }
        floor -= 1;
        if t.breaks_before > 0 {
            break;
        }
    }
    let last = open - 1;
    let lead_in =
        matches!(ctx.word(last), ":" | ",") || cues::speech_verb(ctx.word(last)).is_some();
    // A quote embedded in narration (`accused them of "sitting on their hands"`) belongs to
    // the subject of the verb that governs it.
    let fragment = !lead_in && (ctx.is_word(last) || fragments::is_fragment(ctx, c.span));
    if floor >= open || !(lead_in || fragment) {
        return None;
    }
    let m = (floor..open).rev().find(|&m| {
        let w = ctx.word(m);
        w.chars().next().is_some_and(char::is_lowercase)
            && (cues::speech_verb(w).is_some() || fragment && fragments::is_label_verb(w))
    })?;
    if fragment {
        let np = ctx.subject_before(m, floor)?;
        return Some((Attach::Subject(np), ctx.span_of(m, m + 1)));
    }
    let cue = ctx.span_of(m, m + 1);
    if ctx.passive_cue(m) {
        return Some((Attach::Unknown, cue));
    }
    if cues::is_participle(ctx.word(m)) && m > floor && ctx.word(m - 1) == "," {
        return Some((Attach::Inherit, cue));
    }
    if let Some(np) = ctx.subject_before(m, floor) {
        return Some((Attach::Subject(np), cue));
    }
    // "Said the minister: ..." or "..., said Kadhimi, ...".
    let np = ctx.np_starting_at(m + 1)?;
    Some((Attach::Subject(np), cue))
}

/// A title recorded for a name ("prime minister" for "Mustafa al-Kadhimi").
#[derive(Debug, Clone)]
struct Title {
    words: Vec<String>,
    name: Span,
    label: Label,
}

/// A resolved speaker mention, remembered for pronouns and context.
#[derive(Debug, Clone)]
struct Said {
    at: usize,
    speaker: Speaker,
}

/// Resolves subject phrases to speakers, remembering what came before.
/// How far back (in bytes, a few pages) a pronoun, a description or an uncued quote looks for
/// its referent. It also keeps the work per quote bounded, whatever the length of the text.
const WINDOW: usize = 20_000;

/// Whether something at byte `pos` is close enough before byte `at` to be referred to.
fn near(pos: usize, at: usize) -> bool {
    pos + WINDOW >= at
}

struct Resolver<'c, 'd, 't> {
    ctx: &'c Ctx<'d, 't>,
    titles: Vec<Title>,
    said: Vec<Said>,
    /// Direct quotes (with marks), whose words are not narration.
    direct: Vec<Span>,
    /// Last words of names and the gender a title or pronoun gave them.
    genders: Vec<(String, Gender)>,
    /// Person names that open sentences as their subjects, in text order.
    /// Made on first use: most texts' quotes never ask for them.
    subjects: std::cell::OnceCell<Vec<Span>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Gender {
    Female,
    Male,
}

/// The gender of a pronoun or gendered title ("she", "Mrs", "spokesman").
fn gender_word(word: &str) -> Option<Gender> {
    let w = word.trim();
    let w = w.trim_end_matches('.');
    // Every word below is short and ASCII: others need no lower-casing to be turned away.
    if w.len() > 13 || !w.is_ascii() {
        return None;
    }
    let mut buf = [0u8; 13];
    for (b, c) in buf.iter_mut().zip(w.bytes()) {
        *b = c.to_ascii_lowercase();
    }
    let w = std::str::from_utf8(&buf[..w.len()]).unwrap_or("");
    match w {
        "he" | "him" | "his" | "mr" | "sir" | "lord" | "king" | "prince" | "spokesman"
        | "chairman" | "congressman" | "father" | "brother" => Some(Gender::Male),
        "she" | "her" | "hers" | "mrs" | "ms" | "miss" | "lady" | "dame" | "queen" | "princess"
        | "spokeswoman" | "chairwoman" | "congresswoman" | "mother" | "sister" => {
            Some(Gender::Female)
        }
        _ => None,
    }
}

fn last_word(name: &str) -> &str {
    name.split_whitespace().next_back().unwrap_or(name)
}

/// Person names that open sentences ("Ann Bell spoke first.").
fn subject_names(ctx: &Ctx) -> Vec<Span> {
    ctx.doc
        .sentences
        .iter()
        .filter_map(|s| ctx.sentence_subject(s.tokens.start))
        .filter_map(|np| match ctx.referent(np) {
            Referent::Name {
                span,
                label: Label::Per,
            } => Some(span),
            _ => None,
        })
        // A name the recogniser calls a place or another kind of name is no person; a single
        // word must be known as a person ("Iraq has ..." is not).
        .filter(|span| {
            let r = ctx.tokens_of(*span);
            let label = |k: usize| ctx.entity_at(k).map(|e| e.label);
            let other = r
                .clone()
                .any(|k| matches!(label(k), Some(Label::Loc | Label::Misc)));
            let known = r.clone().any(|k| label(k) == Some(Label::Per));
            !other && (known || r.len() >= 2)
        })
        .collect()
}

/// Names written after a gendered title ("Ms Lomax", "Mr Brown").
fn titled_genders(ctx: &Ctx) -> Vec<(String, Gender)> {
    let mut out = Vec::new();
    for i in 0..ctx.n() {
        if !ctx.is_cap(i + 1) {
            continue;
        }
        let pronoun = ctx.lower_in(i, &["he", "him", "his", "she", "her", "hers"]);
        if let Some(g) = gender_word(ctx.word(i)).filter(|_| !pronoun) {
            let mut k = i + 1;
            while ctx.is_cap(k + 1) {
                k += 1;
            }
            out.push((ctx.word(k).to_string(), g));
        }
    }
    out
}

impl<'c, 'd, 't> Resolver<'c, 'd, 't> {
    fn new(ctx: &'c Ctx<'d, 't>, direct: Vec<Span>) -> Self {
        let titles = titles(ctx);
        Resolver {
            ctx,
            titles,
            said: Vec::new(),
            direct,
            genders: titled_genders(ctx),
            subjects: std::cell::OnceCell::new(),
        }
    }

    fn text(&self) -> &'t str {
        self.ctx.doc.text
    }

    fn in_quote(&self, s: Span) -> bool {
        let k = self.direct.partition_point(|d| d.end() <= s.start());
        self.direct.get(k).is_some_and(|d| d.contains(s))
    }

    fn named(&self, span: Span, label: Option<Label>, mention: Span) -> Speaker {
        Speaker {
            name: span.slice(self.text()).to_string(),
            mention: Some(mention),
            group: None,
            label,
        }
    }

    /// The gender a name is known by (a gendered title or pronoun used for it), if any.
    fn gender_of(&self, name: &str) -> Option<Gender> {
        let last = last_word(name);
        self.genders
            .iter()
            .rev()
            .find(|(n, _)| n == last)
            .map(|(_, g)| *g)
    }

    /// Speakers noted before byte `at` and near it, latest first.
    fn said_before(&self, at: usize) -> impl Iterator<Item = &Said> {
        self.said
            .iter()
            .rev()
            .skip_while(move |s| s.at > at)
            .take_while(move |s| near(s.at, at))
    }

    /// Sentence-subject names that end before byte `at` and near it, latest first.
    fn subjects_before(&self, at: usize) -> impl Iterator<Item = &Span> {
        let subjects = self.subjects.get_or_init(|| subject_names(self.ctx));
        let end = subjects.partition_point(|s| s.end() <= at);
        subjects[..end]
            .iter()
            .rev()
            .take_while(move |s| near(s.start(), at))
    }

    /// The entities that end before byte `at` and near it, in text order.
    fn entities_before(&self, at: usize) -> &[crate::analysis::Entity] {
        let entities = self.ctx.entities;
        let end = entities.partition_point(|e| e.span.end() <= at);
        let start = entities[..end].partition_point(|e| !near(e.span.start(), at));
        &entities[start..end]
    }

    fn note_speaker(&mut self, at: usize, s: &Speaker) {
        let pronoun = s.mention.and_then(|m| gender_word(m.slice(self.text())));
        if let Some(g) = pronoun {
            self.genders.push((last_word(&s.name).to_string(), g));
        }
        self.said.push(Said {
            at,
            speaker: s.clone(),
        });
    }

    /// Resolves one subject phrase.
    fn resolve(&self, np: Span) -> Option<Speaker> {
        let at = np.start();
        if let Some(s) = self.document(np) {
            return Some(s);
        }
        match self.ctx.referent(np) {
            Referent::Name { span, label } => Some(self.named(span, Some(label), np)),
            Referent::Person => self
                .person_before(at, gender_word(np.slice(self.text())))
                .map(|s| Speaker {
                    mention: Some(np),
                    ..s
                }),
            Referent::Plural => self.group_before(np).map(|s| Speaker {
                mention: Some(np),
                ..s
            }),
            Referent::Description { span, head } => Some(
                self.description(span, head)
                    .map(|s| Speaker {
                        mention: Some(np),
                        ..s
                    })
                    .unwrap_or_else(|| Speaker {
                        name: span.slice(self.text()).to_string(),
                        mention: Some(np),
                        group: None,
                        label: self
                            .ctx
                            .is_person_noun(head.slice(self.text()))
                            .then_some(Label::Per),
                    }),
            ),
        }
    }

    /// "a survey by Acme Research" -> "Acme Research survey": a document named by its author.
    fn document(&self, np: Span) -> Option<Speaker> {
        let ctx = self.ctx;
        let r = ctx.tokens_of(np);
        let doc_noun = r.clone().find(|&k| cues::is_document_noun(ctx.word(k)))?;
        if !ctx.lower_in(doc_noun + 1, &["by", "from", "of"]) || doc_noun + 2 >= r.end {
            return None;
        }
        let author = ctx.span_of(doc_noun + 2, r.end);
        let (name, _) = ctx.name_in(author)?;
        Some(Speaker {
            name: format!("{} {}", name.slice(self.text()), ctx.word(doc_noun)),
            mention: Some(np),
            group: None,
            label: None,
        })
    }

    /// "he", "she": the latest person named in narration in the same sentence, else the latest
    /// person who spoke, else the latest person mentioned.
    fn person_before(&self, at: usize, pronoun: Option<Gender>) -> Option<Speaker> {
        let ctx = self.ctx;
        let text = self.text();
        // A person known to be of the other gender is not "he" or "she".
        let fits = |name: &str| {
            pronoun.is_none_or(|g| self.gender_of(name).is_none_or(|known| known == g))
        };
        let tok = ctx.doc.token_at_or_after(at).min(ctx.n().saturating_sub(1));
        let sent_start = ctx.doc.sentences[ctx.doc.sentence_of(tok)].span.start();
        let people = self.people_before(at);
        let mut fitting = people.iter().filter(|s| fits(s.slice(text)));
        let latest = fitting.next().copied();
        if let Some(p) = latest.filter(|p| p.start() >= sent_start) {
            return Some(self.named(p, Some(Label::Per), p));
        }
        if let Some(s) = self
            .said_before(at)
            .find(|s| s.speaker.label == Some(Label::Per) && fits(&s.speaker.name))
        {
            return Some(s.speaker.clone());
        }
        latest.map(|p| self.named(p, Some(Label::Per), p))
    }

    /// "The Scot", "the 25-year-old", "the striker": the person the text was last about — the
    /// latest person who spoke or opened a sentence.
    fn recent_person(&self, at: usize) -> Option<Speaker> {
        let subject = self.subjects_before(at).find(|s| !self.in_quote(**s));
        let spoke = self
            .said_before(at)
            .find(|s| s.speaker.label == Some(Label::Per));
        match (subject, spoke) {
            (Some(s), Some(p)) if p.at > s.start() => Some(p.speaker.clone()),
            (Some(s), _) => Some(self.named(*s, Some(Label::Per), *s)),
            (None, Some(p)) => Some(p.speaker.clone()),
            (None, None) => None,
        }
    }

    /// People named in narration before byte `at`, latest first: person entities and the
    /// names that open sentences as their subjects (found even when the recogniser missed them).
    fn people_before(&self, at: usize) -> Vec<Span> {
        let entities = self
            .entities_before(at)
            .iter()
            .filter(|e| e.label == Label::Per)
            .map(|e| e.span);
        let mut out: Vec<Span> = entities
            .chain(self.subjects_before(at).copied())
            .filter(|s| !self.in_quote(*s))
            // "Napier University" is no person, whatever the recogniser says.
            .filter(|s| !self.ctx.ends_like_org(*s))
            .collect();
        out.sort_by_key(|s| std::cmp::Reverse(s.start()));
        out.dedup_by(|a, b| a.overlaps(*b));
        out
    }

    /// "they", "it": the latest organisation or group that spoke, else the latest named one.
    fn group_before(&self, np: Span) -> Option<Speaker> {
        let at = np.start();
        let ctx = self.ctx;
        // "The group has a list which it says ...": the subject of the sentence.
        let tok = ctx.doc.token_at_or_after(at);
        let first = ctx.doc.sentences[ctx.doc.sentence_of(tok.min(ctx.n().saturating_sub(1)))]
            .tokens
            .start;
        let subject = ctx.sentence_subject(first).filter(|s| s.end() <= at);
        if let Some(s) = subject.and_then(|s| self.resolve(s)) {
            if s.label != Some(Label::Per) {
                return Some(s);
            }
        }
        let spoke = |org_only: bool| {
            self.said_before(at).find(|s| {
                if org_only {
                    s.speaker.label == Some(Label::Org)
                } else {
                    s.speaker.label != Some(Label::Per)
                }
            })
        };
        if let Some(s) = spoke(true).or_else(|| spoke(false)) {
            return Some(s.speaker.clone());
        }
        self.entities_before(at)
            .iter()
            .rev()
            .find(|e| e.label == Label::Org && !self.in_quote(e.span))
            .map(|e| self.named(e.span, Some(Label::Org), e.span))
    }

    /// "the minister" -> the person introduced with that title; "the group" -> the latest
    /// organisation with that head word (or any organisation that spoke).
    fn description(&self, np: Span, head: Span) -> Option<Speaker> {
        let ctx = self.ctx;
        let head_word = head.slice(self.text()).to_lowercase();
        if ctx.is_role_description(np) {
            return self.recent_person(np.start());
        }
        let words: Vec<String> = ctx
            .tokens_of(Span::new(np.start(), head.end()))
            .map(|i| ctx.word(i).to_lowercase())
            .filter(|w| TITLE_WORDS.contains(&w.as_str()))
            .collect();
        if TITLE_WORDS.contains(&head_word.as_str()) && !words.is_empty() {
            let fits = |t: &&Title| words.iter().all(|w| t.words.contains(w));
            let before = self
                .titles
                .iter()
                .rev()
                .filter(|t| t.name.end() <= np.start() && near(t.name.start(), np.start()))
                .find(fits);
            let found = before.or_else(|| self.titles.iter().find(fits));
            return found.map(|t| self.named(t.name, Some(t.label), np));
        }
        if ctx.is_org_noun(&head_word) {
            let cap = |s: &str| s.to_lowercase().split_whitespace().any(|w| w == head_word);
            let spoke = self
                .said_before(np.start())
                .find(|s| s.speaker.label == Some(Label::Org) && cap(&s.speaker.name));
            if let Some(s) = spoke {
                return Some(s.speaker.clone());
            }
            let named = self
                .entities_before(np.start())
                .iter()
                .rev()
                .find(|e| e.label == Label::Org && cap(e.span.slice(self.text())));
            if let Some(e) = named {
                return Some(self.named(e.span, Some(Label::Org), np));
            }
            return self
                .said
                .iter()
                .rev()
                .find(|s| s.at <= np.start() && s.speaker.label == Some(Label::Org))
                .map(|s| s.speaker.clone());
        }
        None
    }

    /// A participle cue: the speaker of the previous quote in the same sentence.
    fn sentence_speaker(&self, at: usize, earlier: &[Quote]) -> Option<Speaker> {
        let ctx = self.ctx;
        let tok = ctx.doc.token_at_or_after(at).min(ctx.n().saturating_sub(1));
        let sent = ctx.doc.sentences[ctx.doc.sentence_of(tok)].span;
        // The quote before it in the sentence decides, even when its speaker is unknown.
        if let Some(q) = earlier.iter().rev().find(|q| q.span.end() > sent.start()) {
            return q.speaker.clone();
        }
        let first = ctx.doc.sentences[ctx.doc.sentence_of(tok)].tokens.start;
        ctx.sentence_subject(first)
            .and_then(|np| self.resolve(np))
            .or_else(|| self.context_speaker(at, earlier))
    }

    /// A quote without a cue: the previous quote's speaker when it is close, else the person
    /// mentioned last in narration.
    fn context_speaker(&self, at: usize, earlier: &[Quote]) -> Option<Speaker> {
        let doc = self.ctx.doc;
        let para = doc.paragraph_at(at)?;
        // Quotes nested in another quote do not carry the conversation on.
        let nested = |q: &Quote| {
            earlier
                .iter()
                .rev()
                .take_while(|o| near(o.span.start(), q.span.start()))
                .any(|o| o.span != q.span && o.span.contains(q.span))
        };
        let prev = earlier
            .iter()
            .rev()
            .find(|q| q.speaker.is_some() && !nested(q));
        if let Some(q) = prev {
            // A person introduced in narration since that quote takes the word
            // ("Jones disagreed. "It will never work."").
            let introduced = self
                .subjects_before(at)
                .take_while(|s| s.start() >= q.span.end())
                .find(|s| !self.in_quote(**s));
            let previous = q.speaker.as_ref().map_or("", |s| last_word(&s.name));
            if let Some(&s) = introduced.filter(|s| last_word(s.slice(self.text())) != previous) {
                return Some(Speaker {
                    mention: None,
                    ..self.named(s, Some(Label::Per), s)
                });
            }
            let p = doc.paragraph_at(q.span.start()).unwrap_or(0);
            if para - p <= 2 {
                return q.speaker.clone().map(|s| Speaker { mention: None, ..s });
            }
        }
        if let Some(&p) = self.people_before(at).first() {
            return Some(Speaker {
                mention: None,
                ..self.named(p, Some(Label::Per), p)
            });
        }
        prev.and_then(|q| q.speaker.clone())
            .map(|s| Speaker { mention: None, ..s })
    }
}

/// Titles written with names: "Prime Minister Mustafa al-Kadhimi", "deputy governor Rachel
/// Lomax", and appositions "Nasr al-Shammari, a spokesman for ...".
fn titles(ctx: &Ctx) -> Vec<Title> {
    let mut out = Vec::new();
    let n = ctx.n();
    let mut i = 0;
    while i < n {
        if !ctx.is_title_word(i) {
            i += 1;
            continue;
        }
        // A run of title words, then a capitalised name.
        let mut j = i;
        while j < n && ctx.is_title_word(j) {
            j += 1;
        }
        let mut k = j;
        while k < n && (ctx.is_cap(k) || ctx.word(k).starts_with("al-")) && !ctx.is_title_word(k) {
            k += 1;
        }
        if k > j {
            let words = (i..j).map(|t| ctx.word(t).to_lowercase()).collect();
            let name = ctx.span_of(j, k);
            out.push(Title {
                words,
                name,
                label: ctx.name_label(j, k),
            });
        }
        i = k.max(j).max(i + 1);
    }
    // Appositions: NAME , (a|the) ... TITLE (of|for ...) ,
    for c in 0..n {
        if ctx.word(c) != "," || c == 0 || !ctx.is_cap(c - 1) {
            continue;
        }
        // The apposition is closed by a second comma.
        let Some(close) = (c + 1..n.min(c + 10)).find(|&t| ctx.word(t) == ",") else {
            continue;
        };
        let words: Vec<String> = (c + 1..close)
            .take_while(|&t| !ctx.is(t, "of") && !ctx.is(t, "for"))
            .filter(|&t| ctx.is_title_word(t))
            .map(|t| ctx.word(t).to_lowercase())
            .collect();
        if words.is_empty() || !ctx.lower_in(c + 1, &["a", "an", "the"]) {
            continue;
        }
        let mut a = c - 1;
        while a > 0 && ctx.is_cap(a - 1) {
            a -= 1;
        }
        // "in Edinburgh, the minister ..." is a place, not an apposition.
        if a > 0 && ctx.lower_in(a - 1, &["in", "at", "on", "from", "to", "near", "of"]) {
            continue;
        }
        if let Some((name, label)) = ctx.name_in(ctx.span_of(a, c)) {
            if label == Label::Per {
                out.push(Title { words, name, label });
            }
        }
    }
    out.sort_by_key(|t| t.name.start());
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::quotes::candidates;
    use crate::text::Document;

    /// Speakers found with no entity recogniser at all: the subject phrases carry the names.
    fn speakers_without_entities(text: &str) -> Vec<Option<String>> {
        let doc = Document::new(text);
        let ctx = Ctx::new(&doc, &[]);
        attribute(&ctx, &candidates(&ctx))
            .into_iter()
            .map(|q| q.speaker.map(|s| s.name))
            .collect()
    }

    #[test]
    fn pronouns_resolve_to_sentence_subjects_without_entities() {
        assert_eq!(
            speakers_without_entities("Tom Reed spoke first. \"We are ready,\" he said."),
            [Some("Tom Reed".to_string())]
        );
        assert_eq!(
            speakers_without_entities("Iraq has oil. Ann Bell arrived. \"It is ours,\" she said."),
            [Some("Ann Bell".to_string())]
        );
    }

    #[test]
    fn gendered_titles_guide_pronouns() {
        // Bell is "Mrs", so "he" is the other person, although Bell spoke last.
        let t =
            "Mrs Ann Bell met Mr Tom Reed. \"We agreed,\" Bell said. \"It went well,\" he said.";
        let a = crate::analyze(t);
        let speakers: Vec<Option<&str>> = a
            .quotes
            .iter()
            .map(|q| q.speaker.as_ref().map(|s| s.name.as_str()))
            .collect();
        assert_eq!(speakers, [Some("Ann Bell"), Some("Tom Reed")]);
    }
}
