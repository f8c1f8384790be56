//! Replies as an interactive redis-cli 7.0 prints them.
//!
//! A learner who later moves to a real server must see the same screen, so
//! this is a transcription of redis-cli.c's `cliFormatReplyTTY` (the
//! default when stdout is a terminal), `cliFormatReplyRaw` (which the
//! interactive client uses for INFO, CLIENT LIST and a few other commands
//! whose replies are text meant to be read as is) and `cliFormatInvalidateTTY`
//! (client-side caching pushes). `tests/cli_format.rs` compares every shape
//! against the real `redis-cli --no-raw`, which prints what the interactive
//! client prints.
//!
//! Every function returns the complete text including its final newline,
//! exactly as redis-cli writes it to the terminal.

use std::fmt::Write;

use crate::reply::Reply;
use crate::resp::format_double;

/// What redis-cli prints for a line it cannot split (an unclosed quote, or a
/// closing quote glued to the next character).
pub const INVALID_ARGUMENTS: &str = "Invalid argument(s)\n";

/// What redis-cli prints when a line starts with a repeat count that is
/// zero, negative or too large (`0 PING`).
pub const INVALID_REPEAT: &str = "Invalid redis-cli repeat command option value.\n";

/// What redis-cli prints before the messages of SUBSCRIBE and PSUBSCRIBE.
pub const READING_MESSAGES: &str = "Reading messages... (press Ctrl-C to quit)\n";

/// The reply as a client speaking protocol `proto` receives it: a RESP2
/// connection gets maps as flat arrays, doubles as bulk strings, booleans
/// as integers. The engine builds the richest form; redis-cli prints what
/// arrived, so the console formats this.
pub fn as_received(reply: &Reply, proto: u8) -> Reply {
    if proto >= 3 {
        return reply.clone();
    }
    let bytes = crate::resp::encode_to_vec(reply, proto);
    match crate::resp::decode_reply(&bytes) {
        Ok(Some((r, _))) => r,
        _ => reply.clone(),
    }
}

/// A reply in redis-cli's terminal format: `OK`, `"value"`, `(integer) 3`,
/// `(nil)`, `(error) ERR ...`, numbered arrays with nested indentation,
/// RESP3 maps (`1# "k" => v`), sets (`1~ v`), doubles, booleans.
///
/// Differences from redis-cli 7.0, all for replies Reddish never sends in
/// RESP2 and redis-cli 7.0 cannot show: a RESP3 big number prints as
/// `(big number) N` (redis-cli 7.2's format; 7.0 prints "Unknown reply
/// type" and exits), and the bytes of a verbatim string that are not UTF-8
/// show as U+FFFD (the console displays text, not bytes).
pub fn format_reply(reply: &Reply) -> String {
    let mut out = String::new();
    tty(reply, "", &mut out);
    out
}

/// A reply printed after a command, as the interactive redis-cli does it:
/// the terminal format, except for the commands whose replies are reports
/// written for people (INFO, CLIENT LIST, MEMORY DOCTOR, LOLWUT...), which
/// redis-cli prints raw so that their line breaks show.
pub fn format_command_reply<A: AsRef<[u8]>>(argv: &[A], reply: &Reply) -> String {
    if prints_raw(argv) {
        format_reply_raw(reply)
    } else {
        format_reply(reply)
    }
}

/// An out-of-band push (RESP3), as redis-cli's push handler prints it:
/// client-side caching invalidations get their own line
/// (`-> invalidate: 'k1', 'k2'`), anything else the terminal format.
pub fn format_push(reply: &Reply) -> String {
    if let Reply::Push(items) = reply {
        if let [Reply::Bulk(kind), Reply::Array(keys)] = items.as_slice() {
            if kind.starts_with(b"invalidate") && keys.iter().all(|k| matches!(k, Reply::Bulk(_))) {
                let names: Vec<String> = keys
                    .iter()
                    .map(|k| match k {
                        // sdscatfmt's %s: a C string, so it stops at a NUL byte.
                        Reply::Bulk(b) => format!("'{}'", String::from_utf8_lossy(until_nul(b))),
                        _ => String::new(),
                    })
                    .collect();
                return format!("-> invalidate: {}\n", names.join(", "));
            }
        }
    }
    format_reply(reply)
}

/// redis-cli's raw format (`cliFormatReplyRaw`): strings as their bytes,
/// integers as digits, nothing for nil, errors without the `(error)` tag,
/// elements of aggregates one per line. No final newline is added to a
/// string: the reports it is used for end with their own.
pub fn format_reply_raw(reply: &Reply) -> String {
    let mut out = String::new();
    raw(reply, &mut out);
    out
}

