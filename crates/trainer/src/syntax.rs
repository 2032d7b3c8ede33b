//! Trains the syntax layer: the part-of-speech tagger, then the dependency parser on the tags the
//! tagger gives texts it did not see (two folds), as it will at run time.

use crate::corpora::Text;
use crate::multiclass::{argmax, MultiClass};
use crate::perceptron::XorShift;
use crate::silver::{self, SilverSentence};
use annotator_engine::entities::features::Clusters;
use annotator_engine::syntax::parser::{self, State, MOVES, SHIFT};
use annotator_engine::syntax::tagger::Dictionary;
use annotator_engine::syntax::words::{self, Vocab, Word, RARE};
use annotator_engine::syntax::{tagger, Dep, SyntaxModel, Tag};
use annotator_engine::Document;
use std::collections::HashMap;

/// One sentence ready for training.
pub struct Sentence {
    pub words: Vec<Word>,
    /// The tag to learn for each token (gold where the corpus has one, else silver), if known.
    pub tags: Option<Vec<Tag>>,
    /// Which of those tags are gold (GUM, CoNLL) rather than silver.
    pub gold_tag: Vec<bool>,
    /// Silver heads (the root is `n`) and labels.
    pub tree: Option<(Vec<usize>, Vec<Dep>)>,
    pub held_out: bool,
}

pub struct Options {
    /// Words seen fewer times than this in training are outside the vocabulary.
    pub vocab_min: u32,
    /// Features seen fewer times than this in the first epoch are dropped.
    pub min_count: u32,
    pub tagger_epochs: usize,
    pub parser_epochs: usize,
    pub min_weight: f32,
    /// Learn CoNLL-2003's own part-of-speech column instead of the silver tags on its texts.
    pub conll_pos: bool,
    /// Train on the held-out documents too (the shipped model); figures are then not held out.
    pub all: bool,
    /// Keep only this many features (tagger, moves, labels), the strongest of a first training,
    /// and train again on them alone.
    pub keep: Option<[usize; 3]>,
    /// Pruning thresholds (tagger, moves, labels) to report held-out accuracy and size for.
    pub prune: Vec<(f32, f32, f32)>,
    /// The tag dictionary: words (by form and shape) seen at least `dictionary_min` times in
    /// training with one tag at least `dictionary_share` of the time; 0 for none.
    pub dictionary_min: u32,
    pub dictionary_share: f64,
}

/// Builds the training sentences of every text.
pub fn prepare(
    texts: &[Text],
    silver: &HashMap<String, HashMap<usize, SilverSentence>>,
    clusters: &Clusters,
    o: &Options,
) -> Vec<Sentence> {
    let mut out = Vec::new();
    let (mut matched, mut stale) = (0usize, 0usize);
    for t in texts {
        let doc = Document::new(&t.text);
        let all_words = words::words(&doc, Some(clusters), None);
        let corpus = t.name.split('/').next().unwrap_or("").to_string();
        let gold: HashMap<(usize, usize), &str> = if corpus == "conll" && !o.conll_pos {
            HashMap::new()
        } else {
            t.pos
                .iter()
                .map(|(s, e, tag)| ((*s, *e), tag.as_str()))
                .collect()
        };
        let doc_silver = silver.get(&t.name);
        for (k, s) in doc.sentences.iter().enumerate() {
            let r = s.tokens.clone();
            let n = r.len();
            let sv = doc_silver.and_then(|d| d.get(&k)).filter(|sv| {
                sv.check == silver::sentence_check(&doc, r.clone()) && sv.tags.len() == n
            });
            if sv.is_some() {
                matched += 1;
            } else {
                stale += 1;
            }
            let mut tags = Vec::with_capacity(n);
            let mut gold_tag = Vec::with_capacity(n);
            for (j, i) in r.clone().enumerate() {
                let span = doc.tokens[i].span;
                if let Some(g) = gold.get(&(span.start(), span.end())) {
                    tags.push(Some(Tag::parse(g)));
                    gold_tag.push(true);
                } else {
                    tags.push(sv.map(|sv| Tag::parse(&sv.tags[j])));
                    gold_tag.push(false);
                }
            }
            let tags: Option<Vec<Tag>> = tags.into_iter().collect();
            let tree = sv.map(|sv| {
                let heads = sv
                    .heads
                    .iter()
                    .enumerate()
                    .map(|(d, &h)| if h == d || h >= n { n } else { h })
                    .collect();
                let labels = sv.labels.iter().map(|l| Dep::parse(l)).collect();
                (heads, labels)
            });
            out.push(Sentence {
                words: all_words[r].to_vec(),
                tags,
                gold_tag,
                tree,
                held_out: t.held_out && !o.all,
            });
        }
    }
    eprintln!(
        "syntax: {} sentences, {matched} with silver, {stale} without",
        out.len()
    );
    out
}

