//! The transactions group: MULTI, EXEC, DISCARD, WATCH, UNWATCH.
//!
//! Queueing happens in `Engine::dispatch`, which is where Redis decides it
//! too: a command that passes lookup and arity checks is queued instead of
//! run, and one that fails them marks the transaction for EXECABORT. EXEC
//! then runs the queue through the same path as any command, so every
//! queued command counts, records its events and errors exactly as if it
//! had been sent alone, and nothing else runs in between.
//!
//! WATCH is optimistic locking: every write reaches `Engine::notify`,
//! which marks the sessions watching that key (any client's write, expiry
//! and FLUSHALL/FLUSHDB/SWAPDB included), and EXEC refuses to run for a
//! marked session.

use crate::engine::{Engine, Event, Multi, Session, SessionId};
use crate::reply::Reply;

/// Commands that act at once even between MULTI and EXEC.
pub fn runs_inside_multi(name: &str) -> bool {
    matches!(
        name,
        "exec" | "discard" | "multi" | "watch" | "quit" | "reset"
    )
}

/// MULTI
pub fn multi(_: &mut Engine, sess: &mut Session, _: &[Vec<u8>]) -> Reply {
    if sess.multi.is_some() {
        return Reply::err("ERR MULTI calls can not be nested");
    }
    sess.multi = Some(Multi::default());
    Reply::ok()
}

/// DISCARD
pub fn discard(eng: &mut Engine, sess: &mut Session, _: &[Vec<u8>]) -> Reply {
    if sess.multi.take().is_none() {
        return Reply::err("ERR DISCARD without MULTI");
    }
    eng.unwatch_all(sess);
    eng.events.push(Event::Discarded { session: sess.id });
    Reply::ok()
}

/// EXEC
pub fn exec(eng: &mut Engine, sess: &mut Session, _: &[Vec<u8>]) -> Reply {
    let Some(m) = sess.multi.take() else {
        return Reply::err("ERR EXEC without MULTI");
    };
    if m.failed {
        eng.unwatch_all(sess);
        eng.events.push(Event::Aborted {
            session: sess.id,
            reason: "execabort",
        });
        return Reply::err("EXECABORT Transaction discarded because of previous errors.");
    }
    // A watched key that expired since WATCH fails EXEC too (unless it
    // was already past its deadline then).
    let touched = eng.watch_dirty.contains(&sess.id) || eng.watched_key_expired(sess);
    eng.unwatch_all(sess);
    if touched {
        eng.events.push(Event::Aborted {
            session: sess.id,
            reason: "watch",
        });
        return Reply::NullArray;
    }
    eng.events.push(Event::Executed {
        session: sess.id,
        commands: m.queue.len(),
    });
    let mut replies = Vec::with_capacity(m.queue.len());
    // Nothing waits inside a transaction: a BLPOP with nothing to take
    // answers as if it had timed out.
    let was = std::mem::replace(&mut eng.deny_blocking, true);
    let was_in_exec = std::mem::replace(&mut eng.in_exec, true);
    for argv in &m.queue {
        replies.push(eng.run_queued(sess, argv));
    }
    eng.deny_blocking = was;
    eng.in_exec = was_in_exec;
    Reply::Array(replies)
}

/// WATCH key [key ...]
pub fn watch(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    if sess.multi.is_some() {
        return Reply::err("ERR WATCH inside MULTI is not allowed");
    }
    for key in argv.iter().skip(1) {
        let entry = (sess.db, key.clone());
        if sess.watched.contains(&entry) {
            continue;
        }
        sess.watched.push(entry);
        if eng.logically_expired(sess.db, key) {
            eng.watch_stale.push((sess.id, sess.db, key.clone()));
        }
        if let Some(w) = eng.watchers.get_mut(sess.db) {
            w.entry(key.clone()).or_default().push(sess.id);
        }
        if eng.events.enabled() {
            eng.events.push(Event::Watched {
                session: sess.id,
                db: sess.db,
                key: key.clone(),
            });
        }
    }
    Reply::ok()
}

/// UNWATCH
pub fn unwatch(eng: &mut Engine, sess: &mut Session, _: &[Vec<u8>]) -> Reply {
    eng.unwatch_all(sess);
    Reply::ok()
}

