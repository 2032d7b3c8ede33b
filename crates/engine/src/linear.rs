//! Sparse linear models: hashed features, each with a few (class, weight) entries, quantised to
//! one byte a weight. The tagger, the parser and the quote models score with them.
//!
//! Scoring adds, for every feature of an example, the weights stored for it into a row of class
//! scores. Features that were pruned or never seen cost one look-up in an open-addressing table.

use crate::binary::{ReadError, Reader, Writer};

/// A multi-class linear model over hashed `u32` features.
#[derive(Debug, Clone, PartialEq)]
pub struct Linear {
    classes: usize,
    /// Sorted feature keys.
    keys: Vec<u32>,
    /// Entries of key `k`: `stored[starts[k]..starts[k + 1]]`.
    starts: Vec<u32>,
    /// The quantised (class, weight) pairs as stored, for writing the model back.
    stored: Vec<(u8, i8)>,
    exponents: Vec<u8>,
    /// How scoring finds a feature's weights.
    index: Index,
}

/// The most classes a model keeps in whole rows.
const WIDE: usize = 48;

#[derive(Debug, Clone, PartialEq)]
enum Index {
    /// Four classes or fewer: every row whole, inside its slot.
    Small(RowTable<4>),
    /// Up to 48 classes (the tag and label sets): whole rows too, for vectorised sums.
    Wide(RowTable<WIDE>),
    /// More classes: a slot points at the row's (class, weight) entries.
    Sparse(SparseTable),
}

#[derive(Debug, Clone, PartialEq)]
struct SparseTable {
    /// Open-addressing slots: (key, first entry, end entry); `end == u32::MAX` marks an empty
    /// slot.
    slots: Vec<(u32, u32, u32)>,
    /// (class, weight) pairs, weights scaled back to floats.
    entries: Vec<(u8, f32)>,
    /// A bit per hash bucket that holds some key (see [`RowTable`]).
    present: Vec<u64>,
}

impl Default for Linear {
    fn default() -> Self {
        Linear::from_parts(1, Vec::new(), Vec::new(), Vec::new(), Vec::new())
    }
}

impl Linear {
    /// Quantises float weights: for each feature its (class, weight) pairs. Entries whose weight
    /// is below `min_weight` in size are dropped, and features left with none.
    pub fn quantise(classes: usize, rows: &[(u32, Vec<(u8, f32)>)], min_weight: f32) -> Linear {
        assert!((1..=256).contains(&classes), "1 to 256 classes");
        let mut rows: Vec<(u32, Vec<(u8, f32)>)> = rows
            .iter()
            .map(|(k, e)| {
                let mut kept: Vec<(u8, f32)> = e
                    .iter()
                    .copied()
                    .filter(|&(c, w)| {
                        usize::from(c) < classes && w.is_finite() && w.abs() >= min_weight
                    })
                    .collect();
                kept.sort_by_key(|e| e.0);
                kept.dedup_by_key(|e| e.0);
                (*k, kept)
            })
            .filter(|(_, e)| !e.is_empty())
            .collect();
        rows.sort_by_key(|r| r.0);
        rows.dedup_by_key(|r| r.0);
        let mut keys = Vec::with_capacity(rows.len());
        let mut starts = Vec::with_capacity(rows.len() + 1);
        let mut stored = Vec::new();
        let mut exponents = Vec::with_capacity(rows.len());
        starts.push(0);
        for (key, e) in &rows {
            let max = e.iter().fold(0f32, |m, x| m.max(x.1.abs()));
            let exponent = scale_exponent(max / 127.0);
            let scale = scale_of(exponent);
            keys.push(*key);
            exponents.push(exponent);
            for &(c, w) in e {
                let q = (w / scale).round().clamp(-127.0, 127.0) as i8;
                if q != 0 {
                    stored.push((c, q));
                }
            }
            starts.push(stored.len() as u32);
        }
        Linear::from_parts(classes, keys, starts, stored, exponents)
    }

