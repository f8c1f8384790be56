//! Exercise packs for teachers: a tutorial file with `kind: pack`, whose
//! steps are exercises worth points, each from an empty database, with
//! variants (`{{name}}` placeholders filled from one set of values per
//! variant). Grading replays the learner's commands on every variant, so
//! an answer written for one set of values fails another. Results go out
//! as JSON and a readable summary; a teacher re-grades results files
//! from their commands, so an edited file is caught, and gets a CSV.

use super::format::{Line, Solutions, Tutorial};
use crate::engine::scripting::ScriptVm;
use crate::web::model::Playground;

/// The Lua VM lent to the sandboxes grading replays (the page's is a
/// module loaded on demand; native builds make their own).
pub type Vm = Option<Box<dyn ScriptVm>>;

/// Whether the learner may see the solutions now (`today`: `YYYY-MM-DD`).
pub fn solutions_visible(pack: &Tutorial, today: &str) -> bool {
    match pack.pack.as_ref().map(|p| &p.solutions) {
        None | Some(Solutions::Shown) => true,
        Some(Solutions::Hidden) => false,
        Some(Solutions::After(day)) => today >= day.as_str(),
    }
}

/// The names of the `{{name}}` placeholders in `text`, in order.
pub fn placeholders(text: &str) -> impl Iterator<Item = &str> {
    text.split("{{").skip(1).filter_map(|rest| {
        let (name, _) = rest.split_once("}}")?;
        let ok = !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_');
        ok.then_some(name)
    })
}

/// `text` with each `{{name}}` of `values` replaced by its value.
pub fn fill(text: &str, values: &[(String, String)]) -> String {
    let mut out = text.to_string();
    for (k, v) in values {
        out = out.replace(&format!("{{{{{k}}}}}"), v);
    }
    out
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Passed,
    Failed,
    /// The learner ran nothing in this exercise.
    NotTried,
}

impl Status {
    pub fn word(self) -> &'static str {
        match self {
            Status::Passed => "passed",
            Status::Failed => "failed",
            Status::NotTried => "not tried",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Grade {
    pub status: Status,
    pub points: u32,
    pub max: u32,
    /// The first failing check's reason, on the first variant it failed.
    pub reason: Option<String>,
    /// That variant (0-based), when the exercise has several.
    pub failed_variant: Option<usize>,
}

/// Grade exercise `i` of `pack` from the learner's commands: in a fresh
/// sandbox per variant, its setup then the commands, then its checks.
/// Passed only when every variant passes.
pub fn grade(pack: &Tutorial, i: usize, commands: &[Line], now_ms: i64) -> Grade {
    grade_with(pack, i, commands, now_ms, &mut None)
}

/// [`grade`], with the VM each sandbox borrows (and gives back).
pub fn grade_with(pack: &Tutorial, i: usize, commands: &[Line], now_ms: i64, vm: &mut Vm) -> Grade {
    let max = pack.steps.get(i).map_or(0, |s| s.points);
    let variants = pack.steps.get(i).map_or(1, |s| s.variants.len().max(1));
    let mut out = Grade {
        status: Status::NotTried,
        points: 0,
        max,
        reason: None,
        failed_variant: None,
    };
    if commands.is_empty() {
        return out;
    }
    for v in 0..variants {
        let mut p = Playground::sandbox(now_ms, 1 + v as u64);
        if let Some(vm) = vm.take() {
            p.engine.set_script_vm(vm);
        }
        p.start_exercise(pack.clone(), i, v, now_ms);
        for line in commands {
            p.lesson_run(line, now_ms);
        }
        let failure = p.first_failure();
        *vm = p.engine.take_script_vm();
        if let Some(reason) = failure {
            out.status = Status::Failed;
            out.reason = Some(if variants > 1 {
                format!("{reason} (variant {} of {variants})", v + 1)
            } else {
                reason
            });
            out.failed_variant = (variants > 1).then_some(v);
            return out;
        }
    }
    out.status = Status::Passed;
    out.points = max;
    out
}

/// One exercise's result, as exported.
#[derive(Debug, Clone, PartialEq)]
pub struct Exercise {
    pub name: String,
    pub grade: Grade,
    pub commands: Vec<Line>,
}

/// A learner's results on a pack.
#[derive(Debug, Clone, PartialEq)]
pub struct Results {
    pub pack: String,
    pub title: String,
    pub learner: String,
    pub exercises: Vec<Exercise>,
}

/// Grade every exercise from the learner's commands (`logs[i]` for
/// exercise `i`).
pub fn results(
    pack: &Tutorial,
    learner: &str,
    logs: &[Vec<Line>],
    now_ms: i64,
    vm: &mut Vm,
) -> Results {
    let exercises = pack
        .steps
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let commands = logs.get(i).cloned().unwrap_or_default();
            Exercise {
                name: s.title.clone(),
                grade: grade_with(pack, i, &commands, now_ms, vm),
                commands,
            }
        })
        .collect();
    Results {
        pack: pack.id.clone(),
        title: pack.title.clone(),
        learner: learner.to_string(),
        exercises,
    }
}

