//! The inspection API: plain data about the dataset for pictures, panels,
//! tutorial checks and saving. Hosts read the engine through this and the
//! event stream, never through its internals. Nothing here changes data,
//! expires keys or counts as an access.

use super::value::Value;
use super::{Engine, NUM_DBS};

/// One row of the keyspace browser.
#[derive(Debug, Clone, PartialEq)]
pub struct KeyInfo {
    pub key: Vec<u8>,
    pub type_name: &'static str,
    pub encoding: &'static str,
    /// Absolute deadline, Unix ms: hosts count down against their clock.
    pub expire_at: Option<i64>,
    /// Bytes for a string, elements for a collection.
    pub size: usize,
}

/// A window onto the keys of one database, in byte order.
#[derive(Debug, Clone, PartialEq)]
pub struct KeyPage {
    /// Alive keys matching the filter, in all.
    pub total: usize,
    pub keys: Vec<KeyInfo>,
}

fn size_of(v: &Value) -> usize {
    match v {
        Value::Str(s) => s.bytes.len(),
        Value::List(l) => l.len(),
        Value::Hash(h) => h.map.len(),
        Value::Set(s) => s.items.len(),
        Value::ZSet(z) => z.len(),
        Value::Stream(s) => s.0.entries(),
    }
}

impl Engine {
    /// Changes whenever the dataset does (a write, an expiry, a flush):
    /// a host re-reads pages only when this moved.
    pub fn data_version(&self) -> u64 {
        self.dirty
    }

    /// Moves when a CONFIG SET or SCRIPT LOAD/FLUSH succeeded: changes of
    /// what the engine does that `data_version` does not see.
    pub fn settings_version(&self) -> u64 {
        self.settings_changes
    }

    /// The random generator's state: a read such as SRANDMEMBER moves it
    /// without touching the data, and a host that keeps a copy of the
    /// present (undo does) needs to know the copy is stale.
    pub fn rng_state(&self) -> u64 {
        self.rng.get_seed()
    }

    /// Keys of `db` whose name contains `filter` (empty: all), sorted by
    /// bytes, `limit` of them from `offset`. Keys past their deadline but
    /// not yet removed are left out.
    pub fn key_page(&self, db: usize, filter: &[u8], offset: usize, limit: usize) -> KeyPage {
        let Some(d) = self.db(db) else {
            return KeyPage {
                total: 0,
                keys: Vec::new(),
            };
        };
        let now = self.now_ms();
        let mut names: Vec<(&[u8], &super::db::Entry)> = d
            .iter()
            .filter(|(k, e)| d.deadline(k, e).is_none_or(|t| now <= t))
            .filter(|(k, _)| filter.is_empty() || k.windows(filter.len()).any(|w| w == filter))
            .collect();
        names.sort_unstable_by(|a, b| a.0.cmp(b.0));
        let total = names.len();
        let keys = names
            .into_iter()
            .skip(offset)
            .take(limit)
            .map(|(k, e)| KeyInfo {
                key: k.to_vec(),
                type_name: e.value.type_name(),
                encoding: e.value.encoding(),
                expire_at: d.deadline(k, e),
                size: size_of(&e.value),
            })
            .collect();
        KeyPage { total, keys }
    }

    /// The keyspace row of one alive key.
    pub fn key_info(&self, db: usize, key: &[u8]) -> Option<KeyInfo> {
        let d = self.db(db)?;
        let e = d.raw_get(key)?;
        let expire_at = d.deadline(key, e);
        if expire_at.is_some_and(|t| self.now_ms() > t) {
            return None;
        }
        Some(KeyInfo {
            key: key.to_vec(),
            type_name: e.value.type_name(),
            encoding: e.value.encoding(),
            expire_at,
            size: size_of(&e.value),
        })
    }

    /// The earliest deadline of a key that has not expired yet, in any
    /// database: where the time bar's "next expiry" jumps to (one
    /// millisecond past it, when Redis expires the key).
    pub fn next_deadline(&self) -> Option<i64> {
        let now = self.now_ms();
        (0..NUM_DBS)
            .filter_map(|i| {
                let d = self.db(i)?;
                // Keys already due are removed on the next tick; look past them.
                let t = d.next_deadline()?;
                if t >= now {
                    Some(t)
                } else {
                    d.iter()
                        .filter_map(|(k, e)| d.deadline(k, e))
                        .filter(|t| *t >= now)
                        .min()
                }
            })
            .min()
    }

