//! Reply encoding, RESP2 and RESP3, byte for byte as redis-server 7.0
//! writes them.

use crate::reply::Reply;

/// Append `reply` to `out` in protocol `resp` (3 for RESP3; anything else
/// is RESP2, the protocol every connection starts with).
///
/// RESP2 has no nulls of its own, no maps, sets, doubles, booleans, big
/// numbers, verbatim strings or pushes: they are written the way Redis
/// writes them to a RESP2 client, so a client cannot tell Reddish from Redis.
pub fn encode(reply: &Reply, resp: u8, out: &mut Vec<u8>) {
    let v3 = resp == 3;
    match reply {
        Reply::Simple(s) => line(out, b'+', s.as_bytes()),
        Reply::Error(s) => line(out, b'-', s.as_bytes()),
        Reply::Integer(n) => {
            out.push(b':');
            push_int(out, *n);
            out.extend_from_slice(b"\r\n");
        }
        Reply::Bulk(b) => bulk(out, b),
        Reply::Null => out.extend_from_slice(if v3 { b"_\r\n" } else { b"$-1\r\n" }),
        Reply::NullArray => out.extend_from_slice(if v3 { b"_\r\n" } else { b"*-1\r\n" }),
        Reply::Array(items) => {
            header(out, b'*', items.len());
            for item in items {
                encode(item, resp, out);
            }
        }
        Reply::Map(pairs) => {
            if v3 {
                header(out, b'%', pairs.len());
            } else {
                header(out, b'*', pairs.len().saturating_mul(2));
            }
            for (k, v) in pairs {
                encode(k, resp, out);
                encode(v, resp, out);
            }
        }
        Reply::Set(items) => {
            header(out, if v3 { b'~' } else { b'*' }, items.len());
            for item in items {
                encode(item, resp, out);
            }
        }
        Reply::Push(items) => {
            header(out, if v3 { b'>' } else { b'*' }, items.len());
            for item in items {
                encode(item, resp, out);
            }
        }
        Reply::Attributed(attributes, reply) => {
            if v3 {
                header(out, b'|', attributes.len());
                for (k, v) in attributes {
                    encode(k, resp, out);
                    encode(v, resp, out);
                }
            }
            encode(reply, resp, out);
        }
        Reply::Double(d) => {
            let text = format_double(*d);
            if v3 {
                line(out, b',', text.as_bytes());
            } else {
                bulk(out, text.as_bytes());
            }
        }
        Reply::Boolean(b) => out.extend_from_slice(match (v3, *b) {
            (true, true) => b"#t\r\n",
            (true, false) => b"#f\r\n",
            (false, true) => b":1\r\n",
            (false, false) => b":0\r\n",
        }),
        Reply::BigNumber(digits) => {
            if v3 {
                line(out, b'(', digits.as_bytes());
            } else {
                bulk(out, digits.as_bytes());
            }
        }
        Reply::Verbatim(format, text) => {
            if v3 {
                // The format is always three bytes on the wire; a malformed
                // one must not desynchronise the client's parser.
                let format = if format.len() == 3 {
                    format.as_bytes()
                } else {
                    b"txt"
                };
                header(out, b'=', text.len() + 4);
                out.extend_from_slice(format);
                out.push(b':');
                out.extend_from_slice(text);
                out.extend_from_slice(b"\r\n");
            } else {
                bulk(out, text);
            }
        }
    }
}

/// The encoding of one reply as a fresh buffer.
pub fn encode_to_vec(reply: &Reply, resp: u8) -> Vec<u8> {
    let mut out = Vec::new();
    encode(reply, resp, &mut out);
    out
}

