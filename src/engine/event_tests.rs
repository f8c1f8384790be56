//! The event stream as the pictures read it: command ids and outcomes,
//! each handler's effects, selections, deliveries, detail levels and the
//! bound. Each test plays commands and reads what the engine said it did.

use super::events::{End, EVENT_LOG_CAP};
use super::*;

fn engine() -> (Engine, SessionId) {
    let mut e = Engine::new(EngineOptions::default());
    e.set_event_detail(Detail::Full);
    let s = e.open_session(ClientAddr::default());
    e.take_events();
    (e, s)
}

fn run(e: &mut Engine, s: SessionId, line: &str) -> Reply {
    let argv = crate::cli::split_args(line.as_bytes()).unwrap_or_default();
    e.execute(s, &argv)
}

/// The effects of the events, as `(key, effect)`.
fn effects(e: &mut Engine) -> Vec<(String, Effect)> {
    e.take_events()
        .events
        .into_iter()
        .filter_map(|ev| match ev {
            Event::Effect { key, effect, .. } => {
                Some((String::from_utf8_lossy(&key).into_owned(), effect))
            }
            _ => None,
        })
        .collect()
}

fn b(s: &str) -> Vec<u8> {
    s.as_bytes().to_vec()
}

fn bs(items: &[&str]) -> Vec<Vec<u8>> {
    items.iter().map(|s| b(s)).collect()
}

#[test]
fn every_command_has_an_id_a_start_and_an_outcome() {
    let (mut e, s) = engine();
    run(&mut e, s, "SET k v");
    run(&mut e, s, "NOPE");
    run(&mut e, s, "MULTI");
    run(&mut e, s, "INCR k");
    run(&mut e, s, "EXEC");
    let events = e.take_events().events;
    let starts: Vec<(u64, Option<u64>, Vec<u8>)> = events
        .iter()
        .filter_map(|ev| match ev {
            Event::CommandRun {
                id, parent, argv, ..
            } => Some((*id, *parent, argv.first().cloned().unwrap_or_default())),
            _ => None,
        })
        .collect();
    let names: Vec<&[u8]> = starts.iter().map(|(_, _, n)| n.as_slice()).collect();
    assert_eq!(
        names,
        [&b"SET"[..], b"NOPE", b"MULTI", b"INCR", b"EXEC", b"INCR"]
    );
    // The INCR that EXEC runs is EXEC's child; the queued one is not.
    let exec_id = starts[4].0;
    assert_eq!(starts[5].1, Some(exec_id));
    assert_eq!(starts[3].1, None);
    let outcomes: Vec<(u64, Outcome)> = events
        .iter()
        .filter_map(|ev| match ev {
            Event::CommandDone { id, outcome, .. } => Some((*id, outcome.clone())),
            _ => None,
        })
        .collect();
    let of = |i: usize| {
        outcomes
            .iter()
            .find(|(id, _)| *id == starts[i].0)
            .map(|(_, o)| o.clone())
    };
    assert_eq!(of(0), Some(Outcome::Ok));
    assert!(
        matches!(of(1), Some(Outcome::Error(t)) if t.starts_with("ERR unknown command 'NOPE'"))
    );
    assert_eq!(of(3), Some(Outcome::Queued));
    // The error of the INCR inside EXEC is that command's, EXEC is ok.
    assert!(matches!(of(5), Some(Outcome::Error(t)) if t.contains("not an integer")));
    assert_eq!(of(4), Some(Outcome::Ok));
    // Causal order: the child closes before its parent does.
    let pos = |want: &Event| events.iter().position(|ev| ev == want);
    let child_done = events
        .iter()
        .position(|ev| matches!(ev, Event::CommandDone { id, .. } if *id == starts[5].0));
    let exec_done = pos(&Event::CommandDone {
        id: exec_id,
        session: s,
        outcome: Outcome::Ok,
    });
    assert!(child_done < exec_done);
}

