//! A tutorial being played: a sandbox playground of its own (the learner's
//! free playground is another one, untouched), the current step, what the
//! learner ran in it, and the checks' verdicts. The page drives it; the
//! native test plays every tutorial's solutions and wrong attempts through
//! exactly this.

use super::check::{self, Seen};
use super::format::{Line, Tutorial};
use crate::web::model::{LineKind, Playground};

pub struct Lesson {
    pub tutorial: Tutorial,
    pub step: usize,
    pub playground: Playground,
    /// What the learner ran and saw since the step began.
    pub seen: Seen,
    /// Commands typed in this step (for the par).
    pub typed: usize,
    /// Steps whose checks all passed at some point.
    pub passed: Vec<bool>,
}

/// A check's verdict, for the page: its line of the file and the reason
/// it fails, if it does.
#[derive(Debug, Clone, PartialEq)]
pub struct Verdict {
    pub line: usize,
    pub failure: Option<String>,
}

impl Lesson {
    /// The tutorial from its first step, in a fresh sandbox.
    pub fn new(tutorial: Tutorial, now_ms: i64, seed: u64) -> Lesson {
        let steps = tutorial.steps.len();
        let mut lesson = Lesson {
            tutorial,
            step: 0,
            playground: Playground::new(now_ms, seed),
            seen: Seen::default(),
            typed: 0,
            passed: vec![false; steps],
        };
        // The sandbox's clock stands still while the learner reads: a
        // step's TTLs and windows do not run out between Run and Check.
        // `:wait N` (and the time bar) move it.
        lesson.playground.pause_clock(now_ms);
        lesson.begin(now_ms);
        lesson
    }

    /// Enter the current step: run its setup (not counted as the
    /// learner's), forget what was seen.
    pub fn begin(&mut self, now_ms: i64) {
        let setup = self
            .tutorial
            .steps
            .get(self.step)
            .map(|s| s.setup.clone())
            .unwrap_or_default();
        for line in &setup {
            self.feed(line, now_ms);
        }
        self.seen = Seen::default();
        self.typed = 0;
    }

    /// Move to step `i` (the data stays as the learner left it).
    pub fn go_to(&mut self, i: usize, now_ms: i64) {
        if i < self.tutorial.steps.len() {
            self.step = i;
            self.begin(now_ms);
        }
    }

    fn client_index(&mut self, client: usize) -> usize {
        while self.playground.clients.len() <= client {
            self.playground.open_client();
        }
        client
    }

    /// Run a line in a client, as the console does; returns what it
    /// printed. Not recorded as the learner's.
    fn feed(&mut self, line: &Line, now_ms: i64) -> Vec<(LineKind, String)> {
        let c = self.client_index(line.client);
        // `:wait 60`: the time bar's jump, as a line a step can hold.
        if let Some(secs) = line.text.strip_prefix(":wait ") {
            let note = match secs.trim().parse::<u32>() {
                Ok(s) => {
                    self.playground.jump_time(i64::from(s) * 1000, now_ms);
                    format!("(the clock moved on {s} s)")
                }
                Err(_) => "(:wait takes whole seconds)".to_string(),
            };
            self.playground.push(c, LineKind::Note, note.clone());
            return vec![(LineKind::Note, note)];
        }
        let before = self.playground.clients.get(c).map_or(0, |x| x.lines.len());
        self.playground.submit(c, &line.text, now_ms);
        let lines = self
            .playground
            .clients
            .get(c)
            .map(|x| x.lines.as_slice())
            .unwrap_or_default();
        lines
            .iter()
            .skip(before.min(lines.len()))
            .map(|l| (l.kind, l.text.clone()))
            .collect()
    }

    /// The command a line runs (upper case), past a repeat count.
    fn command_of(text: &str) -> Option<String> {
        let mut words = text.split_whitespace();
        let first = words.next()?;
        let name = if first.bytes().all(|b| b.is_ascii_digit()) {
            words.next()?
        } else {
            first
        };
        Some(name.to_ascii_uppercase())
    }

    /// The learner typed (or ran from a Run button) `line`. A command the
    /// step forbids is refused with a note saying so; the rest runs and is
    /// recorded for the checks. Replies from every client count (a push
    /// can wake another client's BLPOP).
    pub fn run(&mut self, line: &Line, now_ms: i64) -> Vec<(LineKind, String)> {
        let name = Self::command_of(&line.text);
        let forbidden = self
            .tutorial
            .steps
            .get(self.step)
            .is_some_and(|s| name.as_ref().is_some_and(|n| s.forbid.contains(n)));
        if let (true, Some(n)) = (forbidden, &name) {
            let note = format!("(this step asks you not to use {n}: find another way)");
            let c = self.client_index(line.client);
            self.playground.push(c, LineKind::Note, note.clone());
            return vec![(LineKind::Note, note)];
        }
        let before: Vec<usize> = self
            .playground
            .clients
            .iter()
            .map(|c| c.lines.len())
            .collect();
        let own = self.feed(line, now_ms);
        if let Some(n) = name {
            self.seen.commands.push(n);
            self.typed += 1;
        }
        for (i, c) in self.playground.clients.iter().enumerate() {
            let from = before.get(i).copied().unwrap_or(0).min(c.lines.len());
            let new = c.lines.iter().skip(from);
            self.seen.replies.extend(
                new.filter(|l| matches!(l.kind, LineKind::Reply | LineKind::Error))
                    .map(|l| l.text.clone()),
            );
        }
        if self.verdicts().iter().all(|v| v.failure.is_none()) {
            if let Some(p) = self.passed.get_mut(self.step) {
                *p = true;
            }
        }
        own
    }

    /// Every check of the current step.
    pub fn verdicts(&self) -> Vec<Verdict> {
        let Some(step) = self.tutorial.steps.get(self.step) else {
            return Vec::new();
        };
        step.checks
            .iter()
            .map(|c| Verdict {
                line: c.line,
                failure: check::run(c, &self.playground, &self.seen).err(),
            })
            .collect()
    }

    /// The first reason the step is not done, if any.
    pub fn first_failure(&self) -> Option<String> {
        self.verdicts().into_iter().find_map(|v| v.failure)
    }

    /// "Show me": run the step's solution as if typed.
    pub fn show_me(&mut self, now_ms: i64) {
        let solution = self
            .tutorial
            .steps
            .get(self.step)
            .map(|s| s.solution.clone())
            .unwrap_or_default();
        for line in &solution {
            self.run(line, now_ms);
        }
    }
}
