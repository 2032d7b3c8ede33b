//! Trains the quote models on PolNeAR's training months and the six development articles: the
//! keep-or-drop classifiers for direct and reported candidates, the speaker ranker, and the
//! calibration of each (Platt scaling on scores from two-fold cross-validation).

use crate::corpora::{self, is_validation};
use crate::multiclass::{argmax, KeyMap, MultiClass};
use crate::perceptron::XorShift;
use annotator_engine::analysis::QuoteKind;
use annotator_engine::entities;
use annotator_engine::quotes::learned::{self, Prepared};
use annotator_engine::quotes::model::{Platt, QuoteModel};
use annotator_engine::quotes::phrases::Ctx;
use annotator_engine::quotes::speakers::{self, FirstNames, Gender, Said};
use annotator_engine::quotes::{self as q};
use annotator_engine::span::Span;
use annotator_engine::syntax::Syntax;
use annotator_engine::{CharIndex, Document, Engine};
use std::path::Path;

#[derive(serde::Deserialize)]
struct RawDoc {
    id: String,
    text: String,
    #[serde(default)]
    quotes: Vec<RawQuote>,
}

#[derive(serde::Deserialize)]
struct RawQuote {
    start: usize,
    end: usize,
    #[serde(default)]
    speaker: Option<String>,
    #[serde(default)]
    speaker_aliases: Vec<String>,
    #[serde(default)]
    borderline: bool,
}

/// How many times each development article counts in training.
pub const DEV_WEIGHT: usize = 5;

/// A gold quote with byte offsets, trimmed as the scorer trims.
pub struct GoldQuote {
    pub span: (usize, usize),
    pub speaker: Option<String>,
    pub aliases: Vec<String>,
    pub borderline: bool,
}

pub struct Doc {
    pub id: String,
    /// How many times the document counts in training (the development articles, annotated
    /// by the guidelines the product follows, count more than PolNeAR's converted ones).
    pub weight: usize,
    pub text: String,
    pub gold: Vec<GoldQuote>,
}

/// The training documents: PolNeAR outside the validation months, and the development
/// articles.
pub fn read_docs(shared: &Path) -> Result<Vec<Doc>, String> {
    let data = shared.join("data");
    let mut out = Vec::new();
    for (path, keep_validation) in [
        (data.join("polnear-train/train.jsonl"), false),
        (data.join("quotes-dev/gold.jsonl"), true),
    ] {
        for line in corpora::read_lines(&path)? {
            let raw: RawDoc = serde_json::from_str(&line).map_err(|e| e.to_string())?;
            if !keep_validation && is_validation(&raw.id) {
                continue;
            }
            let index = CharIndex::new(&raw.text);
            let gold = raw
                .quotes
                .iter()
                .filter_map(|g| {
                    let s = index.to_byte(g.start)?;
                    let e = index.to_byte(g.end)?;
                    let (s, e) = trim(&raw.text, s, e);
                    (s < e).then(|| GoldQuote {
                        span: (s, e),
                        speaker: g.speaker.clone(),
                        aliases: g.speaker_aliases.clone(),
                        borderline: g.borderline,
                    })
                })
                .collect();
            out.push(Doc {
                weight: if keep_validation { DEV_WEIGHT } else { 1 },
                id: raw.id,
                text: raw.text,
                gold,
            });
        }
    }
    Ok(out)
}

/// The scorer's trimming: white space, punctuation and quotation marks off both ends.
fn trim(text: &str, mut s: usize, mut e: usize) -> (usize, usize) {
    let trims = |c: char| c.is_whitespace() || c.is_ascii_punctuation() || is_mark_or_punct(c);
    while s < e {
        let c = text[s..].chars().next().expect("inside the text");
        if !trims(c) {
            break;
        }
        s += c.len_utf8();
    }
    while e > s {
        let c = text[..e].chars().next_back().expect("inside the text");
        if !trims(c) {
            break;
        }
        e -= c.len_utf8();
    }
    (s, e)
}

/// Quotation marks and punctuation beyond ASCII (the scorer strips every Unicode punctuation
/// character: dashes, ellipses, marks of every style).
fn is_mark_or_punct(c: char) -> bool {
    annotator_engine::text::is_quote_char(c)
        || ('\u{2010}'..='\u{2027}').contains(&c)
        || ('\u{2030}'..='\u{205E}').contains(&c)
        || "\u{00A1}\u{00A7}\u{00AB}\u{00B4}\u{00B6}\u{00B7}\u{00BB}\u{00BF}`".contains(c)
}