#[test]
fn list_effects_say_which_end_and_which_index() {
    let (mut e, s) = engine();
    run(&mut e, s, "RPUSH q a b c b");
    run(&mut e, s, "LPUSH q x y");
    run(&mut e, s, "RPOP q 2");
    assert_eq!(
        effects(&mut e),
        [
            (
                "q".into(),
                Effect::Pushed {
                    end: End::Tail,
                    values: bs(&["a", "b", "c", "b"])
                }
            ),
            (
                "q".into(),
                Effect::Pushed {
                    end: End::Head,
                    values: bs(&["x", "y"])
                }
            ),
            (
                "q".into(),
                Effect::Popped {
                    end: End::Tail,
                    values: bs(&["b", "c"])
                }
            ),
        ]
    );
    // q is y x a b; LREM -1 removes the last b (index 3), LINSERT puts z
    // before a (index 2), LSET -1 replaces the tail.
    run(&mut e, s, "RPUSH q b");
    e.take_events();
    run(&mut e, s, "LREM q 0 b");
    run(&mut e, s, "LINSERT q BEFORE a z");
    run(&mut e, s, "LSET q -1 w");
    run(&mut e, s, "LTRIM q 1 -1");
    assert_eq!(
        effects(&mut e),
        [
            (
                "q".into(),
                Effect::Removed {
                    indexes: vec![3, 4]
                }
            ),
            (
                "q".into(),
                Effect::Inserted {
                    index: 2,
                    value: b("z")
                }
            ),
            (
                "q".into(),
                Effect::Replaced {
                    index: 3,
                    value: b("w")
                }
            ),
            (
                "q".into(),
                Effect::Trimmed {
                    keep: Some((1, 3)),
                    before: 4
                }
            ),
        ]
    );
    assert_eq!(
        run(&mut e, s, "LRANGE q 0 -1"),
        Reply::Array(vec![Reply::bulk("x"), Reply::bulk("z"), Reply::bulk("w")])
    );
}

#[test]
fn lmove_pops_from_one_list_and_pushes_to_the_other() {
    let (mut e, s) = engine();
    run(&mut e, s, "RPUSH src a b");
    e.take_events();
    run(&mut e, s, "LMOVE src dst LEFT RIGHT");
    assert_eq!(
        effects(&mut e),
        [
            (
                "src".into(),
                Effect::Popped {
                    end: End::Head,
                    values: bs(&["a"])
                }
            ),
            (
                "dst".into(),
                Effect::Pushed {
                    end: End::Tail,
                    values: bs(&["a"])
                }
            ),
        ]
    );
}

#[test]
fn reads_say_what_they_selected_by_redis_index_rules() {
    let (mut e, s) = engine();
    run(&mut e, s, "RPUSH l a b c d e");
    run(&mut e, s, "ZADD z 1 a 2 b 3 c 4 d");
    e.take_events();
    run(&mut e, s, "LRANGE l -3 100");
    run(&mut e, s, "LRANGE l 4 1");
    run(&mut e, s, "LINDEX l -1");
    run(&mut e, s, "ZRANGE z (1 3 BYSCORE");
    run(&mut e, s, "ZRANGE z 0 1 REV");
    run(&mut e, s, "ZRANGEBYSCORE z -inf +inf LIMIT 1 2");
    let sel =
        |span: Option<(usize, usize)>, rev: bool| Effect::Selected(Selection::Range { span, rev });
    assert_eq!(
        effects(&mut e),
        [
            ("l".into(), sel(Some((2, 4)), false)),
            ("l".into(), sel(None, false)),
            ("l".into(), sel(Some((4, 4)), false)),
            ("z".into(), sel(Some((1, 2)), false)),
            ("z".into(), sel(Some((2, 3)), true)),
            ("z".into(), sel(Some((1, 2)), false)),
        ]
    );
}

#[test]
fn zadd_reports_scores_and_ranks_before_and_after() {
    let (mut e, s) = engine();
    run(&mut e, s, "ZADD board 10 ann 20 bob 30 cat");
    e.take_events();
    run(&mut e, s, "ZINCRBY board 25 ann");
    run(&mut e, s, "ZADD board 5 dan 30 cat");
    assert_eq!(
        effects(&mut e),
        [
            (
                "board".into(),
                Effect::Scored {
                    member: b("ann"),
                    from: Some((10.0, 0)),
                    to: (35.0, 2)
                }
            ),
            (
                "board".into(),
                Effect::Scored {
                    member: b("dan"),
                    from: None,
                    to: (5.0, 0)
                }
            ),
        ]
    );
}

