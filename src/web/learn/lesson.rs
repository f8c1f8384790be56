//! A tutorial being played: its sandbox is a playground of its own (the
//! learner's free playground is another one, untouched), holding the
//! lesson: the current step, what the learner ran in it, and which steps
//! passed. The page drives it; the native test plays every tutorial's
//! solutions and wrong attempts through exactly this.

use super::check::{self, Seen};
use super::format::{Line, Step, Tutorial};
use crate::web::model::{LineKind, Playground};

pub struct Lesson {
    pub tutorial: Tutorial,
    pub step: usize,
    /// Commands the learner ran since the step began (what they saw is
    /// recorded by the console: `Playground::replies_seen`).
    pub commands: Vec<String>,
    /// Commands typed in this step (for the par).
    pub typed: usize,
    /// Steps whose checks all passed at some point.
    pub passed: Vec<bool>,
    /// The learner ran something in this step or asked for a check: the
    /// page shows the verdicts from then on (not a list of failures
    /// before they start).
    pub tried: bool,
    /// Hints the learner asked for in this step.
    pub hints_shown: usize,
    /// In a pack, the variant the learner works on (0-based).
    pub variant: usize,
    /// In a pack, what the learner ran in each exercise (what grading
    /// replays); kept when they move between exercises.
    pub logs: Vec<Vec<Line>>,
    /// In a pack, the teacher's re-graded results files.
    pub graded: Vec<super::pack::Row>,
}

/// A check's verdict, for the page: its line as written and the reason
/// it fails, if it does.
#[derive(Debug, Clone, PartialEq)]
pub struct Verdict {
    pub source: String,
    pub failure: Option<String>,
}

/// The command a line runs (upper case), past a repeat count, read as
/// redis-cli reads it (quotes and all: `"SET" k 1` runs SET).
fn command_of(text: &str) -> Option<String> {
    match crate::cli::parse_line(text) {
        crate::cli::Input::Command { argv, .. } => argv
            .first()
            .map(|name| String::from_utf8_lossy(name).to_ascii_uppercase()),
        _ => None,
    }
}

impl Playground {
    pub fn lesson(&self) -> Option<&Lesson> {
        self.lesson_slot.as_ref()?.downcast_ref()
    }

    pub fn lesson_mut(&mut self) -> Option<&mut Lesson> {
        self.lesson_slot.as_mut()?.downcast_mut()
    }

    fn take_lesson(&mut self) -> Option<Box<Lesson>> {
        self.lesson_slot.take()?.downcast().ok()
    }

    /// A sandbox for `tutorial`, at its first step.
    pub fn with_lesson(tutorial: Tutorial, now_ms: i64, seed: u64) -> Playground {
        let mut p = Playground::sandbox(now_ms, seed);
        p.start_lesson(tutorial, now_ms);
        p
    }

    /// Start `tutorial` in this (fresh) sandbox.
    pub fn start_lesson(&mut self, tutorial: Tutorial, now_ms: i64) {
        let steps = tutorial.steps.len();
        self.install(
            Box::new(Lesson {
                tutorial,
                step: 0,
                commands: Vec::new(),
                typed: 0,
                passed: vec![false; steps],
                tried: false,
                hints_shown: 0,
                variant: 0,
                logs: vec![Vec::new(); steps],
                graded: Vec::new(),
            }),
            now_ms,
        );
    }

    /// Put `lesson` in this (fresh) sandbox, at its step.
    fn install(&mut self, lesson: Box<Lesson>, now_ms: i64) {
        self.lesson_slot = Some(lesson);
        // The sandbox's clock stands still while the learner reads: a
        // step's TTLs and windows do not run out between Run and Check.
        // `:wait N` (and the time bar) move it.
        self.pause_clock(now_ms);
        self.enter_step(now_ms);
    }

    /// Exercise `i` of `pack` on variant `variant`, from its start (what
    /// grading replays the learner's commands in).
    pub fn with_exercise(pack: Tutorial, i: usize, variant: usize, now_ms: i64) -> Playground {
        let mut p = Playground::sandbox(now_ms, 1 + variant as u64);
        p.start_exercise(pack, i, variant, now_ms);
        p
    }

