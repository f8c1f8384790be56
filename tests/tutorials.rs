//! Every tutorial in `tutorials/` plays through on the engine: each step's
//! solution makes all its checks pass, each wrong attempt fails with the
//! reason the file says, and the file itself is well formed (a check and a
//! solution per step, a par the solution meets, known prerequisites).

use std::path::Path;

use reddish::web::learn::format::Tutorial;
use reddish::web::learn::parse::parse;
use reddish::web::model::Playground;

const T: i64 = 1_700_000_000_000;

fn tutorials() -> Vec<(String, Tutorial)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tutorials");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("tutorials/")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "md") && !p.ends_with("README.md"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|f| {
            let name = f
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let text = std::fs::read_to_string(&f).expect("readable");
            let t = parse(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
            (name, t)
        })
        .collect()
}

/// A lesson brought to the start of step `i` by playing the solutions
/// before it.
fn at_step(t: &Tutorial, i: usize) -> Playground {
    let mut l = Playground::with_lesson(t.clone(), T, 1);
    for s in 0..i {
        enter(&mut l, s);
        l.show_me(T);
    }
    enter(&mut l, i);
    l
}

/// Enter step `i` unless the lesson is there already (a lesson starts in
/// its first step).
fn enter(l: &mut Playground, i: usize) {
    if l.lesson().map(|l| l.step) != Some(i) {
        l.go_to_step(i, T);
    }
}

#[test]
fn every_solution_passes_and_every_wrong_attempt_fails_with_its_reason() {
    let all = tutorials();
    assert!(!all.is_empty(), "no tutorials found");
    let ids: Vec<String> = all.iter().map(|(_, t)| t.id.clone()).collect();
    for (name, t) in &all {
        assert!(
            (5..=12).contains(&t.steps.len()),
            "{name}: {} steps; a tutorial has 5 to 12",
            t.steps.len()
        );
        for p in &t.prerequisites {
            assert!(ids.contains(p), "{name}: unknown prerequisite {p}");
        }
        let mut lesson = Playground::with_lesson(t.clone(), T, 1);
        for (i, step) in t.steps.iter().enumerate() {
            let at = format!("{name}, step {} ({})", i + 1, step.title);
            assert!(!step.checks.is_empty(), "{at}: no checks");
            assert!(!step.solution.is_empty(), "{at}: no solution");
            assert!(!step.wrong.is_empty(), "{at}: no wrong attempt");
            enter(&mut lesson, i);
            assert!(
                lesson.first_failure().is_some(),
                "{at}: already passes before the learner does anything"
            );
            for wrong in &step.wrong {
                let mut w = at_step(t, i);
                for line in &wrong.lines {
                    w.lesson_run(line, T);
                }
                assert_eq!(
                    w.first_failure().as_deref(),
                    Some(wrong.reason.as_str()),
                    "{at}: a wrong attempt"
                );
            }
            lesson.show_me(T);
            assert_eq!(lesson.first_failure(), None, "{at}: the solution");
            if let Some(par) = step.par {
                assert!(
                    step.solution.len() <= par,
                    "{at}: the solution is longer than par"
                );
            }
            for line in &step.solution {
                let cmd = line
                    .text
                    .split_whitespace()
                    .next()
                    .unwrap_or_default()
                    .to_ascii_uppercase();
                assert!(
                    !step.forbid.contains(&cmd),
                    "{at}: the solution uses forbidden {cmd}"
                );
            }
        }
        assert!(
            lesson.lesson().is_some_and(|l| l.passed.iter().all(|p| *p)),
            "{name}: every step passed"
        );
    }
}

