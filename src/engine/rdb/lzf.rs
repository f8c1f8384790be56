//! LZF, the compression Redis applies to strings longer than 20 bytes in
//! RDB files and DUMP payloads (`rdbcompression yes`).
//!
//! The format (liblzf 3.6, which Redis carries): a control byte below 32
//! starts a run of that many plus one literal bytes; any other control
//! byte is a back-reference `LLLooooo`, its length field `LLL` plus two
//! bytes long (7 means a second byte adds to it), at an offset of the low
//! five bits and the next byte, plus one, behind the output.
//!
//! Decompressing needs only the format. Compressing the way Redis does
//! matters too: DUMP answers must be the same bytes as redis-server's,
//! so [`Compressor`] makes the choices liblzf's compressor makes with
//! Redis's build settings (a 2^16-slot hash table of three-byte
//! prefixes, the "very fast" rehash of two positions after each match,
//! references at most 8192 bytes back and 264 long, never one to the
//! input's first byte). Redis leaves that table uninitialised, so a stale
//! slot could in principle offer a different match; we start each string
//! with an empty table, which is what a fresh table gives.

const HLOG: u32 = 16;
const HSIZE: usize = 1 << HLOG;
const MAX_LIT: usize = 1 << 5;
const MAX_OFF: usize = 1 << 13;
const MAX_REF: usize = (1 << 8) + (1 << 3);

/// The longest output one input byte can become: a three-byte
/// back-reference covers at most `MAX_REF` bytes.
pub const MAX_RATIO: usize = 132;

/// The hash of the three bytes ending at `v`'s low byte, as liblzf's
/// "very fast" setting computes it (on 32-bit wrapping arithmetic).
fn slot(v: u32) -> usize {
    ((v >> (24 - HLOG)).wrapping_sub(v.wrapping_mul(5)) as usize) & (HSIZE - 1)
}

/// A compressor with its hash table, reused across strings so that a
/// dataset of many short values does not clear half a megabyte each.
/// Slots hold `base + position + 1`; a slot at or below this string's
/// `base` was written for an earlier string and counts as empty.
#[derive(Default)]
pub struct Compressor {
    table: Vec<u64>,
    base: u64,
}

impl Compressor {
    /// `input` compressed into at most `limit` bytes, or `None` when it
    /// does not fit (the caller then stores it as it is).
    pub fn compress(&mut self, input: &[u8], limit: usize) -> Option<Vec<u8>> {
        let n = input.len();
        if n == 0 || limit == 0 {
            return None;
        }
        if self.table.is_empty() {
            self.table = vec![0; HSIZE];
        }
        let base = self.base;
        // The next string's positions start above every one of this one's.
        self.base = base + n as u64 + 1;
        let at = |i: usize| u32::from(input.get(i).copied().unwrap_or(0));
        // Room for liblzf's writes just past `limit`, which it makes
        // before noticing it ran out; the result is cut to what it counts.
        let mut out = vec![0u8; limit + 4];
        let mut op = 1usize;
        let mut lit = 0usize;
        let mut ip = 0usize;
        let mut hval = (at(0) << 8) | at(1);
        while ip + 2 < n {
            hval = (hval << 8) | at(ip + 2);
            let s = slot(hval);
            let stored = self.table[s];
            self.table[s] = base + ip as u64 + 1;
            let reference = (stored > base).then(|| (stored - base - 1) as usize);
            let matched = reference.filter(|&r| {
                r < ip
                    && ip - r - 1 < MAX_OFF
                    && r > 0
                    && input.get(r..r + 3) == input.get(ip..ip + 3)
            });
            if let Some(r) = matched {
                let off = ip - r - 1;
                let mut len = 2usize;
                let maxlen = (n - ip - len).min(MAX_REF);
                if op + 4 >= limit && op - usize::from(lit == 0) + 4 >= limit {
                    return None;
                }
                out[op - lit - 1] = (lit as u8).wrapping_sub(1);
                op -= usize::from(lit == 0);
                let mut mismatch = false;
                if maxlen > 16 {
                    for _ in 0..16 {
                        len += 1;
                        if input[r + len] != input[ip + len] {
                            mismatch = true;
                            break;
                        }
                    }
                }
                if !mismatch {
                    loop {
                        len += 1;
                        if !(len < maxlen && input[r + len] == input[ip + len]) {
                            break;
                        }
                    }
                }
                len -= 2;
                ip += 1;
                if len < 7 {
                    out[op] = ((off >> 8) + (len << 5)) as u8;
                    op += 1;
                } else {
                    out[op] = ((off >> 8) + (7 << 5)) as u8;
                    out[op + 1] = (len - 7) as u8;
                    op += 2;
                }
                out[op] = off as u8;
                op += 2;
                lit = 0;
                ip += len + 1;
                if ip + 2 >= n {
                    break;
                }
                // Hash the two positions just before the new one.
                ip -= 2;
                hval = (at(ip) << 8) | at(ip + 1);
                hval = (hval << 8) | at(ip + 2);
                self.table[slot(hval)] = base + ip as u64 + 1;
                ip += 1;
                hval = (hval << 8) | at(ip + 2);
                self.table[slot(hval)] = base + ip as u64 + 1;
                ip += 1;
            } else {
                if op >= limit {
                    return None;
                }
                literal(&mut out, &mut op, &mut lit, input[ip]);
                ip += 1;
            }
        }
        if op + 3 > limit {
            return None;
        }
        while ip < n {
            literal(&mut out, &mut op, &mut lit, input[ip]);
            ip += 1;
        }
        out[op - lit - 1] = (lit as u8).wrapping_sub(1);
        op -= usize::from(lit == 0);
        out.truncate(op);
        Some(out)
    }
}

