//! INCRBYFLOAT's arithmetic: Redis adds in C's `long double`, which on
//! x86-64 is the x87 80-bit format (a 64-bit mantissa), reads numbers
//! with `strtold` and writes the sum with `%.17Lf`. A `f64` agrees on
//! short decimals but not beyond (`1e17` plus `0.3` keeps its `.296875`
//! in Redis), so this is that format, done exactly: numbers are read and
//! added as exact binary fractions over a small big-integer type, then
//! rounded once to 64 bits, to nearest with ties to even, as the FPU does;
//! printing expands the exact binary value to 17 decimals, rounded the way
//! glibc rounds.

use std::cmp::Ordering;

/// A finite long double: `(-1)^neg × man × 2^exp`. Not kept normalized
/// (a subnormal has fewer than 64 bits); zero is `man == 0`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Ld {
    neg: bool,
    man: u64,
    exp: i64,
}

/// Zero, what a missing key or field counts as.
pub const ZERO: Ld = Ld {
    neg: false,
    man: 0,
    exp: 0,
};

/// What reading a number gives: a value, or an infinity (`strtold` takes
/// "inf"; Redis then refuses the sum).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Read {
    Finite(Ld),
    Infinite,
}

/// The exponent of the smallest subnormal, 2^-16445, as `exp`.
const MIN_EXP: i64 = -16445;
/// The largest `exp` whose values stay below 2^16384.
const MAX_EXP: i64 = 16320;
/// Redis reads at most this many bytes as a long double
/// (`MAX_LONG_DOUBLE_CHARS` less the NUL).
const MAX_TEXT: usize = 5 * 1024 - 1;

// ----- a small unsigned big integer -----------------------------------------

/// Little-endian 32-bit limbs, no trailing zero limbs.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Big(Vec<u32>);

impl Big {
    fn from_u64(v: u64) -> Big {
        let mut b = Big(vec![v as u32, (v >> 32) as u32]);
        b.trim();
        b
    }

    fn trim(&mut self) {
        while self.0.last() == Some(&0) {
            self.0.pop();
        }
    }

    fn is_zero(&self) -> bool {
        self.0.is_empty()
    }

    fn bits(&self) -> u64 {
        match self.0.last() {
            None => 0,
            Some(top) => (self.0.len() as u64 - 1) * 32 + u64::from(32 - top.leading_zeros()),
        }
    }

    fn mul_add(&mut self, m: u32, a: u32) {
        let mut carry = u64::from(a);
        for limb in &mut self.0 {
            let v = u64::from(*limb) * u64::from(m) + carry;
            *limb = v as u32;
            carry = v >> 32;
        }
        if carry > 0 {
            self.0.push(carry as u32);
        }
        self.trim();
    }

    fn pow10(n: u64) -> Big {
        let mut b = Big::from_u64(1);
        let mut left = n;
        while left > 0 {
            let step = left.min(9);
            b.mul_add(10u32.pow(step as u32), 0);
            left -= step;
        }
        b
    }

    fn shl(&self, n: u64) -> Big {
        if self.is_zero() {
            return self.clone();
        }
        let (limbs, bits) = ((n / 32) as usize, (n % 32) as u32);
        let mut out = vec![0u32; limbs];
        let mut carry = 0u32;
        for &l in &self.0 {
            if bits == 0 {
                out.push(l);
            } else {
                out.push((l << bits) | carry);
                carry = l >> (32 - bits);
            }
        }
        if carry > 0 {
            out.push(carry);
        }
        let mut b = Big(out);
        b.trim();
        b
    }

    fn sub(&mut self, other: &Big) {
        let mut borrow = 0i64;
        for (i, limb) in self.0.iter_mut().enumerate() {
            let o = i64::from(other.0.get(i).copied().unwrap_or(0));
            let mut v = i64::from(*limb) - o - borrow;
            borrow = 0;
            if v < 0 {
                v += 1 << 32;
                borrow = 1;
            }
            *limb = v as u32;
        }
        self.trim();
    }

    fn add(&mut self, other: &Big) {
        let mut carry = 0u64;
        let n = self.0.len().max(other.0.len());
        self.0.resize(n, 0);
        for (i, limb) in self.0.iter_mut().enumerate() {
            let v = u64::from(*limb) + u64::from(other.0.get(i).copied().unwrap_or(0)) + carry;
            *limb = v as u32;
            carry = v >> 32;
        }
        if carry > 0 {
            self.0.push(carry as u32);
        }
    }