#[test]
fn encoding_changes_name_the_threshold_that_caused_them() {
    let (mut e, s) = engine();
    run(&mut e, s, "CONFIG SET hash-max-listpack-entries 2");
    run(&mut e, s, "CONFIG SET zset-max-listpack-value 4");
    run(&mut e, s, "CONFIG SET set-max-intset-entries 3");
    run(&mut e, s, "HSET h a 1 b 2");
    run(&mut e, s, "SADD s 1 2 3");
    run(&mut e, s, "ZADD z 1 a");
    e.take_events();
    run(&mut e, s, "HSET h c 3");
    run(&mut e, s, "SADD s 4");
    run(&mut e, s, "ZADD z 2 longer");
    let changes: Vec<(String, &str, &str, String)> = effects(&mut e)
        .into_iter()
        .filter_map(|(k, eff)| match eff {
            Effect::Encoding { from, to, reason } => Some((k, from, to, reason)),
            _ => None,
        })
        .collect();
    assert_eq!(
        changes,
        [
            (
                "h".into(),
                "listpack",
                "hashtable",
                "more than hash-max-listpack-entries (2) fields".into()
            ),
            (
                "s".into(),
                "intset",
                "hashtable",
                "more than set-max-intset-entries (3) members".into()
            ),
            (
                "z".into(),
                "listpack",
                "skiplist",
                "a member longer than zset-max-listpack-value (4 bytes)".into()
            ),
        ]
    );
    run(&mut e, s, "SADD t 1");
    run(&mut e, s, "SADD t hello");
    assert!(effects(&mut e).contains(&(
        "t".into(),
        Effect::Encoding {
            from: "intset",
            to: "hashtable",
            reason: "member \"hello\" is not an integer".into()
        }
    )));
}

#[test]
fn hash_set_and_string_effects() {
    let (mut e, s) = engine();
    run(&mut e, s, "HSET h a 1 b 2");
    run(&mut e, s, "HSET h a 9 c 3");
    run(&mut e, s, "HDEL h a nope");
    run(&mut e, s, "SADD tags redis db redis");
    run(&mut e, s, "SREM tags db x");
    run(&mut e, s, "SET greeting hello");
    run(&mut e, s, "APPEND greeting !!");
    run(&mut e, s, "SETRANGE greeting 10 x");
    assert_eq!(
        effects(&mut e),
        [
            (
                "h".into(),
                Effect::FieldsSet {
                    fields: bs(&["a", "b"]),
                    new: 2
                }
            ),
            (
                "h".into(),
                Effect::FieldsSet {
                    fields: bs(&["a", "c"]),
                    new: 1
                }
            ),
            ("h".into(), Effect::FieldsDeleted { fields: bs(&["a"]) }),
            (
                "tags".into(),
                Effect::MembersAdded {
                    members: bs(&["redis", "db"])
                }
            ),
            (
                "tags".into(),
                Effect::MembersRemoved {
                    members: bs(&["db"])
                }
            ),
            (
                "greeting".into(),
                Effect::Written {
                    offset: 0,
                    len: 5,
                    len_after: 5
                }
            ),
            (
                "greeting".into(),
                Effect::Written {
                    offset: 5,
                    len: 2,
                    len_after: 7
                }
            ),
            (
                "greeting".into(),
                Effect::Written {
                    offset: 10,
                    len: 1,
                    len_after: 11
                }
            ),
        ]
    );
}

