//! The syntax layer: part-of-speech tags for every token and dependency trees for the sentences
//! that need them, computed once per document and read by the quote stage (and open to the name
//! stage).
//!
//! Both models are averaged perceptrons over hashed features (see [`crate::linear`]), trained
//! by `crates/trainer` on gold tags from GUM and CoNLL-2003 and on the tags and trees that spaCy's
//! `en_core_web_md` gave the engine's own tokens (`crates/engine/MODEL.md`).

pub mod parser;
pub mod tagger;
pub mod tags;
pub mod words;

use crate::binary::{ReadError, Reader, Writer};
use crate::entities::features::Clusters;
use crate::linear::Linear;
use crate::text::Document;
pub use tags::{Dep, Tag};
pub use words::Word;

/// The trained tagger and parser.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SyntaxModel {
    pub vocab: words::Vocab,
    pub dictionary: tagger::Dictionary,
    pub tagger: Linear,
    pub moves: Linear,
    pub labels: Linear,
}

impl SyntaxModel {
    pub fn write(&self, w: &mut Writer) {
        self.vocab.write(w);
        self.dictionary.write(w);
        self.tagger.write(w);
        self.moves.write(w);
        self.labels.write(w);
    }

    pub fn read(r: &mut Reader) -> Result<SyntaxModel, ReadError> {
        let m = SyntaxModel {
            vocab: words::Vocab::read(r)?,
            dictionary: tagger::Dictionary::read(r)?,
            tagger: Linear::read(r)?,
            moves: Linear::read(r)?,
            labels: Linear::read(r)?,
        };
        if m.tagger.classes() != Tag::COUNT
            || m.moves.classes() != parser::MOVES
            || m.labels.classes() != Dep::COUNT
        {
            return Err(ReadError::Corrupt("syntax model class counts"));
        }
        Ok(m)
    }

    /// Tags and parses the sentences of `doc` that `select` picks (by sentence number); the
    /// other tokens are left untagged (`XX`) and without heads.
    pub fn analyze(
        &self,
        doc: &Document,
        clusters: Option<&Clusters>,
        select: impl Fn(usize) -> bool,
    ) -> Syntax {
        let n = doc.tokens.len();
        let mut tags = vec![Tag::XX; n];
        let mut heads = vec![NO_HEAD; n];
        let mut deps = vec![Dep::DEP; n];
        let mut parsed = vec![false; doc.sentences.len()];
        let mut sentence_tags = Vec::new();
        for (k, s) in doc.sentences.iter().enumerate() {
            let r = s.tokens.clone();
            if r.is_empty() || !select(k) {
                continue;
            }
            let words = words::words_of(doc, r.clone(), clusters, Some(&self.vocab));
            sentence_tags.clear();
            tagger::tag(
                &self.tagger,
                &self.dictionary,
                &words,
                0..words.len(),
                &mut sentence_tags,
            );
            tags[r.clone()].copy_from_slice(&sentence_tags);
            let (h, d) = parser::parse(&self.moves, &self.labels, &words, &sentence_tags);
            for (j, (h, d)) in h.into_iter().zip(d).enumerate() {
                heads[r.start + j] = (r.start + h) as u32;
                deps[r.start + j] = d;
            }
            parsed[k] = true;
        }
        Syntax::new(tags, heads, deps, parsed)
    }
}

/// A token outside any parsed sentence has no head.
pub const NO_HEAD: u32 = u32::MAX;

/// Tags of every token, and the trees of the parsed sentences, by token number in the document.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Syntax {
    pub tags: Vec<Tag>,
    /// The head of each token (the root of a sentence points at itself; [`NO_HEAD`] outside
    /// parsed sentences).
    heads: Vec<u32>,
    deps: Vec<Dep>,
    parsed: Vec<bool>,
    /// Children of token `i`: `children[child_starts[i]..child_starts[i + 1]]`, in text order.
    child_starts: Vec<u32>,
    children: Vec<u32>,
}

