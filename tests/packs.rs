//! Every exercise pack in `packs/` grades as it should: each exercise's
//! solution passes on every variant and earns its points, each wrong
//! attempt fails with the reason the file gives (a hard-coded answer on
//! the variant where its values are wrong), nothing tried earns nothing;
//! results export as JSON and a summary; re-grading catches an edited
//! results file; the teacher's CSV.

use std::path::Path;

use reddish::web::learn::format::{Line, Tutorial};
use reddish::web::learn::pack::{self, Claimed, Status};
use reddish::web::learn::parse::parse;
use reddish::web::model::Playground;

const T: i64 = 1_700_000_000_000;

fn packs() -> Vec<(String, Tutorial)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("packs");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("packs/")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|f| {
            let name = f.display().to_string();
            let t = parse(&std::fs::read_to_string(&f).expect("readable"))
                .unwrap_or_else(|e| panic!("{name}: {e}"));
            (name, t)
        })
        .collect()
}

#[test]
fn every_solution_passes_every_variant_and_every_wrong_attempt_fails_with_its_reason() {
    let all = packs();
    assert!(!all.is_empty(), "no packs found");
    for (name, p) in &all {
        assert!(p.pack.is_some(), "{name}: kind: pack");
        for (i, step) in p.steps.iter().enumerate() {
            let at = format!("{name}, exercise {} ({})", i + 1, step.title);
            assert!(!step.checks.is_empty(), "{at}: no checks");
            assert!(!step.wrong.is_empty(), "{at}: no wrong attempt");
            let g = pack::grade(p, i, &step.solution, T);
            assert_eq!(
                (g.status, g.points, g.reason.as_deref()),
                (Status::Passed, step.points, None),
                "{at}: the solution"
            );
            for wrong in &step.wrong {
                let g = pack::grade(p, i, &wrong.lines, T);
                assert_eq!(g.status, Status::Failed, "{at}: a wrong attempt passed");
                assert_eq!(g.points, 0);
                assert_eq!(g.reason.as_deref(), Some(wrong.reason.as_str()), "{at}");
            }
            let g = pack::grade(p, i, &[], T);
            assert_eq!((g.status, g.points), (Status::NotTried, 0), "{at}");
            // The learner's sandbox starts each exercise on the first
            // variant, from an empty database: the checks fail until
            // they work, and the solution then passes there too.
            let mut l = Playground::with_exercise(p.clone(), i, 0, T);
            assert!(
                l.first_failure().is_some(),
                "{at}: passes before anything is done"
            );
            l.show_me(T);
            assert_eq!(l.first_failure(), None, "{at}: shown");
        }
    }
}

fn line(text: &str) -> Line {
    Line {
        client: 0,
        text: text.to_string(),
    }
}