#[test]
fn set_operations_name_their_inputs_and_result() {
    let (mut e, s) = engine();
    run(&mut e, s, "SADD a 1 2 3");
    run(&mut e, s, "SADD b 2 3 4");
    e.take_events();
    run(&mut e, s, "SINTERSTORE both a b");
    let ops: Vec<Event> = e
        .take_events()
        .events
        .into_iter()
        .filter(|ev| matches!(ev, Event::SetOp { .. }))
        .collect();
    let [Event::SetOp {
        op,
        inputs,
        dest,
        result,
        result_len,
        ..
    }] = ops.as_slice()
    else {
        panic!("one set operation expected, got {ops:?}");
    };
    assert_eq!(*op, "sinter");
    assert_eq!(inputs, &bs(&["a", "b"]));
    assert_eq!(dest.as_deref(), Some(&b"both"[..]));
    let mut got = result.clone();
    got.sort();
    assert_eq!((got, *result_len), (bs(&["2", "3"]), 2));
}

#[test]
fn a_publish_and_its_deliveries_share_one_message_id() {
    let (mut e, publisher) = engine();
    let direct = e.open_session(ClientAddr::default());
    let by_pattern = e.open_session(ClientAddr::default());
    run(&mut e, direct, "SUBSCRIBE news");
    run(&mut e, by_pattern, "PSUBSCRIBE n*");
    e.take_events();
    run(&mut e, publisher, "PUBLISH news hi");
    run(&mut e, publisher, "PUBLISH news again");
    let events = e.take_events().events;
    let published: Vec<(u64, Vec<u8>, usize)> = events
        .iter()
        .filter_map(|ev| match ev {
            Event::Published {
                message,
                payload,
                receivers,
                ..
            } => Some((*message, payload.clone(), *receivers)),
            _ => None,
        })
        .collect();
    assert_eq!(published.len(), 2);
    assert_ne!(published[0].0, published[1].0);
    assert_eq!((published[0].1.clone(), published[0].2), (b("hi"), 2));
    let first: Vec<(SessionId, Option<Vec<u8>>)> = events
        .iter()
        .filter_map(|ev| match ev {
            Event::Delivered {
                message,
                session,
                pattern,
                ..
            } if *message == published[0].0 => Some((*session, pattern.clone())),
            _ => None,
        })
        .collect();
    assert_eq!(first, [(direct, None), (by_pattern, Some(b("n*")))]);
}

#[test]
fn watch_unwatch_and_the_clock_are_on_the_stream() {
    let (mut e, s) = engine();
    run(&mut e, s, "WATCH k");
    run(&mut e, s, "UNWATCH");
    e.advance_time(1500);
    let events = e.take_events().events;
    assert!(events.contains(&Event::Watched {
        session: s,
        db: 0,
        key: b("k")
    }));
    assert!(events.contains(&Event::Unwatched { session: s }));
    let t0 = EngineOptions::default().start_us / 1000;
    assert!(events.contains(&Event::ClockMoved {
        from_ms: t0,
        to_ms: t0 + 1500
    }));
}

#[test]
fn detail_levels_record_what_they_promise() {
    let (mut e, s) = engine();
    e.set_event_detail(Detail::Basic);
    run(&mut e, s, "LPUSH q a");
    let events = e.take_events().events;
    assert!(events
        .iter()
        .any(|ev| matches!(ev, Event::CommandRun { .. })));
    assert!(!events.iter().any(|ev| matches!(ev, Event::Effect { .. })));
    e.set_event_detail(Detail::Off);
    run(&mut e, s, "LPUSH q b");
    e.advance_time(10);
    assert!(e.take_events().events.is_empty());
}

#[test]
fn the_bound_drops_the_oldest_and_says_how_many() {
    let (mut e, s) = engine();
    e.set_event_detail(Detail::Basic);
    // Each SET is CommandRun, Key, CommandDone: three events.
    let sets = EVENT_LOG_CAP / 3 + 10;
    for i in 0..sets {
        run(&mut e, s, &format!("SET k{i} v"));
    }
    let got = e.take_events();
    assert_eq!(got.events.len(), EVENT_LOG_CAP);
    assert_eq!(got.dropped as usize, sets * 3 - EVENT_LOG_CAP);
    // The count is since the last take.
    run(&mut e, s, "SET k v");
    assert_eq!(e.take_events().dropped, 0);
}