/// Which gold quote a predicted span matches as the scorer would (overlap of at least half the
/// longer of the two trimmed spans), the best overlap winning.
pub fn matching_gold(doc: &Doc, span: Span) -> Option<usize> {
    let (s, e) = trim(&doc.text, span.start(), span.end());
    if s >= e {
        return None;
    }
    let mut best: Option<(f64, usize)> = None;
    for (k, g) in doc.gold.iter().enumerate() {
        let ov = e.min(g.span.1).saturating_sub(s.max(g.span.0));
        let longer = (e - s).max(g.span.1 - g.span.0);
        if ov * 2 >= longer && ov > 0 {
            let r = ov as f64 / longer as f64;
            if best.is_none_or(|(b, _)| r > b) {
                best = Some((r, k));
            }
        }
    }
    best.map(|(_, k)| k)
}

/// Whether a span overlaps a borderline gold item.
fn overlaps_borderline(doc: &Doc, span: Span) -> bool {
    let (s, e) = trim(&doc.text, span.start(), span.end());
    doc.gold
        .iter()
        .any(|g| g.borderline && s < g.span.1 && g.span.0 < e)
}

// ------------------------------------------------------------------ speaker correctness

/// The titles `../shared/tools/score.py` strips before it compares speakers (its `TITLES`),
/// kept apart from the engine's own title words (`quotes::phrases::TITLE_WORDS`) on purpose:
/// the trainer learns what the scorer calls right, not what the engine believes.
const TITLES: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "miss",
    "mx",
    "dr",
    "prof",
    "professor",
    "sir",
    "dame",
    "lord",
    "lady",
    "president",
    "vice president",
    "prime minister",
    "deputy prime minister",
    "minister",
    "foreign minister",
    "defense minister",
    "defence minister",
    "interior minister",
    "secretary",
    "secretary of state",
    "us secretary of state",
    "senator",
    "sen",
    "rep",
    "representative",
    "congressman",
    "congresswoman",
    "gov",
    "governor",
    "mayor",
    "general",
    "gen",
    "lt",
    "lt gen",
    "maj",
    "maj gen",
    "major general",
    "col",
    "colonel",
    "capt",
    "captain",
    "sgt",
    "sergeant",
    "admiral",
    "adm",
    "commander",
    "judge",
    "justice",
    "chief justice",
    "king",
    "queen",
    "prince",
    "princess",
    "sheikh",
    "shaikh",
    "ayatollah",
    "imam",
    "rev",
    "reverend",
    "father",
    "pope",
    "cardinal",
    "bishop",
    "rabbi",
    "chancellor",
    "ambassador",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "chairman",
    "chairwoman",
    "chair",
    "ceo",
    "the",
    "us",
    "u.s",
    "former",
    "parliamentarian",
    "lawmaker",
    "mp",
];

/// The scorer's normalisation of a speaker string.
fn normalise(s: &str) -> String {
    let mut s: String = s.to_lowercase().replace('\u{2019}', "'");
    s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if let Some(x) = s.strip_suffix("'s") {
        s = x.to_string();
    }
    let s = s
        .trim_matches(|c: char| " .,;:!?\"'()[]".contains(c))
        .to_string();
    let mut titles: Vec<&str> = TITLES.to_vec();
    titles.sort_by_key(|t| std::cmp::Reverse(t.len()));
    let mut s = s;
    loop {
        let mut changed = false;
        for t in &titles {
            for form in [format!("{t}. "), format!("{t} ")] {
                if s.starts_with(&form) && s.len() > form.len() {
                    s = s[form.len()..].trim_start().to_string();
                    changed = true;
                    break;
                }
            }
            if changed {
                break;
            }
        }
        if !changed || s.is_empty() {
            return s;
        }
    }
}

fn tokens(s: &str) -> Vec<String> {
    normalise(s)
        .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '-' || c == '_'))
        .filter(|t| !t.is_empty())
        .map(str::to_string)
        .collect()
}

/// Whether the scorer accepts `pred` for a gold speaker with its aliases.
pub fn speaker_correct(pred: &str, gold: Option<&str>, aliases: &[String]) -> bool {
    let p = normalise(pred);
    if p.is_empty() {
        return false;
    }
    let cands: Vec<&str> = gold
        .into_iter()
        .chain(aliases.iter().map(String::as_str))
        .collect();
    if cands.iter().any(|c| normalise(c) == p) {
        return true;
    }
    let pt = tokens(pred);
    if !pt.is_empty() && pt.len() <= 4 {
        for c in &cands {
            let ct = tokens(c);
            if ct.last().is_some() && ct.last() == pt.last() && (ct.len() > 1 || pt.len() == 1) {
                return true;
            }
        }
    }
    false
}

