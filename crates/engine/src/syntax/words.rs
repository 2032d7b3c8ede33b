//! What the tagger and the parser know about each token before any tag: hashes of its word,
//! affixes and shape, and its word clusters. Computed once per document.

use crate::binary::{ReadError, Reader, Writer};
use crate::entities::features::{
    hash_str, lower_into, shape_hash, word_key, Clusters, CLUSTER_LEVELS,
};
use crate::hash::FastSet;
use crate::text::{Document, TokenKind};

/// The words the models know by name (lower case); every other word is [`RARE`] to them and is
/// known only by its affixes, shape and clusters. Keeps the models small.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Vocab {
    keys: FastSet<u32>,
}

/// The stand-in for a word outside the vocabulary.
pub const RARE: u64 = 0x5A5A;

impl Vocab {
    pub fn new(keys: impl IntoIterator<Item = u32>) -> Vocab {
        Vocab {
            keys: keys.into_iter().collect(),
        }
    }

    /// The key a lower-case word (or number class) is known by.
    pub fn key(lower: &str) -> u32 {
        word_key(lower)
    }

    pub fn contains(&self, key: u32) -> bool {
        self.keys.contains(&key)
    }

    pub fn len(&self) -> usize {
        self.keys.len()
    }

    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }

    pub fn write(&self, w: &mut Writer) {
        let mut keys: Vec<u32> = self.keys.iter().copied().collect();
        keys.sort_unstable();
        w.sorted_keys(&keys);
    }

    pub fn read(r: &mut Reader) -> Result<Vocab, ReadError> {
        Ok(Vocab::new(r.sorted_keys()?))
    }
}

/// A token as the syntax models see it (all fields are hashes or small numbers).
#[derive(Debug, Clone, Copy)]
pub struct Word {
    pub lower: u64,
    /// Suffixes of one to four characters of the lower-case word (0 where the word is shorter).
    pub suffixes: [u64; 4],
    pub prefix: u64,
    pub shape: u64,
    /// The word's clusters, coarse to fine ([`NO_CLUSTER`] when the word has none).
    pub clusters: [u16; CLUSTER_LEVELS],
    pub capitalised: bool,
}

pub const NO_CLUSTER: u16 = u16::MAX;

/// Numbers that are not years or times look the same to the models: one word per shape.
fn number_class(w: &str) -> Option<&'static str> {
    let digits = w.chars().filter(char::is_ascii_digit).count();
    if digits == 0 {
        return None;
    }
    Some(match w.len() {
        4 if digits == 4 => "<year>",
        _ if w.contains(':') => "<time>",
        _ if w.contains(',') || w.contains('.') => "<decimal>",
        _ => "<number>",
    })
}

/// The form a token is counted and looked up by: its lower case, or its number class.
pub fn form<'a>(doc: &'a Document, i: usize, lower: &'a str) -> &'a str {
    if doc.tokens[i].kind == TokenKind::Number {
        number_class(doc.token_text(i)).unwrap_or(lower)
    } else {
        lower
    }
}

/// Every token of `doc`, in order; words outside `vocab` (when given) are [`RARE`].
pub fn words(doc: &Document, clusters: Option<&Clusters>, vocab: Option<&Vocab>) -> Vec<Word> {
    words_of(doc, 0..doc.tokens.len(), clusters, vocab)
}

/// The tokens `range` of `doc`, in order.
pub fn words_of(
    doc: &Document,
    range: std::ops::Range<usize>,
    clusters: Option<&Clusters>,
    vocab: Option<&Vocab>,
) -> Vec<Word> {
    let mut out = Vec::with_capacity(range.len());
    let mut lower = String::new();
    for i in range {
        let w = doc.token_text(i);
        lower_into(w, &mut lower);
        let key = form(doc, i, &lower);
        let known = vocab.is_none_or(|v| v.contains(Vocab::key(key)));
        // Suffixes of one to four characters, when the word is longer than the suffix.
        let mut suffixes = [0u64; 4];
        let mut starts = lower.char_indices().rev().map(|(b, _)| b);
        for s in suffixes.iter_mut() {
            match starts.next() {
                Some(b) if b > 0 => *s = hash_str(&lower[b..]),
                _ => break,
            }
        }
        let first = w.chars().next().unwrap_or(' ');
        let mut buf = [0u8; 4];
        out.push(Word {
            lower: if known { hash_str(key) } else { RARE },
            suffixes,
            prefix: hash_str(first.encode_utf8(&mut buf)),
            shape: shape_hash(w),
            clusters: clusters
                .and_then(|c| c.get(&lower))
                .unwrap_or([NO_CLUSTER; CLUSTER_LEVELS]),
            capitalised: first.is_uppercase(),
        });
    }
    out
}

// Features are hashed cheaply: the template's and each value's own multiple are combined with
// exclusive or, and one multiply-and-shift mixes the result. Values are word hashes or small
// numbers (tags, labels, clusters, distances); the multiples keep small numbers in different
// places apart.
const K_TEMPLATE: u64 = 0x9e37_79b9_7f4a_7c15;
const K_SECOND: u64 = 0xc2b2_ae3d_27d4_eb4f;
const K_THIRD: u64 = 0x1656_67b1_9e37_79f9;

#[inline]
fn finish(h: u64) -> u32 {
    let h = (h ^ (h >> 31)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    ((h ^ (h >> 29)) >> 32) as u32
}

/// A feature from a template and one value.
#[inline]
pub fn feat(template: u64, value: u64) -> u32 {
    finish(template.wrapping_mul(K_TEMPLATE) ^ value)
}

/// A feature from a template and two values.
#[inline]
pub fn feat2(template: u64, a: u64, b: u64) -> u32 {
    finish(template.wrapping_mul(K_TEMPLATE) ^ a ^ b.wrapping_mul(K_SECOND))
}

/// A feature from a template and three values.
#[inline]
pub fn feat3(template: u64, a: u64, b: u64, c: u64) -> u32 {
    finish(
        template.wrapping_mul(K_TEMPLATE) ^ a ^ b.wrapping_mul(K_SECOND) ^ c.wrapping_mul(K_THIRD),
    )
}