/// The words seen at least `min` times in the training sentences; every other word becomes
/// [`RARE`] in all sentences, as it will be at run time.
pub fn restrict_vocabulary(sentences: &mut [Sentence], min: u32) -> Vocab {
    let mut counts: HashMap<u64, u32> = HashMap::new();
    for s in sentences.iter().filter(|s| !s.held_out) {
        for w in &s.words {
            *counts.entry(w.lower).or_default() += 1;
        }
    }
    let keep: std::collections::HashSet<u64> = counts
        .into_iter()
        .filter(|&(_, n)| n >= min)
        .map(|(h, _)| h)
        .collect();
    for s in sentences.iter_mut() {
        for w in &mut s.words {
            if !keep.contains(&w.lower) {
                w.lower = RARE;
            }
        }
    }
    // The vocabulary stores the same keys `words::words` looks up: the hash's high half.
    Vocab::new(keep.into_iter().map(|h| (h >> 32) as u32))
}

/// Trains the tagger on `train` (sentence numbers).
fn train_tagger(
    sentences: &[Sentence],
    train: &[usize],
    dictionary: &Dictionary,
    o: &Options,
    seed: u64,
    only: Option<&[u32]>,
) -> MultiClass {
    let mut m = match only {
        Some(f) => MultiClass::restricted(Tag::COUNT, f),
        None => MultiClass::new(Tag::COUNT),
    };
    let mut order: Vec<usize> = train
        .iter()
        .copied()
        .filter(|&k| sentences[k].tags.is_some())
        .collect();
    let mut rng = XorShift(seed);
    let mut f = Vec::new();
    let mut scores = vec![0f32; Tag::COUNT];
    for epoch in 0..o.tagger_epochs {
        if epoch == 1 {
            m.freeze(o.min_count);
        }
        rng.shuffle(&mut order);
        for &k in &order {
            let s = &sentences[k];
            let gold = s.tags.as_ref().expect("filtered");
            let n = s.words.len();
            let mut history: Vec<Tag> = Vec::with_capacity(n);
            for (i, truth) in gold.iter().enumerate() {
                // A settled word is tagged from the dictionary, as when tagging.
                if let Some(t) = dictionary.get(&s.words[i]) {
                    history.push(t);
                    continue;
                }
                tagger::features(&s.words, 0..n, i, &history, &mut f);
                scores.fill(0.0);
                m.score(&f, &mut scores);
                let guess = argmax(&scores, |_| true);
                m.observe(&f);
                m.update(&f, usize::from(truth.0), guess);
                m.tick();
                history.push(Tag(guess as u8));
            }
        }
    }
    m
}

fn tag_with(
    model: &annotator_engine::linear::Linear,
    dictionary: &Dictionary,
    s: &Sentence,
) -> Vec<Tag> {
    let mut out = Vec::new();
    tagger::tag(model, dictionary, &s.words, 0..s.words.len(), &mut out);
    out
}

/// The tag dictionary of the training sentences `train` (see [`Options::dictionary_min`]).
pub fn dictionary(sentences: &[Sentence], train: &[usize], o: &Options) -> Dictionary {
    if o.dictionary_min == 0 {
        return Dictionary::default();
    }
    let mut counts: HashMap<u32, Vec<u32>> = HashMap::new();
    for &k in train {
        let s = &sentences[k];
        let Some(tags) = &s.tags else { continue };
        for (w, t) in s.words.iter().zip(tags) {
            if let Some(key) = Dictionary::key(w) {
                counts.entry(key).or_insert_with(|| vec![0; Tag::COUNT])[usize::from(t.0)] += 1;
            }
        }
    }
    let settled = counts.into_iter().filter_map(|(key, c)| {
        let total: u32 = c.iter().sum();
        let (best, &n) = c
            .iter()
            .enumerate()
            .max_by_key(|&(t, &n)| (n, std::cmp::Reverse(t)))?;
        (total >= o.dictionary_min && f64::from(n) >= o.dictionary_share * f64::from(total))
            .then_some((key, Tag(best as u8)))
    });
    Dictionary::new(settled)
}