    /// Keys plus the elements of every collection, in all databases: what
    /// copying the dataset costs (undo's budget).
    pub fn element_count(&self) -> usize {
        (0..NUM_DBS)
            .filter_map(|i| self.db(i))
            .map(|d| {
                d.iter()
                    .map(|(_, e)| match &e.value {
                        Value::Str(_) => 1,
                        v => 1 + size_of(v),
                    })
                    .sum::<usize>()
            })
            .sum()
    }

    /// How recently or how often a key was used, as the eviction policy
    /// sees it: its LFU counter under an LFU policy (OBJECT FREQ), else
    /// its idle seconds (OBJECT IDLETIME). The picture shows it.
    pub fn key_access(&self, db: usize, key: &[u8]) -> Option<super::evict::Reason> {
        let e = self.db(db)?.raw_get(key)?;
        let now = self.now_ms();
        Some(if self.evict.policy.lfu() {
            super::evict::Reason::Frequency(e.lfu_count(now, self.evict.lfu_settings().1))
        } else {
            super::evict::Reason::Idle(e.idle_seconds(now))
        })
    }

    /// Memory as INFO counts it against `maxmemory` (0: no limit), and
    /// the eviction policy: the keyspace panel's gauge.
    pub fn memory_view(&self) -> (u64, u64, &'static str) {
        let limit = u64::try_from(self.config.get_i64("maxmemory")).unwrap_or(0);
        let policy = self.evict.policy.name();
        (self.used_memory(), limit, policy)
    }

    /// Number of alive keys in each database.
    pub fn db_sizes(&self) -> Vec<usize> {
        let now = self.now_ms();
        (0..NUM_DBS)
            .map(|i| {
                self.db(i).map_or(0, |d| {
                    d.iter()
                        .filter(|(k, e)| d.deadline(k, e).is_none_or(|t| now <= t))
                        .count()
                })
            })
            .collect()
    }

