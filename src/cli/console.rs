//! What the interactive redis-cli does with a typed line before anything
//! reaches the server, and how its prompt follows the session.
//!
//! The console must behave like redis-cli 7.0 so that habits carry over:
//! the same words are handled locally (`help`, `clear`, `quit`, `:set
//! hints`), a leading number repeats a command (`3 INCR n`), a line that
//! does not split prints "Invalid argument(s)", and the prompt shows the
//! database and `(TX)` the way redis-cli tracks them (from the commands it
//! sent and their replies, not from the server). Checked against the real
//! binary in a pseudo-terminal; see `tests/cli_format.rs` for the rest.

use crate::reply::Reply;

use super::format::{INVALID_ARGUMENTS, INVALID_REPEAT};

/// What to do with one typed line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// Nothing typed: redis-cli prints nothing and shows the prompt again.
    Empty,
    /// Print this text and run nothing: "Invalid argument(s)" for a line
    /// with an open quote, the repeat-count error, redis-cli's own messages
    /// for its local commands.
    Print(String),
    /// `quit` or `exit` (any arguments): redis-cli exits.
    Quit,
    /// `clear` alone: clear the screen.
    Clear,
    /// `:set hints` / `:set nohints`: turn the grey hints on or off.
    SetHints(bool),
    /// `help ...` or `? ...`: print [`super::help::help_text`] of these
    /// arguments. A repeat count in front is ignored, as in redis-cli.
    Help(Vec<Vec<u8>>),
    /// Send `argv` to the server `repeat` times, printing each reply.
    Command { repeat: u64, argv: Vec<Vec<u8>> },
}

/// Interpret a typed line as redis-cli's read-eval-print loop does.
pub fn parse_line(line: &str) -> Input {
    let Ok(argv) = super::split_args(line.as_bytes()) else {
        return Input::Print(INVALID_ARGUMENTS.to_string());
    };
    let Some(first) = argv.first() else {
        return Input::Empty;
    };
    let is = |w: &str| first.eq_ignore_ascii_case(w.as_bytes());
    if is("quit") || is("exit") {
        return Input::Quit;
    }
    if first.first() == Some(&b':') {
        return preference(&argv);
    }
    if is("restart") {
        return Input::Print("Use 'restart' only in Lua debugging mode.\n".to_string());
    }
    if argv.len() == 1 && is("clear") {
        return Input::Clear;
    }
    let (repeat, rest) = match (argv.len() > 1).then(|| strtol(first)).flatten() {
        Some(Some(n)) if n > 0 => (n.unsigned_abs(), argv.get(1..).unwrap_or_default()),
        Some(_) => return Input::Print(INVALID_REPEAT.to_string()),
        None => (1, argv.as_slice()),
    };
    match rest.split_first() {
        Some((cmd, args)) if cmd.eq_ignore_ascii_case(b"help") || cmd.as_slice() == b"?" => {
            Input::Help(args.to_vec())
        }
        _ => Input::Command {
            repeat,
            argv: rest.to_vec(),
        },
    }
}

/// `:set hints`, `:set nohints`, with redis-cli's messages for the rest.
fn preference(argv: &[Vec<u8>]) -> Input {
    let word = |i: usize| {
        argv.get(i)
            .map(|a| String::from_utf8_lossy(a).into_owned())
            .unwrap_or_default()
    };
    if word(0).eq_ignore_ascii_case(":set") && argv.len() >= 2 {
        let what = word(1);
        if what.eq_ignore_ascii_case("hints") {
            Input::SetHints(true)
        } else if what.eq_ignore_ascii_case("nohints") {
            Input::SetHints(false)
        } else {
            Input::Print(format!("unknown redis-cli preference '{what}'\n"))
        }
    } else {
        Input::Print(format!(
            "unknown redis-cli internal command '{}'\n",
            word(0)
        ))
    }
}