/// Trains the parser (moves and labels) on `tags` (predicted tags for every sentence).
fn train_parser(
    sentences: &[Sentence],
    tags: &[Vec<Tag>],
    train: &[usize],
    o: &Options,
    seed: u64,
    only: Option<(&[u32], &[u32])>,
) -> (MultiClass, MultiClass) {
    let (mut moves, mut labels) = match only {
        Some((m, l)) => (
            MultiClass::restricted(MOVES, m),
            MultiClass::restricted(Dep::COUNT, l),
        ),
        None => (MultiClass::new(MOVES), MultiClass::new(Dep::COUNT)),
    };
    let mut order: Vec<usize> = train
        .iter()
        .copied()
        .filter(|&k| sentences[k].tree.is_some())
        .collect();
    let mut rng = XorShift(seed);
    let mut f = Vec::new();
    for epoch in 0..o.parser_epochs {
        if epoch == 1 {
            moves.freeze(o.min_count);
            labels.freeze(o.min_count);
        }
        rng.shuffle(&mut order);
        for &k in &order {
            let s = &sentences[k];
            let (gold, gold_labels) = s.tree.as_ref().expect("filtered");
            let n = s.words.len();
            let t = &tags[k];
            let mut state = State::new(n);
            while !state.is_final() {
                parser::features(&state, &s.words, t, &mut f);
                let mut scores = [0f32; MOVES];
                moves.score(&f, &mut scores);
                let guess = parser::best_move(&state, &scores);
                let costs: Vec<usize> = (0..MOVES)
                    .map(|mv| {
                        if state.valid(mv) {
                            parser::cost(&state, mv, gold)
                        } else {
                            usize::MAX
                        }
                    })
                    .collect();
                let least = *costs.iter().min().expect("three moves");
                let best_gold = argmax(&scores, |mv| costs[mv] == least);
                moves.observe(&f);
                if costs[guess] != least {
                    moves.update(&f, best_gold, guess);
                }
                moves.tick();
                // Explore: after the first epoch, follow the model's own move.
                let mv = if epoch == 0 { best_gold } else { guess };
                let label = if mv == SHIFT {
                    Dep::DEP
                } else {
                    let (head, dep) = state.arc(mv);
                    if head == n {
                        Dep::ROOT
                    } else {
                        parser::label_features(&state, head, dep, &s.words, t, &mut f);
                        let mut ls = vec![0f32; Dep::COUNT];
                        labels.score(&f, &mut ls);
                        let lg = parser::best_label(head, n, &ls);
                        if gold[dep] == head && gold_labels[dep] != Dep::ROOT {
                            labels.observe(&f);
                            labels.update(&f, usize::from(gold_labels[dep].0), usize::from(lg.0));
                            labels.tick();
                            gold_labels[dep]
                        } else {
                            lg
                        }
                    }
                };
                state.apply(mv, label);
            }
        }
        eprintln!("  parser epoch {} done", epoch + 1);
    }
    (moves, labels)
}

/// Held-out figures: tagging accuracy against gold tags (GUM) and against silver tags, and
/// attachment scores against the silver trees (punctuation left out).
pub struct Report {
    pub gold_tag: (usize, usize),
    pub silver_tag: (usize, usize),
    pub uas: (usize, usize),
    pub las: (usize, usize),
}

impl Report {
    pub fn print(&self) {
        let pct = |(a, b): (usize, usize)| 100.0 * a as f64 / b.max(1) as f64;
        eprintln!(
            "syntax held out: tags {:.2}% of {} gold tokens, {:.2}% of {} silver; UAS {:.2}% LAS {:.2}% of {} silver arcs",
            pct(self.gold_tag),
            self.gold_tag.1,
            pct(self.silver_tag),
            self.silver_tag.1,
            pct(self.uas),
            pct(self.las),
            self.uas.1
        );
    }
}

