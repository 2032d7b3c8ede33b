//! The trained name model: hashed feature weights quantised to `i8` per row, tag transitions,
//! and word clusters, read from a versioned little-endian file.
//!
//! A model has one or more stages. The first sees the features of `features::extract`; each
//! later stage also sees how the stage before it labelled the same words elsewhere in the
//! document (`features::history`), a second pass for document-level consistency.

use super::decode::{self, TAGS, TYPES};
use super::features::{self, Clusters, FeatureMatrix, Groups, Lexicon, CLUSTER_LEVELS};
use crate::analysis::Label;
use crate::binary::{ReadError, Reader, Writer};
use crate::hash::KeyTable;
use crate::linear::{scale_exponent, scale_of, RowTable};
use crate::span::Span;
use crate::text::Document;
use std::fmt;

const MAGIC: &[u8; 4] = b"ANER";
/// The only file version this engine reads.
pub const VERSION: u32 = 4;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ModelError {
    BadMagic,
    UnsupportedVersion(u32),
    /// The bundle around the models (`crate::models`) has another version.
    UnsupportedBundleVersion(u32),
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
            ModelError::UnsupportedBundleVersion(v) => write!(
                f,
                "model file version {v} is not supported (this engine reads {})",
                crate::models::VERSION
            ),
            ModelError::WrongTagCount(n) => write!(f, "name model has {n} tags, expected {TAGS}"),
            ModelError::Truncated => f.write_str("name model file is truncated"),
            ModelError::Corrupt(what) => write!(f, "name model file is corrupt: {what}"),
        }
    }
}

impl std::error::Error for ModelError {}

impl From<ReadError> for ModelError {
    fn from(e: ReadError) -> Self {
        match e {
            ReadError::Truncated => ModelError::Truncated,
            ReadError::Corrupt(what) => ModelError::Corrupt(what),
        }
    }
}

/// One stage's weights: rows of `TAGS` quantised weights, looked up by feature hash.
#[derive(Debug, Clone, PartialEq)]
pub struct Stage {
    keys: Vec<u32>,
    /// Each row's scale as a power of two in eighths (see `scale_of`).
    exponents: Vec<u8>,
    weights: Vec<i8>,
    transitions: Vec<f32>,
    start: Vec<f32>,
    /// The rows for scoring.
    table: RowTable<TAGS>,
}

impl Stage {
    /// Quantises float rows (feature hash, `TAGS` weights) to one `i8` per weight, from
    /// `-levels` to `levels` steps of a scale per row (fewer levels compress better). Rows whose
    /// largest weight is below `min_weight` are dropped (pruning).
    pub fn quantise(
        rows: &[(u32, Vec<f32>)],
        transitions: Vec<f32>,
        start: Vec<f32>,
        min_weight: f32,
        levels: i8,
    ) -> Stage {
        let levels = f32::from(levels.max(1));
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
            let exponent = scale_exponent(max / levels);
            let scale = scale_of(exponent);
            keys.push(*key);
            scales.push(exponent);
            weights.extend(
                w.iter()
                    .map(|x| (x / scale).round().clamp(-levels, levels) as i8),
            );
        }
        Stage::from_parts(keys, scales, weights, transitions, start)
    }

    fn from_parts(
        keys: Vec<u32>,
        exponents: Vec<u8>,
        weights: Vec<i8>,
        transitions: Vec<f32>,
        start: Vec<f32>,
    ) -> Stage {
        let rows: Vec<(u32, u8, [i8; TAGS])> = keys
            .iter()
            .zip(&exponents)
            .zip(weights.chunks_exact(TAGS))
            .map(|((&k, &e), w)| (k, e, w.try_into().expect("a row of TAGS weights")))
            .collect();
        Stage {
            table: RowTable::new(&rows),
            keys,
            exponents,
            weights,
            transitions,
            start,
        }
    }

    /// Number of stored feature rows.
    pub fn rows(&self) -> usize {
        self.keys.len()
    }

    /// Adds the weights of `ids` to `scores`.
    fn add(&self, ids: &[u32], scores: &mut [f32; TAGS]) {
        self.table.add(ids, scores);
    }

    /// Tags for every token of `doc`, sentence by sentence; the sentences that `select` leaves
    /// out (by number) are tagged `O` without a look.
    fn tag(
        &self,
        doc: &Document,
        base: &FeatureMatrix,
        extra: Option<&FeatureMatrix>,
        select: Option<&[bool]>,
    ) -> Vec<u8> {
        let mut tags = Vec::with_capacity(doc.tokens.len());
        let mut emissions = Vec::new();
        let mut outside = Vec::new();
        for (k, sentence) in doc.sentences.iter().enumerate() {
            if select.is_some_and(|s| !s[k]) {
                tags.resize(tags.len() + sentence.tokens.len(), decode::OUTSIDE);
                continue;
            }
            emissions.clear();
            emissions.resize(sentence.tokens.len() * TAGS, 0.0);
            outside.clear();
            outside.extend(sentence.tokens.clone().map(|i| base.token(i).is_empty()));
            for (k, i) in sentence.tokens.clone().enumerate() {
                let scores: &mut [f32; TAGS] = (&mut emissions[k * TAGS..(k + 1) * TAGS])
                    .try_into()
                    .expect("a row of TAGS scores");
                // A token without features (see `features::extract_tokens`) is outside:
                // Viterbi scores it as `O` only.
                if outside[k] {
                    continue;
                }
                self.add(base.token(i), scores);
                if let Some(extra) = extra {
                    self.add(extra.token(i), scores);
                }
            }
            tags.extend(decode::viterbi_outside(
                &emissions,
                &self.transitions,
                &self.start,
                &outside,
            ));
        }
        tags
    }
}

