//! More of the inspection API: windows onto big values, what each client
//! is doing, and who listens to which channel. Pictures draw from these
//! (a window at a time, so a million-element list costs one screenful),
//! never from the engine's own structures. Like `inspect`, nothing here
//! changes data or counts as an access.

use super::inspect::KeyInfo;
use super::pubsub::Kind;
use super::value::Value;
use super::{Engine, SessionId};

/// One element of a window, clipped for display; `len` is its full
/// length in bytes, so a picture can say how much it cut.
#[derive(Debug, Clone, PartialEq)]
pub struct Clipped {
    pub bytes: Vec<u8>,
    pub len: usize,
}

fn clip(b: &[u8], max: usize) -> Clipped {
    Clipped {
        bytes: b.get(..max.min(b.len())).unwrap_or_default().to_vec(),
        len: b.len(),
    }
}

/// One row of a window. `pos` is the element's place: the list index
/// (from the head), the sorted set rank (lowest score first), or the
/// position in the order HGETALL/SMEMBERS list a hash or set.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub pos: usize,
    /// The element, member or field.
    pub item: Clipped,
    /// A hash field's value.
    pub value: Option<Clipped>,
    /// A sorted set member's score.
    pub score: Option<f64>,
}

/// Rows `start..start+rows.len()` of a collection of `info.size`
/// elements (a string has no rows: see `string_prefix`).
#[derive(Debug, Clone, PartialEq)]
pub struct KeyWindow {
    pub info: KeyInfo,
    pub start: usize,
    pub rows: Vec<Row>,
}

/// Most rows one window carries.
pub const MAX_WINDOW: usize = 1000;

/// What a blocked client waits for.
#[derive(Debug, Clone, PartialEq)]
pub struct BlockedView {
    pub command: &'static str,
    pub db: usize,
    pub keys: Vec<Vec<u8>>,
    /// Engine time (Unix ms) when it gives up; `None`: never.
    pub deadline_ms: Option<i64>,
}

/// One client as the clients picture shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct ClientView {
    pub id: SessionId,
    pub name: Option<Vec<u8>>,
    pub db: usize,
    pub resp: u8,
    /// Commands waiting for EXEC, when in MULTI; `multi_failed`: one was
    /// refused, so EXEC will answer EXECABORT.
    pub multi: Option<Vec<Vec<Vec<u8>>>>,
    pub multi_failed: bool,
    /// `(db, key)` under WATCH, and whether one has changed since (the
    /// next EXEC will fail).
    pub watched: Vec<(usize, Vec<u8>)>,
    pub watch_broken: bool,
    pub channels: Vec<Vec<u8>>,
    pub patterns: Vec<Vec<u8>>,
    pub shard_channels: Vec<Vec<u8>>,
    pub blocked: Option<BlockedView>,
    /// Its connection closes after this reply (QUIT, CLIENT KILL of itself).
    pub closing: bool,
    /// CLIENT TRACKING on: its flags as CLIENT TRACKINGINFO lists them.
    pub tracking: Option<Vec<&'static str>>,
    /// In MONITOR.
    pub monitor: bool,
}

