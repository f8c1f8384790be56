//! The scripting group: EVAL and EVALSHA (and their read-only forms),
//! SCRIPT, FUNCTION, FCALL and FCALL_RO. The cache, the libraries and the
//! runs themselves are in `engine/scripting`; these handlers read the
//! arguments in Redis's order and shape the replies.

use super::arg;
use crate::engine::args::lower;
use crate::engine::scripting::{self, split_keys, Target};
use crate::engine::{errors, glob, Engine, Session};
use crate::reply::Reply;

/// EVAL script numkeys [key [key ...]] [arg [arg ...]]
pub fn eval(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    eval_generic(eng, sess, argv, false, false)
}

/// EVAL_RO script numkeys [key [key ...]] [arg [arg ...]]
pub fn eval_ro(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    eval_generic(eng, sess, argv, false, true)
}

/// EVALSHA sha1 numkeys [key [key ...]] [arg [arg ...]]
pub fn evalsha(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    eval_generic(eng, sess, argv, true, false)
}

/// EVALSHA_RO sha1 numkeys [key [key ...]] [arg [arg ...]]
pub fn evalsha_ro(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    eval_generic(eng, sess, argv, true, true)
}

/// The four EVAL forms: by body (cached on first sight) or by SHA1, and
/// read-only or not.
fn eval_generic(
    eng: &mut Engine,
    sess: &mut Session,
    argv: &[Vec<u8>],
    by_sha: bool,
    ro_command: bool,
) -> Reply {
    let (keys, args) = match split_keys(argv, errors::NOT_INTEGER) {
        Ok(split) => split,
        Err(e) => return e,
    };
    let sha = if by_sha {
        let sha = String::from_utf8_lossy(arg(argv, 1)).to_ascii_lowercase();
        if !eng.scripting.scripts.contains_key(&sha) {
            return Reply::err("NOSCRIPT No matching script. Please use EVAL.");
        }
        sha
    } else {
        match eng.cache_script(arg(argv, 1)) {
            Ok(sha) => sha,
            Err(e) => return e,
        }
    };
    let body = eng
        .scripting
        .scripts
        .get(&sha)
        .map(|b| b.as_slice())
        .unwrap_or_default();
    let declared = body.starts_with(b"#!");
    let no_writes = match scripting::shebang(body) {
        Ok(Some(s)) => s.no_writes,
        Ok(None) => false,
        Err(e) => return e,
    };
    // A script that declares itself (a shebang) must declare no-writes to
    // run from a read-only command; one without keeps the old rules and
    // fails only when it writes.
    if ro_command && declared && !no_writes {
        return Reply::err(errors::WRITE_FLAG_RO);
    }
    eng.run_script(
        sess,
        Target::Script(&sha),
        argv,
        keys,
        args,
        ro_command || no_writes,
    )
}

/// The flags this EVAL, EVALSHA or FCALL's script declares (its shebang,
/// or its function's flags); `None` for a script without a shebang (Redis's
/// compatibility mode: it may write, and OOM stops only its first write)
/// or for what is not a script run. `no-writes` keeps it from being held
/// back by CLIENT PAUSE WRITE; declared without `allow-oom` (or
/// `no-writes`) it is refused over maxmemory, as a `denyoom` command is.
/// An unknown script or function declares nothing.
pub(crate) fn declared_flags(eng: &Engine, name: &str, argv: &[Vec<u8>]) -> Option<Declared> {
    let from_shebang = |body: &[u8]| match scripting::shebang(body) {
        Ok(Some(s)) => Some(Declared {
            no_writes: s.no_writes,
            allow_oom: s.allow_oom,
        }),
        _ => None,
    };
    match name {
        "eval" | "eval_ro" => from_shebang(arg(argv, 1)),
        "evalsha" | "evalsha_ro" => {
            let sha = String::from_utf8_lossy(arg(argv, 1)).to_ascii_lowercase();
            eng.scripting
                .scripts
                .get(&sha)
                .and_then(|b| from_shebang(b))
        }
        "fcall" | "fcall_ro" => {
            let name = String::from_utf8_lossy(arg(argv, 1)).to_ascii_lowercase();
            let f = eng
                .scripting
                .functions
                .get(&name)
                .and_then(|lib| eng.scripting.libraries.get(lib))
                .and_then(|l| {
                    l.functions
                        .iter()
                        .find(|f| f.name.eq_ignore_ascii_case(&name))
                })?;
            let has = |flag: &str| f.flags.iter().any(|x| x == flag);
            Some(Declared {
                no_writes: has("no-writes"),
                allow_oom: has("allow-oom"),
            })
        }
        _ => None,
    }
}

