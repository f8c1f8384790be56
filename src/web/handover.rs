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
//! What saving does not keep comes along as lines the full build replays
//! quietly before anything else (`setup_lines`): CONFIG SET for changed
//! settings, each tab's subscriptions, the transaction it is queueing,
//! the command it waits in. What cannot (cached scripts and libraries,
//! WATCHed keys, undo) is named in the first line the full build prints,
//! so nothing goes silently.

use super::model::{Line, LineKind, Playground};
use crate::cli;

const MAGIC: &str = "reddish-handover 1";

/// Lines to replay quietly in the full build, each with its tab.
pub type Replays = Vec<(usize, String)>;
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
    /// What neither saving nor the replayed lines bring back, in words,
    /// for the note the full build prints.
    pub fn left_behind(&self) -> Vec<&'static str> {
        let mut out = Vec::new();
        let s = &self.engine.scripting;
        if !s.scripts.is_empty() || !s.libraries.is_empty() {
            out.push("cached scripts and function libraries");
        }
        let watching = self
            .clients
            .iter()
            .filter_map(|c| self.engine.client_view(c.session))
            .any(|v| !v.watched.is_empty());
        if watching {
            out.push("WATCHed keys");
        }
        out
    }

    /// The lines that rebuild, on the saved data, what saving does not
    /// keep, per tab: CONFIG SET for every setting changed that CONFIG SET
    /// may change (in the first tab; an immutable one, such as the page's
    /// own `enable-debug-command`, the new page sets itself), then each tab's subscriptions, its MULTI queue and the
    /// command it waits in.
    pub fn setup_lines(&self) -> Replays {
        let words = |argv: &[Vec<u8>]| {
            argv.iter()
                .map(|a| cli::help::quote_arg(a))
                .collect::<Vec<_>>()
                .join(" ")
        };
        let all = [b"*".to_vec()];
        use crate::engine::config::Config;
        let defaults = Config::default().matching(&all);
        let mut out: Replays = self
            .engine
            .config
            .matching(&all)
            .into_iter()
            .filter(|p| !defaults.contains(p) && Config::modifiable(&p.0))
            .map(|(name, value)| (0, format!("CONFIG SET {} {}", quote(&name), quote(&value))))
            .collect();
        for (i, c) in self.clients.iter().enumerate() {
            let Some(v) = self.engine.client_view(c.session) else {
                continue;
            };
            for (cmd, names) in [
                ("SUBSCRIBE", &v.channels),
                ("PSUBSCRIBE", &v.patterns),
                ("SSUBSCRIBE", &v.shard_channels),
            ] {
                if !names.is_empty() {
                    out.push((i, format!("{cmd} {}", words(names))));
                }
            }
            if let Some(queue) = &v.multi {
                out.push((i, "MULTI".into()));
                out.extend(queue.iter().map(|argv| (i, words(argv))));
            }
            if let Some(w) = &c.waiting {
                out.push((i, words(&w.argv)));
            }
        }
        out
    }

    /// The handover text: the lines to replay quietly first, in order,
    /// each with its tab (`replay`), then per tab its last console lines
    /// and the lines waiting in it (they run in the full build; here they
    /// stay queued, in case the reload does not happen).
    pub fn handover_text(&self, replay: &[(usize, String)]) -> String {
        let behind = self.left_behind();
        let mut out = format!("{MAGIC}\n");
        if !behind.is_empty() {
            out.push_str(&format!("behind {}\n", quote(&behind.join(", "))));
        }
        for (i, r) in replay {
            out.push_str(&format!("replay {i} {}\n", quote(r)));
        }
        for (i, c) in self.clients.iter().enumerate() {
            out.push_str(&format!("client {i}\n"));
            let skip = c.lines.len().saturating_sub(LINES_CARRIED);
            for l in c.lines.iter().skip(skip) {
                out.push_str(&format!("line {} {}\n", kind_word(l.kind), quote(&l.text)));
            }
            for q in c.lua_queue.iter().flatten() {
                out.push_str(&format!("queued {}\n", quote(q)));
            }
        }
        out.push_str("end\n");
        out
    }

    /// Take a handover text in (after the saved clients, so tab `i` is the
    /// same tab): its lines go back in their consoles with a note saying
    /// what came along, and the replays and what waited run once the
    /// saved data is in (`run_handed_over`). Refused whole when malformed
    /// or cut short.
    pub fn receive_handover(&mut self, text: &str) -> Result<(), String> {
        let mut lines = text.lines();
        if lines.next() != Some(MAGIC) {
            return Err("not a handover this page reads".into());
        }
        let mut behind = None;
        // Per tab: console lines, lines that waited.
        let mut tabs: Vec<(Vec<Line>, Vec<String>)> = Vec::new();
        let mut replays = Vec::new();
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
                    let text = text(2)?;
                    tabs.last_mut().ok_or_else(bad)?.0.push(Line { kind, text });
                }
                Some(b"replay") => {
                    let tab = text(1)?.parse::<usize>().map_err(|_| bad())?;
                    replays.push((tab, text(2)?));
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
        // A tab the saved clients do not have: its lines run in the first
        // tab rather than nowhere.
        let tabs_now = self.clients.len();
        let tab = move |i: usize| if i < tabs_now { i } else { 0 };
        self.replays
            .extend(replays.into_iter().map(|(i, r)| (tab(i), r)));
        for (i, (shown, queued)) in tabs.into_iter().enumerate() {
            let at = tab(i);
            self.handed_over.extend(queued.into_iter().map(|q| (at, q)));
            if let Some(c) = self.clients.get_mut(i) {
                c.written += shown.len() as u64;
                c.lines = shown;
                self.push(i, LineKind::Note, note.clone());
            }
        }
        Ok(())
    }

    /// Take a handover in and run what it carries at once, through the
    /// page's `submit` (the entries whose state is rebuilt before this,
    /// from their address).
    pub fn continue_from_handover(
        &mut self,
        text: &str,
        submit: fn(&mut Playground, usize, &str, i64),
        wall_ms: i64,
    ) -> Result<(), String> {
        self.receive_handover(text)?;
        self.run_handed_over(submit, wall_ms);
        Ok(())
    }

    /// The full build could not be loaded (`why`): the lines that waited
    /// for it run here, and are answered with the engine's error.
    pub fn ext_unavailable(&mut self, why: String, wall_ms: i64) {
        self.ext_failed = Some(why.clone());
        let note = format!("(the rest of the engine could not load: {why})");
        self.run_waiting(Some((LineKind::Note, note)), wall_ms);
    }

    /// Run the lines handed over, once nothing else is on its way (the
    /// saved data, a share link): first the replays, quietly (their
    /// replies are not shown), then what waited, through the page's own
    /// `submit` (a tutorial records it as the learner's).
    pub fn run_handed_over(&mut self, submit: fn(&mut Playground, usize, &str, i64), wall_ms: i64) {
        if self.loading || self.opening_link {
            return;
        }
        for (i, line) in std::mem::take(&mut self.replays) {
            let shown = self.clients.get(i).map_or(0, |c| c.lines.len());
            self.submit(i, &line, wall_ms);
            if let Some(c) = self.clients.get_mut(i) {
                c.lines.truncate(shown);
            }
        }
        for (i, line) in std::mem::take(&mut self.handed_over) {
            submit(self, i, &line, wall_ms);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::web::model::tests::texts;

    const T: i64 = 1_700_000_000_000;

    #[test]
    fn a_handover_carries_lines_and_runs_what_waited() {
        let mut p = Playground::new(T, 1);
        p.submit(0, "SET greeting \"hi there\"", T);
        let b = p.open_client();
        p.submit(b, "SUBSCRIBE news", T);
        let c = p.open_client();
        p.submit(c, "MULTI\nINCR n", T);
        p.submit(0, "CONFIG SET maxmemory-policy allkeys-lru", T);
        // Natively the engine has the rest of itself; queue as the page's
        // first load would.
        p.clients[0].lua_queue =
            Some(["SETBIT flags 3 1".to_string(), "GETBIT flags 3".to_string()].into());
        let setup = p.setup_lines();
        // The setting comes along; the page's own immutable one (which
        // CONFIG SET would refuse) does not.
        assert!(
            setup.iter().any(|(_, l)| l.contains("maxmemory-policy")),
            "{setup:?}"
        );
        assert!(
            !setup
                .iter()
                .any(|(_, l)| l.contains("enable-debug-command")),
            "{setup:?}"
        );
        let text = p.handover_text(&setup);
        assert!(!text.contains("behind"), "everything comes along: {text}");

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
            first.last().unwrap().contains("came along; undo"),
            "{first:?}"
        );
        q.run_handed_over(Playground::submit, T);
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
        // Replayed quietly: the setting, the subscription, the open MULTI.
        assert_eq!(
            q.engine.config.get_str("maxmemory-policy").as_deref(),
            Some("allkeys-lru")
        );
        let subs = q
            .engine
            .client_view(q.clients[1].session)
            .map(|v| v.channels);
        assert_eq!(subs, Some(vec![b"news".to_vec()]));
        let shown = q.clients[2].lines.len();
        q.submit(2, "EXEC", T);
        assert_eq!(
            q.clients[2].lines.len(),
            shown + 2,
            "the replay printed nothing"
        );
        assert_eq!(
            texts(&q, 2).last().map(String::as_str),
            Some("1) (integer) 1")
        );
        // Scripts cannot come along, and are named.
        let d = p.open_client();
        p.submit(d, "SCRIPT LOAD \"return 1\"", T);
        assert!(p.handover_text(&[]).contains("behind \"cached scripts"));
    }

    #[test]
    fn handed_over_lines_wait_for_the_saved_data() {
        let mut q = Playground::new(T, 2);
        q.loading = true;
        q.receive_handover("reddish-handover 1\nclient 0\nqueued \"SETBIT k 0 1\"\nend\n")
            .unwrap();
        q.run_handed_over(Playground::submit, T);
        assert_eq!(
            q.engine.key_info(0, b"k"),
            None,
            "nothing ran under the load"
        );
        q.loading = false;
        q.run_handed_over(Playground::submit, T);
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
            "reddish-handover 1\nreplay x PING\nend\n",
            "reddish-handover 1\nclient 0\nline shout x\nend\n",
            "reddish-handover 1\nclient 0\nqueued \"unbalanced\nend\n",
        ] {
            assert!(q.receive_handover(bad).is_err(), "{bad:?}");
        }
        assert!(q.handed_over.is_empty());
        assert_eq!(q.clients[0].lines, Vec::<Line>::new());
    }
}