// ------------------------------------------------------------------ examples

/// A document run through the engine up to the quote model.
pub struct Example {
    pub doc: usize,
    pub weight: usize,
    pub prepared: Prepared,
    /// For each candidate: Some(keep) when its label is known, None for a borderline match.
    pub labels: Vec<Option<bool>>,
    /// For each candidate: the non-borderline gold quote it matches.
    pub gold: Vec<Option<usize>>,
    pub syntax: Syntax,
    pub entities: Vec<annotator_engine::Entity>,
}

pub fn examples(docs: &[Doc], engine: &Engine) -> Vec<Example> {
    docs.iter()
        .enumerate()
        .map(|(k, d)| {
            let document = Document::new(&d.text);
            let entities = entities::detect_with(&document, engine.model());
            let syntax = engine
                .syntax(&document)
                .expect("the engine has a syntax model");
            let ctx = Ctx::new(&document, &entities);
            let rule_candidates = q::candidates(&ctx);
            let prepared = learned::prepare(&ctx, &syntax, &rule_candidates);
            let mut labels = Vec::new();
            let mut gold = Vec::new();
            for c in &prepared.candidates {
                match matching_gold(d, c.span) {
                    Some(g) if d.gold[g].borderline => {
                        labels.push(None);
                        gold.push(None);
                    }
                    Some(g) => {
                        labels.push(Some(true));
                        gold.push(Some(g));
                    }
                    // Quoted words inside a borderline item (a label in "called the offer "an
                    // insult"", which the development articles count as a quote and PolNeAR
                    // leaves borderline) count neither way; other spans that match nothing are
                    // negatives.
                    None if c.kind == QuoteKind::Direct && overlaps_borderline(d, c.span) => {
                        labels.push(None);
                        gold.push(None);
                    }
                    None => {
                        labels.push(Some(false));
                        gold.push(None);
                    }
                }
            }
            Example {
                doc: k,
                weight: d.weight,
                prepared,
                labels,
                gold,
                syntax,
                entities,
            }
        })
        .collect()
}

pub struct Options {
    pub epochs: usize,
    pub min_weight: f32,
    /// Folds of documents for calibration (and held-out predictions).
    pub folds: usize,
    /// Runs averaged into each model.
    pub seeds: usize,
}

/// Trains a keep-or-drop classifier on the candidates of `kind` (direct or reported) of the
/// examples `train` picks.
fn train_keep(examples: &[Example], train: &[usize], direct: bool, o: &Options) -> MultiClass {
    let mut items: Vec<(usize, usize)> = Vec::new();
    for &e in train {
        for (k, c) in examples[e].prepared.candidates.iter().enumerate() {
            if (c.kind == QuoteKind::Direct) == direct
                && !c.ruled
                && examples[e].labels[k].is_some()
            {
                items.extend(std::iter::repeat_n((e, k), examples[e].weight));
            }
        }
    }
    // Several runs over differently shuffled examples, averaged: steadier than one.
    let runs: Vec<MultiClass> = (0..o.seeds)
        .map(|run| {
            let mut m = MultiClass::new(2);
            let mut items = items.clone();
            let mut rng = XorShift(if direct { 0xD1 } else { 0xE2 } + 7919 * run as u64);
            for _ in 0..o.epochs {
                rng.shuffle(&mut items);
                for &(e, k) in &items {
                    let c = &examples[e].prepared.candidates[k];
                    let truth = usize::from(examples[e].labels[k] == Some(true));
                    let mut s = [0f32; 2];
                    m.score(&c.features, &mut s);
                    let guess = argmax(&s, |_| true);
                    m.update(&c.features, truth, guess);
                    m.tick();
                }
            }
            m
        })
        .collect();
    MultiClass::mean(&runs)
}

