//! Feature extraction for the statistical name recogniser.
//!
//! Every feature is a 32-bit hash of a template number and a value, so the model needs no
//! feature dictionary: the same function serves training (in the trainer crate) and decoding.
//! Features are organised in groups that can be switched off one by one (for ablation).

use super::gazetteer::Gazetteer;
use crate::hash::{FastMap, KeyTable};
use crate::text::{Document, TokenKind};

/// A set of feature groups, stored as a bit mask in the model file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Groups(pub u32);

impl Groups {
    /// The word itself and its lower-case form.
    pub const WORD: Groups = Groups(1);
    /// Prefixes and suffixes of the lower-case word.
    pub const AFFIX: Groups = Groups(1 << 1);
    /// Word shape ("Xx", "X.X.", "d,d") and character class.
    pub const SHAPE: Groups = Groups(1 << 2);
    /// Neighbouring words and shapes within two tokens.
    pub const CONTEXT: Groups = Groups(1 << 3);
    /// Capitalisation in context: sentence-initial words, all-capitals headline lines.
    pub const CASE: Groups = Groups(1 << 4);
    /// Gazetteer hits (places, nationalities, first names, company legal forms).
    pub const GAZETTEER: Groups = Groups(1 << 5);
    /// Word clusters distilled from word vectors.
    pub const CLUSTERS: Groups = Groups(1 << 6);
    /// Document-level evidence: how the same word is written and labelled elsewhere.
    pub const DOCUMENT: Groups = Groups(1 << 7);
    /// Names seen in the training data (a lexicon of token sequences with their types).
    pub const LEXICON: Groups = Groups(1 << 8);
    /// Name lists shipped in the model file: towns, regions, first names, surnames, companies.
    pub const LISTS: Groups = Groups(1 << 9);
    pub const ALL: Groups = Groups(0x3FF);

    /// Every group with its name, for reports and command lines.
    pub const NAMED: [(&'static str, Groups); 10] = [
        ("word", Groups::WORD),
        ("affix", Groups::AFFIX),
        ("shape", Groups::SHAPE),
        ("context", Groups::CONTEXT),
        ("case", Groups::CASE),
        ("gazetteer", Groups::GAZETTEER),
        ("clusters", Groups::CLUSTERS),
        ("document", Groups::DOCUMENT),
        ("lexicon", Groups::LEXICON),
        ("lists", Groups::LISTS),
    ];

    pub fn has(self, g: Groups) -> bool {
        self.0 & g.0 != 0
    }

    pub fn without(self, g: Groups) -> Groups {
        Groups(self.0 & !g.0)
    }
}

/// Word clusters: a hashed word maps to a fine cluster, and each fine cluster to its cluster
/// numbers at every granularity (coarse to fine; coarse clusters are unions of fine ones).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Clusters {
    words: KeyTable<u16>,
    levels: Vec<[u16; CLUSTER_LEVELS]>,
}

/// How many cluster granularities each word carries (coarse to fine).
pub const CLUSTER_LEVELS: usize = 3;

impl Clusters {
    /// Builds the table from (word key, fine cluster) pairs and the levels of each fine cluster.
    /// Returns `None` when a word names a fine cluster that has no levels.
    pub fn new(words: KeyTable<u16>, levels: Vec<[u16; CLUSTER_LEVELS]>) -> Option<Clusters> {
        let known = words.iter().all(|(_, f)| usize::from(f) < levels.len());
        known.then_some(Clusters { words, levels })
    }

    /// The cluster numbers of a lower-case word.
    pub fn get(&self, lower: &str) -> Option<[u16; CLUSTER_LEVELS]> {
        let fine = self.words.get(word_key(lower))?;
        self.levels.get(usize::from(fine)).copied()
    }

    pub fn len(&self) -> usize {
        self.words.len()
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// Word entries sorted by key, for a reproducible model file.
    pub fn words(&self) -> Vec<(u32, u16)> {
        self.words.iter().collect()
    }

    /// The levels of every fine cluster.
    pub fn levels(&self) -> &[[u16; CLUSTER_LEVELS]] {
        &self.levels
    }
}

/// Names as token sequences (compared in lower case) with the types they were seen with
/// (bit `1 << type index`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Lexicon {
    phrases: KeyTable<u8>,
    max_tokens: usize,
}

impl Lexicon {
    /// A lexicon of phrase keys (see [`Lexicon::key`]) whose longest phrase has `max_tokens`.
    pub fn new(phrases: KeyTable<u8>, max_tokens: usize) -> Lexicon {
        Lexicon {
            phrases,
            max_tokens,
        }
    }

    /// The key of a phrase: its words in lower case, joined by single spaces.
    pub fn key<'w>(words: impl IntoIterator<Item = &'w str>) -> u32 {
        let mut h = PhraseHash::new();
        for w in words {
            h.push(w);
        }
        h.key()
    }

    pub fn get(&self, key: u32) -> Option<u8> {
        self.phrases.get(key)
    }

    pub fn max_tokens(&self) -> usize {
        self.max_tokens
    }

    pub fn len(&self) -> usize {
        self.phrases.len()
    }

    pub fn is_empty(&self) -> bool {
        self.phrases.is_empty()
    }

    /// Entries sorted by key, for a reproducible model file.
    pub fn entries(&self) -> Vec<(u32, u8)> {
        self.phrases.iter().collect()
    }
}

/// FNV-1a over the lower-case words of a phrase and the spaces between them, word by word.
struct PhraseHash {
    state: u64,
    words: usize,
}