#[test]
fn results_export_and_a_teacher_regrades_them() {
    let (_, p) = packs()
        .into_iter()
        .find(|(_, p)| p.id == "queues-and-sets")
        .expect("the example pack");
    // A learner: the first exercise right, the second hard-coded, the
    // third not tried, then the rest right.
    let mut logs: Vec<Vec<Line>> = vec![Vec::new(); p.steps.len()];
    logs[0] = vec![line("LMOVE jobs processing LEFT RIGHT")];
    logs[1] = vec![line("SADD tags:all redis cache nosql")];
    logs[3] = vec![line("EXPIRE otp:ada 60")];
    logs[4] = vec![line("ZINCRBY board 10 ann")];
    let r = pack::results(&p, "Ada \"L\"", &logs, T, &mut None);
    assert_eq!(r.points(), (5, 8));
    let json = pack::to_json(&r);
    assert!(json.contains("\"format\": \"reddish-results 1\""), "{json}");
    assert!(json.contains("\"learner\": \"Ada \\\"L\\\"\""), "{json}");
    assert!(
        json.contains("{\"name\": \"All the tags\", \"status\": \"failed\", \"points\": 0, \"max\": 2, \"reason\": \"tags:all holds \\\"cache\\\", \\\"nosql\\\", \\\"redis\\\"; this step wants \\\"go\\\", \\\"rust\\\", \\\"systems\\\" (in any order) (variant 2 of 2)\", \"seed\": 2, \"commands\": [{\"client\": 1, \"text\": \"SADD tags:all redis cache nosql\"}]}"),
        "{json}"
    );
    assert!(json.contains("\"status\": \"not tried\""), "{json}");
    let summary = pack::summary(&r);
    assert!(
        summary.starts_with(
            "Ada \"L\": Queues, sets and counters (graded) (queues-and-sets), 5 of 8 points\n"
        ),
        "{summary}"
    );
    assert!(
        summary.contains("2. All the tags: failed, 0 of 2 points\n   why: "),
        "{summary}"
    );

    // What a results file claims, as the page reads it back.
    let claimed: Vec<Claimed> = r
        .exercises
        .iter()
        .map(|e| Claimed {
            name: e.name.clone(),
            status: e.grade.status.word().to_string(),
            points: e.grade.points,
            commands: e.commands.clone(),
        })
        .collect();
    let row = pack::regrade(&p, "Ada", "queues-and-sets", &claimed, T, &mut None);
    assert_eq!(row.note, None);
    assert_eq!(row.grades.iter().map(|g| g.points).sum::<u32>(), 5);
    // Edited by hand: the second exercise claims a pass.
    let mut edited = claimed.clone();
    edited[1].status = "passed".into();
    edited[1].points = 2;
    let row = pack::regrade(&p, "Ada", "queues-and-sets", &edited, T, &mut None);
    assert_eq!(
        row.note.as_deref(),
        Some("exercise 2 claims passed, 2 points; re-graded: failed, 0")
    );
    assert_eq!(row.grades[1].points, 0);
    // Commands changed to pass: re-grading believes the commands, not
    // the claim, and says the file does not match.
    let mut fixed = claimed.clone();
    fixed[1].commands = vec![line("SUNIONSTORE tags:all tags:post:1 tags:post:2")];
    let row = pack::regrade(&p, "Bob", "queues-and-sets", &fixed, T, &mut None);
    assert_eq!(row.grades[1].points, 2);
    assert_eq!(
        row.note.as_deref(),
        Some("exercise 2 claims failed, 0 points; re-graded: passed, 2")
    );
    let other = pack::regrade(&p, "Eve", "another-pack", &claimed, T, &mut None);
    assert!(other
        .note
        .is_some_and(|n| n.starts_with("the file is for the pack \"another-pack\"")));

    // A row that could not be graded keeps the columns in place.
    let unread = pack::Row {
        learner: "eve.json".into(),
        grades: Vec::new(),
        note: Some("not graded: it is not JSON".into()),
    };
    assert_eq!(
        pack::to_csv(&p, &[unread]).lines().nth(1),
        Some("eve.json,,,,,,,,not graded: it is not JSON")
    );
    // A file whose exercise names are not this pack's says so.
    let mut renamed = claimed.clone();
    renamed[0].name = "Old title".into();
    let row = pack::regrade(&p, "Ada", "queues-and-sets", &renamed, T, &mut None);
    assert_eq!(row.grades[0].status, Status::NotTried);
    assert_eq!(
        row.note.as_deref(),
        Some("the file's exercise \"Old title\" is not in this pack")
    );
    let csv = pack::to_csv(
        &p,
        &[pack::regrade(
            &p,
            "Ada, L.",
            "queues-and-sets",
            &claimed,
            T,
            &mut None,
        )],
    );
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some("learner,1. Take the oldest job into processing (2),2. All the tags (2),3. A counter that starts itself (1),4. Forget in a minute (1),5. Best score first (2),total,max,note")
    );
    assert_eq!(lines.next(), Some("\"Ada, L.\",2,0,0,1,2,5,8,"));
}
