//! Moving from the page's first build to its full build, without the
//! browser. The first load leaves out the rest of the engine (bitmaps for
//! now; see `cmd::ext`) to stay in its 350 KB budget. The first line that
//! needs it waits (`Playground::feed_line`); the page saves the data and
//! clients as it always does, then reloads into the full build with this
//! text in the tab's session storage (`platform/full.rs`): each tab's
//! last console lines and the lines that waited. The full build loads the
//! saved data as after any reload, puts the lines back and runs what
//! waited.
//!
//! What saving does not keep cannot come along (CONFIG changes, cached
//! scripts and libraries, subscriptions, a transaction being queued, a
//! blocked command, undo): the first line the full build prints names
//! whichever of those there was, so nothing goes silently.

use super::model::{Line, LineKind, Playground};
use crate::cli;

const MAGIC: &str = "reddish-handover 1";
/// Console lines carried per tab: the recent past, not the whole log.
const LINES_CARRIED: usize = 100;

fn kind_word(kind: LineKind) -> &'static str {
    match kind {
        LineKind::Input => "input",
        LineKind::Reply => "reply",
        LineKind::Error => "error",
        LineKind::Note => "note",
    }
}

fn word_kind(word: &[u8]) -> Option<LineKind> {
    Some(match word {
        b"input" => LineKind::Input,
        b"reply" => LineKind::Reply,
        b"error" => LineKind::Error,
        b"note" => LineKind::Note,
        _ => return None,
    })
}

fn quote(text: &str) -> String {
    cli::help::quote_arg(text.as_bytes())
}