#[test]
fn argv_stays_bytes() {
    let (mut e, s) = engine();
    e.execute(s, &[b("SET"), vec![0xff, 0xfe], b("v")]);
    let argv = e.take_events().events.into_iter().find_map(|ev| match ev {
        Event::CommandRun { argv, .. } => Some(argv),
        _ => None,
    });
    assert_eq!(argv, Some(vec![b("SET"), vec![0xff, 0xfe], b("v")]));
}

#[test]
fn a_served_wait_records_its_effects_under_the_waiting_command() {
    let (mut e, waiter) = engine();
    let pusher = e.open_session(ClientAddr::default());
    assert!(e.submit(waiter, &[b("BLPOP"), b("q"), b("0")]).is_none());
    let events = e.take_events().events;
    let blpop = events
        .iter()
        .find_map(|ev| match ev {
            Event::CommandRun { id, argv, .. } if argv[0] == b"BLPOP" => Some(*id),
            _ => None,
        })
        .unwrap();
    assert!(events.contains(&Event::CommandDone {
        id: blpop,
        session: waiter,
        outcome: Outcome::Blocked
    }));
    run(&mut e, pusher, "RPUSH q a");
    let popped: Vec<u64> = e
        .take_events()
        .events
        .into_iter()
        .filter_map(|ev| match ev {
            Event::Effect {
                id,
                effect: Effect::Popped { .. },
                ..
            } => Some(id),
            _ => None,
        })
        .collect();
    assert_eq!(popped, vec![blpop]);
}

#[test]
fn a_set_that_takes_a_word_says_so_even_at_its_size_limit() {
    let (mut e, s) = engine();
    run(&mut e, s, "CONFIG SET set-max-intset-entries 3");
    run(&mut e, s, "SADD s 1 2 3");
    e.take_events();
    run(&mut e, s, "SADD s hello");
    assert!(effects(&mut e).contains(&(
        "s".into(),
        Effect::Encoding {
            from: "intset",
            to: "hashtable",
            reason: "member \"hello\" is not an integer".into()
        }
    )));
}

#[test]
fn ids_never_repeat_across_a_restore() {
    let (mut e, s) = engine();
    let snap = e.snapshot();
    run(&mut e, s, "PING");
    run(&mut e, s, "PING");
    e.restore(&snap).unwrap();
    run(&mut e, s, "PING");
    let ids: Vec<u64> = e
        .take_events()
        .events
        .into_iter()
        .filter_map(|ev| match ev {
            Event::CommandRun { id, .. } => Some(id),
            _ => None,
        })
        .collect();
    let mut unique = ids.clone();
    unique.dedup();
    assert_eq!(ids.len(), 3);
    assert_eq!(unique, ids);
    assert!(ids[2] > ids[1]);
}

#[test]
fn bitmaps_say_which_bits_they_wrote_and_read() {
    let (mut e, s) = engine();
    run(&mut e, s, "SETBIT b 12 1");
    run(&mut e, s, "SETBIT b 12 1");
    run(&mut e, s, "BITCOUNT b 1 1");
    run(&mut e, s, "BITPOS b 1");
    run(&mut e, s, "GETBIT missing 3");
    run(&mut e, s, "BITFIELD b SET u4 #1 9 GET i8 0");
    let sel = |first, last| Effect::Selected(Selection::Bits { first, last });
    assert_eq!(
        effects(&mut e),
        vec![
            (
                "b".into(),
                Effect::BitsWritten {
                    first: 12,
                    last: 12
                }
            ),
            // The second SETBIT changed nothing: no effect.
            ("b".into(), sel(8, 15)),
            ("b".into(), sel(0, 12)),
            ("b".into(), Effect::BitsWritten { first: 4, last: 7 }),
            ("b".into(), sel(0, 7)),
        ]
    );
}

