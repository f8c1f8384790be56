//! The ACL command: users and what each may run (the model and the check
//! are in `engine/acl.rs`). Part of the rest of the engine.

use super::{arg, sub_syntax};
use crate::engine::acl::{has_spaces, Acl, RuleError, User};
use crate::engine::args::{eq_ignore_case, parse_i64};
use crate::engine::commands::{ACL_CATEGORIES, ACL_TABLE};
use crate::engine::errors::{self, clip};
use crate::engine::{table, AclContext, Engine, Session};
use crate::reply::Reply;

/// Run `f` on the engine's ACL, made first if there is none yet.
fn with_acl<R>(eng: &mut Engine, f: impl FnOnce(&mut Acl, &mut Engine) -> R) -> R {
    let mut acl: Box<Acl> = match eng.acl.take().map(|g| g.into_any().downcast::<Acl>()) {
        Some(Ok(a)) => a,
        _ => Box::new(Acl::for_engine(eng)),
    };
    let out = f(&mut acl, eng);
    eng.acl = Some(acl);
    out
}

/// What `acl-pubsub-default` gives a new user: every channel, or none.
fn new_users_get_all_channels(eng: &Engine) -> bool {
    eng.config.get_str("acl-pubsub-default").as_deref() == Some("allchannels")
}

/// Redis's `ACLMergeSelectorArguments`: a selector may be spread over
/// several arguments (`(~x` `+get)`); `Err` is the argument that opened
/// one never closed.
fn merge_selectors(ops: &[Vec<u8>]) -> Result<Vec<Vec<u8>>, usize> {
    let mut out = Vec::new();
    let mut open: Option<(usize, Vec<u8>)> = None;
    for (i, op) in ops.iter().enumerate() {
        if let Some((_, sel)) = &mut open {
            sel.push(b' ');
            sel.extend_from_slice(op);
            if op.last() == Some(&b')') {
                out.extend(open.take().map(|(_, s)| s));
            }
            continue;
        }
        if op.first() == Some(&b'(') && op.last() != Some(&b')') || op.as_slice() == b"(" {
            open = Some((i, op.clone()));
            continue;
        }
        out.push(op.clone());
    }
    match open {
        Some((i, _)) => Err(i),
        None => Ok(out),
    }
}

/// Why staging rules failed: a selector left open (the argument that
/// opened it), or a rule and what was wrong with it.
enum Staging {
    Unmatched(usize),
    Rule(Vec<u8>, RuleError),
}

/// Apply `ops` to a copy of `user` (or a new user named `name`): all of
/// them or, at the first that fails, none.
fn staged(
    user: Option<&User>,
    name: &[u8],
    ops: &[Vec<u8>],
    all_channels: bool,
) -> Result<User, Staging> {
    let merged = merge_selectors(ops).map_err(Staging::Unmatched)?;
    let mut u = user
        .cloned()
        .unwrap_or_else(|| User::new(name, all_channels));
    for op in merged {
        if let Err(e) = u.apply(&op, all_channels) {
            return Err(Staging::Rule(op, e));
        }
    }
    Ok(u)
}

/// ACL SETUSER username [rule [rule ...]]
pub fn acl_setuser(eng: &mut Engine, _: &mut Session, argv: &[Vec<u8>]) -> Reply {
    let name = arg(argv, 2).to_vec();
    if has_spaces(&name) {
        return Reply::err("ERR Usernames can't contain spaces or null characters");
    }
    let all_channels = new_users_get_all_channels(eng);
    let ops = argv.get(3..).unwrap_or_default();
    with_acl(eng, |acl, eng| {
        let user = match staged(acl.users.get(&name), &name, ops, all_channels) {
            Ok(u) => u,
            Err(Staging::Unmatched(i)) => {
                return Reply::err(format!(
                    "ERR Unmatched parenthesis in acl selector starting at '{}'.",
                    String::from_utf8_lossy(&ops[i])
                ))
            }
            Err(Staging::Rule(op, e)) => {
                let text = format!(
                    "ERR Error in ACL SETUSER modifier '{}': {}",
                    String::from_utf8_lossy(&op),
                    e.text()
                );
                // One line, as Redis's `addReplyErrorSdsSafe` makes it.
                return Reply::err(text.replace(['\r', '\n'], " "));
            }
        };
        let existed = acl.users.insert(name.clone(), user).is_some();
        // Subscribers of this user whose channels are no longer allowed
        // are closed (Redis's `ACLKillPubsubClientsIfNeeded`).
        if existed {
            let dropped = acl.subscribers_to_drop(eng, &name);
            eng.doomed.extend(dropped);
        }
        Reply::ok()
    })
}

