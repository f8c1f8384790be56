//! Custom hooks: the clock's timer, debounced saving, the copy undo
//! needs made while the page is idle, the Lua module requested from an
//! effect, and the undo/redo keys.

use std::cell::RefCell;
use std::rc::Rc;

use gloo::timers::callback::{Interval, Timeout};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::handover::Replays;
use super::model::Playground;
use super::platform::storage;
use super::state::{Action, Store};

/// How often the engine clock is ticked (TTLs count down, keys expire,
/// waits time out with nobody typing).
const TICK_MS: u32 = 250;
/// Quiet time before saving: a paste of 10,000 lines saves once.
const SAVE_AFTER_MS: u32 = 800;

/// Tick the engine four times a second. The interval dispatches an
/// action, so it never reads a stale copy of the state.
#[hook]
pub fn use_clock(store: &Store) {
    let dispatcher = store.dispatcher();
    use_effect_with((), move |_| {
        let interval = Interval::new(TICK_MS, move || dispatcher.dispatch(Action::Tick));
        move || drop(interval)
    });
}

/// Save after changes, at most once per quiet period, and at once when
/// the page is hidden or closed with a save still pending, so a reload
/// loses nothing. What failed to save is said through `on_error` (and the
/// data stays in the page).
#[hook]
pub fn use_persist(store: &Store, on_error: Callback<Option<String>>) {
    let pending = use_mut_ref(|| None::<Timeout>);
    // A change not saved yet (the timer's own callback must not drop the
    // timer it runs in, so this flag says what is pending).
    let dirty = use_mut_ref(|| false);
    let save = {
        let model = store.model.clone();
        let dirty = dirty.clone();
        Rc::new(move || {
            *dirty.borrow_mut() = false;
            let p = model.borrow();
            // Never over data still on its way, a shared state not kept, or
            // saved data that could not be read.
            if !p.may_save() {
                return;
            }
            let on_error = on_error.clone();
            storage::save(p.export_text(), &p.export_clients(), move |r| {
                on_error.emit(r.err())
            });
        })
    };
    let data_version = store.model.borrow().engine.data_version();
    let clients = store.model.borrow().export_clients();
    // Saving becoming allowed (a shared state kept) is a change to save.
    let allowed = store.model.borrow().may_save();
    {
        let save = save.clone();
        let dirty = dirty.clone();
        let first = use_mut_ref(|| true);
        use_effect_with((data_version, clients, allowed), move |_| {
            // What was just loaded needs no saving: only changes do.
            if std::mem::take(&mut *first.borrow_mut()) {
                return;
            }
            *dirty.borrow_mut() = true;
            let timer = Timeout::new(SAVE_AFTER_MS, move || save());
            // Replacing the timer cancels the one before.
            *pending.borrow_mut() = Some(timer);
        });
    }
    use_effect_with((), move |_| {
        let listener = Closure::<dyn Fn()>::new(move || {
            if *dirty.borrow() {
                save();
            }
        });
        listen("pagehide", listener)
    });
}

/// Once a change is on screen, copy the present for the next step's undo
/// (`Playground::settle`), so that copy is not made between the learner's
/// next Enter and its picture. "On screen" is the frame after the next
/// animation frame: a zero timeout queued from `requestAnimationFrame`
/// runs once the browser has painted. The copy is not an action: nothing
/// visible changes, so nothing re-renders.
#[hook]
pub fn use_idle_copy(store: &Store) {
    let model = store.model.clone();
    use_effect_with(store.version, move |_| {
        let after_paint = Closure::once_into_js(move || {
            Timeout::new(0, move || {
                // Never while something else holds the state.
                if let Ok(mut p) = model.try_borrow_mut() {
                    p.settle();
                }
            })
            .forget();
        });
        if let Some(w) = web_sys::window() {
            let _ = w.request_animation_frame(after_paint.unchecked_ref());
        }
    });
}

/// What the page reads once when it starts: a dataset saved in IndexedDB
/// and a share link in the address. The playground refuses lines until
/// they are there.
#[hook]
pub fn use_saved_data_loader(store: &Store) {
    let dispatcher = store.dispatcher();
    let loading = store.model.borrow().loading;
    use_effect_with((), move |_| {
        if loading {
            let dispatcher = dispatcher.clone();
            storage::load_big(move |answer| dispatcher.dispatch(Action::saved_data_loaded(answer)));
        }
        // A share link in the address (`#state=...`): its state replaces
        // the page's until the learner keeps it or goes back to theirs.
        if let Some(code) = crate::web::platform::share::code_in_address() {
            wasm_bindgen_futures::spawn_local(async move {
                let answer = crate::web::platform::share::read(&code).await;
                dispatcher.dispatch(Action::open_shared(answer));
            });
        }
    });
}