impl PhraseHash {
    fn new() -> PhraseHash {
        PhraseHash {
            state: 0xcbf2_9ce4_8422_2325,
            words: 0,
        }
    }

    fn byte(&mut self, b: u8) {
        self.state ^= u64::from(b);
        self.state = self.state.wrapping_mul(0x0100_0000_01b3);
    }

    fn push(&mut self, word: &str) {
        if self.words > 0 {
            self.byte(b' ');
        }
        if word.is_ascii() {
            // The same bytes as the general path below gives ASCII, without decoding.
            word.bytes().for_each(|b| self.byte(b.to_ascii_lowercase()));
        } else {
            let mut buf = [0u8; 4];
            for c in word.chars().flat_map(char::to_lowercase) {
                c.encode_utf8(&mut buf).bytes().for_each(|b| self.byte(b));
            }
        }
        self.words += 1;
    }

    fn key(&self) -> u32 {
        (mix(self.state, 0x1234_5678_9abc_def1) >> 32) as u32
    }
}

/// The key of a word in the cluster table.
pub fn word_key(lower: &str) -> u32 {
    (hash_str(lower) >> 32) as u32
}

/// FNV-1a over bytes, then a final mix.
pub fn hash_str(s: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in s.as_bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    mix(h, 0x9e37_79b9_7f4a_7c15)
}

/// Combines two hashes.
#[inline]
pub fn mix(a: u64, b: u64) -> u64 {
    let h = (a ^ b.rotate_left(29)).wrapping_mul(0xff51_afd7_ed55_8ccd);
    (h ^ (h >> 32)).wrapping_mul(0xc4ce_b9fe_1a85_ec53) ^ (h >> 29)
}

/// A feature from a template and one value, hashed as the syntax layer's are (`syntax/words.rs`).
#[inline]
fn feat(template: u64, value: u64) -> u32 {
    crate::syntax::words::feat(template, value)
}

/// A feature from a template and two values.
#[inline]
fn feat2(template: u64, a: u64, b: u64) -> u32 {
    crate::syntax::words::feat2(template, a, b)
}

/// Features of every token in a document: token `i` owns `ids[starts[i]..starts[i + 1]]`.
#[derive(Debug, Clone, Default)]
pub struct FeatureMatrix {
    pub ids: Vec<u32>,
    pub starts: Vec<u32>,
}

impl FeatureMatrix {
    pub fn token(&self, i: usize) -> &[u32] {
        &self.ids[self.starts[i] as usize..self.starts[i + 1] as usize]
    }

