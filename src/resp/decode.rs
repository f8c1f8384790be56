//! Reply decoding, for tests, the "raw protocol" view and future clients.
//! Strict where the encoder is (lengths, CRLF), since it reads servers,
//! not people; still never panics and never trusts a length to allocate.

use crate::reply::Reply;

/// Deeper nesting than any real reply; the limit keeps a hostile stream
/// from exhausting the stack.
const MAX_DEPTH: usize = 512;

/// Decode one reply from the front of `buf`: `Ok(Some((reply, consumed)))`,
/// `Ok(None)` when `buf` holds only part of a reply, `Err` when it is not
/// RESP. Understands RESP2 and RESP3 (attributes are read and dropped,
/// blob errors become `Reply::Error`); streamed strings and aggregates
/// (`$?`, `*?`), which Redis never sends, are an error.
pub fn decode_reply(buf: &[u8]) -> Result<Option<(Reply, usize)>, String> {
    let mut pos = 0;
    match value(buf, &mut pos, 0)? {
        Some(r) => Ok(Some((r, pos))),
        None => Ok(None),
    }
}

/// A list of byte strings sent as one array of bulks (what
/// `encode_command` writes): empty when `buf` is not that. The
/// playground's two wasm modules pass command lines and key lists so.
pub fn decode_bulks(buf: &[u8]) -> Vec<Vec<u8>> {
    match decode_reply(buf) {
        Ok(Some((Reply::Array(items), _))) => items
            .into_iter()
            .map(|i| match i {
                Reply::Bulk(b) => b,
                _ => Vec::new(),
            })
            .collect(),
        _ => Vec::new(),
    }
}

/// Decode every complete reply in `buf`; returns them and the bytes used.
pub fn decode_all(buf: &[u8]) -> Result<(Vec<Reply>, usize), String> {
    let mut out = Vec::new();
    let mut used = 0;
    while let Some((r, n)) = decode_reply(buf.get(used..).unwrap_or_default())? {
        out.push(r);
        used += n;
    }
    Ok((out, used))
}

/// `Ok(None)`: incomplete.
type Step<T> = Result<Option<T>, String>;

/// The line at `*pos` (without its CRLF), advancing past it.
fn line<'a>(buf: &'a [u8], pos: &mut usize) -> Step<&'a [u8]> {
    let rest = buf.get(*pos..).unwrap_or_default();
    match rest.windows(2).position(|w| w == b"\r\n") {
        Some(i) => {
            *pos += i + 2;
            Ok(rest.get(..i))
        }
        None => Ok(None),
    }
}

fn int(text: &[u8]) -> Result<i64, String> {
    std::str::from_utf8(text)
        .ok()
        .and_then(|s| s.parse::<i64>().ok())
        .ok_or_else(|| format!("invalid integer '{}'", String::from_utf8_lossy(text)))
}

/// A length; -1 (null) is reported as `None`.
fn len(text: &[u8]) -> Result<Option<usize>, String> {
    match int(text)? {
        -1 => Ok(None),
        n if n >= 0 => usize::try_from(n).map(Some).map_err(|e| e.to_string()),
        n => Err(format!("invalid length {n}")),
    }
}

/// `n` bytes followed by CRLF.
fn blob<'a>(buf: &'a [u8], pos: &mut usize, n: usize) -> Step<&'a [u8]> {
    let end = pos.checked_add(n).ok_or("length overflow")?;
    let Some(data) = buf.get(*pos..end) else {
        return Ok(None);
    };
    match buf.get(end..end + 2) {
        None if buf.len() < end + 2 => Ok(None),
        Some(b"\r\n") => {
            *pos = end + 2;
            Ok(Some(data))
        }
        _ => Err("bulk string not terminated by CRLF".into()),
    }
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn items(buf: &[u8], pos: &mut usize, n: usize, depth: usize) -> Step<Vec<Reply>> {
    // Each element takes at least 3 bytes: never reserve for more than
    // could possibly be there.
    let mut v = Vec::with_capacity(n.min(buf.len().saturating_sub(*pos) / 3));
    for _ in 0..n {
        match value(buf, pos, depth + 1)? {
            Some(r) => v.push(r),
            None => return Ok(None),
        }
    }
    Ok(Some(v))
}

fn pairs(buf: &[u8], pos: &mut usize, n: usize, depth: usize) -> Step<Vec<(Reply, Reply)>> {
    let mut v = Vec::with_capacity(n.min(buf.len().saturating_sub(*pos) / 6));
    for _ in 0..n {
        let Some(k) = value(buf, pos, depth + 1)? else {
            return Ok(None);
        };
        let Some(val) = value(buf, pos, depth + 1)? else {
            return Ok(None);
        };
        v.push((k, val));
    }
    Ok(Some(v))
}

