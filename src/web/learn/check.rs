//! A check on the playground after the learner's commands, and, when it
//! fails, the reason in words: what it found and what it wants
//! (`queue has 2 elements; this step wants 3`). Read through the engine's
//! inspection API only, like the pictures.

use super::format::{Check, CheckLine};
use crate::web::describe::{show, unit, SHOW_CHARS};
use crate::web::model::Playground;

/// What the learner did during the step, for `ran` and `reply` checks:
/// command names (upper case) and replies as redis-cli printed them (a
/// `reply` check matches a whole reply or any one of its lines).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Seen {
    pub commands: Vec<String>,
    pub replies: Vec<String>,
}

fn q(bytes: &[u8]) -> String {
    format!("\"{}\"", show(bytes, SHOW_CHARS))
}

fn quoted_all(items: &[Vec<u8>]) -> String {
    if items.is_empty() {
        return "nothing".into();
    }
    items.iter().map(|i| q(i)).collect::<Vec<_>>().join(", ")
}

fn a_type(t: &str) -> String {
    let word = crate::web::describe::kind_word(t);
    let article = if word.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    };
    format!("{article} {word}")
}

/// Checks on what only the full build has (streams): a stream can only
/// exist there, and a tutorial that makes one opens there, so the first
/// loads carry none of their code (`install_more_checks`).
pub type MoreCheck = fn(&crate::engine::Engine, usize, &Check) -> Result<(), String>;

#[cfg(feature = "web")]
static MORE_CHECKS: std::sync::OnceLock<MoreCheck> = std::sync::OnceLock::new();

#[cfg(feature = "web")]
pub fn install_more_checks(f: MoreCheck) {
    let _ = MORE_CHECKS.set(f);
}

#[cfg(feature = "web")]
fn more_check(e: &crate::engine::Engine, db: usize, check: &Check) -> Result<(), String> {
    match MORE_CHECKS.get() {
        Some(f) => f(e, db, check),
        None => Err("this check needs the page's full build".into()),
    }
}

#[cfg(not(feature = "web"))]
fn more_check(e: &crate::engine::Engine, db: usize, check: &Check) -> Result<(), String> {
    stream_check(e, db, check)
}

/// The `pending` check, read through `Engine::stream_view`.
pub fn stream_check(e: &crate::engine::Engine, db: usize, check: &Check) -> Result<(), String> {
    let Check::Pending(k, group, consumer, n) = check else {
        return Ok(());
    };
    let name = show(k, SHOW_CHARS);
    let Some(v) = e.stream_view(db, k, None, 0, 0) else {
        return match e.key_info(db, k) {
            None => Err(format!("{name} does not exist; this step wants a stream")),
            Some(i) => Err(format!("{name} is {}, not a stream", a_type(i.type_name))),
        };
    };
    let Some(g) = v.groups.iter().find(|g| g.name == *group) else {
        return Err(format!("{name} has no consumer group {}", q(group)));
    };
    let pending = |n: usize| crate::web::describe::plural(n, "pending entry", "pending entries");
    match consumer {
        None if g.pending_total == *n => Ok(()),
        None => Err(format!(
            "group {} of {name} holds {}; this step wants {n}",
            q(group),
            pending(g.pending_total)
        )),
        Some(c) => match g.consumers.iter().find(|(name, _)| name == c) {
            None => Err(format!("group {} has no consumer {}", q(group), q(c))),
            Some((_, held)) if held == n => Ok(()),
            Some((_, held)) => Err(format!(
                "consumer {} of group {} holds {}; this step wants {n}",
                q(c),
                q(group),
                pending(*held)
            )),
        },
    }
}

/// Ok, or why not. `because` is added to the reason when there is one.
pub fn run(line: &CheckLine, p: &Playground, seen: &Seen) -> Result<(), String> {
    evaluate(&line.check, p, seen).map_err(|reason| match &line.because {
        Some(b) => format!("{reason}: {b}"),
        None => reason,
    })
}

