//! The playground's Lua VM as a wasm module of its own, fetched the first
//! time a script is loaded or run (see src/web/lua.rs), so that the
//! page's first download stays small. It holds one `Vm` and answers the
//! playground's engine through a few exports; the engine's side of a
//! `redis.call` is reached through `globalThis.__reddishHostCall`.
//!
//! Everything crosses as RESP bytes (commands and replies encoded with the
//! crate's own codec), so the two modules share no memory and no types.
//! Built by Trunk as a "worker" asset (www/index.html); a native build
//! has nothing to do.

#[cfg(target_arch = "wasm32")]
mod module {
    use std::cell::RefCell;

    use js_sys::{Function, Reflect, Uint8Array};
    use reddish::engine::scripting::vm::Vm;
    use reddish::engine::scripting::{Failure, LoadError, ScriptVm, Target};
    use reddish::resp;
    use reddish::Reply;
    use wasm_bindgen::prelude::*;

    thread_local! {
        static VM: RefCell<Option<Vm>> = const { RefCell::new(None) };
    }

    fn bytes(reply: &Reply) -> Vec<u8> {
        resp::encode_to_vec(reply, 3)
    }

    fn with_vm<T>(f: impl FnOnce(&mut Vm) -> T, none: T) -> T {
        VM.with(|vm| match vm.borrow_mut().as_mut() {
            Some(vm) => f(vm),
            None => none,
        })
    }

    /// Start the VM; the error text if it could not.
    #[wasm_bindgen]
    pub fn start(instructions: f64, memory: f64) -> Option<String> {
        match Vm::new(instructions as u64, memory as usize) {
            Ok(vm) => {
                VM.with(|slot| *slot.borrow_mut() = Some(vm));
                None
            }
            Err(e) => Some(e),
        }
    }

    #[wasm_bindgen]
    pub fn compile(sha: &str, body: &[u8]) -> Option<String> {
        with_vm(
            |vm| ScriptVm::compile(vm, sha, body).err(),
            Some("the Lua VM is not started".into()),
        )
    }

    #[wasm_bindgen]
    pub fn has_script(sha: &str) -> bool {
        with_vm(|vm| vm.has_script(sha), false)
    }

    #[wasm_bindgen]
    pub fn forget_scripts() {
        with_vm(|vm| vm.forget_scripts(), ())
    }

    /// A library's functions as a RESP array of `[name, description,
    /// [flags]]`, or an error whose text starts with `C` (compile), `R`
    /// (register) or is `T` (timeout).
    #[wasm_bindgen]
    pub fn load_library(body: &[u8]) -> Vec<u8> {
        let out = with_vm(
            |vm| match vm.load_library(body) {
                Ok(list) => Reply::Array(
                    list.into_iter()
                        .map(|r| {
                            Reply::Array(vec![
                                Reply::bulk(r.name),
                                r.description.map_or(Reply::Null, Reply::bulk),
                                Reply::bulks(r.flags),
                            ])
                        })
                        .collect(),
                ),
                Err(LoadError::Compile(e)) => Reply::Error(format!("C{e}")),
                Err(LoadError::Register(e)) => Reply::Error(format!("R{e}")),
                Err(LoadError::Timeout) => Reply::Error("T".into()),
            },
            Reply::Error("Rthe Lua VM is not started".into()),
        );
        bytes(&out)
    }

    #[wasm_bindgen]
    pub fn commit_library() {
        with_vm(|vm| vm.commit_library(), ())
    }

    #[wasm_bindgen]
    pub fn forget_function(name: &str) {
        with_vm(|vm| vm.forget_function(name), ())
    }

    /// One `redis.call`, answered by the engine in the page's main module.
    fn host_call(argv: &[Vec<u8>], resp_version: u8) -> Reply {
        let mut cmd = Vec::new();
        resp::encode_command(argv, &mut cmd);
        let global = js_sys::global();
        let answer = Reflect::get(&global, &JsValue::from_str("__reddishHostCall"))
            .ok()
            .and_then(|f| f.dyn_into::<Function>().ok())
            .and_then(|f| {
                f.call2(
                    &JsValue::NULL,
                    &Uint8Array::from(cmd.as_slice()),
                    &JsValue::from(resp_version),
                )
                .ok()
            })
            .map(|v| Uint8Array::new(&v).to_vec());
        match answer.as_deref().map(resp::decode_reply) {
            Some(Ok(Some((reply, _)))) => reply,
            _ => Reply::err("ERR the engine did not answer the script's call"),
        }
    }

    /// Run a script (`kind` 0, by SHA1) or a function (`kind` 1, by
    /// lowercase name); `keys` and `args` are RESP arrays of bulks. The
    /// outcome is a RESP array: `["ok", reply]`, `["error", text, source,
    /// line]`, `["instructions", source, line]`, `["memory", source,
    /// line]` or `["unavailable", text]` (source and line may be null).
    #[wasm_bindgen]
    pub fn run(kind: u8, name: &str, keys: &[u8], args: &[u8]) -> Vec<u8> {
        let (keys, args) = (resp::decode_bulks(keys), resp::decode_bulks(args));
        let target = if kind == 0 {
            Target::Script(name)
        } else {
            Target::Function(name)
        };
        let at = |at: Option<(String, i64)>| match at {
            Some((s, l)) => vec![Reply::bulk(s), Reply::Integer(l)],
            None => vec![Reply::Null, Reply::Null],
        };
        let outcome = with_vm(
            |vm| vm.run(target, &keys, &args, &mut host_call),
            Err(Failure::Unavailable("ERR the Lua VM is not started".into())),
        );
        let tag = |t: &str| Reply::simple(t);
        let out = match outcome {
            Ok(reply) => vec![tag("ok"), reply],
            Err(Failure::Error { msg, at: a }) => {
                let mut v = vec![tag("error"), Reply::bulk(msg)];
                v.extend(at(a));
                v
            }
            Err(Failure::Instructions { at: a }) => {
                let mut v = vec![tag("instructions")];
                v.extend(at(a));
                v
            }
            Err(Failure::Memory { at: a }) => {
                let mut v = vec![tag("memory")];
                v.extend(at(a));
                v
            }
            Err(Failure::Killed { at: a }) => {
                let mut v = vec![tag("killed")];
                v.extend(at(a));
                v
            }
            Err(Failure::Unavailable(t)) => vec![tag("unavailable"), Reply::bulk(t)],
        };
        bytes(&Reply::Array(out))
    }
}

fn main() {}