fn value(buf: &[u8], pos: &mut usize, depth: usize) -> Step<Reply> {
    if depth > MAX_DEPTH {
        return Err("reply nested too deeply".into());
    }
    let Some(&kind) = buf.get(*pos) else {
        return Ok(None);
    };
    *pos += 1;
    let Some(head) = line(buf, pos)? else {
        return Ok(None);
    };
    if matches!(kind, b'$' | b'*' | b'%' | b'~' | b'>' | b'|' | b'=' | b'!') && head == b"?" {
        return Err("streamed RESP3 types are not supported".into());
    }
    let reply = match kind {
        b'+' => Reply::Simple(text(head)),
        b'-' => Reply::Error(text(head)),
        b':' => Reply::Integer(int(head)?),
        b'_' if head.is_empty() => Reply::Null,
        b'#' => match head {
            b"t" => Reply::Boolean(true),
            b"f" => Reply::Boolean(false),
            _ => return Err(format!("invalid boolean '{}'", text(head))),
        },
        b',' => Reply::Double(parse_double(head)?),
        b'(' => {
            let digits = head.strip_prefix(b"-").unwrap_or(head);
            if digits.is_empty() || !digits.iter().all(u8::is_ascii_digit) {
                return Err(format!("invalid big number '{}'", text(head)));
            }
            Reply::BigNumber(text(head))
        }
        b'$' | b'!' | b'=' => match len(head)? {
            None if kind == b'$' => Reply::Null,
            None => return Err("invalid length -1".into()),
            Some(n) => {
                let Some(data) = blob(buf, pos, n)? else {
                    return Ok(None);
                };
                match kind {
                    b'$' => Reply::Bulk(data.to_vec()),
                    b'!' => Reply::Error(text(data)),
                    _ => match (data.get(..3), data.get(3), data.get(4..)) {
                        (Some(fmt), Some(b':'), Some(body)) => {
                            Reply::Verbatim(text(fmt), body.to_vec())
                        }
                        _ => return Err("verbatim string without a format".into()),
                    },
                }
            }
        },
        b'*' | b'~' | b'>' => match len(head)? {
            None if kind == b'*' => Reply::NullArray,
            None => return Err("invalid length -1".into()),
            Some(n) => {
                let Some(v) = items(buf, pos, n, depth)? else {
                    return Ok(None);
                };
                match kind {
                    b'*' => Reply::Array(v),
                    b'~' => Reply::Set(v),
                    _ => Reply::Push(v),
                }
            }
        },
        b'%' | b'|' => {
            let n = len(head)?.ok_or("invalid length -1")?;
            let Some(v) = pairs(buf, pos, n, depth)? else {
                return Ok(None);
            };
            if kind == b'%' {
                Reply::Map(v)
            } else {
                // An attribute annotates the reply that follows it.
                let Some(reply) = value(buf, pos, depth + 1)? else {
                    return Ok(None);
                };
                Reply::Attributed(v, Box::new(reply))
            }
        }
        other => {
            return Err(format!(
                "unknown reply type byte '{}'",
                other.escape_ascii()
            ))
        }
    };
    Ok(Some(reply))
}

