//! The learned quote pipeline: candidates from the rules and the parse, kept or dropped by the
//! quote model, then attributed in text order by the speaker ranker, each with a calibrated
//! confidence.

use super::candidates::{self, QuoteCandidate};
use super::model::QuoteModel;
use super::phrases::Ctx;
use super::speakers::{self, QuoteView, Said, SpeakerCandidate};
use super::{attribution, Candidate};
use crate::analysis::{Confidence, Label, Quote, QuoteKind, Speaker};
use crate::span::Span;
use crate::syntax::Syntax;
use std::collections::HashMap;

/// What the learned stages start from: the candidates, the rules' own attributed quotes, and the
/// direct quotes' outer spans.
pub struct Prepared {
    pub candidates: Vec<QuoteCandidate>,
    pub rules: Vec<Quote>,
    pub marks: Vec<Span>,
    /// The type of each name across the document.
    pub labels: HashMap<String, Label>,
    /// The key of each entity (see [`speakers::entity_keys`]).
    pub entity_keys: Vec<String>,
    /// The rules' quotes by span.
    rule_index: HashMap<Span, usize>,
}

pub fn prepare(ctx: &Ctx, syn: &Syntax, rule_candidates: &[Candidate]) -> Prepared {
    let rules = attribution::attribute(ctx, rule_candidates);
    let marks = super::marks::direct_quotes(ctx.doc)
        .iter()
        .map(|m| m.outer)
        .collect();
    let rule_index = rules.iter().enumerate().map(|(k, q)| (q.span, k)).collect();
    let entity_keys = speakers::entity_keys(ctx);
    Prepared {
        candidates: candidates::gather(ctx, syn, rule_candidates),
        rules,
        marks,
        labels: speakers::document_labels(ctx, &entity_keys),
        entity_keys,
        rule_index,
    }
}

/// The rules' quote for a candidate they share.
pub fn rules_quote<'a>(p: &'a Prepared, c: &QuoteCandidate) -> Option<&'a Quote> {
    c.rule.as_ref()?;
    p.rule_index.get(&c.span).map(|&k| &p.rules[k])
}

/// The margin that rules-decided candidates get: far past any the model gives.
pub const RULED: f32 = 1000.0;

/// The keep-minus-drop margin of a candidate (±[`RULED`] for those the rules decide).
pub fn keep_margin(model: &QuoteModel, c: &QuoteCandidate) -> f32 {
    if c.ruled {
        return if c.rule.is_some() { RULED } else { -RULED };
    }
    let table = if c.kind == QuoteKind::Direct {
        &model.direct
    } else {
        &model.reported
    };
    let mut s = [0f32; 2];
    table.add(&c.features, &mut s);
    s[1] - s[0]
}

/// The candidates to keep, by their margins: every one above zero, except quoted words inside a
/// kept mixed quote and the weaker of two overlapping reported clauses.
pub fn select(candidates: &[QuoteCandidate], margins: &[f32]) -> Vec<usize> {
    let mut kept: Vec<usize> = (0..candidates.len())
        .filter(|&k| margins[k] > 0.0)
        .collect();
    // Kept reported clauses by start: only those starting before a candidate ends and at most
    // the longest clause's length before it starts can overlap it.
    let mut reported: Vec<usize> = kept
        .iter()
        .copied()
        .filter(|&k| candidates[k].kind != QuoteKind::Direct)
        .collect();
    reported.sort_by_key(|&k| candidates[k].span.start());
    let longest = reported
        .iter()
        .map(|&k| candidates[k].span.len())
        .max()
        .unwrap_or(0);
    kept.retain(|&k| {
        let c = &candidates[k];
        let from =
            reported.partition_point(|&o| candidates[o].span.start() + longest < c.span.start());
        let to = reported.partition_point(|&o| candidates[o].span.start() < c.span.end());
        !reported[from..to.max(from)].iter().any(|&o| {
            let other = &candidates[o];
            o != k
                && other.span.overlaps(c.span)
                && if c.kind == QuoteKind::Direct {
                    other.span.contains(c.span)
                } else {
                    (margins[o], std::cmp::Reverse(o)) > (margins[k], std::cmp::Reverse(k))
                }
        })
    });
    kept
}

/// Scores of the speaker candidates.
pub fn speaker_scores(model: &QuoteModel, cands: &[SpeakerCandidate]) -> Vec<f32> {
    cands
        .iter()
        .map(|c| {
            let mut s = [0f32; 1];
            model.speaker.add(&c.features, &mut s);
            s[0]
        })
        .collect()
}

/// The best candidate that is not ruled out (the first on ties).
pub fn best(cands: &[SpeakerCandidate], scores: &[f32]) -> Option<Choice> {
    let mut order: Vec<usize> = (0..scores.len()).filter(|&k| !cands[k].excluded).collect();
    order.sort_by(|&a, &b| scores[b].total_cmp(&scores[a]).then(a.cmp(&b)));
    let first = *order.first()?;
    Some(match order.get(1) {
        Some(&s) => Choice {
            index: first,
            score: scores[first] - scores[s],
            sole: false,
        },
        None => Choice {
            index: first,
            score: scores[first],
            sole: true,
        },
    })
}

/// The ranker's pick for one quote: the candidate, and what its confidence is calibrated on.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Choice {
    pub index: usize,
    /// The margin over the runner-up, or the candidate's own score when it is the only one.
    pub score: f32,
    /// Whether the candidate was the only one (calibrated apart: a margin cannot be had).
    pub sole: bool,
}

impl Choice {
    pub fn confidence(self, model: &QuoteModel) -> f32 {
        let calibration = if self.sole {
            model.sole_calibration
        } else {
            model.speaker_calibration
        };
        calibration.probability(self.score)
    }
}