    fn cmp(&self, other: &Big) -> Ordering {
        self.0
            .len()
            .cmp(&other.0.len())
            .then_with(|| self.0.iter().rev().cmp(other.0.iter().rev()))
    }

    /// Divide by a small number in place; the remainder.
    fn div_small(&mut self, d: u32) -> u32 {
        let mut rem = 0u64;
        for limb in self.0.iter_mut().rev() {
            let v = (rem << 32) | u64::from(*limb);
            *limb = (v / u64::from(d)) as u32;
            rem = v % u64::from(d);
        }
        self.trim();
        rem as u32
    }

    fn decimal(mut self) -> String {
        if self.is_zero() {
            return "0".into();
        }
        let mut chunks = Vec::new();
        while !self.is_zero() {
            chunks.push(self.div_small(1_000_000_000));
        }
        let mut s = chunks.pop().map(|c| c.to_string()).unwrap_or_default();
        for c in chunks.iter().rev() {
            s.push_str(&format!("{c:09}"));
        }
        s
    }
}

// ----- rounding ---------------------------------------------------------------

/// `num / den × 2^exp2`, rounded to a long double (None: too large).
fn from_ratio(neg: bool, num: Big, den: &Big, exp2: i64) -> Option<Ld> {
    if num.is_zero() {
        return Some(Ld { neg, ..ZERO });
    }
    // Scale so that the quotient has 66 or 67 bits: 64 kept, two to round
    // with, and the remainder as the sticky part.
    let s = 66 - num.bits() as i64 + den.bits() as i64;
    let (n, d) = if s >= 0 {
        (num.shl(s as u64), den.clone())
    } else {
        (num, den.shl(s.unsigned_abs()))
    };
    let (mut q, rem) = divide(n, &d);
    let sticky = !rem.is_zero();
    let mut exp = exp2 - s;
    // Keep 64 bits, or fewer below the subnormal floor; round what goes to
    // nearest, ties to even.
    let width = 128 - i64::from(q.leading_zeros());
    let drop = (width - 64).max(MIN_EXP - exp);
    if drop > 0 {
        // The quotient has at most 67 bits: past 127 dropped bits all of
        // it is below half of the last kept one.
        let d = drop.min(127) as u32;
        let kept = q >> d;
        let half = 1u128 << (d - 1);
        let low = q & ((1u128 << d) - 1);
        let up = low > half || (low == half && (sticky || kept & 1 == 1));
        q = kept + u128::from(up);
        exp += drop;
    }
    if q >> 64 != 0 {
        q >>= 1;
        exp += 1;
    }
    if exp > MAX_EXP {
        return None;
    }
    Some(Ld {
        neg,
        man: q as u64,
        exp,
    })
}

/// Long division with a quotient of at most 67 bits.
fn divide(mut n: Big, d: &Big) -> (u128, Big) {
    let mut q: u128 = 0;
    for i in (0..68u64).rev() {
        let shifted = d.shl(i);
        if n.cmp(&shifted) != Ordering::Less {
            n.sub(&shifted);
            q |= 1u128 << i;
        }
    }
    (q, n)
}

// ----- reading: strtold -----------------------------------------------------------

/// Redis's `string2ld`: `strtold` over the whole text (at most 5 KB, no
/// leading space), refusing NaN, overflow, and underflow to zero. Decimal
/// and C99 hex forms, `inf` and `infinity`.
pub fn parse(text: &[u8]) -> Option<Read> {
    if text.is_empty() || text.len() > MAX_TEXT || text[0].is_ascii_whitespace() {
        return None;
    }
    let t = std::str::from_utf8(text).ok()?.to_ascii_lowercase();
    let (neg, body) = match t.as_bytes().first() {
        Some(b'-') => (true, &t[1..]),
        Some(b'+') => (false, &t[1..]),
        _ => (false, t.as_str()),
    };
    if body == "inf" || body == "infinity" {
        return Some(Read::Infinite);
    }
    let v = match body.strip_prefix("0x") {
        Some(hex) => parse_hex(neg, hex)?,
        None => parse_decimal(neg, body)?,
    };
    Some(Read::Finite(v))
}

/// Digits with at most one point, at least one digit: the digits as a
/// number, and how many came after the point.
fn mantissa(s: &str, radix: u32) -> Option<(Big, u64)> {
    let (int, frac) = s.split_once('.').unwrap_or((s, ""));
    if int.is_empty() && frac.is_empty() {
        return None;
    }
    let mut b = Big(Vec::new());
    for c in int.chars().chain(frac.chars()) {
        b.mul_add(radix, c.to_digit(radix)?);
    }
    Some((b, frac.len() as u64))
}

