//! The part-of-speech tagger: greedy, left to right, an averaged perceptron over the word, its
//! affixes, shape and clusters, the words around it and the two tags before it.

use super::tags::Tag;
use super::words::{feat, feat2, feat3, Word, NO_CLUSTER, RARE};
use crate::binary::{ReadError, Reader, Writer};
use crate::hash::FastMap;
use crate::linear::Linear;
use std::ops::Range;

/// Words whose tag the training data settles (`crates/engine/MODEL.md` says how), by word and
/// shape ("US" is not "us"): the tagger gives them that tag without scoring, in training too.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Dictionary {
    tags: FastMap<u32, Tag>,
}

impl Dictionary {
    pub fn new(entries: impl IntoIterator<Item = (u32, Tag)>) -> Dictionary {
        Dictionary {
            tags: entries.into_iter().collect(),
        }
    }

    /// The key of a word in the dictionary; `None` for a word the models do not know by name.
    pub fn key(w: &Word) -> Option<u32> {
        (w.lower != RARE).then(|| feat2(T_DICTIONARY, w.lower, w.shape))
    }

    /// The settled tag of `w`, if it has one.
    #[inline]
    pub fn get(&self, w: &Word) -> Option<Tag> {
        if self.tags.is_empty() {
            return None;
        }
        Dictionary::key(w).and_then(|k| self.tags.get(&k).copied())
    }

    pub fn len(&self) -> usize {
        self.tags.len()
    }

    pub fn is_empty(&self) -> bool {
        self.tags.is_empty()
    }

    pub fn write(&self, w: &mut Writer) {
        let mut entries: Vec<(u32, Tag)> = self.tags.iter().map(|(&k, &t)| (k, t)).collect();
        entries.sort_unstable_by_key(|e| e.0);
        let keys: Vec<u32> = entries.iter().map(|e| e.0).collect();
        w.sorted_keys(&keys);
        let tags: Vec<u8> = entries.iter().map(|e| e.1 .0).collect();
        w.bytes(&tags);
    }

    pub fn read(r: &mut Reader) -> Result<Dictionary, ReadError> {
        let keys = r.sorted_keys()?;
        let tags = r.take(keys.len())?;
        if tags.iter().any(|&t| usize::from(t) >= Tag::COUNT) {
            return Err(ReadError::Corrupt("dictionary tag out of range"));
        }
        Ok(Dictionary::new(
            keys.into_iter().zip(tags.iter().map(|&t| Tag(t))),
        ))
    }
}

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
/// Not a feature: the template of the dictionary's keys.
const T_DICTIONARY: u64 = 128;

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

/// Tags the tokens of one sentence: a word of `dictionary` gets its tag there, any other the
/// model's best.
pub fn tag(
    model: &Linear,
    dictionary: &Dictionary,
    words: &[Word],
    range: Range<usize>,
    out: &mut Vec<Tag>,
) {
    let mut tags: Vec<Tag> = Vec::with_capacity(range.len());
    let mut f = Vec::with_capacity(32);
    let mut scores = [0f32; Tag::COUNT];
    for i in range.clone() {
        if let Some(t) = dictionary.get(&words[i]) {
            tags.push(t);
            continue;
        }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::words::words;
    use crate::text::Document;

    #[test]
    fn settled_words_take_their_tag_and_others_are_scored() {
        let doc = Document::new("the US and us");
        let w = words(&doc, None, None);
        let key = |i: usize| Dictionary::key(&w[i]).expect("every word is known here");
        let (dt, prp) = (Tag::parse("DT"), Tag::parse("PRP"));
        let dict = Dictionary::new([(key(0), dt), (key(3), prp)]);
        // A model without weights gives every word it scores the first tag.
        let mut out = Vec::new();
        tag(&Linear::default(), &dict, &w, 0..w.len(), &mut out);
        assert_eq!(out, [dt, Tag(0), Tag(0), prp], "\"US\" is not \"us\"");
        let mut bytes = Writer::default();
        dict.write(&mut bytes);
        let bytes = bytes.into_bytes();
        let back = Dictionary::read(&mut Reader::new(&bytes)).expect("reads its own output");
        assert_eq!(back, dict);
        let mut bad = bytes.clone();
        *bad.last_mut().expect("a tag byte") = Tag::COUNT as u8;
        assert!(Dictionary::read(&mut Reader::new(&bad)).is_err());
    }
}
