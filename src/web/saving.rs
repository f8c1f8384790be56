//! Saving and loading the playground as text: the dataset as redis-cli
//! commands, the clients with their histories, and the state of a load
//! that is still on its way (a big dataset lives in IndexedDB, which
//! answers asynchronously). Pure, like the rest of the model: the browser
//! glue is `platform/storage.rs` and `platform/idb.rs`.

use super::model::{Playground, MAX_HISTORY};
use crate::cli;
use crate::engine::{ClientAddr, Engine, EngineOptions};
use crate::reply::Reply;

/// The commands a saved dataset may contain: those
/// `Engine::export_commands` writes.
const SAVED_COMMANDS: &[&[u8]] = &[
    b"SELECT",
    b"SET",
    b"RPUSH",
    b"HSET",
    b"SADD",
    b"ZADD",
    b"PEXPIREAT",
    b"XADD",
    b"XSETID",
    b"XGROUP",
    b"XCLAIM",
];

/// Whether a saved text holds a command this build cannot run (a stream's
/// XADD in a first load): it is loaded by the full build instead.
pub fn needs_full_build(text: &str) -> bool {
    text.lines()
        .any(|line| cli::split_args(line.as_bytes()).is_ok_and(|argv| Engine::needs_ext(&argv)))
}

impl Playground {
    /// The dataset as text: one command per line in redis-cli syntax,
    /// deadlines absolute. Readable, and what "export as commands" gives.
    pub fn export_text(&self) -> String {
        let mut out = String::new();
        for argv in self.engine.export_commands() {
            let words: Vec<String> = argv.iter().map(|a| cli::help::quote_arg(a)).collect();
            out.push_str(&words.join(" "));
            out.push('\n');
        }
        out
    }

    /// Load a dataset saved by `export_text` into this (fresh) engine.
    /// Every line must be accepted, or nothing is: the caller keeps the
    /// text aside and reports it instead of half-loading it.
    pub fn import_text(&mut self, text: &str, now_ms: i64) -> Result<usize, String> {
        let mut staging = Engine::new(EngineOptions {
            seed: 1,
            start_us: now_ms.saturating_mul(1000),
            ..Default::default()
        });
        let s = staging.open_session(ClientAddr::default());
        let mut n = 0;
        for (i, line) in text.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let argv = cli::split_args(line.as_bytes())
                .map_err(|_| format!("line {}: unbalanced quotes", i + 1))?;
            let name = argv
                .first()
                .map(|a| a.to_ascii_uppercase())
                .unwrap_or_default();
            // Only what `export_commands` writes: a saved text is data, and
            // must not be able to run FLUSHALL or CONFIG SET.
            if !SAVED_COMMANDS.contains(&name.as_slice()) {
                return Err(format!("line {}: unexpected command", i + 1));
            }
            if let Reply::Error(e) = staging.execute(s, &argv) {
                return Err(format!("line {}: {e}", i + 1));
            }
            if name != b"SELECT" && name != b"PEXPIREAT" {
                n += 1;
            }
        }
        // Valid: now play it for real.
        let s = self.engine.open_session(ClientAddr::default());
        for line in text.lines().filter(|l| !l.trim().is_empty()) {
            if let Ok(argv) = cli::split_args(line.as_bytes()) {
                self.engine.execute(s, &argv);
            }
        }
        self.engine.close_session(s);
        let _ = self.engine.take_events();
        Ok(n)
    }
}

impl Playground {
    /// The clients, their names, selected db and histories, as text (one
    /// `client` line then its `history` lines, each word quoted the way
    /// redis-cli quotes). Output lines are not kept: a reload starts with
    /// clean consoles but the same clients and Up/Down history.
    pub fn export_clients(&self) -> String {
        let mut out = String::new();
        for c in &self.clients {
            let db = self.engine.client_view(c.session).map_or(0, |v| v.db);
            out.push_str(&format!(
                "client {} {db}\n",
                cli::help::quote_arg(c.name.as_bytes())
            ));
            for h in &c.history {
                out.push_str(&format!("history {}\n", cli::help::quote_arg(h.as_bytes())));
            }
        }
        out
    }

