//! How far the learner got in each tutorial, kept across reloads: the
//! step they are on and the steps that passed. One localStorage entry
//! (`reddish:v1:learn`) of text lines `ID STEP PASSED`, PASSED a `1`/`0`
//! per step; lines that do not read are skipped, never fatal.

use super::format::{Line, MAX_CLIENTS};
use super::lesson::Lesson;

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Progress {
    /// The step they are on (0-based).
    pub step: usize,
    pub passed: Vec<bool>,
}

/// Tutorials remembered; the oldest line goes past this.
pub const MAX_ENTRIES: usize = 200;

pub fn parse(text: &str) -> Vec<(String, Progress)> {
    text.lines()
        .filter_map(|line| {
            let mut words = line.split(' ');
            let id = words.next().filter(|id| !id.is_empty())?;
            let step = words.next()?.parse::<usize>().ok()?;
            let bits = words.next().unwrap_or_default();
            let passed = bits
                .chars()
                .map(|c| match c {
                    '1' => Some(true),
                    '0' => Some(false),
                    _ => None,
                })
                .collect::<Option<Vec<bool>>>()?;
            Some((id.to_string(), Progress { step, passed }))
        })
        .take(MAX_ENTRIES)
        .collect()
}

pub fn write(all: &[(String, Progress)]) -> String {
    all.iter()
        .map(|(id, p)| {
            let bits: String = p
                .passed
                .iter()
                .map(|b| if *b { '1' } else { '0' })
                .collect();
            format!("{id} {} {bits}\n", p.step)
        })
        .collect()
}

/// `all` with `id`'s entry replaced (moved to the end, the newest).
pub fn with(mut all: Vec<(String, Progress)>, id: &str, p: Progress) -> Vec<(String, Progress)> {
    all.retain(|(i, _)| i != id);
    all.push((id.to_string(), p));
    let extra = all.len().saturating_sub(MAX_ENTRIES);
    all.drain(..extra);
    all
}

pub fn of(l: &Lesson) -> Progress {
    Progress {
        step: l.step,
        passed: l.passed.clone(),
    }
}

/// A pack's commands per exercise as text: `EXERCISE CLIENT TEXT` lines,
/// both numbers 1-based.
pub fn write_logs(logs: &[Vec<Line>]) -> String {
    let mut out = String::new();
    for (i, log) in logs.iter().enumerate() {
        for l in log {
            out += &format!("{} {} {}\n", i + 1, l.client + 1, l.text);
        }
    }
    out
}

/// [`write_logs`]' text read back for a pack of `exercises`; lines that do
/// not read are skipped.
pub fn parse_logs(text: &str, exercises: usize) -> Vec<Vec<Line>> {
    let mut logs = vec![Vec::new(); exercises];
    for line in text.lines() {
        let mut parts = line.splitn(3, ' ');
        let (Some(i), Some(c), Some(text)) = (parts.next(), parts.next(), parts.next()) else {
            continue;
        };
        let (Ok(i), Ok(c)) = (i.parse::<usize>(), c.parse::<usize>()) else {
            continue;
        };
        if let (Some(log), true) = (
            logs.get_mut(i.wrapping_sub(1)),
            (1..=MAX_CLIENTS).contains(&c),
        ) {
            log.push(Line {
                client: c - 1,
                text: text.to_string(),
            });
        }
    }
    logs
}

/// What a link to someone's work says first: the format and its version,
/// then how many commands follow, so a cut link is told from a whole one.
const WORK: &str = "reddish-work";

/// A tutorial's work for a link: a header line, [`write_logs`]' text, and
/// `end` (a link cut anywhere lacks it).
pub fn write_work(logs: &[Vec<Line>]) -> String {
    let n: usize = logs.iter().map(Vec::len).sum();
    format!("{WORK} 1 {n}\n{}end", write_logs(logs))
}

/// [`write_work`]'s text read back, whole or not at all.
pub fn read_work(text: &str, steps: usize) -> Result<Vec<Vec<Line>>, String> {
    let (head, body) = text.split_once('\n').unwrap_or((text, ""));
    let mut words = head.split(' ');
    if words.next() != Some(WORK) {
        return Err("it is not a link to someone's work".into());
    }
    match words.next() {
        Some("1") => {}
        _ => return Err("it was made by a newer Reddish".into()),
    }
    let want = words.next().and_then(|n| n.parse::<usize>().ok());
    // `end` on a line of its own: a link cut inside a command that ends
    // in "end" is still cut.
    let body = match body {
        "end" => "",
        _ => match body.strip_suffix("\nend") {
            Some(b) => b,
            None => return Err("it is cut short".into()),
        },
    };
    let logs = parse_logs(body, steps);
    let got: usize = logs.iter().map(Vec::len).sum();
    let lines = body.lines().filter(|l| !l.is_empty()).count();
    match want {
        Some(n) if n == got && n == lines => Ok(logs),
        Some(n) => Err(format!(
            "it is damaged or cut: it should hold {n} commands, {got} could be read"
        )),
        None => Err("it is damaged: its first line is not whole".into()),
    }
}

#[cfg(feature = "web")]
mod saved {
    use super::*;
    use crate::web::platform::storage;

    const KEY: &str = "reddish:v1:learn";

    thread_local! {
        /// What was last written, so that a tick does not write again.
        static LAST: std::cell::RefCell<Option<(String, Progress)>> =
            const { std::cell::RefCell::new(None) };
    }