/// Runs the speaker ranker over one document in text order, as at run time: each quote sees the
/// speakers chosen before it. With `learn`, wrong choices update the ranker. Returns, for each
/// kept candidate that matches a gold quote, (the choice, whether the chosen speaker is right).
fn rank_document(
    ex: &Example,
    doc: &Doc,
    kept: &[usize],
    ranker: &mut MultiClass,
    names: &FirstNames,
    learn: bool,
) -> Vec<(learned::Choice, bool)> {
    let document = Document::new(&doc.text);
    let ctx = Ctx::new(&document, &ex.entities);
    let p = &ex.prepared;
    let mut said: Vec<Said> = Vec::new();
    let mut out = Vec::new();
    for &k in kept {
        let c = &p.candidates[k];
        let cands = speakers::candidates(&ctx, &ex.syntax, &learned::view(p, c), &said, names);
        if cands.is_empty() {
            continue;
        }
        let scores: Vec<f32> = cands
            .iter()
            .map(|x| {
                let mut s = [0f32; 1];
                ranker.score(&x.features, &mut s);
                s[0]
            })
            .collect();
        let Some(choice) = learned::best(&cands, &scores) else {
            continue;
        };
        let b = choice.index;
        if let Some(g) = ex.gold[k] {
            let gold = &doc.gold[g];
            let right: Vec<bool> = cands
                .iter()
                .map(|x| {
                    !x.excluded && speaker_correct(&x.name, gold.speaker.as_deref(), &gold.aliases)
                })
                .collect();
            if !learn && !right.iter().any(|&r| r) {
                if let Ok(path) = std::env::var("QUOTES_MISSING") {
                    use std::io::Write;
                    let mut f = std::fs::OpenOptions::new()
                        .append(true)
                        .create(true)
                        .open(path)
                        .expect("log");
                    let names: Vec<&str> = cands.iter().map(|x| x.name.as_str()).collect();
                    let at = c.outer.start();
                    let ctx_start = doc.text[..at]
                        .char_indices()
                        .rev()
                        .nth(200)
                        .map_or(0, |x| x.0);
                    writeln!(
                        f,
                        "{}\t{:?}\t{:?}\t{:?}\t{}",
                        doc.id,
                        gold.speaker,
                        gold.aliases,
                        names,
                        doc.text[ctx_start..c.outer.end()].replace('\n', " / ")
                    )
                    .ok();
                }
            }
            if right.iter().any(|&r| r) && !learn && !right[b] {
                if let Ok(path) = std::env::var("QUOTES_WRONG") {
                    use std::io::Write;
                    let mut f = std::fs::OpenOptions::new()
                        .append(true)
                        .create(true)
                        .open(path)
                        .expect("log");
                    let names: Vec<String> = cands
                        .iter()
                        .zip(&scores)
                        .map(|(x, s)| format!("{}={:.1}", x.name, s))
                        .collect();
                    let at = c.outer.start();
                    let ctx_start = doc.text[..at]
                        .char_indices()
                        .rev()
                        .nth(250)
                        .map_or(0, |x| x.0);
                    let end = doc.text[c.outer.end()..]
                        .char_indices()
                        .nth(80)
                        .map_or(doc.text.len(), |x| c.outer.end() + x.0);
                    let cue = c
                        .parsed_cue()
                        .map(|p| doc.text[p.span.start()..p.span.end()].to_string());
                    let subj = c
                        .parsed_cue()
                        .and_then(|p| p.subject_np)
                        .map(|s| doc.text[s.start()..s.end()].to_string());
                    writeln!(
                        f,
                        "{}\t{:?}\t{:?}\tPRED={}\tcue={:?} subj={:?}\t{:?}\t{}",
                        doc.id,
                        c.kind,
                        gold.speaker,
                        cands[b].name,
                        cue,
                        subj,
                        names,
                        doc.text[ctx_start..end].replace('\n', " / ")
                    )
                    .ok();
                }
            }
            // Every matched quote counts for calibration, also those where no candidate is
            // right (the chosen speaker is then wrong): at run time they get a confidence too.
            out.push((choice, right[b]));
            if right.iter().any(|&r| r) {
                if learn && !right[b] {
                    let best_right = (0..cands.len())
                        .filter(|&i| right[i])
                        .max_by(|&a, &b| scores[a].total_cmp(&scores[b]).then(b.cmp(&a)))
                        .expect("one is right");
                    ranker.nudge(&cands[best_right].features, 0, 1.0);
                    ranker.nudge(&cands[b].features, 0, -1.0);
                }
                if learn {
                    ranker.tick();
                }
            }
        }
        said.push(learned::said_of(&cands[b], c, &ctx));
    }
    out
}

