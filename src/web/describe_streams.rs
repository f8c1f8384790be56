//! Streams in words: what XADD, XDEL, XTRIM, XREAD and the consumer-group
//! commands did, for the narration and the stream picture's description.
//! Part of the full build in the page (`describe::install_more_narration`),
//! with the restarts' words (`narrate_event`).

use super::describe::{plural, show, SHOW_CHARS};
use crate::engine::cmd::streams::Change;
use crate::engine::events::Effect;

/// `5-0`, or `5-0, 6-0 and 7-0`, or the first few and a count.
pub fn id_list(ids: &[(u64, u64)]) -> String {
    let mut shown: Vec<String> = ids
        .iter()
        .take(4)
        .map(|(ms, seq)| format!("{ms}-{seq}"))
        .collect();
    if ids.len() > 4 {
        shown.push(format!("{} more", ids.len() - 4));
    }
    match shown.len() {
        0 => "nothing".into(),
        1 => shown.remove(0),
        n => {
            let last = shown.remove(n - 1);
            format!("{} and {last}", shown.join(", "))
        }
    }
}

/// "trimmed the oldest entry", "trimmed the 3 oldest entries".
pub fn trimmed_words(n: usize) -> String {
    if n == 1 {
        "trimmed the oldest entry".into()
    } else {
        format!("trimmed the {n} oldest entries")
    }
}

fn who(bytes: &[u8]) -> String {
    format!("\"{}\"", show(bytes, SHOW_CHARS))
}

/// One stream effect in words (`k` is the key as shown).
pub fn narrate(name: &str, k: &str, effect: &Effect) -> String {
    let Effect::More(more) = effect else {
        return format!("{name} changed {k}");
    };
    let Some(change) = more.get::<Change>() else {
        return format!("{name} changed {k}");
    };
    match change {
        Change::Entries {
            added,
            removed,
            trimmed,
            length,
        } => {
            let mut parts = Vec::new();
            if !added.is_empty() {
                parts.push(format!("added entry {}", id_list(added)));
            }
            if !removed.is_empty() {
                parts.push(format!("deleted {}", id_list(removed)));
            }
            if *trimmed > 0 {
                parts.push(trimmed_words(*trimmed));
            }
            format!(
                "{name} {} in {k}; it holds {} now",
                parts.join(" and "),
                plural(*length, "entry", "entries")
            )
        }
        Change::Read { ids } => {
            format!("{name} read {} from {k}", id_list(ids))
        }
        Change::Group {
            group,
            what,
            consumer,
            ids,
        } => {
            let (g, c) = (who(group), consumer.as_deref().map(who).unwrap_or_default());
            match *what {
                "delivered" | "delivered-noack" if ids.is_empty() => {
                    format!("{name}: group {g} of {k} had nothing for consumer {c}")
                }
                "delivered-noack" => format!(
                    "{name}: group {g} of {k} gave {} to consumer {c} without keeping them pending (NOACK)",
                    id_list(ids)
                ),
                "delivered" => format!(
                    "{name}: group {g} of {k} gave {} to consumer {c}; they stay pending until acknowledged",
                    id_list(ids)
                ),
                "acked" => format!(
                    "{name} acknowledged {} in group {g} of {k}: no longer pending",
                    id_list(ids)
                ),
                "claimed" => format!(
                    "{name} moved pending {} of group {g} in {k} to consumer {c}",
                    id_list(ids)
                ),
                "moved" => format!("{name} moved the last delivered id of group {g} in {k}"),
                "joined" | "left" => format!("{name}: consumer {c} {what} group {g} of {k}"),
                _ => format!("{name}: group {g} of {k} {what}"),
            }
        }
    }
}

/// The rest of the engine's events in words (restarts): part of the full
/// build in the page, as the effects above.
pub fn narrate_event(ev: &crate::engine::Event) -> Option<String> {
    match ev {
        crate::engine::Event::Restarted {
            stop,
            from,
            keys,
            appendfsync,
            saved_secs,
            unsaved,
            unflushed,
            failed,
        } => Some(restarted(
            *stop,
            *from,
            *keys,
            appendfsync.as_deref(),
            *saved_secs,
            *unsaved,
            *unflushed,
            failed.as_deref(),
        )),
        _ => None,
    }
}