    /// Bring back the clients saved by `export_clients`, replacing the
    /// tabs open now. Refused whole when any line is malformed.
    pub fn import_clients(&mut self, text: &str) -> Result<(), String> {
        let mut parsed: Vec<(String, usize, Vec<String>)> = Vec::new();
        for (i, line) in text.lines().enumerate() {
            if line.trim().is_empty() {
                continue;
            }
            let words = cli::split_args(line.as_bytes())
                .map_err(|_| format!("line {}: unbalanced quotes", i + 1))?;
            let word = |n: usize| {
                words
                    .get(n)
                    .map(|w| String::from_utf8_lossy(w).into_owned())
            };
            match (word(0).as_deref(), words.len()) {
                (Some("client"), 3) => {
                    let db = word(2)
                        .and_then(|d| d.parse::<usize>().ok())
                        .filter(|d| *d < crate::engine::NUM_DBS);
                    let db = db.ok_or_else(|| format!("line {}: bad db", i + 1))?;
                    parsed.push((word(1).unwrap_or_default(), db, Vec::new()));
                }
                (Some("history"), 2) => {
                    let last = parsed
                        .last_mut()
                        .ok_or_else(|| format!("line {}: history before any client", i + 1))?;
                    last.2.push(word(1).unwrap_or_default());
                }
                _ => return Err(format!("line {}: not a client or history line", i + 1)),
            }
        }
        if parsed.is_empty() {
            return Err("no clients saved".into());
        }
        for c in std::mem::take(&mut self.clients) {
            self.engine.close_session(c.session);
        }
        for (name, db, history) in parsed {
            let i = self.open_client();
            self.rename_client(i, &name);
            if let Some(c) = self.clients.get_mut(i) {
                c.history = history.into_iter().rev().take(MAX_HISTORY).rev().collect();
                let session = c.session;
                let select = [b"SELECT".to_vec(), db.to_string().into_bytes()];
                let reply = self.engine.execute(session, &select);
                c.prompt.after_command(&select, &reply);
            }
        }
        self.active = 0;
        // The next new tab is named after the ones brought back.
        self.next_name = u32::try_from(self.clients.len()).unwrap_or(u32::MAX - 1) + 1;
        let _ = self.engine.take_events();
        Ok(())
    }
}