/// Whether the interactive redis-cli prints this command's reply raw
/// (`cliSendCommand`'s `output_raw`): the commands are matched by name and
/// argument count exactly as redis-cli 7.0 does.
pub fn prints_raw<A: AsRef<[u8]>>(argv: &[A]) -> bool {
    let word = |i: usize, w: &str| {
        argv.get(i)
            .is_some_and(|a| a.as_ref().eq_ignore_ascii_case(w.as_bytes()))
    };
    let argc = argv.len();
    word(0, "info")
        || word(0, "lolwut")
        || (argc >= 2 && word(0, "debug") && (word(1, "htstats") || word(1, "htstats-key")))
        || (argc >= 2 && word(0, "memory") && (word(1, "malloc-stats") || word(1, "doctor")))
        || (argc == 2 && word(0, "cluster") && (word(1, "nodes") || word(1, "info")))
        || (argc >= 2 && word(0, "client") && (word(1, "list") || word(1, "info")))
        || (argc == 3 && word(0, "latency") && word(1, "graph"))
        || (argc == 2 && word(0, "latency") && word(1, "doctor"))
        || (argc >= 2 && word(0, "proxy") && word(1, "info"))
}

/// redis-cli's quoting of a binary string (`sdscatrepr`): in double quotes,
/// `\n \r \t \a \b` and `\" \\` escaped, printable ASCII as is, every other
/// byte as `\xHH`. (redis-cli runs in the C locale, so UTF-8 text shows as
/// escapes too: `"\xe2\x82\xac"` for the euro sign.)
pub fn repr(bytes: &[u8]) -> String {
    let mut s = String::with_capacity(bytes.len() + 2);
    repr_into(bytes, &mut s);
    s
}

fn repr_into(bytes: &[u8], s: &mut String) {
    s.push('"');
    for &b in bytes {
        match b {
            b'\\' => s.push_str("\\\\"),
            b'"' => s.push_str("\\\""),
            b'\n' => s.push_str("\\n"),
            b'\r' => s.push_str("\\r"),
            b'\t' => s.push_str("\\t"),
            0x07 => s.push_str("\\a"),
            0x08 => s.push_str("\\b"),
            0x20..=0x7e => s.push(char::from(b)),
            _ => {
                let _ = write!(s, "\\x{b:02x}");
            }
        }
    }
    s.push('"');
}

/// redis-cli prints status and error lines with `%s`: a C string ends at
/// its first NUL byte.
fn until_nul(b: &[u8]) -> &[u8] {
    match b.iter().position(|&c| c == 0) {
        Some(i) => b.get(..i).unwrap_or(b),
        None => b,
    }
}

fn until_nul_str(s: &str) -> &str {
    match s.find('\0') {
        Some(i) => s.get(..i).unwrap_or(s),
        None => s,
    }
}

/// `cliFormatReplyTTY(r, prefix)`. `prefix` is the indentation of the
/// aggregate this reply is an element of; the element's own index has
/// already been written by the caller, so only the second and later
/// elements of a nested aggregate start with it.
fn tty(reply: &Reply, prefix: &str, out: &mut String) {
    match reply {
        // redis-cli 7.0 cannot read attributes; the reply they come with
        // is what a user wants to see.
        Reply::Attributed(_, reply) => tty(reply, prefix, out),
        Reply::Error(e) => {
            out.push_str("(error) ");
            out.push_str(until_nul_str(e));
            out.push('\n');
        }
        Reply::Simple(s) => {
            out.push_str(until_nul_str(s));
            out.push('\n');
        }
        Reply::Integer(n) => {
            let _ = writeln!(out, "(integer) {n}");
        }
        Reply::Double(d) => {
            // hiredis keeps the double's text as the server sent it; the
            // server sends `%.17g`, which is what `format_double` writes.
            out.push_str("(double) ");
            out.push_str(&format_double(*d));
            out.push('\n');
        }
        Reply::Bulk(b) => {
            repr_into(b, out);
            out.push('\n');
        }
        Reply::Verbatim(_, b) => {
            out.push_str(&String::from_utf8_lossy(b));
            out.push('\n');
        }
        Reply::Null | Reply::NullArray => out.push_str("(nil)\n"),
        Reply::Boolean(b) => out.push_str(if *b { "(true)\n" } else { "(false)\n" }),
        Reply::BigNumber(n) => {
            out.push_str("(big number) ");
            out.push_str(n);
            out.push('\n');
        }
        Reply::Array(items) => aggregate(
            items.iter().map(Element::One),
            items.len(),
            ')',
            "(empty array)\n",
            prefix,
            out,
        ),
        Reply::Push(items) => aggregate(
            items.iter().map(Element::One),
            items.len(),
            ')',
            "(empty push)\n",
            prefix,
            out,
        ),
        Reply::Set(items) => aggregate(
            items.iter().map(Element::One),
            items.len(),
            '~',
            "(empty set)\n",
            prefix,
            out,
        ),
        Reply::Map(pairs) => aggregate(
            pairs.iter().map(|(k, v)| Element::Pair(k, v)),
            pairs.len(),
            '#',
            "(empty hash)\n",
            prefix,
            out,
        ),
    }
}