/// Copy one literal byte into the open run, closing the run (its length
/// byte written in front of it) and opening the next at `MAX_LIT`.
fn literal(out: &mut [u8], op: &mut usize, lit: &mut usize, b: u8) {
    *lit += 1;
    out[*op] = b;
    *op += 1;
    if *lit == MAX_LIT {
        out[*op - *lit - 1] = (*lit - 1) as u8;
        *lit = 0;
        *op += 1;
    }
}

/// `data` decompressed to exactly `len` bytes, or `None` when it is not
/// valid LZF of that length. `len` is checked against what `data` could
/// possibly expand to before anything is allocated.
pub fn decompress(data: &[u8], len: usize) -> Option<Vec<u8>> {
    if len > data.len().saturating_mul(MAX_RATIO) {
        return None;
    }
    // Grown as bytes come, not reserved from the promised length: a
    // header may promise gigabytes the data cannot deliver.
    let mut out: Vec<u8> = Vec::with_capacity(len.min(data.len().saturating_mul(4)));
    let mut ip = 0usize;
    while ip < data.len() {
        let ctrl = usize::from(data[ip]);
        ip += 1;
        if ctrl < 32 {
            let run = data.get(ip..ip + ctrl + 1)?;
            if out.len() + run.len() > len {
                return None;
            }
            out.extend_from_slice(run);
            ip += ctrl + 1;
        } else {
            let mut n = ctrl >> 5;
            if n == 7 {
                n += usize::from(*data.get(ip)?);
                ip += 1;
            }
            let back = ((ctrl & 0x1f) << 8) + usize::from(*data.get(ip)?) + 1;
            ip += 1;
            let n = n + 2;
            if out.len() + n > len || back > out.len() {
                return None;
            }
            let from = out.len() - back;
            // Byte by byte: a reference may overlap what it writes.
            for i in 0..n {
                let b = out[from + i];
                out.push(b);
            }
        }
    }
    (out.len() == len).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roundtrip(input: &[u8]) -> Option<Vec<u8>> {
        let c = Compressor::default().compress(input, input.len().saturating_sub(4))?;
        assert_eq!(decompress(&c, input.len()).as_deref(), Some(input));
        Some(c)
    }

    #[test]
    fn compresses_repeats_as_liblzf_does() {
        // What redis-server 7.0's DUMP holds after `SET k` of 49 a's
        // (c3 09 31, then these nine bytes): never a reference to the
        // first byte, none into the last two.
        let c = roundtrip(&[b'a'; 49]).unwrap();
        assert_eq!(c, [0x01, 0x61, 0x61, 0xe0, 0x24, 0x00, 0x01, 0x61, 0x61]);
        let c = roundtrip(b"hello world hello world hello world").unwrap();
        let mut want = vec![0x0c];
        want.extend_from_slice(b"hello world h");
        want.extend_from_slice(&[0xe0, 0x0b, 0x0b, 0x01, b'l', b'd']);
        assert_eq!(c, want);
    }

    #[test]
    fn random_bytes_do_not_compress_and_text_round_trips() {
        let mut rng = fastrand::Rng::with_seed(7);
        let noise: Vec<u8> = (0..300).map(|_| rng.u8(..)).collect();
        assert_eq!(roundtrip(&noise), None);
        let mut text = Vec::new();
        for i in 0..2000 {
            text.extend_from_slice(format!("user:{i}:name,").as_bytes());
        }
        let c = roundtrip(&text).unwrap();
        assert!(c.len() < text.len() / 2);
        // The table is reused: the same input compresses the same way.
        let mut z = Compressor::default();
        let a = z.compress(&text, text.len()).unwrap();
        let b = z.compress(&text, text.len()).unwrap();
        assert_eq!(a, b);
        assert_eq!(a, c);
    }

    #[test]
    fn bad_input_is_refused() {
        assert_eq!(decompress(&[0x05, b'a'], 6), None); // literal run past the end
        assert_eq!(decompress(&[0x20, 0x05], 3), None); // reference before the start
        assert_eq!(decompress(&[0x00, b'a'], 2), None); // shorter than promised
        assert_eq!(decompress(&[0x00, b'a'], 1 << 40), None); // impossible length
        assert_eq!(
            decompress(&[0x00, b'a', 0x20, 0x00], 4),
            Some(b"aaaa".to_vec())
        );
    }
}
