//! An [`Analysis`] as compact bytes, to pass it from the thread that analysed a text to the one
//! that shows it (the page analyses in a web worker).
//!
//! Reading takes the text the analysis is of and checks every span against it (inside the text,
//! on character boundaries), every label, kind and group number, so bytes that do not belong to
//! that text are refused, never turned into spans that would panic later.

use crate::analysis::{
    Analysis, Confidence, Entity, Group, GroupId, Label, Quote, QuoteKind, Speaker,
};
use crate::binary::{ReadError, Reader, Writer};
use crate::span::Span;

const MAGIC: &[u8; 4] = b"AAN1";

/// The bytes of `analysis`; [`decode`] reads them back given the same text.
pub fn encode(analysis: &Analysis) -> Vec<u8> {
    let mut w = Writer::default();
    w.bytes(MAGIC);
    w.varint(count(analysis.paragraphs.len()));
    for &p in &analysis.paragraphs {
        span(&mut w, p);
    }
    w.varint(count(analysis.entities.len()));
    for e in &analysis.entities {
        span(&mut w, e.span);
        w.bytes(&[label_code(e.label)]);
        group(&mut w, e.group);
    }
    w.varint(count(analysis.quotes.len()));
    for q in &analysis.quotes {
        span(&mut w, q.span);
        w.bytes(&[kind_code(q.kind)]);
        optional_span(&mut w, q.cue);
        match q.confidence {
            Some(c) => {
                let (a, b) = c.raw();
                w.bytes(&[1]);
                w.u16(a);
                w.u16(b);
            }
            None => w.bytes(&[0]),
        }
        match &q.speaker {
            Some(s) => {
                w.bytes(&[1]);
                string(&mut w, &s.name);
                optional_span(&mut w, s.mention);
                group(&mut w, s.group);
                w.bytes(&[s.label.map_or(0, |l| label_code(l) + 1)]);
            }
            None => w.bytes(&[0]),
        }
    }
    w.varint(count(analysis.groups.len()));
    for g in &analysis.groups {
        w.varint(g.id.0);
        w.bytes(&[label_code(g.label)]);
        string(&mut w, &g.name);
        w.varint(count(g.mentions.len()));
        for &m in &g.mentions {
            span(&mut w, m);
        }
    }
    w.into_bytes()
}

/// Reads what [`encode`] wrote for an analysis of `text`.
pub fn decode(bytes: &[u8], text: &str) -> Result<Analysis, ReadError> {
    let mut r = Reader::new(bytes);
    if r.take(4)? != MAGIC {
        return Err(ReadError::Corrupt("not an analysis"));
    }
    let d = Decoder { text };
    let mut analysis = Analysis::default();
    for _ in 0..d.len(&mut r, 2)? {
        analysis.paragraphs.push(d.span(&mut r)?);
    }
    for _ in 0..d.len(&mut r, 4)? {
        let span = d.span(&mut r)?;
        let label = label_of(r.u8()?)?;
        let group = d.group(&mut r)?;
        analysis.entities.push(Entity { span, label, group });
    }
    for _ in 0..d.len(&mut r, 6)? {
        let span = d.span(&mut r)?;
        let kind = match r.u8()? {
            0 => QuoteKind::Direct,
            1 => QuoteKind::Indirect,
            2 => QuoteKind::Mixed,
            _ => return Err(ReadError::Corrupt("quote kind")),
        };
        let cue = d.optional_span(&mut r)?;
        let confidence = match r.u8()? {
            0 => None,
            1 => {
                let (a, b) = (r.u16()?, r.u16()?);
                Some(Confidence::from_raw(a, b).ok_or(ReadError::Corrupt("confidence"))?)
            }
            _ => return Err(ReadError::Corrupt("confidence flag")),
        };
        let speaker = match r.u8()? {
            0 => None,
            1 => Some(Speaker {
                name: d.string(&mut r)?,
                mention: d.optional_span(&mut r)?,
                group: d.group(&mut r)?,
                label: match r.u8()? {
                    0 => None,
                    code => Some(label_of(code - 1)?),
                },
            }),
            _ => return Err(ReadError::Corrupt("speaker flag")),
        };
        analysis.quotes.push(Quote {
            span,
            kind,
            speaker,
            cue,
            confidence,
        });
    }
    for _ in 0..d.len(&mut r, 4)? {
        let id = GroupId(r.varint()?);
        let label = label_of(r.u8()?)?;
        let name = d.string(&mut r)?;
        let mut mentions = Vec::new();
        for _ in 0..d.len(&mut r, 2)? {
            mentions.push(d.span(&mut r)?);
        }
        analysis.groups.push(Group {
            id,
            label,
            name,
            mentions,
        });
    }
    if !r.at_end() {
        return Err(ReadError::Corrupt("trailing bytes"));
    }
    Ok(analysis)
}

