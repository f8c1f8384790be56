//! The line-level half of reading a tutorial: command lines (`@2 BLPOP q
//! 0`) and check lines (`len queue 3 | why`). No Markdown here, so the
//! page can read a check back from its source text (`wire.rs`) without
//! the Markdown parser.

use super::format::{Check, CheckLine, Line, MAX_CLIENTS};

#[derive(Debug, Clone, PartialEq)]
pub struct ParseError {
    pub line: usize,
    pub message: String,
}

impl std::fmt::Display for ParseError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

pub fn fail<T>(line: usize, message: impl Into<String>) -> Result<T, ParseError> {
    Err(ParseError {
        line,
        message: message.into(),
    })
}

pub fn command_lines<'a>(
    lines: impl Iterator<Item = (usize, &'a str)>,
) -> Result<Vec<Line>, ParseError> {
    lines.map(|(n, l)| command_line(l, n)).collect()
}

/// `@N ` in front of a line: the client it runs in (1-based in the file).
pub fn client_prefix(l: &str, n: usize) -> Result<(usize, &str), ParseError> {
    let Some(rest) = l.strip_prefix('@') else {
        return Ok((0, l));
    };
    let (num, rest) = rest.split_once(' ').unwrap_or((rest, ""));
    match num.parse::<usize>() {
        Ok(c) if (1..=MAX_CLIENTS).contains(&c) => Ok((c - 1, rest.trim())),
        _ => fail(n, format!("`@{num}`: clients are @1 to @{MAX_CLIENTS}")),
    }
}

pub fn command_line(l: &str, n: usize) -> Result<Line, ParseError> {
    let (client, text) = client_prefix(l, n)?;
    if text.is_empty() {
        return fail(n, "a client with no command");
    }
    Ok(Line {
        client,
        text: text.to_string(),
    })
}

/// The line cut at a `|` outside quotes: the check, and why it matters.
fn split_because(l: &str) -> (&str, Option<&str>) {
    let mut quote = None;
    let mut escaped = false;
    for (i, c) in l.char_indices() {
        match (quote, c) {
            (Some('"'), '\\') if !escaped => {
                escaped = true;
                continue;
            }
            (Some(q), c) if c == q && !escaped => quote = None,
            (None, '"' | '\'') => quote = Some(c),
            (None, '|') => {
                let because = l.get(i + 1..).map(str::trim).filter(|b| !b.is_empty());
                return (l.get(..i).unwrap_or(l).trim(), because);
            }
            _ => {}
        }
        escaped = false;
    }
    (l, None)
}

const CHECKS: &str = "exists, absent, type, value, len, list, members, member, not-member, score, rank, field, ttl, subscribed, psubscribed, blocked, tracking, pending, user, can, cannot, config, ran, reply";

