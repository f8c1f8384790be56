//! Number formatting as Redis does it.
//!
//! INCRBYFLOAT computes in C's `long double` (64-bit mantissa on x86) and
//! prints with `%.17Lf`, trailing zeros trimmed. Rust has no such type, and
//! plain f64 would print `0.1 + 0.2` as `0.30000000000000004` where Redis
//! prints `0.3`. For the inputs people type (short decimals) the extended
//! result printed to 17 places *is* the exact decimal sum, so we add exactly
//! in decimal while the sum fits in 18 significant digits, and fall back to
//! f64 printed the way Redis prints beyond that.

/// A decimal number as `mantissa * 10^-scale`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Decimal {
    mantissa: i128,
    scale: u32,
}

/// Parse plain decimal text (`-12.50`, `3e2`, `.5`); None for anything
/// else (hex, inf) or too many digits to hold exactly.
fn parse_decimal(text: &str) -> Option<Decimal> {
    let (neg, rest) = match text.as_bytes().first()? {
        b'-' => (true, text.get(1..)?),
        b'+' => (false, text.get(1..)?),
        _ => (false, text),
    };
    let (num, exp) = match rest.find(['e', 'E']) {
        Some(p) => (rest.get(..p)?, rest.get(p + 1..)?.parse::<i32>().ok()?),
        None => (rest, 0),
    };
    let (int_part, frac_part) = match num.split_once('.') {
        Some((i, f)) => (i, f),
        None => (num, ""),
    };
    if int_part.is_empty() && frac_part.is_empty() {
        return None;
    }
    if !int_part
        .bytes()
        .chain(frac_part.bytes())
        .all(|b| b.is_ascii_digit())
    {
        return None;
    }
    let digits = format!("{int_part}{frac_part}");
    let digits = digits.trim_start_matches('0');
    if digits.len() > 30 {
        return None;
    }
    let mut mantissa: i128 = if digits.is_empty() {
        0
    } else {
        digits.parse().ok()?
    };
    let mut scale = i64::try_from(frac_part.len()).ok()? - i64::from(exp);
    while scale < 0 {
        mantissa = mantissa.checked_mul(10)?;
        scale += 1;
    }
    if scale > 40 {
        return None;
    }
    if neg {
        mantissa = -mantissa;
    }
    Some(Decimal {
        mantissa,
        scale: scale as u32,
    })
}

fn add(a: Decimal, b: Decimal) -> Option<Decimal> {
    let scale = a.scale.max(b.scale);
    let up = |d: Decimal| d.mantissa.checked_mul(10i128.checked_pow(scale - d.scale)?);
    Some(Decimal {
        mantissa: up(a)?.checked_add(up(b)?)?,
        scale,
    })
}

/// Trim a fixed-point rendering the way Redis's `ld2string(.., LD_STR_HUMAN)` does.
fn trim_fixed(mut s: String) -> String {
    if s.contains('.') {
        while s.ends_with('0') {
            s.pop();
        }
        if s.ends_with('.') {
            s.pop();
        }
    }
    if s == "-0" {
        s = "0".to_string();
    }
    s
}

fn render(d: Decimal) -> String {
    let neg = d.mantissa < 0;
    let digits = d.mantissa.unsigned_abs().to_string();
    let scale = d.scale as usize;
    let padded = if digits.len() <= scale {
        format!("{}{}", "0".repeat(scale + 1 - digits.len()), digits)
    } else {
        digits
    };
    let split = padded.len() - scale;
    let (i, f) = padded.split_at(split);
    let body = if f.is_empty() {
        i.to_string()
    } else {
        format!("{i}.{f}")
    };
    trim_fixed(if neg { format!("-{body}") } else { body })
}

/// The text INCRBYFLOAT stores and replies for `current + incr`, where `sum`
/// is the f64 result already checked to be finite.
pub fn incrbyfloat_text(current: &str, incr: &str, sum: f64) -> String {
    if let (Some(a), Some(b)) = (parse_decimal(current), parse_decimal(incr)) {
        if let Some(s) = add(a, b) {
            let sig = s
                .mantissa
                .unsigned_abs()
                .to_string()
                .trim_end_matches('0')
                .len();
            let int_digits = (s.mantissa.unsigned_abs().to_string().len() as i64
                - i64::from(s.scale))
            .max(0) as usize;
            if s.scale <= 17 && sig.max(int_digits) <= 18 {
                return render(s);
            }
        }
    }
    human_long_double(sum)
}

/// `%.17Lf`, trimmed, of an f64: Redis's human-readable long double format.
pub fn human_long_double(v: f64) -> String {
    trim_fixed(format!("{v:.17}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sums_like_redis() {
        assert_eq!(incrbyfloat_text("10.50", "0.1", 10.6), "10.6");
        assert_eq!(incrbyfloat_text("0.1", "0.2", 0.1 + 0.2), "0.3");
        assert_eq!(incrbyfloat_text("5.0e3", "2.0e2", 5200.0), "5200");
        assert_eq!(incrbyfloat_text("0", "-1.5", -1.5), "-1.5");
        assert_eq!(incrbyfloat_text("1", "-1", 0.0), "0");
        assert_eq!(incrbyfloat_text("3", "1.5e-3", 3.0015), "3.0015");
    }
}
