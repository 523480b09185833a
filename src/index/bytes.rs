//! Little-endian primitives for the index format. The reader is bounds-checked on every
//! read: untrusted bytes give a `Corrupt` error naming what was being read, never a panic.
//!
//! Readers fail with `Bad`, which carries nothing: the error itself is kept in the `Failure`
//! the reader was made with, and taken out once, where decoding stops. Passing a full error up
//! through every `?` of the decoder cost the wasm 2 KB gzip.

use std::cell::Cell;

use super::{varint, FormatError};

/// Decoding stopped; why is in the reader's `Failure`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Bad;

pub type Read<T> = Result<T, Bad>;

/// Where a decoder keeps the first reason it stopped.
#[derive(Default)]
pub struct Failure(Cell<Option<FormatError>>);

impl Failure {
    /// Keeps `error` unless an earlier one is kept already.
    #[cold]
    #[inline(never)]
    pub fn record(&self, error: FormatError) -> Bad {
        let first = self.0.take();
        self.0.set(Some(first.unwrap_or(error)));
        Bad
    }

    /// The error decoding stopped with.
    pub fn error(self) -> FormatError {
        self.0.into_inner().unwrap_or_else(|| FormatError::corrupt("unknown"))
    }
}

#[derive(Default)]
pub struct ByteWriter {
    pub bytes: Vec<u8>,
}

impl ByteWriter {
    pub fn u8(&mut self, value: u8) {
        self.bytes.push(value);
    }

    pub fn u16(&mut self, value: u16) {
        self.bytes.extend_from_slice(&value.to_le_bytes());
    }

    pub fn u32(&mut self, value: u32) {
        self.bytes.extend_from_slice(&value.to_le_bytes());
    }

    pub fn f32(&mut self, value: f32) {
        self.bytes.extend_from_slice(&value.to_le_bytes());
    }

    pub fn varint(&mut self, value: u32) {
        varint::write(&mut self.bytes, value);
    }

    pub fn len_of(&mut self, len: usize) {
        self.varint(u32::try_from(len).unwrap_or(u32::MAX));
    }

    pub fn str(&mut self, value: &str) {
        self.len_of(value.len());
        self.bytes.extend_from_slice(value.as_bytes());
    }

    pub fn opt_str(&mut self, value: Option<&str>) {
        match value {
            None => self.u8(0),
            Some(text) => {
                self.u8(1);
                self.str(text);
            }
        }
    }
}

pub struct ByteReader<'a> {
    bytes: &'a [u8],
    pos: usize,
    /// Which part of the index is being read, for error messages.
    what: &'static str,
    failure: &'a Failure,
}

impl<'a> ByteReader<'a> {
    pub fn new(bytes: &'a [u8], what: &'static str, failure: &'a Failure) -> ByteReader<'a> {
        ByteReader { bytes, pos: 0, what, failure }
    }

    /// A reader of `bytes` that fails into the same `Failure`.
    pub fn sub(&self, bytes: &'a [u8], what: &'static str) -> ByteReader<'a> {
        ByteReader::new(bytes, what, self.failure)
    }

    #[cold]
    #[inline(never)]
    pub fn corrupt(&self, problem: &str) -> Bad {
        self.failure.record(FormatError::corrupt(format!("{} at byte {} of the {} section", problem, self.pos, self.what)))
    }


    pub fn is_empty(&self) -> bool {
        self.pos >= self.bytes.len()
    }

    pub fn remaining(&self) -> usize {
        self.bytes.len().saturating_sub(self.pos)
    }