/// A double as Redis 7.0 prints it in replies: C's `%.17g`, except that
/// infinities are always `inf`/`-inf` (Redis special-cases them because some
/// libcs spell them differently). NaN follows glibc: `nan`, or `-nan` when
/// the sign bit is set.
///
/// `%.17g` is not the shortest round-trip form: 0.1 prints as
/// `0.10000000000000001`, as redis-server does.
pub fn format_double(x: f64) -> String {
    if x.is_nan() {
        return if x.is_sign_negative() {
            "-nan".into()
        } else {
            "nan".into()
        };
    }
    if x.is_infinite() {
        return if x > 0.0 { "inf".into() } else { "-inf".into() };
    }
    let mut s = String::with_capacity(24);
    if x.is_sign_negative() {
        s.push('-');
    }
    let x = x.abs();
    if x == 0.0 {
        s.push('0');
        return s;
    }
    // Whole numbers below 10^17 print as their digits under %.17g (the
    // usual case for scores: counts, timestamps); skip the %e detour.
    if x < 1e17 && x.fract() == 0.0 {
        s.push_str(&(x as u64).to_string());
        return s;
    }
    // %g picks its style from the exponent of the %e rendering at the same
    // precision (C11 7.21.6.1), so the 17 correctly rounded significant
    // digits come from Rust's exact `{:e}` (which, like glibc, rounds ties
    // to even) and are only laid out here.
    let sci = format!("{:.16e}", x);
    let (mantissa, exp) = match sci.split_once('e') {
        Some((m, e)) => (m, e.parse::<i32>().unwrap_or(0)),
        None => (sci.as_str(), 0),
    };
    let digits: Vec<u8> = mantissa.bytes().filter(u8::is_ascii_digit).collect();
    if !(-4..17).contains(&exp) {
        // d.ddddde±XX, trailing zeros of the fraction dropped.
        let frac = trim_zeros(digits.get(1..).unwrap_or_default());
        s.push(char::from(*digits.first().unwrap_or(&b'0')));
        if !frac.is_empty() {
            s.push('.');
            s.push_str(&String::from_utf8_lossy(frac));
        }
        s.push('e');
        s.push(if exp < 0 { '-' } else { '+' });
        let e = exp.unsigned_abs();
        if e < 10 {
            s.push('0');
        }
        s.push_str(&e.to_string());
    } else if exp >= 0 {
        let point = (exp as usize + 1).min(digits.len());
        let (int, frac) = digits.split_at(point);
        s.push_str(&String::from_utf8_lossy(int));
        let frac = trim_zeros(frac);
        if !frac.is_empty() {
            s.push('.');
            s.push_str(&String::from_utf8_lossy(frac));
        }
    } else {
        s.push_str("0.");
        for _ in 0..(-exp - 1) {
            s.push('0');
        }
        s.push_str(&String::from_utf8_lossy(trim_zeros(&digits)));
    }
    s
}

fn trim_zeros(digits: &[u8]) -> &[u8] {
    let keep = digits.iter().rposition(|&d| d != b'0').map_or(0, |i| i + 1);
    digits.get(..keep).unwrap_or_default()
}

/// A status or error line. Redis never lets CR or LF into one (it would
/// end the line early and desynchronise the client); `Reply::err` already
/// guarantees that, this covers replies built by hand.
fn line(out: &mut Vec<u8>, prefix: u8, text: &[u8]) {
    out.push(prefix);
    if text.iter().any(|&b| b == b'\r' || b == b'\n') {
        out.extend(
            text.iter()
                .map(|&b| if b == b'\r' || b == b'\n' { b' ' } else { b }),
        );
    } else {
        out.extend_from_slice(text);
    }
    out.extend_from_slice(b"\r\n");
}

fn bulk(out: &mut Vec<u8>, data: &[u8]) {
    header(out, b'$', data.len());
    out.extend_from_slice(data);
    out.extend_from_slice(b"\r\n");
}

fn header(out: &mut Vec<u8>, prefix: u8, len: usize) {
    out.push(prefix);
    push_uint(out, len as u64);
    out.extend_from_slice(b"\r\n");
}

/// Decimal digits without going through `fmt`: the server writes one of
/// these per reply, so it is on the hot path.
fn push_uint(out: &mut Vec<u8>, mut n: u64) {
    let mut tmp = [0u8; 20];
    let mut i = tmp.len();
    loop {
        i -= 1;
        if let Some(slot) = tmp.get_mut(i) {
            *slot = b'0' + (n % 10) as u8;
        }
        n /= 10;
        if n == 0 || i == 0 {
            break;
        }
    }
    out.extend_from_slice(tmp.get(i..).unwrap_or_default());
}

fn push_int(out: &mut Vec<u8>, n: i64) {
    if n < 0 {
        out.push(b'-');
    }
    push_uint(out, n.unsigned_abs());
}

#[cfg(test)]
mod tests {
    use super::*;

    fn enc(r: &Reply, resp: u8) -> String {
        String::from_utf8_lossy(&encode_to_vec(r, resp)).into_owned()
    }

