//! SLOWLOG's log, kept by the engine for every command it runs (inside
//! EXEC and scripts too, as Redis's `call` logs them), when its duration
//! reaches `slowlog-log-slower-than` microseconds. Durations are on the
//! engine clock, which does not move while a command runs, so they are 0:
//! with Redis's default threshold (10,000 µs) nothing is logged, and with
//! `CONFIG SET slowlog-log-slower-than 0` every command is, which is how a
//! learner sees what an entry holds. The commands that read the log are
//! in `cmd/watching.rs`.

use crate::engine::table::flag;
use std::collections::VecDeque;

use super::table::Command;
use super::{Engine, Session};

/// Arguments an entry keeps, and bytes of each (Redis's limits).
const MAX_ARGS: usize = 32;
const MAX_ARG_BYTES: usize = 128;

#[derive(Debug, Clone, PartialEq)]
pub struct SlowEntry {
    pub id: u64,
    /// Unix seconds.
    pub time: i64,
    /// Microseconds.
    pub duration: i64,
    pub args: Vec<Vec<u8>>,
    pub peer: String,
    pub name: Vec<u8>,
}

#[derive(Debug, Default, Clone)]
pub struct Slowlog {
    /// Newest first.
    pub entries: VecDeque<SlowEntry>,
    pub next_id: u64,
    /// The threshold and length read from CONFIG, and the settings
    /// version they were read at: the hot path compares one number.
    cached: Option<(u64, i64, usize)>,
}

/// The arguments as an entry keeps them: at most 32 (the last saying how
/// many more there were), each at most 128 bytes (saying how many more).
fn kept_args(argv: &[Vec<u8>]) -> Vec<Vec<u8>> {
    let n = argv.len().min(MAX_ARGS);
    argv.iter()
        .take(n)
        .enumerate()
        .map(|(j, a)| {
            if n != argv.len() && j == n - 1 {
                format!("... ({} more arguments)", argv.len() - n + 1).into_bytes()
            } else if a.len() > MAX_ARG_BYTES {
                let mut s = a.get(..MAX_ARG_BYTES).unwrap_or_default().to_vec();
                s.extend(format!("... ({} more bytes)", a.len() - MAX_ARG_BYTES).into_bytes());
                s
            } else {
                a.clone()
            }
        })
        .collect()
}

impl Engine {
    /// The threshold and the length the log keeps, read again only after
    /// a CONFIG SET.
    fn slowlog_limits(&mut self) -> (i64, usize) {
        let version = self.settings_changes;
        match self.slowlog.cached {
            Some((v, t, m)) if v == version => (t, m),
            _ => {
                let t = self.config.get_i64("slowlog-log-slower-than");
                let m =
                    usize::try_from(self.config.get_i64("slowlog-max-len")).unwrap_or(usize::MAX);
                self.slowlog.cached = Some((version, t, m));
                (t, m)
            }
        }
    }

    /// Whether a command that took `duration` µs is logged.
    fn slowlog_wants(&mut self, cmd: &'static Command, duration: i64) -> bool {
        let (threshold, _) = self.slowlog_limits();
        threshold >= 0 && duration >= threshold && !cmd.is(flag::SKIP_SLOWLOG)
    }

    /// Log `argv` if the threshold says so: a command takes no time on
    /// the engine clock, unless it kept the server busy (DEBUG SLEEP).
    pub(crate) fn slowlog_record(
        &mut self,
        sess: &Session,
        cmd: &'static Command,
        argv: &[Vec<u8>],
    ) {
        let duration = self.command_busy_us;
        if self.slowlog_wants(cmd, duration) {
            self.slowlog_push(sess, kept_args(argv), duration);
        }
    }

    /// The entry a blocking command that starts to wait will write once it
    /// is served (`Blocked::slowlog`): whether it is logged is decided
    /// then, with the threshold of that moment, as Redis decides.
    pub(crate) fn slowlog_pending(
        &mut self,
        cmd: &'static Command,
        argv: &[Vec<u8>],
    ) -> Option<crate::engine::blocking::SlowPending> {
        if cmd.is(flag::SKIP_SLOWLOG) {
            return None;
        }
        // It takes no time on the engine clock when it is served either.
        let log: fn(&mut Engine, &Session, Vec<Vec<u8>>) = |eng, sess, args| {
            let (threshold, _) = eng.slowlog_limits();
            if threshold == 0 {
                eng.slowlog_push(sess, args, 0);
            }
        };
        Some((log, kept_args(argv)))
    }

    fn slowlog_push(&mut self, sess: &Session, args: Vec<Vec<u8>>, duration: i64) {
        let (_, max_len) = self.slowlog_limits();
        let entry = SlowEntry {
            id: self.slowlog.next_id,
            time: self.now_ms().div_euclid(1000),
            duration,
            args,
            peer: sess.addr.addr.clone(),
            name: sess.name.clone().unwrap_or_default(),
        };
        self.slowlog.next_id += 1;
        self.slowlog.entries.push_front(entry);
        self.slowlog.entries.truncate(max_len);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_argument_lists_and_long_arguments_are_cut_as_redis_cuts_them() {
        let argv: Vec<Vec<u8>> = (0..40).map(|i| format!("a{i}").into_bytes()).collect();
        let kept = kept_args(&argv);
        assert_eq!(kept.len(), 32);
        assert_eq!(kept[31], b"... (9 more arguments)");
        let long = vec![vec![b'x'; 130]];
        let kept = kept_args(&long);
        assert!(kept[0].ends_with(b"xx... (2 more bytes)"));
        assert_eq!(kept[0].len(), 128 + b"... (2 more bytes)".len());
    }
}