/// C's `strtol(s, &end, 10)` as redis-cli uses it to read a repeat count:
/// `None` when the word is not entirely a number (then it is the command
/// itself), `Some(None)` when it is one but out of range, `Some(Some(n))`
/// otherwise. Like strtol it skips leading whitespace and takes a sign;
/// an empty word counts as the number 0 (strtol stops at once and the end
/// pointer is at the terminator), so `"" PING` is a bad repeat count.
fn strtol(word: &[u8]) -> Option<Option<i64>> {
    let s = word
        .iter()
        .position(|&b| !matches!(b, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r'));
    let Some(start) = s else {
        // Only whitespace (or nothing): no digits, so the end pointer is the
        // word's start; it is at the terminator only for the empty word.
        return word.is_empty().then_some(Some(0));
    };
    let body = word.get(start..).unwrap_or_default();
    let (negative, digits) = match body.split_first() {
        Some((b'-', d)) => (true, d),
        Some((b'+', d)) => (false, d),
        _ => (false, body),
    };
    if digits.is_empty() || !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let mut n: i64 = 0;
    for &d in digits {
        let v = i64::from(d - b'0');
        let next = n.checked_mul(10).and_then(|m| {
            if negative {
                m.checked_sub(v)
            } else {
                m.checked_add(v)
            }
        });
        match next {
            Some(x) => n = x,
            None => return Some(None),
        }
    }
    Some(Some(n))
}

/// redis-cli's prompt state: the database it believes is selected and
/// whether a MULTI is open. redis-cli works this out from the commands it
/// sends and the kind of reply they get, not by asking the server, so
/// `SELECT 3` queued inside MULTI already shows `[3]`, and an aborted EXEC
/// or a DISCARD goes back to the database from before MULTI.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PromptState {
    pub db: i64,
    pub in_multi: bool,
    pre_multi_db: i64,
}

impl PromptState {
    /// Update after `argv` was sent and `reply` came back.
    pub fn after_command<A: AsRef<[u8]>>(&mut self, argv: &[A], reply: &Reply) {
        let Some(cmd) = argv.first().map(AsRef::as_ref) else {
            return;
        };
        let is = |w: &str| cmd.eq_ignore_ascii_case(w.as_bytes());
        let error = reply.is_error();
        if is("select") && argv.len() == 2 && !error {
            self.db = argv.get(1).map_or(0, |a| atoi(a.as_ref()));
        } else if is("multi") && argv.len() == 1 && !error {
            self.in_multi = true;
            self.pre_multi_db = self.db;
        } else if is("exec") && argv.len() == 1 && self.in_multi {
            self.in_multi = false;
            if error || matches!(reply, Reply::Null | Reply::NullArray) {
                self.db = self.pre_multi_db;
            }
        } else if is("discard") && argv.len() == 1 && !error {
            self.in_multi = false;
            self.db = self.pre_multi_db;
        } else if is("reset") && argv.len() == 1 && !error {
            self.in_multi = false;
            self.db = 0;
        }
    }

    /// The prompt for a server at `host:port`: `127.0.0.1:6379> `, with
    /// `[db]` when the database is not 0 and `(TX)` inside MULTI. An IPv6
    /// address is put in brackets, as redis-cli does.
    pub fn prompt(&self, host: &str, port: u16) -> String {
        let mut p = if host.contains(':') {
            format!("[{host}]:{port}")
        } else {
            format!("{host}:{port}")
        };
        if self.db != 0 {
            p.push_str(&format!("[{}]", self.db));
        }
        if self.in_multi {
            p.push_str("(TX)");
        }
        p.push_str("> ");
        p
    }
}

/// C's `atoi` (what redis-cli reads SELECT's argument with): optional
/// whitespace and sign, then digits up to the first non-digit; 0 if none.
/// The server accepted the SELECT, so in practice the argument is a plain
/// database number; saturating keeps a hostile one from overflowing.
fn atoi(a: &[u8]) -> i64 {
    let start = a
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(a.len());
    let t = a.get(start..).unwrap_or_default();
    let (neg, digits) = match t.split_first() {
        Some((b'-', d)) => (true, d),
        Some((b'+', d)) => (false, d),
        _ => (false, t),
    };
    let mut n: i64 = 0;
    for &d in digits.iter().take_while(|b| b.is_ascii_digit()) {
        n = n.saturating_mul(10).saturating_add(i64::from(d - b'0'));
    }
    if neg {
        -n
    } else {
        n
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cmd(repeat: u64, words: &[&str]) -> Input {
        Input::Command {
            repeat,
            argv: words.iter().map(|w| w.as_bytes().to_vec()).collect(),
        }
    }

    #[test]
    fn local_words_and_errors() {
        assert_eq!(parse_line(""), Input::Empty);
        assert_eq!(parse_line("   "), Input::Empty);
        assert_eq!(
            parse_line("get \"a"),
            Input::Print("Invalid argument(s)\n".into())
        );
        assert_eq!(
            parse_line("echo \"a\"b"),
            Input::Print("Invalid argument(s)\n".into())
        );
        assert_eq!(parse_line("QUIT"), Input::Quit);
        assert_eq!(parse_line("exit now"), Input::Quit);
        assert_eq!(parse_line("clear"), Input::Clear);
        assert_eq!(parse_line("clear x"), cmd(1, &["clear", "x"]));
        assert_eq!(parse_line(":set hints"), Input::SetHints(true));
        assert_eq!(parse_line(":SET NoHints"), Input::SetHints(false));
        assert_eq!(
            parse_line(":set foo"),
            Input::Print("unknown redis-cli preference 'foo'\n".into())
        );
        assert_eq!(
            parse_line(":set"),
            Input::Print("unknown redis-cli internal command ':set'\n".into())
        );
        assert_eq!(
            parse_line("restart"),
            Input::Print("Use 'restart' only in Lua debugging mode.\n".into())
        );
        assert_eq!(parse_line("help set"), Input::Help(vec![b"set".to_vec()]));
        assert_eq!(
            parse_line("? @string"),
            Input::Help(vec![b"@string".to_vec()])
        );
        assert_eq!(parse_line("2 HELP get"), Input::Help(vec![b"get".to_vec()]));
        assert_eq!(parse_line("help"), Input::Help(vec![]));
    }

    #[test]
    fn repeat_counts_like_strtol() {
        assert_eq!(parse_line("set a b"), cmd(1, &["set", "a", "b"]));
        assert_eq!(parse_line("3 ping"), cmd(3, &["ping"]));
        assert_eq!(parse_line("+2 ping"), cmd(2, &["ping"]));
        assert_eq!(parse_line("\" 2\" ping"), cmd(2, &["ping"]));
        assert_eq!(parse_line("3"), cmd(1, &["3"]));
        assert_eq!(parse_line("3x ping"), cmd(1, &["3x", "ping"]));
        assert_eq!(parse_line("\" \" ping"), cmd(1, &[" ", "ping"]));
        let bad = Input::Print("Invalid redis-cli repeat command option value.\n".into());
        for line in [
            "0 ping",
            "-1 ping",
            "\"\" ping",
            "99999999999999999999 ping",
        ] {
            assert_eq!(parse_line(line), bad, "{line}");
        }
    }

    #[test]
    fn prompt_follows_select_multi_exec() {
        let mut p = PromptState::default();
        let ok = Reply::ok();
        let queued = Reply::simple("QUEUED");
        assert_eq!(p.prompt("127.0.0.1", 6379), "127.0.0.1:6379> ");
        p.after_command(
            &["select", "x"],
            &Reply::err("ERR value is not an integer or out of range"),
        );
        assert_eq!(p.db, 0);
        p.after_command(&["SELECT", "2"], &ok);
        assert_eq!(p.prompt("127.0.0.1", 6379), "127.0.0.1:6379[2]> ");
        p.after_command(&["multi"], &ok);
        p.after_command(&["select", "3"], &queued);
        assert_eq!(p.prompt("127.0.0.1", 6379), "127.0.0.1:6379[3](TX)> ");
        p.after_command(&["discard"], &ok);
        assert_eq!(p.prompt("127.0.0.1", 6379), "127.0.0.1:6379[2]> ");
        p.after_command(&["multi"], &ok);
        p.after_command(&["select", "4"], &queued);
        p.after_command(&["exec"], &Reply::Array(vec![ok.clone()]));
        assert_eq!(p.prompt("127.0.0.1", 6379), "127.0.0.1:6379[4]> ");
        p.after_command(&["multi"], &ok);
        p.after_command(&["select", "5"], &queued);
        p.after_command(
            &["exec"],
            &Reply::err("EXECABORT Transaction discarded because of previous errors."),
        );
        assert_eq!(p.prompt("127.0.0.1", 6379), "127.0.0.1:6379[4]> ");
        p.after_command(&["multi"], &ok);
        p.after_command(&["multi"], &Reply::err("ERR MULTI calls can not be nested"));
        assert!(p.in_multi);
        p.after_command(&["reset"], &Reply::simple("RESET"));
        assert_eq!((p.db, p.in_multi), (0, false));
        assert_eq!(p.prompt("::1", 6379), "[::1]:6379> ");
        assert_eq!((atoi(b" +12x"), atoi(b"-3"), atoi(b"x")), (12, -3, 0));
    }
}