fn train_ranker(
    examples: &[Example],
    docs: &[Doc],
    train: &[usize],
    kept: &[Vec<usize>],
    names: &FirstNames,
    o: &Options,
) -> MultiClass {
    let order: Vec<usize> = train
        .iter()
        .flat_map(|&e| std::iter::repeat_n(e, examples[e].weight))
        .collect();
    let runs: Vec<MultiClass> = (0..o.seeds)
        .map(|run| {
            let mut m = MultiClass::new(1);
            let mut order = order.clone();
            let mut rng = XorShift(0x5BEA + 7919 * run as u64);
            for _ in 0..o.epochs {
                rng.shuffle(&mut order);
                for &e in &order {
                    let ex = &examples[e];
                    rank_document(ex, &docs[ex.doc], &kept[e], &mut m, names, true);
                }
            }
            m
        })
        .collect();
    MultiClass::mean(&runs)
}

/// The first names of the shared US list with at least `min_births` births, at least nine in
/// ten of one sex.
pub fn first_names(shared: &Path, min_births: u64) -> Result<FirstNames, String> {
    let path = shared.join("data/gazetteers/first_names_us_ssa.tsv");
    let mut births: KeyMap<(String, u64, u64)> = KeyMap::default();
    for line in corpora::read_lines(&path)?.iter().skip(1) {
        let cols: Vec<&str> = line.split('\t').collect();
        let [name, sex, n, ..] = cols[..] else {
            continue;
        };
        let n: u64 = n.parse().unwrap_or(0);
        let lower = name.to_lowercase();
        let key = entities::features::word_key(&lower);
        let e = births.entry(key).or_insert((lower, 0, 0));
        if sex == "F" {
            e.1 += n;
        } else {
            e.2 += n;
        }
    }
    let mut out = FirstNames::default();
    for (key, (_, f, m)) in births {
        let total = f + m;
        if total >= min_births {
            if f * 10 >= total * 9 {
                out.insert(key, Gender::Female);
            } else if m * 10 >= total * 9 {
                out.insert(key, Gender::Male);
            }
        }
    }
    Ok(out)
}

fn margins(model: &MultiClass, ex: &Example) -> Vec<f32> {
    ex.prepared
        .candidates
        .iter()
        .map(|c| {
            if c.ruled {
                return if c.rule.is_some() {
                    learned::RULED
                } else {
                    -learned::RULED
                };
            }
            let mut s = [0f32; 2];
            model.score(&c.features, &mut s);
            s[1] - s[0]
        })
        .collect()
}

