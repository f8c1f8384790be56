//! Stopping and starting the server again, to see what survives:
//! DEBUG RESTART (a clean stop, as SHUTDOWN makes it), DEBUG
//! CRASH-AND-RECOVER (the process dies) and DEBUG POWER-CUT, which Redis
//! has not got: the machine dies, so what the system had not yet flushed
//! to the device is lost too. Only the page's in-memory disk can play
//! that one; it is how a learner sees `appendfsync everysec` lose the
//! last second and `always` lose nothing.
//!
//! Redis replaces its process (`execve`) for the first two; here the
//! engine starts over in place, as a start would: every client is
//! disconnected (the caller gets no reply, as Redis's gets none), the
//! script cache and the data are gone, and the data comes back from the
//! AOF when `appendonly` is on, else from the RDB file. What is kept that
//! a new process would not have: the settings (as if CONFIG REWRITE had
//! saved them), the ACL users, the counters of INFO.

use crate::engine::events::{Event, Stop};
use crate::engine::{Engine, Session, SessionId};
use crate::reply::Reply;

/// The reply for a restart that did not happen (a clean stop whose save
/// failed), in Redis's words.
const FAILED: &str = "ERR failed to restart the server. Check server logs.";

/// DEBUG RESTART [delay] · DEBUG CRASH-AND-RECOVER [delay] · DEBUG POWER-CUT
///
/// Redis waits `delay` milliseconds before it starts again; here the
/// start is at once (nothing can be sent meanwhile anyway: every client
/// is disconnected).
pub(crate) fn debug_restart(
    eng: &mut Engine,
    sess: &mut Session,
    argv: &[Vec<u8>],
    stop: Stop,
) -> Reply {
    // Redis reads the delay and ignores anything after it.
    if let Some(delay) = argv.get(2) {
        if stop == Stop::PowerCut {
            return super::sub_syntax(argv);
        }
        if crate::engine::args::parse_i64(delay).is_none() {
            return Reply::err(crate::engine::errors::NOT_INTEGER);
        }
    }
    // Redis would stop in the middle of the transaction; here the queue
    // would go on running against the new process, so it is refused.
    if eng.in_exec {
        return Reply::err("ERR a restart cannot run inside MULTI here");
    }
    if let Err(e) = eng.restart(stop, sess.id) {
        return Reply::err(match stop {
            Stop::PowerCut => format!("ERR DEBUG POWER-CUT is the page's alone: {e}"),
            _ => FAILED.into(),
        });
    }
    // The caller's connection is gone too, before any reply.
    eng.doomed.insert(sess.id);
    sess.reply_mode = 3;
    Reply::ok()
}

