//! The playground's state as Yew's reducer pattern has it (see Yew's
//! function_todomvc): one state type, an [`Action`] enum, and one
//! `reduce` that handles every action. The engine is too big to clone on
//! every change, so the state holds the [`Playground`] behind an
//! `Rc<RefCell<..>>` and a version that moves on every action; views are
//! equal (and skip re-rendering) exactly when the version is.
//!
//! Everything an action does is a `Playground` method, tested natively;
//! this file only maps actions onto them with the wall clock.

use std::cell::RefCell;
use std::rc::Rc;

use yew::prelude::*;

use super::model::Playground;
use super::platform::storage;
use crate::engine::scripting::ScriptVm;

/// A change to the playground, given the wall clock.
pub type Change = Box<dyn FnOnce(&mut Playground, i64)>;

pub enum Action {
    /// The clock's timer: expire keys, time out waits.
    Tick,
    Submit {
        client: usize,
        text: String,
    },
    ClearConsole(usize),
    CancelWait(usize),
    SelectClient(usize),
    OpenClient,
    CloseClient(usize),
    RenameClient(usize, String),
    /// The Lua module arrived (or could not).
    LuaLoaded(Result<Box<dyn ScriptVm>, String>),
    /// The command docs arrived (or could not).
    DocsLoaded(Result<String, String>),
    /// Show this key's picture (`None`: follow the last command).
    SelectKey(Option<(usize, Vec<u8>)>),
    Jump(i64),
    NextExpiry,
    Pause,
    Resume,
    DismissNotice,
    /// A message for the notice line (what Share did).
    Notice(String),
    /// What only one entry of the page does (undo, saving and share links
    /// in the playground; the lesson's buttons in the tutorial page): a
    /// closure, so that the other entry's wasm does not carry its code.
    Do(Change),
}

/// Data that only the full build can load (`Playground::data_needs_full`)
/// moves the tab there; if it cannot move, it stays put, saving off, and
/// says why (the data is left where it was, never loaded halfway).
pub fn move_for_data(p: &mut Playground) {
    if !p.data_needs_full {
        return;
    }
    if let Err(e) = crate::web::platform::full::reload_into_full(None) {
        p.data_needs_full = false;
        p.save_off = Some("the data needs the full build".into());
        p.load_problem = Some(format!(
            "This data holds streams, which load in the page's full build, and the tab could not move there ({e}). It is left as it was; reload to try again."
        ));
    }
}

impl Action {
    fn run(f: impl FnOnce(&mut Playground, i64) + 'static) -> Action {
        Action::Do(Box::new(f))
    }

    pub fn undo() -> Action {
        Action::run(Playground::undo)
    }

    pub fn redo() -> Action {
        Action::run(Playground::redo)
    }

    /// The saved dataset arrived from IndexedDB (or could not be read).
    pub fn saved_data_loaded(answer: Result<Option<String>, String>) -> Action {
        Action::run(move |p, wall| {
            if p.finish_loading(answer, wall) {
                if let Some(text) = p.unreadable.clone() {
                    storage::keep_broken_big(text);
                }
            }
            move_for_data(p);
        })
    }

    pub fn dismiss_load_problem() -> Action {
        Action::run(|p, _| p.load_problem = None)
    }

    /// A share link or state file was read: what it held, or why not.
    pub fn open_shared(answer: Result<String, String>) -> Action {
        Action::run(move |p, wall| {
            p.open_shared(answer, wall);
            move_for_data(p);
        })
    }

    /// The full build could not be loaded: run what waited without it.
    pub fn ext_unavailable(why: String) -> Action {
        Action::run(move |p, wall| p.ext_unavailable(why, wall))
    }

    /// Keep the shared state as the learner's own data.
    pub fn keep_shared() -> Action {
        Action::run(|p, _| {
            p.shared = false;
            crate::web::platform::share::forget_address();
        })
    }

    /// Everything gone: data, clients, history, saved state.
    pub fn reset() -> Action {
        Action::run(|p, wall| {
            storage::clear_all();
            *p = Playground::new(wall, wall as u64);
        })
    }
}

/// What differs between the two entries of the page in the actions they
/// share.
pub struct Page {
    /// A line typed or pasted in a console.
    pub submit: fn(&mut Playground, usize, &str, i64),
    /// After every action (the tutorial page marks a step passed and
    /// saves progress).
    pub after: fn(&mut Playground),
}

/// The playground's: the console's own submit, nothing after.
pub static PLAYGROUND: Page = Page {
    submit: Playground::submit,
    after: |_| {},
};

pub struct AppState {
    pub model: Rc<RefCell<Playground>>,
    pub version: u64,
    /// The key the learner picked in the keyspace panel.
    pub selected: Option<(usize, Vec<u8>)>,
    pub page: &'static Page,
}

impl PartialEq for AppState {
    fn eq(&self, other: &Self) -> bool {
        self.version == other.version && Rc::ptr_eq(&self.model, &other.model)
    }
}

impl AppState {
    pub fn new(p: Playground, page: &'static Page) -> AppState {
        AppState {
            model: Rc::new(RefCell::new(p)),
            version: 0,
            selected: None,
            page,
        }
    }
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let wall = storage::now_ms();
        let mut selected = self.selected.clone();
        {
            let mut p = self.model.borrow_mut();
            match action {
                Action::Tick => p.tick(wall),
                Action::Submit { client, text } => (self.page.submit)(&mut p, client, &text, wall),
                Action::ClearConsole(i) => {
                    if let Some(c) = p.clients.get_mut(i) {
                        c.lines.clear();
                    }
                }
                Action::CancelWait(i) => p.cancel_wait(i),
                Action::SelectClient(i) => {
                    if i < p.clients.len() {
                        p.active = i;
                    }
                }
                Action::OpenClient => {
                    p.open_client();
                }
                Action::CloseClient(i) => p.close_client(i),
                Action::RenameClient(i, name) => p.rename_client(i, &name),
                Action::LuaLoaded(vm) => p.lua_loaded(vm, wall),
                Action::DocsLoaded(docs) => p.docs_loaded(docs, wall),
                Action::SelectKey(k) => selected = k,
                Action::Jump(ms) => p.jump_time(ms, wall),
                Action::NextExpiry => p.jump_to_next_expiry(wall),
                Action::Pause => p.pause_clock(wall),
                Action::Resume => p.resume_clock(wall),
                Action::DismissNotice => p.notice = None,
                Action::Notice(text) => p.notice = Some(text),
                Action::Do(f) => f(&mut p, wall),
            }
            (self.page.after)(&mut p);
        }
        Rc::new(AppState {
            model: self.model.clone(),
            version: self.version.wrapping_add(1),
            selected,
            page: self.page,
        })
    }
}

/// What components get to read the state and send actions.
pub type Store = UseReducerHandle<AppState>;
