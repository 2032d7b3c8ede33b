//! A fast hash for the engine's own maps: FNV-1a over the bytes, then a final mix. The keys are
//! words, spans and feature numbers the engine makes itself, not input an attacker picks to make
//! tables slow (a text's words are looked up, never inserted, in the big tables), so the
//! standard library's slower, randomised hash buys nothing here.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

#[derive(Debug, Clone, Copy)]
pub struct FastHasher(u64);

impl Default for FastHasher {
    fn default() -> Self {
        FastHasher(0xcbf2_9ce4_8422_2325)
    }
}

impl Hasher for FastHasher {
    #[inline]
    fn finish(&self) -> u64 {
        let h = self.0;
        (h ^ (h >> 29)).wrapping_mul(0xbf58_476d_1ce4_e5b9) ^ (h >> 32)
    }

    #[inline]
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }

    #[inline]
    fn write_u32(&mut self, x: u32) {
        self.write_u64(u64::from(x));
    }

    #[inline]
    fn write_u64(&mut self, x: u64) {
        self.0 = (self.0 ^ x).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }

    #[inline]
    fn write_usize(&mut self, x: usize) {
        self.write_u64(x as u64);
    }
}

pub type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FastHasher>>;
pub type FastSet<K> = HashSet<K, BuildHasherDefault<FastHasher>>;

/// A read-only map from hashed 32-bit keys to values, for the model's big word and phrase
/// tables: the keys sorted, and the start of each run of keys that share their top bits. A
/// model file stores its keys sorted, so loading one is a single pass (no hashing, no probing),
/// and a look-up scans the one or two keys of a run. Keys must be spread evenly (hashes).
#[derive(Debug, Clone, PartialEq)]
pub struct KeyTable<V> {
    keys: Vec<u32>,
    values: Vec<V>,
    /// `starts[b]`: the first key whose top `bits` bits are at least `b`; one more at the end.
    starts: Vec<u32>,
    bits: u32,
}

impl<V> Default for KeyTable<V> {
    fn default() -> Self {
        KeyTable {
            keys: Vec::new(),
            values: Vec::new(),
            starts: vec![0, 0],
            bits: 0,
        }
    }
}

impl<V: Copy> KeyTable<V> {
    /// A table of `(key, value)` pairs in any order; of pairs with one key, the last is kept.
    pub fn new(pairs: impl IntoIterator<Item = (u32, V)>) -> KeyTable<V> {
        let mut pairs: Vec<(u32, V)> = pairs.into_iter().collect();
        // Stable, so that equal keys keep their order and the last one can win.
        pairs.sort_by_key(|p| p.0);
        let mut keys: Vec<u32> = Vec::with_capacity(pairs.len());
        let mut values: Vec<V> = Vec::with_capacity(pairs.len());
        for (k, v) in pairs {
            if keys.last() == Some(&k) {
                *values.last_mut().expect("a value beside each key") = v;
            } else {
                keys.push(k);
                values.push(v);
            }
        }
        KeyTable::from_sorted(keys, values).expect("sorted distinct keys")
    }

    /// A table of keys in strictly increasing order and their values; `None` when the keys are
    /// not in that order or the two lengths differ.
    pub fn from_sorted(keys: Vec<u32>, values: Vec<V>) -> Option<KeyTable<V>> {
        if keys.len() != values.len() || keys.windows(2).any(|w| w[0] >= w[1]) {
            return None;
        }
        // About one key per run.
        let bits = keys.len().max(1).ilog2().min(24);
        let runs = 1usize << bits;
        let mut starts = Vec::with_capacity(runs + 1);
        let mut k = 0;
        for b in 0..runs {
            while k < keys.len() && Self::run_of(keys[k], bits) < b {
                k += 1;
            }
            starts.push(k as u32);
        }
        starts.push(keys.len() as u32);
        Some(KeyTable {
            keys,
            values,
            starts,
            bits,
        })
    }

    #[inline]
    fn run_of(key: u32, bits: u32) -> usize {
        key.checked_shr(32 - bits).unwrap_or(0) as usize
    }

    #[inline]
    pub fn get(&self, key: u32) -> Option<V> {
        let b = Self::run_of(key, self.bits);
        let (from, to) = (self.starts[b] as usize, self.starts[b + 1] as usize);
        let at = from + self.keys[from..to].iter().position(|&k| k >= key)?;
        (self.keys[at] == key).then(|| self.values[at])
    }

    pub fn len(&self) -> usize {
        self.keys.len()
    }

    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    /// Every entry, in increasing order of key.
    pub fn iter(&self) -> impl Iterator<Item = (u32, V)> + '_ {
        self.keys.iter().copied().zip(self.values.iter().copied())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_and_sets_work_with_the_fast_hash() {
        let mut m: FastMap<&str, u32> = FastMap::default();
        m.insert("said", 1);
        m.insert("told", 2);
        assert_eq!(m.get("said"), Some(&1));
        assert_eq!(m.get("asked"), None);
        let s: FastSet<u32> = (0..1000).collect();
        assert!(s.contains(&999) && !s.contains(&1000));
    }

    #[test]
    fn a_key_table_finds_every_key_and_nothing_else() {
        // Spread keys, as hashes are, and the extremes of the key range.
        let mut keys: Vec<u32> = (0..5000u32).map(|i| i.wrapping_mul(0x9e37_79b9)).collect();
        keys.extend([0, 1, u32::MAX - 1, u32::MAX]);
        keys.sort_unstable();
        keys.dedup();
        let table = KeyTable::new(keys.iter().map(|&k| (k, k % 251)));
        assert_eq!(table.len(), keys.len());
        for &k in &keys {
            assert_eq!(table.get(k), Some(k % 251), "key {k}");
        }
        let absent = (0..5000u32).map(|i| i.wrapping_mul(0x9e37_79b9) ^ 0x5555);
        for k in absent.filter(|k| !keys.contains(k)) {
            assert_eq!(table.get(k), None, "key {k}");
        }
        let sorted: Vec<u32> = table.iter().map(|e| e.0).collect();
        assert!(sorted.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn a_key_table_keeps_the_last_value_of_a_repeated_key_and_refuses_unsorted_keys() {
        let table = KeyTable::new([(7, 'a'), (3, 'b'), (7, 'c')]);
        assert_eq!(
            (table.get(7), table.get(3), table.len()),
            (Some('c'), Some('b'), 2)
        );
        assert_eq!(KeyTable::<u8>::default().get(0), None);
        assert!(KeyTable::from_sorted(vec![1, 1], vec![0, 0]).is_none());
        assert!(KeyTable::from_sorted(vec![2, 1], vec![0, 0]).is_none());
        assert!(KeyTable::from_sorted(vec![1, 2], vec![0]).is_none());
        let one = KeyTable::from_sorted(vec![u32::MAX], vec![5u8]).unwrap();
        assert_eq!((one.get(u32::MAX), one.get(0)), (Some(5), None));
    }
}