/// ACL GETUSER username
pub fn acl_getuser(eng: &mut Engine, _: &mut Session, argv: &[Vec<u8>]) -> Reply {
    with_acl(eng, |acl, _| {
        acl.users.get(arg(argv, 2)).map_or(Reply::Null, User::reply)
    })
}

/// ACL DELUSER username [username ...]
pub fn acl_deluser(eng: &mut Engine, _: &mut Session, argv: &[Vec<u8>]) -> Reply {
    let names = argv.get(2..).unwrap_or_default();
    if names.iter().any(|n| n.as_slice() == b"default") {
        return Reply::err("ERR The 'default' user cannot be removed");
    }
    with_acl(eng, |acl, eng| {
        let mut deleted = 0;
        for name in names {
            if acl.users.remove(name).is_none() {
                continue;
            }
            deleted += 1;
            acl.close_clients(eng, |user| user == name.as_slice());
        }
        Reply::Integer(deleted)
    })
}

/// ACL LIST
pub fn acl_list(eng: &mut Engine, _: &mut Session, _: &[Vec<u8>]) -> Reply {
    with_acl(eng, |acl, _| {
        Reply::Array(
            acl.users
                .values()
                .map(|u| Reply::bulk(user_line(u)))
                .collect(),
        )
    })
}

/// Every user's line, as ACL LIST gives them (CONFIG REWRITE's `user`
/// lines).
pub(crate) fn user_lines(eng: &mut Engine) -> Vec<String> {
    with_acl(eng, |acl, _| acl.users.values().map(user_line).collect())
}

/// A user as ACL LIST and the ACL file write it.
fn user_line(u: &User) -> String {
    format!("user {} {}", String::from_utf8_lossy(&u.name), u.describe())
}

/// ACL USERS
pub fn acl_users(eng: &mut Engine, _: &mut Session, _: &[Vec<u8>]) -> Reply {
    with_acl(eng, |acl, _| {
        Reply::Array(acl.users.keys().map(|n| Reply::bulk(n.clone())).collect())
    })
}

/// ACL WHOAMI
pub fn acl_whoami(eng: &mut Engine, sess: &mut Session, _: &[Vec<u8>]) -> Reply {
    with_acl(eng, |acl, _| Reply::bulk(acl.user_name(sess.id).to_vec()))
}

/// ACL CAT [category]
pub fn acl_cat(_: &mut Engine, _: &mut Session, argv: &[Vec<u8>]) -> Reply {
    if argv.len() > 3 {
        return sub_syntax(argv);
    }
    let Some(wanted) = argv.get(2) else {
        return Reply::Array(ACL_CATEGORIES.iter().map(|c| Reply::bulk(*c)).collect());
    };
    let Some(i) = ACL_CATEGORIES
        .iter()
        .position(|c| c.as_bytes().eq_ignore_ascii_case(wanted))
    else {
        return Reply::err(format!("ERR Unknown category '{}'", clip(wanted, 128)));
    };
    Reply::Array(
        ACL_TABLE
            .iter()
            .filter(|(_, cats)| cats & (1 << i) != 0)
            .map(|(name, _)| Reply::bulk(*name))
            .collect(),
    )
}

