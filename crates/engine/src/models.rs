//! The model file: every trained part of the engine in one versioned bundle, so that the page
//! fetches one file after its first render and the parts always match.
//!
//! Layout: magic `AAMB`, version, then tagged sections (`NAME` the name model with its word
//! clusters, `SYNT` the syntax layer, `QUOT` the quote models), each a tag, a length and its
//! bytes. The name model is required; the others are optional, and the engine falls back to
//! rules without them. Unknown versions and unknown sections are refused.

use crate::binary::{Reader, Writer};
use crate::entities::{Model, ModelError};
use crate::quotes::model::QuoteModel;
use crate::syntax::SyntaxModel;

const MAGIC: &[u8; 4] = b"AAMB";
/// The only bundle version this engine reads.
pub const VERSION: u32 = 3;

/// Every trained part of the engine.
#[derive(Debug, Clone, PartialEq)]
pub struct Models {
    pub names: Model,
    pub syntax: Option<SyntaxModel>,
    pub quotes: Option<QuoteModel>,
}

impl Models {
    /// Only a name model (no syntax, quotes from rules).
    pub fn names_only(names: Model) -> Models {
        Models {
            names,
            syntax: None,
            quotes: None,
        }
    }

    pub fn from_bytes(bytes: &[u8]) -> Result<Models, ModelError> {
        let mut r = Reader::new(bytes);
        if r.take(4)? != MAGIC {
            return Err(ModelError::BadMagic);
        }
        let version = r.u32()?;
        if version != VERSION {
            return Err(ModelError::UnsupportedBundleVersion(version));
        }
        let sections = r.u32()?;
        let (mut names, mut syntax, mut quotes) = (None, None, None);
        for _ in 0..sections {
            let tag: [u8; 4] = r.take(4)?.try_into().expect("four bytes");
            let n = r.len(1)?;
            let body = r.take(n)?;
            let mut s = Reader::new(body);
            match &tag {
                b"NAME" if names.is_none() => names = Some(Model::from_bytes(body)?),
                b"SYNT" if syntax.is_none() => syntax = Some(SyntaxModel::read(&mut s)?),
                b"QUOT" if quotes.is_none() => quotes = Some(QuoteModel::read(&mut s)?),
                _ => return Err(ModelError::Corrupt("unknown or repeated section")),
            }
            if !matches!(&tag, b"NAME") && !s.at_end() {
                return Err(ModelError::Corrupt("trailing bytes in a section"));
            }
        }
        if !r.at_end() {
            return Err(ModelError::Corrupt("trailing bytes"));
        }
        Ok(Models {
            names: names.ok_or(ModelError::Corrupt("no name model"))?,
            syntax,
            quotes,
        })
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        let mut w = Writer::default();
        w.bytes(MAGIC);
        w.u32(VERSION);
        let mut sections: Vec<([u8; 4], Vec<u8>)> = vec![(*b"NAME", self.names.to_bytes())];
        if let Some(s) = &self.syntax {
            let mut b = Writer::default();
            s.write(&mut b);
            sections.push((*b"SYNT", b.into_bytes()));
        }
        if let Some(q) = &self.quotes {
            let mut b = Writer::default();
            q.write(&mut b);
            sections.push((*b"QUOT", b.into_bytes()));
        }
        w.u32(sections.len() as u32);
        for (tag, body) in sections {
            w.bytes(&tag);
            w.u32(body.len() as u32);
            w.bytes(&body);
        }
        w.into_bytes()
    }
}

#[cfg(all(test, feature = "embedded-model"))]
mod tests {
    use super::*;

    fn shipped() -> &'static [u8] {
        crate::EMBEDDED_MODEL
    }

    #[test]
    fn the_shipped_bundle_round_trips_with_every_part() {
        let m = Models::from_bytes(shipped()).expect("the shipped bundle loads");
        assert!(m.syntax.is_some() && m.quotes.is_some());
        assert_eq!(m.to_bytes(), shipped());
    }

    #[test]
    fn other_versions_and_damaged_files_are_refused_with_a_reason() {
        let mut other = shipped().to_vec();
        other[4..8].copy_from_slice(&(VERSION + 1).to_le_bytes());
        let e = Models::from_bytes(&other).expect_err("a newer bundle");
        assert_eq!(e, ModelError::UnsupportedBundleVersion(VERSION + 1));
        assert!(e.to_string().contains("not supported"), "{e}");
        let cut = &shipped()[..shipped().len() - 10];
        assert!(Models::from_bytes(cut).is_err());
        assert_eq!(Models::from_bytes(b"ANER"), Err(ModelError::BadMagic));
    }
}