impl Results {
    pub fn points(&self) -> (u32, u32) {
        self.exercises
            .iter()
            .fold((0, 0), |(p, m), e| (p + e.grade.points, m + e.grade.max))
    }
}

/// The format line of a results file.
pub const RESULTS_FORMAT: &str = "reddish-results 1";

/// A JSON string literal.
fn json(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The results file (JSON): per exercise its name, status, points, the
/// failing check's reason, the variant it failed on, and the learner's
/// commands (with their client, 1-based).
pub fn to_json(r: &Results) -> String {
    let (points, max) = r.points();
    let exercises: Vec<String> = r
        .exercises
        .iter()
        .map(|e| {
            let commands: Vec<String> = e
                .commands
                .iter()
                .map(|l| format!("{{\"client\": {}, \"text\": {}}}", l.client + 1, json(&l.text)))
                .collect();
            format!(
                "    {{\"name\": {}, \"status\": {}, \"points\": {}, \"max\": {}, \"reason\": {}, \"seed\": {}, \"commands\": [{}]}}",
                json(&e.name),
                json(e.grade.status.word()),
                e.grade.points,
                e.grade.max,
                e.grade.reason.as_deref().map_or("null".to_string(), json),
                e.grade.failed_variant.map_or("null".to_string(), |v| (v + 1).to_string()),
                commands.join(", ")
            )
        })
        .collect();
    format!(
        "{{\n  \"format\": {},\n  \"pack\": {},\n  \"title\": {},\n  \"learner\": {},\n  \"points\": {points},\n  \"max\": {max},\n  \"exercises\": [\n{}\n  ]\n}}\n",
        json(RESULTS_FORMAT),
        json(&r.pack),
        json(&r.title),
        json(&r.learner),
        exercises.join(",\n")
    )
}

/// The same results, for people.
pub fn summary(r: &Results) -> String {
    let (points, max) = r.points();
    let mut out = format!(
        "{}: {} ({}), {points} of {max} points\n\n",
        if r.learner.is_empty() {
            "(no name)"
        } else {
            &r.learner
        },
        r.title,
        r.pack
    );
    for (i, e) in r.exercises.iter().enumerate() {
        out += &format!(
            "{}. {}: {}, {} of {} points\n",
            i + 1,
            e.name,
            e.grade.status.word(),
            e.grade.points,
            e.grade.max
        );
        if let Some(why) = &e.grade.reason {
            out += &format!("   why: {why}\n");
        }
        for l in &e.commands {
            out += &format!("   @{} {}\n", l.client + 1, l.text);
        }
    }
    out
}

/// What a results file claims for one exercise (read by the page from
/// JSON), to re-grade it.
#[derive(Debug, Clone, PartialEq)]
pub struct Claimed {
    pub name: String,
    pub status: String,
    pub points: u32,
    pub commands: Vec<Line>,
}

/// One learner's row of the teacher's table: re-graded from the
/// commands, with what the file claimed when it differs.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub learner: String,
    pub grades: Vec<Grade>,
    /// Why the file does not match its re-grading (edited, or for another
    /// pack), if it does not.
    pub note: Option<String>,
}