/// One numbered entry of an aggregate: an element, or a map's key and value
/// (which share one number).
enum Element<'a> {
    One(&'a Reply),
    Pair(&'a Reply, &'a Reply),
}

/// The numbered lines of an array, set, push or map. Indices are
/// right-aligned to the width of the largest one (` 1)` ... `12)`), and a
/// nested aggregate's later lines are indented by that width plus two, so
/// that they line up under its first line.
fn aggregate<'a>(
    entries: impl Iterator<Item = Element<'a>>,
    count: usize,
    sep: char,
    empty: &str,
    prefix: &str,
    out: &mut String,
) {
    if count == 0 {
        out.push_str(empty);
        return;
    }
    let width = count.to_string().len();
    let mut nested = String::with_capacity(prefix.len() + width + 2);
    nested.push_str(prefix);
    nested.extend(std::iter::repeat_n(' ', width + 2));
    for (i, entry) in entries.enumerate() {
        if i > 0 {
            out.push_str(prefix);
        }
        let _ = write!(out, "{:>width$}{sep} ", i + 1);
        match entry {
            Element::One(r) => tty(r, &nested, out),
            Element::Pair(k, v) => {
                tty(k, &nested, out);
                // redis-cli drops the key's newline and writes the value on
                // the same line.
                out.pop();
                out.push_str(" => ");
                // A value that takes several lines starts on the next one,
                // so that its numbers line up.
                if is_multiline(v) {
                    out.push('\n');
                    out.push_str(&nested);
                }
                tty(v, &nested, out);
            }
        }
    }
}

/// Whether the terminal format of `r` takes more than one line
/// (`cliIsMultilineValueTTY`).
fn is_multiline(r: &Reply) -> bool {
    match r {
        Reply::Array(items) | Reply::Set(items) | Reply::Push(items) => match items.as_slice() {
            [] => false,
            [one] => is_multiline(one),
            _ => true,
        },
        Reply::Map(pairs) => match pairs.as_slice() {
            [] => false,
            [(_, v)] => is_multiline(v),
            _ => true,
        },
        _ => false,
    }
}