fn parse_double(head: &[u8]) -> Result<f64, String> {
    match head {
        b"inf" | b"+inf" => Ok(f64::INFINITY),
        b"-inf" => Ok(f64::NEG_INFINITY),
        b"nan" | b"-nan" => Ok(f64::NAN),
        _ => std::str::from_utf8(head)
            .ok()
            .filter(|s| {
                s.bytes()
                    .all(|b| b.is_ascii_digit() || matches!(b, b'.' | b'e' | b'E' | b'-' | b'+'))
            })
            .and_then(|s| s.parse::<f64>().ok())
            .ok_or_else(|| format!("invalid double '{}'", text(head))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bulks_round_trip_through_encode_command() {
        let argv = vec![b"SET".to_vec(), b"k".to_vec(), Vec::new(), b"\r\n".to_vec()];
        let mut out = Vec::new();
        crate::resp::encode_command(&argv, &mut out);
        assert_eq!(decode_bulks(&out), argv);
        assert!(decode_bulks(b":1\r\n").is_empty());
        assert!(decode_bulks(b"*2\r\n$1\r\na\r\n").is_empty());
    }
    use crate::resp::encode_to_vec;

    fn one(b: &[u8]) -> Reply {
        match decode_reply(b) {
            Ok(Some((r, n))) => {
                assert_eq!(
                    n,
                    b.len(),
                    "consumed all of {:?}",
                    String::from_utf8_lossy(b)
                );
                r
            }
            other => panic!("{:?} -> {other:?}", String::from_utf8_lossy(b)),
        }
    }

    #[test]
    fn resp2_types() {
        assert_eq!(one(b"+OK\r\n"), Reply::ok());
        assert_eq!(one(b"-ERR x\r\n"), Reply::err("ERR x"));
        assert_eq!(one(b":-5\r\n"), Reply::Integer(-5));
        assert_eq!(one(b"$3\r\na\r\n\r\n"), Reply::bulk("a\r\n"));
        assert_eq!(one(b"$0\r\n\r\n"), Reply::bulk(""));
        assert_eq!(one(b"$-1\r\n"), Reply::Null);
        assert_eq!(one(b"*-1\r\n"), Reply::NullArray);
        assert_eq!(
            one(b"*2\r\n:1\r\n*1\r\n+a\r\n"),
            Reply::Array(vec![
                Reply::Integer(1),
                Reply::Array(vec![Reply::simple("a")])
            ])
        );
    }

    #[test]
    fn resp3_types() {
        assert_eq!(one(b"_\r\n"), Reply::Null);
        assert_eq!(one(b"#t\r\n"), Reply::Boolean(true));
        assert_eq!(one(b",1.5\r\n"), Reply::Double(1.5));
        assert_eq!(one(b",-inf\r\n"), Reply::Double(f64::NEG_INFINITY));
        assert_eq!(one(b",1e+20\r\n"), Reply::Double(1e20));
        assert!(matches!(one(b",nan\r\n"), Reply::Double(d) if d.is_nan()));
        assert_eq!(
            one(b"(123456789012345678901234\r\n"),
            Reply::BigNumber("123456789012345678901234".into())
        );
        assert_eq!(
            one(b"=7\r\ntxt:abc\r\n"),
            Reply::Verbatim("txt".into(), b"abc".to_vec())
        );
        assert_eq!(one(b"!5\r\nERR x\r\n"), Reply::err("ERR x"));
        assert_eq!(
            one(b"%1\r\n+a\r\n:1\r\n"),
            Reply::Map(vec![(Reply::simple("a"), Reply::Integer(1))])
        );
        assert_eq!(one(b"~1\r\n+a\r\n"), Reply::Set(vec![Reply::simple("a")]));
        assert_eq!(
            one(b">2\r\n+message\r\n+x\r\n"),
            Reply::Push(vec![Reply::simple("message"), Reply::simple("x")])
        );
        // Attributes are kept with the reply they annotate, and a reply
        // that has not all arrived is not one yet.
        let attributed = b"|1\r\n+ttl\r\n:3\r\n+OK\r\n";
        assert_eq!(
            one(attributed),
            Reply::Attributed(
                vec![(Reply::simple("ttl"), Reply::Integer(3))],
                Box::new(Reply::ok())
            )
        );
        assert_eq!(decode_reply(&attributed[..attributed.len() - 2]), Ok(None));
        let mut back = Vec::new();
        crate::resp::encode(&one(attributed), 3, &mut back);
        assert_eq!(back, attributed);
        back.clear();
        crate::resp::encode(&one(attributed), 2, &mut back);
        assert_eq!(back, b"+OK\r\n");
    }

    #[test]
    fn round_trip_through_encoder() {
        let r = Reply::Array(vec![
            Reply::Map(vec![(
                Reply::bulk("k"),
                Reply::Set(vec![Reply::Integer(1), Reply::Boolean(false)]),
            )]),
            Reply::Double(0.1),
            Reply::Null,
            Reply::BigNumber("-12".into()),
            Reply::Verbatim("mkd".into(), b"# hi".to_vec()),
            Reply::Push(vec![Reply::err("ERR e")]),
        ]);
        assert_eq!(one(&encode_to_vec(&r, 3)), r);
    }

    #[test]
    fn incomplete_is_none_at_every_cut() {
        let full = b"*3\r\n$5\r\nhello\r\n%1\r\n+a\r\n,2.5\r\n=7\r\ntxt:abc\r\n";
        for cut in 0..full.len() {
            assert_eq!(decode_reply(&full[..cut]), Ok(None), "cut {cut}");
        }
        assert!(decode_reply(full).is_ok_and(|r| r.is_some()));
    }

    #[test]
    fn malformed_is_an_error() {
        for bad in [
            &b"?x\r\n"[..],
            b":x\r\n",
            b"$-2\r\n",
            b"$3\r\nabcde",
            b"#x\r\n",
            b",abc\r\n",
            b"(1a\r\n",
            b"=2\r\nab\r\n",
            b"$?\r\n",
            b"%-1\r\n",
        ] {
            assert!(
                decode_reply(bad).is_err(),
                "{:?}",
                String::from_utf8_lossy(bad)
            );
        }
        let deep = "*1\r\n".repeat(10_000);
        assert!(decode_reply(deep.as_bytes()).is_err());
        // A huge announced count does not allocate.
        assert_eq!(decode_reply(b"*4000000000\r\n:1\r\n"), Ok(None));
    }

    #[test]
    fn decode_all_stops_at_partial() {
        let (v, used) = decode_all(b"+A\r\n:1\r\n$3\r\nab").unwrap_or_default();
        assert_eq!(v, vec![Reply::simple("A"), Reply::Integer(1)]);
        assert_eq!(used, 8);
    }

    #[test]
    fn fuzz_no_panic() {
        let mut s: u64 = 0xdeadbeefcafef00d;
        let alphabet = b"+-:$*_#,(=!%~>|\r\n0123456789-?tfinax.";
        for _ in 0..30_000 {
            s ^= s << 13;
            s ^= s >> 7;
            s ^= s << 17;
            let mut t = s;
            let len = (t % 40) as usize;
            let mut input = Vec::with_capacity(len);
            for _ in 0..len {
                t = t.rotate_left(5) ^ 0x9e37_79b9;
                input.push(
                    *alphabet
                        .get((t % alphabet.len() as u64) as usize)
                        .unwrap_or(&b'a'),
                );
            }
            let _ = decode_all(&input);
        }
    }
}