/// Flags a script declares that the checks before it runs read.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Declared {
    pub no_writes: bool,
    pub allow_oom: bool,
}

/// SCRIPT LOAD script
pub fn script_load(eng: &mut Engine, _: &mut Session, argv: &[Vec<u8>]) -> Reply {
    match eng.cache_script(arg(argv, 2)) {
        Ok(sha) => Reply::bulk(sha),
        Err(e) => e,
    }
}

/// SCRIPT EXISTS sha1 [sha1 ...]
pub fn script_exists(eng: &mut Engine, _: &mut Session, argv: &[Vec<u8>]) -> Reply {
    Reply::Array(
        argv.iter()
            .skip(2)
            .map(|sha| {
                let sha = String::from_utf8_lossy(sha).to_ascii_lowercase();
                Reply::Integer(i64::from(eng.scripting.scripts.contains_key(&sha)))
            })
            .collect(),
    )
}

/// SCRIPT FLUSH [ASYNC | SYNC]
pub fn script_flush(eng: &mut Engine, _: &mut Session, argv: &[Vec<u8>]) -> Reply {
    let bad = "ERR SCRIPT FLUSH only support SYNC|ASYNC option";
    if let Err(e) = flush_mode(argv, bad, bad) {
        return e;
    }
    eng.flush_scripts();
    eng.settings_changes += 1;
    Reply::ok()
}

/// `[ASYNC | SYNC]` after SCRIPT FLUSH or FUNCTION FLUSH; both do the
/// same here, at once. The two commands word their refusals differently.
fn flush_mode(argv: &[Vec<u8>], bad_option: &str, too_many: &str) -> Result<(), Reply> {
    match argv.len() {
        2 => Ok(()),
        3 if matches!(lower(arg(argv, 2)).as_str(), "async" | "sync") => Ok(()),
        3 => Err(Reply::err(bad_option)),
        _ => Err(Reply::err(too_many)),
    }
}

/// SCRIPT KILL
///
/// Only a host that serves others while a script runs long lets this
/// arrive during one (engine/scripting/busy.rs); elsewhere it finds
/// nothing running.
pub fn script_kill(eng: &mut Engine, _: &mut Session, _: &[Vec<u8>]) -> Reply {
    eng.kill_running_script(true)
}

/// SCRIPT HELP
pub fn script_help(_: &mut Engine, _: &mut Session, _: &[Vec<u8>]) -> Reply {
    crate::engine::table::help_reply("script|help")
}

/// FCALL function numkeys [key [key ...]] [arg [arg ...]]
pub fn fcall(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    fcall_generic(eng, sess, argv, false)
}

/// FCALL_RO function numkeys [key [key ...]] [arg [arg ...]]
pub fn fcall_ro(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    fcall_generic(eng, sess, argv, true)
}

fn fcall_generic(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>], ro: bool) -> Reply {
    let name = String::from_utf8_lossy(arg(argv, 1)).to_ascii_lowercase();
    if !eng.scripting.functions.contains_key(&name) {
        return Reply::err("ERR Function not found");
    }
    let no_writes = declared_flags(eng, "fcall", argv).is_some_and(|f| f.no_writes);
    let (keys, args) = match split_keys(argv, "ERR Bad number of keys provided") {
        Ok(split) => split,
        Err(e) => return e,
    };
    if ro && !no_writes {
        return Reply::err(errors::WRITE_FLAG_RO);
    }
    eng.run_script(sess, Target::Function(&name), argv, keys, args, no_writes)
}

/// FUNCTION LOAD [REPLACE] function-code
pub fn function_load(eng: &mut Engine, _: &mut Session, argv: &[Vec<u8>]) -> Reply {
    let mut replace = false;
    let mut i = 2;
    while i + 1 < argv.len() {
        if lower(arg(argv, i)) == "replace" {
            replace = true;
            i += 1;
        } else {
            return Reply::err(format!(
                "ERR Unknown option given: {}",
                String::from_utf8_lossy(arg(argv, i))
            ));
        }
    }
    if i + 1 != argv.len() {
        return Reply::err("ERR Function code was not given");
    }
    match eng.load_library(arg(argv, i), replace) {
        Ok(name) => Reply::bulk(name),
        Err(e) => e,
    }
}

