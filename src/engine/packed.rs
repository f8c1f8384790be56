//! The pieces of a packed (listpack-like) buffer that a hash's and a
//! sorted set's small forms share: a `u32` count in front, then
//! length-prefixed strings with LEB128 lengths (one byte below 128).

/// Bytes of the element count at the start of a packed buffer.
pub const HEADER: usize = 4;

/// Where the first element starts (an empty buffer has no header yet).
pub fn first(buf: &[u8]) -> usize {
    HEADER.min(buf.len())
}

/// The element count a buffer holds.
pub fn count(buf: &[u8]) -> usize {
    match buf.get(..HEADER) {
        Some(&[a, b, c, d]) => u32::from_le_bytes([a, b, c, d]) as usize,
        _ => 0,
    }
}

/// Add `delta` to the count, writing the header if it is missing.
pub fn add_count(buf: &mut Vec<u8>, delta: isize) {
    if buf.len() < HEADER {
        buf.resize(HEADER, 0);
    }
    let n = count(buf).saturating_add_signed(delta);
    if let Some(h) = buf.get_mut(..HEADER) {
        h.copy_from_slice(&u32::try_from(n).unwrap_or(u32::MAX).to_le_bytes());
    }
}

/// Make room for `extra` more bytes (and the header, if missing) and no
/// more: a packed buffer stays the size of what it holds.
pub fn reserve(buf: &mut Vec<u8>, extra: usize) {
    buf.reserve_exact(extra + HEADER.saturating_sub(buf.len()));
}

/// Append `bytes` with its length in front.
pub fn put_str(out: &mut Vec<u8>, bytes: &[u8]) {
    let mut n = bytes.len();
    loop {
        let byte = (n & 0x7f) as u8;
        n >>= 7;
        if n == 0 {
            out.push(byte);
            break;
        }
        out.push(byte | 0x80);
    }
    out.extend_from_slice(bytes);
}

/// The length-prefixed string at `pos`: its bytes and the position after.
pub fn take_str(buf: &[u8], mut pos: usize) -> Option<(&[u8], usize)> {
    let mut n = 0usize;
    let mut shift = 0;
    loop {
        let b = *buf.get(pos)?;
        pos += 1;
        n |= usize::from(b & 0x7f).checked_shl(shift)?;
        if b & 0x80 == 0 {
            break;
        }
        shift += 7;
    }
    let end = pos.checked_add(n)?;
    Some((buf.get(pos..end)?, end))
}
