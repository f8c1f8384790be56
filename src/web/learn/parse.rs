//! Reading a tutorial (or pack) file: front matter between `---` lines,
//! then Markdown read with pulldown-cmark. `## ` headings start steps;
//! fenced blocks whose info string is `redis`, `setup`, `check`,
//! `solution`, `hint`, `wrong` or `step` are the step's parts; everything
//! else is prose (`prose.rs`). Every error names the line.

use pulldown_cmark::{CodeBlockKind, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use super::format::{
    Level, Pack, Part, Solutions, Step, Tutorial, Wrong, MAX_FILE_BYTES, MAX_STEPS, MAX_VARIANTS,
};
pub use super::lines::ParseError;
use super::lines::{check_line, check_or_template, command_line, command_lines, fail};
use super::prose::prose;

/// The blocks that are not prose.
const BLOCKS: &[&str] = &[
    "redis", "setup", "check", "solution", "hint", "wrong", "step", "variants",
];

pub fn parse(text: &str) -> Result<Tutorial, ParseError> {
    if text.len() > MAX_FILE_BYTES {
        return fail(
            1,
            format!(
                "the file is {} bytes; at most {MAX_FILE_BYTES} are read",
                text.len()
            ),
        );
    }
    let (mut tutorial, body, first_line) = front_matter(text)?;
    // Where each line of the body starts, so an offset's line number is a
    // binary search (counting newlines from the top for every block made a
    // 250 KB file take seconds).
    let starts: Vec<usize> = std::iter::once(0)
        .chain(body.match_indices('\n').map(|(i, _)| i + 1))
        .collect();
    let line_of = |offset: usize| first_line + starts.partition_point(|&s| s <= offset) - 1;
    let mut prose_from = 0;
    let mut title: Option<String> = None;
    let mut block: Option<(String, String, usize)> = None;
    let mut skip_heading = false;
    for (event, range) in Parser::new_ext(body, Options::empty()).into_offset_iter() {
        match event {
            Event::Start(Tag::Heading { level, .. }) if level <= HeadingLevel::H2 => {
                let prose = body.get(prose_from..range.start).unwrap_or_default();
                add_prose(&mut tutorial, prose);
                if level == HeadingLevel::H2 {
                    if tutorial.steps.len() == MAX_STEPS {
                        return fail(line_of(range.start), format!("more than {MAX_STEPS} steps"));
                    }
                    tutorial.steps.push(Step {
                        line: line_of(range.start),
                        points: 1,
                        ..Step::default()
                    });
                    title = Some(String::new());
                } else {
                    // A `# Title` repeats the front matter's title.
                    skip_heading = true;
                }
            }
            Event::End(TagEnd::Heading(level)) if level <= HeadingLevel::H2 => {
                if let (Some(t), Some(step)) = (title.take(), tutorial.steps.last_mut()) {
                    step.title = t.trim().to_string();
                }
                skip_heading = false;
                prose_from = range.end;
            }
            Event::Text(t) | Event::Code(t) if title.is_some() => {
                if let Some(title) = title.as_mut() {
                    title.push_str(&t);
                }
            }
            _ if skip_heading => {}
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) => {
                let kind = info
                    .split_whitespace()
                    .next()
                    .unwrap_or_default()
                    .to_string();
                if BLOCKS.contains(&kind.as_str()) {
                    let prose = body.get(prose_from..range.start).unwrap_or_default();
                    add_prose(&mut tutorial, prose);
                    block = Some((kind, String::new(), line_of(range.start) + 1));
                }
            }
            Event::Text(t) if block.is_some() => {
                if let Some((_, content, _)) = block.as_mut() {
                    content.push_str(&t);
                }
            }
            Event::End(TagEnd::CodeBlock) if block.is_some() => {
                if let Some((kind, content, line)) = block.take() {
                    let Some(step) = tutorial.steps.last_mut() else {
                        return fail(
                            line - 1,
                            format!("a `{kind}` block before the first step (a `## ` heading)"),
                        );
                    };
                    add_block(step, &kind, &content, line)?;
                }
                prose_from = range.end;
            }
            _ => {}
        }
    }
    let rest = body.get(prose_from..).unwrap_or_default();
    add_prose(&mut tutorial, rest);
    if tutorial.steps.is_empty() {
        return fail(
            first_line,
            "no steps: each step starts with a `## ` heading",
        );
    }
    for step in &tutorial.steps {
        if step.title.is_empty() {
            return fail(step.line, "a step without a title");
        }
        if !step.variants.is_empty() && tutorial.pack.is_none() {
            return fail(step.line, "variants are for packs (`kind: pack`)");
        }
        let names: Vec<&str> = step
            .variants
            .first()
            .map(|v| v.iter().map(|(k, _)| k.as_str()).collect())
            .unwrap_or_default();
        let texts = step
            .setup
            .iter()
            .chain(&step.solution)
            .map(|l| l.text.as_str())
            .chain(step.checks.iter().map(|c| c.source.as_str()))
            .chain(step.parts.iter().flat_map(|p| match p {
                Part::Run(lines) => lines.iter().map(|l| l.text.as_str()).collect(),
                Part::Text(_) => Vec::new(),
            }));
        for text in texts {
            if let Some(name) = super::pack::placeholders(text).find(|n| !names.contains(n)) {
                return fail(
                    step.line,
                    format!("`{{{{{name}}}}}` is not a value of this step's variants"),
                );
            }
        }
        // A check with placeholders must read with every variant's values.
        for c in &step.checks {
            for values in &step.variants {
                check_line(&super::pack::fill(&c.source, values), c.line)?;
            }
        }
    }
    Ok(tutorial)
}

