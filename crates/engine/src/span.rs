//! Byte spans into a text, and the one conversion to code points.
//!
//! Inside the engine every offset is a byte offset into the `&str` being analysed. Code points
//! are used at every external boundary (the CLI, exports); [`CharIndex`] is the one place that
//! converts.

use std::fmt;
use std::ops::Range;

/// A half-open byte range `start..end` into a text.
///
/// The fields are private so that `start <= end` always holds. A span made by [`Span::checked`]
/// also lies on character boundaries of the text it was checked against.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct Span {
    start: usize,
    end: usize,
}

impl Span {
    /// A span from `start` to `end`.
    ///
    /// # Panics
    /// If `start > end`: that is a bug in the caller, never a property of the input text.
    #[inline]
    pub fn new(start: usize, end: usize) -> Span {
        assert!(start <= end, "span start {start} after end {end}");
        Span { start, end }
    }

    /// A span that is known to lie on character boundaries of `text`, or `None`.
    pub fn checked(text: &str, start: usize, end: usize) -> Option<Span> {
        (start <= end
            && end <= text.len()
            && text.is_char_boundary(start)
            && text.is_char_boundary(end))
        .then_some(Span { start, end })
    }

    #[inline]
    pub fn start(self) -> usize {
        self.start
    }

    #[inline]
    pub fn end(self) -> usize {
        self.end
    }

    #[inline]
    pub fn len(self) -> usize {
        self.end - self.start
    }

    #[inline]
    pub fn is_empty(self) -> bool {
        self.start == self.end
    }

    #[inline]
    pub fn range(self) -> Range<usize> {
        self.start..self.end
    }

    /// The text this span covers. Panics if the span does not belong to `text`.
    #[inline]
    pub fn slice(self, text: &str) -> &str {
        &text[self.start..self.end]
    }

    /// The smallest span that covers both.
    pub fn cover(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }

    pub fn contains(self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    pub fn contains_offset(self, offset: usize) -> bool {
        self.start <= offset && offset < self.end
    }

    pub fn overlaps(self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// Shrinks the span past leading and trailing characters for which `trim` holds.
    pub fn trim_by(self, text: &str, trim: impl Fn(char) -> bool) -> Span {
        let s = self.slice(text);
        let lead = s.len() - s.trim_start_matches(&trim).len();
        let rest = &s[lead..];
        let kept = rest.trim_end_matches(&trim).len();
        Span::new(self.start + lead, self.start + lead + kept)
    }

    /// Shrinks the span past white space at both ends.
    pub fn trim(self, text: &str) -> Span {
        self.trim_by(text, char::is_whitespace)
    }
}

impl fmt::Debug for Span {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}..{}", self.start, self.end)
    }
}

/// Converts byte offsets of one text to code-point offsets (and back).
///
/// Built once per text in O(n); each conversion is a binary search over the text's non-ASCII
/// characters, so ASCII-only texts cost nothing.
#[derive(Debug, Clone)]
pub struct CharIndex {
    /// One entry per non-ASCII character, in text order.
    wide: Vec<Wide>,
    len_bytes: usize,
    len_chars: usize,
}

#[derive(Debug, Clone, Copy)]
struct Wide {
    byte: usize,
    char: usize,
    /// Extra bytes (beyond one per character) up to and including this character.
    extra_after: usize,
}

impl CharIndex {
    pub fn new(text: &str) -> CharIndex {
        let bytes = text.as_bytes();
        let mut wide = Vec::new();
        let mut extra = 0;
        let mut i = 0;
        while i < bytes.len() {
            // ASCII eight bytes at a time: the text of most articles is nearly all of it.
            while let Some(chunk) = bytes.get(i..i + 8) {
                let word = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
                if word & 0x8080_8080_8080_8080 != 0 {
                    break;
                }
                i += 8;
            }
            let Some(&b) = bytes.get(i) else { break };
            if b < 0x80 {
                i += 1;
                continue;
            }
            // `i` is at a character boundary: every step above moved by whole characters.
            let w = if b >= 0xF0 {
                4
            } else if b >= 0xE0 {
                3
            } else {
                2
            };
            let char = i - extra;
            extra += w - 1;
            wide.push(Wide {
                byte: i,
                char,
                extra_after: extra,
            });
            i += w;
        }
        CharIndex {
            wide,
            len_bytes: text.len(),
            len_chars: text.len() - extra,
        }
    }