    #[test]
    fn scalars_both_protocols() {
        for resp in [2, 3] {
            assert_eq!(enc(&Reply::ok(), resp), "+OK\r\n");
            assert_eq!(enc(&Reply::err("ERR boom"), resp), "-ERR boom\r\n");
            assert_eq!(enc(&Reply::Integer(0), resp), ":0\r\n");
            assert_eq!(enc(&Reply::Integer(-42), resp), ":-42\r\n");
            assert_eq!(
                enc(&Reply::Integer(i64::MIN), resp),
                ":-9223372036854775808\r\n"
            );
            assert_eq!(
                enc(&Reply::Integer(i64::MAX), resp),
                ":9223372036854775807\r\n"
            );
            assert_eq!(enc(&Reply::bulk("hello"), resp), "$5\r\nhello\r\n");
            assert_eq!(enc(&Reply::bulk(""), resp), "$0\r\n\r\n");
            assert_eq!(enc(&Reply::Array(vec![]), resp), "*0\r\n");
        }
    }

    #[test]
    fn resp2_downgrades() {
        assert_eq!(enc(&Reply::Null, 2), "$-1\r\n");
        assert_eq!(enc(&Reply::NullArray, 2), "*-1\r\n");
        let map = Reply::Map(vec![
            (Reply::bulk("a"), Reply::Integer(1)),
            (Reply::bulk("b"), Reply::Null),
        ]);
        assert_eq!(enc(&map, 2), "*4\r\n$1\r\na\r\n:1\r\n$1\r\nb\r\n$-1\r\n");
        assert_eq!(
            enc(&Reply::Set(vec![Reply::bulk("x")]), 2),
            "*1\r\n$1\r\nx\r\n"
        );
        assert_eq!(enc(&Reply::Double(1.5), 2), "$3\r\n1.5\r\n");
        assert_eq!(enc(&Reply::Double(3.0), 2), "$1\r\n3\r\n");
        assert_eq!(enc(&Reply::Double(f64::INFINITY), 2), "$3\r\ninf\r\n");
        assert_eq!(enc(&Reply::Double(f64::NEG_INFINITY), 2), "$4\r\n-inf\r\n");
        assert_eq!(enc(&Reply::Boolean(true), 2), ":1\r\n");
        assert_eq!(enc(&Reply::Boolean(false), 2), ":0\r\n");
        assert_eq!(
            enc(&Reply::BigNumber("12345678901234567890".into()), 2),
            "$20\r\n12345678901234567890\r\n"
        );
        assert_eq!(
            enc(&Reply::Verbatim("txt".into(), b"hi".to_vec()), 2),
            "$2\r\nhi\r\n"
        );
        let push = Reply::Push(vec![
            Reply::bulk("message"),
            Reply::bulk("ch"),
            Reply::bulk("m"),
        ]);
        assert_eq!(
            enc(&push, 2),
            "*3\r\n$7\r\nmessage\r\n$2\r\nch\r\n$1\r\nm\r\n"
        );
    }

    #[test]
    fn resp3_native() {
        assert_eq!(enc(&Reply::Null, 3), "_\r\n");
        assert_eq!(enc(&Reply::NullArray, 3), "_\r\n");
        let map = Reply::Map(vec![(Reply::bulk("a"), Reply::Integer(1))]);
        assert_eq!(enc(&map, 3), "%1\r\n$1\r\na\r\n:1\r\n");
        assert_eq!(enc(&Reply::Map(vec![]), 3), "%0\r\n");
        assert_eq!(
            enc(&Reply::Set(vec![Reply::bulk("x")]), 3),
            "~1\r\n$1\r\nx\r\n"
        );
        assert_eq!(enc(&Reply::Double(0.1), 3), ",0.10000000000000001\r\n");
        assert_eq!(enc(&Reply::Double(3.0), 3), ",3\r\n");
        assert_eq!(enc(&Reply::Double(f64::INFINITY), 3), ",inf\r\n");
        assert_eq!(enc(&Reply::Double(f64::NEG_INFINITY), 3), ",-inf\r\n");
        assert_eq!(enc(&Reply::Double(f64::NAN), 3), ",nan\r\n");
        assert_eq!(enc(&Reply::Boolean(true), 3), "#t\r\n");
        assert_eq!(enc(&Reply::Boolean(false), 3), "#f\r\n");
        assert_eq!(enc(&Reply::BigNumber("-7".into()), 3), "(-7\r\n");
        assert_eq!(
            enc(&Reply::Verbatim("txt".into(), b"Some string".to_vec()), 3),
            "=15\r\ntxt:Some string\r\n"
        );
        assert_eq!(
            enc(&Reply::Verbatim("toolong".into(), b"x".to_vec()), 3),
            "=5\r\ntxt:x\r\n"
        );
        let push = Reply::Push(vec![Reply::bulk("message")]);
        assert_eq!(enc(&push, 3), ">1\r\n$7\r\nmessage\r\n");
        let nested = Reply::Array(vec![
            Reply::Map(vec![(Reply::simple("k"), Reply::Set(vec![]))]),
            Reply::Null,
        ]);
        assert_eq!(enc(&nested, 3), "*2\r\n%1\r\n+k\r\n~0\r\n_\r\n");
        assert_eq!(enc(&nested, 2), "*2\r\n*2\r\n+k\r\n*0\r\n$-1\r\n");
    }

