//! What redis-cli does on the client side: split a typed line into
//! arguments. Reply formatting and hints join this module with the console.

/// A line redis-cli would refuse ("Invalid argument(s)"): an unclosed quote,
/// or a closing quote glued to the next word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnbalancedQuotes;

/// Split a line the way redis-cli (and redis-server's inline protocol) do:
/// words separated by spaces; `"..."` with `\n \r \t \b \a \\ \" \xHH`
/// escapes; `'...'` where only `\'` is an escape.
pub fn split_args(line: &[u8]) -> Result<Vec<Vec<u8>>, UnbalancedQuotes> {
    let mut out = Vec::new();
    let mut i = 0;
    let at = |i: usize| line.get(i).copied();
    loop {
        while at(i).is_some_and(|c| c.is_ascii_whitespace()) {
            i += 1;
        }
        let Some(first) = at(i) else { return Ok(out) };
        let mut cur = Vec::new();
        match first {
            b'"' => {
                i += 1;
                loop {
                    match at(i) {
                        None => return Err(UnbalancedQuotes),
                        Some(b'\\') if at(i + 1) == Some(b'x') && hex(at(i + 2)).is_some() && hex(at(i + 3)).is_some() => {
                            let v = hex(at(i + 2)).unwrap_or(0) * 16 + hex(at(i + 3)).unwrap_or(0);
                            cur.push(v);
                            i += 4;
                        }
                        Some(b'\\') if at(i + 1).is_some() => {
                            let c = at(i + 1).unwrap_or(b'\\');
                            cur.push(match c {
                                b'n' => b'\n',
                                b'r' => b'\r',
                                b't' => b'\t',
                                b'b' => 8,
                                b'a' => 7,
                                other => other,
                            });
                            i += 2;
                        }
                        Some(b'"') => {
                            // The closing quote must end the word.
                            if at(i + 1).is_some_and(|c| !c.is_ascii_whitespace()) {
                                return Err(UnbalancedQuotes);
                            }
                            i += 1;
                            break;
                        }
                        Some(c) => {
                            cur.push(c);
                            i += 1;
                        }
                    }
                }
            }
            b'\'' => {
                i += 1;
                loop {
                    match at(i) {
                        None => return Err(UnbalancedQuotes),
                        Some(b'\\') if at(i + 1) == Some(b'\'') => {
                            cur.push(b'\'');
                            i += 2;
                        }
                        Some(b'\'') => {
                            if at(i + 1).is_some_and(|c| !c.is_ascii_whitespace()) {
                                return Err(UnbalancedQuotes);
                            }
                            i += 1;
                            break;
                        }
                        Some(c) => {
                            cur.push(c);
                            i += 1;
                        }
                    }
                }
            }
            _ => {
                while let Some(c) = at(i) {
                    if c.is_ascii_whitespace() {
                        break;
                    }
                    cur.push(c);
                    i += 1;
                }
            }
        }
        out.push(cur);
    }
}

fn hex(c: Option<u8>) -> Option<u8> {
    match c? {
        c @ b'0'..=b'9' => Some(c - b'0'),
        c @ b'a'..=b'f' => Some(c - b'a' + 10),
        c @ b'A'..=b'F' => Some(c - b'A' + 10),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(line: &str) -> Vec<String> {
        split_args(line.as_bytes()).unwrap_or_default().into_iter().map(|a| String::from_utf8_lossy(&a).into_owned()).collect()
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