    fn pack_key(id: &str) -> String {
        format!("reddish:v1:pack:{id}")
    }

    /// The commands a learner ran in each exercise of pack `id`.
    pub fn load_pack(id: &str, exercises: usize) -> Vec<Vec<Line>> {
        parse_logs(&storage::get(&pack_key(id)).unwrap_or_default(), exercises)
    }

    /// Save a pack's commands when they changed: `None` when they had not,
    /// else whether the browser kept them.
    pub fn remember_pack(l: &Lesson) -> Option<bool> {
        thread_local! {
            static LAST_PACK: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
        }
        let text = write_logs(&l.logs);
        let key = pack_key(&l.tutorial.id);
        let now = format!("{key}\n{text}");
        if LAST_PACK.with(|last| *last.borrow() == now) {
            return None;
        }
        let kept = storage::set(&key, &text);
        LAST_PACK.with(|last| *last.borrow_mut() = now);
        Some(kept)
    }

    /// The instructor's reset: every tutorial's progress and every pack's
    /// commands, gone (the playground's own data stays).
    pub fn forget_everything() {
        storage::remove_prefixed(KEY);
        storage::remove_prefixed("reddish:v1:pack:");
    }

    pub fn load_all() -> Vec<(String, Progress)> {
        parse(&storage::get(KEY).unwrap_or_default())
    }

    pub fn load(id: &str) -> Option<Progress> {
        load_all()
            .into_iter()
            .find(|(i, _)| i == id)
            .map(|(_, p)| p)
    }

    /// Save the lesson's progress when it changed: `None` when it had
    /// not, else whether the browser kept it.
    pub fn remember(l: &Lesson) -> Option<bool> {
        let now = (l.tutorial.id.clone(), of(l));
        if LAST.with(|last| last.borrow().as_ref() == Some(&now)) {
            return None;
        }
        let text = write(&with(load_all(), &now.0, now.1.clone()));
        let kept = storage::set(KEY, &text);
        LAST.with(|last| *last.borrow_mut() = Some(now));
        Some(kept)
    }
}

#[cfg(feature = "web")]
pub use saved::{forget_everything, load, load_all, load_pack, remember, remember_pack};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pack_commands_round_trip_and_bad_lines_are_skipped() {
        let l = |client, text: &str| Line {
            client,
            text: text.to_string(),
        };
        let logs = vec![
            vec![l(0, "SET a 1"), l(1, "BLPOP q 0")],
            vec![],
            vec![l(0, "GET  spaced  out")],
        ];
        assert_eq!(parse_logs(&write_logs(&logs), 3), logs);
        assert_eq!(
            parse_logs(
                "1 1 PING\n0 1 bad\n4 1 past the end\n2 9 bad client\n2 x y\n2 1 ok",
                3
            ),
            vec![vec![l(0, "PING")], vec![l(0, "ok")], vec![]]
        );
    }

    #[test]
    fn a_work_link_reads_whole_or_not_at_all() {
        let l = |client, text: &str| Line {
            client,
            text: text.to_string(),
        };
        let logs = vec![
            vec![l(0, "SET name Grace")],
            vec![l(1, "BLPOP q 0"), l(0, "RPUSH q x")],
        ];
        let text = write_work(&logs);
        assert_eq!(
            text,
            "reddish-work 1 3\n1 1 SET name Grace\n2 2 BLPOP q 0\n2 1 RPUSH q x\nend"
        );
        assert_eq!(read_work(&text, 2), Ok(logs));
        for cut in 1..text.len() {
            assert!(read_work(&text[..cut], 2).is_err(), "cut at {cut}");
        }
        // Cut right after a command ending in "end": still cut.
        let weekend = write_work(&[vec![l(0, "APPEND greeting weekend")]]);
        assert!(read_work(weekend.trim_end_matches("\nend"), 1).is_err());
        assert_eq!(read_work(&write_work(&[vec![]]), 1), Ok(vec![vec![]]));
        assert_eq!(
            read_work(&text.replace("work 1", "work 2"), 2),
            Err("it was made by a newer Reddish".into())
        );
        assert_eq!(
            read_work("SET a b", 2),
            Err("it is not a link to someone's work".into())
        );
        assert_eq!(
            read_work(&text.replace("2 2 BLPOP", "9 2 BLPOP"), 2),
            Err("it is damaged or cut: it should hold 3 commands, 2 could be read".into())
        );
    }

    #[test]
    fn progress_round_trips_and_bad_lines_are_skipped() {
        let p = |step, bits: &[bool]| Progress {
            step,
            passed: bits.to_vec(),
        };
        let all = vec![
            ("first-keys".to_string(), p(2, &[true, true, false])),
            ("locks".to_string(), p(0, &[])),
        ];
        assert_eq!(parse(&write(&all)), all);
        assert_eq!(
            parse("a 1 10\n\nbroken\nb x 1\nc 0 12\nd 3 111"),
            vec![
                ("a".to_string(), p(1, &[true, false])),
                ("d".to_string(), p(3, &[true, true, true])),
            ]
        );
        let many: Vec<_> = (0..MAX_ENTRIES + 5)
            .map(|i| (format!("t{i}"), p(0, &[])))
            .collect();
        let kept = with(many, "t3", p(1, &[true]));
        assert_eq!(kept.len(), MAX_ENTRIES);
        assert_eq!(kept.last(), Some(&("t3".to_string(), p(1, &[true]))));
        assert!(kept.iter().all(|(id, _)| id != "t0"));
    }
}