/// A decimal exponent: an optional sign, then digits (saturating).
fn exponent(s: &str) -> Option<i64> {
    let (neg, digits) = match s.as_bytes().first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let v = digits.bytes().fold(0i64, |acc, b| {
        acc.saturating_mul(10).saturating_add(i64::from(b - b'0'))
    });
    Some(if neg { -v } else { v })
}

fn parse_decimal(neg: bool, body: &str) -> Option<Ld> {
    let (m, e) = match body.split_once('e') {
        Some((m, e)) => (m, exponent(e)?),
        None => (body, 0),
    };
    let (digits, frac) = mantissa(m, 10)?;
    if digits.is_zero() {
        return Some(Ld { neg, ..ZERO });
    }
    let e = e.saturating_sub(frac as i64);
    // Far outside the format's range (about 1e±4951): overflow or
    // underflow to zero without building a huge power of ten.
    let magnitude = ((digits.bits() as f64 * std::f64::consts::LOG10_2) as i64).saturating_add(e);
    if !(-4970..=4940).contains(&magnitude) {
        return None;
    }
    let v = if e >= 0 {
        let mut num = digits;
        let p = Big::pow10(e as u64);
        num = mul(&num, &p);
        from_ratio(neg, num, &Big::from_u64(1), 0)?
    } else {
        from_ratio(neg, digits, &Big::pow10(e.unsigned_abs()), 0)?
    };
    // Underflow to zero: strtold's ERANGE, which Redis refuses.
    (v.man != 0).then_some(v)
}

fn parse_hex(neg: bool, hex: &str) -> Option<Ld> {
    let (m, p) = match hex.split_once('p') {
        Some((m, p)) => (m, exponent(p)?),
        None => (hex, 0),
    };
    let (digits, frac) = mantissa(m, 16)?;
    if digits.is_zero() {
        return Some(Ld { neg, ..ZERO });
    }
    let exp2 = p.saturating_sub(4 * frac as i64);
    if exp2.saturating_add(digits.bits() as i64) > 16400
        || exp2 < -(16445 + digits.bits() as i64 + 2)
    {
        return None;
    }
    let v = from_ratio(neg, digits, &Big::from_u64(1), exp2)?;
    (v.man != 0).then_some(v)
}

fn mul(a: &Big, b: &Big) -> Big {
    let mut out = vec![0u32; a.0.len() + b.0.len()];
    for (i, &x) in a.0.iter().enumerate() {
        let mut carry = 0u64;
        for (j, &y) in b.0.iter().enumerate() {
            let k = i + j;
            let v = u64::from(out[k]) + u64::from(x) * u64::from(y) + carry;
            out[k] = v as u32;
            carry = v >> 32;
        }
        let mut k = i + b.0.len();
        while carry > 0 {
            let v = u64::from(out[k]) + carry;
            out[k] = v as u32;
            carry = v >> 32;
            k += 1;
        }
    }
    let mut r = Big(out);
    r.trim();
    r
}

// ----- adding -------------------------------------------------------------------

/// `a + b` rounded once (None: the sum overflows to an infinity).
pub fn add(a: Ld, b: Ld) -> Option<Ld> {
    if a.man == 0 {
        return Some(b);
    }
    if b.man == 0 {
        return Some(a);
    }
    let base = a.exp.min(b.exp);
    let big = |x: Ld| Big::from_u64(x.man).shl((x.exp - base) as u64);
    let (mut x, y) = (big(a), big(b));
    let neg = if a.neg == b.neg {
        x.add(&y);
        a.neg
    } else {
        match x.cmp(&y) {
            Ordering::Equal => return Some(ZERO),
            Ordering::Greater => {
                x.sub(&y);
                a.neg
            }
            Ordering::Less => {
                let mut y = y;
                y.sub(&x);
                x = y;
                b.neg
            }
        }
    };
    from_ratio(neg, x, &Big::from_u64(1), base)
}

// ----- writing: %.17Lf ------------------------------------------------------------

