//! The playground's Lua VM lives in a second wasm module
//! (src/bin/reddish-lua.rs) that is fetched the first time a script needs
//! it: most visits never run one, and the VM is as large as the rest of
//! the page. `load` imports it; `JsVm` is the engine's `ScriptVm` over its
//! exports. Bytes cross as RESP, through JS, with no shared memory.
//!
//! A script's `redis.call` comes back into this module through
//! `globalThis.__reddishHostCall`, while the engine is in the middle of the
//! EVAL that started the script: the call is handed to the `host` closure
//! that `JsVm::run` was given, which it lends through `HOST` (the same
//! `HostSlot` the in-process VM uses) for exactly the length of that run.

use std::cell::RefCell;

use js_sys::{Function, Promise, Reflect, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::engine::scripting::{
    Failure, Host, HostSlot, LoadError, Registered, ScriptVm, Target, DEFAULT_INSTRUCTION_LIMIT,
    DEFAULT_MEMORY_LIMIT,
};
use crate::resp;
use crate::Reply;

/// What the Lua module calls for a `redis.call`: RESP in, RESP out.
type HostCall = Closure<dyn FnMut(Uint8Array, u8) -> Uint8Array>;

thread_local! {
    /// The running script's host closure (see the module comment).
    static HOST: HostSlot = const { HostSlot::new() };
    /// Kept alive for as long as the page: JS holds it as __reddishHostCall.
    static HOST_CALL: RefCell<Option<HostCall>> = const { RefCell::new(None) };
}

const MODULE: &str = "__reddishLua";

fn module() -> Option<JsValue> {
    Reflect::get(&js_sys::global(), &JsValue::from_str(MODULE))
        .ok()
        .filter(|m| !m.is_undefined())
}

fn export(name: &str) -> Option<Function> {
    Reflect::get(&module()?, &JsValue::from_str(name))
        .ok()?
        .dyn_into::<Function>()
        .ok()
}

fn call(name: &str, args: &[JsValue]) -> Option<JsValue> {
    let f = export(name)?;
    let array = js_sys::Array::new();
    for a in args {
        array.push(a);
    }
    f.apply(&JsValue::NULL, &array).ok()
}

fn bytes(v: &[u8]) -> JsValue {
    Uint8Array::from(v).into()
}

fn decode(v: Option<JsValue>) -> Option<Reply> {
    let raw = Uint8Array::new(&v?).to_vec();
    match resp::decode_reply(&raw) {
        Ok(Some((reply, _))) => Some(reply),
        _ => None,
    }
}

fn strings(items: &[Vec<u8>]) -> JsValue {
    let mut out = Vec::new();
    resp::encode_command(items, &mut out);
    bytes(&out)
}

/// Load the module first when `needed` (lines about to be played run
/// scripts, which must run now and not after the learner starts: a
/// tutorial's earlier steps, an embedded console's seed), then `then`
/// with it.
pub fn load_first(
    needed: bool,
    then: impl FnOnce(Option<Result<Box<dyn crate::engine::scripting::ScriptVm>, String>>) + 'static,
) {
    if needed {
        load(move |vm| {
            then(Some(vm.map(|vm| {
                Box::new(vm) as Box<dyn crate::engine::scripting::ScriptVm>
            })))
        });
    } else {
        then(None);
    }
}

/// Fetch and start the module; `done` gets the VM, or why it failed.
pub fn load(done: impl FnOnce(Result<JsVm, String>) + 'static) {
    install_host_call();
    let import = Function::new_no_args(&format!(
        "return import(new URL('reddish-lua.js', document.baseURI).href)\
         .then(m => m.default().then(() => {{ globalThis.{MODULE} = m; }}))"
    ));
    let promise = match import.call0(&JsValue::NULL).map(Promise::from) {
        Ok(p) => p,
        Err(_) => return done(Err("could not start loading the Lua module".into())),
    };
    let done = std::rc::Rc::new(RefCell::new(Some(done)));
    let on_err = done.clone();
    let ok = Closure::once(move |_: JsValue| {
        let result = match call(
            "start",
            &[
                JsValue::from(DEFAULT_INSTRUCTION_LIMIT as f64),
                JsValue::from(DEFAULT_MEMORY_LIMIT as f64),
            ],
        ) {
            Some(v) if v.is_null() || v.is_undefined() => Ok(JsVm { _private: () }),
            Some(v) => Err(v
                .as_string()
                .unwrap_or_else(|| "the Lua VM did not start".into())),
            None => Err("the Lua module has no start function".into()),
        };
        if let Some(f) = done.borrow_mut().take() {
            f(result);
        }
    });
    let err = Closure::once(move |e: JsValue| {
        let why = e
            .as_string()
            .or_else(|| Reflect::get(&e, &"message".into()).ok()?.as_string())
            .unwrap_or_else(|| "the Lua module could not be fetched".into());
        if let Some(f) = on_err.borrow_mut().take() {
            f(Err(why));
        }
    });
    let _ = promise.then2(&ok, &err);
    ok.forget();
    err.forget();
}

fn install_host_call() {
    HOST_CALL.with(|slot| {
        if slot.borrow().is_some() {
            return;
        }
        let f = HostCall::new(|argv: Uint8Array, resp_version: u8| {
            let argv = resp::decode_bulks(&argv.to_vec());
            let reply = HOST.with(|h| h.call(&argv, resp_version));
            Uint8Array::from(resp::encode_to_vec(&reply, 3).as_slice())
        });
        let _ = Reflect::set(
            &js_sys::global(),
            &JsValue::from_str("__reddishHostCall"),
            f.as_ref(),
        );
        *slot.borrow_mut() = Some(f);
    });
}

/// The engine's side of the Lua module.
pub struct JsVm {
    _private: (),
}

// SAFETY: wasm32 in the page has one thread; the engine is never moved
// to another.
unsafe impl Send for JsVm {}

impl ScriptVm for JsVm {
    fn compile(&mut self, sha: &str, body: &[u8]) -> Result<(), String> {
        match call("compile", &[JsValue::from_str(sha), bytes(body)]) {
            Some(v) if v.is_null() || v.is_undefined() => Ok(()),
            Some(v) => Err(v.as_string().unwrap_or_default()),
            None => Err("the Lua module is not loaded".into()),
        }
    }

    fn has_script(&self, sha: &str) -> bool {
        call("has_script", &[JsValue::from_str(sha)]).is_some_and(|v| v.is_truthy())
    }

    fn forget_scripts(&mut self) {
        let _ = call("forget_scripts", &[]);
    }

    fn load_library(&mut self, body: &[u8]) -> Result<Vec<Registered>, LoadError> {
        match decode(call("load_library", &[bytes(body)])) {
            Some(Reply::Array(items)) => Ok(items
                .into_iter()
                .filter_map(|item| {
                    let Reply::Array(parts) = item else {
                        return None;
                    };
                    let mut parts = parts.into_iter();
                    let text = |r: Reply| match r {
                        Reply::Bulk(b) => Some(String::from_utf8_lossy(&b).into_owned()),
                        _ => None,
                    };
                    let name = text(parts.next()?)?;
                    let description = parts.next().and_then(text);
                    let flags = match parts.next() {
                        Some(Reply::Array(f)) => f.into_iter().filter_map(text).collect(),
                        _ => Vec::new(),
                    };
                    Some(Registered {
                        name,
                        flags,
                        description,
                    })
                })
                .collect()),
            Some(Reply::Error(e)) => match e.split_at_checked(1) {
                Some(("C", rest)) => Err(LoadError::Compile(rest.to_string())),
                Some(("T", _)) => Err(LoadError::Timeout),
                Some((_, rest)) => Err(LoadError::Register(rest.to_string())),
                None => Err(LoadError::Register(e)),
            },
            _ => Err(LoadError::Register(
                "ERR the Lua module is not loaded".into(),
            )),
        }
    }

    fn commit_library(&mut self) {
        let _ = call("commit_library", &[]);
    }

    fn forget_function(&mut self, name: &str) {
        let _ = call("forget_function", &[JsValue::from_str(name)]);
    }

    fn run(
        &mut self,
        target: Target<'_>,
        keys: &[Vec<u8>],
        args: &[Vec<u8>],
        host: &mut Host<'_>,
    ) -> Result<Reply, Failure> {
        let (kind, name) = match target {
            Target::Script(sha) => (0u8, sha),
            Target::Function(name) => (1u8, name),
        };
        let out = HOST.with(|h| {
            h.lend(host, || {
                decode(call(
                    "run",
                    &[
                        JsValue::from(kind),
                        JsValue::from_str(name),
                        strings(keys),
                        strings(args),
                    ],
                ))
            })
        });
        let Some(Reply::Array(parts)) = out else {
            return Err(Failure::Unavailable(
                "ERR the Lua module did not answer".into(),
            ));
        };
        let mut parts = parts.into_iter();
        let tag = match parts.next() {
            Some(Reply::Simple(t)) => t,
            _ => String::new(),
        };
        let at = |parts: &mut std::vec::IntoIter<Reply>| match (parts.next(), parts.next()) {
            (Some(Reply::Bulk(s)), Some(Reply::Integer(l))) => {
                Some((String::from_utf8_lossy(&s).into_owned(), l))
            }
            _ => None,
        };
        match tag.as_str() {
            "ok" => Ok(parts.next().unwrap_or(Reply::Null)),
            "error" => {
                let msg = match parts.next() {
                    Some(Reply::Bulk(b)) => String::from_utf8_lossy(&b).into_owned(),
                    _ => "ERR script failed".into(),
                };
                Err(Failure::Error {
                    msg,
                    at: at(&mut parts),
                })
            }
            "instructions" => Err(Failure::Instructions { at: at(&mut parts) }),
            "memory" => Err(Failure::Memory { at: at(&mut parts) }),
            "killed" => Err(Failure::Killed { at: at(&mut parts) }),
            _ => {
                let msg = match parts.next() {
                    Some(Reply::Bulk(b)) => String::from_utf8_lossy(&b).into_owned(),
                    _ => "ERR the Lua module did not answer".into(),
                };
                Err(Failure::Unavailable(msg))
            }
        }
    }
}