impl Playground {
    /// What IndexedDB answered for the saved dataset. Until it answers,
    /// lines are refused (they would vanish under the data) and nothing is
    /// saved (it would overwrite it). Returns whether the answer must be
    /// kept aside (`unreadable` holds it): a text that does not load is
    /// never dropped.
    pub fn finish_loading(&mut self, answer: Result<Option<String>, String>, now_ms: i64) -> bool {
        if !self.loading {
            // Reset while it was on its way: the learner chose to start over.
            return false;
        }
        if matches!(&answer, Ok(Some(text)) if needs_full_build(text)) {
            // Still loading: nothing runs or saves until the full build has it.
            self.data_needs_full = true;
            return false;
        }
        self.loading = false;
        // What the build before this one handed over runs on the data.
        let handed = !self.handed_over.is_empty() || !self.replays.is_empty();
        // Steps taken while it loaded (a time jump) would undo back to an
        // engine without the data, and a save would then lose it.
        self.history.clear();
        let keep = match answer {
            Ok(Some(text)) => match self.import_text(&text, now_ms) {
                Ok(_) => false,
                Err(e) => {
                    self.load_problem = Some(format!(
                        "The saved data could not be loaded ({e}). It was kept aside."
                    ));
                    self.unreadable = Some(text);
                    true
                }
            },
            Ok(None) => {
                self.load_problem = Some(
                    "The saved data was not found: the browser may have cleared the site's storage."
                        .into(),
                );
                false
            }
            Err(e) => {
                self.load_problem = Some(format!(
                    "The saved data could not be read ({e}). It is left as it was and nothing is saved over it; reload to try again."
                ));
                self.save_off = Some("the saved data could not be read".into());
                false
            }
        };
        if handed {
            self.run_handed_over(Playground::submit, now_ms);
        }
        keep
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::web::model::tests::texts;
    use crate::web::model::LineKind;

    const T: i64 = 1_700_000_000_000;

    #[test]
    fn saved_text_round_trips_and_drops_what_expired_meanwhile() {
        let mut p = Playground::new(T, 1);
        p.submit(0, "SET a \"line\\nbreak\"\nSET b \"\\x00\\xff\" PX 1000\nRPUSH q x \"y z\"\nSELECT 5\nSET c 3 EX 100", T);
        let saved = p.export_text();
        let mut q = Playground::new(T + 5000, 2);
        assert_eq!(q.import_text(&saved, T + 5000), Ok(4));
        q.submit(
            0,
            "GET a\nEXISTS b\nLRANGE q 0 -1\nSELECT 5\nTTL c",
            T + 5000,
        );
        let t = texts(&q, 0);
        assert!(t.contains(&"\"line\\nbreak\"".to_string()));
        assert!(t.contains(&"1) \"x\"\n2) \"y z\"".to_string()), "{t:?}");
        assert!(
            t.contains(&"(integer) 0".to_string()),
            "b expired while saved: {t:?}"
        );
        assert!(t.contains(&"(integer) 95".to_string()), "{t:?}");
    }

    #[test]
    fn clients_and_histories_survive_a_reload() {
        let mut p = Playground::new(T, 1);
        p.submit(0, "SELECT 4\nSET \"a b\" 1", T);
        let b = p.open_client();
        p.rename_client(b, "second \"one\"");
        p.submit(b, "PING", T);
        let saved = p.export_clients();
        let mut q = Playground::new(T, 2);
        assert_eq!(q.import_clients(&saved), Ok(()));
        assert_eq!(q.clients.len(), 2);
        assert_eq!(q.clients[1].name, "second \"one\"");
        assert_eq!(q.clients[0].history, ["SELECT 4", "SET \"a b\" 1"]);
        assert_eq!(q.prompt(0), "127.0.0.1:6379[4]>");
        assert!(q.import_clients("client x 99\n").is_err());
        assert!(q.import_clients("history x\n").is_err());
        assert_eq!(q.clients.len(), 2, "a refused import changes nothing");
    }

    #[test]
    fn broken_saved_text_is_refused_whole() {
        let mut p = Playground::new(T, 1);
        assert!(p.import_text("SET a 1\nSET \"b 2\n", T).is_err());
        assert!(p.import_text("SET a 1\nFLUSHALL\n", T).is_err());
        assert!(p.import_text("SET a 1 EX notanumber\n", T).is_err());
        assert_eq!(
            p.engine.key_page(0, b"", 0, 10).total,
            0,
            "nothing half-loaded"
        );
    }

    fn saved() -> String {
        let mut p = Playground::new(T, 1);
        p.submit(0, "RPUSH q a b\nSET k v", T);
        p.export_text()
    }

    #[test]
    fn lines_wait_for_a_dataset_on_its_way_then_it_loads() {
        let mut p = Playground::new(T, 1);
        p.loading = true;
        p.submit(0, "SET mine 1", T);
        let last = p.clients[0].lines.last().cloned();
        assert_eq!(last.map(|l| l.kind), Some(LineKind::Note));
        assert_eq!(p.engine.key_info(0, b"mine"), None, "nothing ran");
        assert!(!p.finish_loading(Ok(Some(saved())), T));
        assert!(!p.loading);
        assert_eq!(p.engine.key_info(0, b"q").map(|i| i.size), Some(2));
        assert_eq!(p.load_problem, None);
        p.submit(0, "SET mine 1", T);
        assert!(p.engine.key_info(0, b"mine").is_some());
    }

    #[test]
    fn undo_cannot_go_back_past_a_load() {
        let mut p = Playground::new(T, 1);
        p.loading = true;
        // The time bar still works while the data is on its way.
        p.jump_time(60_000, T);
        assert!(!p.finish_loading(Ok(Some(saved())), T));
        p.undo(T);
        assert!(
            p.engine.key_info(0, b"q").is_some(),
            "the loaded data stays"
        );
        assert_eq!(
            p.notice.as_deref(),
            Some("Nothing to undo: this is the start of the history.")
        );
    }

    #[test]
    fn what_cannot_be_loaded_is_kept_and_said() {
        let mut p = Playground::new(T, 1);
        p.loading = true;
        assert!(p.finish_loading(Ok(Some("FLUSHALL\n".into())), T));
        assert_eq!(p.unreadable.as_deref(), Some("FLUSHALL\n"));
        assert!(p
            .load_problem
            .as_deref()
            .is_some_and(|m| m.contains("line 1")));
        assert_eq!(
            p.save_off, None,
            "the bad text is kept aside; saving goes on"
        );
        // Unreadable storage: nothing is saved over what may still be there.
        let mut p = Playground::new(T, 1);
        p.loading = true;
        assert!(!p.finish_loading(Err("quota".into()), T));
        assert!(p.save_off.is_some());
        assert!(p
            .load_problem
            .as_deref()
            .is_some_and(|m| m.contains("(quota)")));
        // Not there at all: said, and the playground starts empty.
        let mut p = Playground::new(T, 1);
        p.loading = true;
        assert!(!p.finish_loading(Ok(None), T));
        assert!(p.load_problem.is_some() && p.save_off.is_none());
        // An answer after a Reset is ignored.
        let mut p = Playground::new(T, 1);
        assert!(!p.finish_loading(Ok(Some(saved())), T));
        assert_eq!(p.engine.key_info(0, b"q"), None);
    }
}
