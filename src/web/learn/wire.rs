//! A tutorial between the two wasm modules: the Markdown module
//! (src/bin/reddish-md.rs, fetched on demand) reads the file and sends
//! the [`Tutorial`] as RESP bytes; the tutorial page reads them back.
//! RESP because both modules already carry its codec. Checks travel as
//! their source line and are read again by `lines.rs` (one reader, so the
//! two sides cannot disagree); wrong attempts stay behind (only the
//! native test plays them). Nothing read is trusted: a damaged message
//! is an error, never a panic.

use super::format::{
    Block, BlockKind, Level, Line, Pack, Part, Prose, Solutions, Span, Step, Tutorial, MAX_CLIENTS,
    MAX_STEPS,
};
use super::lines::check_or_template;
use crate::reply::Reply;

fn int(n: usize) -> Reply {
    Reply::Integer(i64::try_from(n).unwrap_or(i64::MAX))
}

fn text(s: &str) -> Reply {
    Reply::bulk(s.as_bytes())
}

fn lines_out(lines: &[Line]) -> Reply {
    Reply::Array(
        lines
            .iter()
            .map(|l| Reply::Array(vec![int(l.client), text(&l.text)]))
            .collect(),
    )
}

fn prose_out(p: &Prose) -> Reply {
    Reply::Array(
        p.blocks
            .iter()
            .map(|b| {
                let kind = match b.kind {
                    BlockKind::Para => 0,
                    BlockKind::Heading => 1,
                    BlockKind::Bullet => 2,
                    BlockKind::Quote => 3,
                    BlockKind::Code => 4,
                    BlockKind::Numbered(n) => 5 + i64::from(n),
                };
                let mut out = vec![Reply::Integer(kind)];
                out.extend(b.spans.iter().map(|s| {
                    let style =
                        i64::from(s.code) | i64::from(s.strong) << 1 | i64::from(s.emph) << 2;
                    Reply::Array(vec![
                        Reply::Integer(style),
                        text(&s.text),
                        s.link.as_deref().map_or(Reply::Null, text),
                    ])
                }));
                Reply::Array(out)
            })
            .collect(),
    )
}

/// The tutorial as RESP bytes (what the Markdown module answers).
pub fn encode(t: &Tutorial) -> Vec<u8> {
    let steps = t.steps.iter().map(|s| {
        let parts = s.parts.iter().map(|p| match p {
            Part::Text(prose) => Reply::Array(vec![Reply::Integer(0), prose_out(prose)]),
            Part::Run(lines) => Reply::Array(vec![Reply::Integer(1), lines_out(lines)]),
        });
        let checks = s
            .checks
            .iter()
            .map(|c| Reply::Array(vec![text(&c.source), int(c.line)]));
        Reply::Array(vec![
            text(&s.title),
            Reply::Array(parts.collect()),
            lines_out(&s.setup),
            Reply::Array(checks.collect()),
            lines_out(&s.solution),
            Reply::Array(s.hints.iter().map(prose_out).collect()),
            Reply::bulks(s.forbid.iter().map(|f| f.as_bytes())),
            s.par.map_or(Reply::Null, int),
            int(s.line),
            Reply::Integer(i64::from(s.points)),
            Reply::Array(
                s.variants
                    .iter()
                    .map(|v| Reply::bulks(v.iter().flat_map(|(k, v)| [k.as_bytes(), v.as_bytes()])))
                    .collect(),
            ),
        ])
    });
    let level = match t.level {
        Level::Beginner => 0,
        Level::Intermediate => 1,
        Level::Advanced => 2,
    };
    let reply = Reply::Array(vec![
        text(&t.id),
        text(&t.title),
        Reply::Integer(level),
        Reply::Integer(i64::from(t.minutes)),
        Reply::bulks(t.prerequisites.iter().map(|p| p.as_bytes())),
        prose_out(&t.intro),
        Reply::Array(steps.collect()),
        match &t.pack {
            None => Reply::Null,
            Some(p) => match &p.solutions {
                Solutions::Shown => Reply::Integer(0),
                Solutions::Hidden => Reply::Integer(1),
                Solutions::After(day) => text(day),
            },
        },
    ]);
    crate::resp::encode_to_vec(&reply, 2)
}

type Got<T> = Result<T, String>;

fn damaged<T>() -> Got<T> {
    Err("the tutorial arrived damaged".into())
}

fn array(r: Option<&Reply>) -> Got<&[Reply]> {
    match r {
        Some(Reply::Array(v)) => Ok(v),
        _ => damaged(),
    }
}

fn string(r: Option<&Reply>) -> Got<String> {
    match r {
        Some(Reply::Bulk(b)) => Ok(String::from_utf8_lossy(b).into_owned()),
        _ => damaged(),
    }
}

fn number(r: Option<&Reply>) -> Got<i64> {
    match r {
        Some(Reply::Integer(n)) => Ok(*n),
        _ => damaged(),
    }
}

fn count(r: Option<&Reply>) -> Got<usize> {
    usize::try_from(number(r)?).or_else(|_| damaged())
}

fn strings(r: Option<&Reply>) -> Got<Vec<String>> {
    array(r)?.iter().map(|x| string(Some(x))).collect()
}

fn lines_in(r: Option<&Reply>) -> Got<Vec<Line>> {
    array(r)?
        .iter()
        .map(|l| {
            let l = array(Some(l))?;
            let client = count(l.first())?;
            if client >= MAX_CLIENTS {
                return damaged();
            }
            Ok(Line {
                client,
                text: string(l.get(1))?,
            })
        })
        .collect()
}

