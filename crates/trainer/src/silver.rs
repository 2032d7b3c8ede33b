//! Silver syntax: part-of-speech tags and dependency trees that spaCy's `en_core_web_md` gave
//! the engine's own tokens (`tools/syntax/silver.py`, from `trainer tokens`), committed as
//! `data/syntax-silver.tsv.gz` without any text.
//!
//! One line per sentence: `name<TAB>sentence<TAB>check<TAB>tags<TAB>heads<TAB>labels`, where
//! `check` is a hash of the sentence's token strings (a silver line whose tokens no longer match
//! the tokenizer is skipped), and heads are token numbers within the sentence (the root points
//! at itself).

use crate::corpora::Text;
use annotator_engine::Document;
use std::collections::HashMap;
use std::io::Write;
use std::path::Path;

/// FNV-1a over the sentence's tokens, each followed by a unit separator.
pub fn sentence_check(doc: &Document, tokens: std::ops::Range<usize>) -> u32 {
    let mut h: u32 = 0x811C_9DC5;
    for i in tokens {
        for b in doc.token_text(i).bytes().chain([0x1F]) {
            h ^= u32::from(b);
            h = h.wrapping_mul(0x0100_0193);
        }
    }
    h
}

#[derive(serde::Serialize)]
struct TokenLine<'a> {
    name: &'a str,
    /// Each sentence: its check, its tokens and whether white space follows each.
    sentences: Vec<(u32, Vec<&'a str>, Vec<bool>)>,
}

/// Writes every text as the engine tokenises it, for the silver tagger.
pub fn dump_tokens(texts: &[Text], out: &mut impl Write) -> Result<(), String> {
    for t in texts {
        let doc = Document::new(&t.text);
        let sentences = doc
            .sentences
            .iter()
            .map(|s| {
                let words = s.tokens.clone().map(|i| doc.token_text(i)).collect();
                let spaces = s
                    .tokens
                    .clone()
                    .map(|i| doc.tokens.get(i + 1).is_some_and(|n| n.space_before))
                    .collect();
                (sentence_check(&doc, s.tokens.clone()), words, spaces)
            })
            .collect();
        let line = TokenLine {
            name: &t.name,
            sentences,
        };
        serde_json::to_writer(&mut *out, &line).map_err(|e| e.to_string())?;
        out.write_all(b"\n").map_err(|e| e.to_string())?;
    }
    Ok(())
}

/// A silver sentence: tags, heads (within the sentence) and labels as spaCy wrote them.
pub struct SilverSentence {
    pub check: u32,
    pub tags: Vec<String>,
    pub heads: Vec<usize>,
    pub labels: Vec<String>,
}

/// Reads the silver file: for each document name, its sentences by number.
pub fn read(path: &Path) -> Result<HashMap<String, HashMap<usize, SilverSentence>>, String> {
    let mut out: HashMap<String, HashMap<usize, SilverSentence>> = HashMap::new();
    for (n, line) in crate::corpora::read_lines(path)?.iter().enumerate() {
        let bad = || format!("{}: line {}: bad silver line", path.display(), n + 1);
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() != 6 {
            return Err(bad());
        }
        let sentence: usize = cols[1].parse().map_err(|_| bad())?;
        let check: u32 = cols[2].parse().map_err(|_| bad())?;
        let tags: Vec<String> = cols[3].split(' ').map(str::to_string).collect();
        let heads: Vec<usize> = cols[4]
            .split(' ')
            .map(|h| h.parse().map_err(|_| bad()))
            .collect::<Result<_, _>>()?;
        let labels: Vec<String> = cols[5].split(' ').map(str::to_string).collect();
        if tags.len() != heads.len() || tags.len() != labels.len() {
            return Err(bad());
        }
        out.entry(cols[0].to_string()).or_default().insert(
            sentence,
            SilverSentence {
                check,
                tags,
                heads,
                labels,
            },
        );
    }
    Ok(out)
}
