//! An averaged structured perceptron over BILOU tags with Viterbi decoding (Collins 2002),
//! averaged lazily with the `w - u / c` trick (Daumé 2006).

use annotator_engine::entities::decode::{self, TAGS};
use annotator_engine::entities::features::FeatureMatrix;
use annotator_engine::entities::model::Stage;
use std::collections::HashMap;
use std::ops::Range;

/// One training document: dense feature rows per token, sentences, gold tags.
pub struct Example {
    rows: Vec<u32>,
    starts: Vec<u32>,
    sentences: Vec<Range<usize>>,
    gold: Vec<u8>,
}

/// Weights being trained; rows are created for every feature seen in the training data.
#[derive(Default)]
pub struct Perceptron {
    index: HashMap<u32, u32>,
    keys: Vec<u32>,
    w: Vec<f32>,
    u: Vec<f64>,
    /// Transitions (`TAGS * TAGS`) followed by start scores (`TAGS`).
    tw: Vec<f32>,
    tu: Vec<f64>,
    c: f64,
}

const TRANS: usize = TAGS * TAGS + TAGS;

impl Perceptron {
    pub fn new() -> Perceptron {
        Perceptron {
            tw: vec![0.0; TRANS],
            tu: vec![0.0; TRANS],
            c: 1.0,
            ..Perceptron::default()
        }
    }

    /// Turns feature hashes into dense rows, creating rows for new features.
    pub fn example(
        &mut self,
        features: &[&FeatureMatrix],
        sentences: Vec<Range<usize>>,
        gold: Vec<u8>,
    ) -> Example {
        let n = gold.len();
        let mut rows = Vec::with_capacity(features.iter().map(|f| f.ids.len()).sum());
        let mut starts = Vec::with_capacity(n + 1);
        starts.push(0);
        for i in 0..n {
            for f in features {
                for &key in f.token(i) {
                    let next = self.keys.len() as u32;
                    let row = *self.index.entry(key).or_insert(next);
                    if row == next {
                        self.keys.push(key);
                        self.w.extend([0.0; TAGS]);
                        self.u.extend([0.0; TAGS]);
                    }
                    rows.push(row);
                }
            }
            starts.push(rows.len() as u32);
        }
        Example {
            rows,
            starts,
            sentences,
            gold,
        }
    }

    /// Trains for `epochs` passes over every sentence, in an order shuffled by `seed`.
    pub fn train(&mut self, examples: &[Example], epochs: usize, seed: u64) {
        let mut order: Vec<(usize, usize)> = examples
            .iter()
            .enumerate()
            .flat_map(|(d, e)| (0..e.sentences.len()).map(move |s| (d, s)))
            .collect();
        let mut rng = XorShift(seed | 1);
        for _ in 0..epochs {
            rng.shuffle(&mut order);
            for &(d, s) in &order {
                self.learn(&examples[d], examples[d].sentences[s].clone());
                self.c += 1.0;
            }
        }
    }

    fn learn(&mut self, ex: &Example, range: Range<usize>) {
        if range.is_empty() {
            return;
        }
        let mut emissions = vec![0.0f32; range.len() * TAGS];
        for (k, i) in range.clone().enumerate() {
            let scores = &mut emissions[k * TAGS..(k + 1) * TAGS];
            for &row in ex.token_rows(i) {
                let w = &self.w[row as usize * TAGS..(row as usize + 1) * TAGS];
                scores.iter_mut().zip(w).for_each(|(s, x)| *s += x);
            }
        }
        let (trans, start) = self.tw.split_at(TAGS * TAGS);
        let pred = decode::viterbi(&emissions, trans, start);
        let gold = &ex.gold[range.clone()];
        if pred == gold {
            return;
        }
        for (k, i) in range.enumerate() {
            let (g, p) = (usize::from(gold[k]), usize::from(pred[k]));
            if g != p {
                for &row in ex.token_rows(i) {
                    self.bump(row as usize * TAGS + g, 1.0);
                    self.bump(row as usize * TAGS + p, -1.0);
                }
            }
            let (gt, pt) = if k == 0 {
                (TAGS * TAGS + g, TAGS * TAGS + p)
            } else {
                let (gp, pp) = (usize::from(gold[k - 1]), usize::from(pred[k - 1]));
                (gp * TAGS + g, pp * TAGS + p)
            };
            if gt != pt {
                self.bump_transition(gt, 1.0);
                self.bump_transition(pt, -1.0);
            }
        }
    }

    fn bump(&mut self, at: usize, d: f32) {
        self.w[at] += d;
        self.u[at] += self.c * f64::from(d);
    }

    fn bump_transition(&mut self, at: usize, d: f32) {
        self.tw[at] += d;
        self.tu[at] += self.c * f64::from(d);
    }

    fn averaged(&self, w: f32, u: f64) -> f32 {
        (f64::from(w) - u / self.c) as f32
    }