#[test]
fn hyperloglogs_say_which_registers_rose_and_how_a_count_was_had() {
    let (mut e, s) = engine();
    run(&mut e, s, "PFADD h a");
    run(&mut e, s, "PFADD h a");
    run(&mut e, s, "PFCOUNT h");
    run(&mut e, s, "PFCOUNT h");
    run(&mut e, s, "PFCOUNT h missing");
    let got = effects(&mut e);
    let raised: Vec<&Effect> = got
        .iter()
        .map(|(_, e)| e)
        .filter(|e| matches!(e, Effect::Registers { .. }))
        .collect();
    assert!(
        matches!(raised.as_slice(), [Effect::Registers { raised }] if raised.len() == 1),
        "one register rose, once: {got:?}"
    );
    let counts: Vec<&Effect> = got
        .iter()
        .map(|(_, e)| e)
        .filter(|e| matches!(e, Effect::Selected(Selection::Count { .. })))
        .collect();
    let count = |cached, stored| Effect::Selected(Selection::Count { cached, stored });
    assert_eq!(
        counts,
        [
            &count(false, true),
            &count(true, false),
            &count(false, false)
        ]
    );
}

#[test]
fn geo_commands_say_which_places_they_marked_and_where_they_searched() {
    let (mut e, s) = engine();
    run(
        &mut e,
        s,
        "GEOADD shops 13.3777 52.5163 bakery 13.4050 52.5200 cafe",
    );
    run(&mut e, s, "GEOPOS shops cafe nowhere");
    run(
        &mut e,
        s,
        "GEOSEARCH shops FROMLONLAT 13.40 52.52 BYRADIUS 1 km ASC",
    );
    let got: Vec<Effect> = effects(&mut e)
        .into_iter()
        .map(|(_, e)| e)
        .filter(|e| {
            matches!(
                e,
                Effect::Selected(Selection::Places(_)) | Effect::Selected(Selection::Area { .. })
            )
        })
        .collect();
    assert_eq!(
        got,
        vec![
            Effect::Selected(Selection::Places(bs(&["bakery", "cafe"]))),
            Effect::Selected(Selection::Places(bs(&["cafe"]))),
            Effect::Selected(Selection::Area {
                lon: 13.40,
                lat: 52.52,
                radius: Some(1000.0),
                size: None,
                found: bs(&["cafe"]),
            }),
        ]
    );
}

#[test]
fn streams_say_what_they_added_read_delivered_acknowledged_and_claimed() {
    let (mut e, s) = engine();
    for line in [
        "XADD s MAXLEN 2 1-0 f a",
        "XADD s MAXLEN 2 2-0 f b",
        "XADD s MAXLEN 2 3-0 f c",
        "XDEL s 2-0 9-9",
        "XRANGE s - +",
        "XADD s 4-0 f d",
        "XGROUP CREATE s g 0",
        "XREADGROUP GROUP g alice COUNT 1 STREAMS s >",
        "XREADGROUP GROUP g alice NOACK STREAMS s >",
        "XCLAIM s g bob 0 3-0",
        "XACK s g 3-0 4-0",
    ] {
        run(&mut e, s, line);
    }
    let got: Vec<Effect> = effects(&mut e).into_iter().map(|(_, e)| e).collect();
    use crate::engine::cmd::streams::Change;
    let group = |what, consumer: Option<&str>, ids: &[(u64, u64)]| {
        Change::Group {
            group: b"g".to_vec(),
            what,
            consumer: consumer.map(|c| c.as_bytes().to_vec()),
            ids: ids.to_vec(),
        }
        .effect()
    };
    let entries = |added: &[(u64, u64)], removed: &[(u64, u64)], trimmed, length| {
        Change::Entries {
            added: added.to_vec(),
            removed: removed.to_vec(),
            trimmed,
            length,
        }
        .effect()
    };
    assert_eq!(
        got,
        vec![
            entries(&[(1, 0)], &[], 0, 1),
            entries(&[(2, 0)], &[], 0, 2),
            entries(&[(3, 0)], &[], 1, 2),
            entries(&[], &[(2, 0)], 0, 1),
            Change::Read { ids: vec![(3, 0)] }.effect(),
            entries(&[(4, 0)], &[], 0, 2),
            group("created", None, &[]),
            group("delivered", Some("alice"), &[(3, 0)]),
            group("delivered-noack", Some("alice"), &[(4, 0)]),
            group("claimed", Some("bob"), &[(3, 0)]),
            // 4-0 was read with NOACK: only 3-0 was pending.
            group("acked", None, &[(3, 0)]),
        ]
    );
}
