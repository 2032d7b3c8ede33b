//! The little-endian building blocks of the model files: counts, floats, variable-length
//! integers and sorted keys stored as deltas. Reading checks every length against the bytes left,
//! so a truncated or damaged file is refused, never read past its end.

use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReadError {
    Truncated,
    Corrupt(&'static str),
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadError::Truncated => f.write_str("the file is truncated"),
            ReadError::Corrupt(what) => write!(f, "the file is corrupt: {what}"),
        }
    }
}

impl std::error::Error for ReadError {}

/// Reads what [`Writer`] wrote.
pub struct Reader<'b> {
    bytes: &'b [u8],
    pos: usize,
}

impl<'b> Reader<'b> {
    pub fn new(bytes: &'b [u8]) -> Reader<'b> {
        Reader { bytes, pos: 0 }
    }

    /// The number of bytes not read yet.
    pub fn remaining(&self) -> usize {
        self.bytes.len() - self.pos
    }

    /// Whether every byte has been read.
    pub fn at_end(&self) -> bool {
        self.pos == self.bytes.len()
    }

    pub fn take(&mut self, n: usize) -> Result<&'b [u8], ReadError> {
        let end = self.pos.checked_add(n).ok_or(ReadError::Truncated)?;
        let s = self.bytes.get(self.pos..end).ok_or(ReadError::Truncated)?;
        self.pos = end;
        Ok(s)
    }

    pub fn u8(&mut self) -> Result<u8, ReadError> {
        Ok(self.take(1)?[0])
    }

    pub fn u16(&mut self) -> Result<u16, ReadError> {
        let b = self.take(2)?;
        Ok(u16::from_le_bytes([b[0], b[1]]))
    }

    pub fn u32(&mut self) -> Result<u32, ReadError> {
        let b = self.take(4)?;
        Ok(u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    /// A finite float.
    pub fn f32(&mut self) -> Result<f32, ReadError> {
        let x = f32::from_bits(self.u32()?);
        if x.is_finite() {
            Ok(x)
        } else {
            Err(ReadError::Corrupt("a number is not finite"))
        }
    }

    /// `n` finite floats.
    pub fn f32s(&mut self, n: usize) -> Result<Vec<f32>, ReadError> {
        if n.saturating_mul(4) > self.bytes.len() - self.pos {
            return Err(ReadError::Truncated);
        }
        (0..n).map(|_| self.f32()).collect()
    }

    /// A count of items of `item_size` bytes each, checked against the bytes left.
    pub fn len(&mut self, item_size: usize) -> Result<usize, ReadError> {
        let n = self.u32()? as usize;
        if n.saturating_mul(item_size) > self.bytes.len() - self.pos {
            return Err(ReadError::Truncated);
        }
        Ok(n)
    }

    /// Keys written by [`Writer::sorted_keys`]: a count, then strictly increasing deltas.
    pub fn sorted_keys(&mut self) -> Result<Vec<u32>, ReadError> {
        let n = self.len(1)?;
        self.keys(n)
    }

    /// `n` strictly increasing keys stored as deltas (after a count read elsewhere).
    pub fn keys(&mut self, n: usize) -> Result<Vec<u32>, ReadError> {
        let mut keys = Vec::with_capacity(n);
        let mut last = 0u32;
        for k in 0..n {
            let delta = self.varint()?;
            if k > 0 && delta == 0 {
                return Err(ReadError::Corrupt("keys repeat"));
            }
            last = last
                .checked_add(delta)
                .ok_or(ReadError::Corrupt("keys overflow"))?;
            keys.push(last);
        }
        Ok(keys)
    }

    pub fn varint(&mut self) -> Result<u32, ReadError> {
        let mut value = 0u32;
        for shift in (0..35).step_by(7) {
            let b = self.u8()?;
            value |= u32::from(b & 0x7F)
                .checked_shl(shift)
                .ok_or(ReadError::Corrupt("varint"))?;
            if b & 0x80 == 0 {
                return Ok(value);
            }
        }
        Err(ReadError::Corrupt("varint too long"))
    }
}

/// Builds a model file.
#[derive(Debug, Default)]
pub struct Writer {
    out: Vec<u8>,
}

impl Writer {
    pub fn into_bytes(self) -> Vec<u8> {
        self.out
    }

    pub fn bytes(&mut self, b: &[u8]) {
        self.out.extend_from_slice(b);
    }

    pub fn u16(&mut self, x: u16) {
        self.bytes(&x.to_le_bytes());
    }

    pub fn u32(&mut self, x: u32) {
        self.bytes(&x.to_le_bytes());
    }

    pub fn f32(&mut self, x: f32) {
        self.bytes(&x.to_le_bytes());
    }

    pub fn f32s(&mut self, xs: &[f32]) {
        xs.iter().for_each(|&x| self.f32(x));
    }

    /// Seven bits a byte, low bits first.
    pub fn varint(&mut self, mut x: u32) {
        while x >= 0x80 {
            self.out.push((x as u8 & 0x7F) | 0x80);
            x >>= 7;
        }
        self.out.push(x as u8);
    }

    /// A count, then strictly increasing keys as variable-length deltas.
    pub fn sorted_keys(&mut self, keys: &[u32]) {
        self.u32(keys.len() as u32);
        let mut last = 0u32;
        for &key in keys {
            debug_assert!(key > last || last == 0);
            self.varint(key - last);
            last = key;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_round_trip() {
        let mut w = Writer::default();
        w.u32(7);
        w.f32(-1.5);
        w.varint(300);
        w.sorted_keys(&[0, 5, 1 << 30]);
        let bytes = w.into_bytes();
        let mut r = Reader::new(&bytes);
        assert_eq!(r.u32(), Ok(7));
        assert_eq!(r.f32(), Ok(-1.5));
        assert_eq!(r.varint(), Ok(300));
        assert_eq!(r.sorted_keys(), Ok(vec![0, 5, 1 << 30]));
        assert!(r.at_end());
        assert_eq!(r.u8(), Err(ReadError::Truncated));
    }

    #[test]
    fn counts_past_the_end_and_bad_numbers_are_refused() {
        let mut w = Writer::default();
        w.u32(1_000_000);
        let bytes = w.into_bytes();
        assert_eq!(Reader::new(&bytes).len(4), Err(ReadError::Truncated));
        let nan = f32::NAN.to_le_bytes();
        assert!(Reader::new(&nan).f32().is_err());
    }
}
