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
    /// What the learner ran since the step began (what they saw is
    /// recorded by the console: `Playground::replies_seen`).
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

    /// The step the learner is on.
    fn current(&self) -> Option<&super::format::Step> {
        self.tutorial.steps.get(self.step)
    }

    /// Enter the current step: run its setup (not counted as the
    /// learner's), forget what was seen.
    pub fn begin(&mut self, now_ms: i64) {
        let setup = self.current().map(|s| s.setup.clone()).unwrap_or_default();
        for line in &setup {
            self.feed(line, now_ms);
        }
        self.seen = Seen::default();
        // From here the console records every reply, late ones too.
        self.playground.replies_seen = Some(Vec::new());
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
        // A paste of several lines: each is checked and recorded as typed.
        let mut out = Vec::new();
        for text in line.text.lines() {
            let one = Line {
                client: line.client,
                text: text.to_string(),
            };
            out.extend(self.run_one(&one, now_ms));
        }
        if self.verdicts().iter().all(|v| v.failure.is_none()) {
            if let Some(p) = self.passed.get_mut(self.step) {
                *p = true;
            }
        }
        out
    }

    fn run_one(&mut self, line: &Line, now_ms: i64) -> Vec<(LineKind, String)> {
        let name = Self::command_of(&line.text);
        let forbidden = self
            .current()
            .is_some_and(|s| name.as_ref().is_some_and(|n| s.forbid.contains(n)));
        if let (true, Some(n)) = (forbidden, &name) {
            let note = format!("(this step asks you not to use {n}: find another way)");
            let c = self.client_index(line.client);
            self.playground.push(c, LineKind::Note, note.clone());
            return vec![(LineKind::Note, note)];
        }
        let own = self.feed(line, now_ms);
        if let Some(n) = name {
            self.seen.commands.push(n);
            self.typed += 1;
        }
        own
    }

    /// Every check of the current step.
    pub fn verdicts(&self) -> Vec<Verdict> {
        let Some(step) = self.current() else {
            return Vec::new();
        };
        let seen = Seen {
            commands: self.seen.commands.clone(),
            replies: self.playground.replies_seen.clone().unwrap_or_default(),
        };
        step.checks
            .iter()
            .map(|c| Verdict {
                line: c.line,
                failure: check::run(c, &self.playground, &seen).err(),
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
            .current()
            .map(|s| s.solution.clone())
            .unwrap_or_default();
        for line in &solution {
            self.run(line, now_ms);
        }
    }
}

#[cfg(all(test, feature = "markdown", feature = "lua"))]
mod tests {
    use super::*;
    use crate::engine::scripting::{vm::Vm, DEFAULT_INSTRUCTION_LIMIT, DEFAULT_MEMORY_LIMIT};

    const T: i64 = 1_700_000_000_000;

    const TUTORIAL: &str = "---
id: t
title: T
minutes: 1
---
## A script

```check
reply (integer) 7
```

```solution
EVAL \"return 7\" 0
```

## Forbidden

```check
exists k
```

```step
forbid: set
```
";

    #[test]
    fn a_reply_that_comes_late_still_counts() {
        let t = crate::web::learn::parse::parse(TUTORIAL).expect("parses");
        let mut l = Lesson::new(t, T, 1);
        // As in the page: the Lua module arrives after the script is typed.
        l.playground.engine.set_script_vm_on_demand();
        l.show_me(T);
        assert_eq!(
            l.first_failure().as_deref(),
            Some("no reply (integer) 7 has been seen in this step")
        );
        let vm = Vm::new(DEFAULT_INSTRUCTION_LIMIT, DEFAULT_MEMORY_LIMIT)
            .map(|v| Box::new(v) as Box<dyn crate::engine::scripting::ScriptVm>);
        l.playground.lua_loaded(vm, T);
        assert_eq!(l.first_failure(), None);
    }

    #[test]
    fn a_forbidden_command_is_refused_with_a_note() {
        let t = crate::web::learn::parse::parse(TUTORIAL).expect("parses");
        let mut l = Lesson::new(t, T, 1);
        l.go_to(1, T);
        let out = l.run(
            &Line {
                client: 0,
                text: "set k 1".into(),
            },
            T,
        );
        assert_eq!(
            out,
            vec![(
                LineKind::Note,
                "(this step asks you not to use SET: find another way)".to_string()
            )]
        );
        assert_eq!(
            l.first_failure().as_deref(),
            Some("k does not exist; this step wants it")
        );
        // A paste cannot slip a forbidden line past the step.
        l.run(
            &Line {
                client: 0,
                text: "PING\nSET k 1".into(),
            },
            T,
        );
        assert_eq!(
            l.first_failure().as_deref(),
            Some("k does not exist; this step wants it")
        );
        assert_eq!(l.typed, 1);
        l.run(
            &Line {
                client: 0,
                text: "MSET k 1".into(),
            },
            T,
        );
        assert_eq!(l.first_failure(), None);
        assert!(l.passed[1] && !l.passed[0]);
    }
}
