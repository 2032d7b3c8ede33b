//! The part-of-speech tagger: greedy, left to right, an averaged perceptron over the word, its
//! affixes, shape and clusters, the words around it and the two tags before it.

use super::tags::Tag;
use super::words::{feat, feat2, feat3, Word, NO_CLUSTER};
use crate::linear::Linear;
use std::ops::Range;

// Template numbers. Changing any of them changes every feature: retrain afterwards.
const T_BIAS: u64 = 101;
const T_WORD: u64 = 102;
const T_SUFFIX: [u64; 4] = [103, 104, 105, 106];
const T_PREFIX: u64 = 107;
const T_SHAPE: u64 = 108;
const T_CLUSTER: [u64; 3] = [109, 110, 111];
const T_WORD_AT: [u64; 4] = [112, 113, 114, 115];
const T_SUFFIX3_AT: [u64; 2] = [116, 117];
const T_CLUSTER_AT: [u64; 2] = [118, 119];
const T_TAG1: u64 = 120;
const T_TAG2: u64 = 121;
const T_TAGS: u64 = 122;
const T_TAG1_WORD: u64 = 123;
const T_WORD_NEXT: u64 = 124;
const T_INITIAL_SHAPE: u64 = 125;
const T_SHAPE_AT: [u64; 2] = [126, 127];

/// The tag before the first word of a sentence.
const START: u64 = 0xFFFF;

/// Features of token `i` of the sentence `range`, given the tags of the two tokens before it.
pub fn features(words: &[Word], range: Range<usize>, i: usize, tags: &[Tag], out: &mut Vec<u32>) {
    out.clear();
    let w = &words[i];
    let at = |d: isize| -> Option<&Word> {
        let j = i as isize + d;
        (j >= range.start as isize && j < range.end as isize).then(|| &words[j as usize])
    };
    let lower_at = |d| at(d).map_or(START, |x| x.lower);
    // The tag `back` tokens before `i`.
    let tag_at = |back: usize| -> u64 {
        if i >= range.start + back {
            u64::from(tags[i - back - range.start].0)
        } else {
            START
        }
    };
    out.push(feat(T_BIAS, 0));
    out.push(feat(T_WORD, w.lower));
    for (n, &s) in w.suffixes.iter().enumerate() {
        if s != 0 {
            out.push(feat(T_SUFFIX[n], s));
        }
    }
    out.push(feat(T_PREFIX, w.prefix));
    out.push(feat(T_SHAPE, w.shape));
    if w.clusters[0] != NO_CLUSTER {
        for (n, &c) in w.clusters.iter().enumerate() {
            out.push(feat(T_CLUSTER[n], u64::from(c)));
        }
    }
    for (n, d) in [-2isize, -1, 1, 2].into_iter().enumerate() {
        out.push(feat(T_WORD_AT[n], lower_at(d)));
    }
    for (n, d) in [-1isize, 1].into_iter().enumerate() {
        let x = at(d);
        out.push(feat(T_SUFFIX3_AT[n], x.map_or(START, |x| x.suffixes[2])));
        out.push(feat(
            T_CLUSTER_AT[n],
            x.map_or(START, |x| u64::from(x.clusters[1])),
        ));
        out.push(feat(T_SHAPE_AT[n], x.map_or(START, |x| x.shape)));
    }
    let (t1, t2) = (tag_at(1), tag_at(2));
    out.push(feat(T_TAG1, t1));
    out.push(feat(T_TAG2, t2));
    out.push(feat2(T_TAGS, t1, t2));
    out.push(feat2(T_TAG1_WORD, t1, w.lower));
    out.push(feat2(T_WORD_NEXT, w.lower, lower_at(1)));
    if i == range.start {
        out.push(feat3(T_INITIAL_SHAPE, 1, w.shape, u64::from(w.capitalised)));
    }
}

/// Tags the tokens of one sentence.
pub fn tag(model: &Linear, words: &[Word], range: Range<usize>, out: &mut Vec<Tag>) {
    let mut tags: Vec<Tag> = Vec::with_capacity(range.len());
    let mut f = Vec::with_capacity(32);
    let mut scores = [0f32; Tag::COUNT];
    for i in range.clone() {
        // The tags before `i`, counted from the sentence start.
        features(words, range.clone(), i, &tags, &mut f);
        scores.fill(0.0);
        model.add(&f, &mut scores);
        tags.push(best(&scores));
    }
    out.extend(tags);
}

/// The class with the highest score (the first on ties).
pub fn best(scores: &[f32]) -> Tag {
    let mut k = 0;
    for (j, &s) in scores.iter().enumerate() {
        if s > scores[k] {
            k = j;
        }
    }
    Tag(k as u8)
}