/// The command docs: fetched when a line needs them, or else a few seconds
/// after the page starts, so the first HELP rarely waits.
#[hook]
pub fn use_docs_loader(store: &Store) {
    const PREFETCH_AFTER_MS: u32 = 3000;
    let wanted = store.model.borrow().docs_wanted;
    let asked = use_mut_ref(|| false);
    let dispatcher = store.dispatcher();
    use_effect_with(wanted, move |wanted| {
        let fetch = move || {
            if std::mem::replace(&mut *asked.borrow_mut(), true) {
                return;
            }
            wasm_bindgen_futures::spawn_local(async move {
                let docs = super::platform::docs::fetch().await;
                dispatcher.dispatch(Action::DocsLoaded(docs));
            });
        };
        let timer = if *wanted {
            fetch();
            None
        } else {
            Some(Timeout::new(PREFETCH_AFTER_MS, fetch))
        };
        move || drop(timer)
    });
}

/// What to do once a step is done, or why it failed.
pub type Then = Box<dyn FnOnce(Result<(), String>)>;

/// How an entry moves to the full build (`handover.rs`): what must be
/// done before the reload (the playground saves; the other entries
/// rebuild their state from the address), and what to do then, which
/// answers the lines to replay quietly there, or why it cannot go.
pub struct Upgrade {
    /// Called with what to do once it is done (or why it failed): a
    /// function pointer, so that only the entry that saves carries the
    /// saving code.
    pub before: Option<fn(&RefCell<Playground>, Then)>,
    pub prepare: fn(&Playground) -> Result<Replays, String>,
}

/// What a line asked to load, from an effect (never while rendering):
/// the Lua VM, fetched, then what waited runs; or the rest of the engine,
/// for which this tab reloads into the full build with the consoles and
/// the lines that waited. Where that would lose something (each entry's
/// `prepare`, or a save that failed), it does not happen and the lines
/// run without it, saying why. One effect for both: each effect costs
/// the page's wasm its own code.
#[hook]
pub fn use_loaders(store: &Store, how: &'static Upgrade) {
    let wanted = {
        let p = store.model.borrow();
        (p.lua_wanted, p.ext_wanted)
    };
    let model = store.model.clone();
    let dispatcher = store.dispatcher();
    use_effect_with(wanted, move |&(lua, ext)| {
        if lua {
            model.borrow_mut().lua_wanted = false;
            let dispatcher = dispatcher.clone();
            super::platform::lua::load(move |result| {
                let vm =
                    result.map(|vm| Box::new(vm) as Box<dyn crate::engine::scripting::ScriptVm>);
                dispatcher.dispatch(Action::LuaLoaded(vm));
            });
        }
        if !ext {
            return;
        }
        model.borrow_mut().ext_wanted = false;
        let state = model.clone();
        let go = move |done: Result<(), String>| {
            let moved = done.and_then(|()| {
                let p = model.borrow();
                (how.prepare)(&p).and_then(|replay| {
                    super::platform::full::reload_into_full(Some(&p.handover_text(&replay)))
                })
            });
            if let Err(why) = moved {
                dispatcher.dispatch(Action::ext_unavailable(why));
            }
        };
        match how.before {
            Some(before) => before(&state, Box::new(go)),
            None => go(Ok(())),
        }
    });
}

/// Ctrl-Z and Ctrl-Shift-Z (or Ctrl-Y) undo and redo, unless the focus
/// is in a text field, where they belong to the field.
#[hook]
pub fn use_undo_keys(store: &Store) {
    let dispatcher = store.dispatcher();
    use_effect_with((), move |_| {
        let listener =
            Closure::<dyn Fn(web_sys::KeyboardEvent)>::new(move |e: web_sys::KeyboardEvent| {
                if !(e.ctrl_key() || e.meta_key()) {
                    return;
                }
                let in_field = e
                    .target()
                    .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                    .is_some_and(|el| {
                        matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
                    });
                if in_field {
                    return;
                }
                match e.key().as_str() {
                    "z" if !e.shift_key() => {
                        e.prevent_default();
                        dispatcher.dispatch(Action::undo());
                    }
                    "Z" | "y" | "z" => {
                        e.prevent_default();
                        dispatcher.dispatch(Action::redo());
                    }
                    _ => {}
                }
            });
        listen("keydown", listener)
    });
}

/// Listen to `event` on the window; the returned clean-up stops it (and
/// drops the closure only then).
fn listen<T: ?Sized + 'static>(event: &'static str, listener: Closure<T>) -> impl FnOnce() {
    let window = web_sys::window();
    if let Some(w) = &window {
        let _ = w.add_event_listener_with_callback(event, listener.as_ref().unchecked_ref());
    }
    move || {
        if let Some(w) = &window {
            let _ = w.remove_event_listener_with_callback(event, listener.as_ref().unchecked_ref());
        }
    }
}