    pub fn take(&mut self, len: usize) -> Read<&'a [u8]> {
        let end = self.pos.checked_add(len).filter(|&end| end <= self.bytes.len());
        match end {
            Some(end) => {
                let slice = &self.bytes[self.pos..end];
                self.pos = end;
                Ok(slice)
            }
            None => Err(self.corrupt("unexpected end of data")),
        }
    }

    /// The bytes not read yet, without moving.
    pub fn rest(&self) -> &'a [u8] {
        self.bytes.get(self.pos..).unwrap_or(&[])
    }

    pub fn u8(&mut self) -> Read<u8> {
        Ok(self.take(1)?[0])
    }

    pub fn u32(&mut self) -> Read<u32> {
        let raw = self.take(4)?;
        Ok(u32::from_le_bytes([raw[0], raw[1], raw[2], raw[3]]))
    }

    pub fn f32(&mut self) -> Read<f32> {
        let value = f32::from_bits(self.u32()?);
        if value.is_finite() {
            Ok(value)
        } else {
            Err(self.corrupt("a number not finite"))
        }
    }

    #[inline(never)]
    pub fn varint(&mut self) -> Read<u32> {
        varint::read(self.bytes, &mut self.pos).ok_or_else(|| self.corrupt("a number cut short or too large"))
    }

    /// A count of items that each take at least `min_item_bytes`: checked against what is
    /// left, so a corrupt count cannot make us allocate gigabytes.
    pub fn count(&mut self, min_item_bytes: usize) -> Read<usize> {
        let count = self.varint()? as usize;
        if count.saturating_mul(min_item_bytes.max(1)) > self.remaining() {
            return Err(self.corrupt("a count beyond the data"));
        }
        Ok(count)
    }

    /// `count` varints (the caller has checked the count against the bytes left).
    pub fn varints(&mut self, count: usize) -> Read<Vec<u32>> {
        let mut values = Vec::with_capacity(count.min(self.remaining()));
        for _ in 0..count {
            values.push(self.varint()?);
        }
        Ok(values)
    }

    /// `count` texts, owned.
    pub fn strings(&mut self, count: usize) -> Read<Vec<String>> {
        let mut values = Vec::with_capacity(count.min(self.remaining()));
        for _ in 0..count {
            values.push(self.str()?.to_owned());
        }
        Ok(values)
    }

    #[inline(never)]
    pub fn str(&mut self) -> Read<&'a str> {
        let len = self.varint()? as usize;
        let raw = self.take(len)?;
        std::str::from_utf8(raw).map_err(|_| self.corrupt("text that is not UTF-8"))
    }

    /// Text up to the next newline, which is passed over (terms hold none).
    pub fn line(&mut self) -> Read<&'a str> {
        let rest = self.bytes.get(self.pos..).unwrap_or_default();
        let Some(len) = rest.iter().position(|&b| b == b'\n') else { return Err(self.corrupt("a term without its end")) };
        let raw = self.take(len + 1)?;
        std::str::from_utf8(&raw[..len]).map_err(|_| self.corrupt("text that is not UTF-8"))
    }

    pub fn opt_str(&mut self) -> Read<Option<&'a str>> {
        match self.u8()? {
            0 => Ok(None),
            1 => self.str().map(Some),
            _ => Err(self.corrupt("a bad optional-text marker")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_every_primitive() {
        let mut writer = ByteWriter::default();
        writer.u8(7);
        writer.u32(70_000);
        writer.f32(1.5);
        for value in [0, 127, 128, 16_384, u32::MAX] {
            writer.varint(value);
        }
        writer.str("héllo");
        writer.opt_str(None);
        writer.opt_str(Some("x"));
        let failure = Failure::default();
        let mut reader = ByteReader::new(&writer.bytes, "test", &failure);
        assert_eq!(reader.u8().unwrap(), 7);
        assert_eq!(reader.u32().unwrap(), 70_000);
        assert_eq!(reader.f32().unwrap(), 1.5);
        for value in [0, 127, 128, 16_384, u32::MAX] {
            assert_eq!(reader.varint().unwrap(), value);
        }
        assert_eq!(reader.str().unwrap(), "héllo");
        assert_eq!(reader.opt_str().unwrap(), None);
        assert_eq!(reader.opt_str().unwrap(), Some("x"));
        assert!(reader.is_empty());
    }

    #[test]
    fn bad_input_is_an_error_not_a_panic() {
        let failure = Failure::default();
        let reader = |bytes| ByteReader::new(bytes, "t", &failure);
        assert!(reader(&[0xff; 6]).varint().is_err());
        assert!(reader(&[5, b'a']).str().is_err());
        assert!(reader(&[2, 0xc3, 0x28]).str().is_err());
        assert!(reader(&[9]).opt_str().is_err());
        assert!(reader(&[200, 1]).count(1).is_err());
        assert!(reader(&0x7fc0_0000u32.to_le_bytes()).f32().is_err());
        assert!(failure.error().to_string().contains("a number cut short or too large at byte"), "the first failure is kept");
    }
}