    /// [`Playground::with_exercise`] in this fresh sandbox.
    pub fn start_exercise(&mut self, pack: Tutorial, i: usize, variant: usize, now_ms: i64) {
        let steps = pack.steps.len();
        let mut l = Box::new(Lesson {
            tutorial: pack,
            step: i.min(steps.saturating_sub(1)),
            commands: Vec::new(),
            typed: 0,
            passed: vec![false; steps],
            tried: false,
            hints_shown: 0,
            variant,
            logs: vec![Vec::new(); steps],
            graded: Vec::new(),
        });
        l.variant = variant;
        self.install(l, now_ms);
    }

    /// The current step's variant values (none outside packs).
    pub fn variant_values(&self) -> Vec<(String, String)> {
        let Some(l) = self.lesson() else {
            return Vec::new();
        };
        l.tutorial
            .steps
            .get(l.step)
            .and_then(|s| s.variants.get(l.variant).or(s.variants.first()))
            .cloned()
            .unwrap_or_default()
    }

    /// Lines with the variant's values put in.
    pub fn filled(&self, lines: &[Line]) -> Vec<Line> {
        let values = self.variant_values();
        lines
            .iter()
            .map(|l| Line {
                client: l.client,
                text: super::pack::fill(&l.text, &values),
            })
            .collect()
    }

    /// A fresh sandbox (the Lua module kept) holding this lesson, which
    /// is returned to be put back.
    fn fresh_sandbox(&mut self, now_ms: i64) -> Option<Box<Lesson>> {
        let l = self.take_lesson()?;
        let seed = self.engine.rng_state() ^ now_ms as u64;
        let mut fresh = Playground::sandbox(now_ms, seed);
        // The Lua module, once loaded, serves the new sandbox too (before
        // its first setup line, which may be a script).
        if let Some(vm) = self.engine.take_script_vm() {
            fresh.engine.set_script_vm(vm);
        }
        *self = fresh;
        Some(l)
    }

    /// A pack's exercise `i` from an empty database and its setup, then
    /// (with `replay`) what the learner already ran in it, shown again.
    pub fn open_exercise(&mut self, i: usize, replay: bool, now_ms: i64) {
        let Some(mut l) = self.fresh_sandbox(now_ms) else {
            return;
        };
        l.step = i.min(l.tutorial.steps.len().saturating_sub(1));
        let log = if replay {
            l.logs.get(l.step).cloned().unwrap_or_default()
        } else {
            Vec::new()
        };
        self.install(l, now_ms);
        for line in &log {
            self.feed(line, now_ms);
            if let (Some(n), Some(l)) = (command_of(&line.text), self.lesson_mut()) {
                l.commands.push(n);
                l.typed += 1;
            }
        }
        self.narrator = Default::default();
    }

    /// Start the current pack exercise again, forgetting what the learner
    /// ran in it.
    pub fn restart_exercise(&mut self, now_ms: i64) {
        let Some(l) = self.lesson_mut() else {
            return;
        };
        let at = l.step;
        if let Some(log) = l.logs.get_mut(at) {
            log.clear();
        }
        self.open_exercise(at, false, now_ms);
    }

    /// The step the learner is on.
    pub fn current_step(&self) -> Option<&Step> {
        let l = self.lesson()?;
        l.tutorial.steps.get(l.step)
    }

    /// Enter the current step: run its setup (not counted as the
    /// learner's), forget what was seen.
    fn enter_step(&mut self, now_ms: i64) {
        let setup = self
            .current_step()
            .map(|s| s.setup.clone())
            .unwrap_or_default();
        let setup = self.filled(&setup);
        for line in &setup {
            self.feed(line, now_ms);
        }
        if let Some(l) = self.lesson_mut() {
            l.commands.clear();
            l.typed = 0;
            l.tried = false;
            l.hints_shown = 0;
        }
        // From here the console records every reply, late ones too.
        self.replies_seen = Some(Vec::new());
    }

    /// Move to step `i`, the data as the learner left it (a pack moves
    /// with `open_exercise`).
    pub fn go_to_step(&mut self, i: usize, now_ms: i64) {
        let Some(l) = self.lesson_mut() else {
            return;
        };
        if i < l.tutorial.steps.len() {
            l.step = i;
            self.enter_step(now_ms);
        }
    }

    /// The tutorial from scratch, brought to the start of step `i` by
    /// playing the solutions of the steps before it (what `?step=N`, a
    /// reload and "Previous" open). Progress is kept; the consoles start
    /// empty, with a note saying what was played.
    pub fn open_at(&mut self, i: usize, now_ms: i64) {
        let solutions = |p: &Playground, s: usize| -> Vec<Line> {
            match p.lesson().and_then(|l| l.tutorial.steps.get(s)) {
                Some(step) if s < i => p.filled(&step.solution),
                _ => Vec::new(),
            }
        };
        self.rebuild(i, now_ms, &solutions, |i| match i {
            1 => "(step 1 was played for you: the data is as it leaves it)".to_string(),
            _ => format!("(steps 1 to {i} were played for you: the data is as they leave it)"),
        });
    }