impl Syntax {
    pub fn new(tags: Vec<Tag>, heads: Vec<u32>, deps: Vec<Dep>, parsed: Vec<bool>) -> Syntax {
        let n = heads.len();
        let mut counts = vec![0u32; n + 1];
        for (d, &h) in heads.iter().enumerate() {
            if h != NO_HEAD && h as usize != d {
                counts[h as usize + 1] += 1;
            }
        }
        for i in 0..n {
            counts[i + 1] += counts[i];
        }
        let mut fill = counts.clone();
        let mut children = vec![0u32; counts[n] as usize];
        for (d, &h) in heads.iter().enumerate() {
            if h != NO_HEAD && h as usize != d {
                let slot = &mut fill[h as usize];
                children[*slot as usize] = d as u32;
                *slot += 1;
            }
        }
        Syntax {
            tags,
            heads,
            deps,
            parsed,
            child_starts: counts,
            children,
        }
    }

    /// Tags only (no sentence parsed), for texts analysed without a parser.
    pub fn tags_only(tags: Vec<Tag>, sentences: usize) -> Syntax {
        let n = tags.len();
        Syntax::new(
            tags,
            vec![NO_HEAD; n],
            vec![Dep::DEP; n],
            vec![false; sentences],
        )
    }

    pub fn tag(&self, i: usize) -> Tag {
        self.tags.get(i).copied().unwrap_or(Tag::XX)
    }

    pub fn is_parsed(&self, sentence: usize) -> bool {
        self.parsed.get(sentence).copied().unwrap_or(false)
    }

    /// The head of token `i`, `None` for a root or outside parsed sentences.
    pub fn head(&self, i: usize) -> Option<usize> {
        let h = *self.heads.get(i)?;
        (h != NO_HEAD && h as usize != i).then_some(h as usize)
    }

    /// Whether token `i` is the root of a parsed sentence.
    pub fn is_root(&self, i: usize) -> bool {
        self.heads.get(i).is_some_and(|&h| h as usize == i)
    }

    pub fn dep(&self, i: usize) -> Dep {
        self.deps.get(i).copied().unwrap_or(Dep::DEP)
    }

    /// The children of token `i` in text order.
    pub fn children(&self, i: usize) -> &[u32] {
        match (self.child_starts.get(i), self.child_starts.get(i + 1)) {
            (Some(&a), Some(&b)) => &self.children[a as usize..b as usize],
            _ => &[],
        }
    }

    /// The first child of `i` with label `dep`.
    pub fn child(&self, i: usize, dep: Dep) -> Option<usize> {
        self.children(i)
            .iter()
            .map(|&c| c as usize)
            .find(|&c| self.deps[c] == dep)
    }

    /// The tokens of the subtree under `i` (its first to last token; trees are projective).
    pub fn subtree(&self, i: usize) -> std::ops::Range<usize> {
        let (mut lo, mut hi) = (i, i);
        let mut todo = vec![i];
        while let Some(x) = todo.pop() {
            for &c in self.children(x) {
                let c = c as usize;
                lo = lo.min(c);
                hi = hi.max(c);
                todo.push(c);
            }
        }
        lo..hi + 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn children_and_subtrees_follow_the_heads() {
        // "She said the plan failed ." with said as the root.
        let tags = vec![Tag::PRP, Tag::VBD, Tag::DT, Tag::NN, Tag::VBD, Tag::PERIOD];
        let heads = vec![1, 1, 3, 4, 1, 1];
        let deps = vec![
            Dep::NSUBJ,
            Dep::ROOT,
            Dep::DET,
            Dep::NSUBJ,
            Dep::CCOMP,
            Dep::PUNCT,
        ];
        let s = Syntax::new(tags, heads, deps, vec![true]);
        assert!(s.is_root(1));
        assert_eq!(s.head(1), None);
        assert_eq!(s.head(4), Some(1));
        assert_eq!(s.children(1), &[0, 4, 5]);
        assert_eq!(s.child(1, Dep::CCOMP), Some(4));
        assert_eq!(s.child(1, Dep::NSUBJ), Some(0));
        assert_eq!(s.subtree(4), 2..5);
        assert_eq!(s.subtree(1), 0..6);
        let t = Syntax::tags_only(vec![Tag::NN], 1);
        assert_eq!(t.head(0), None);
        assert!(!t.is_parsed(0));
    }
}
