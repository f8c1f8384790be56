//! Redis's glob dialect (KEYS, SCAN MATCH, PSUBSCRIBE, CONFIG GET):
//! `*`, `?`, `[abc]`, `[^a-z]`, `\x` escapes, byte-wise, optionally
//! case-insensitive. Matching is iterative with one backtrack point per
//! star, so a hostile pattern cannot take exponential time.

pub fn matches(pattern: &[u8], text: &[u8], nocase: bool) -> bool {
    let eq = |a: u8, b: u8| {
        if nocase {
            a.eq_ignore_ascii_case(&b)
        } else {
            a == b
        }
    };
    let (mut p, mut t) = (0usize, 0usize);
    // Where to resume after the last star: (pattern index after the star, text index).
    let mut star: Option<(usize, usize)> = None;
    loop {
        if let Some(&pc) = pattern.get(p) {
            match pc {
                b'*' => {
                    // Collapse runs of stars.
                    while pattern.get(p) == Some(&b'*') {
                        p += 1;
                    }
                    if p == pattern.len() {
                        return true;
                    }
                    star = Some((p, t));
                    continue;
                }
                _ => {
                    if let Some(&tc) = text.get(t) {
                        if let Some(next_p) = match_one(pattern, p, tc, &eq, nocase) {
                            p = next_p;
                            t += 1;
                            continue;
                        }
                    }
                }
            }
        } else if t == text.len() {
            return true;
        }
        // Mismatch: let the last star swallow one more byte, if any.
        match star {
            Some((sp, st)) if st < text.len() => {
                star = Some((sp, st + 1));
                p = sp;
                t = st + 1;
            }
            _ => return false,
        }
    }
}

/// Match one text byte against the pattern element at `p` (not a star);
/// the index after that element on success.
fn match_one(
    pattern: &[u8],
    p: usize,
    tc: u8,
    eq: &dyn Fn(u8, u8) -> bool,
    nocase: bool,
) -> Option<usize> {
    let pc = *pattern.get(p)?;
    match pc {
        b'?' => Some(p + 1),
        b'[' => {
            let mut i = p + 1;
            let not = pattern.get(i) == Some(&b'^');
            if not {
                i += 1;
            }
            let mut hit = false;
            loop {
                match pattern.get(i) {
                    // An unterminated class ends at the pattern's end, as in Redis.
                    None => {
                        i = pattern.len();
                        break;
                    }
                    Some(b']') => {
                        i += 1;
                        break;
                    }
                    Some(b'\\') if i + 1 < pattern.len() => {
                        if pattern.get(i + 1).is_some_and(|&c| eq(c, tc)) {
                            hit = true;
                        }
                        i += 2;
                    }
                    Some(&lo) if pattern.get(i + 1) == Some(&b'-') && i + 2 < pattern.len() => {
                        let hi = pattern.get(i + 2).copied().unwrap_or(lo);
                        let (mut a, mut b) = (lo, hi);
                        if a > b {
                            std::mem::swap(&mut a, &mut b);
                        }
                        let c = tc;
                        let inside = if nocase {
                            let (a, b, c) = (
                                a.to_ascii_lowercase(),
                                b.to_ascii_lowercase(),
                                c.to_ascii_lowercase(),
                            );
                            c >= a && c <= b
                        } else {
                            c >= a && c <= b
                        };
                        if inside {
                            hit = true;
                        }
                        i += 3;
                    }
                    Some(&c) => {
                        if eq(c, tc) {
                            hit = true;
                        }
                        i += 1;
                    }
                }
            }
            if hit != not {
                Some(i)
            } else {
                None
            }
        }
        b'\\' if p + 1 < pattern.len() => {
            let c = *pattern.get(p + 1)?;
            if eq(c, tc) {
                Some(p + 2)
            } else {
                None
            }
        }
        c => {
            if eq(c, tc) {
                Some(p + 1)
            } else {
                None
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::matches;

    #[test]
    fn glob_cases() {
        let yes = [
            ("*", ""),
            ("h?llo", "hello"),
            ("h*llo", "heeeello"),
            ("h[ae]llo", "hallo"),
            ("h[^e]llo", "hallo"),
            ("h[a-b]llo", "hbllo"),
            ("h[b-a]llo", "hbllo"),
            ("a\\*b", "a*b"),
            ("*a*b*", "xxaxxbxx"),
            ("[abc", "a"),
        ];
        for (p, t) in yes {
            assert!(matches(p.as_bytes(), t.as_bytes(), false), "{p} {t}");
        }
        let no = [
            ("h[^e]llo", "hello"),
            ("h?llo", "hllo"),
            ("a\\*b", "axb"),
            ("*a", "b"),
            ("abc", "ab"),
        ];
        for (p, t) in no {
            assert!(!matches(p.as_bytes(), t.as_bytes(), false), "{p} {t}");
        }
        assert!(matches(b"HELLO", b"hello", true));
    }

    #[test]
    fn hostile_pattern_is_fast() {
        let p = "a*".repeat(50) + "b";
        let t = "a".repeat(5000);
        assert!(!matches(p.as_bytes(), t.as_bytes(), false));
    }
}