fn prose_in(r: Option<&Reply>) -> Got<Prose> {
    let blocks = array(r)?.iter().map(|b| {
        let b = array(Some(b))?;
        let kind = match number(b.first())? {
            0 => BlockKind::Para,
            1 => BlockKind::Heading,
            2 => BlockKind::Bullet,
            3 => BlockKind::Quote,
            4 => BlockKind::Code,
            n => BlockKind::Numbered(u32::try_from(n - 5).or_else(|_| damaged())?),
        };
        let spans = b.iter().skip(1).map(|s| {
            let s = array(Some(s))?;
            let style = number(s.first())?;
            Ok(Span {
                text: string(s.get(1))?,
                code: style & 1 != 0,
                strong: style & 2 != 0,
                emph: style & 4 != 0,
                link: match s.get(2) {
                    Some(Reply::Null) => None,
                    other => Some(string(other)?),
                },
            })
        });
        Ok(Block {
            kind,
            spans: spans.collect::<Got<_>>()?,
        })
    });
    Ok(Prose {
        blocks: blocks.collect::<Got<_>>()?,
    })
}

fn step_in(r: &Reply) -> Got<Step> {
    let s = array(Some(r))?;
    let parts = array(s.get(1))?.iter().map(|p| {
        let p = array(Some(p))?;
        match number(p.first())? {
            0 => Ok(Part::Text(prose_in(p.get(1))?)),
            _ => Ok(Part::Run(lines_in(p.get(1))?)),
        }
    });
    let checks = array(s.get(3))?.iter().map(|c| {
        let c = array(Some(c))?;
        check_or_template(&string(c.first())?, count(c.get(1))?).map_err(|e| e.to_string())
    });
    Ok(Step {
        title: string(s.first())?,
        parts: parts.collect::<Got<_>>()?,
        setup: lines_in(s.get(2))?,
        checks: checks.collect::<Got<_>>()?,
        solution: lines_in(s.get(4))?,
        hints: array(s.get(5))?
            .iter()
            .map(|h| prose_in(Some(h)))
            .collect::<Got<_>>()?,
        wrong: Vec::new(),
        forbid: strings(s.get(6))?,
        par: match s.get(7) {
            Some(Reply::Null) => None,
            other => Some(count(other)?),
        },
        line: count(s.get(8))?,
        points: u32::try_from(number(s.get(9))?).or_else(|_| damaged())?,
        variants: array(s.get(10))?
            .iter()
            .map(|v| {
                let words = strings(Some(v))?;
                if words.len() % 2 == 1 {
                    return damaged();
                }
                Ok(words
                    .chunks(2)
                    .map(|kv| {
                        let at = |i: usize| kv.get(i).cloned().unwrap_or_default();
                        (at(0), at(1))
                    })
                    .collect())
            })
            .collect::<Got<_>>()?,
    })
}

/// The tutorial back from [`encode`]'s bytes.
pub fn decode(bytes: &[u8]) -> Got<Tutorial> {
    let Ok(Some((reply, _))) = crate::resp::decode_reply(bytes) else {
        return damaged();
    };
    let t = array(Some(&reply))?;
    let steps = array(t.get(6))?;
    if steps.is_empty() || steps.len() > MAX_STEPS {
        return damaged();
    }
    Ok(Tutorial {
        id: string(t.first())?,
        title: string(t.get(1))?,
        level: match number(t.get(2))? {
            0 => Level::Beginner,
            1 => Level::Intermediate,
            _ => Level::Advanced,
        },
        minutes: u32::try_from(number(t.get(3))?).or_else(|_| damaged())?,
        prerequisites: strings(t.get(4))?,
        intro: prose_in(t.get(5))?,
        steps: steps.iter().map(step_in).collect::<Got<_>>()?,
        pack: match t.get(7) {
            Some(Reply::Null) => None,
            Some(Reply::Integer(0)) => Some(Pack {
                solutions: Solutions::Shown,
            }),
            Some(Reply::Integer(_)) => Some(Pack {
                solutions: Solutions::Hidden,
            }),
            other => Some(Pack {
                solutions: Solutions::After(string(other)?),
            }),
        },
    })
}

#[cfg(all(test, feature = "markdown"))]
mod tests {
    use super::*;

    #[test]
    fn every_tutorial_and_pack_crosses_unchanged_but_for_its_wrong_attempts() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut n = 0;
        let tutorials = std::fs::read_dir(root.join("tutorials")).expect("tutorials/");
        let packs = std::fs::read_dir(root.join("packs")).expect("packs/");
        for entry in tutorials.chain(packs) {
            let path = entry.expect("entry").path();
            if path.extension().is_none_or(|x| x != "md") || path.ends_with("README.md") {
                continue;
            }
            let text = std::fs::read_to_string(&path).expect("readable");
            let mut t = super::super::parse::parse(&text).expect("parses");
            let back = decode(&encode(&t)).expect("decodes");
            for s in &mut t.steps {
                s.wrong.clear();
            }
            assert_eq!(back, t, "{}", path.display());
            n += 1;
        }
        assert!(n >= 15);
    }

    #[test]
    fn damaged_bytes_are_an_error_never_a_panic() {
        let text = std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tutorials/locks.md"),
        )
        .expect("readable");
        let bytes = encode(&super::super::parse::parse(&text).expect("parses"));
        let mut rng = fastrand::Rng::with_seed(3);
        for _ in 0..2000 {
            let mut b = bytes.clone();
            for _ in 0..rng.usize(1..4) {
                let at = rng.usize(..b.len());
                b[at] = rng.u8(..);
            }
            let _ = decode(&b);
            let _ = decode(&b[..rng.usize(..b.len())]);
        }
        assert!(decode(b"*1\r\n:1\r\n").is_err());
    }
}