/// Opening a tutorial at a step (a link, a reload, "Previous") plays the
/// steps before it: the learner finds the data those steps leave, the
/// consoles hold only a note saying so, and their progress is kept.
#[test]
fn opening_at_a_step_plays_the_steps_before_it_and_keeps_progress() {
    for (name, t) in tutorials() {
        let last = t.steps.len() - 1;
        let mut p = Playground::with_lesson(t.clone(), T, 1);
        p.show_me(T);
        p.open_at(last, T);
        let l = p.lesson().expect("a lesson");
        assert_eq!(l.step, last, "{name}");
        // What each step ran (a Share link's work) is what was played.
        for (s, step) in t.steps.iter().enumerate() {
            let want = if s < last {
                step.solution.clone()
            } else {
                Vec::new()
            };
            assert_eq!(l.logs[s], want, "{name}: step {}'s work", s + 1);
        }
        assert_eq!(
            l.passed.iter().filter(|x| **x).count(),
            1,
            "{name}: only what the learner passed counts as passed"
        );
        assert_eq!(
            p.first_failure(),
            at_step(&t, last).first_failure(),
            "{name}: the state at the last step"
        );
        let lines: Vec<String> = p
            .clients
            .iter()
            .flat_map(|c| c.lines.iter().map(|l| l.text.clone()))
            .collect();
        assert_eq!(
            lines,
            [format!(
                "(steps 1 to {last} were played for you: the data is as they leave it)"
            )],
            "{name}"
        );
        p.show_me(T);
        assert_eq!(p.first_failure(), None, "{name}: the last step's solution");
    }
}

/// `tutorials/index.txt` is the list the tutorial page shows: every
/// tutorial once, each after its prerequisites, and each file named after
/// its id (the page fetches `tutorials/ID.md`).
#[test]
fn the_index_lists_every_tutorial_after_its_prerequisites() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tutorials");
    let index = std::fs::read_to_string(dir.join("index.txt")).expect("tutorials/index.txt");
    let listed: Vec<&str> = index.lines().filter(|l| !l.trim().is_empty()).collect();
    let all = tutorials();
    let mut files: Vec<String> = all.iter().map(|(f, _)| f.clone()).collect();
    let mut wanted: Vec<String> = listed.iter().map(|id| format!("{id}.md")).collect();
    files.sort();
    wanted.sort();
    assert_eq!(wanted, files, "index.txt and the tutorial files");
    for (name, t) in &all {
        assert_eq!(
            format!("{}.md", t.id),
            *name,
            "a file is named after its id"
        );
        let at = listed.iter().position(|id| *id == t.id);
        for p in &t.prerequisites {
            let before = listed.iter().position(|id| id == p);
            assert!(before < at, "{name}: listed before its prerequisite {p}");
        }
    }
}

/// A link to someone's work (what they ran in each step) opens the step
/// with the data their commands made, not the solutions'.
#[test]
fn a_link_to_someones_work_replays_their_commands() {
    let (_, t) = tutorials()
        .into_iter()
        .find(|(_, t)| t.id == "first-keys")
        .expect("first-keys");
    let mut theirs = Playground::with_lesson(t.clone(), T, 1);
    theirs.lesson_run(
        &reddish::web::learn::format::Line {
            client: 0,
            text: "SET name Grace".into(),
        },
        T,
    );
    theirs.go_to_step(1, T);
    let logs = theirs.lesson().expect("a lesson").logs.clone();
    let text = reddish::web::learn::progress::write_logs(&logs);
    assert_eq!(text, "1 1 SET name Grace\n");
    let mut mine = Playground::with_lesson(t.clone(), T, 2);
    mine.open_with_work(
        1,
        &reddish::web::learn::progress::parse_logs(&text, t.steps.len()),
        T,
    );
    assert_eq!(mine.lesson().map(|l| l.step), Some(1));
    let lines: Vec<String> = mine.clients[0]
        .lines
        .iter()
        .map(|l| l.text.clone())
        .collect();
    assert_eq!(lines, ["(step 1 was played as the link's author ran it)"]);
    let got = reddish::web::model::execute_for_console(
        &mut mine.engine,
        mine.clients[0].session,
        &[b"GET".to_vec(), b"name".to_vec()],
    );
    assert_eq!(got, reddish::Reply::bulk("Grace"));
    // Their passes are not the receiver's.
    assert!(mine.lesson().is_some_and(|l| !l.passed[0]));
}