    /// Starts learning again from zero weights (the feature rows stay).
    pub fn reset(&mut self) {
        self.w.iter_mut().for_each(|x| *x = 0.0);
        self.u.iter_mut().for_each(|x| *x = 0.0);
        self.tw.iter_mut().for_each(|x| *x = 0.0);
        self.tu.iter_mut().for_each(|x| *x = 0.0);
        self.c = 1.0;
    }

    /// The averaged feature weights (rows of `TAGS`) and transition and start weights.
    pub fn averaged_weights(&self) -> (Vec<f32>, Vec<f32>) {
        let w = self
            .w
            .iter()
            .zip(&self.u)
            .map(|(&w, &u)| self.averaged(w, u))
            .collect();
        let t = self
            .tw
            .iter()
            .zip(&self.tu)
            .map(|(&w, &u)| self.averaged(w, u))
            .collect();
        (w, t)
    }

    /// A quantised stage from weights laid out as `averaged_weights` gives them.
    pub fn stage_from(&self, w: &[f32], t: &[f32], min_weight: f32, levels: i8) -> Stage {
        let rows: Vec<(u32, Vec<f32>)> = self
            .keys
            .iter()
            .enumerate()
            .map(|(r, &key)| (key, w[r * TAGS..(r + 1) * TAGS].to_vec()))
            .collect();
        let (trans, start) = t.split_at(TAGS * TAGS);
        Stage::quantise(&rows, trans.to_vec(), start.to_vec(), min_weight, levels)
    }

    pub fn features(&self) -> usize {
        self.keys.len()
    }
}

impl Example {
    fn token_rows(&self, i: usize) -> &[u32] {
        &self.rows[self.starts[i] as usize..self.starts[i + 1] as usize]
    }
}

/// A small deterministic random number generator (xorshift64).
pub struct XorShift(pub u64);

impl XorShift {
    pub fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    /// Fisher-Yates shuffle.
    pub fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = (self.next() % (i as u64 + 1)) as usize;
            v.swap(i, j);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use annotator_engine::entities::decode::{name_tags, OUTSIDE};
    use annotator_engine::entities::features::Clusters;
    use annotator_engine::entities::features::{extract, Groups};
    use annotator_engine::entities::model::Model;
    use annotator_engine::Document;

    /// Sentences written for this test: people follow "met", places follow "in".
    const TRAIN: &[(&str, usize, usize)] = &[
        ("We met Olga in Rome .", 2, 4),
        ("They met Pavel in Oslo .", 2, 4),
        ("I met Ines in Quito .", 2, 4),
        ("You met Tomas in Hanoi .", 2, 4),
    ];

    #[test]
    fn learns_names_from_context_and_generalises() {
        let mut p = Perceptron::new();
        let mut examples = Vec::new();
        for &(text, per, loc) in TRAIN {
            let doc = Document::new(text);
            let f = extract(&doc, Groups::ALL, None);
            let mut gold = vec![OUTSIDE; doc.tokens.len()];
            gold[per] = name_tags(0, 1).next().unwrap();
            gold[loc] = name_tags(2, 1).next().unwrap();
            let sentences = doc.sentences.iter().map(|s| s.tokens.clone()).collect();
            examples.push(p.example(&[&f], sentences, gold));
        }
        p.train(&examples, 5, 7);
        let model = Model {
            groups: Groups::ALL,
            clusters: Clusters::default(),
            lexicon: Default::default(),
            lists: Default::default(),
            stages: vec![{
                let (w, t) = p.averaged_weights();
                p.stage_from(&w, &t, 0.0, i8::MAX)
            }],
        };
        let doc = Document::new("She met Zora in Lagos .");
        let names: Vec<_> = model
            .recognise(&doc)
            .into_iter()
            .map(|(s, l)| (s.slice(doc.text).to_string(), l.as_str()))
            .collect();
        assert_eq!(
            names,
            vec![("Zora".to_string(), "PER"), ("Lagos".to_string(), "LOC")]
        );
    }

    #[test]
    fn reset_forgets_and_retraining_repeats() {
        let mut p = Perceptron::new();
        let doc = Document::new("We met Olga .");
        let f = extract(&doc, Groups::ALL, None);
        let mut gold = vec![OUTSIDE; doc.tokens.len()];
        gold[2] = name_tags(0, 1).next().unwrap();
        let sentences = doc.sentences.iter().map(|s| s.tokens.clone()).collect();
        let examples = vec![p.example(&[&f], sentences, gold)];
        p.train(&examples, 3, 1);
        let first = p.averaged_weights();
        assert!(first.0.iter().any(|&x| x != 0.0));
        p.reset();
        assert!(p.averaged_weights().0.iter().all(|&x| x == 0.0));
        p.train(&examples, 3, 1);
        assert_eq!(p.averaged_weights(), first);
    }

    #[test]
    fn shuffling_is_deterministic() {
        let mut a: Vec<u32> = (0..50).collect();
        let mut b = a.clone();
        XorShift(42).shuffle(&mut a);
        XorShift(42).shuffle(&mut b);
        assert_eq!(a, b);
        assert_ne!(a, (0..50).collect::<Vec<_>>());
    }
}
