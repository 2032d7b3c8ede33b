//! The trained name model: hashed feature weights quantised to `i8` per row, tag transitions,
//! and word clusters, read from a versioned little-endian file.
//!
//! A model has one or more stages. The first sees the features of `features::extract`; each
//! later stage also sees how the stage before it labelled the same words elsewhere in the
//! document (`features::history`), a second pass for document-level consistency.

use super::decode::{self, TAGS, TYPES};
use super::features::{self, Clusters, FeatureMatrix, Groups, CLUSTER_LEVELS};
use crate::analysis::Label;
use crate::span::Span;
use crate::text::Document;
use std::collections::HashMap;
use std::fmt;

const MAGIC: &[u8; 4] = b"ANER";
/// The only file version this engine reads.
pub const VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ModelError {
    BadMagic,
    UnsupportedVersion(u32),
    WrongTagCount(u32),
    Truncated,
    Corrupt(&'static str),
}

impl fmt::Display for ModelError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ModelError::BadMagic => f.write_str("not a name model (bad magic bytes)"),
            ModelError::UnsupportedVersion(v) => {
                write!(
                    f,
                    "name model version {v} is not supported (this engine reads {VERSION})"
                )
            }
            ModelError::WrongTagCount(n) => write!(f, "name model has {n} tags, expected {TAGS}"),
            ModelError::Truncated => f.write_str("name model file is truncated"),
            ModelError::Corrupt(what) => write!(f, "name model file is corrupt: {what}"),
        }
    }
}

impl std::error::Error for ModelError {}

/// One stage's weights: rows of `TAGS` quantised weights, looked up by feature hash.
#[derive(Debug, Clone, PartialEq)]
pub struct Stage {
    keys: Vec<u32>,
    scales: Vec<f32>,
    weights: Vec<i8>,
    transitions: Vec<f32>,
    start: Vec<f32>,
    /// Open-addressing index: row number + 1, or 0 for an empty slot.
    slots: Vec<u32>,
}

impl Stage {
    /// Quantises float rows (feature hash, `TAGS` weights) to one `i8` per weight and a scale
    /// per row. Rows whose largest weight is below `min_weight` are dropped (pruning).
    pub fn quantise(
        rows: &[(u32, Vec<f32>)],
        transitions: Vec<f32>,
        start: Vec<f32>,
        min_weight: f32,
    ) -> Stage {
        let mut rows: Vec<&(u32, Vec<f32>)> = rows
            .iter()
            .filter(|(_, w)| w.iter().any(|x| x.abs() >= min_weight))
            .collect();
        rows.sort_by_key(|r| r.0);
        rows.dedup_by_key(|r| r.0);
        let mut keys = Vec::with_capacity(rows.len());
        let mut scales = Vec::with_capacity(rows.len());
        let mut weights = Vec::with_capacity(rows.len() * TAGS);
        for (key, w) in rows {
            let max = w.iter().fold(0f32, |m, x| m.max(x.abs()));
            let scale = if max > 0.0 { max / 127.0 } else { 1.0 };
            keys.push(*key);
            scales.push(scale);
            weights.extend(
                w.iter()
                    .map(|x| (x / scale).round().clamp(-127.0, 127.0) as i8),
            );
        }
        Stage::from_parts(keys, scales, weights, transitions, start)
    }

    fn from_parts(
        keys: Vec<u32>,
        scales: Vec<f32>,
        weights: Vec<i8>,
        transitions: Vec<f32>,
        start: Vec<f32>,
    ) -> Stage {
        let size = (keys.len() * 2).next_power_of_two().max(16);
        let mut slots = vec![0u32; size];
        for (row, &key) in keys.iter().enumerate() {
            let mut s = slot_of(key, size);
            while slots[s] != 0 {
                s = (s + 1) & (size - 1);
            }
            slots[s] = row as u32 + 1;
        }
        Stage {
            keys,
            scales,
            weights,
            transitions,
            start,
            slots,
        }
    }

    /// Number of stored feature rows.
    pub fn rows(&self) -> usize {
        self.keys.len()
    }

    fn row(&self, key: u32) -> Option<usize> {
        let mask = self.slots.len() - 1;
        let mut s = slot_of(key, self.slots.len());
        loop {
            let r = self.slots[s];
            if r == 0 {
                return None;
            }
            let row = (r - 1) as usize;
            if self.keys[row] == key {
                return Some(row);
            }
            s = (s + 1) & mask;
        }
    }