/// ACL GENPASS [bits]
pub fn acl_genpass(eng: &mut Engine, _: &mut Session, argv: &[Vec<u8>]) -> Reply {
    if argv.len() > 3 {
        return sub_syntax(argv);
    }
    let bits = match argv.get(2) {
        None => 256,
        Some(b) => match parse_i64(b) {
            Some(n) => n,
            None => return Reply::err(errors::NOT_INTEGER),
        },
    };
    if !(1..=4096).contains(&bits) {
        return Reply::err("ERR ACL GENPASS argument must be the number of bits for the output password, a positive number up to 4096");
    }
    let chars = (bits as usize).div_ceil(4);
    let mut out = String::with_capacity(chars);
    while out.len() < chars {
        let word = eng.random_u64();
        for k in 0..16 {
            if out.len() < chars {
                out.push(char::from(
                    b"0123456789abcdef"[((word >> (k * 4)) & 15) as usize],
                ));
            }
        }
    }
    Reply::bulk(out)
}

/// ACL LOG [count | RESET]
pub fn acl_log(eng: &mut Engine, _: &mut Session, argv: &[Vec<u8>]) -> Reply {
    if argv.len() > 3 {
        return sub_syntax(argv);
    }
    let mut count = 10usize;
    if let Some(a) = argv.get(2) {
        if eq_ignore_case(a, "reset") {
            return with_acl(eng, |acl, _| {
                acl.log.clear();
                Reply::ok()
            });
        }
        match parse_i64(a) {
            Some(n) => count = n.max(0) as usize,
            None => return Reply::err(errors::NOT_INTEGER),
        }
    }
    let now = eng.now_ms();
    with_acl(eng, |acl, _| {
        Reply::Array(
            acl.log
                .iter()
                .take(count)
                .map(|e| {
                    let context = match e.context {
                        AclContext::Toplevel => "toplevel",
                        AclContext::Multi | AclContext::Exec => "multi",
                        AclContext::Script => "lua",
                    };
                    Reply::Map(vec![
                        (Reply::bulk("count"), Reply::Integer(e.count as i64)),
                        (Reply::bulk("reason"), Reply::bulk(e.reason.name())),
                        (Reply::bulk("context"), Reply::bulk(context)),
                        (Reply::bulk("object"), Reply::bulk(e.object.clone())),
                        (Reply::bulk("username"), Reply::bulk(e.username.clone())),
                        (
                            Reply::bulk("age-seconds"),
                            Reply::Double((now - e.at_ms) as f64 / 1000.0),
                        ),
                        (
                            Reply::bulk("client-info"),
                            Reply::bulk(e.client_info.clone()),
                        ),
                    ])
                })
                .collect(),
        )
    })
}

/// ACL DRYRUN username command [arg [arg ...]]
pub fn acl_dryrun(eng: &mut Engine, _: &mut Session, argv: &[Vec<u8>]) -> Reply {
    let line = argv.get(3..).unwrap_or_default();
    with_acl(eng, |acl, _| match acl.dry_run(arg(argv, 2), line) {
        Ok(None) => Reply::ok(),
        Ok(Some(why)) => Reply::bulk(why),
        Err(e) => Reply::err(e),
    })
}

const NO_ACL_FILE: &str = "ERR This Redis instance is not configured to use an ACL file. You may want to specify users via the ACL SETUSER command and then issue a CONFIG REWRITE (assuming you have a Redis configuration file set) in order to store users in the Redis configuration.";

