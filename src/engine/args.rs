//! Reading numbers and keywords out of arguments exactly the way Redis does:
//! its integer parser is stricter than Rust's (no `+`, no leading zeros, no
//! spaces), and which parser a command uses decides which inputs it accepts.

use super::errors;
use crate::reply::Reply;

/// Redis's `string2ll`: an optional `-`, then digits with no leading zero,
/// fitting in an i64. `"-0"`, `"+1"`, `" 1"` and `"01"` are all rejected.
pub fn parse_i64(s: &[u8]) -> Option<i64> {
    // The protocol parser reads counts with the same rules; one copy.
    crate::resp::string2ll(s)
}

/// An integer argument, or Redis's generic "not an integer" error.
pub fn int_arg(s: &[u8]) -> Result<i64, Reply> {
    parse_i64(s).ok_or_else(|| Reply::err(errors::NOT_INTEGER))
}

/// `getPositiveLongFromObjectOrReply` with a message: a non-number and a
/// negative number get the same error.
pub fn non_negative(a: &[u8], msg: &str) -> Result<i64, Reply> {
    match parse_i64(a) {
        Some(v) if v >= 0 => Ok(v),
        _ => Err(Reply::err(msg)),
    }
}

/// `getRangeLongFromObjectOrReply(.., 1, LONG_MAX, msg)`.
pub fn positive(a: &[u8], msg: &str) -> Result<i64, Reply> {
    match parse_i64(a) {
        Some(v) if v >= 1 => Ok(v),
        _ => Err(Reply::err(msg)),
    }
}

/// Redis's `strtod`-based parser for doubles (`getDoubleFromObject`): no
/// leading space, nothing left over, never NaN. `inf` and `-inf` pass, but
/// a number too large or too small for a double (`1e5000`, `1e-5000`) is
/// refused, as strtod's ERANGE makes Redis refuse it.
pub fn parse_f64(s: &[u8]) -> Option<f64> {
    let text = std::str::from_utf8(s).ok()?;
    let first = text.bytes().next()?;
    if first.is_ascii_whitespace() {
        return None;
    }
    let lower = text.to_ascii_lowercase();
    // One sign at most, as strtod reads it.
    let (neg, body) = match lower.strip_prefix('-') {
        Some(b) => (true, b),
        None => (false, lower.strip_prefix('+').unwrap_or(&lower)),
    };
    if body.starts_with(['+', '-']) {
        return None;
    }
    let magnitude: f64 = match body {
        "inf" | "infinity" => f64::INFINITY,
        // Rust accepts "nan" and "NaN"; strtod also does but Redis refuses it.
        t if t.starts_with("nan") => return None,
        t => {
            // strtod reads C99 hex floats too: `0x10`, `0x1.8p1`.
            let v = match t.strip_prefix("0x") {
                Some(hex) => parse_hex_float(hex)?,
                None => t.parse().ok()?,
            };
            // Out of a double's range: strtod sets ERANGE and Redis refuses.
            let mantissa = t.split(['e', 'p']).next().unwrap_or("");
            let nonzero = mantissa.bytes().any(|b| {
                b.is_ascii_hexdigit() && b != b'0' && (t.starts_with("0x") || b.is_ascii_digit())
            });
            if v.is_infinite() || (v == 0.0 && nonzero) {
                return None;
            }
            v
        }
    };
    let v = if neg { -magnitude } else { magnitude };
    if v.is_nan() {
        None
    } else {
        Some(v)
    }
}

