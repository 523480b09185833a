//! LEB128 varints, the one implementation: small numbers, the common case in postings and
//! lengths, take one byte. The writer, the bounds-checked section reader and the posting
//! walks all go through these two functions.

/// Appends `value` as a varint.
pub fn write(out: &mut Vec<u8>, mut value: u32) {
    while value >= 0x80 {
        out.push((value as u8) | 0x80);
        value >>= 7;
    }
    out.push(value as u8);
}

/// Reads the varint at `bytes[*pos..]` and moves `pos` past it. `None` when the bytes end
/// first, or when the number does not fit in 32 bits (more than five bytes, or high bits set
/// in the fifth): the same bytes always decode the same way or not at all.
#[inline]
pub fn read(bytes: &[u8], pos: &mut usize) -> Option<u32> {
    let mut value: u32 = 0;
    for shift in [0u32, 7, 14, 21, 28] {
        let byte = *bytes.get(*pos)?;
        *pos += 1;
        let bits = u32::from(byte & 0x7f);
        if shift == 28 && bits > 0x0f {
            return None;
        }
        value |= bits << shift;
        if byte & 0x80 == 0 {
            return Some(value);
        }
    }
    None
}

/// Signed differences as small unsigned numbers: 0, -1, 1, -2… become 0, 1, 2, 3…
pub fn zigzag(value: i64) -> u32 {
    ((value << 1) ^ (value >> 63)) as u32
}

pub fn unzigzag(value: u32) -> i64 {
    i64::from(value >> 1) ^ -i64::from(value & 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_rejects_what_does_not_fit() {
        let values = [0, 1, 127, 128, 300, 16_384, 2_097_151, u32::MAX];
        let mut bytes = Vec::new();
        for value in values {
            write(&mut bytes, value);
        }
        let mut pos = 0;
        for value in values {
            assert_eq!(read(&bytes, &mut pos), Some(value));
        }
        assert_eq!(pos, bytes.len());
        assert_eq!(read(&[0x80, 0x80], &mut 0), None, "cut short");
        assert_eq!(read(&[0xff, 0xff, 0xff, 0xff, 0x1f], &mut 0), None, "33 bits");
        assert_eq!(read(&[0xff; 6], &mut 0), None, "too long");
    }

    #[test]
    fn zigzag_keeps_small_differences_small() {
        for value in [0i64, -1, 1, -2, 2, 1000, -1000, i64::from(i32::MAX), i64::from(i32::MIN)] {
            assert_eq!(unzigzag(zigzag(value)), value);
        }
        assert_eq!(zigzag(-1), 1);
        assert_eq!(zigzag(1), 2);
    }
}