/// Where a name ending with token `last` ends. An abbreviation that closes its sentence
/// ("Texaco Inc.") also carries the full stop, which belongs to the sentence, not the name;
/// initials ("U.S.") keep their period.
fn name_end(doc: &Document, last: usize) -> usize {
    let span = doc.tokens[last].span;
    let word = span.slice(doc.text);
    let closes_sentence = doc.sentences[doc.sentence_of(last)].tokens.end == last + 1;
    let stem = word.strip_suffix('.');
    if closes_sentence && stem.is_some_and(|w| w.chars().count() > 1 && !w.contains('.')) {
        span.end() - 1
    } else {
        span.end()
    }
}

/// A loaded name model.
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    pub groups: Groups,
    pub clusters: Clusters,
    pub lexicon: Lexicon,
    /// Name lists (towns, regions, first names, surnames, companies) as phrases with list bits.
    pub lists: Lexicon,
    pub stages: Vec<Stage>,
}

impl Model {
    /// Tags every token of `doc` with the last stage.
    pub fn tag(&self, doc: &Document) -> Vec<u8> {
        let base = features::extract_tokens(
            doc,
            self.groups,
            Some(&self.clusters),
            Some(&self.lexicon),
            Some(&self.lists),
            true,
        );
        self.tag_features(doc, &base)
    }

    /// Tags every token of `doc` from its already extracted token features.
    ///
    /// A stage before the last only tags the sentences whose tags the next stage reads (those
    /// holding a word that occurs again elsewhere), which gives the same tags as tagging all.
    pub fn tag_features(&self, doc: &Document, base: &FeatureMatrix) -> Vec<u8> {
        let Some((first, later)) = self.stages.split_first() else {
            return vec![decode::OUTSIDE; doc.tokens.len()];
        };
        if later.is_empty() {
            return first.tag(doc, base, None, None);
        }
        // Later stages read the history of the words, which only one stage need not compute.
        let keys = features::HistoryKeys::new(doc);
        let recurring = keys.recurring_sentences(doc);
        let mut tags = first.tag(doc, base, None, Some(&recurring));
        for (k, stage) in later.iter().enumerate() {
            let select = (k + 1 < later.len()).then_some(recurring.as_slice());
            let history = features::history_with(&keys, &tags);
            tags = stage.tag(doc, base, Some(&history), select);
        }
        tags
    }

    /// The names in `doc` as byte spans with labels, in text order.
    pub fn recognise(&self, doc: &Document) -> Vec<(Span, Label)> {
        let tags = self.tag(doc);
        decode::names(&tags)
            .into_iter()
            .map(|(s, e, ty)| {
                let end = name_end(doc, e - 1);
                (Span::new(doc.tokens[s].span.start(), end), TYPES[ty])
            })
            .collect()
    }

    /// Reads a model file.
    pub fn from_bytes(bytes: &[u8]) -> Result<Model, ModelError> {
        let mut r = Reader::new(bytes);
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
        let clusters = read_clusters(&mut r)?;
        let lexicon = read_lexicon(&mut r)?;
        let lists = read_lexicon(&mut r)?;
        let n_stages = r.u32()?;
        if n_stages == 0 || n_stages > 4 {
            return Err(ModelError::Corrupt("stage count"));
        }
        let mut stages = Vec::new();
        for _ in 0..n_stages {
            let n = r.len(1 + 1 + TAGS)?;
            let keys = r.keys(n)?;
            let exponents = r.take(n)?.to_vec();
            let weights = r.take(n * TAGS)?.iter().map(|&b| b as i8).collect();
            let transitions = r.f32s(TAGS * TAGS)?;
            let start = r.f32s(TAGS)?;
            stages.push(Stage::from_parts(
                keys,
                exponents,
                weights,
                transitions,
                start,
            ));
        }
        if !r.at_end() {
            return Err(ModelError::Corrupt("trailing bytes"));
        }
        Ok(Model {
            groups,
            clusters,
            lexicon,
            lists,
            stages,
        })
    }