/// Trains every quote model. Calibration comes from folds of documents: each fold's scores
/// come from models trained on the others. With `held_out`, the fold models also write
/// annotate's records for every training document they did not see, for score.py.
pub fn train(
    examples: &[Example],
    docs: &[Doc],
    names: FirstNames,
    o: &Options,
    held_out: Option<&Path>,
) -> Result<QuoteModel, String> {
    let all: Vec<usize> = (0..examples.len()).collect();
    let n_folds = o.folds.max(2);
    let folds: Vec<Vec<usize>> = (0..n_folds)
        .map(|f| all.iter().copied().filter(|e| e % n_folds == f).collect())
        .collect();
    let rest =
        |f: usize| -> Vec<usize> { all.iter().copied().filter(|e| e % n_folds != f).collect() };
    // Held-out keep margins, and the candidates each fold would keep.
    let mut held: Vec<Vec<f32>> = vec![Vec::new(); examples.len()];
    let mut fold_keep = Vec::new();
    for (f, fold) in folds.iter().enumerate() {
        let train = rest(f);
        let direct = train_keep(examples, &train, true, o);
        let reported = train_keep(examples, &train, false, o);
        for &e in fold {
            let (d, r) = (
                margins(&direct, &examples[e]),
                margins(&reported, &examples[e]),
            );
            held[e] = examples[e]
                .prepared
                .candidates
                .iter()
                .enumerate()
                .map(|(k, c)| {
                    if c.kind == QuoteKind::Direct {
                        d[k]
                    } else {
                        r[k]
                    }
                })
                .collect();
        }
        fold_keep.push((direct, reported));
    }
    let points = |direct: bool| -> Vec<(f32, bool)> {
        let mut v = Vec::new();
        for (e, ex) in examples.iter().enumerate() {
            for (k, c) in ex.prepared.candidates.iter().enumerate() {
                if (c.kind == QuoteKind::Direct) == direct && !c.ruled {
                    if let Some(l) = ex.labels[k] {
                        v.push((held[e][k], l));
                    }
                }
            }
        }
        v
    };
    // The rules' precision on the candidates they decide and keep.
    let (mut ruled_right, mut ruled_kept) = (0usize, 0usize);
    for ex in examples {
        for (k, c) in ex.prepared.candidates.iter().enumerate() {
            if c.ruled && c.rule.is_some() {
                if let Some(l) = ex.labels[k] {
                    ruled_kept += ex.weight;
                    ruled_right += ex.weight * usize::from(l);
                }
            }
        }
    }
    let ruled_precision = ruled_right as f32 / ruled_kept.max(1) as f32;
    let direct_calibration = Platt::fit(&points(true));
    let reported_calibration = Platt::fit(&points(false));
    let kept: Vec<Vec<usize>> = examples
        .iter()
        .enumerate()
        .map(|(e, ex)| learned::select(&ex.prepared.candidates, &held[e]))
        .collect();
    // Held-out speaker margins.
    let mut speaker_points = Vec::new();
    let mut fold_rankers = Vec::new();
    for (f, fold) in folds.iter().enumerate() {
        let mut ranker = train_ranker(examples, docs, &rest(f), &kept, &names, o);
        for &e in fold {
            let ex = &examples[e];
            speaker_points.extend(rank_document(
                ex,
                &docs[ex.doc],
                &kept[e],
                &mut ranker,
                &names,
                false,
            ));
        }
        fold_rankers.push(ranker);
    }
    // Quotes with a runner-up are calibrated on the margin over it, sole candidates on their
    // own score.
    let calibrate = |sole: bool| {
        let points: Vec<(f32, bool)> = speaker_points
            .iter()
            .filter(|(c, _)| c.sole == sole)
            .map(|&(c, right)| (c.score, right))
            .collect();
        eprintln!(
            "quotes: {} held-out {} quotes, {:.1}% right",
            points.len(),
            if sole { "sole-candidate" } else { "ranked" },
            100.0 * points.iter().filter(|p| p.1).count() as f64 / points.len().max(1) as f64
        );
        Platt::fit(&points)
    };
    let (speaker_calibration, sole_calibration) = (calibrate(false), calibrate(true));
    eprintln!("quotes: speaker calibration {speaker_calibration:?}, sole {sole_calibration:?}");
    let right = speaker_points.iter().filter(|p| p.1).count();
    eprintln!(
        "quotes: held-out speaker accuracy {:.1}% of {} ranked quotes",
        100.0 * right as f64 / speaker_points.len().max(1) as f64,
        speaker_points.len()
    );
    let model_of = |direct: &MultiClass, reported: &MultiClass, ranker: &MultiClass| QuoteModel {
        direct: direct.to_linear(o.min_weight),
        reported: reported.to_linear(o.min_weight),
        speaker: ranker.to_linear(o.min_weight),
        direct_calibration,
        reported_calibration,
        speaker_calibration,
        sole_calibration,
        first_names: names.clone(),
        ruled_precision,
    };
    if let Some(path) = held_out {
        let mut out = String::new();
        for (f, fold) in folds.iter().enumerate() {
            let model = model_of(&fold_keep[f].0, &fold_keep[f].1, &fold_rankers[f]);
            for &e in fold {
                let ex = &examples[e];
                let d = &docs[ex.doc];
                let record = predict(ex, d, &model);
                out.push_str(&serde_json::to_string(&record).map_err(|e| e.to_string())?);
                out.push('\n');
            }
        }
        std::fs::write(path, out).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    }
    let direct = train_keep(examples, &all, true, o);
    let reported = train_keep(examples, &all, false, o);
    let ranker = train_ranker(examples, docs, &all, &kept, &names, o);
    Ok(model_of(&direct, &reported, &ranker))
}

/// annotate's record for one training document, analysed with `model` for quotes.
fn predict(ex: &Example, d: &Doc, model: &QuoteModel) -> annotator_engine::output::Record {
    let document = Document::new(&d.text);
    let mut entities = ex.entities.clone();
    let ctx = Ctx::new(&document, &entities);
    let rule_candidates = q::candidates(&ctx);
    let mut quotes = learned::detect(
        &ctx,
        &ex.syntax,
        model,
        &rule_candidates,
        learned::Parts::ALL,
    );
    let groups = annotator_engine::groups::group(&d.text, &mut entities, &mut quotes);
    let analysis = annotator_engine::Analysis {
        paragraphs: document.paragraphs.iter().map(|p| p.span).collect(),
        entities,
        quotes,
        groups,
    };
    annotator_engine::output::Record::new(d.id.clone(), &d.text, &analysis)
}