/// Prose goes to the last step, or to the introduction before any.
fn add_prose(t: &mut Tutorial, text: &str) {
    let text = text.trim();
    if text.is_empty() {
        return;
    }
    match t.steps.last_mut() {
        Some(step) => step.parts.push(Part::Text(prose(text))),
        None => t.intro.blocks.extend(prose(text).blocks),
    }
}

/// The `---` block: `key: value` lines.
fn front_matter(text: &str) -> Result<(Tutorial, &str, usize), ParseError> {
    let Some(rest) = text
        .strip_prefix("---\n")
        .or_else(|| text.strip_prefix("---\r\n"))
    else {
        return fail(
            1,
            "the file must start with front matter between `---` lines",
        );
    };
    let Some(end) = rest.find("\n---") else {
        return fail(1, "the front matter has no closing `---` line");
    };
    let head = rest.get(..end).unwrap_or_default();
    let body_start = rest.get(end + 4..).map_or(rest.len(), |after| {
        end + 4 + after.find('\n').map_or(after.len(), |n| n + 1)
    });
    let body = rest.get(body_start..).unwrap_or_default();
    let mut t = Tutorial {
        id: String::new(),
        title: String::new(),
        level: Level::Beginner,
        minutes: 0,
        prerequisites: Vec::new(),
        intro: Default::default(),
        steps: Vec::new(),
        pack: None,
    };
    let mut seen = Vec::new();
    let mut solutions = None;
    for (i, raw) in head.lines().enumerate() {
        let line = i + 2;
        if raw.trim().is_empty() {
            continue;
        }
        let Some((key, value)) = raw.split_once(':') else {
            return fail(line, format!("`{}` is not a `key: value` line", raw.trim()));
        };
        let (key, value) = (key.trim(), value.trim());
        if seen.contains(&key.to_string()) {
            return fail(line, format!("`{key}` is given twice"));
        }
        seen.push(key.to_string());
        match key {
            "id" => {
                if value.is_empty()
                    || !value
                        .bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
                {
                    return fail(line, "the id is lower-case letters, digits and `-`");
                }
                t.id = value.to_string();
            }
            "title" => t.title = value.to_string(),
            "level" => {
                t.level = match value {
                    "beginner" => Level::Beginner,
                    "intermediate" => Level::Intermediate,
                    "advanced" => Level::Advanced,
                    _ => return fail(line, "the level is beginner, intermediate or advanced"),
                }
            }
            "minutes" => match value.parse::<u32>() {
                Ok(m) if (1..=240).contains(&m) => t.minutes = m,
                _ => return fail(line, "minutes is a whole number from 1 to 240"),
            },
            "prerequisites" => {
                t.prerequisites = value
                    .split(',')
                    .map(|p| p.trim().to_string())
                    .filter(|p| !p.is_empty())
                    .collect();
            }
            "kind" => match value {
                "tutorial" => {}
                "pack" => {
                    t.pack = Some(Pack {
                        solutions: Solutions::Hidden,
                    })
                }
                _ => return fail(line, "the kind is tutorial or pack"),
            },
            "solutions" => {
                solutions = Some(match value.split_once(' ') {
                    None if value == "shown" => Solutions::Shown,
                    None if value == "hidden" => Solutions::Hidden,
                    Some(("after", day)) if is_day(day.trim()) => {
                        Solutions::After(day.trim().to_string())
                    }
                    _ => {
                        return fail(
                            line,
                            "solutions is shown, hidden, or after a day (after 2026-12-20)",
                        )
                    }
                });
            }
            other => return fail(line, format!("unknown front matter key `{other}`")),
        }
    }
    match (&mut t.pack, solutions) {
        (Some(pack), Some(s)) => pack.solutions = s,
        (None, Some(_)) => return fail(1, "`solutions` is for packs (`kind: pack`)"),
        _ => {}
    }
    for (key, empty) in [
        ("id", t.id.is_empty()),
        ("title", t.title.is_empty()),
        ("minutes", t.minutes == 0),
    ] {
        if empty {
            return fail(1, format!("the front matter needs `{key}`"));
        }
    }
    let first_line = 1 + text
        .get(..text.len() - body.len())
        .map_or(0, |s| s.matches('\n').count());
    Ok((t, body, first_line))
}