/// `cliFormatReplyRaw`, with redis-cli's default multi-bulk delimiter (a
/// newline) between elements and a space between a map's key and value.
fn raw(reply: &Reply, out: &mut String) {
    match reply {
        Reply::Attributed(_, reply) => raw(reply, out),
        Reply::Null | Reply::NullArray => {}
        Reply::Error(e) => {
            out.push_str(e);
            out.push('\n');
        }
        Reply::Simple(s) => out.push_str(s),
        Reply::Bulk(b) | Reply::Verbatim(_, b) => out.push_str(&String::from_utf8_lossy(b)),
        Reply::Boolean(b) => out.push_str(if *b { "(true)" } else { "(false)" }),
        Reply::Integer(n) => out.push_str(&n.to_string()),
        Reply::Double(d) => out.push_str(&format_double(*d)),
        Reply::BigNumber(n) => out.push_str(n),
        Reply::Array(items) | Reply::Set(items) | Reply::Push(items) => {
            for (i, r) in items.iter().enumerate() {
                if i > 0 {
                    out.push('\n');
                }
                raw(r, out);
            }
        }
        Reply::Map(pairs) => {
            for (i, (k, v)) in pairs.iter().enumerate() {
                if i > 0 {
                    out.push('\n');
                }
                raw(k, out);
                out.push(' ');
                raw(v, out);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bulk(s: &str) -> Reply {
        Reply::Bulk(s.as_bytes().to_vec())
    }

    #[test]
    fn scalars() {
        assert_eq!(format_reply(&Reply::ok()), "OK\n");
        assert_eq!(format_reply(&Reply::Integer(-3)), "(integer) -3\n");
        assert_eq!(format_reply(&Reply::Null), "(nil)\n");
        assert_eq!(format_reply(&Reply::NullArray), "(nil)\n");
        assert_eq!(format_reply(&Reply::err("ERR no")), "(error) ERR no\n");
        assert_eq!(
            format_reply(&Reply::Double(0.1)),
            "(double) 0.10000000000000001\n"
        );
        assert_eq!(
            format_reply(&Reply::Double(f64::INFINITY)),
            "(double) inf\n"
        );
        assert_eq!(format_reply(&Reply::Boolean(true)), "(true)\n");
        assert_eq!(
            format_reply(&Reply::BigNumber("123".into())),
            "(big number) 123\n"
        );
        assert_eq!(
            format_reply(&Reply::Verbatim("txt".into(), b"a\nb".to_vec())),
            "a\nb\n"
        );
    }

    #[test]
    fn bulk_strings_are_quoted_like_sdscatrepr() {
        assert_eq!(format_reply(&bulk("")), "\"\"\n");
        let bytes = b"a\x7f\x80 \x01\x1b\x0b\x0c\x07\x08\t\"\\\xe2\x82\xac~\n\r\x00".to_vec();
        assert_eq!(
            format_reply(&Reply::Bulk(bytes)),
            "\"a\\x7f\\x80 \\x01\\x1b\\x0b\\x0c\\a\\b\\t\\\"\\\\\\xe2\\x82\\xac~\\n\\r\\x00\"\n"
        );
    }

    #[test]
    fn arrays_nest_and_pad() {
        assert_eq!(format_reply(&Reply::Array(vec![])), "(empty array)\n");
        assert_eq!(format_reply(&Reply::Set(vec![])), "(empty set)\n");
        assert_eq!(format_reply(&Reply::Map(vec![])), "(empty hash)\n");
        assert_eq!(format_reply(&Reply::Push(vec![])), "(empty push)\n");
        let r = Reply::Array(vec![
            bulk("a"),
            Reply::Array(vec![
                Reply::Integer(1),
                Reply::Array(vec![bulk("x"), bulk("y")]),
            ]),
            Reply::Array(vec![]),
        ]);
        assert_eq!(
            format_reply(&r),
            "1) \"a\"\n2) 1) (integer) 1\n   2) 1) \"x\"\n      2) \"y\"\n3) (empty array)\n"
        );
        let twelve = Reply::Array(
            (1..=12)
                .map(|i| Reply::Array(vec![Reply::Integer(i), Reply::Null]))
                .collect(),
        );
        let text = format_reply(&twelve);
        assert!(
            text.starts_with(" 1) 1) (integer) 1\n    2) (nil)\n 2) "),
            "{text}"
        );
        assert!(
            text.ends_with("12) 1) (integer) 12\n    2) (nil)\n"),
            "{text}"
        );
    }

    #[test]
    fn maps_and_sets() {
        let r = Reply::Map(vec![
            (
                bulk("k"),
                Reply::Set(vec![Reply::Integer(1), Reply::Integer(2)]),
            ),
            (
                bulk("m"),
                Reply::Map(vec![(bulk("a"), Reply::Boolean(false))]),
            ),
        ]);
        assert_eq!(
            format_reply(&r),
            "1# \"k\" => \n   1~ (integer) 1\n   2~ (integer) 2\n2# \"m\" => 1# \"a\" => (false)\n"
        );
        let one = Reply::Map(vec![(
            bulk("k"),
            Reply::Array(vec![Reply::Array(vec![bulk("x")])]),
        )]);
        assert_eq!(format_reply(&one), "1# \"k\" => 1) 1) \"x\"\n");
    }

    #[test]
    fn raw_for_reports() {
        let argv: Vec<&[u8]> = vec![b"CLIENT", b"list"];
        assert!(prints_raw(&argv));
        assert!(!prints_raw(&[b"client".as_slice(), b"id"]));
        assert!(prints_raw(&[b"INFO".as_slice()]));
        assert!(!prints_raw(&[b"latency".as_slice(), b"doctor", b"x"]));
        assert_eq!(format_command_reply(&argv, &bulk("id=1\n")), "id=1\n");
        assert_eq!(format_command_reply(&argv, &Reply::err("ERR x")), "ERR x\n");
        assert_eq!(
            format_command_reply(&[b"get".as_slice()], &bulk("v")),
            "\"v\"\n"
        );
        assert_eq!(
            format_reply_raw(&Reply::Map(vec![
                (bulk("a"), Reply::Integer(1)),
                (bulk("b"), Reply::Null)
            ])),
            "a 1\nb "
        );
    }

    #[test]
    fn invalidation_pushes() {
        let p = Reply::Push(vec![
            bulk("invalidate"),
            Reply::Array(vec![bulk("a"), bulk("b")]),
        ]);
        assert_eq!(format_push(&p), "-> invalidate: 'a', 'b'\n");
        let flush = Reply::Push(vec![bulk("invalidate"), Reply::Null]);
        assert_eq!(format_push(&flush), "1) \"invalidate\"\n2) (nil)\n");
        let msg = Reply::Push(vec![bulk("message"), bulk("ch"), bulk("hi")]);
        assert_eq!(format_push(&msg), "1) \"message\"\n2) \"ch\"\n3) \"hi\"\n");
    }
}