    pub fn len(&self) -> usize {
        self.starts.len().saturating_sub(1)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// What the extractor precomputes for one token.
#[derive(Debug, Clone, Copy)]
struct TokenInfo {
    word: u64,
    lower: u64,
    shape: u64,
    class: u8,
    clusters: Option<[u16; CLUSTER_LEVELS]>,
    /// Gazetteer bits (see the `GAZ_` constants).
    gaz: u8,
    /// Position inside a multi-word place name: 0 none, 1 first, 2 inside, 3 last.
    place_pos: u8,
    /// Whether the sentence around the token is written in capitals (a headline).
    shouting: bool,
    /// Whether the token opens its sentence (after any opening quotes or brackets).
    initial: bool,
    /// Document case evidence (see the `CASE_` constants).
    doc_case: u8,
    /// The longest lexicon phrase over the token: position (0 none, 1 B, 2 I, 3 L, 4 U) and
    /// the phrase's type bits.
    lex_pos: u8,
    lex_types: u8,
    /// The same for the longest phrase of the model's name lists.
    list_pos: u8,
    list_types: u8,
}

const GAZ_PLACE: u8 = 1;
const GAZ_NATIONALITY: u8 = 2;
const GAZ_FIRST: u8 = 4;
const GAZ_ORGSUF: u8 = 8;

/// The lower-case form is written in lower case elsewhere in the document.
const CASE_LOWER_ELSEWHERE: u8 = 1;
/// The word is capitalised elsewhere in the document, away from a sentence start.
const CASE_CAP_ELSEWHERE: u8 = 2;

/// Character classes of a whole token.
const CLASS_LOWER: u8 = 0;
const CLASS_TITLE: u8 = 1;
const CLASS_UPPER: u8 = 2;
const CLASS_MIXED: u8 = 3;
const CLASS_NUMBER: u8 = 4;
const CLASS_PUNCT: u8 = 5;
const CLASS_QUOTE: u8 = 6;
const CLASS_OTHER: u8 = 7;

/// Features for every token of `doc`.
pub fn extract(doc: &Document, groups: Groups, clusters: Option<&Clusters>) -> FeatureMatrix {
    extract_with(doc, groups, clusters, None)
}

/// Features for every token of `doc`, with lexicon features when a lexicon is given.
pub fn extract_with(
    doc: &Document,
    groups: Groups,
    clusters: Option<&Clusters>,
    lexicon: Option<&Lexicon>,
) -> FeatureMatrix {
    extract_full(doc, groups, clusters, lexicon, None)
}

/// Features for every token of `doc`, with lexicon and list features when given.
pub fn extract_full(
    doc: &Document,
    groups: Groups,
    clusters: Option<&Clusters>,
    lexicon: Option<&Lexicon>,
    lists: Option<&Lexicon>,
) -> FeatureMatrix {
    extract_tokens(doc, groups, clusters, lexicon, lists, false)
}

/// [`extract_full`], and when `skip_plain` (tagging, not training): in a document written with
/// ordinary capitals, a lower-case word between two words that are not capitalised, numbers or
/// initials gets no features at all (see [`plain_words`]), and the tagger tags it `O` without
/// scoring it. Such words are outside names in all but a few hundredths of a percent of
/// CoNLL-2003's and wikigold's tokens, and they are four in ten of a news text's tokens.
pub fn extract_tokens(
    doc: &Document,
    groups: Groups,
    clusters: Option<&Clusters>,
    lexicon: Option<&Lexicon>,
    lists: Option<&Lexicon>,
    skip_plain: bool,
) -> FeatureMatrix {
    let mut info = token_infos(doc, groups, clusters);
    let plain = if skip_plain && ordinary_capitals(doc, &info) {
        plain_words(&info, doc)
    } else {
        Vec::new()
    };
    let lexicon = lexicon.filter(|_| groups.has(Groups::LEXICON));
    let lists = lists.filter(|_| groups.has(Groups::LISTS));
    let [lex, listed] = longest_phrases(doc, [lexicon, lists]);
    for (t, (pos, types)) in info.iter_mut().zip(lex) {
        t.lex_pos = pos;
        t.lex_types = types;
    }
    for (t, (pos, types)) in info.iter_mut().zip(listed) {
        t.list_pos = pos;
        t.list_types = types;
    }
    let mut m = FeatureMatrix {
        ids: Vec::with_capacity(info.len() * 48),
        starts: Vec::with_capacity(info.len() + 1),
    };
    m.starts.push(0);
    let mut lower = String::new();
    for sentence in &doc.sentences {
        let range = sentence.tokens.clone();
        for i in range.clone() {
            if !plain.get(i).copied().unwrap_or(false) {
                lower_into(doc.token_text(i), &mut lower);
                token_features(&info, range.clone(), i, &lower, groups, &mut m.ids);
            }
            m.starts.push(m.ids.len() as u32);
        }
    }
    m
}

/// Whether the document's sentences start with capitals, as edited prose does (at least four
/// in five of those that start with a letter): text typed in lower case (messages, posts)
/// writes names in lower case too.
fn ordinary_capitals(doc: &Document, info: &[TokenInfo]) -> bool {
    let (mut starts, mut capitalised) = (0usize, 0usize);
    for sentence in &doc.sentences {
        let first = sentence.tokens.clone().find(|&i| info[i].initial);
        if let Some(i) = first {
            if matches!(
                info[i].class,
                CLASS_LOWER | CLASS_TITLE | CLASS_UPPER | CLASS_MIXED
            ) {
                starts += 1;
                capitalised += usize::from(info[i].class != CLASS_LOWER);
            }
        }
    }
    starts > 0 && capitalised * 5 >= starts * 4
}

/// For each token, whether it is a lower-case word whose neighbours in its sentence are not
/// capitalised words, numbers or initials, nor the `@` or `#` of a user name or tag: such a
/// word cannot start, end or join a name.
fn plain_words(info: &[TokenInfo], doc: &Document) -> Vec<bool> {
    let marked = |i: usize| {
        matches!(
            info[i].class,
            CLASS_TITLE | CLASS_UPPER | CLASS_MIXED | CLASS_NUMBER
        ) || matches!(doc.token_text(i), "@" | "#")
    };
    let mut out = vec![false; info.len()];
    for sentence in &doc.sentences {
        let r = sentence.tokens.clone();
        for i in r.clone() {
            out[i] = info[i].class == CLASS_LOWER
                && !(i > r.start && marked(i - 1))
                && !(i + 1 < r.end && marked(i + 1));
        }
    }
    out
}

fn token_infos(doc: &Document, groups: Groups, clusters: Option<&Clusters>) -> Vec<TokenInfo> {
    let g = Gazetteer::get();
    let mut out = Vec::with_capacity(doc.tokens.len());
    let mut lower = String::new();
    let mut title = String::new();
    for sentence in &doc.sentences {
        let shouting = is_shouting(doc, sentence.tokens.clone());
        let mut first_word = true;
        for i in sentence.tokens.clone() {
            let t = doc.tokens[i];
            let w = doc.token_text(i);
            lower_into(w, &mut lower);
            let class = class_of(w, t.kind);
            let initial = first_word && t.kind == TokenKind::Word;
            if t.kind == TokenKind::Word || t.kind == TokenKind::Number {
                first_word = false;
            }
            let mut gaz = 0;
            if groups.has(Groups::GAZETTEER) && t.kind == TokenKind::Word {
                let probe: &str = if class == CLASS_UPPER {
                    title_case(w, &mut title);
                    &title
                } else {
                    w
                };
                gaz = gazetteer_bits(g, probe, &lower, class);
            }
            out.push(TokenInfo {
                word: hash_str(w),
                lower: hash_str(&lower),
                shape: shape_hash(w),
                class,
                clusters: clusters.and_then(|c| c.get(&lower)),
                gaz,
                place_pos: 0,
                shouting,
                initial,
                doc_case: 0,
                lex_pos: 0,
                lex_types: 0,
                list_pos: 0,
                list_types: 0,
            });
        }
    }
    if groups.has(Groups::GAZETTEER) {
        mark_place_phrases(doc, g, &mut out);
    }
    if groups.has(Groups::DOCUMENT) {
        mark_document_case(doc, &mut out);
    }
    out
}

fn gazetteer_bits(g: &Gazetteer, word: &str, lower: &str, class: u8) -> u8 {
    let mut bits = 0;
    // Every place, nationality and first name is listed with a capital (a gazetteer test
    // checks it), so a word in lower case is only looked up among the legal forms.
    if class == CLASS_LOWER {
        if g.org_suffixes.contains(lower.trim_end_matches('.')) {
            bits |= GAZ_ORGSUF;
        }
        return bits;
    }
    if g.places.contains(word) {
        bits |= GAZ_PLACE;
    }
    if g.nationalities.contains(word) {
        bits |= GAZ_NATIONALITY;
    }
    if g.first_names.contains(word) {
        bits |= GAZ_FIRST;
    }
    if g.org_suffixes.contains(lower.trim_end_matches('.')) {
        bits |= GAZ_ORGSUF;
    }
    bits
}

/// Marks multi-word place names ("New York City") found in the gazetteer.
fn mark_place_phrases(doc: &Document, g: &Gazetteer, info: &mut [TokenInfo]) {
    let mut phrase = String::new();
    let mut title = String::new();
    for sentence in &doc.sentences {
        let end = sentence.tokens.end;
        let mut i = sentence.tokens.start;
        while i < end {
            let starts = matches!(info[i].class, CLASS_TITLE | CLASS_UPPER);
            let mut matched = 0;
            if starts {
                // A phrase of tokens joined by spaces has the first token as its first word.
                let first = if info[i].class == CLASS_UPPER {
                    title_case(doc.token_text(i), &mut title);
                    title.as_str()
                } else {
                    doc.token_text(i)
                };
                let most = g.place_words.get(first).map_or(0, |&n| usize::from(n));
                let longest = most.min(end - i);
                for n in (2..=longest).rev() {
                    phrase.clear();
                    for (k, t) in info.iter().enumerate().skip(i).take(n) {
                        if k > i {
                            phrase.push(' ');
                        }
                        let w = doc.token_text(k);
                        if t.class == CLASS_UPPER {
                            title_case(w, &mut title);
                            phrase.push_str(&title);
                        } else {
                            phrase.push_str(w);
                        }
                    }
                    if g.places.contains(phrase.as_str()) {
                        matched = n;
                        break;
                    }
                }
            }
            if matched >= 2 {
                for (k, t) in info[i..i + matched].iter_mut().enumerate() {
                    t.place_pos = if k == 0 {
                        1
                    } else if k + 1 == matched {
                        3
                    } else {
                        2
                    };
                }
                i += matched;
            } else {
                i += 1;
            }
        }
    }
}

/// For each lexicon given, and each token, its place in the longest phrase of the lexicon over
/// it (0 none, 1 B, 2 I, 3 L, 4 U) and the phrase's type bits; empty for a lexicon not given.
/// Phrases are matched left to right, longest first, and start with a capital or a digit. The
/// lexicons are scanned side by side, so that a start both look at is hashed once.
fn longest_phrases<const L: usize>(
    doc: &Document,
    lexicons: [Option<&Lexicon>; L],
) -> [Vec<(u8, u8)>; L] {
    let mut out: [Vec<(u8, u8)>; L] = std::array::from_fn(|l| match lexicons[l] {
        Some(_) => vec![(0, 0); doc.tokens.len()],
        None => Vec::new(),
    });
    for sentence in &doc.sentences {
        let end = sentence.tokens.end;
        // Where each lexicon's scan stands: it looks for a phrase at `next[l]` only.
        let mut next = [sentence.tokens.start; L];
        for i in sentence.tokens.clone() {
            let scanning: [bool; L] =
                std::array::from_fn(|l| lexicons[l].is_some() && next[l] == i);
            if !scanning.contains(&true) {
                continue;
            }
            let starts = doc
                .token_text(i)
                .chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c.is_numeric());
            let mut best: [Option<(usize, u8)>; L] = [None; L];
            if starts {
                // How far each scanning lexicon's phrases from `i` can reach.
                let reach: [usize; L] = std::array::from_fn(|l| match lexicons[l] {
                    Some(x) if scanning[l] => end.min(i + x.max_tokens()),
                    _ => i,
                });
                let mut h = PhraseHash::new();
                for j in i..reach.iter().copied().max().unwrap_or(i) {
                    h.push(doc.token_text(j));
                    let key = h.key();
                    for (l, lexicon) in lexicons.iter().enumerate() {
                        let found = lexicon.filter(|_| j < reach[l]).and_then(|x| x.get(key));
                        if let Some(types) = found {
                            best[l] = Some((j + 1, types));
                        }
                    }
                }
            }
            for l in (0..L).filter(|&l| scanning[l]) {
                let Some((stop, types)) = best[l] else {
                    next[l] = i + 1;
                    continue;
                };
                for (k, slot) in out[l].iter_mut().enumerate().take(stop).skip(i) {
                    let pos = match (k == i, k + 1 == stop) {
                        (true, true) => 4,
                        (true, false) => 1,
                        (false, true) => 3,
                        (false, false) => 2,
                    };
                    *slot = (pos, types);
                }
                next[l] = stop;
            }
        }
    }
    out
}

/// Records, for each word, whether the document writes it in lower case somewhere, and whether
/// it is capitalised somewhere that is not a sentence start or a headline.
fn mark_document_case(doc: &Document, info: &mut [TokenInfo]) {
    let mut seen: FastMap<u64, u8> = FastMap::default();
    for (i, t) in info.iter().enumerate() {
        if doc.tokens[i].kind != TokenKind::Word {
            continue;
        }
        let bit = match t.class {
            CLASS_LOWER => CASE_LOWER_ELSEWHERE,
            CLASS_TITLE | CLASS_MIXED if !t.initial && !t.shouting => CASE_CAP_ELSEWHERE,
            _ => 0,
        };
        *seen.entry(t.lower).or_default() |= bit;
    }
    for t in info.iter_mut() {
        t.doc_case = seen.get(&t.lower).copied().unwrap_or(0);
    }
}

/// Mostly upper-case sentences (headlines, datelines) carry no capitalisation evidence.
pub fn is_shouting(doc: &Document, range: std::ops::Range<usize>) -> bool {
    let (mut upper, mut letters) = (0usize, 0usize);
    for i in range {
        let w = doc.token_text(i);
        if w.is_ascii() {
            // The same counts as below, without decoding characters.
            for b in w.bytes().filter(u8::is_ascii_alphabetic) {
                letters += 1;
                upper += usize::from(b.is_ascii_uppercase());
            }
            continue;
        }
        for c in w.chars().filter(|c| c.is_alphabetic()) {
            letters += 1;
            upper += usize::from(c.is_uppercase());
        }
    }
    letters >= 6 && upper * 10 >= letters * 8
}

fn title_case(w: &str, out: &mut String) {
    out.clear();
    let mut first = true;
    for c in w.chars() {
        if first {
            out.push(c);
        } else {
            out.extend(c.to_lowercase());
        }
        // A letter after a hyphen or period starts a new part ("Al-Amin", "U.S.").
        first = !c.is_alphanumeric();
    }
}

fn class_of(w: &str, kind: TokenKind) -> u8 {
    match kind {
        TokenKind::Number => return CLASS_NUMBER,
        TokenKind::Quote => return CLASS_QUOTE,
        TokenKind::Punct => return CLASS_PUNCT,
        TokenKind::Word => {}
    }
    let mut upper = 0;
    let mut lower = 0;
    let mut first_upper = false;
    for (k, c) in w.chars().enumerate() {
        if c.is_uppercase() {
            upper += 1;
            first_upper |= k == 0;
        } else if c.is_lowercase() {
            lower += 1;
        }
    }
    match (upper, lower) {
        (0, 0) => CLASS_OTHER,
        (0, _) => CLASS_LOWER,
        (_, 0) => CLASS_UPPER,
        (1, _) if first_upper => CLASS_TITLE,
        _ if first_upper => CLASS_MIXED,
        _ => CLASS_MIXED,
    }
}

/// The class a character stands for in a word's shape.
fn shape_char(c: char) -> char {
    if c.is_uppercase() {
        'X'
    } else if c.is_lowercase() {
        'x'
    } else if c.is_numeric() {
        'd'
    } else if c.is_alphabetic() {
        'a'
    } else {
        c
    }
}

/// The word's shape with runs of one character class collapsed: "McDonald" → "XxXx".
pub fn short_shape(w: &str) -> String {
    let mut out = String::with_capacity(8);
    let mut last = '\0';
    for s in w.chars().map(shape_char) {
        if s != last {
            out.push(s);
            last = s;
        }
        if out.len() >= 12 {
            break;
        }
    }
    out
}

/// `hash_str(&short_shape(w))`, without building the string.
pub fn shape_hash(w: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let (mut len, mut last) = (0, '\0');
    let mut buf = [0u8; 4];
    for s in w.chars().map(shape_char) {
        if s != last {
            for &b in s.encode_utf8(&mut buf).as_bytes() {
                h ^= u64::from(b);
                h = h.wrapping_mul(0x0100_0000_01b3);
            }
            len += s.len_utf8();
            last = s;
        }
        if len >= 12 {
            break;
        }
    }
    mix(h, 0x9e37_79b9_7f4a_7c15)
}

/// Writes the lower-case form of `w` (character by character) into `out`, replacing what it
/// held.
pub fn lower_into(w: &str, out: &mut String) {
    out.clear();
    if w.is_ascii() {
        out.extend(w.bytes().map(|b| char::from(b.to_ascii_lowercase())));
    } else {
        out.extend(w.chars().flat_map(char::to_lowercase));
    }
}

// Template numbers. Changing any of them changes every feature: retrain afterwards.
const T_BIAS: u64 = 1;
const T_WORD: u64 = 2;
const T_LOWER: u64 = 3;
const T_PREFIX: u64 = 4;
const T_SUFFIX: u64 = 5;
const T_SHAPE: u64 = 6;
const T_CLASS: u64 = 7;
const T_LOWER_AT: u64 = 8;
const T_SHAPE_AT: u64 = 9;
const T_BIGRAM_LEFT: u64 = 10;
const T_BIGRAM_RIGHT: u64 = 11;
const T_SHAPES_LEFT: u64 = 12;
const T_SHAPES_RIGHT: u64 = 13;
const T_INITIAL: u64 = 14;
const T_SHOUT: u64 = 15;
const T_SHOUT_WORD: u64 = 16;
const T_GAZ: u64 = 17;
const T_GAZ_AT: u64 = 18;
const T_PLACE_POS: u64 = 19;
const T_CLUSTER: u64 = 20;
const T_CLUSTER_AT: u64 = 21;
const T_DOC_CASE: u64 = 22;
const T_INITIAL_LOWER: u64 = 23;
const T_CLASS_AT: u64 = 24;
const T_LEXICON: u64 = 25;
const T_LEXICON_AT: u64 = 26;
const T_LIST: u64 = 40;
const T_LIST_AT: u64 = 41;

fn token_features(
    info: &[TokenInfo],
    sentence: std::ops::Range<usize>,
    i: usize,
    lower: &str,
    groups: Groups,
    out: &mut Vec<u32>,
) {
    let t = &info[i];
    let at = |d: isize| -> Option<&TokenInfo> {
        let j = i as isize + d;
        (j >= sentence.start as isize && j < sentence.end as isize).then(|| &info[j as usize])
    };
    // Hash of "outside the sentence" for neighbour templates.
    const EDGE: u64 = 0x5151_5151;
    let lower_at = |d: isize| at(d).map_or(EDGE ^ d as u64, |n| n.lower);
    let shape_at = |d: isize| at(d).map_or(EDGE ^ d as u64, |n| n.shape);

    out.push(feat(T_BIAS, 0));
    if groups.has(Groups::WORD) {
        out.push(feat(T_WORD, t.word));
        out.push(feat(T_LOWER, t.lower));
    }
    if groups.has(Groups::AFFIX) && t.class != CLASS_PUNCT {
        // Prefixes and suffixes of one to four characters, shorter than the word.
        let n = lower.chars().count();
        let mut ends = lower.char_indices().map(|(b, _)| b).skip(1);
        let mut starts = lower.char_indices().rev().map(|(b, _)| b);
        for k in 1..=4.min(n.saturating_sub(1)) {
            let (Some(end), Some(start)) = (ends.next(), starts.next()) else {
                break;
            };
            out.push(feat2(T_PREFIX, k as u64, hash_str(&lower[..end])));
            out.push(feat2(T_SUFFIX, k as u64, hash_str(&lower[start..])));
        }
    }
    if groups.has(Groups::SHAPE) {
        out.push(feat(T_SHAPE, t.shape));
        out.push(feat(T_CLASS, u64::from(t.class)));
    }
    if groups.has(Groups::CONTEXT) {
        for d in [-2isize, -1, 1, 2] {
            out.push(feat2(T_LOWER_AT, d as u64, lower_at(d)));
            out.push(feat2(T_SHAPE_AT, d as u64, shape_at(d)));
            let class = at(d).map_or(9, |n| n.class);
            out.push(feat2(T_CLASS_AT, d as u64, u64::from(class)));
        }
        out.push(feat2(T_BIGRAM_LEFT, lower_at(-1), t.lower));
        out.push(feat2(T_BIGRAM_RIGHT, t.lower, lower_at(1)));
        out.push(feat2(T_SHAPES_LEFT, shape_at(-1), t.shape));
        out.push(feat2(T_SHAPES_RIGHT, t.shape, shape_at(1)));
    }
    if groups.has(Groups::CASE) {
        let flags = u64::from(t.initial) | u64::from(t.shouting) << 1;
        out.push(feat2(T_INITIAL, flags, u64::from(t.class)));
        if t.shouting {
            out.push(feat(T_SHOUT_WORD, t.lower));
            out.push(feat2(T_SHOUT, shape_at(-1), shape_at(1)));
        }
        if t.initial {
            out.push(feat(T_INITIAL_LOWER, t.lower));
        }
    }
    if groups.has(Groups::GAZETTEER) {
        out.push(feat2(T_GAZ, u64::from(t.gaz), u64::from(t.class)));
        for d in [-1isize, 1] {
            if let Some(n) = at(d) {
                if n.gaz != 0 {
                    out.push(feat2(T_GAZ_AT, d as u64, u64::from(n.gaz)));
                }
            }
        }
        if t.place_pos != 0 {
            out.push(feat(T_PLACE_POS, u64::from(t.place_pos)));
        }
    }
    if groups.has(Groups::CLUSTERS) {
        let cl = |c: Option<[u16; CLUSTER_LEVELS]>, level: usize| {
            c.map_or(0xFFFF, |c| u64::from(c[level]))
        };
        for level in 0..CLUSTER_LEVELS {
            out.push(feat2(T_CLUSTER, level as u64, cl(t.clusters, level)));
        }
        for d in [-1isize, 1] {
            let c = at(d).and_then(|n| n.clusters);
            out.push(feat2(T_CLUSTER_AT, d as u64, cl(c, 1)));
        }
    }
    // The longest training name and the longest listed name a token is part of: its place in
    // the phrase with the phrase's types, alone and with the token's class, and the types of
    // the neighbours' phrases.
    type Phrase = fn(&TokenInfo) -> (u8, u8);
    let phrase_groups: [(Groups, u64, u64, Phrase); 2] = [
        (Groups::LEXICON, T_LEXICON, T_LEXICON_AT, |n: &TokenInfo| {
            (n.lex_pos, n.lex_types)
        }),
        (Groups::LISTS, T_LIST, T_LIST_AT, |n: &TokenInfo| {
            (n.list_pos, n.list_types)
        }),
    ];
    for (group, own, near, phrase) in phrase_groups {
        if !groups.has(group) {
            continue;
        }
        let (pos, types) = phrase(t);
        if pos != 0 {
            out.push(feat2(own, u64::from(pos), u64::from(types)));
            out.push(feat2(
                own,
                u64::from(pos) << 8 | u64::from(t.class),
                u64::from(types),
            ));
        }
        for d in [-1isize, 1] {
            if let Some((_, types)) = at(d).map(phrase).filter(|p| p.0 != 0) {
                out.push(feat2(near, d as u64, u64::from(types)));
            }
        }
    }
    if groups.has(Groups::DOCUMENT) && t.class != CLASS_LOWER {
        let context = u64::from(t.initial) | u64::from(t.shouting) << 1;
        out.push(feat2(
            T_DOC_CASE,
            u64::from(t.doc_case),
            context << 8 | u64::from(t.class),
        ));
    }
}

const T_HISTORY: u64 = 30;
const T_HISTORY_MAJOR: u64 = 31;
const T_HISTORY_POS: u64 = 32;

/// The words that second-pass features look at: for each token, the hash of its lower-case
/// form if it is a word that is not written in lower case.
pub struct HistoryKeys(Vec<Option<u64>>);

impl HistoryKeys {
    pub fn new(doc: &Document) -> HistoryKeys {
        let mut lower = String::new();
        let keys = (0..doc.tokens.len())
            .map(|i| {
                let w = doc.token_text(i);
                let eligible =
                    doc.tokens[i].kind == TokenKind::Word && w.chars().any(char::is_uppercase);
                eligible.then(|| {
                    lower_into(w, &mut lower);
                    hash_str(&lower)
                })
            })
            .collect();
        HistoryKeys(keys)
    }