/// Redis's LD_STR_HUMAN: `%.17Lf`, then trailing zeros (and a bare point)
/// dropped, and `-0` written `0`.
pub fn human(v: Ld) -> String {
    const SCALE: u64 = 100_000_000_000_000_000; // 10^17
    let (int, frac) = if v.exp >= 0 {
        (Big::from_u64(v.man).shl(v.exp as u64), 0u64)
    } else {
        let shift = v.exp.unsigned_abs();
        let man = Big::from_u64(v.man);
        // Integer part, and the fraction times 10^17 rounded to nearest,
        // ties to an even last digit.
        let int = shr(&man, shift);
        let mut frac_bits = man.clone();
        frac_bits.sub(&int.shl(shift));
        let scaled = mul(&frac_bits, &Big::from_u64(SCALE));
        let q = shr(&scaled, shift);
        let mut rest = scaled.clone();
        rest.sub(&q.shl(shift));
        let half = Big::from_u64(1).shl(shift - 1);
        let qv =
            q.0.iter()
                .rev()
                .fold(0u64, |acc, &l| (acc << 32) | u64::from(l));
        let up = match rest.cmp(&half) {
            Ordering::Greater => true,
            Ordering::Equal => qv & 1 == 1,
            Ordering::Less => false,
        };
        let qv = qv + u64::from(up);
        if qv == SCALE {
            let mut int = int;
            int.add(&Big::from_u64(1));
            (int, 0)
        } else {
            (int, qv)
        }
    };
    let mut s = String::new();
    if v.neg {
        s.push('-');
    }
    s.push_str(&int.decimal());
    let f = format!("{frac:017}");
    let f = f.trim_end_matches('0');
    if !f.is_empty() {
        s.push('.');
        s.push_str(f);
    }
    if s == "-0" {
        s = "0".into();
    }
    s
}

fn shr(b: &Big, n: u64) -> Big {
    let (limbs, bits) = ((n / 32) as usize, (n % 32) as u32);
    let src = b.0.get(limbs..).unwrap_or_default();
    let mut out: Vec<u32> = src
        .iter()
        .enumerate()
        .map(|(i, &l)| {
            let next = src.get(i + 1).copied().unwrap_or(0);
            if bits == 0 {
                l
            } else {
                (l >> bits) | (next << (32 - bits))
            }
        })
        .collect();
    while out.last() == Some(&0) {
        out.pop();
    }
    Big(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sum(a: &str, b: &str) -> Option<String> {
        let (Some(Read::Finite(x)), Some(Read::Finite(y))) =
            (parse(a.as_bytes()), parse(b.as_bytes()))
        else {
            return None;
        };
        add(x, y).map(human)
    }

    /// Replies redis-server 7.0 gave on x86-64 for these INCRBYFLOATs.
    #[test]
    fn sums_as_redis_server_on_x86_64() {
        assert_eq!(sum("0.2", "0.1").as_deref(), Some("0.3"));
        assert_eq!(
            sum("0.3", "1e17").as_deref(),
            Some("100000000000000000.296875")
        );
        assert_eq!(
            sum("100000000000000000.296875", "3").as_deref(),
            Some("100000000000000003.296875")
        );
        assert_eq!(
            sum("100000000000000003.296875", "1.5e-5").as_deref(),
            Some("100000000000000003.296875")
        );
        assert_eq!(sum("3", "5.0e3").as_deref(), Some("5003"));
        assert_eq!(
            sum("5003", "12345678901234567890").as_deref(),
            Some("12345678901234572893")
        );
        assert_eq!(sum("1.1", "2.2").as_deref(), Some("3.3"));
        assert_eq!(sum("3.3", "1e-30").as_deref(), Some("3.3"));
        assert_eq!(
            sum("3.3", "123456.789").as_deref(),
            Some("123460.08899999999999864")
        );
        assert_eq!(sum("10.50", "0.1").as_deref(), Some("10.6"));
        assert_eq!(sum("1", "-1").as_deref(), Some("0"));
        assert_eq!(sum("0x1p3", "0x.8").as_deref(), Some("8.5"));
    }

    #[test]
    fn reads_as_strtold_and_string2ld() {
        for bad in [
            "", " 1", "1 ", "1e", "0x", "0x1p", "nan", "1.2.3", "e5", "1e99999", "1e-99999", "--1",
        ] {
            assert_eq!(parse(bad.as_bytes()), None, "{bad:?}");
        }
        assert_eq!(parse(b"-inf"), Some(Read::Infinite));
        assert_eq!(
            parse(b"0e99999").map(|r| matches!(r, Read::Finite(_))),
            Some(true)
        );
        assert!(parse(&vec![b'1'; MAX_TEXT + 1]).is_none());
        // Near the top of the range: finite, then too large.
        assert!(matches!(parse(b"1e4932"), Some(Read::Finite(_))));
        assert_eq!(parse(b"2e4932"), None);
    }
}