pub fn said_of(c: &SpeakerCandidate, quote: &QuoteCandidate, ctx: &Ctx) -> Said {
    Said {
        key: c.key.clone(),
        name: c.name.clone(),
        label: c.label,
        quote: quote.outer,
        paragraph: ctx.doc.paragraph_at(quote.outer.start()).unwrap_or(0),
    }
}

/// Whether `c`, a direct quote without a cue of its own, continues `previous` across the
/// latter's attribution: both quoted, with nothing between them but the cue and the speaker's
/// mention, on one line.
fn splits(ctx: &Ctx, previous: &Quote, c: &QuoteCandidate) -> bool {
    let (Some(cue), Some(mention)) = (
        previous.cue,
        previous.speaker.as_ref().and_then(|s| s.mention),
    ) else {
        return false;
    };
    let (from, to) = (previous.span.end(), c.span.start());
    let between = |s: Span| from <= s.start() && s.end() <= to;
    previous.kind == QuoteKind::Direct
        && c.kind == QuoteKind::Direct
        && from <= to
        && between(cue)
        && between(mention)
        && !ctx.doc.text[from..to].contains('\n')
}

/// The view of one candidate the speaker ranker sees.
pub fn view<'a>(p: &'a Prepared, c: &'a QuoteCandidate) -> QuoteView<'a> {
    let rules = rules_quote(p, c);
    QuoteView {
        candidate: c,
        rules: rules.and_then(|q| q.speaker.as_ref()),
        rules_cue: rules.is_some_and(|q| q.cue.is_some()),
        marks: &p.marks,
        labels: &p.labels,
        entity_keys: &p.entity_keys,
    }
}

/// Finds and attributes every quote with the model.
/// Which learned parts run (all of them in the app; fewer for the model card's ablation).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Parts {
    /// The keep-or-drop classifiers; without them exactly the rules' quotes are kept.
    pub classifiers: bool,
    /// The speaker ranker; without it each quote keeps the rules' speaker.
    pub ranker: bool,
}

impl Parts {
    pub const ALL: Parts = Parts {
        classifiers: true,
        ranker: true,
    };
}

pub fn detect(
    ctx: &Ctx,
    syn: &Syntax,
    model: &QuoteModel,
    rule_candidates: &[Candidate],
    parts: Parts,
) -> Vec<Quote> {
    let p = prepare(ctx, syn, rule_candidates);
    let margins: Vec<f32> = p
        .candidates
        .iter()
        .map(|c| match parts.classifiers {
            true => keep_margin(model, c),
            false if rules_quote(&p, c).is_some() => RULED,
            false => -RULED,
        })
        .collect();
    let kept = select(&p.candidates, &margins);
    let mut said: Vec<Said> = Vec::new();
    let mut out = Vec::with_capacity(kept.len());
    for k in kept {
        let c = &p.candidates[k];
        let calibration = if c.kind == QuoteKind::Direct {
            model.direct_calibration
        } else {
            model.reported_calibration
        };
        let span_confidence = if c.ruled {
            model.ruled_precision
        } else {
            calibration.probability(margins[k])
        };
        let cands = speakers::candidates(ctx, syn, &view(&p, c), &said, &model.first_names);
        let scores = speaker_scores(model, &cands);
        // A passive cue without an agent ("he was told: ...") does not say who spoke.
        let unknown = c
            .parsed_cue()
            .is_some_and(|p| p.passive && p.subject.is_none());
        // A quote nested in another is attributed by the rules: the subject of the verb of
        // speech right before it, inside the outer quote.
        let nested = c.ruled && c.rule.as_ref().is_some_and(|r| r.reported.is_some());
        if nested {
            if let Some(q) = rules_quote(&p, c) {
                out.push(Quote {
                    confidence: Some(Confidence::new(
                        model.ruled_precision,
                        model.ruled_precision,
                    )),
                    ..q.clone()
                });
                continue;
            }
        }
        if !parts.ranker {
            let speaker = rules_quote(&p, c).and_then(|q| q.speaker.clone());
            out.push(Quote {
                span: c.span,
                kind: c.kind,
                speaker,
                cue: c.parsed_cue().map(|p| p.span),
                confidence: None,
            });
            continue;
        }
        let choice = if unknown { None } else { best(&cands, &scores) };
        let (speaker, speaker_confidence) = match choice {
            Some(choice) => {
                let s = &cands[choice.index];
                said.push(said_of(s, c, ctx));
                (
                    Some(Speaker {
                        name: s.name.clone(),
                        mention: s.subject_mention,
                        group: None,
                        label: s.label,
                    }),
                    choice.confidence(model),
                )
            }
            None => (None, 0.0),
        };
        let cue = c
            .parsed_cue()
            .map(|p| p.span)
            .or_else(|| rules_quote(&p, c).and_then(|q| q.cue));
        // The second part of a quote split by its attribution ("A," she said. "B.") has the
        // speaker of the first part. The ranker still ran on it above, so that the earlier
        // speakers later quotes see (`said`) are the ones training saw.
        let (speaker, speaker_confidence) = match out.last().filter(|_| cue.is_none()) {
            Some(previous) if splits(ctx, previous, c) => (
                previous.speaker.clone(),
                previous.confidence.map_or(0.0, |x| x.speaker()),
            ),
            _ => (speaker, speaker_confidence),
        };
        out.push(Quote {
            span: c.span,
            kind: c.kind,
            speaker,
            cue,
            confidence: Some(Confidence::new(span_confidence, speaker_confidence)),
        });
    }
    out
}