fn evaluate(check: &Check, p: &Playground, seen: &Seen) -> Result<(), String> {
    let e = &p.engine;
    // Keys are looked up where the first client is.
    let db = p
        .clients
        .first()
        .and_then(|c| e.client_view(c.session))
        .map_or(0, |v| v.db);
    let info = |k: &[u8]| e.key_info(db, k);
    let missing = |k: &[u8], wants: String| {
        Err(format!(
            "{} does not exist; this step wants {wants}",
            show(k, SHOW_CHARS)
        ))
    };
    let name = |k: &[u8]| show(k, SHOW_CHARS);
    match check {
        Check::Exists(k) => match info(k) {
            Some(_) => Ok(()),
            None => missing(k, "it".into()),
        },
        Check::Absent(k) => match info(k) {
            None => Ok(()),
            Some(_) => Err(format!("{} is still there", name(k))),
        },
        Check::Type(k, t) => match info(k) {
            None => missing(k, a_type(t)),
            Some(i) if i.type_name == t => Ok(()),
            Some(i) => Err(format!(
                "{} is {}; this step wants {}",
                name(k),
                a_type(i.type_name),
                a_type(t)
            )),
        },
        // Enough of the value to compare, and to show a short one whole.
        Check::Value(k, v) => match (
            info(k),
            e.string_prefix(db, k, (v.len() + 1).max(SHOW_CHARS)),
        ) {
            (None, _) => missing(k, format!("the string {}", q(v))),
            (Some(_), Some(found)) if found == *v => Ok(()),
            (Some(i), Some(found)) => {
                let more = if i.size > found.len() { " ..." } else { "" };
                Err(format!(
                    "{} is {}{more}; this step wants {}",
                    name(k),
                    q(&found),
                    q(v)
                ))
            }
            (Some(i), None) => Err(format!(
                "{} is {}, not a string",
                name(k),
                a_type(i.type_name)
            )),
        },
        Check::Len(k, n) => match info(k) {
            None => missing(k, format!("a length of {n}")),
            Some(i) if i.size == *n => Ok(()),
            Some(i) => Err(format!(
                "{} has {}; this step wants {n}",
                name(k),
                unit(i.type_name, i.size)
            )),
        },
        Check::List(k, want) => {
            let Some(w) = e.key_window(db, k, 0, want.len() + 1, 4096) else {
                return match info(k) {
                    None if want.is_empty() => Ok(()),
                    None => missing(k, format!("the list {}", quoted_all(want))),
                    Some(i) => Err(format!(
                        "{} is {}, not a list",
                        name(k),
                        a_type(i.type_name)
                    )),
                };
            };
            if w.info.type_name != "list" {
                return Err(format!(
                    "{} is {}, not a list",
                    name(k),
                    a_type(w.info.type_name)
                ));
            }
            let found: Vec<Vec<u8>> = w.rows.iter().map(|r| r.item.bytes.clone()).collect();
            if found == *want && w.info.size == want.len() {
                return Ok(());
            }
            let more = if w.info.size > found.len() {
                ", ..."
            } else {
                ""
            };
            Err(format!(
                "{} holds {}{more}; this step wants {}",
                name(k),
                quoted_all(&found),
                quoted_all(want)
            ))
        }
        Check::Members(k, want) => {
            // Up to a few thousand members, which is what a step builds.
            let found: Vec<Vec<u8>> = e
                .key_window(db, k, 0, 4096, 4096)
                .map(|w| w.rows.into_iter().map(|r| r.item.bytes).collect())
                .unwrap_or_default();
            if info(k).is_some_and(|i| i.type_name == "string") {
                return Err(format!("{} is a string, not a collection", name(k)));
            }
            let mut a = found.clone();
            let mut b = want.clone();
            a.sort();
            b.sort();
            if a == b {
                return Ok(());
            }
            if info(k).is_none() {
                return missing(k, format!("the members {}", quoted_all(want)));
            }
            Err(format!(
                "{} holds {}; this step wants {} (in any order)",
                name(k),
                quoted_all(&a),
                quoted_all(&b)
            ))
        }
        Check::Member(k, m) => match (info(k), e.member_view(db, k, m)) {
            (None, _) => missing(k, format!("it to hold {}", q(m))),
            (Some(_), Some(_)) => Ok(()),
            (Some(i), None) => {
                let what = if i.type_name == "hash" {
                    "field"
                } else {
                    "member"
                };
                Err(format!("{} has no {what} {}", name(k), q(m)))
            }
        },
        Check::NotMember(k, m) => match e.member_view(db, k, m) {
            None => Ok(()),
            Some(_) => Err(format!("{} still holds {}", name(k), q(m))),
        },
        Check::Score(k, m, s) => match (info(k), e.member_view(db, k, m)) {
            (None, _) => missing(k, format!("{} with score {s}", q(m))),
            (Some(_), None) => Err(format!("{} has no member {}", name(k), q(m))),
            (Some(_), Some(v)) => match v.score {
                Some(found) if found == *s => Ok(()),
                Some(found) => Err(format!(
                    "{} in {} has score {found}; this step wants {s}",
                    q(m),
                    name(k)
                )),
                None => Err(format!("{} is not a sorted set", name(k))),
            },
        },
        Check::Rank(k, m, r) => match (info(k), e.member_view(db, k, m)) {
            (None, _) => missing(k, format!("{} at rank {r}", q(m))),
            (Some(_), None) => Err(format!("{} has no member {}", name(k), q(m))),
            (Some(_), Some(v)) => match v.rank {
                Some(found) if found == *r => Ok(()),
                Some(found) => Err(format!(
                    "{} in {} is at rank {found}; this step wants rank {r}",
                    q(m),
                    name(k)
                )),
                None => Err(format!("{} has no ranks", name(k))),
            },
        },
        Check::Field(k, f, v) => match (info(k), e.member_view(db, k, f)) {
            (None, _) => missing(k, format!("a hash with {} = {}", q(f), q(v))),
            (Some(i), _) if i.type_name != "hash" => Err(format!(
                "{} is {}, not a hash",
                name(k),
                a_type(i.type_name)
            )),
            (Some(_), None) => Err(format!("{} has no field {}", name(k), q(f))),
            (Some(_), Some(found)) => match found.value {
                Some(x) if x == *v => Ok(()),
                x => Err(format!(
                    "field {} of {} is {}; this step wants {}",
                    q(f),
                    name(k),
                    q(&x.unwrap_or_default()),
                    q(v)
                )),
            },
        },
        Check::Ttl(k, lo, hi) => {
            let range = if lo == hi {
                format!("{lo} s")
            } else {
                format!("{lo} to {hi} s")
            };
            match info(k) {
                None => missing(k, format!("it with a TTL of {range} (it may have expired)")),
                Some(i) => match i.expire_at {
                    None => Err(format!(
                        "{} has no TTL; this step wants a TTL of {range}",
                        name(k)
                    )),
                    Some(at) => {
                        // As TTL rounds: to the nearest second.
                        let left = (at - e.now_ms()).max(0);
                        let secs = left / 1000 + i64::from(left % 1000 >= 500);
                        if (*lo..=*hi).contains(&secs) {
                            Ok(())
                        } else {
                            Err(format!(
                                "{} expires in {secs} s; this step wants {range}",
                                name(k)
                            ))
                        }
                    }
                },
            }
        }
        Check::Subscribed(c, ch) => {
            let view = p.clients.get(*c).and_then(|x| e.client_view(x.session));
            let by_name = view
                .as_ref()
                .is_some_and(|v| v.channels.iter().chain(&v.shard_channels).any(|x| x == ch));
            let as_pattern = view.is_some_and(|v| v.patterns.contains(ch));
            match (by_name, as_pattern) {
                (true, _) => Ok(()),
                (false, true) => Err(format!(
                    "client {} listens to the pattern {}, not the channel of that name",
                    c + 1,
                    name(ch)
                )),
                (false, false) => Err(format!(
                    "client {} is not subscribed to {}",
                    c + 1,
                    name(ch)
                )),
            }
        }
        Check::PSubscribed(c, pat) => {
            let view = p.clients.get(*c).and_then(|x| e.client_view(x.session));
            let as_pattern = view.as_ref().is_some_and(|v| v.patterns.contains(pat));
            let by_name = view.is_some_and(|v| v.channels.contains(pat));
            match (as_pattern, by_name) {
                (true, _) => Ok(()),
                (false, true) => Err(format!(
                    "client {} subscribed to a channel named {}; this step wants the pattern (PSUBSCRIBE)",
                    c + 1,
                    name(pat)
                )),
                (false, false) => Err(format!(
                    "client {} is not subscribed to the pattern {}",
                    c + 1,
                    name(pat)
                )),
            }
        }
        Check::Blocked(c) => {
            let view = p.clients.get(*c).and_then(|x| e.client_view(x.session));
            if view.is_some_and(|v| v.blocked.is_some()) {
                Ok(())
            } else {
                Err(format!(
                    "client {} is not waiting in a blocking command",
                    c + 1
                ))
            }
        }
        Check::Pending(..) => more_check(e, db, check),
        Check::Tracking(c, mode) => {
            let modes = p
                .clients
                .get(*c)
                .and_then(|x| e.client_view(x.session)?.tracking);
            match (modes, mode) {
                (None, _) => Err(format!(
                    "client {} has tracking off; this step wants it on",
                    c + 1
                )),
                (Some(m), Some(want)) if !m.contains(&want.as_str()) => Err(format!(
                    "client {} tracks with {}; this step wants {want}",
                    c + 1,
                    m.join(", ")
                )),
                _ => Ok(()),
            }
        }
        Check::User(c, want) => {
            let found = p
                .clients
                .get(*c)
                .map(|x| e.client_user(x.session))
                .unwrap_or_else(|| "default".to_string());
            if found.as_bytes() == want.as_slice() {
                Ok(())
            } else {
                Err(format!(
                    "client {} is authenticated as {found}; this step wants {}",
                    c + 1,
                    show(want, SHOW_CHARS)
                ))
            }
        }
        Check::Can(user, line) | Check::Cannot(user, line) => {
            let who = show(user, SHOW_CHARS);
            let typed = line
                .iter()
                .map(|a| show(a, SHOW_CHARS))
                .collect::<Vec<_>>()
                .join(" ");
            let wanted = matches!(check, Check::Can(..));
            match e.acl_dry_run(user, line) {
                Err(_) if !e.has_acl_user(user) => {
                    Err(format!("there is no user {who}; this step wants one"))
                }
                Err(why) => Err(format!(
                    "{typed} cannot be checked: {}",
                    why.trim_start_matches("ERR ")
                )),
                Ok(None) if wanted => Ok(()),
                Ok(Some(_)) if !wanted => Ok(()),
                Ok(None) => Err(format!("{who} may run {typed}; this step wants it refused")),
                Ok(Some(why)) => Err(format!(
                    "{who} may not run {typed} ({}); this step wants it allowed",
                    why.trim_start_matches("This user has ")
                )),
            }
        }
        Check::Config(name, want) => match e.config.get_str(name) {
            Some(found) if found == *want => Ok(()),
            Some(found) => Err(format!(
                "{name} is {}; this step wants {want}",
                if found.is_empty() {
                    "\"\"".to_string()
                } else {
                    found
                }
            )),
            None => Err(format!("there is no parameter {name}")),
        },
        Check::Ran(cmd) => {
            if seen.commands.iter().any(|c| c == cmd) {
                Ok(())
            } else {
                Err(format!("no {cmd} has run in this step"))
            }
        }
        Check::Reply(r) => {
            // A reply of several lines (an array) matches by any line.
            if seen
                .replies
                .iter()
                .any(|x| x == r || x.lines().any(|l| l == r))
            {
                Ok(())
            } else {
                Err(format!("no reply {r} has been seen in this step"))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::web::learn::format::CheckLine;

    const T: i64 = 1_700_000_000_000;

    fn verdict(p: &Playground, check: Check) -> Result<(), String> {
        let line = CheckLine {
            check,
            source: String::new(),
            because: None,
            line: 1,
        };
        run(&line, p, &Seen::default())
    }

    #[test]
    fn tracking_checks_say_the_mode_found() {
        let mut p = Playground::new(T, 1);
        let b = p.open_client();
        let tracking = |c, m: Option<&str>| Check::Tracking(c, m.map(str::to_string));
        assert_eq!(
            verdict(&p, tracking(b, None)),
            Err("client 2 has tracking off; this step wants it on".into())
        );
        p.submit(b, "CLIENT TRACKING ON BCAST", T);
        assert_eq!(verdict(&p, tracking(b, None)), Ok(()));
        assert_eq!(verdict(&p, tracking(b, Some("bcast"))), Ok(()));
        assert_eq!(
            verdict(&p, tracking(b, Some("optin"))),
            Err("client 2 tracks with on, bcast; this step wants optin".into())
        );
    }

    #[test]
    fn acl_checks_say_what_a_user_may_do() {
        let mut p = Playground::new(T, 1);
        let w = |s: &str| s.as_bytes().to_vec();
        let line = |s: &str| s.split(' ').map(w).collect::<Vec<_>>();
        assert_eq!(
            verdict(&p, Check::Can(w("reader"), line("GET k"))),
            Err("there is no user reader; this step wants one".into())
        );
        assert_eq!(
            verdict(&p, Check::Can(w("default"), line("SET k v"))),
            Ok(())
        );
        p.submit(0, "ACL SETUSER reader on >pw ~* +@read", T);
        assert_eq!(verdict(&p, Check::Can(w("reader"), line("GET k"))), Ok(()));
        assert_eq!(
            verdict(&p, Check::Can(w("reader"), line("SET k v"))),
            Err("reader may not run SET k v (no permissions to run the 'set' command); this step wants it allowed".into())
        );
        assert_eq!(
            verdict(&p, Check::Cannot(w("reader"), line("SET k v"))),
            Ok(())
        );
        assert_eq!(
            verdict(&p, Check::Cannot(w("reader"), line("GET k"))),
            Err("reader may run GET k; this step wants it refused".into())
        );
        let b = p.open_client();
        assert_eq!(
            verdict(&p, Check::User(b, w("reader"))),
            Err("client 2 is authenticated as default; this step wants reader".into())
        );
        p.submit(b, "AUTH reader pw", T);
        assert_eq!(verdict(&p, Check::User(b, w("reader"))), Ok(()));
    }

    #[test]
    fn config_checks_say_what_a_parameter_is() {
        let mut p = Playground::new(T, 1);
        let want = |v: &str| Check::Config("appendfsync".into(), v.into());
        assert_eq!(
            verdict(&p, want("always")),
            Err("appendfsync is everysec; this step wants always".into())
        );
        p.submit(0, "CONFIG SET appendfsync always", T);
        assert_eq!(verdict(&p, want("always")), Ok(()));
        assert_eq!(
            verdict(&p, Check::Config("save".into(), "60 1".into())),
            Err("save is \"\"; this step wants 60 1".into())
        );
    }

    #[test]
    fn pending_checks_say_who_holds_what() {
        let mut p = Playground::new(T, 1);
        p.submit(
            0,
            "XADD jobs 1-0 t a\nXADD jobs 2-0 t b\nXGROUP CREATE jobs w 0\nXREADGROUP GROUP w alice COUNT 1 STREAMS jobs >\nSET s x",
            T,
        );
        let pending = |k: &str, c: Option<&str>, n| {
            Check::Pending(k.into(), b"w".to_vec(), c.map(|c| c.as_bytes().to_vec()), n)
        };
        assert_eq!(verdict(&p, pending("jobs", None, 1)), Ok(()));
        assert_eq!(verdict(&p, pending("jobs", Some("alice"), 1)), Ok(()));
        for (check, want) in [
            (
                pending("jobs", None, 0),
                "group \"w\" of jobs holds 1 pending entry; this step wants 0",
            ),
            (
                pending("jobs", Some("alice"), 2),
                "consumer \"alice\" of group \"w\" holds 1 pending entry; this step wants 2",
            ),
            (
                pending("jobs", Some("bob"), 0),
                "group \"w\" has no consumer \"bob\"",
            ),
            (
                Check::Pending(b"jobs".to_vec(), b"x".to_vec(), None, 0),
                "jobs has no consumer group \"x\"",
            ),
            (pending("s", None, 0), "s is a string, not a stream"),
            (
                pending("nope", None, 0),
                "nope does not exist; this step wants a stream",
            ),
        ] {
            assert_eq!(verdict(&p, check), Err(want.to_string()));
        }
    }

    #[test]
    fn each_check_says_what_it_found_and_what_it_wants() {
        let mut p = Playground::new(T, 1);
        p.submit(
            0,
            "HSET user:1 name bob\nSADD tags redis db\nZADD board 30 ann 20 bob\nRPUSH q a\nSET n 5 EX 90",
            T,
        );
        let k = |s: &str| s.as_bytes().to_vec();
        let cases = [
            (
                Check::Type(k("q"), "hash".into()),
                "q is a list; this step wants a hash",
            ),
            (
                Check::Type(k("nope"), "zset".into()),
                "nope does not exist; this step wants a sorted set",
            ),
            (
                Check::Len(k("user:1"), 2),
                "user:1 has 1 field; this step wants 2",
            ),
            (
                Check::Member(k("tags"), k("cache")),
                "tags has no member \"cache\"",
            ),
            (
                Check::Member(k("user:1"), k("age")),
                "user:1 has no field \"age\"",
            ),
            (
                Check::NotMember(k("tags"), k("db")),
                "tags still holds \"db\"",
            ),
            (
                Check::Score(k("board"), k("ann"), 35.0),
                "\"ann\" in board has score 30; this step wants 35",
            ),
            (
                Check::Rank(k("board"), k("ann"), 0),
                "\"ann\" in board is at rank 1; this step wants rank 0",
            ),
            (
                Check::Field(k("user:1"), k("name"), k("alice")),
                "field \"name\" of user:1 is \"bob\"; this step wants \"alice\"",
            ),
            (
                Check::Field(k("q"), k("name"), k("x")),
                "q is a list, not a hash",
            ),
            (Check::Value(k("q"), k("a")), "q is a list, not a string"),
            (
                Check::Ttl(k("n"), 1, 60),
                "n expires in 90 s; this step wants 1 to 60 s",
            ),
            (
                Check::Ttl(k("q"), 5, 5),
                "q has no TTL; this step wants a TTL of 5 s",
            ),
            (
                Check::Subscribed(0, k("news")),
                "client 1 is not subscribed to news",
            ),
            (
                Check::Members(k("tags"), vec![k("redis")]),
                "tags holds \"db\", \"redis\"; this step wants \"redis\" (in any order)",
            ),
            (
                Check::Members(k("n"), vec![k("5")]),
                "n is a string, not a collection",
            ),
            (
                Check::PSubscribed(0, k("n*")),
                "client 1 is not subscribed to the pattern n*",
            ),
            (
                Check::Blocked(1),
                "client 2 is not waiting in a blocking command",
            ),
        ];
        for (check, want) in cases {
            assert_eq!(
                verdict(&p, check.clone()),
                Err(want.to_string()),
                "{check:?}"
            );
        }
        for pass in [
            Check::Type(k("board"), "zset".into()),
            Check::Len(k("tags"), 2),
            Check::Member(k("q"), k("a")),
            Check::Score(k("board"), k("bob"), 20.0),
            Check::Rank(k("board"), k("bob"), 0),
            Check::Field(k("user:1"), k("name"), k("bob")),
            Check::Ttl(k("n"), 89, 90),
            Check::List(k("q"), vec![k("a")]),
            Check::List(k("empty"), vec![]),
            Check::Members(k("tags"), vec![k("redis"), k("db")]),
            Check::Members(k("user:1"), vec![k("name")]),
        ] {
            assert_eq!(verdict(&p, pass.clone()), Ok(()), "{pass:?}");
        }
        let b = p.open_client();
        p.submit(b, "SUBSCRIBE news", T);
        assert_eq!(verdict(&p, Check::Subscribed(1, k("news"))), Ok(()));
        // A pattern is not a channel, and the other way round.
        let c = p.open_client();
        p.submit(c, "PSUBSCRIBE news.*", T);
        assert_eq!(verdict(&p, Check::PSubscribed(2, k("news.*"))), Ok(()));
        assert_eq!(
            verdict(&p, Check::Subscribed(2, k("news.*"))),
            Err("client 3 listens to the pattern news.*, not the channel of that name".into())
        );
        assert_eq!(
            verdict(&p, Check::PSubscribed(1, k("news"))),
            Err("client 2 subscribed to a channel named news; this step wants the pattern (PSUBSCRIBE)".into())
        );
    }
}