impl Engine {
    /// One queued command, checked again as EXEC runs it (the table
    /// cannot change in between, but the subscribed-mode rule can).
    fn run_queued(&mut self, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
        let reply = self.dispatch_recorded(sess, argv);
        self.count_error(&reply);
        reply
    }

    pub(crate) fn unwatch_all(&mut self, sess: &mut Session) {
        if !sess.watched.is_empty() {
            self.events.push(Event::Unwatched { session: sess.id });
        }
        for (db, key) in sess.watched.drain(..) {
            if let Some(w) = self.watchers.get_mut(db) {
                if let Some(ids) = w.get_mut(&key) {
                    ids.retain(|id| *id != sess.id);
                    if ids.is_empty() {
                        w.swap_remove(&key);
                    }
                }
            }
        }
        self.watch_dirty.remove(&sess.id);
        if !self.watch_stale.is_empty() {
            self.watch_stale.retain(|(id, _, _)| *id != sess.id);
        }
    }

    /// Redis's `isWatchedKeyExpired`: one of the session's watched keys,
    /// alive when watched, is now past its deadline.
    fn watched_key_expired(&self, sess: &Session) -> bool {
        sess.watched.iter().any(|(db, key)| {
            self.stale_at(sess.id, *db, key).is_none() && self.logically_expired(*db, key)
        })
    }

    /// Where `(id, db, key)` is among the watches of already expired keys.
    fn stale_at(&self, id: SessionId, db: usize, key: &[u8]) -> Option<usize> {
        self.watch_stale
            .iter()
            .position(|(i, d, k)| *i == id && *d == db && k == key)
    }

    /// A key changed: every session watching it will fail its EXEC. A
    /// watch of a key that was already expired is the exception: the key
    /// gone is no change (the watch becomes a plain one); the key still
    /// there ends the marking, for this and the remaining watchers, as
    /// Redis 7.0's loop does.
    pub(crate) fn touch_watched(&mut self, db: usize, key: &[u8]) {
        let Some(ids) = self.watchers.get(db).and_then(|w| w.get(key)) else {
            return;
        };
        let exists = self.db(db).is_some_and(|d| d.contains(key));
        for id in ids.clone() {
            if let Some(at) = self.stale_at(id, db, key) {
                if exists {
                    break;
                }
                self.watch_stale.swap_remove(at);
                continue;
            }
            if self.watch_dirty.insert(id) {
                self.events.push(Event::WatchTouched {
                    session: id,
                    db,
                    key: key.to_vec(),
                });
            }
        }
    }

    /// FLUSHDB, FLUSHALL, SWAPDB: every watched key of `db` that exists
    /// there (or, for SWAPDB, in the db swapped in) changes; Redis touches
    /// only those, a missing key staying missing. Watches of keys already
    /// expired when watched follow Redis's `touchAllWatchedKeysInDb`: an
    /// expired key flushed is no change, nor is one replaced by another
    /// expired key, and a missing key replaced by an expired one becomes
    /// such a watch itself.
    pub(crate) fn touch_all_watched(&mut self, db: usize, swapped_with: Option<usize>) {
        let keys: Vec<Vec<u8>> = match self.watchers.get(db) {
            Some(w) => w.keys().cloned().collect(),
            None => return,
        };
        let contains = |e: &Engine, d: usize, k: &[u8]| e.db(d).is_some_and(|x| x.contains(k));
        for key in keys {
            let in_emptied = contains(self, db, &key);
            let in_other = swapped_with.is_some_and(|o| contains(self, o, &key));
            if !in_emptied && !in_other {
                continue;
            }
            let other_expired = swapped_with.is_some_and(|o| self.logically_expired(o, &key));
            let ids = self
                .watchers
                .get(db)
                .and_then(|w| w.get(&key))
                .cloned()
                .unwrap_or_default();
            for id in ids {
                if let Some(at) = self.stale_at(id, db, &key) {
                    if !in_other {
                        self.watch_stale.swap_remove(at);
                        continue;
                    }
                    if other_expired {
                        continue;
                    }
                } else if !in_emptied && other_expired {
                    self.watch_stale.push((id, db, key.clone()));
                    continue;
                }
                if self.watch_dirty.insert(id) {
                    self.events.push(Event::WatchTouched {
                        session: id,
                        db,
                        key: key.clone(),
                    });
                }
            }
        }
    }
}