/// `YYYY-MM-DD`.
fn is_day(d: &str) -> bool {
    let b = d.as_bytes();
    b.len() == 10
        && b.iter().enumerate().all(|(i, c)| match i {
            4 | 7 => *c == b'-',
            _ => c.is_ascii_digit(),
        })
}

/// A variant line: `name=value` pairs split as redis-cli splits words.
fn variant_line(l: &str, n: usize) -> Result<Vec<(String, String)>, ParseError> {
    let words = crate::cli::split_args(l.as_bytes()).map_err(|_| ParseError {
        line: n,
        message: "unbalanced quotes".into(),
    })?;
    words
        .iter()
        .map(|w| {
            let w = String::from_utf8_lossy(w);
            match w.split_once('=') {
                Some((k, v))
                    if !k.is_empty()
                        && k.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') =>
                {
                    Ok((k.to_string(), v.to_string()))
                }
                _ => fail(n, format!("`{w}` is not a `name=value` pair")),
            }
        })
        .collect()
}

fn add_block(step: &mut Step, kind: &str, content: &str, first: usize) -> Result<(), ParseError> {
    let lines = content
        .lines()
        .enumerate()
        .map(|(i, l)| (first + i, l.trim()));
    let lines = lines.filter(|(_, l)| !l.is_empty() && !l.starts_with('#'));
    match kind {
        "redis" => step.parts.push(Part::Run(command_lines(lines)?)),
        "setup" => step.setup.extend(command_lines(lines)?),
        "solution" => step.solution.extend(command_lines(lines)?),
        "hint" => step.hints.push(prose(content)),
        "variants" => {
            for (n, l) in lines {
                if step.variants.len() == MAX_VARIANTS {
                    return fail(n, format!("more than {MAX_VARIANTS} variants"));
                }
                let v = variant_line(l, n)?;
                if let Some(first) = step.variants.first() {
                    let names = |v: &[(String, String)]| {
                        let mut n: Vec<String> = v.iter().map(|(k, _)| k.clone()).collect();
                        n.sort();
                        n
                    };
                    if names(first) != names(&v) {
                        return fail(n, "every variant names the same values as the first");
                    }
                }
                step.variants.push(v);
            }
        }
        "check" => {
            for (n, l) in lines {
                step.checks.push(check_or_template(l, n)?);
            }
        }
        "wrong" => {
            let mut commands = Vec::new();
            let mut reason = None;
            for (n, l) in lines {
                match l.strip_prefix("=>") {
                    Some(r) => reason = Some(r.trim().to_string()),
                    None => commands.push(command_line(l, n)?),
                }
            }
            let Some(reason) = reason else {
                return fail(
                    first,
                    "a `wrong` block needs the reason it fails with, on a `=> ` line",
                );
            };
            step.wrong.push(Wrong {
                lines: commands,
                reason,
            });
        }
        _ => {
            for (n, l) in lines {
                let Some((key, value)) = l.split_once(':') else {
                    return fail(n, format!("`{l}` is not a `key: value` line"));
                };
                match key.trim() {
                    "forbid" => step.forbid.extend(
                        value
                            .split(',')
                            .map(|c| c.trim().to_ascii_uppercase())
                            .filter(|c| !c.is_empty()),
                    ),
                    "par" => match value.trim().parse::<usize>() {
                        Ok(p) if p > 0 => step.par = Some(p),
                        _ => return fail(n, "par is a whole number of commands"),
                    },
                    "points" => match value.trim().parse::<u32>() {
                        Ok(p) if (1..=100).contains(&p) => step.points = p,
                        _ => return fail(n, "points is a whole number from 1 to 100"),
                    },
                    other => {
                        return fail(
                            n,
                            format!("unknown step option `{other}` (forbid, par, points)"),
                        )
                    }
                }
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::web::learn::format::{Check, Line};

    const GOOD: &str = "---
id: demo
title: A demo
level: beginner
minutes: 5
prerequisites: first-keys, expiry
---
# A demo

Welcome.

## Make a list

Push three colours.

```redis
RPUSH colours red green blue
```

Then look.

```check
len colours 3
list colours red green blue | the order matters
```

```solution
RPUSH colours red green blue
```

```hint
RPUSH adds at the tail.
```

```wrong
RPUSH colours red green
=> colours has 2 elements; this step wants 3
```

```step
forbid: keys, flushall
par: 1
```

## Two clients

```redis
@2 BLPOP jobs 0
@1 RPUSH jobs one
```

```check
blocked @2
reply (integer) 1
ttl session 1..60
```
";

    #[test]
    fn a_tutorial_reads_into_steps_and_parts() {
        let t = parse(GOOD).expect("parses");
        assert_eq!(
            (t.id.as_str(), t.title.as_str(), t.minutes),
            ("demo", "A demo", 5)
        );
        assert_eq!(t.prerequisites, ["first-keys", "expiry"]);
        assert_eq!(t.intro.plain(), "Welcome.");
        assert_eq!(t.steps.len(), 2);
        let s = &t.steps[0];
        assert_eq!(s.title, "Make a list");
        assert_eq!(s.line, 12);
        assert_eq!(
            s.parts,
            vec![
                Part::Text(prose("Push three colours.")),
                Part::Run(vec![Line {
                    client: 0,
                    text: "RPUSH colours red green blue".into()
                }]),
                Part::Text(prose("Then look.")),
            ]
        );
        assert_eq!(s.checks[0].check, Check::Len(b"colours".to_vec(), 3));
        assert_eq!(s.checks[1].because.as_deref(), Some("the order matters"));
        assert_eq!(s.checks[1].line, 24);
        assert_eq!(
            s.wrong[0].reason,
            "colours has 2 elements; this step wants 3"
        );
        assert_eq!(
            (s.forbid.clone(), s.par),
            (vec!["KEYS".to_string(), "FLUSHALL".into()], Some(1))
        );
        let s = &t.steps[1];
        assert_eq!(
            s.parts[0],
            Part::Run(vec![
                Line {
                    client: 1,
                    text: "BLPOP jobs 0".into()
                },
                Line {
                    client: 0,
                    text: "RPUSH jobs one".into()
                },
            ])
        );
        assert_eq!(s.checks[0].check, Check::Blocked(1));
        assert_eq!(s.checks[1].check, Check::Reply("(integer) 1".into()));
        assert_eq!(s.checks[2].check, Check::Ttl(b"session".to_vec(), 1, 60));
    }

    #[test]
    fn mistakes_name_their_line() {
        let bad =
            |from: &str, to: &str| parse(&GOOD.replacen(from, to, 1)).map(|_| ()).unwrap_err();
        assert_eq!(bad("len colours 3", "lenght colours 3").line, 23);
        assert!(bad("len colours 3", "lenght colours 3")
            .message
            .starts_with("unknown check `lenght`"));
        assert_eq!(
            bad("len colours 3", "len colours three").to_string(),
            "line 23: `three` is not a whole number"
        );
        assert_eq!(
            bad("@2 BLPOP", "@9 BLPOP").to_string(),
            "line 48: `@9`: clients are @1 to @4"
        );
        assert_eq!(bad("=> colours", "colours").line, 36);
        assert_eq!(
            bad("minutes: 5", "minutes: soon").to_string(),
            "line 5: minutes is a whole number from 1 to 240"
        );
        assert_eq!(
            bad("level: beginner", "colour: red").to_string(),
            "line 4: unknown front matter key `colour`"
        );
        assert_eq!(bad("par: 1", "par: none").line, 42);
        assert!(parse("no front matter").is_err());
        assert!(parse("---\nid: x\ntitle: X\nminutes: 1\n---\nNo steps.\n").is_err());
        // Near the limit, many blocks: read (their lines right) in one pass.
        let many = format!("{GOOD}{}", "```hint\nh\n```\n".repeat(15_000));
        let t = parse(&many).expect("parses");
        assert_eq!(t.steps[1].hints.len(), 15_000);
        let huge = format!("{GOOD}{}", "x".repeat(MAX_FILE_BYTES));
        assert!(bad_text(&huge).message.contains("at most"));
    }

    #[test]
    fn packs_read_points_variants_and_when_solutions_show() {
        const PACK: &str = "---
id: p
title: P
kind: pack
minutes: 5
solutions: after 2026-12-20
---
## One

```setup
SET n {{start}}
```

```variants
start=1 end=2
start=10 end=11
```

```check
value n {{end}}
```

```step
points: 3
```
";
        let t = parse(PACK).expect("parses");
        assert_eq!(
            t.pack,
            Some(Pack {
                solutions: Solutions::After("2026-12-20".into())
            })
        );
        let s = &t.steps[0];
        assert_eq!(s.points, 3);
        assert_eq!(s.variants.len(), 2);
        assert_eq!(
            s.variants[1],
            vec![("start".into(), "10".into()), ("end".into(), "11".into())]
        );
        assert_eq!(s.checks[0].source, "value n {{end}}");
        let bad = |from: &str, to: &str| {
            parse(&PACK.replacen(from, to, 1))
                .map(|_| ())
                .unwrap_err()
                .to_string()
        };
        assert_eq!(
            bad("kind: pack", "kind: quiz"),
            "line 4: the kind is tutorial or pack"
        );
        assert_eq!(
            bad("solutions: after 2026-12-20", "solutions: soon"),
            "line 6: solutions is shown, hidden, or after a day (after 2026-12-20)"
        );
        assert_eq!(
            bad("kind: pack\n", ""),
            "line 1: `solutions` is for packs (`kind: pack`)"
        );
        assert_eq!(
            bad("start=10 end=11", "start=10"),
            "line 16: every variant names the same values as the first"
        );
        assert_eq!(
            bad("value n {{end}}", "value n {{stop}}"),
            "line 8: `{{stop}}` is not a value of this step's variants"
        );
        assert_eq!(
            bad(
                "SET n {{start}}",
                "SET n {{start}}\n```\n\n```check\nlen n {{end}}x"
            ),
            "line 15: `2x` is not a whole number"
        );
        assert_eq!(
            bad("points: 3", "points: 0"),
            "line 24: points is a whole number from 1 to 100"
        );
    }

    fn bad_text(t: &str) -> ParseError {
        parse(t).map(|_| ()).unwrap_err()
    }

    #[test]
    fn random_input_never_panics() {
        let mut rng = fastrand::Rng::with_seed(7);
        let alphabet: Vec<char> = "-:#@|`\n\"' abc123=>.\\~".chars().collect();
        for _ in 0..3000 {
            let mut t = GOOD.to_string();
            for _ in 0..rng.usize(1..6) {
                let at = rng.usize(..t.len());
                if t.is_char_boundary(at) {
                    t.insert(at, alphabet[rng.usize(..alphabet.len())]);
                }
            }
            let _ = parse(&t);
            let cut = rng.usize(..t.len());
            if t.is_char_boundary(cut) {
                let _ = parse(&t[..cut]);
            }
        }
    }
}
