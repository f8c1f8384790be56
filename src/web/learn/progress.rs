//! How far the learner got in each tutorial, kept across reloads: the
//! step they are on and the steps that passed. One localStorage entry
//! (`reddish:v1:learn`) of text lines `ID STEP PASSED`, PASSED a `1`/`0`
//! per step; lines that do not read are skipped, never fatal.

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
pub use saved::{load, load_all, remember};

#[cfg(test)]
mod tests {
    use super::*;

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
