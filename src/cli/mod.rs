//! What redis-cli does on the client side, for the console: split a typed
//! line into arguments, decide what a line means before it reaches the
//! server (`console`), print replies exactly as redis-cli 7.0 does
//! (`format`), and answer `HELP`, hints and Tab completion from the command
//! table (`help`). Pure: no I/O, clock or threads, so the browser and the
//! tests run the same code.

pub mod console;
pub mod format;
pub mod help;

pub use console::{parse_line, Input, PromptState};
pub use format::{
    as_received, format_command_reply, format_push, format_reply, format_reply_raw,
    INVALID_ARGUMENTS,
};
pub use help::{complete, help_text, hint};

/// A line redis-cli would refuse ("Invalid argument(s)"): an unclosed quote,
/// or a closing quote glued to the next word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnbalancedQuotes;

/// Split a line the way redis-cli does: words separated by spaces;
/// `"..."` with `\n \r \t \b \a \\ \" \xHH` escapes; `'...'` where only
/// `\'` is an escape. redis-cli and redis-server's inline protocol share one
/// splitter (`sdssplitargs`), and so do we: see `resp::split_args`.
pub fn split_args(line: &[u8]) -> Result<Vec<Vec<u8>>, UnbalancedQuotes> {
    crate::resp::split_args(line).ok_or(UnbalancedQuotes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(line: &str) -> Vec<String> {
        split_args(line.as_bytes())
            .unwrap_or_default()
            .into_iter()
            .map(|a| String::from_utf8_lossy(&a).into_owned())
            .collect()
    }

    #[test]
    fn splits_like_redis_cli() {
        assert_eq!(s("  set a   b "), ["set", "a", "b"]);
        assert_eq!(s(r#"set "a b" 'c d'"#), ["set", "a b", "c d"]);
        assert_eq!(s(r#"echo "\x41\n""#), ["echo", "A\n"]);
        assert_eq!(s(r#"echo 'it\'s'"#), ["echo", "it's"]);
        assert_eq!(s(r#"echo """#), ["echo", ""]);
        assert_eq!(split_args(b"echo \"abc"), Err(UnbalancedQuotes));
        assert_eq!(split_args(b"echo \"a\"b"), Err(UnbalancedQuotes));
        assert_eq!(split_args(b"echo 'a"), Err(UnbalancedQuotes));
    }
}