    /// Adds the weights of `ids` to `scores` (`TAGS` values).
    fn add(&self, ids: &[u32], scores: &mut [f32]) {
        for &id in ids {
            if let Some(row) = self.row(id) {
                let scale = self.scales[row];
                let w = &self.weights[row * TAGS..(row + 1) * TAGS];
                for (s, &x) in scores.iter_mut().zip(w) {
                    *s += f32::from(x) * scale;
                }
            }
        }
    }

    /// Tags for every token of `doc`, sentence by sentence.
    fn tag(&self, doc: &Document, base: &FeatureMatrix, extra: Option<&FeatureMatrix>) -> Vec<u8> {
        let mut tags = Vec::with_capacity(doc.tokens.len());
        let mut emissions = Vec::new();
        for sentence in &doc.sentences {
            emissions.clear();
            emissions.resize(sentence.tokens.len() * TAGS, 0.0);
            for (k, i) in sentence.tokens.clone().enumerate() {
                let scores = &mut emissions[k * TAGS..(k + 1) * TAGS];
                self.add(base.token(i), scores);
                if let Some(extra) = extra {
                    self.add(extra.token(i), scores);
                }
            }
            tags.extend(decode::viterbi(&emissions, &self.transitions, &self.start));
        }
        tags
    }
}

#[inline]
fn slot_of(key: u32, size: usize) -> usize {
    (key.wrapping_mul(0x9E37_79B1) >> 7) as usize & (size - 1)
}

/// A loaded name model.
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    pub groups: Groups,
    pub clusters: Clusters,
    pub stages: Vec<Stage>,
}

impl Model {
    /// Tags every token of `doc` with the last stage.
    pub fn tag(&self, doc: &Document) -> Vec<u8> {
        let base = features::extract(doc, self.groups, Some(&self.clusters));
        let mut tags: Vec<u8> = Vec::new();
        for (k, stage) in self.stages.iter().enumerate() {
            if k == 0 {
                tags = stage.tag(doc, &base, None);
            } else {
                let history = features::history(doc, &tags);
                tags = stage.tag(doc, &base, Some(&history));
            }
        }
        tags
    }

    /// The names in `doc` as byte spans with labels, in text order.
    pub fn recognise(&self, doc: &Document) -> Vec<(Span, Label)> {
        let tags = self.tag(doc);
        decode::names(&tags)
            .into_iter()
            .map(|(s, e, ty)| {
                let span = Span::new(doc.tokens[s].span.start(), doc.tokens[e - 1].span.end());
                (span, TYPES[ty])
            })
            .collect()
    }

    /// Reads a model file.
    pub fn from_bytes(bytes: &[u8]) -> Result<Model, ModelError> {
        let mut r = Reader { bytes, pos: 0 };
        if r.take(4)? != MAGIC {
            return Err(ModelError::BadMagic);
        }
        let version = r.u32()?;
        if version != VERSION {
            return Err(ModelError::UnsupportedVersion(version));
        }
        let groups = Groups(r.u32()?);
        let tags = r.u32()?;
        if tags as usize != TAGS {
            return Err(ModelError::WrongTagCount(tags));
        }
        let n_clusters = r.len(4 + 2 * CLUSTER_LEVELS)?;
        let mut map = HashMap::with_capacity(n_clusters);
        for _ in 0..n_clusters {
            let key = r.u32()?;
            let mut c = [0u16; CLUSTER_LEVELS];
            for x in &mut c {
                *x = r.u16()?;
            }
            map.insert(key, c);
        }
        let n_stages = r.u32()?;
        if n_stages == 0 || n_stages > 4 {
            return Err(ModelError::Corrupt("stage count"));
        }
        let mut stages = Vec::new();
        for _ in 0..n_stages {
            let n = r.len(4 + 4 + TAGS)?;
            let keys = (0..n).map(|_| r.u32()).collect::<Result<Vec<_>, _>>()?;
            let scales = (0..n).map(|_| r.f32()).collect::<Result<Vec<_>, _>>()?;
            let weights = r.take(n * TAGS)?.iter().map(|&b| b as i8).collect();
            let transitions = (0..TAGS * TAGS)
                .map(|_| r.f32())
                .collect::<Result<Vec<_>, _>>()?;
            let start = (0..TAGS).map(|_| r.f32()).collect::<Result<Vec<_>, _>>()?;
            if keys.windows(2).any(|w| w[0] >= w[1]) {
                return Err(ModelError::Corrupt("feature keys are not sorted"));
            }
            if scales
                .iter()
                .chain(&transitions)
                .chain(&start)
                .any(|x| !x.is_finite())
            {
                return Err(ModelError::Corrupt("weights are not finite"));
            }
            stages.push(Stage::from_parts(keys, scales, weights, transitions, start));
        }
        if r.pos != bytes.len() {
            return Err(ModelError::Corrupt("trailing bytes"));
        }
        Ok(Model {
            groups,
            clusters: Clusters::new(map),
            stages,
        })
    }