    /// Writes the model file (`from_bytes` reads it back).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut w = Writer::default();
        w.bytes(MAGIC);
        w.u32(VERSION);
        w.u32(self.groups.0);
        w.u32(TAGS as u32);
        write_clusters(&self.clusters, &mut w);
        write_lexicon(&self.lexicon, &mut w);
        write_lexicon(&self.lists, &mut w);
        w.u32(self.stages.len() as u32);
        for s in &self.stages {
            w.sorted_keys(&s.keys);
            w.bytes(&s.exponents);
            s.weights.iter().for_each(|&x| w.bytes(&[x as u8]));
            w.f32s(&s.transitions);
            w.f32s(&s.start);
        }
        w.into_bytes()
    }
}

/// Clusters: the levels of each fine cluster, then the word keys in increasing order as
/// variable-length deltas, then each word's fine cluster.
fn write_clusters(clusters: &Clusters, w: &mut Writer) {
    let levels = clusters.levels();
    w.u32(levels.len() as u32);
    for l in levels {
        l.iter().for_each(|&x| w.u16(x));
    }
    let words = clusters.words();
    let keys: Vec<u32> = words.iter().map(|e| e.0).collect();
    w.sorted_keys(&keys);
    for &(_, fine) in &words {
        w.u16(fine);
    }
}

fn read_clusters(r: &mut Reader) -> Result<Clusters, ModelError> {
    let n_levels = r.len(2 * CLUSTER_LEVELS)?;
    let mut levels = Vec::with_capacity(n_levels);
    for _ in 0..n_levels {
        let mut l = [0u16; CLUSTER_LEVELS];
        for x in &mut l {
            *x = r.u16()?;
        }
        levels.push(l);
    }
    let n = r.len(3)?;
    let keys = r.keys(n)?;
    let fine = (0..n).map(|_| r.u16()).collect::<Result<Vec<u16>, _>>()?;
    // `keys` checked them increasing.
    let words = KeyTable::from_sorted(keys, fine).ok_or(ModelError::Corrupt("cluster keys"))?;
    Clusters::new(words, levels).ok_or(ModelError::Corrupt("unknown fine cluster"))
}

/// Lexicon: the longest phrase in tokens, the phrase keys, then each phrase's type bits.
fn write_lexicon(lexicon: &Lexicon, w: &mut Writer) {
    w.u32(lexicon.max_tokens() as u32);
    let entries = lexicon.entries();
    let keys: Vec<u32> = entries.iter().map(|e| e.0).collect();
    w.sorted_keys(&keys);
    let types: Vec<u8> = entries.iter().map(|e| e.1).collect();
    w.bytes(&types);
}

