//! Eviction under a small maxmemory, side by side with redis-server 7.0:
//! the same keys, a limit set to what each server itself reports used, the
//! same reads, then the same new writes. Redis's choices are approximate
//! (a sample of keys each time), so the test compares shares with stated
//! tolerances rather than key names:
//!
//! - how many keys each server keeps overall: within 10% of redis-server's
//!   count (our memory model against Redis's allocator);
//! - allkeys-lru: both keep at least 90% of the keys read after the fill,
//!   and fewer of the idle ones than of those;
//! - allkeys-random: the read and the idle keys go alike (within 15
//!   points of each other) on both;
//! - volatile-ttl: the keys without a deadline all stay, and of those
//!   with one, the later deadlines outlive the earlier ones on both.

#![cfg(feature = "server")]

mod common;

use std::time::Duration;

use common::{argv, Client, ReddishServer, RedisServer};
use reddish::Reply;

const KEYS: usize = 2000;
const NEW: usize = 800;

fn call(c: &mut Client, words: &[&str]) -> Reply {
    c.call(&argv(words))
}

fn used_memory(c: &mut Client) -> u64 {
    let (Reply::Bulk(b) | Reply::Verbatim(_, b)) = call(c, &["INFO", "memory"]) else {
        panic!("INFO memory");
    };
    String::from_utf8_lossy(&b)
        .lines()
        .find_map(|l| l.strip_prefix("used_memory:"))
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or_else(|| panic!("no used_memory"))
}

/// Keys alive among `key:{range}`, counted with EXISTS (which does not
/// change what an LRU policy sees as recent: it runs after the writes).
fn alive(c: &mut Client, prefix: &str, range: std::ops::Range<usize>) -> usize {
    range
        .filter(|i| call(c, &["EXISTS", &format!("{prefix}{i}")]) == Reply::Integer(1))
        .count()
}

struct Outcome {
    /// Keys of the first half (read after the fill), the second half
    /// (idle), and the new ones, still there.
    read: usize,
    idle: usize,
    new: usize,
    /// Of the idle ones, those of the last quarter (with `ttl`, the
    /// latest deadlines).
    idle_late: usize,
}

/// Fill, limit, wait a second (the LRU clock's resolution), read the
/// first half, write new keys, count.
fn play(c: &mut Client, policy: &str, ttl: bool) -> Outcome {
    for line in [
        vec!["CONFIG", "SET", "maxmemory", "0"],
        vec!["FLUSHALL"],
        vec!["CONFIG", "SET", "maxmemory-policy", policy],
        vec!["CONFIG", "SET", "maxmemory-samples", "5"],
    ] {
        assert_eq!(call(c, &line), Reply::ok(), "{line:?}");
    }
    let value = "v".repeat(1000);
    for i in 0..KEYS {
        let key = format!("key:{i}");
        // With `ttl`, the second half has deadlines, growing with i.
        if ttl && i >= KEYS / 2 {
            let px = (1_000_000 + i * 1000).to_string();
            call(c, &["SET", &key, &value, "PX", &px]);
        } else {
            call(c, &["SET", &key, &value]);
        }
    }
    let used = used_memory(c).to_string();
    assert_eq!(call(c, &["CONFIG", "SET", "maxmemory", &used]), Reply::ok());
    std::thread::sleep(Duration::from_millis(1100));
    for i in 0..KEYS / 2 {
        call(c, &["GET", &format!("key:{i}")]);
    }
    for i in 0..NEW {
        let r = call(c, &["SET", &format!("new:{i}"), &value]);
        assert_eq!(r, Reply::ok(), "SET new:{i} under {policy}");
    }
    assert_eq!(call(c, &["CONFIG", "SET", "maxmemory", "0"]), Reply::ok());
    let idle_late = alive(c, "key:", KEYS * 3 / 4..KEYS);
    let out = Outcome {
        read: alive(c, "key:", 0..KEYS / 2),
        idle: alive(c, "key:", KEYS / 2..KEYS * 3 / 4) + idle_late,
        new: alive(c, "new:", 0..NEW),
        idle_late,
    };
    call(c, &["CONFIG", "SET", "maxmemory-policy", "noeviction"]);
    call(c, &["FLUSHALL"]);
    out
}

fn both(policy: &str, ttl: bool) -> (Outcome, Outcome) {
    let redis = RedisServer::start();
    let ours = ReddishServer::start();
    let mut r = Client::connect(redis.port);
    let mut o = Client::connect(ours.port);
    let theirs = play(&mut r, policy, ttl);
    let mine = play(&mut o, policy, ttl);
    let total = |x: &Outcome| x.read + x.idle + x.new;
    for (who, x) in [("redis-server", &theirs), ("reddish", &mine)] {
        eprintln!(
            "{policy} {who}: kept {} read, {} idle ({} of the last quarter), {} new",
            x.read, x.idle, x.idle_late, x.new
        );
    }
    let (t, m) = (total(&theirs) as f64, total(&mine) as f64);
    assert!(
        (m - t).abs() <= t * 0.10,
        "{policy}: redis-server kept {t} keys, reddish {m}"
    );
    (theirs, mine)
}

#[test]
fn allkeys_lru_keeps_the_keys_read_last() {
    let (theirs, mine) = both("allkeys-lru", false);
    for (who, x) in [("redis-server", &theirs), ("reddish", &mine)] {
        assert!(
            x.read >= KEYS / 2 * 9 / 10,
            "{who}: {} of {} read keys kept",
            x.read,
            KEYS / 2
        );
        assert!(x.idle < x.read, "{who}: idle {} vs read {}", x.idle, x.read);
    }
}

#[test]
fn allkeys_random_takes_read_and_idle_keys_alike() {
    let (theirs, mine) = both("allkeys-random", false);
    for (who, x) in [("redis-server", &theirs), ("reddish", &mine)] {
        let share = |n: usize| n as f64 / (KEYS / 2) as f64;
        assert!(
            (share(x.read) - share(x.idle)).abs() < 0.15,
            "{who}: read {} idle {}",
            x.read,
            x.idle
        );
        assert!(x.read + x.idle < KEYS, "{who}: nothing was evicted");
    }
}

#[test]
fn volatile_ttl_spares_keys_without_a_deadline() {
    let (theirs, mine) = both("volatile-ttl", true);
    for (who, x) in [("redis-server", &theirs), ("reddish", &mine)] {
        assert_eq!(x.read, KEYS / 2, "{who}: keys without a deadline went");
        assert!(x.idle < KEYS / 2, "{who}: nothing was evicted");
        let early = x.idle - x.idle_late;
        assert!(
            early < x.idle_late,
            "{who}: early deadlines {early} vs late {}",
            x.idle_late
        );
    }
}