/// Re-grade a learner's claimed results against `pack`.
pub fn regrade(
    pack: &Tutorial,
    learner: &str,
    pack_id: &str,
    claimed: &[Claimed],
    now_ms: i64,
    vm: &mut Vm,
) -> Row {
    let mut notes = Vec::new();
    if pack_id != pack.id {
        notes.push(format!(
            "the file is for the pack \"{pack_id}\", not \"{}\"",
            pack.id
        ));
    }
    let grades: Vec<Grade> = pack
        .steps
        .iter()
        .enumerate()
        .map(|(i, s)| {
            // The claim at the same place, else the first of that name.
            let c = claimed
                .get(i)
                .filter(|c| c.name == s.title)
                .or_else(|| claimed.iter().find(|c| c.name == s.title));
            let commands = c.map(|c| c.commands.clone()).unwrap_or_default();
            let g = grade_with(pack, i, &commands, now_ms, vm);
            if let Some(c) = c {
                if c.status != g.status.word() || c.points != g.points {
                    notes.push(format!(
                        "exercise {} claims {}, {} points; re-graded: {}, {}",
                        i + 1,
                        c.status,
                        c.points,
                        g.status.word(),
                        g.points
                    ));
                }
            }
            g
        })
        .collect();
    for c in claimed {
        if !pack.steps.iter().any(|s| s.title == c.name) {
            notes.push(format!(
                "the file's exercise \"{}\" is not in this pack",
                c.name
            ));
        }
    }
    Row {
        learner: learner.to_string(),
        grades,
        note: (!notes.is_empty()).then(|| notes.join("; ")),
    }
}

/// A CSV field. One a spreadsheet would take for a formula (`=`, `+`,
/// `-`, `@` first: a learner's name comes from their file) starts with
/// `'` instead.
fn csv_field(s: &str) -> String {
    let s = if s.starts_with(['=', '+', '-', '@']) {
        format!("'{s}")
    } else {
        s.to_string()
    };
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

/// The teacher's table as CSV: a row per learner, points per exercise,
/// the total, and the note.
pub fn to_csv(pack: &Tutorial, rows: &[Row]) -> String {
    let mut head = vec!["learner".to_string()];
    head.extend(
        pack.steps
            .iter()
            .enumerate()
            .map(|(i, s)| csv_field(&format!("{}. {} ({})", i + 1, s.title, s.points))),
    );
    head.extend(["total".into(), "max".into(), "note".into()]);
    let mut out = head.join(",") + "\n";
    for r in rows {
        let mut cells = vec![csv_field(&r.learner)];
        if r.grades.is_empty() {
            // Not graded (not a results file): empty cells, then the note.
            cells.extend(std::iter::repeat_n(String::new(), pack.steps.len() + 2));
        } else {
            cells.extend(r.grades.iter().map(|g| g.points.to_string()));
            let total: u32 = r.grades.iter().map(|g| g.points).sum();
            let max: u32 = r.grades.iter().map(|g| g.max).sum();
            cells.extend([total.to_string(), max.to_string()]);
        }
        cells.push(csv_field(r.note.as_deref().unwrap_or_default()));
        out += &(cells.join(",") + "\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_and_filling() {
        let text = "SET {{key}} {{value}} {x} {{}} {{bad name}} {{key}}";
        assert_eq!(
            placeholders(text).collect::<Vec<_>>(),
            ["key", "value", "key"]
        );
        let v = vec![
            ("key".to_string(), "k1".to_string()),
            ("value".into(), "7".into()),
        ];
        assert_eq!(fill(text, &v), "SET k1 7 {x} {{}} {{bad name}} k1");
    }

    #[test]
    fn json_and_csv_escape_what_they_must() {
        assert_eq!(json("a\"b\\c\nd\u{1}"), "\"a\\\"b\\\\c\\nd\\u0001\"");
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field("=HYPERLINK(1)"), "'=HYPERLINK(1)");
        assert_eq!(csv_field("-1,2"), "\"'-1,2\"");
    }
}