    fn from_parts(
        classes: usize,
        keys: Vec<u32>,
        starts: Vec<u32>,
        stored: Vec<(u8, i8)>,
        exponents: Vec<u8>,
    ) -> Linear {
        let starts = if starts.is_empty() { vec![0] } else { starts };
        let row = |k: usize| &stored[starts[k] as usize..starts[k + 1] as usize];
        fn dense<const N: usize>(
            keys: &[u32],
            exponents: &[u8],
            row: impl Fn(usize) -> Vec<(u8, i8)>,
        ) -> RowTable<N> {
            let rows: Vec<(u32, u8, [i8; N])> = (0..keys.len())
                .map(|k| {
                    let mut w = [0i8; N];
                    for (c, q) in row(k) {
                        w[usize::from(c)] = q;
                    }
                    (keys[k], exponents[k], w)
                })
                .collect();
            RowTable::new(&rows)
        }
        let index = if classes <= 4 {
            Index::Small(dense(&keys, &exponents, |k| row(k).to_vec()))
        } else if classes <= WIDE {
            Index::Wide(dense(&keys, &exponents, |k| row(k).to_vec()))
        } else {
            let size = (keys.len() * 2).next_power_of_two().max(16);
            let mut slots = vec![(0u32, 0u32, u32::MAX); size];
            let mut present = vec![0u64; presence_words(keys.len())];
            let mut entries = Vec::with_capacity(stored.len());
            for (k, &key) in keys.iter().enumerate() {
                let first = entries.len() as u32;
                let scale = scale_of(exponents[k]);
                entries.extend(row(k).iter().map(|&(c, q)| (c, f32::from(q) * scale)));
                let mut s = slot_of(key, size);
                while slots[s].2 != u32::MAX {
                    s = (s + 1) & (size - 1);
                }
                slots[s] = (key, first, entries.len() as u32);
                let bit = presence_bit(key, present.len());
                present[bit / 64] |= 1 << (bit % 64);
            }
            Index::Sparse(SparseTable {
                slots,
                entries,
                present,
            })
        };
        Linear {
            classes,
            keys,
            starts,
            stored,
            exponents,
            index,
        }
    }

    pub fn classes(&self) -> usize {
        self.classes
    }

    /// Number of stored features.
    pub fn features(&self) -> usize {
        self.keys.len()
    }

    /// Number of stored weights.
    pub fn weights(&self) -> usize {
        self.stored.len()
    }

    /// Adds the weights of `features` to `scores` (one score a class).
    #[inline]
    pub fn add(&self, features: &[u32], scores: &mut [f32]) {
        match &self.index {
            Index::Small(table) => {
                let mut row = [0f32; 4];
                table.add(features, &mut row);
                for (s, r) in scores.iter_mut().zip(row) {
                    *s += r;
                }
            }
            Index::Wide(table) => {
                let mut row = [0f32; WIDE];
                table.add(features, &mut row);
                for (s, r) in scores.iter_mut().zip(row) {
                    *s += r;
                }
            }
            Index::Sparse(table) => {
                for &f in features {
                    for &(c, w) in table.entries(f) {
                        if let Some(s) = scores.get_mut(usize::from(c)) {
                            *s += w;
                        }
                    }
                }
            }
        }
    }

    /// Writes the model (`read` reads it back). Column by column (keys, scales, counts,
    /// classes, weights), which compresses better than row by row.
    pub fn write(&self, w: &mut Writer) {
        w.u32(self.classes as u32);
        w.sorted_keys(&self.keys);
        w.bytes(&self.exponents);
        for k in 0..self.keys.len() {
            w.varint(self.starts[k + 1] - self.starts[k]);
        }
        let classes: Vec<u8> = self.stored.iter().map(|e| e.0).collect();
        let weights: Vec<u8> = self.stored.iter().map(|e| e.1 as u8).collect();
        w.bytes(&classes);
        w.bytes(&weights);
    }

    pub fn read(r: &mut Reader) -> Result<Linear, ReadError> {
        let classes = r.u32()? as usize;
        if !(1..=256).contains(&classes) {
            return Err(ReadError::Corrupt("class count"));
        }
        let keys = r.sorted_keys()?;
        let exponents = r.take(keys.len())?.to_vec();
        let mut starts = Vec::with_capacity(keys.len() + 1);
        starts.push(0u32);
        let mut total = 0usize;
        for _ in 0..keys.len() {
            let n = r.varint()? as usize;
            if n > classes {
                return Err(ReadError::Corrupt("more weights than classes"));
            }
            total += n;
            starts.push(total as u32);
        }
        let class_bytes = r.take(total)?;
        let weight_bytes = r.take(total)?;
        if class_bytes.iter().any(|&c| usize::from(c) >= classes) {
            return Err(ReadError::Corrupt("class out of range"));
        }
        let stored = class_bytes
            .iter()
            .zip(weight_bytes)
            .map(|(&c, &q)| (c, q as i8))
            .collect();
        Ok(Linear::from_parts(classes, keys, starts, stored, exponents))
    }
}

impl SparseTable {
    /// The (class, weight) entries of a feature, empty when it has none.
    #[inline]
    fn entries(&self, key: u32) -> &[(u8, f32)] {
        let bit = presence_bit(key, self.present.len());
        if self.present[bit / 64] & (1 << (bit % 64)) == 0 {
            return &[];
        }
        let mask = self.slots.len() - 1;
        let mut s = slot_of(key, self.slots.len());
        loop {
            let (k, first, end) = self.slots[s];
            if end == u32::MAX {
                return &[];
            }
            if k == key {
                return &self.entries[first as usize..end as usize];
            }
            s = (s + 1) & mask;
        }
    }
}

/// An open-addressing table of rows of `N` quantised weights. Each slot holds its key, its scale
/// and its weights, so that a feature present in the model costs one memory access, and a bit set
/// small enough to stay in the processor's cache turns most absent features away first.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct RowTable<const N: usize> {
    slots: Vec<RowSlot<N>>,
    present: Vec<u64>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