    /// For each sentence, whether one of its words occurs again elsewhere in the document:
    /// only those sentences' earlier-pass tags reach [`history`]'s features.
    pub fn recurring_sentences(&self, doc: &Document) -> Vec<bool> {
        let mut counts: FastMap<u64, u32> = FastMap::default();
        for key in self.0.iter().flatten() {
            *counts.entry(*key).or_default() += 1;
        }
        doc.sentences
            .iter()
            .map(|s| {
                self.0[s.tokens.clone()]
                    .iter()
                    .flatten()
                    .any(|k| counts[k] > 1)
            })
            .collect()
    }
}

/// Second-pass features: how an earlier pass labelled the same word (compared in lower case)
/// at its other occurrences in the document. Only words that are not written in lower case get
/// them. `tags` are the earlier pass's tags, one per token.
pub fn history(doc: &Document, tags: &[u8]) -> FeatureMatrix {
    history_with(&HistoryKeys::new(doc), tags)
}

/// [`history`] with the keys already computed.
pub fn history_with(keys: &HistoryKeys, tags: &[u8]) -> FeatureMatrix {
    use super::decode::split;
    let keys = &keys.0[..keys.0.len().min(tags.len())];
    let n = keys.len();
    // Counts of O and the four types for each word.
    let mut counts: FastMap<u64, [u32; 5]> = FastMap::default();
    for (&tag, key) in tags.iter().zip(keys) {
        if let Some(key) = key {
            let slot = split(tag).map_or(0, |(ty, _)| ty + 1);
            counts.entry(*key).or_default()[slot] += 1;
        }
    }
    let mut m = FeatureMatrix {
        ids: Vec::with_capacity(n * 3),
        starts: Vec::with_capacity(n + 1),
    };
    m.starts.push(0);
    for (i, key) in keys.iter().enumerate() {
        if let Some(key) = *key {
            let mut c = counts[&key];
            let own = tags[i];
            c[split(own).map_or(0, |(ty, _)| ty + 1)] -= 1;
            let total: u32 = c.iter().sum();
            if total > 0 {
                let mut major = 0;
                for (slot, &k) in c.iter().enumerate() {
                    if k > 0 {
                        let share = u64::from(k) * 4 / u64::from(total);
                        m.ids.push(feat2(T_HISTORY, slot as u64, share.min(3)));
                    }
                    if k > c[major] {
                        major = slot;
                    }
                }
                m.ids.push(feat(T_HISTORY_MAJOR, major as u64));
                let position = split(own).map_or(9, |(_, p)| u64::from(p));
                m.ids.push(feat2(T_HISTORY_POS, major as u64, position));
            }
        }
        m.starts.push(m.ids.len() as u32);
    }
    m
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_collapse_runs() {
        assert_eq!(short_shape("McDonald"), "XxXx");
        assert_eq!(short_shape("U.S."), "X.X.");
        assert_eq!(short_shape("2,500"), "d,d");
        assert_eq!(short_shape("al-Kadhimi"), "x-Xx");
        for w in [
            "McDonald",
            "U.S.",
            "2,500",
            "al-Kadhimi",
            "Ünal",
            "ABCDEFGHIJ-a-b-c-d-e-f-g",
        ] {
            assert_eq!(shape_hash(w), hash_str(&short_shape(w)), "{w}");
        }
    }

    #[test]
    fn every_token_gets_features_and_groups_change_them() {
        let doc = Document::new("Maria Lopez visited Paris.\nSHE LEFT FRANCE ON MONDAY");
        let all = extract(&doc, Groups::ALL, None);
        assert_eq!(all.len(), doc.tokens.len());
        assert!((0..all.len()).all(|i| !all.token(i).is_empty()));
        let fewer = extract(&doc, Groups::ALL.without(Groups::CONTEXT), None);
        assert!(fewer.ids.len() < all.ids.len());
        assert_ne!(all.token(0), fewer.token(0));
    }

    /// The words that tagging (`extract_tokens`) leaves without features, as text.
    fn skipped(text: &str) -> Vec<&str> {
        let doc = Document::new(text);
        let m = extract_tokens(&doc, Groups::ALL, None, None, None, true);
        assert_eq!(m.len(), doc.tokens.len());
        (0..m.len())
            .filter(|&i| m.token(i).is_empty())
            .map(|i| doc.token_text(i))
            .collect()
    }

    #[test]
    fn tagging_skips_lower_case_words_away_from_capitals() {
        let text = "The chairman of the Bank of America said on the phone that the deal \
                    was off. Talks with @ acme resume in 2027 at the port.";
        assert_eq!(
            skipped(text),
            [
                "of", "on", "the", "phone", "that", "the", "deal", "was", "off", "resume", "the",
                "port"
            ]
        );
        // A word beside a capitalised word ("chairman", "said"), a number ("at") or the "@"
        // of a user name ("acme") is looked at; "the" before "Bank" too.
        let doc = Document::new(text);
        let full = extract_full(&doc, Groups::ALL, None, None, None);
        assert!((0..full.len()).all(|i| !full.token(i).is_empty()));
    }

    #[test]
    fn text_typed_in_lower_case_is_looked_at_whole() {
        let typed = "met obama in chicago today.\nhe said it went well.\nso did he.";
        assert_eq!(Document::new(typed).sentences.len(), 3);
        assert!(skipped(typed).is_empty());
        // One sentence in five may start in lower case, not two.
        let edited = "The talks went on.\nNobody came.\nIt rained.\nThey left.\nand then it ended.";
        assert_eq!(Document::new(edited).sentences.len(), 5);
        assert_eq!(
            skipped(edited),
            ["went", "on", "and", "then", "it", "ended"]
        );
        let more = "The talks went on.\nnobody came.\nIt rained.\nThey left.\nand then it ended.";
        assert!(skipped(more).is_empty());
    }

    #[test]
    fn same_word_same_features_in_same_context() {
        let a = Document::new("He met Ana in Lima .");
        let b = Document::new("She met Ana in Lima .");
        let fa = extract(&a, Groups::ALL, None);
        let fb = extract(&b, Groups::ALL, None);
        // "in" has the same neighbours within two tokens in both sentences.
        assert_eq!(fa.token(3), fb.token(3));
        assert_ne!(fa.token(1), fb.token(1));
    }

    #[test]
    fn gazetteer_marks_headline_words_and_phrases() {
        let doc = Document::new("STORM HITS NEW YORK CITY\nPeople in New York City waited.");
        let info = token_infos(&doc, Groups::ALL, None);
        assert_eq!(info[2].place_pos, 1);
        assert_eq!(info[3].place_pos, 2);
        assert_eq!(info[4].place_pos, 3);
        assert!(info[0].shouting);
        assert!(!info[5].shouting);
    }

    #[test]
    fn document_case_sees_lower_case_use_elsewhere() {
        let doc = Document::new("Rain fell.\nThe rain stopped when Rain ended the talk.");
        let info = token_infos(&doc, Groups::ALL, None);
        assert!(info[0].initial);
        assert_ne!(info[0].doc_case & CASE_LOWER_ELSEWHERE, 0);
        assert_ne!(info[0].doc_case & CASE_CAP_ELSEWHERE, 0);
    }

    #[test]
    fn history_reports_other_occurrences_only() {
        use crate::entities::decode::{tag, OUTSIDE};
        let doc = Document::new("Lima voted .\nLIMA WINS\nMarch came .");
        let mut tags = vec![OUTSIDE; doc.tokens.len()];
        tags[0] = tag(2, 3);
        let h = history(&doc, &tags);
        assert_eq!(h.len(), doc.tokens.len());
        // "LIMA" sees the LOC label of "Lima"; "Lima" sees that "LIMA" was left outside.
        assert!(!h.token(3).is_empty());
        assert_ne!(h.token(0), h.token(3));
        // "March" occurs once and "voted" is lower case: no evidence.
        assert!(h.token(5).is_empty());
        assert!(h.token(1).is_empty());
    }

    #[test]
    fn lexicon_marks_longest_phrases() {
        let mut phrases = crate::hash::FastMap::default();
        phrases.insert(Lexicon::key(["new", "york"]), 4);
        phrases.insert(Lexicon::key(["new", "york", "times"]), 2);
        phrases.insert(Lexicon::key(["york"]), 1);
        let lexicon = Lexicon::new(KeyTable::new(phrases), 3);
        let doc = Document::new("The NEW YORK TIMES said York and New York agree.");
        let [marks, none] = longest_phrases(&doc, [Some(&lexicon), None]);
        assert!(none.is_empty());
        // Scanned beside another lexicon, a lexicon marks the same phrases.
        let mut others = crate::hash::FastMap::default();
        others.insert(Lexicon::key(["the", "new"]), 8);
        others.insert(Lexicon::key(["york", "and", "new", "york"]), 8);
        let others = Lexicon::new(KeyTable::new(others), 4);
        let [beside, other] = longest_phrases(&doc, [Some(&lexicon), Some(&others)]);
        assert_eq!(beside, marks);
        assert_eq!(&other[..2], &[(1, 8), (3, 8)]);
        assert_eq!(&other[5..9], &[(1, 8), (2, 8), (2, 8), (3, 8)]);
        assert_eq!(
            &marks[..6],
            &[(0, 0), (1, 2), (2, 2), (3, 2), (0, 0), (4, 1)]
        );
        assert_eq!(&marks[7..9], &[(1, 4), (3, 4)]);
        assert_eq!(marks[9], (0, 0));
        let with = extract_with(&doc, Groups::ALL, None, Some(&lexicon));
        let without = extract(&doc, Groups::ALL, None);
        assert!(with.token(1).len() > without.token(1).len());
        // The same phrases as name lists give features of their own.
        let listed = extract_full(&doc, Groups::ALL, None, None, Some(&lexicon));
        assert!(listed.token(1).len() > without.token(1).len());
        assert_ne!(listed.token(1), with.token(1));
    }

    #[test]
    fn clusters_are_looked_up_by_lower_case_word() {
        let mut map = crate::hash::FastMap::default();
        map.insert(word_key("paris"), 1);
        let levels = vec![[0, 0, 0], [1, 2, 3]];
        let c =
            Clusters::new(KeyTable::new(map.clone()), levels).expect("fine clusters have levels");
        assert_eq!(c.get("paris"), Some([1, 2, 3]));
        assert_eq!(c.get("lima"), None);
        assert!(Clusters::new(KeyTable::new(map), vec![[0, 0, 0]]).is_none());
    }
}