impl Playground {
    /// What saving will not keep of this playground, in words, for the
    /// note the full build prints.
    pub fn left_behind(&self) -> Vec<&'static str> {
        let mut out = Vec::new();
        if self.engine.settings_version() > 0 {
            out.push("CONFIG SET changes and loaded scripts");
        }
        let views: Vec<_> = self
            .clients
            .iter()
            .filter_map(|c| self.engine.client_view(c.session))
            .collect();
        if views.iter().any(|v| {
            !v.channels.is_empty() || !v.patterns.is_empty() || !v.shard_channels.is_empty()
        }) {
            out.push("subscriptions");
        }
        if views.iter().any(|v| v.multi.is_some()) {
            out.push("a transaction being queued");
        }
        if self.clients.iter().any(|c| c.waiting.is_some()) {
            out.push("a blocked command");
        }
        out
    }

    /// The handover text: each tab's last lines and the lines waiting in
    /// it, taken out of the tab (they run in the full build).
    pub fn handover_text(&mut self) -> String {
        let behind = self.left_behind();
        let mut out = format!("{MAGIC}\n");
        if !behind.is_empty() {
            out.push_str(&format!("behind {}\n", quote(&behind.join(", "))));
        }
        for (i, c) in self.clients.iter_mut().enumerate() {
            out.push_str(&format!("client {i}\n"));
            let skip = c.lines.len().saturating_sub(LINES_CARRIED);
            for l in c.lines.iter().skip(skip) {
                out.push_str(&format!("line {} {}\n", kind_word(l.kind), quote(&l.text)));
            }
            for q in c.lua_queue.take().into_iter().flatten() {
                out.push_str(&format!("queued {}\n", quote(&q)));
            }
        }
        out.push_str("end\n");
        out
    }

    /// Take a handover text in (after the saved clients, so tab `i` is the
    /// same tab): its lines go back in their consoles with a note saying
    /// what came along, and what waited runs once the saved data is in
    /// (`run_handed_over`). Refused whole when malformed or cut short.
    pub fn receive_handover(&mut self, text: &str) -> Result<(), String> {
        let mut lines = text.lines();
        if lines.next() != Some(MAGIC) {
            return Err("not a handover this page reads".into());
        }
        let mut behind = None;
        let mut tabs: Vec<(Vec<Line>, Vec<String>)> = Vec::new();
        let mut ended = false;
        for (n, line) in lines.enumerate() {
            let bad = || format!("line {}: malformed", n + 2);
            let words = cli::split_args(line.as_bytes()).map_err(|_| bad())?;
            let text = |i: usize| {
                words
                    .get(i)
                    .map(|w| String::from_utf8_lossy(w).into_owned())
                    .ok_or_else(bad)
            };
            match words.first().map(Vec::as_slice) {
                Some(b"end") => {
                    ended = true;
                    break;
                }
                Some(b"behind") => behind = Some(text(1)?),
                Some(b"client") => tabs.push(Default::default()),
                Some(b"line") => {
                    let kind = words.get(1).and_then(|w| word_kind(w)).ok_or_else(bad)?;
                    let tab = tabs.last_mut().ok_or_else(bad)?;
                    tab.0.push(Line {
                        kind,
                        text: text(2)?,
                    });
                }
                Some(b"queued") => {
                    let q = text(1)?;
                    tabs.last_mut().ok_or_else(bad)?.1.push(q);
                }
                _ => return Err(bad()),
            }
        }
        if !ended {
            return Err("cut short".into());
        }
        let note = match behind {
            None => "(the rest of the engine is loaded: your data and clients came along; undo starts here)".to_string(),
            Some(what) => format!("(the rest of the engine is loaded: your data and clients came along, but not {what}; undo starts here)"),
        };
        for (i, (shown, queued)) in tabs.into_iter().enumerate() {
            let Some(c) = self.clients.get_mut(i) else {
                // A tab the saved clients do not have: its lines run in
                // the first tab rather than nowhere.
                self.handed_over.extend(queued.into_iter().map(|q| (0, q)));
                continue;
            };
            c.lines = shown;
            c.written += c.lines.len() as u64;
            self.handed_over.extend(queued.into_iter().map(|q| (i, q)));
            self.push(i, LineKind::Note, note.clone());
        }
        Ok(())
    }

    /// Run the lines handed over, once nothing else is on its way (the
    /// saved data, a share link).
    pub fn run_handed_over(&mut self, wall_ms: i64) {
        if self.loading || self.opening_link || self.handed_over.is_empty() {
            return;
        }
        for (i, line) in std::mem::take(&mut self.handed_over) {
            self.submit(i, &line, wall_ms);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const T: i64 = 1_700_000_000_000;

    fn texts(p: &Playground, i: usize) -> Vec<String> {
        p.clients[i].lines.iter().map(|l| l.text.clone()).collect()
    }

    #[test]
    fn a_handover_carries_lines_and_runs_what_waited() {
        let mut p = Playground::new(T, 1);
        p.submit(0, "SET greeting \"hi there\"", T);
        let b = p.open_client();
        p.submit(b, "SUBSCRIBE news", T);
        // Natively the engine has the rest of itself; queue as the page's
        // first load would.
        p.clients[0].lua_queue =
            Some(["SETBIT flags 3 1".to_string(), "GETBIT flags 3".to_string()].into());
        let text = p.handover_text();
        assert!(p.clients[0].lua_queue.is_none(), "taken out of the tab");
        assert!(text.contains("behind subscriptions\n"), "{text}");

        // The full build: saved data and clients first, then the handover.
        let mut q = Playground::new(T, 2);
        q.import_text(&p.export_text(), T).unwrap();
        q.import_clients(&p.export_clients()).unwrap();
        q.receive_handover(&text).unwrap();
        let first = texts(&q, 0);
        assert!(
            first
                .iter()
                .any(|l| l.ends_with("SET greeting \"hi there\"")),
            "{first:?}"
        );
        assert!(
            first.last().unwrap().contains("but not subscriptions"),
            "{first:?}"
        );
        q.run_handed_over(T);
        let first = texts(&q, 0);
        assert_eq!(
            first[first.len() - 4..],
            [
                "127.0.0.1:6379> SETBIT flags 3 1",
                "(integer) 0",
                "127.0.0.1:6379> GETBIT flags 3",
                "(integer) 1"
            ]
        );
    }

    #[test]
    fn handed_over_lines_wait_for_the_saved_data() {
        let mut q = Playground::new(T, 2);
        q.loading = true;
        q.receive_handover("reddish-handover 1\nclient 0\nqueued \"SETBIT k 0 1\"\nend\n")
            .unwrap();
        q.run_handed_over(T);
        assert_eq!(
            q.engine.key_info(0, b"k"),
            None,
            "nothing ran under the load"
        );
        q.loading = false;
        q.run_handed_over(T);
        assert!(q.engine.key_info(0, b"k").is_some());
        assert!(q.handed_over.is_empty(), "run once");
    }

    #[test]
    fn a_damaged_handover_is_refused_whole() {
        let mut q = Playground::new(T, 2);
        for bad in [
            "",
            "reddish-handover 2\nend\n",
            "reddish-handover 1\nclient 0\nqueued \"SET a 1\"\n",
            "reddish-handover 1\nqueued x\nend\n",
            "reddish-handover 1\nclient 0\nline shout x\nend\n",
            "reddish-handover 1\nclient 0\nqueued \"unbalanced\nend\n",
        ] {
            assert!(q.receive_handover(bad).is_err(), "{bad:?}");
        }
        assert!(q.handed_over.is_empty());
        assert_eq!(q.clients[0].lines, Vec::<Line>::new());
    }
}