pub fn evaluate(model: &SyntaxModel, sentences: &[Sentence]) -> Report {
    let mut r = Report {
        gold_tag: (0, 0),
        silver_tag: (0, 0),
        uas: (0, 0),
        las: (0, 0),
    };
    for s in sentences.iter().filter(|s| s.held_out) {
        let tags = tag_with(&model.tagger, &model.dictionary, s);
        if let Some(gold) = &s.tags {
            for i in 0..gold.len() {
                let cell = if s.gold_tag[i] {
                    &mut r.gold_tag
                } else {
                    &mut r.silver_tag
                };
                cell.0 += usize::from(tags[i] == gold[i]);
                cell.1 += 1;
            }
        }
        if let Some((heads, labels)) = &s.tree {
            let (h, l) = parser::parse(&model.moves, &model.labels, &s.words, &tags);
            let n = s.words.len();
            for d in 0..n {
                let gold_is_punct = s.tags.as_ref().is_some_and(|t| t[d].is_punct());
                if gold_is_punct {
                    continue;
                }
                let gh = if heads[d] == n { d } else { heads[d] };
                r.uas.1 += 1;
                r.las.1 += 1;
                if h[d] == gh {
                    r.uas.0 += 1;
                    r.las.0 += usize::from(l[d] == labels[d]);
                }
            }
        }
    }
    r
}

/// The layer's three models before quantisation.
pub struct Raw {
    pub vocab: Vocab,
    pub dictionary: Dictionary,
    pub tagger: MultiClass,
    pub moves: MultiClass,
    pub labels: MultiClass,
}

impl Raw {
    /// The quantised model: weights below `min_weight` (tagger, moves, labels) are pruned.
    pub fn build(&self, min_weight: [f32; 3]) -> SyntaxModel {
        SyntaxModel {
            vocab: self.vocab.clone(),
            dictionary: self.dictionary.clone(),
            tagger: self.tagger.to_linear(min_weight[0]),
            moves: self.moves.to_linear(min_weight[1]),
            labels: self.labels.to_linear(min_weight[2]),
        }
    }
}

/// Trains the whole layer on the sentences that are not held out.
pub fn train(sentences: &[Sentence], vocab: Vocab, o: &Options) -> Raw {
    let train: Vec<usize> = (0..sentences.len())
        .filter(|&k| !sentences[k].held_out)
        .collect();
    let dict = dictionary(sentences, &train, o);
    let covered: usize = train
        .iter()
        .flat_map(|&k| &sentences[k].words)
        .filter(|w| dict.get(w).is_some())
        .count();
    let words: usize = train.iter().map(|&k| sentences[k].words.len()).sum();
    eprintln!(
        "tag dictionary: {} words, {covered} of {words} training tokens",
        dict.len()
    );
    let mut tagger = train_tagger(sentences, &train, &dict, o, 0x7A66, None);
    if let Some([k, _, _]) = o.keep {
        let top = tagger.top_features(k);
        tagger = train_tagger(sentences, &train, &dict, o, 0x7A66, Some(&top));
    }
    // The parser learns from tags of a tagger that did not see the sentence (two folds).
    let mut tags: Vec<Vec<Tag>> = vec![Vec::new(); sentences.len()];
    for fold in 0..2 {
        let part: Vec<usize> = train.iter().copied().filter(|k| k % 2 != fold).collect();
        let m = train_tagger(sentences, &part, &dict, o, 0x7A66 + fold as u64, None)
            .to_linear(o.min_weight);
        for &k in train.iter().filter(|&&k| k % 2 == fold) {
            tags[k] = tag_with(&m, &dict, &sentences[k]);
        }
    }
    let (mut moves, mut labels) = train_parser(sentences, &tags, &train, o, 0x9A25, None);
    if let Some([_, km, kl]) = o.keep {
        let (tm, tl) = (moves.top_features(km), labels.top_features(kl));
        (moves, labels) = train_parser(sentences, &tags, &train, o, 0x9A25, Some((&tm, &tl)));
    }
    Raw {
        vocab,
        dictionary: dict,
        tagger,
        moves,
        labels,
    }
}
