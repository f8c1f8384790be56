//! IndexedDB, for a dataset past what localStorage takes (a few MB per
//! site, and written synchronously: a big save would stall the page).
//! One database, `reddish`, with one object store of texts by name. Every
//! call is asynchronous and ends in its `done` callback exactly once.
//!
//! Written on web-sys's bindings rather than the `idb` crate: that crate
//! gives every callback its own closure type, and the glue wasm-bindgen
//! generates per type cost the first load 6.5 KB gzipped (its error texts
//! more). Here every handler is one boxed type, so that glue exists once.
//! A handler that never runs (the `abort` of a transaction that completed)
//! stays allocated: a few dozen bytes per save.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Event, IdbDatabase, IdbObjectStore, IdbRequest, IdbTransactionMode};

const NAME: &str = "reddish";
const STORE: &str = "saves";

thread_local! {
    /// The open connection, kept for the page's life once opened.
    static DB: RefCell<Option<IdbDatabase>> = const { RefCell::new(None) };
}

type Done<T> = Rc<RefCell<Option<Box<dyn FnOnce(Result<T, String>)>>>>;

/// A callback that two events race to call (success or failure): the first
/// takes it, the second finds nothing.
fn shared<T: 'static>(f: impl FnOnce(Result<T, String>) + 'static) -> Done<T> {
    Rc::new(RefCell::new(Some(Box::new(f))))
}

fn finish<T>(done: &Done<T>, r: Result<T, String>) {
    let f = done.borrow_mut().take();
    if let Some(f) = f {
        f(r);
    }
}

/// An event handler as JS wants it. Always the same closure type, so
/// wasm-bindgen's glue for it is generated once.
fn handler(f: Box<dyn FnMut(Event)>) -> js_sys::Function {
    Closure::wrap(f).into_js_value().unchecked_into()
}

/// Open the connection if it is not open yet.
fn open(done: impl FnOnce(Result<(), String>) + 'static) {
    if DB.with(|d| d.borrow().is_some()) {
        return done(Ok(()));
    }
    let request = web_sys::window()
        .and_then(|w| w.indexed_db().ok().flatten())
        .and_then(|f| f.open_with_u32(NAME, 1).ok());
    let Some(request) = request else {
        return done(Err("this browser gives the page no IndexedDB".into()));
    };
    let done = shared(done);
    // First use: create the one store.
    request.set_onupgradeneeded(Some(&handler(Box::new(|e: Event| {
        let db = e
            .target()
            .and_then(|t| t.dyn_into::<IdbRequest>().ok())
            .and_then(|r| r.result().ok())
            .and_then(|d| d.dyn_into::<IdbDatabase>().ok());
        if let Some(db) = db {
            let _ = db.create_object_store(STORE);
        }
    }))));
    let ok = done.clone();
    let opened = request.clone();
    request.set_onsuccess(Some(&handler(Box::new(move |_| {
        match opened
            .result()
            .ok()
            .and_then(|d| d.dyn_into::<IdbDatabase>().ok())
        {
            Some(db) => {
                DB.with(|d| *d.borrow_mut() = Some(db));
                finish(&ok, Ok(()));
            }
            None => finish(&ok, Err("IndexedDB did not open".into())),
        }
    }))));
    request.set_onerror(Some(&handler(Box::new(move |_| {
        finish(&done, Err("the browser refused to open IndexedDB".into()))
    }))));
}

/// The request a transaction makes of the store.
type Ask = Box<dyn FnOnce(&IdbObjectStore) -> Result<IdbRequest, JsValue>>;

/// Run `ask` in a transaction on the store, and call `done` with its
/// request's result once the transaction is committed, or with why it
/// failed. One function for every kind of request, not a generic one:
/// each copy would cost the first load its size again.
fn transact(mode: IdbTransactionMode, ask: Ask, done: Box<dyn FnOnce(Result<JsValue, String>)>) {
    open(move |opened| {
        let done: Done<JsValue> = Rc::new(RefCell::new(Some(done)));
        let started = opened.and_then(|()| {
            DB.with(|d| {
                let db = d.borrow();
                let db = db.as_ref().ok_or("IndexedDB closed")?;
                let tx = db
                    .transaction_with_str_and_mode(STORE, mode)
                    .map_err(|_| "IndexedDB refused a transaction")?;
                let store = tx
                    .object_store(STORE)
                    .map_err(|_| "IndexedDB has no store for the page")?;
                let request = ask(&store).map_err(|_| "IndexedDB refused the request")?;
                Ok::<_, &str>((tx, request))
            })
            .map_err(String::from)
        });
        let (tx, request) = match started {
            Ok(started) => started,
            Err(e) => return finish(&done, Err(e)),
        };
        let ok = done.clone();
        tx.set_oncomplete(Some(&handler(Box::new(move |_| {
            finish(&ok, Ok(request.result().unwrap_or(JsValue::UNDEFINED)))
        }))));
        let failed = tx.clone();
        tx.set_onabort(Some(&handler(Box::new(move |_| {
            let why = failed.error().map(|e| e.name()).unwrap_or_default();
            finish(
                &done,
                Err(if why == "QuotaExceededError" {
                    "the browser's storage is full".into()
                } else {
                    format!("the browser refused to write to IndexedDB ({why})")
                }),
            )
        }))));
    });
}

/// Store `text` under `key`; `done` when it is written for good.
pub fn put(key: &'static str, text: String, done: impl FnOnce(Result<(), String>) + 'static) {
    transact(
        IdbTransactionMode::Readwrite,
        Box::new(move |store| {
            store.put_with_key(&JsValue::from_str(&text), &JsValue::from_str(key))
        }),
        Box::new(move |r| done(r.map(drop))),
    );
}

/// The text under `key` (`None` when there is none).
pub fn get(key: &'static str, done: impl FnOnce(Result<Option<String>, String>) + 'static) {
    transact(
        IdbTransactionMode::Readonly,
        Box::new(move |store| store.get(&JsValue::from_str(key))),
        Box::new(move |r| done(r.map(|v| v.as_string()))),
    );
}

/// Forget the text under `key`; failures are ignored (it is only space).
pub fn delete(key: &'static str) {
    transact(
        IdbTransactionMode::Readwrite,
        Box::new(move |store| store.delete(&JsValue::from_str(key))),
        Box::new(drop),
    );
}