/// Who listens where: each channel (or pattern, or shard channel) with
/// at least one subscriber, and its subscribers in the order they came.
/// One member of a collection (see [`Engine::member_view`]).
#[derive(Debug, Clone, PartialEq)]
pub struct MemberView {
    /// A hash field's value.
    pub value: Option<Vec<u8>>,
    /// A sorted-set member's score.
    pub score: Option<f64>,
    /// A sorted-set member's rank, or a list element's first index.
    pub rank: Option<usize>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct PubSubView {
    pub channels: Vec<(Vec<u8>, Vec<SessionId>)>,
    pub patterns: Vec<(Vec<u8>, Vec<SessionId>)>,
    pub shard_channels: Vec<(Vec<u8>, Vec<SessionId>)>,
}

impl Engine {
    /// Rows `start..start+count` (at most [`MAX_WINDOW`]) of the
    /// collection at `key`, each element clipped to `max_bytes`. `None`
    /// when the key is absent, expired or a string.
    pub fn key_window(
        &self,
        db: usize,
        key: &[u8],
        start: usize,
        count: usize,
        max_bytes: usize,
    ) -> Option<KeyWindow> {
        let info = self.key_info(db, key)?;
        let d = self.db(db)?;
        let value = &d.raw_get(key)?.value;
        let end = start.saturating_add(count.min(MAX_WINDOW)).min(info.size);
        let positions = start..end.max(start);
        let rows = match value {
            Value::Str(_) | Value::Stream(_) => return None,
            Value::List(l) => positions
                .filter_map(|i| {
                    l.get(i).map(|e| Row {
                        pos: i,
                        item: clip(e, max_bytes),
                        value: None,
                        score: None,
                    })
                })
                .collect(),
            Value::Hash(h) => positions
                .filter_map(|i| {
                    h.map.get_index(i).map(|(f, v)| Row {
                        pos: i,
                        item: clip(f, max_bytes),
                        value: Some(clip(v, max_bytes)),
                        score: None,
                    })
                })
                .collect(),
            Value::Set(s) => positions
                .filter_map(|i| {
                    s.items.get_index(i).map(|m| Row {
                        pos: i,
                        item: clip(&m, max_bytes),
                        value: None,
                        score: None,
                    })
                })
                .collect(),
            Value::ZSet(z) => z
                .range(start.min(end), end)
                .into_iter()
                .zip(start..)
                .map(|((score, m), i)| Row {
                    pos: i,
                    item: clip(&m, max_bytes),
                    value: None,
                    score: Some(score),
                })
                .collect(),
        };
        Some(KeyWindow { info, start, rows })
    }

    /// The first `max` bytes of the string at `key` (`None`: absent,
    /// expired or not a string); `key_info` says how long it is.
    pub fn string_prefix(&self, db: usize, key: &[u8], max: usize) -> Option<Vec<u8>> {
        self.key_info(db, key)?;
        match &self.db(db)?.raw_get(key)?.value {
            Value::Str(s) => Some(s.bytes.get(..max.min(s.bytes.len()))?.to_vec()),
            _ => None,
        }
    }

    /// One member of the collection at `key`, if it is there: a list's
    /// element (its first index), a hash field (its value), a set member,
    /// a sorted-set member (its score and rank). `None` when the key or the
    /// member is absent, or the key is a string. What tutorial checks ask.
    pub fn member_view(&self, db: usize, key: &[u8], member: &[u8]) -> Option<MemberView> {
        self.key_info(db, key)?;
        let none = MemberView {
            value: None,
            score: None,
            rank: None,
        };
        match &self.db(db)?.raw_get(key)?.value {
            Value::Str(_) | Value::Stream(_) => None,
            Value::List(l) => l
                .iter()
                .position(|e| e.as_ref() == member)
                .map(|i| MemberView {
                    rank: Some(i),
                    ..none
                }),
            Value::Hash(h) => h.map.get(member).map(|v| MemberView {
                value: Some(v.to_vec()),
                ..none
            }),
            Value::Set(s) => s.items.contains(member).then_some(none),
            Value::ZSet(z) => Some(MemberView {
                score: Some(z.score(member)?),
                rank: z.rank(member),
                value: None,
            }),
        }
    }

    /// The rank of the first member of the sorted set at `key` whose
    /// score is at least `score` (the member count when none is): where a
    /// window "by score" starts.
    pub fn zset_rank_at(&self, db: usize, key: &[u8], score: f64) -> Option<usize> {
        self.key_info(db, key)?;
        match &self.db(db)?.raw_get(key)?.value {
            Value::ZSet(z) => Some(z.first_rank(|s, _| s >= score)),
            _ => None,
        }
    }

    /// Every client, by id.
    pub fn clients(&self) -> Vec<ClientView> {
        self.sessions()
            .filter_map(|s| self.client_view(s.id))
            .collect()
    }

    /// The protocol a client speaks (2 or 3, chosen with HELLO): what a
    /// console needs after every command, without a whole view.
    pub fn client_protocol(&self, id: SessionId) -> Option<u8> {
        self.session(id).map(|s| s.resp)
    }