    /// The tutorial from scratch, brought to step `i` by playing what
    /// someone ran in each step up to it (`logs`, from a link to their
    /// work): each step entered (its setup run), then their commands.
    /// The earlier steps' lines are cleared with a note; the current
    /// step's stay. Progress is kept.
    pub fn open_with_work(&mut self, i: usize, logs: &[Vec<Line>], now_ms: i64) {
        let work = |_: &Playground, s: usize| logs.get(s).cloned().unwrap_or_default();
        self.rebuild(i, now_ms, &work, |i| match i {
            1 => "(step 1 was played as the link's author ran it)".to_string(),
            _ => format!("(steps 1 to {i} were played as the link's author ran them)"),
        });
    }

    /// A fresh sandbox at step `i`: each step up to it entered (its setup
    /// run) and `lines(step)` played as typed; the consoles are cleared
    /// once step `i` is entered, with `note(i)` when steps came before.
    /// Playing passes steps, but only the learner's own passes count; what
    /// each step ran (a Share link's work) becomes what was played.
    fn rebuild(
        &mut self,
        i: usize,
        now_ms: i64,
        lines: &dyn Fn(&Playground, usize) -> Vec<Line>,
        note: fn(usize) -> String,
    ) {
        let Some(mut l) = self.fresh_sandbox(now_ms) else {
            return;
        };
        let i = i.min(l.tutorial.steps.len().saturating_sub(1));
        let passed = l.passed.clone();
        l.logs.iter_mut().for_each(Vec::clear);
        l.step = 0;
        self.install(l, now_ms);
        for s in 0..=i {
            if s > 0 {
                self.go_to_step(s, now_ms);
            }
            if s == i {
                for c in &mut self.clients {
                    c.lines.clear();
                }
                self.narrator = Default::default();
                if i > 0 {
                    self.push(0, LineKind::Note, note(i));
                }
            }
            for line in lines(self, s) {
                self.lesson_run(&line, now_ms);
            }
        }
        if let Some(l) = self.lesson_mut() {
            l.passed = passed;
        }
    }