/// A restart in words: how the server stopped, what it read back, and
/// what was lost, as the engine counted it before the stop.
#[allow(clippy::too_many_arguments)]
fn restarted(
    stop: crate::engine::events::Stop,
    from: Option<&str>,
    keys: usize,
    appendfsync: Option<&str>,
    saved_secs: Option<i64>,
    unsaved: u64,
    unflushed: u64,
    failed: Option<&str>,
) -> String {
    let how = match stop {
        crate::engine::events::Stop::Clean => "The server stopped cleanly and started again",
        crate::engine::events::Stop::Crash => {
            "The server process crashed (as kill -9 does) and started again"
        }
        crate::engine::events::Stop::PowerCut => "The power went out; the server started again",
    };
    let back = match (failed, from) {
        (Some(e), _) => format!("but could not read its files ({e}), so it has no data"),
        (None, Some(f)) => format!("from {f}: {}", super::describe::plural(keys, "key", "keys")),
        (None, None) => "with no data: there was no file to read".into(),
    };
    let changes = |n: u64| super::describe::plural(n as usize, "change", "changes");
    let lost = match (appendfsync, stop) {
        (Some(policy), crate::engine::events::Stop::PowerCut) if unflushed > 0 => format!(
            "Lost: {} written to the AOF but not yet flushed to the disk (appendfsync {policy} {})",
            super::describe::plural(unflushed as usize, "write", "writes"),
            if policy == "everysec" {
                "flushes once a second"
            } else {
                "leaves flushing to the system, within 30 s"
            }
        ),
        (Some(_), crate::engine::events::Stop::PowerCut) => {
            "Nothing was lost: every write had been flushed to the disk".into()
        }
        (Some(_), crate::engine::events::Stop::Crash) => "Nothing was lost: every write had reached the AOF, and the system keeps what a process wrote when the process dies".into(),
        (Some(_), crate::engine::events::Stop::Clean) => "Nothing was lost: a clean stop flushes the AOF".into(),
        (None, _) if unsaved == 0 => {
            "Nothing was lost: nothing had changed since the last save".into()
        }
        (None, crate::engine::events::Stop::Clean) => format!(
            "Lost: {}, because with no save points (save \"\") a clean stop does not save",
            changes(unsaved)
        ),
        (None, _) => match (from, saved_secs) {
            (Some(_), Some(t)) => format!(
                "Lost: the {} made since the last save or start ({})",
                changes(unsaved),
                super::describe::utc_text(t * 1000)
            ),
            _ => format!("Lost: {}, since nothing had been saved", changes(unsaved)),
        },
    };
    format!("{how} {back}. {lost}. Every client was disconnected.")
}

#[cfg(test)]
mod tests {
    use crate::web::model::Playground;

    const T: i64 = 1_700_000_000_000;

    fn said(p: &mut Playground, line: &str) -> String {
        p.submit(0, line, T);
        p.narrator.lines.back().cloned().unwrap_or_default()
    }

    #[test]
    fn the_narration_says_what_a_stream_command_did() {
        let mut p = Playground::new(T, 1);
        assert_eq!(
            said(&mut p, "XADD jobs 1-0 task resize"),
            "XADD added entry 1-0 in jobs; it holds 1 entry now"
        );
        said(&mut p, "XADD jobs 2-0 task crop");
        said(&mut p, "XGROUP CREATE jobs workers 0");
        assert_eq!(
            said(&mut p, "XREADGROUP GROUP workers alice COUNT 2 STREAMS jobs >"),
            "XREADGROUP: group \"workers\" of jobs gave 1-0 and 2-0 to consumer \"alice\"; they stay pending until acknowledged"
        );
        assert_eq!(
            said(&mut p, "XCLAIM jobs workers bob 0 2-0"),
            "XCLAIM moved pending 2-0 of group \"workers\" in jobs to consumer \"bob\""
        );
        assert_eq!(
            said(&mut p, "XACK jobs workers 1-0"),
            "XACK acknowledged 1-0 in group \"workers\" of jobs: no longer pending"
        );
        assert_eq!(
            said(&mut p, "XTRIM jobs MAXLEN 0"),
            "XTRIM trimmed the 2 oldest entries in jobs; it holds 0 entries now"
        );
    }
}