    #[test]
    fn lines_never_carry_newlines() {
        assert_eq!(enc(&Reply::Error("ERR a\r\nb".into()), 2), "-ERR a  b\r\n");
        assert_eq!(enc(&Reply::Simple("a\nb".into()), 3), "+a b\r\n");
    }

    #[test]
    fn double_matches_printf_17g() {
        // Expected values are glibc's printf("%.17g"), as redis-server 7.0
        // prints them (checked against ZSCORE on a real server).
        let cases: &[(f64, &str)] = &[
            (0.0, "0"),
            (-0.0, "-0"),
            (1.0, "1"),
            (-1.0, "-1"),
            (1.5, "1.5"),
            (3.0, "3"),
            (0.1, "0.10000000000000001"),
            (0.2, "0.20000000000000001"),
            (0.3, "0.29999999999999999"),
            (1.0 / 3.0, "0.33333333333333331"),
            (2.0 / 3.0, "0.66666666666666663"),
            (100.0, "100"),
            (123456.789, "123456.789"),
            (1e16, "10000000000000000"),
            (1e17, "1e+17"),
            (1.5e17, "1.5e+17"),
            (1e20, "1e+20"),
            (123456789012345678.0, "1.2345678901234568e+17"),
            (99999999999999999.0, "1e+17"),
            (12345678901234567.0, "12345678901234568"),
            (0.0001, "0.0001"),
            (0.00012345, "0.00012344999999999999"),
            (0.00001, "1.0000000000000001e-05"),
            (1e-5, "1.0000000000000001e-05"),
            (1.5e-7, "1.4999999999999999e-07"),
            (1e-100, "1e-100"),
            (1e100, "1e+100"),
            (5e-324, "4.9406564584124654e-324"),
            (f64::MAX, "1.7976931348623157e+308"),
            (f64::MIN_POSITIVE, "2.2250738585072014e-308"),
            // Ties at the 17th digit round to even, as glibc does.
            (1234567890123456.0 + 0.25, "1234567890123456.2"),
            (1234567890123456.0 + 0.75, "1234567890123456.8"),
            (9007199254740992.0 + 1.0, "9007199254740992"),
            (-2.5, "-2.5"),
            (0.5, "0.5"),
            (1e15, "1000000000000000"),
            (2.675, "2.6749999999999998"),
            (42.0, "42"),
            (-1e-300, "-1e-300"),
        ];
        for (x, want) in cases {
            assert_eq!(format_double(*x), *want, "format_double({x:e})");
        }
        assert_eq!(format_double(f64::INFINITY), "inf");
        assert_eq!(format_double(f64::NEG_INFINITY), "-inf");
        assert_eq!(format_double(f64::NAN), "nan");
        assert_eq!(format_double(-f64::NAN), "-nan");
    }

    #[test]
    fn double_round_trips() {
        // 17 significant digits always identify a double uniquely.
        let mut s: u64 = 0x9e3779b97f4a7c15;
        for _ in 0..20_000 {
            s ^= s << 13;
            s ^= s >> 7;
            s ^= s << 17;
            let x = f64::from_bits(s);
            if !x.is_finite() {
                continue;
            }
            let text = format_double(x);
            let back: f64 = text.parse().unwrap_or(f64::NAN);
            assert_eq!(back.to_bits(), x.to_bits(), "{text}");
        }
    }
}