/// `aclfile` as the directory and name the engine's disk takes: a
/// relative path is under `dir`, where Redis works.
fn acl_file(eng: &Engine) -> Option<(String, String, String)> {
    let path = eng.config.get_str("aclfile").unwrap_or_default();
    if path.is_empty() {
        return None;
    }
    let (dir, name) = match path.rsplit_once('/') {
        Some(("", name)) => ("/".to_string(), name),
        Some((dir, name)) => (dir.to_string(), name),
        None => (".".to_string(), path.as_str()),
    };
    let dir = if dir.starts_with('/') {
        dir
    } else {
        let base = eng.config.get_str("dir").unwrap_or_default();
        if base.is_empty() {
            dir
        } else {
            format!("{base}/{dir}")
        }
    };
    Some((path.clone(), dir, name.to_string()))
}

/// ACL SAVE
pub fn acl_save(eng: &mut Engine, _: &mut Session, _: &[Vec<u8>]) -> Reply {
    let Some((_, dir, name)) = acl_file(eng) else {
        return Reply::err(NO_ACL_FILE);
    };
    let text: String = with_acl(eng, |acl, _| {
        acl.users.values().map(|u| user_line(u) + "\n").collect()
    });
    eng.ensure_disk();
    let written = match eng.persist.disk.as_mut() {
        Some(disk) => disk.write(&dir, &name, text.as_bytes()),
        None => Err("no disk".to_string()),
    };
    match written {
        Ok(()) => Reply::ok(),
        Err(_) => Reply::err("ERR There was an error trying to save the ACLs. Please check the server logs for more information"),
    }
}

/// ACL LOAD
pub fn acl_load(eng: &mut Engine, _: &mut Session, _: &[Vec<u8>]) -> Reply {
    match load_acl_file(eng) {
        Ok(()) => Reply::ok(),
        Err(e) => Reply::err(format!("ERR {e}")),
    }
}

/// Replace every user with the ACL file's (Redis's `ACLLoadFromFile`):
/// each line `user NAME RULES...`; at the first error in any line nothing
/// changes, and the errors are said in one line. Also what the native
/// server runs at start when `aclfile` is set.
pub fn load_acl_file(eng: &mut Engine) -> Result<(), String> {
    let Some((path, dir, name)) = acl_file(eng) else {
        return Err(NO_ACL_FILE.trim_start_matches("ERR ").to_string());
    };
    eng.ensure_disk();
    let read = match eng.persist.disk.as_mut() {
        Some(disk) => disk.read(&dir, &name),
        None => Err("no disk".to_string()),
    };
    let bytes = match read {
        Ok(Some(b)) => b,
        Ok(None) => {
            return Err(format!(
                "Error loading ACLs, opening file '{path}': No such file or directory"
            ))
        }
        Err(e) => return Err(format!("Error loading ACLs, opening file '{path}': {e}")),
    };
    let all_channels = new_users_get_all_channels(eng);
    let mut users = std::collections::BTreeMap::new();
    let mut errors = String::new();
    for (i, line) in bytes.split(|&b| b == b'\n').enumerate() {
        let n = i + 1;
        let line = trim(line, b" \t\r\n");
        if line.is_empty() {
            continue;
        }
        // Split at every single space, as Redis does: two spaces make an
        // empty word.
        let words: Vec<&[u8]> = line.split(|&b| b == b' ').collect();
        if words.len() < 2 || words[0] != b"user" {
            errors.push_str(&format!(
                "{path}:{n} should start with user keyword followed by the username. "
            ));
            continue;
        }
        let name = words[1];
        if has_spaces(name) {
            errors.push_str(&format!(
                "'{path}:{n}: username '{}' contains invalid characters. ",
                String::from_utf8_lossy(name)
            ));
            continue;
        }
        if users.contains_key(name) {
            errors.push_str(&format!(
                "WARNING: Duplicate user '{}' found on line {n}. ",
                String::from_utf8_lossy(name)
            ));
            continue;
        }
        let rules: Vec<Vec<u8>> = words[2..].iter().map(|w| w.to_vec()).collect();
        let Ok(merged) = merge_selectors(&rules) else {
            errors.push_str(&format!(
                "{path}:{n}: Unmatched parenthesis in selector definition."
            ));
            continue;
        };
        // Every rule is tried: each unknown command or category is
        // reported, and the first other error.
        let mut user = User::new(name, all_channels);
        let mut other_error = false;
        for op in &merged {
            let op = trim(op, b"\t\r\n");
            match user.apply(op, all_channels) {
                Ok(()) => {}
                Err(RuleError::Unknown) => errors.push_str(&format!(
                    "{path}:{n}: Error in applying operation '{}': {}. ",
                    String::from_utf8_lossy(op),
                    RuleError::Unknown.text()
                )),
                Err(e) if !other_error => {
                    other_error = true;
                    errors.push_str(&format!("{path}:{n}: {}. ", e.text()));
                }
                Err(_) => {}
            }
        }
        users.insert(name.to_vec(), user);
    }
    if !errors.is_empty() {
        errors.push_str(
            "WARNING: ACL errors detected, no change to the previously active ACL rules was performed",
        );
        return Err(errors);
    }
    with_acl(eng, |acl, eng| {
        // A file without `default` gives a fresh default user (no
        // password, requirepass or not), as Redis's does.
        users
            .entry(b"default".to_vec())
            .or_insert_with(|| User::default_user(""));
        // Every client of a user other than `default` is closed, as Redis
        // frees the old users (even one the file defines again).
        acl.close_clients(eng, |_| true);
        acl.users = users;
    });
    Ok(())
}