pub fn check_line(l: &str, n: usize) -> Result<CheckLine, ParseError> {
    let (body, because) = split_because(l);
    let (name, rest) = body.split_once(' ').unwrap_or((body, ""));
    let rest = rest.trim();
    // `reply` takes its text as printed (an error may end in `'...'.`,
    // which does not split as arguments).
    let words = match name {
        "reply" => Vec::new(),
        _ => crate::cli::split_args(rest.as_bytes()).map_err(|_| ParseError {
            line: n,
            message: "unbalanced quotes".into(),
        })?,
    };
    let arity = |want: usize, what: &str| -> Result<(), ParseError> {
        if words.len() == want {
            Ok(())
        } else {
            fail(n, format!("`{name}` takes {what}"))
        }
    };
    let word = |i: usize| words.get(i).cloned().unwrap_or_default();
    let text = |i: usize| String::from_utf8_lossy(&word(i)).into_owned();
    let number = |i: usize| -> Result<f64, ParseError> {
        text(i)
            .parse::<f64>()
            .ok()
            .filter(|x| x.is_finite())
            .map_or_else(|| fail(n, format!("`{}` is not a number", text(i))), Ok)
    };
    let count = |i: usize| -> Result<usize, ParseError> {
        text(i)
            .parse::<usize>()
            .or_else(|_| fail(n, format!("`{}` is not a whole number", text(i))))
    };
    let client = |i: usize| -> Result<usize, ParseError> {
        let t = text(i);
        match t.strip_prefix('@').map(str::parse::<usize>) {
            Some(Ok(c)) if (1..=MAX_CLIENTS).contains(&c) => Ok(c - 1),
            _ => fail(n, format!("`{t}` is not a client (@1 to @{MAX_CLIENTS})")),
        }
    };
    let check = match name {
        "exists" => arity(1, "a key").map(|()| Check::Exists(word(0)))?,
        "absent" => arity(1, "a key").map(|()| Check::Absent(word(0)))?,
        "type" => arity(2, "a key and a type").map(|()| Check::Type(word(0), text(1)))?,
        "value" => arity(2, "a key and a value").map(|()| Check::Value(word(0), word(1)))?,
        "len" => {
            arity(2, "a key and a length")?;
            Check::Len(word(0), count(1)?)
        }
        "list" => {
            if words.is_empty() {
                return fail(n, "`list` takes a key and its elements");
            }
            Check::List(word(0), words.iter().skip(1).cloned().collect())
        }
        "members" => {
            if words.is_empty() {
                return fail(n, "`members` takes a key and its members");
            }
            Check::Members(word(0), words.iter().skip(1).cloned().collect())
        }
        "member" => arity(2, "a key and a member").map(|()| Check::Member(word(0), word(1)))?,
        "not-member" => {
            arity(2, "a key and a member").map(|()| Check::NotMember(word(0), word(1)))?
        }
        "score" => {
            arity(3, "a key, a member and a score")?;
            Check::Score(word(0), word(1), number(2)?)
        }
        "rank" => {
            arity(3, "a key, a member and a rank")?;
            Check::Rank(word(0), word(1), count(2)?)
        }
        "field" => {
            arity(3, "a key, a field and a value")?;
            Check::Field(word(0), word(1), word(2))
        }
        "ttl" => {
            arity(2, "a key and seconds, or a range like 1..60")?;
            let t = text(1);
            let (lo, hi) = t.split_once("..").unwrap_or((&t, &t));
            match (lo.parse::<i64>(), hi.parse::<i64>()) {
                (Ok(lo), Ok(hi)) if 0 <= lo && lo <= hi => Check::Ttl(word(0), lo, hi),
                _ => return fail(n, format!("`{t}` is not seconds or a range like 1..60")),
            }
        }
        "subscribed" => {
            arity(2, "a client and a channel or pattern")?;
            Check::Subscribed(client(0)?, word(1))
        }
        "psubscribed" => {
            arity(2, "a client and a pattern")?;
            Check::PSubscribed(client(0)?, word(1))
        }
        "blocked" => {
            arity(1, "a client")?;
            Check::Blocked(client(0)?)
        }
        "tracking" if words.len() == 1 || words.len() == 2 => {
            let mode = (words.len() == 2).then(|| text(1).to_ascii_lowercase());
            Check::Tracking(client(0)?, mode)
        }
        "tracking" => return fail(n, "`tracking` takes a client and maybe a mode"),
        "pending" if words.len() == 3 || words.len() == 4 => {
            let consumer = (words.len() == 4).then(|| word(2));
            Check::Pending(word(0), word(1), consumer, count(words.len() - 1)?)
        }
        "pending" => {
            return fail(
                n,
                "`pending` takes a key, a group, maybe a consumer, and a count",
            )
        }
        "user" => {
            arity(2, "a client and a user name")?;
            Check::User(client(0)?, word(1))
        }
        "can" | "cannot" if words.len() >= 2 => {
            let line = words.iter().skip(1).cloned().collect();
            if name == "can" {
                Check::Can(word(0), line)
            } else {
                Check::Cannot(word(0), line)
            }
        }
        "can" | "cannot" => return fail(n, format!("`{name}` takes a user name and a command")),
        "config" if words.len() >= 2 => {
            let value = words
                .iter()
                .skip(1)
                .map(|w| String::from_utf8_lossy(w))
                .collect::<Vec<_>>();
            Check::Config(text(0).to_ascii_lowercase(), value.join(" "))
        }
        "config" => return fail(n, "`config` takes a parameter and its value"),
        "ran" => {
            arity(1, "a command name")?;
            Check::Ran(text(0).to_ascii_uppercase())
        }
        "reply" => {
            if rest.is_empty() {
                return fail(n, "`reply` takes the reply as redis-cli prints it");
            }
            Check::Reply(rest.to_string())
        }
        other => return fail(n, format!("unknown check `{other}` (known: {CHECKS})")),
    };
    Ok(CheckLine {
        check,
        source: l.to_string(),
        because: because.map(String::from),
        line: n,
    })
}

/// A check line, or, when it holds `{{name}}` placeholders (a pack's
/// variants), its source kept to be read once the values are put in
/// (`parse.rs` reads it with each variant's values to report mistakes).
pub fn check_or_template(l: &str, n: usize) -> Result<CheckLine, ParseError> {
    if super::pack::placeholders(l).next().is_none() {
        return check_line(l, n);
    }
    Ok(CheckLine {
        check: Check::Ran(String::new()),
        source: l.to_string(),
        because: None,
        line: n,
    })
}