    /// The ACL user a client is authenticated as (`default` until it
    /// authenticates as another).
    pub fn client_user(&self, id: SessionId) -> String {
        self.acl
            .as_ref()
            .map_or_else(|| "default".to_string(), |g| g.user_of(id))
    }

    /// Whether there is an ACL user of this name.
    pub fn has_acl_user(&self, name: &[u8]) -> bool {
        match &self.acl {
            Some(g) => g.has_user(name),
            None => name == b"default",
        }
    }

    /// Whether ACL user `user` may run `line` (ACL DRYRUN): `Ok(None)`
    /// allowed, `Ok(Some(why))` refused, `Err` no such user or command.
    /// Until ACL keeps users only `default` is there, allowed everything.
    pub fn acl_dry_run(&self, user: &[u8], line: &[Vec<u8>]) -> Result<Option<String>, String> {
        match &self.acl {
            Some(g) => g.dry_run(user, line),
            None if user == b"default" => Ok(None),
            None => Err(format!(
                "ERR User '{}' not found",
                String::from_utf8_lossy(user)
            )),
        }
    }

    pub fn client_view(&self, id: SessionId) -> Option<ClientView> {
        let s = self.session(id)?;
        Some(ClientView {
            id,
            name: s.name.clone(),
            db: s.db,
            resp: s.resp,
            multi: s.multi.as_ref().map(|m| m.queue.clone()),
            multi_failed: s.multi.as_ref().is_some_and(|m| m.failed),
            watched: s.watched.clone(),
            watch_broken: self.watch_dirty.contains(&id),
            channels: s.subs.channels.iter().cloned().collect(),
            patterns: s.subs.patterns.iter().cloned().collect(),
            shard_channels: s.subs.shard.iter().cloned().collect(),
            blocked: s.blocked.as_ref().map(|b| BlockedView {
                command: b.command,
                db: b.db,
                keys: b.keys.clone(),
                deadline_ms: b.deadline_ms,
            }),
            closing: s.closing,
            tracking: self.tracker.as_ref().and_then(|t| t.modes(id)),
            monitor: s.monitor,
        })
    }