    fn client_index(&mut self, client: usize) -> usize {
        while self.clients.len() <= client {
            self.open_client();
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
                    self.jump_time(i64::from(s) * 1000, now_ms);
                    format!("(the clock moved on {s} s)")
                }
                Err(_) => "(:wait takes whole seconds)".to_string(),
            };
            self.push(c, LineKind::Note, note.clone());
            return vec![(LineKind::Note, note)];
        }
        let before = self.clients.get(c).map_or(0, |x| x.lines.len());
        self.submit(c, &line.text, now_ms);
        let lines = self
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

    /// The learner typed (or ran from a Run button) `line`. A command the
    /// step forbids is refused with a note saying so; the rest runs and is
    /// recorded for the checks. Replies from every client count (a push
    /// can wake another client's BLPOP). Outside a lesson, the console's
    /// own submit.
    pub fn lesson_run(&mut self, line: &Line, now_ms: i64) -> Vec<(LineKind, String)> {
        if self.lesson().is_none() {
            let c = self.client_index(line.client);
            self.submit(c, &line.text, now_ms);
            return Vec::new();
        }
        // A paste of several lines: each is checked and recorded as typed.
        let mut out = Vec::new();
        for text in line.text.lines() {
            let one = Line {
                client: line.client,
                text: text.to_string(),
            };
            out.extend(self.run_one(&one, now_ms));
        }
        if let Some(l) = self.lesson_mut() {
            l.tried = true;
        }
        self.note_progress();
        out
    }

    fn run_one(&mut self, line: &Line, now_ms: i64) -> Vec<(LineKind, String)> {
        let name = command_of(&line.text);
        let forbidden = self
            .current_step()
            .is_some_and(|s| name.as_ref().is_some_and(|n| s.forbid.contains(n)));
        if let (true, Some(n)) = (forbidden, &name) {
            let note = format!("(this step asks you not to use {n}: find another way)");
            let c = self.client_index(line.client);
            self.echo(c, &line.text);
            self.push(c, LineKind::Note, note.clone());
            return vec![(LineKind::Note, note)];
        }
        let own = self.feed(line, now_ms);
        if let Some(l) = self.lesson_mut() {
            // Every line that ran, `:wait` included, is what a Share link
            // or grading plays again.
            if let Some(log) = l.logs.get_mut(l.step) {
                log.push(line.clone());
            }
            if let Some(n) = name {
                l.commands.push(n);
                l.typed += 1;
            }
        }
        own
    }

    /// Mark the step passed when every check passes (after a command, or
    /// when a late reply arrives); true when it just became so.
    pub fn note_progress(&mut self) -> bool {
        let done = self.first_failure().is_none() && self.current_step().is_some();
        let Some(l) = self.lesson_mut() else {
            return false;
        };
        match l.passed.get_mut(l.step) {
            Some(p) if done && !*p => {
                *p = true;
                true
            }
            _ => false,
        }
    }

    /// Every check of the current step.
    pub fn verdicts(&self) -> Vec<Verdict> {
        let (Some(step), Some(l)) = (self.current_step(), self.lesson()) else {
            return Vec::new();
        };
        let seen = Seen {
            commands: l.commands.clone(),
            replies: self.replies_seen.clone().unwrap_or_default(),
        };
        let values = self.variant_values();
        step.checks
            .iter()
            .map(|c| {
                if values.is_empty() {
                    return Verdict {
                        source: c.source.clone(),
                        failure: check::run(c, self, &seen).err(),
                    };
                }
                // A pack's variant: the check read again with its values,
                // and shown with them.
                let source = super::pack::fill(&c.source, &values);
                let failure = match super::lines::check_line(&source, c.line) {
                    Ok(c) => check::run(&c, self, &seen).err(),
                    Err(e) => Some(format!("this check cannot be read with its values: {e}")),
                };
                Verdict { source, failure }
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
            .current_step()
            .map(|s| s.solution.clone())
            .unwrap_or_default();
        let solution = self.filled(&solution);
        for line in &solution {
            self.lesson_run(line, now_ms);
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
        let mut l = Playground::with_lesson(t, T, 1);
        // As in the page: the Lua module arrives after the script is typed.
        l.engine.set_script_vm_on_demand();
        l.show_me(T);
        assert_eq!(
            l.first_failure().as_deref(),
            Some("no reply (integer) 7 has been seen in this step")
        );
        let vm = Vm::new(DEFAULT_INSTRUCTION_LIMIT, DEFAULT_MEMORY_LIMIT)
            .map(|v| Box::new(v) as Box<dyn crate::engine::scripting::ScriptVm>);
        l.lua_loaded(vm, T);
        assert_eq!(l.first_failure(), None);
    }

    #[test]
    fn the_lua_module_stays_when_the_sandbox_starts_again() {
        let t = crate::web::learn::parse::parse(TUTORIAL).expect("parses");
        let mut l = Playground::with_lesson(t, T, 1);
        l.engine.set_script_vm_on_demand();
        let vm = Vm::new(DEFAULT_INSTRUCTION_LIMIT, DEFAULT_MEMORY_LIMIT)
            .map(|v| Box::new(v) as Box<dyn crate::engine::scripting::ScriptVm>);
        l.lua_loaded(vm, T);
        l.open_at(1, T);
        assert!(l.engine.scripting_ready());
        // Step 1's solution (a script) was played at once, not queued.
        assert!(l.clients.iter().all(|c| c.lua_queue.is_none()));
        assert_eq!(l.lesson().map(|l| l.step), Some(1));
    }

    #[test]
    fn a_forbidden_command_is_refused_with_a_note() {
        let t = crate::web::learn::parse::parse(TUTORIAL).expect("parses");
        let mut l = Playground::with_lesson(t, T, 1);
        l.go_to_step(1, T);
        let out = l.lesson_run(
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
        // Quoting the name does not slip past either (redis-cli unquotes).
        l.lesson_run(
            &Line {
                client: 0,
                text: "\"set\" k 1".into(),
            },
            T,
        );
        assert_eq!(
            l.first_failure().as_deref(),
            Some("k does not exist; this step wants it")
        );
        // A paste cannot slip a forbidden line past the step.
        l.lesson_run(
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
        assert_eq!(l.lesson().map(|l| l.typed), Some(1));
        l.lesson_run(
            &Line {
                client: 0,
                text: "MSET k 1".into(),
            },
            T,
        );
        assert_eq!(l.first_failure(), None);
        let passed = &l.lesson().expect("a lesson").passed;
        assert!(passed[1] && !passed[0]);
    }
}