fn count(n: usize) -> u32 {
    u32::try_from(n).expect("fewer than 2^32 items")
}

/// A span as its start and length.
fn span(w: &mut Writer, s: Span) {
    w.varint(count(s.start()));
    w.varint(count(s.len()));
}

fn optional_span(w: &mut Writer, s: Option<Span>) {
    match s {
        Some(s) => {
            w.bytes(&[1]);
            span(w, s);
        }
        None => w.bytes(&[0]),
    }
}

/// A group number plus one, 0 for none.
fn group(w: &mut Writer, g: Option<GroupId>) {
    w.varint(g.map_or(0, |g| g.0.checked_add(1).expect("group ids below 2^32 - 1")));
}

fn string(w: &mut Writer, s: &str) {
    w.varint(count(s.len()));
    w.bytes(s.as_bytes());
}

fn label_code(l: Label) -> u8 {
    Label::ALL
        .iter()
        .position(|&x| x == l)
        .expect("every label is in ALL") as u8
}

fn label_of(code: u8) -> Result<Label, ReadError> {
    Label::ALL
        .get(usize::from(code))
        .copied()
        .ok_or(ReadError::Corrupt("label"))
}

fn kind_code(k: QuoteKind) -> u8 {
    match k {
        QuoteKind::Direct => 0,
        QuoteKind::Indirect => 1,
        QuoteKind::Mixed => 2,
    }
}

struct Decoder<'t> {
    text: &'t str,
}

impl Decoder<'_> {
    /// A count of items of at least `item_size` bytes each, checked against the bytes left.
    fn len(&self, r: &mut Reader, item_size: usize) -> Result<usize, ReadError> {
        let n = r.varint()? as usize;
        if n.saturating_mul(item_size) > r.remaining() {
            return Err(ReadError::Truncated);
        }
        Ok(n)
    }

    fn span(&self, r: &mut Reader) -> Result<Span, ReadError> {
        let start = r.varint()? as usize;
        let len = r.varint()? as usize;
        Span::checked(self.text, start, start.saturating_add(len))
            .ok_or(ReadError::Corrupt("span outside the text"))
    }

    fn optional_span(&self, r: &mut Reader) -> Result<Option<Span>, ReadError> {
        match r.u8()? {
            0 => Ok(None),
            1 => self.span(r).map(Some),
            _ => Err(ReadError::Corrupt("span flag")),
        }
    }

    fn group(&self, r: &mut Reader) -> Result<Option<GroupId>, ReadError> {
        Ok(r.varint()?.checked_sub(1).map(GroupId))
    }

    fn string(&self, r: &mut Reader) -> Result<String, ReadError> {
        let n = r.varint()? as usize;
        let bytes = r.take(n)?;
        String::from_utf8(bytes.to_vec()).map_err(|_| ReadError::Corrupt("text"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "\u{201c}We will rebuild the wall,\u{201d} said Mayor Clara Osei of Port Wenlow.\n\n\
        Osei told reporters that the trust would pay a third. The Wenlow Harbour Trust agreed on 3 May.";

    #[test]
    fn an_analysis_comes_back_whole() {
        let analysis = crate::analyze(TEXT);
        assert!(!analysis.quotes.is_empty() && !analysis.entities.is_empty());
        assert!(analysis.quotes.iter().any(|q| q.speaker.is_some()));
        let bytes = encode(&analysis);
        assert_eq!(decode(&bytes, TEXT), Ok(analysis));
    }

    #[test]
    fn an_empty_analysis_comes_back() {
        let empty = Analysis::default();
        assert_eq!(decode(&encode(&empty), ""), Ok(empty));
    }

    #[test]
    fn bytes_for_another_text_or_damaged_bytes_are_refused() {
        let bytes = encode(&crate::analyze(TEXT));
        // A shorter text: spans fall outside it.
        assert!(decode(&bytes, &TEXT[..20]).is_err());
        // Every cut is refused, never a panic.
        for cut in 0..bytes.len() {
            assert!(decode(&bytes[..cut], TEXT).is_err(), "cut at {cut}");
        }
        let mut longer = bytes.clone();
        longer.push(0);
        assert!(decode(&longer, TEXT).is_err());
        // A span that would end inside the curly quote's bytes.
        let mut w = Writer::default();
        w.bytes(MAGIC);
        w.varint(1);
        span(&mut w, Span::new(0, 0));
        let mut bad = w.into_bytes();
        let at = bad.len() - 1;
        bad[at] = 1;
        bad.extend([0, 0, 0]);
        assert_eq!(
            decode(&bad, TEXT),
            Err(ReadError::Corrupt("span outside the text"))
        );
    }
}