/// FUNCTION DELETE library-name
pub fn function_delete(eng: &mut Engine, _: &mut Session, argv: &[Vec<u8>]) -> Reply {
    let name = String::from_utf8_lossy(arg(argv, 2)).into_owned();
    if eng.delete_library(&name) {
        eng.dirty += 1;
        Reply::ok()
    } else {
        Reply::err("ERR Library not found")
    }
}

/// FUNCTION FLUSH [ASYNC | SYNC]
pub fn function_flush(eng: &mut Engine, _: &mut Session, argv: &[Vec<u8>]) -> Reply {
    if argv.len() > 3 {
        return super::sub_syntax(argv);
    }
    if let Err(e) = flush_mode(
        argv,
        "ERR FUNCTION FLUSH only supports SYNC|ASYNC option",
        "",
    ) {
        return e;
    }
    eng.flush_functions();
    eng.dirty += 1;
    Reply::ok()
}

/// FUNCTION KILL
pub fn function_kill(eng: &mut Engine, _: &mut Session, _: &[Vec<u8>]) -> Reply {
    eng.kill_running_script(false)
}

/// FUNCTION LIST [LIBRARYNAME library-name-pattern] [WITHCODE]
pub fn function_list(eng: &mut Engine, _: &mut Session, argv: &[Vec<u8>]) -> Reply {
    let mut with_code = false;
    let mut pattern: Option<&[u8]> = None;
    let mut i = 2;
    while i < argv.len() {
        match lower(arg(argv, i)).as_str() {
            "withcode" if !with_code => with_code = true,
            "libraryname" if pattern.is_none() => {
                let Some(p) = argv.get(i + 1) else {
                    return Reply::err("ERR library name argument was not given");
                };
                pattern = Some(p);
                i += 1;
            }
            _ => {
                return Reply::err(format!(
                    "ERR Unknown argument {}",
                    String::from_utf8_lossy(arg(argv, i))
                ))
            }
        }
        i += 1;
    }
    let libs = eng
        .scripting
        .libraries
        .values()
        .filter(|l| pattern.is_none_or(|p| glob::matches(p, l.name.as_bytes(), true)))
        .map(|l| {
            let functions = l
                .functions
                .iter()
                .map(|f| {
                    Reply::map(vec![
                        (Reply::bulk("name"), Reply::bulk(f.name.clone())),
                        (
                            Reply::bulk("description"),
                            f.description.clone().map_or(Reply::Null, Reply::bulk),
                        ),
                        (
                            Reply::bulk("flags"),
                            Reply::Set(f.flags.iter().map(|x| Reply::simple(x)).collect()),
                        ),
                    ])
                })
                .collect();
            let mut fields = vec![
                (Reply::bulk("library_name"), Reply::bulk(l.name.clone())),
                (Reply::bulk("engine"), Reply::bulk("LUA")),
                (Reply::bulk("functions"), Reply::Array(functions)),
            ];
            if with_code {
                fields.push((Reply::bulk("library_code"), Reply::bulk(l.code.clone())));
            }
            Reply::map(fields)
        })
        .collect();
    Reply::Array(libs)
}

/// FUNCTION STATS
pub fn function_stats(eng: &mut Engine, _: &mut Session, _: &[Vec<u8>]) -> Reply {
    let running = match eng.running_function_stats() {
        Ok(r) => r,
        Err(busy) => return busy,
    };
    let lua = Reply::map(vec![
        (
            Reply::bulk("libraries_count"),
            Reply::Integer(eng.scripting.libraries.len() as i64),
        ),
        (
            Reply::bulk("functions_count"),
            Reply::Integer(eng.scripting.functions.len() as i64),
        ),
    ]);
    Reply::map(vec![
        (Reply::bulk("running_script"), running),
        (
            Reply::bulk("engines"),
            Reply::map(vec![(Reply::bulk("LUA"), lua)]),
        ),
    ])
}

/// FUNCTION HELP
pub fn function_help(_: &mut Engine, _: &mut Session, _: &[Vec<u8>]) -> Reply {
    crate::engine::table::help_reply("function|help")
}