impl Engine {
    /// Stop as `stop` says and start again from the files. `Err` only
    /// when a clean stop cannot save (then nothing happened); a file
    /// that cannot be read leaves the server empty, as a start that
    /// failed to load would, and the event says why.
    pub(crate) fn restart(&mut self, stop: Stop, caller: SessionId) -> Result<(), String> {
        let aof = self.config.get_bool("appendonly");
        self.ensure_disk();
        if stop == Stop::Clean {
            if self.has_save_points() {
                self.save_rdb()?;
            }
            if aof {
                self.aof_sync();
                self.aof_flush_now()?;
            }
        }
        // What was at risk, counted before it goes.
        let unsaved = self.unsaved_changes();
        let saved_secs = self.persist.last_save_secs;
        let unflushed = match (stop, &self.persist.aof) {
            (Stop::PowerCut, Some(a)) => a.unsynced_writes,
            _ => 0,
        };
        if stop == Stop::PowerCut {
            if let Some(disk) = self.persist.disk.as_mut() {
                disk.power_cut()?;
            }
        }
        // The process is gone: its clients first, so that nothing they
        // waited on, subscribed to or watched sees the reload (the
        // caller, out of the table while it runs, closes after).
        let others: Vec<SessionId> = self
            .sessions()
            .map(|s| s.id)
            .filter(|&id| id != caller)
            .collect();
        for id in others {
            self.close_session(id);
            self.disconnected.push(id);
        }
        // Its memory: the data, the scripts, the AOF's state, the
        // switches a start resets.
        self.pause = None;
        self.active_expire_enabled = true;
        self.script_deny_disabled = false;
        self.persist.last_failed = false;
        self.persist.aof_error = None;
        self.persist.aof_load_failed = false;
        self.persist.aof_rewrite_scheduled = false;
        self.persist.aof = None;
        self.prop.out.clear();
        self.prop.pending_writes = 0;
        self.prop.selected = None;
        self.flush_scripts();
        self.flush_functions();
        self.flush_all();
        let loaded = if aof {
            self.load_aof_at_start()
                .map(|found| found.then_some("the AOF"))
        } else {
            self.load_rdb_file(true, false)
                .map(|found| found.then_some("dump.rdb"))
        };
        let (from, failed) = match loaded {
            Ok(from) => (from, None),
            Err(e) => {
                // Half a file may have loaded: a failed start has nothing.
                self.flush_functions();
                self.flush_all();
                if aof {
                    // Redis would not start; here the files that did not
                    // load are kept as they are (no new base over them),
                    // and writes are refused until the AOF is turned off.
                    self.persist.aof_load_failed = true;
                    self.persist.aof_error = Some(e.clone());
                }
                (None, Some(e))
            }
        };
        // Nobody waits any more: what the reload signalled serves no one.
        self.ready.clear();
        // A new process starts with nothing to save, and LASTSAVE is its
        // start.
        self.persist.dirty_at_save = self.changes();
        self.persist.last_save_secs = Some(self.now_ms().div_euclid(1000));
        if aof && failed.is_none() {
            // Open the files again (carrying on with those just loaded).
            self.aof_sync();
        }
        self.settings_changes += 1;
        let keys = self.dbs.iter().map(|d| d.len()).sum();
        self.events.push(Event::Restarted {
            stop,
            from,
            keys,
            appendfsync: aof.then(|| self.config.get_str("appendfsync").unwrap_or_default()),
            saved_secs,
            unsaved,
            unflushed,
            failed,
        });
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use crate::engine::events::{Detail, Event, Stop};
    use crate::engine::tests::{engine as manual_clock, run};
    use crate::engine::{ClientAddr, Engine, SessionId};
    use crate::reply::Reply;

    fn engine() -> (Engine, SessionId) {
        let (mut e, s) = manual_clock();
        e.set_event_detail(Detail::Full);
        let _ = e.config.set_startup("enable-debug-command", "yes");
        (e, s)
    }

    /// Run `line` (a restart), then a new client as the old one is gone;
    /// returns it and the restart's event.
    fn restart(e: &mut Engine, s: SessionId, line: &str) -> (SessionId, Event) {
        e.take_events();
        let argv = crate::cli::split_args(line.as_bytes()).unwrap_or_default();
        assert_eq!(e.submit(s, &argv), None, "{line}: a restart sends no reply");
        assert!(
            e.session(s).is_none_or(|x| x.closing),
            "{line}: the connection is closing"
        );
        e.close_session(s);
        let ev = e
            .take_events()
            .events
            .into_iter()
            .find(|ev| matches!(ev, Event::Restarted { .. }))
            .expect("a Restarted event");
        (e.open_session(ClientAddr::default()), ev)
    }

    fn keys(e: &mut Engine, s: SessionId) -> Reply {
        let mut r = run(e, s, "KEYS *");
        if let Reply::Array(a) = &mut r {
            a.sort_by(|x, y| match (x, y) {
                (Reply::Bulk(x), Reply::Bulk(y)) => x.cmp(y),
                _ => std::cmp::Ordering::Equal,
            });
        }
        r
    }

    fn names(list: &[&str]) -> Reply {
        Reply::Array(list.iter().map(|k| Reply::bulk(*k)).collect())
    }

    #[test]
    fn a_crash_keeps_the_last_snapshot_and_says_what_it_lost() {
        let (mut e, s) = engine();
        run(&mut e, s, "SET a 1");
        assert_eq!(run(&mut e, s, "SAVE"), Reply::ok());
        run(&mut e, s, "SET b 2");
        run(&mut e, s, "INCR a");
        let other = e.open_session(ClientAddr::default());
        let (s, ev) = restart(&mut e, s, "DEBUG CRASH-AND-RECOVER");
        assert!(e.session(other).is_none(), "every client is disconnected");
        assert_eq!(keys(&mut e, s), names(&["a"]));
        assert_eq!(run(&mut e, s, "GET a"), Reply::bulk("1"));
        let Event::Restarted {
            stop,
            from,
            keys,
            unsaved,
            saved_secs,
            appendfsync,
            ..
        } = ev
        else {
            unreachable!()
        };
        assert_eq!(stop, Stop::Crash);
        assert_eq!((from, keys, unsaved), (Some("dump.rdb"), 1, 2));
        assert_eq!(saved_secs, Some(crate::engine::tests::T0 / 1000));
        assert_eq!(appendfsync, None);
        // A new process: nothing to save yet.
        assert_eq!(e.unsaved_changes(), 0);
    }

    /// Keys that expire or are evicted are no changes to save, as in
    /// Redis (its deletions of them move no counter): a crash after
    /// them loses nothing.
    #[test]
    fn expiry_and_eviction_are_no_unsaved_changes() {
        let (mut e, s) = engine();
        run(&mut e, s, "SET brief v PX 10");
        run(&mut e, s, "SET other v");
        assert_eq!(run(&mut e, s, "SAVE"), Reply::ok());
        e.advance_time(20);
        assert_eq!(run(&mut e, s, "EXISTS brief"), Reply::Integer(0));
        run(&mut e, s, "CONFIG SET maxmemory-policy allkeys-random");
        run(&mut e, s, "CONFIG SET maxmemory 1");
        run(&mut e, s, "GET other");
        assert_eq!(run(&mut e, s, "DBSIZE"), Reply::Integer(0));
        assert_eq!(e.unsaved_changes(), 0);
    }

    /// A client waiting on a key the reload brings back is not served by
    /// it: it is disconnected before anything is read back.
    #[test]
    fn a_waiting_client_is_disconnected_not_served_by_the_reload() {
        let (mut e, s) = engine();
        run(&mut e, s, "RPUSH q a b");
        assert_eq!(run(&mut e, s, "SAVE"), Reply::ok());
        run(&mut e, s, "DEL q");
        let waiter = e.open_session(ClientAddr::default());
        let argv = crate::cli::split_args(b"BLPOP q 0").unwrap_or_default();
        assert_eq!(e.submit(waiter, &argv), None);
        let (s, _) = restart(&mut e, s, "DEBUG CRASH-AND-RECOVER");
        assert!(e.session(waiter).is_none());
        assert_eq!(e.take_pushes(waiter), Vec::<Reply>::new());
        assert_eq!(run(&mut e, s, "LLEN q"), Reply::Integer(2));
    }

    /// Inside MULTI a restart is refused (the queue would run on against
    /// the new process), and the rest of the transaction runs.
    #[test]
    fn a_restart_inside_multi_is_refused() {
        let (mut e, s) = engine();
        run(&mut e, s, "MULTI");
        run(&mut e, s, "SET a 1");
        run(&mut e, s, "DEBUG CRASH-AND-RECOVER");
        run(&mut e, s, "SET b 2");
        assert_eq!(
            run(&mut e, s, "EXEC"),
            Reply::Array(vec![
                Reply::ok(),
                Reply::err("ERR a restart cannot run inside MULTI here"),
                Reply::ok()
            ])
        );
        assert_eq!(keys(&mut e, s), names(&["a", "b"]));
    }

    /// An AOF that does not load is left as it is: no new base is written
    /// over it, writes are refused while `appendonly` stays on, and turning
    /// it off lets them through again.
    #[test]
    fn an_aof_that_does_not_load_is_kept_and_writes_wait() {
        let (mut e, s) = engine();
        run(&mut e, s, "CONFIG SET appendonly yes");
        run(&mut e, s, "SET a 1");
        let incr = e
            .persist
            .aof
            .as_ref()
            .map(|a| a.incr.clone())
            .unwrap_or_default();
        let dir = e.aof_dir();
        if let Some(d) = e.persist.disk.as_mut() {
            let _ = d.append(&dir, &incr, b"*1\r\n$7\r\nNOSUCHX\r\n");
        }
        let before = e
            .persist
            .disk
            .as_mut()
            .and_then(|d| d.read(&dir, &incr).ok().flatten());
        let (s, ev) = restart(&mut e, s, "DEBUG CRASH-AND-RECOVER");
        assert!(
            matches!(
                ev,
                Event::Restarted {
                    failed: Some(_),
                    ..
                }
            ),
            "{ev:?}"
        );
        let after = e
            .persist
            .disk
            .as_mut()
            .and_then(|d| d.read(&dir, &incr).ok().flatten());
        assert_eq!(after, before, "the files are left as they were");
        assert!(matches!(run(&mut e, s, "SET b 2"), Reply::Error(m) if m.starts_with("MISCONF")));
        e.advance_time(2_000);
        let again = e
            .persist
            .disk
            .as_mut()
            .and_then(|d| d.read(&dir, &incr).ok().flatten());
        assert_eq!(again, before, "nor opened again by the clock");
        run(&mut e, s, "CONFIG SET appendonly no");
        assert_eq!(run(&mut e, s, "SET b 2"), Reply::ok());
    }

    #[test]
    fn with_no_file_a_crash_loses_everything_and_scripts_go_too() {
        let (mut e, s) = engine();
        run(&mut e, s, "SET a 1");
        run(&mut e, s, "SCRIPT LOAD \"return 1\"");
        let (s, ev) = restart(&mut e, s, "DEBUG CRASH-AND-RECOVER 0");
        assert_eq!(keys(&mut e, s), names(&[]));
        assert!(matches!(
            ev,
            Event::Restarted {
                from: None,
                unsaved: 1,
                ..
            }
        ));
        assert_eq!(
            run(
                &mut e,
                s,
                "SCRIPT EXISTS e0e1f9fabfc9d4800c877a703b823ac0578ff8db"
            ),
            Reply::Array(vec![Reply::Integer(0)])
        );
    }

    #[test]
    fn a_clean_restart_saves_first_when_there_are_save_points() {
        let (mut e, s) = engine();
        run(&mut e, s, "CONFIG SET save \"3600 1\"");
        run(&mut e, s, "SET a 1");
        let (s, ev) = restart(&mut e, s, "DEBUG RESTART");
        assert_eq!(keys(&mut e, s), names(&["a"]));
        assert!(matches!(
            ev,
            Event::Restarted {
                stop: Stop::Clean,
                unsaved: 0,
                ..
            }
        ));
        // Without save points a clean stop saves nothing, as SHUTDOWN.
        run(&mut e, s, "CONFIG SET save \"\"");
        run(&mut e, s, "SET b 2");
        let (s, _) = restart(&mut e, s, "DEBUG RESTART");
        assert_eq!(keys(&mut e, s), names(&["a"]));
    }

    #[test]
    fn a_power_cut_loses_what_everysec_had_not_flushed() {
        let (mut e, s) = engine();
        run(&mut e, s, "CONFIG SET appendonly yes");
        run(&mut e, s, "SET a 1");
        e.advance_time(1_000);
        run(&mut e, s, "SET b 2");
        run(&mut e, s, "MSET c 3 d 4");
        let (s, ev) = restart(&mut e, s, "DEBUG POWER-CUT");
        // `a` was flushed with the clock's second; `b` and the MSET not.
        assert_eq!(keys(&mut e, s), names(&["a"]));
        let Event::Restarted {
            stop,
            from,
            unflushed,
            appendfsync,
            ..
        } = ev
        else {
            unreachable!()
        };
        assert_eq!(stop, Stop::PowerCut);
        assert_eq!(from, Some("the AOF"));
        assert_eq!(unflushed, 2);
        assert_eq!(appendfsync.as_deref(), Some("everysec"));
        // The AOF carries on from the files it loaded.
        run(&mut e, s, "SET e 5");
        assert_eq!(run(&mut e, s, "DEBUG LOADAOF"), Reply::ok());
        assert_eq!(keys(&mut e, s), names(&["a", "e"]));
    }

    #[test]
    fn a_crash_of_the_process_loses_nothing_the_aof_was_given() {
        let (mut e, s) = engine();
        run(&mut e, s, "CONFIG SET appendonly yes");
        run(&mut e, s, "SET a 1");
        let (s, ev) = restart(&mut e, s, "DEBUG CRASH-AND-RECOVER");
        assert_eq!(keys(&mut e, s), names(&["a"]));
        assert!(matches!(ev, Event::Restarted { unflushed: 0, .. }));
    }

    #[test]
    fn always_loses_nothing_and_no_loses_what_the_system_held_under_30_s() {
        let (mut e, s) = engine();
        run(&mut e, s, "CONFIG SET appendonly yes");
        run(&mut e, s, "CONFIG SET appendfsync always");
        run(&mut e, s, "SET a 1");
        let (s, ev) = restart(&mut e, s, "DEBUG POWER-CUT");
        assert_eq!(keys(&mut e, s), names(&["a"]));
        assert!(matches!(ev, Event::Restarted { unflushed: 0, .. }));
        run(&mut e, s, "CONFIG SET appendfsync no");
        run(&mut e, s, "SET b 2");
        e.advance_time(10_000);
        run(&mut e, s, "SET c 3");
        e.advance_time(20_000);
        run(&mut e, s, "SET d 4");
        // 30 s after the last flush the system wrote back b and c.
        let (s, ev) = restart(&mut e, s, "DEBUG POWER-CUT");
        assert_eq!(keys(&mut e, s), names(&["a", "b", "c"]));
        assert!(matches!(ev, Event::Restarted { unflushed: 1, .. }));
    }

    /// A disk that cannot forget (the native server's): the power cut is
    /// refused and nothing changes.
    #[test]
    fn a_real_disk_refuses_a_power_cut() {
        let (mut e, s) = engine();
        e.set_disk(Box::new(crate::engine::persist::StubDisk { full: false }));
        run(&mut e, s, "SET a 1");
        let r = run(&mut e, s, "DEBUG POWER-CUT");
        assert!(
            matches!(&r, Reply::Error(t) if t.starts_with("ERR DEBUG POWER-CUT is the page's alone")),
            "{r:?}"
        );
        assert_eq!(keys(&mut e, s), names(&["a"]));
        let r = run(&mut e, s, "DEBUG POWER-CUT 10");
        assert!(
            matches!(&r, Reply::Error(t) if t.starts_with("ERR unknown subcommand or wrong number of arguments for 'POWER-CUT'")),
            "{r:?}"
        );
        assert_eq!(
            run(&mut e, s, "DEBUG RESTART soon"),
            Reply::err(crate::engine::errors::NOT_INTEGER)
        );
    }
}