struct RowSlot<const N: usize> {
    key: u32,
    /// 0 marks an empty slot (stored scales are never 0).
    scale: f32,
    weights: [i8; N],
}

impl<const N: usize> RowTable<N> {
    /// A table of `(key, scale exponent, weights)` rows with distinct keys.
    pub(crate) fn new(rows: &[(u32, u8, [i8; N])]) -> RowTable<N> {
        let size = (rows.len() * 2).next_power_of_two().max(16);
        let empty = RowSlot {
            key: 0,
            scale: 0.0,
            weights: [0; N],
        };
        let mut slots = vec![empty; size];
        let mut present = vec![0u64; presence_words(rows.len())];
        for &(key, exponent, weights) in rows {
            let mut s = slot_of(key, size);
            while slots[s].scale != 0.0 {
                s = (s + 1) & (size - 1);
            }
            slots[s] = RowSlot {
                key,
                scale: scale_of(exponent),
                weights,
            };
            let bit = presence_bit(key, present.len());
            present[bit / 64] |= 1 << (bit % 64);
        }
        RowTable { slots, present }
    }

    #[inline]
    fn get(&self, key: u32) -> Option<&RowSlot<N>> {
        let bit = presence_bit(key, self.present.len());
        if self.present[bit / 64] & (1 << (bit % 64)) == 0 {
            return None;
        }
        let mask = self.slots.len() - 1;
        let mut s = slot_of(key, self.slots.len());
        loop {
            let slot = &self.slots[s];
            if slot.scale == 0.0 {
                return None;
            }
            if slot.key == key {
                return Some(slot);
            }
            s = (s + 1) & mask;
        }
    }

    /// Adds the weights of every feature in `keys` to `scores`.
    #[inline]
    pub(crate) fn add(&self, keys: &[u32], scores: &mut [f32; N]) {
        // A local copy of the row and the sums: the compiler then vectorises the loop.
        let mut acc = *scores;
        for &key in keys {
            if let Some(slot) = self.get(key) {
                let (scale, weights) = (slot.scale, slot.weights);
                for t in 0..N {
                    acc[t] += f32::from(weights[t]) * scale;
                }
            }
        }
        *scores = acc;
    }
}

/// The scale an exponent stands for: 2^(e/8 - 24), from 6e-8 to about 240.
pub(crate) fn scale_of(exponent: u8) -> f32 {
    (f32::from(exponent) / 8.0 - 24.0).exp2()
}

/// The smallest exponent whose scale is at least `scale`, so no weight exceeds 127 steps.
pub(crate) fn scale_exponent(scale: f32) -> u8 {
    if scale <= 0.0 {
        return 0;
    }
    ((scale.log2() + 24.0) * 8.0).ceil().clamp(0.0, 255.0) as u8
}

/// Words of the presence bit set: about eight bits per key, a power of two.
pub(crate) fn presence_words(keys: usize) -> usize {
    (keys * 8 / 64).next_power_of_two().max(1)
}

#[inline]
pub(crate) fn presence_bit(key: u32, words: usize) -> usize {
    (key.wrapping_mul(0x2545_F491) >> 3) as usize & (words * 64 - 1)
}

#[inline]
fn slot_of(key: u32, size: usize) -> usize {
    (key.wrapping_mul(0x9E37_79B1) >> 7) as usize & (size - 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toy() -> Linear {
        Linear::quantise(
            3,
            &[
                (7, vec![(0, 2.0), (2, -1.0)]),
                (3, vec![(1, 0.5), (2, 0.001)]),
                (9, vec![(1, 0.0001)]),
            ],
            0.01,
        )
    }

    #[test]
    fn scores_add_the_weights_of_known_features() {
        let m = toy();
        assert_eq!(
            m.features(),
            2,
            "a feature with only tiny weights is pruned"
        );
        assert_eq!(m.weights(), 3);
        let mut scores = [0.0; 3];
        m.add(&[7, 3, 1234], &mut scores);
        assert!((scores[0] - 2.0).abs() < 0.02, "{scores:?}");
        assert!((scores[1] - 0.5).abs() < 0.01, "{scores:?}");
        assert!((scores[2] + 1.0).abs() < 0.02, "{scores:?}");
    }

    #[test]
    fn a_model_round_trips_and_bad_bytes_are_refused() {
        let m = toy();
        let mut w = Writer::default();
        m.write(&mut w);
        let bytes = w.into_bytes();
        let back = Linear::read(&mut Reader::new(&bytes)).expect("reads its own output");
        assert_eq!(back, m);
        for cut in 0..bytes.len() {
            assert!(
                Linear::read(&mut Reader::new(&bytes[..cut])).is_err(),
                "cut at {cut}"
            );
        }
        let mut bad = bytes.clone();
        bad[0] = 0;
        assert!(Linear::read(&mut Reader::new(&bad)).is_err());
    }
}
