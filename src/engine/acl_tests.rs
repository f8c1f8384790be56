//! ACL's model against redis-server's answers, and its place in the
//! engine (AOF replay, snapshots).

use super::*;

/// A user made by `rules`, split at spaces outside parentheses.
fn user(rules: &str) -> User {
    let mut u = User::new(b"u", false);
    let (mut depth, mut start) = (0, 0);
    for (i, c) in rules.char_indices().chain([(rules.len(), ' ')]) {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            ' ' if depth == 0 => {
                u.apply(&rules.as_bytes()[start..i], false).unwrap();
                start = i + 1;
            }
            _ => {}
        }
    }
    u
}

#[test]
fn the_table_fits_the_bits_and_is_sorted() {
    assert!(ACL_TABLE.len() < WORDS * 64);
    assert!(ACL_TABLE.windows(2).all(|w| w[0].0 < w[1].0));
    assert_eq!(subcommands(command_id("config").unwrap()).count(), 5);
    assert_eq!(subcommands(command_id("get").unwrap()).count(), 0);
}

/// The rules as redis-server 7.0.15 described the same rules (after
/// `reset`), as a set of words: single commands come in Redis's hash
/// order there.
#[test]
fn descriptions_pick_categories_as_redis_does() {
    let cases = [
        ("+@all", "off sanitize-payload resetchannels +@all"),
        ("+get +set", "off sanitize-payload resetchannels -@all +get +set"),
        ("+@all -@dangerous", "off sanitize-payload resetchannels +@all -@dangerous"),
        ("+@read -@slow", "off sanitize-payload resetchannels -@all +hget +hmget +ttl +type +hstrlen +bitfield_ro +expiretime +zmscore +scard +smismember +xlen +zrank +pttl +hexists +zrevrank +dbsize +sismember +touch +hlen +llen +strlen +zcard +get +getbit +mget +zlexcount +zcount +exists +zscore +pexpiretime +lolwut"),
        ("on >p ~app:* &chan* +@read (~x +set)", "on sanitize-payload #148de9c5a7a44d19e56cd9ae1a554bf67847afb0c58f6e12fa29ac7ddfca9940 ~app:* resetchannels &chan* -@all +@read (~x resetchannels -@all +set)"),
        ("+select|0", "off sanitize-payload resetchannels -@all +select|0"),
        ("+config|get", "off sanitize-payload resetchannels -@all +config|get"),
        ("+@all -config|set -get", "off sanitize-payload resetchannels +@all -config|set -get"),
        ("-@all +@hash +@list -lpush", "off sanitize-payload resetchannels -@all +@hash +@list -lpush"),
    ];
    for (rules, redis) in cases {
        let described = user(&format!("reset {rules}")).describe();
        let mut ours: Vec<&str> = described.split(' ').collect();
        let mut theirs: Vec<&str> = redis.split(' ').collect();
        // The categories, and everything before them, in order.
        let fixed = theirs
            .iter()
            .position(|w| w.starts_with(['+', '-']) && !w.contains('@'))
            .unwrap_or(theirs.len());
        assert_eq!(ours[..fixed.min(ours.len())], theirs[..fixed], "{rules}");
        ours.sort_unstable();
        theirs.sort_unstable();
        assert_eq!(ours, theirs, "{rules}");
    }
}

#[test]
fn rules_that_do_not_parse_say_why() {
    let mut u = User::new(b"u", false);
    assert_eq!(u.apply(b"+nosuch", false), Err(RuleError::Unknown));
    assert_eq!(u.apply(b"+@nosuch", false), Err(RuleError::Unknown));
    assert_eq!(
        u.apply(b"+config|get|x", false),
        Err(RuleError::FirstArgOfSub)
    );
    assert_eq!(u.apply(b"+config|", false), Err(RuleError::Syntax));
    assert_eq!(u.apply(b"-select|0", false), Err(RuleError::Unknown));
    assert_eq!(u.apply(b"#abc", false), Err(RuleError::BadHash));
    assert_eq!(u.apply(b"<nope", false), Err(RuleError::NoSuchPassword));
    assert_eq!(u.apply(b"%X~a", false), Err(RuleError::Syntax));
    assert_eq!(u.apply(b"bogus", false), Err(RuleError::Syntax));
    u.apply(b"allkeys", false).unwrap();
    assert_eq!(u.apply(b"~a", false), Err(RuleError::AfterAllKeys));
}

/// Undo (a snapshot restored) puts back who each client was and
/// whether it had authenticated, together: a client never ends up
/// logged in as default without its password.
#[test]
fn a_restored_snapshot_keeps_clients_and_their_users_together() {
    use crate::engine::tests::{engine, run};
    use crate::engine::ClientAddr;
    let (mut e, admin) = engine();
    run(&mut e, admin, "ACL SETUSER alice on >pw +@all ~*");
    run(&mut e, admin, "CONFIG SET requirepass secret");
    let c = e.open_session(ClientAddr::default());
    let before = e.snapshot();
    assert_eq!(run(&mut e, c, "AUTH alice pw"), Reply::ok());
    assert_eq!(e.client_user(c), "alice");
    assert!(e.restore(&before).is_ok());
    assert_eq!(e.client_user(c), "default");
    assert_eq!(
        run(&mut e, c, "GET k"),
        Reply::err("NOAUTH Authentication required.")
    );
}

/// An AOF is replayed as it was written, whatever the users' rules:
/// Redis's loading client runs its commands unchecked.
#[test]
fn an_aof_replays_whatever_the_default_users_rules() {
    use crate::engine::tests::{engine, run};
    let (mut e, s) = engine();
    let _ = e.config.set_startup("enable-debug-command", "yes");
    assert_eq!(run(&mut e, s, "CONFIG SET appendonly yes"), Reply::ok());
    run(&mut e, s, "SET app:1 x");
    run(&mut e, s, "SET other y");
    run(&mut e, s, "ACL SETUSER default resetkeys ~app:*");
    assert_eq!(run(&mut e, s, "DEBUG LOADAOF"), Reply::ok());
    assert_eq!(run(&mut e, s, "DBSIZE"), Reply::Integer(2));
    assert_eq!(run(&mut e, s, "ACL LOG"), Reply::Array(Vec::new()));
}

#[test]
fn keys_need_the_permission_their_spec_asks_for() {
    let s = &user("%R~r:* %W~w:* ~rw:*").selectors[0];
    assert!(s.key_allowed(b"r:1", "RO access"));
    assert!(!s.key_allowed(b"r:1", "RW update"));
    assert!(s.key_allowed(b"w:1", "RW insert"));
    assert!(!s.key_allowed(b"w:1", "RW access update"));
    assert!(s.key_allowed(b"rw:1", "RW access update"));
    assert!(!s.key_allowed(b"x", "RO access"));
    // A spec that neither reads nor writes (EXISTS, TYPE: RO only)
    // needs a matching pattern, of any permission.
    assert!(s.key_allowed(b"w:1", "RO"));
}