    /// Writes the model file (`from_bytes` reads it back).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = Vec::new();
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&VERSION.to_le_bytes());
        out.extend_from_slice(&self.groups.0.to_le_bytes());
        out.extend_from_slice(&(TAGS as u32).to_le_bytes());
        let clusters = self.clusters.entries();
        out.extend_from_slice(&(clusters.len() as u32).to_le_bytes());
        for (key, c) in clusters {
            out.extend_from_slice(&key.to_le_bytes());
            for x in c {
                out.extend_from_slice(&x.to_le_bytes());
            }
        }
        out.extend_from_slice(&(self.stages.len() as u32).to_le_bytes());
        for s in &self.stages {
            out.extend_from_slice(&(s.keys.len() as u32).to_le_bytes());
            s.keys
                .iter()
                .for_each(|k| out.extend_from_slice(&k.to_le_bytes()));
            s.scales
                .iter()
                .for_each(|x| out.extend_from_slice(&x.to_le_bytes()));
            out.extend(s.weights.iter().map(|&w| w as u8));
            s.transitions
                .iter()
                .for_each(|x| out.extend_from_slice(&x.to_le_bytes()));
            s.start
                .iter()
                .for_each(|x| out.extend_from_slice(&x.to_le_bytes()));
        }
        out
    }
}

struct Reader<'b> {
    bytes: &'b [u8],
    pos: usize,
}

impl<'b> Reader<'b> {
    fn take(&mut self, n: usize) -> Result<&'b [u8], ModelError> {
        let end = self.pos.checked_add(n).ok_or(ModelError::Truncated)?;
        let s = self.bytes.get(self.pos..end).ok_or(ModelError::Truncated)?;
        self.pos = end;
        Ok(s)
    }

    fn u32(&mut self) -> Result<u32, ModelError> {
        let b = self.take(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    fn u16(&mut self) -> Result<u16, ModelError> {
        let b = self.take(2)?;
        Ok(u16::from_le_bytes([b[0], b[1]]))
    }

    fn f32(&mut self) -> Result<f32, ModelError> {
        Ok(f32::from_bits(self.u32()?))
    }

    /// A count of items of `item_size` bytes each, checked against the bytes left.
    fn len(&mut self, item_size: usize) -> Result<usize, ModelError> {
        let n = self.u32()? as usize;
        if n.saturating_mul(item_size) > self.bytes.len() - self.pos {
            return Err(ModelError::Truncated);
        }
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::decode::tag;

    /// A hand-made model: capitalised words are people, everything else is outside.
    fn toy_model() -> Model {
        let doc = Document::new("Xx");
        let shape_feature = features::extract(&doc, Groups::SHAPE, None).token(0)[1];
        let mut w = vec![0.0; TAGS];
        w[usize::from(tag(0, 3))] = 2.0;
        w[0] = -1.0;
        let mut bias = vec![0.0; TAGS];
        bias[0] = 1.0;
        let bias_feature = features::extract(&doc, Groups::SHAPE, None).token(0)[0];
        let stage = Stage::quantise(
            &[(shape_feature, w), (bias_feature, bias)],
            vec![0.0; TAGS * TAGS],
            vec![0.0; TAGS],
            0.0,
        );
        Model {
            groups: Groups::SHAPE,
            clusters: Clusters::default(),
            stages: vec![stage],
        }
    }

    #[test]
    fn a_model_round_trips_and_recognises() {
        let model = toy_model();
        let bytes = model.to_bytes();
        let back = Model::from_bytes(&bytes).expect("reads its own output");
        assert_eq!(back, model);
        let doc = Document::new("we saw Anna today");
        let names = back.recognise(&doc);
        assert_eq!(names.len(), 1);
        assert_eq!(names[0].0.slice(doc.text), "Anna");
        assert_eq!(names[0].1, Label::Per);
    }

    #[test]
    fn bad_files_are_refused() {
        let bytes = toy_model().to_bytes();
        assert_eq!(Model::from_bytes(b"nope"), Err(ModelError::BadMagic));
        let mut newer = bytes.clone();
        newer[4] = 9;
        assert_eq!(
            Model::from_bytes(&newer),
            Err(ModelError::UnsupportedVersion(9))
        );
        for cut in [3, 10, bytes.len() / 2, bytes.len() - 1] {
            assert!(Model::from_bytes(&bytes[..cut]).is_err(), "cut at {cut}");
        }
        let mut longer = bytes;
        longer.push(0);
        assert!(Model::from_bytes(&longer).is_err());
    }
}