    /// The whole dataset as the commands that rebuild it, deadlines as
    /// absolute times (`PXAT`), so a key that expired while the data sat
    /// in storage is not brought back to life. Saving, "export as
    /// commands" and share links all use this one format.
    pub fn export_commands(&self) -> Vec<Vec<Vec<u8>>> {
        let now = self.now_ms();
        let mut out = Vec::new();
        for i in 0..NUM_DBS {
            let Some(d) = self.db(i) else { continue };
            if d.is_empty() {
                continue;
            }
            out.push(vec![b"SELECT".to_vec(), i.to_string().into_bytes()]);
            for (k, e) in d.iter() {
                let at = d.deadline(k, e);
                if at.is_some_and(|t| now > t) {
                    continue;
                }
                let deadline = at.map(|t| t.to_string().into_bytes());
                let k = k.to_vec();
                match &e.value {
                    Value::Str(s) => {
                        let mut argv = vec![b"SET".to_vec(), k.clone(), s.bytes.to_vec()];
                        if let Some(t) = deadline {
                            argv.push(b"PXAT".to_vec());
                            argv.push(t);
                        }
                        out.push(argv);
                    }
                    Value::List(l) => {
                        let mut argv = Vec::with_capacity(l.len() + 2);
                        argv.push(b"RPUSH".to_vec());
                        argv.push(k.clone());
                        argv.extend(l.iter().map(|e| e.to_vec()));
                        out.push(argv);
                        if let Some(t) = deadline {
                            out.push(vec![b"PEXPIREAT".to_vec(), k.clone(), t]);
                        }
                    }
                    Value::ZSet(z) => {
                        let mut argv = Vec::with_capacity(z.len() * 2 + 2);
                        argv.push(b"ZADD".to_vec());
                        argv.push(k.clone());
                        for (s, m) in z.iter() {
                            // %.17g round-trips every double; inf too.
                            argv.push(crate::resp::format_double(s).into_bytes());
                            argv.push(m.to_vec());
                        }
                        out.push(argv);
                        if let Some(t) = deadline {
                            out.push(vec![b"PEXPIREAT".to_vec(), k.clone(), t]);
                        }
                    }
                    Value::Set(set) => {
                        let mut argv = Vec::with_capacity(set.items.len() + 2);
                        argv.push(b"SADD".to_vec());
                        argv.push(k.clone());
                        argv.extend(set.members().into_iter().map(std::borrow::Cow::into_owned));
                        out.push(argv);
                        if let Some(t) = deadline {
                            out.push(vec![b"PEXPIREAT".to_vec(), k.clone(), t]);
                        }
                    }
                    Value::Stream(s) => {
                        s.0.rebuild(&k, &mut out);
                        if let Some(t) = deadline {
                            out.push(vec![b"PEXPIREAT".to_vec(), k.clone(), t]);
                        }
                    }
                    Value::Hash(h) => {
                        let mut argv = Vec::with_capacity(h.map.len() * 2 + 2);
                        argv.push(b"HSET".to_vec());
                        argv.push(k.clone());
                        for (f, v) in h.map.iter() {
                            argv.push(f.to_vec());
                            argv.push(v.to_vec());
                        }
                        out.push(argv);
                        if let Some(t) = deadline {
                            out.push(vec![b"PEXPIREAT".to_vec(), k.clone(), t]);
                        }
                    }
                }
            }
        }
        if out
            .iter()
            .any(|a| a.first().is_some_and(|c| c == b"SELECT"))
        {
            out.push(vec![b"SELECT".to_vec(), b"0".to_vec()]);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::super::{ClientAddr, EngineOptions};
    use super::*;
    use crate::reply::Reply;

    fn argv(line: &str) -> Vec<Vec<u8>> {
        crate::cli::split_args(line.as_bytes()).unwrap_or_default()
    }

    #[test]
    fn export_replays_into_an_equal_dataset() {
        let mut a = Engine::new(EngineOptions::default());
        let s = a.open_session(ClientAddr::default());
        for line in [
            "SET k v",
            "SET n 12",
            "SET t x PX 5000",
            "RPUSH l a \"\" c",
            "RPUSH lt x",
            "PEXPIRE lt 9000",
            "HSET h f 1 g \"\"",
            "SADD st 3 1 2",
            "ZADD zs 1.1 a -inf b 3 c",
            "SELECT 3",
            "SET \"bin\\x00\" \"\\xff\"",
            "APPEND r abc",
            "SELECT 0",
            "XADD x 1-1 a 1",
            "XADD x 2-0 a 2 b 3",
            "XADD x 3-0 c 4",
            "XDEL x 2-0",
            "XGROUP CREATE x g 0",
            "XREADGROUP GROUP g alice COUNT 1 STREAMS x >",
            "XGROUP CREATECONSUMER x g bob",
            "XGROUP CREATE gone g $ MKSTREAM",
            "PEXPIRE gone 8000",
        ] {
            assert!(!a.execute(s, &argv(line)).is_error(), "{line}");
        }
        let mut b = Engine::new(EngineOptions::default());
        let t = b.open_session(ClientAddr::default());
        for cmd in a.export_commands() {
            assert!(!b.execute(t, &cmd).is_error(), "{cmd:?}");
        }
        assert_eq!(
            b.execute(t, &argv("LRANGE l 0 -1")),
            a.execute(s, &argv("LRANGE l 0 -1"))
        );
        assert_eq!(b.execute(t, &argv("PTTL lt")), Reply::Integer(9000));
        assert_eq!(
            b.execute(t, &argv("HGETALL h")),
            a.execute(s, &argv("HGETALL h"))
        );
        assert_eq!(
            b.execute(t, &argv("SMEMBERS st")),
            a.execute(s, &argv("SMEMBERS st"))
        );
        assert_eq!(
            b.execute(t, &argv("ZRANGE zs 0 -1 WITHSCORES")),
            a.execute(s, &argv("ZRANGE zs 0 -1 WITHSCORES"))
        );
        for line in [
            "XRANGE x - +",
            "XINFO STREAM x",
            "XINFO GROUPS x",
            "XPENDING x g - + 10",
            "XINFO STREAM gone",
            "PTTL gone",
        ] {
            assert_eq!(
                b.execute(t, &argv(line)),
                a.execute(s, &argv(line)),
                "{line}"
            );
        }
        for db in [0, 3] {
            assert_eq!(a.key_page(db, b"", 0, 100), b.key_page(db, b"", 0, 100));
        }
        assert_eq!(b.session(t).map(|s| s.db), Some(0));
    }

    #[test]
    fn pages_are_sorted_filtered_and_skip_expired_keys() {
        let mut e = Engine::new(EngineOptions::default());
        let s = e.open_session(ClientAddr::default());
        for i in (0..50).rev() {
            e.execute(s, &argv(&format!("SET key:{i:02} v")));
        }
        e.execute(s, &argv("SET gone v PX 10"));
        e.tick(e.now_ms() + 5);
        let v0 = e.data_version();
        let page = e.key_page(0, b"key:", 10, 5);
        assert_eq!(page.total, 50);
        let names: Vec<String> = page
            .keys
            .iter()
            .map(|k| String::from_utf8_lossy(&k.key).into_owned())
            .collect();
        assert_eq!(names, ["key:10", "key:11", "key:12", "key:13", "key:14"]);
        e.advance_time(100);
        assert!(e.data_version() > v0, "expiry moves the data version");
        assert_eq!(e.key_page(0, b"", 0, 100).total, 50);
    }
}