    pub fn pubsub_view(&self) -> PubSubView {
        let of = |kind: Kind| {
            self.registry
                .names(kind)
                .into_iter()
                .map(|n| (n.to_vec(), self.registry.subscribers(kind, n)))
                .collect()
        };
        PubSubView {
            channels: of(Kind::Channel),
            patterns: of(Kind::Pattern),
            shard_channels: of(Kind::Shard),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::{ClientAddr, EngineOptions};
    use super::*;

    fn setup() -> (Engine, SessionId) {
        let mut e = Engine::new(EngineOptions::default());
        let s = e.open_session(ClientAddr::default());
        (e, s)
    }

    fn run(e: &mut Engine, s: SessionId, line: &str) {
        let argv = crate::cli::split_args(line.as_bytes()).unwrap_or_default();
        e.execute(s, &argv);
    }

    fn items(w: &KeyWindow) -> Vec<String> {
        w.rows
            .iter()
            .map(|r| String::from_utf8_lossy(&r.item.bytes).into_owned())
            .collect()
    }

    #[test]
    fn windows_slice_any_part_of_a_big_collection() {
        let (mut e, s) = setup();
        let mut line = String::from("RPUSH big");
        for i in 0..5000 {
            line.push_str(&format!(" e{i}"));
        }
        run(&mut e, s, &line);
        let w = e.key_window(0, b"big", 4998, 10, 100).unwrap();
        assert_eq!((w.start, w.info.size), (4998, 5000));
        assert_eq!(items(&w), ["e4998", "e4999"]);
        assert_eq!(w.rows[0].pos, 4998);
        // Past the end: no rows, not an error.
        assert!(e
            .key_window(0, b"big", 9000, 10, 100)
            .unwrap()
            .rows
            .is_empty());
        // Capped at MAX_WINDOW rows.
        assert_eq!(
            e.key_window(0, b"big", 0, 1 << 40, 100).unwrap().rows.len(),
            MAX_WINDOW
        );

        run(&mut e, s, "ZADD z 5 e 1 a 3 c 2 b 4 d");
        let w = e.key_window(0, b"z", 1, 3, 100).unwrap();
        assert_eq!(items(&w), ["b", "c", "d"]);
        assert_eq!(w.rows[2].score, Some(4.0));
        assert_eq!(e.zset_rank_at(0, b"z", 2.5), Some(2));
        assert_eq!(e.zset_rank_at(0, b"z", 99.0), Some(5));

        run(&mut e, s, "HSET h f1 v1 f2 v2 f3 v3");
        let w = e.key_window(0, b"h", 1, 5, 100).unwrap();
        assert_eq!(items(&w), ["f2", "f3"]);
        assert_eq!(
            w.rows[0].value.as_ref().map(|v| v.bytes.clone()),
            Some(b"v2".to_vec())
        );

        run(&mut e, s, "SADD st 30 10 20");
        assert_eq!(
            items(&e.key_window(0, b"st", 0, 5, 100).unwrap()),
            ["10", "20", "30"]
        );

        run(&mut e, s, "SET str hello");
        assert!(e.key_window(0, b"str", 0, 5, 100).is_none());
    }

    #[test]
    fn windows_clip_elements_and_say_their_length() {
        let (mut e, s) = setup();
        e.execute(s, &[b"RPUSH".to_vec(), b"l".to_vec(), vec![b'x'; 10_000]]);
        let w = e.key_window(0, b"l", 0, 1, 64).unwrap();
        assert_eq!(
            (w.rows[0].item.bytes.len(), w.rows[0].item.len),
            (64, 10_000)
        );
    }

    #[test]
    fn client_views_show_multi_watch_subscriptions_and_waits() {
        let (mut e, a) = setup();
        let b = e.open_session(ClientAddr::default());
        let c = e.open_session(ClientAddr::default());
        run(&mut e, a, "WATCH k");
        run(&mut e, a, "MULTI");
        run(&mut e, a, "INCR k");
        let v = e.client_view(a).unwrap();
        assert_eq!(v.multi, Some(vec![vec![b"INCR".to_vec(), b"k".to_vec()]]));
        assert_eq!(
            (v.watched.clone(), v.watch_broken),
            (vec![(0, b"k".to_vec())], false)
        );
        run(&mut e, b, "SET k 1");
        assert!(
            e.client_view(a).unwrap().watch_broken,
            "b's write broke a's watch"
        );

        run(&mut e, b, "SUBSCRIBE news");
        run(&mut e, c, "PSUBSCRIBE n*");
        let p = e.pubsub_view();
        assert_eq!(p.channels, vec![(b"news".to_vec(), vec![b])]);
        assert_eq!(p.patterns, vec![(b"n*".to_vec(), vec![c])]);
        assert_eq!(e.client_view(b).unwrap().channels, vec![b"news".to_vec()]);

        let d = e.open_session(ClientAddr::default());
        let now = e.now_ms();
        assert!(e
            .submit(d, &[b"BLPOP".to_vec(), b"q".to_vec(), b"2".to_vec()])
            .is_none());
        let w = e.client_view(d).unwrap().blocked.unwrap();
        assert_eq!(
            (w.command, w.keys, w.deadline_ms),
            ("blpop", vec![b"q".to_vec()], Some(now + 2000))
        );
        assert_eq!(e.clients().len(), 4);
    }
}

/// What a crash would lose now, as the time bar shows it: only once the
/// server has a disk (something was saved, or the AOF is on).
#[derive(Debug, Clone, PartialEq)]
pub struct Durability {
    /// When the RDB file was last written (or the server last started),
    /// in seconds, and the changes since.
    pub saved_secs: Option<i64>,
    pub unsaved: u64,
    /// With the AOF on: `appendfsync`, and the writes appended but not yet
    /// flushed to the device.
    pub aof: Option<(String, u64)>,
}

impl Engine {
    pub fn durability(&self) -> Option<Durability> {
        self.persist.disk.as_ref()?;
        Some(Durability {
            saved_secs: self.persist.last_save_secs,
            unsaved: self.unsaved_changes(),
            aof: self.persist.aof.as_ref().map(|a| {
                (
                    self.config.get_str("appendfsync").unwrap_or_default(),
                    a.unsynced_writes,
                )
            }),
        })
    }
}