fn read_lexicon(r: &mut Reader) -> Result<Lexicon, ModelError> {
    let max_tokens = r.u32()? as usize;
    if max_tokens > 64 {
        return Err(ModelError::Corrupt("lexicon phrase length"));
    }
    let n = r.len(2)?;
    let keys = r.keys(n)?;
    let types = r.take(n)?.to_vec();
    let phrases = KeyTable::from_sorted(keys, types).ok_or(ModelError::Corrupt("lexicon keys"))?;
    Ok(Lexicon::new(phrases, max_tokens))
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
            i8::MAX,
        );
        let words = KeyTable::new([
            (features::word_key("anna"), 1),
            (features::word_key("today"), 0),
        ]);
        Model {
            groups: Groups::SHAPE,
            clusters: Clusters::new(words, vec![[0, 0, 0], [1, 5, 9]]).unwrap(),
            lexicon: Lexicon::new(KeyTable::new([(Lexicon::key(["anna", "lee"]), 1)]), 2),
            lists: Lexicon::new(KeyTable::new([(Lexicon::key(["lee"]), 8)]), 1),
            stages: vec![stage],
        }
    }

    /// Fewer levels keep every weight within them and each within half a step of its float;
    /// rows below the pruning weight are dropped.
    #[test]
    fn quantising_keeps_weights_within_the_levels_and_prunes_small_rows() {
        let big: Vec<f32> = (0..TAGS).map(|t| t as f32 * 0.37 - 2.9).collect();
        let small = vec![0.5; TAGS];
        let stage = Stage::quantise(
            &[(7, big.clone()), (9, small)],
            vec![0.0; TAGS * TAGS],
            vec![0.0; TAGS],
            1.0,
            31,
        );
        assert_eq!(stage.keys, [7], "the row below 1.0 is pruned");
        assert!(stage.weights.iter().all(|w| w.abs() <= 31));
        // The scale is a power of two in eighths, rounded up: the largest weight lands within an
        // eighth of an octave below the top level.
        let largest = stage.weights.iter().map(|w| w.abs()).max().unwrap();
        assert!(largest >= 28, "{largest}");
        let scale = scale_of(stage.exponents[0]);
        for (&q, &x) in stage.weights.iter().zip(&big) {
            assert!((f32::from(q) * scale - x).abs() <= scale / 2.0 + 1e-6);
        }
    }

    #[test]
    fn a_model_round_trips_and_recognises() {
        let model = toy_model();
        let bytes = model.to_bytes();
        let back = Model::from_bytes(&bytes).expect("reads its own output");
        assert_eq!(back, model);
        assert_eq!(back.clusters.get("anna"), Some([1, 5, 9]));
        assert_eq!(back.lexicon.get(Lexicon::key(["Anna", "Lee"])), Some(1));
        let doc = Document::new("we saw Anna today");
        let names = back.recognise(&doc);
        assert_eq!(names.len(), 1);
        assert_eq!(names[0].0.slice(doc.text), "Anna");
        assert_eq!(names[0].1, Label::Per);
    }

    #[test]
    fn a_sentence_final_abbreviation_leaves_the_full_stop_out() {
        fn end(text: &str, last: usize) -> &str {
            let doc = Document::new(text);
            &text[..name_end(&doc, last)]
        }
        assert_eq!(end("Shares of Acme Corp.", 3), "Shares of Acme Corp");
        assert_eq!(end("Acme Corp. said no.", 1), "Acme Corp.");
        assert_eq!(end("She moved to the U.S.", 4), "She moved to the U.S.");
        assert_eq!(end("They met J.", 2), "They met J.");
    }

    /// Skipping, in the first stage, the sentences whose tags the second stage never reads gives
    /// the same names as tagging every sentence in both.
    #[cfg(all(feature = "embedded-model", not(target_arch = "wasm32")))]
    #[test]
    fn the_first_stage_skips_only_sentences_nobody_reads() {
        let engine = crate::Engine::embedded();
        let text = "Maria Lopez met officials in Denver on Monday. The weather was cold. \
                    Lopez told the Denver Post that talks with Acme Corp would go on. \
                    Nobody else from Brazil came, said a spokesman for the United Nations.";
        let doc = Document::new(text);
        // The shipped model has one stage; a second one is made here: the first's rows, and
        // for each history feature of this text a row for a lone person name, so that its tags
        // depend on the first stage's tags elsewhere.
        let mut model = engine.model().expect("the embedded model").clone();
        let base = features::extract_full(
            &doc,
            model.groups,
            Some(&model.clusters),
            Some(&model.lexicon),
            Some(&model.lists),
        );
        let first = &model.stages[0];
        let first_tags = first.tag(&doc, &base, None, None);
        let history = features::history(&doc, &first_tags);
        let mut rows: Vec<(u32, Vec<f32>)> = first
            .keys
            .iter()
            .zip(&first.exponents)
            .zip(first.weights.chunks_exact(TAGS))
            .map(|((&k, &e), w)| (k, w.iter().map(|&q| f32::from(q) * scale_of(e)).collect()))
            .collect();
        for i in 0..doc.tokens.len() {
            for &id in history.token(i) {
                let mut w = vec![0.0; TAGS];
                w[usize::from(tag(0, 3))] = 200.0;
                rows.push((id, w));
            }
        }
        let second = Stage::quantise(
            &rows,
            first.transitions.clone(),
            first.start.clone(),
            0.0,
            i8::MAX,
        );
        model.stages.push(second);

        let keys = features::HistoryKeys::new(&doc);
        let recurring = keys.recurring_sentences(&doc);
        assert_eq!(recurring, [true, false, true, false]);
        let mut every = model.stages[0].tag(&doc, &base, None, None);
        for stage in &model.stages[1..] {
            let history = features::history(&doc, &every);
            every = stage.tag(&doc, &base, Some(&history), None);
        }
        assert_ne!(every, first_tags, "the second stage reads the history");
        assert_eq!(model.tag_features(&doc, &base), every);
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