/// The part of a C99 hex float after `0x`, lowercase: hex digits with an
/// optional point (at least one digit), then an optional `p` and a decimal
/// power of two. Overflow gives infinity, as strtod's ERANGE result.
fn parse_hex_float(t: &str) -> Option<f64> {
    let (mantissa, exp) = match t.split_once('p') {
        Some((m, e)) => (m, Some(e)),
        None => (t, None),
    };
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    if int.is_empty() && frac.is_empty() {
        return None;
    }
    let mut v = 0f64;
    for c in int.chars() {
        v = v * 16.0 + f64::from(c.to_digit(16)?);
    }
    let mut scale = 1.0 / 16.0;
    for c in frac.chars() {
        v += f64::from(c.to_digit(16)?) * scale;
        scale /= 16.0;
    }
    let e: i32 = match exp {
        None => 0,
        Some(e) => {
            let digits = e.trim_start_matches(['+', '-']);
            if digits.is_empty()
                || !digits.bytes().all(|b| b.is_ascii_digit())
                || e.len() - digits.len() > 1
            {
                return None;
            }
            // Past ±100000 the result is 0 or infinity whatever the mantissa.
            e.parse::<i64>()
                .unwrap_or(if e.starts_with('-') {
                    i64::MIN
                } else {
                    i64::MAX
                })
                .clamp(-100_000, 100_000) as i32
        }
    };
    Some(v * 2f64.powi(e))
}

/// The indexes of some inputs, smallest first and in input order among
/// equals: the order SINTER and ZINTER walk their inputs in. One unstable
/// sort of `(size, index)` pairs, which gives the stable order and is
/// shared by every caller (a stable sort per call site costs page weight).
pub fn by_size(sizes: impl Iterator<Item = usize>) -> Vec<usize> {
    let mut order: Vec<(usize, usize)> = sizes.enumerate().map(|(i, n)| (n, i)).collect();
    order.sort_unstable();
    order.into_iter().map(|(_, i)| i).collect()
}

pub fn eq_ignore_case(arg: &[u8], word: &str) -> bool {
    arg.eq_ignore_ascii_case(word.as_bytes())
}

/// Arguments as text for messages and lowercase lookups.
pub fn lower(arg: &[u8]) -> String {
    String::from_utf8_lossy(arg).to_ascii_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integers_follow_string2ll() {
        assert_eq!(parse_i64(b"0"), Some(0));
        assert_eq!(parse_i64(b"-12"), Some(-12));
        assert_eq!(parse_i64(b"9223372036854775807"), Some(i64::MAX));
        assert_eq!(parse_i64(b"-9223372036854775808"), Some(i64::MIN));
        for bad in [
            &b"9223372036854775808"[..],
            b"-0",
            b"+1",
            b"01",
            b" 1",
            b"1 ",
            b"",
            b"-",
            b"1a",
        ] {
            assert_eq!(parse_i64(bad), None, "{:?}", String::from_utf8_lossy(bad));
        }
    }

    #[test]
    fn doubles_follow_strtod_without_nan() {
        assert_eq!(parse_f64(b"1.5"), Some(1.5));
        assert_eq!(parse_f64(b"-inf"), Some(f64::NEG_INFINITY));
        assert_eq!(parse_f64(b"+inf"), Some(f64::INFINITY));
        assert_eq!(parse_f64(b"1e3"), Some(1000.0));
        assert_eq!(parse_f64(b"nan"), None);
        assert_eq!(parse_f64(b"0x10"), Some(16.0));
        assert_eq!(parse_f64(b"-0X1.8p1"), Some(-3.0));
        assert_eq!(parse_f64(b"0x1p-2"), Some(0.25));
        assert_eq!(parse_f64(b"0x"), None);
        assert_eq!(parse_f64(b"0x1p"), None);
        assert_eq!(parse_f64(b"0xg"), None);
        assert_eq!(parse_f64(b"1e5000"), None);
        assert_eq!(parse_f64(b"-1e-5000"), None);
        assert_eq!(parse_f64(b"0e-5000"), Some(0.0));
        assert_eq!(parse_f64(b"--1"), None);
        assert_eq!(parse_f64(b"-+1"), None);
        assert_eq!(parse_f64(b"+.5"), Some(0.5));
        assert_eq!(parse_f64(b" 1"), None);
        assert_eq!(parse_f64(b"1x"), None);
    }
}