/// The config file's `user NAME RULES...` lines (Redis's
/// `ACLLoadConfiguredUsers`): each makes its user, `default` is reset
/// first; a line that does not parse, or a user named twice, stops the
/// start. Only the native server has a config file.
#[cfg(feature = "server")]
pub fn load_config_users(eng: &mut Engine, lines: &[String]) -> Result<(), String> {
    let all_channels = new_users_get_all_channels(eng);
    with_acl(eng, |acl, _| {
        let mut seen = Vec::new();
        for line in lines {
            let words: Vec<Vec<u8>> = crate::cli::split_args(line.as_bytes())
                .map_err(|_| format!("Error in user declaration '{line}': unbalanced quotes"))?;
            let Some((name, rules)) = words.split_first() else {
                continue;
            };
            if has_spaces(name) {
                return Err("Spaces not allowed in ACL usernames".to_string());
            }
            if seen.contains(name) {
                return Err(format!(
                    "Error in user declaration '{}': Duplicate user found. A user can only be defined once in config files",
                    String::from_utf8_lossy(name)
                ));
            }
            seen.push(name.clone());
            let base = acl.users.get(name).map(|u| {
                let mut u = u.clone();
                let _ = u.apply(b"reset", all_channels);
                u
            });
            match staged(base.as_ref(), name, rules, all_channels) {
                Ok(u) => {
                    acl.users.insert(name.clone(), u);
                }
                Err(Staging::Unmatched(_)) => {
                    return Err(format!(
                        "Error in user declaration '{}': Unmatched parenthesis in selector",
                        String::from_utf8_lossy(name)
                    ))
                }
                Err(Staging::Rule(op, e)) => {
                    return Err(format!(
                        "Error loading ACL rule '{}' for the user named '{}': {}",
                        String::from_utf8_lossy(&op),
                        String::from_utf8_lossy(name),
                        e.text()
                    ))
                }
            }
        }
        Ok(())
    })
}

/// `s` without the bytes of `set` at either end (Redis's `sdstrim`).
fn trim<'a>(s: &'a [u8], set: &[u8]) -> &'a [u8] {
    let start = s.iter().position(|b| !set.contains(b)).unwrap_or(s.len());
    let end = s
        .iter()
        .rposition(|b| !set.contains(b))
        .map_or(start, |e| e + 1);
    &s[start..end.max(start)]
}

/// ACL HELP
pub fn acl_help(_: &mut Engine, _: &mut Session, _: &[Vec<u8>]) -> Reply {
    table::help_reply("acl|help")
}