    /// The number of code points in the text.
    pub fn len_chars(&self) -> usize {
        self.len_chars
    }

    /// The code-point offset of a byte offset that lies on a character boundary.
    pub fn to_char(&self, byte: usize) -> usize {
        debug_assert!(byte <= self.len_bytes);
        let n = self.wide.partition_point(|w| w.byte < byte);
        byte - if n == 0 {
            0
        } else {
            self.wide[n - 1].extra_after
        }
    }

    /// The byte offset of a code-point offset, or `None` past the end.
    pub fn to_byte(&self, ch: usize) -> Option<usize> {
        if ch > self.len_chars {
            return None;
        }
        let n = self.wide.partition_point(|w| w.char < ch);
        Some(
            ch + if n == 0 {
                0
            } else {
                self.wide[n - 1].extra_after
            },
        )
    }

    /// Code-point range of a span.
    pub fn char_range(&self, span: Span) -> Range<usize> {
        self.to_char(span.start())..self.to_char(span.end())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn span_invariant_holds() {
        let s = Span::new(2, 5);
        assert_eq!(s.len(), 3);
        assert!(Span::checked("héllo", 1, 2).is_none(), "inside é");
        assert!(Span::checked("héllo", 1, 3).is_some());
        assert!(Span::checked("abc", 2, 1).is_none());
        assert!(Span::checked("abc", 0, 4).is_none());
    }

    #[test]
    #[should_panic(expected = "after end")]
    fn reversed_span_panics() {
        let _ = Span::new(3, 2);
    }

    #[test]
    fn trims() {
        let t = "  “Hi,” ";
        let s = Span::new(0, t.len()).trim(t);
        assert_eq!(s.slice(t), "“Hi,”");
        let s = s.trim_by(t, |c| !c.is_alphanumeric());
        assert_eq!(s.slice(t), "Hi");
    }

    #[test]
    fn char_index_round_trips_on_mixed_text() {
        let t = "a😀b “c” é\u{a0}d\r\nz";
        let idx = CharIndex::new(t);
        assert_eq!(idx.len_chars(), t.chars().count());
        for (ci, (bi, _)) in t.char_indices().enumerate() {
            assert_eq!(idx.to_char(bi), ci, "byte {bi}");
            assert_eq!(idx.to_byte(ci), Some(bi), "char {ci}");
        }
        assert_eq!(idx.to_char(t.len()), idx.len_chars());
        assert_eq!(idx.to_byte(idx.len_chars()), Some(t.len()));
        assert_eq!(idx.to_byte(idx.len_chars() + 1), None);
    }

    #[test]
    fn char_index_finds_wide_characters_wherever_they_fall_in_long_ascii_runs() {
        // Characters of two, three and four bytes after every run length from 0 to 19, so that
        // each falls at every place in and between the eight-byte steps over ASCII.
        for run in 0..20 {
            for wide in ["é", "“", "😀"] {
                let pad = "x".repeat(run);
                let t = format!("{pad}{wide}{pad}{wide}{wide}abc{pad}");
                let idx = CharIndex::new(&t);
                assert_eq!(idx.len_chars(), t.chars().count(), "{t:?}");
                for (ci, (bi, _)) in t.char_indices().enumerate() {
                    assert_eq!(idx.to_char(bi), ci, "{t:?} byte {bi}");
                    assert_eq!(idx.to_byte(ci), Some(bi), "{t:?} char {ci}");
                }
            }
        }
    }
}
