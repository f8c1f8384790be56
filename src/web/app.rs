//! The page: header, client tabs with their consoles, the keyspace panel.
//!
//! The playground model lives in one `Rc<RefCell<..>>` (an engine is too big
//! to clone for every change, which a reducer would do); views get it with
//! a version number that moves on every change, which is what makes Yew
//! re-render them.

use std::cell::RefCell;
use std::rc::Rc;

use gloo::timers::callback::Interval;
use yew::prelude::*;

use super::console::Console;
use super::keyspace::KeyspacePanel;
use super::model::Playground;
use super::storage;

/// The model as props: equal when the version is, so views re-render
/// exactly when something changed.
#[derive(Clone)]
pub struct Shared {
    pub model: Rc<RefCell<Playground>>,
    pub version: u64,
}

impl PartialEq for Shared {
    fn eq(&self, other: &Self) -> bool {
        self.version == other.version && Rc::ptr_eq(&self.model, &other.model)
    }
}

/// What went wrong loading saved state, shown until dismissed.
#[derive(Clone, PartialEq)]
struct LoadProblem {
    message: String,
}

fn initial() -> (Playground, Option<LoadProblem>) {
    let now = storage::now_ms();
    let seed = now as u64 ^ 0x9e37_79b9_7f4a_7c15;
    let mut p = Playground::new(now, seed);
    let saved = storage::load();
    let mut problem = None;
    if let Some(data) = saved.data.as_deref() {
        if let Err(e) = p.import_text(data, now) {
            storage::keep_broken(data);
            problem = Some(LoadProblem {
                message: format!("The saved data could not be loaded ({e}). It was kept aside."),
            });
        }
    }
    if let Some(clients) = saved.clients.as_deref() {
        if p.import_clients(clients).is_err() && problem.is_none() {
            problem = Some(LoadProblem {
                message: "The saved clients could not be restored; starting with one client."
                    .into(),
            });
        }
    }
    if problem.is_none() && storage::broken().is_some() {
        problem = Some(LoadProblem {
            message: "Data that failed to load earlier is still kept aside.".into(),
        });
    }
    (p, problem)
}

fn persist(p: &Playground) -> Option<String> {
    storage::save(&p.export_text(), &p.export_clients()).err()
}

#[component]
pub fn App() -> Html {
    let model = use_mut_ref(|| None::<Rc<RefCell<Playground>>>);
    let problem = use_state(|| None::<LoadProblem>);
    let version = use_state(|| 0u64);
    let save_error = use_state(|| None::<String>);

    // Built once, on first render: loading may report a problem.
    let shared_model = {
        let mut slot = model.borrow_mut();
        match slot.as_ref() {
            Some(m) => m.clone(),
            None => {
                let (p, prob) = initial();
                if prob.is_some() {
                    problem.set(prob);
                }
                let m = Rc::new(RefCell::new(p));
                *slot = Some(m.clone());
                m
            }
        }
    };

    // The engine clock follows real time: tick it four times a second so
    // keys expire (and TTLs count down) with nobody typing.
    {
        let m = shared_model.clone();
        let version = version.clone();
        use_effect_with((), move |_| {
            let interval = Interval::new(250, move || {
                let changed = {
                    let mut p = m.borrow_mut();
                    let before = p.engine.data_version();
                    p.tick(storage::now_ms());
                    let _ = p.engine.take_events();
                    p.engine.data_version() != before
                };
                if changed {
                    let _ = persist(&m.borrow());
                }
                version.set(*version + 1);
            });
            move || drop(interval)
        });
    }

    let bump = {
        let version = version.clone();
        let m = shared_model.clone();
        let save_error = save_error.clone();
        Callback::from(move |()| {
            save_error.set(persist(&m.borrow()));
            version.set(*version + 1);
        })
    };

    // The first script asks for the Lua VM: fetch its module, then run
    // what waited for it (see web/lua.rs).
    let wants_lua = std::mem::take(&mut shared_model.borrow_mut().lua_wanted);
    if wants_lua {
        let m = shared_model.clone();
        let bump = bump.clone();
        super::lua::load(move |result| {
            let vm = result.map(|vm| Box::new(vm) as Box<dyn crate::engine::scripting::ScriptVm>);
            m.borrow_mut().lua_loaded(vm, storage::now_ms());
            bump.emit(());
        });
    }

    let shared = Shared {
        model: shared_model.clone(),
        version: *version,
    };
    let p = shared_model.borrow();
    let active = p.active;

    let tabs = p.clients.iter().enumerate().map(|(i, c)| {
        let select = {
            let m = shared_model.clone();
            let bump = bump.clone();
            Callback::from(move |_: MouseEvent| {
                m.borrow_mut().active = i;
                bump.emit(());
            })
        };
        let rename = {
            let m = shared_model.clone();
            let bump = bump.clone();
            Callback::from(move |_: MouseEvent| {
                let current = m.borrow().clients.get(i).map(|c| c.name.clone()).unwrap_or_default();
                let answer = web_sys::window().and_then(|w| w.prompt_with_message_and_default("Name this client", &current).ok().flatten());
                if let Some(name) = answer {
                    m.borrow_mut().rename_client(i, &name);
                    bump.emit(());
                }
            })
        };
        let close = {
            let m = shared_model.clone();
            let bump = bump.clone();
            Callback::from(move |_: MouseEvent| {
                m.borrow_mut().close_client(i);
                bump.emit(());
            })
        };
        let selected = i == active;
        let waiting = c.waiting.is_some();
        html! {
            <div class={classes!("tab", selected.then_some("active"), waiting.then_some("waiting"))} role="tab" aria-selected={selected.to_string()}>
                <button class="tab-name" onclick={select} ondblclick={rename.clone()} title="Double-click to rename">
                    { c.name.clone() }
                    if waiting {
                        <span class="tab-waiting" title="Waiting in a blocking command">{" ⏳"}</span>
                    }
                </button>
                <button class="tab-icon" onclick={rename} aria-label={format!("Rename {}", c.name)} title="Rename">{"✎"}</button>
                if p.clients.len() > 1 {
                    <button class="tab-icon" onclick={close} aria-label={format!("Close {}", c.name)} title="Close">{"×"}</button>
                }
            </div>
        }
    });

    let add_client = {
        let m = shared_model.clone();
        let bump = bump.clone();
        Callback::from(move |_: MouseEvent| {
            m.borrow_mut().open_client();
            bump.emit(());
        })
    };

    let reset = {
        let m = shared_model.clone();
        let bump = bump.clone();
        Callback::from(move |_: MouseEvent| {
            let ok = web_sys::window()
                .and_then(|w| {
                    w.confirm_with_message(
                        "Delete every key, client and history? This cannot be undone.",
                    )
                    .ok()
                })
                .unwrap_or(false);
            if ok {
                storage::clear_all();
                let now = storage::now_ms();
                *m.borrow_mut() = Playground::new(now, now as u64);
                bump.emit(());
            }
        })
    };

    let export = {
        let m = shared_model.clone();
        Callback::from(move |_: MouseEvent| {
            storage::download("reddish-data.redis", &m.borrow().export_text())
        })
    };

    let problem_banner = problem.as_ref().map(|pr| {
        let dismiss = {
            let problem = problem.clone();
            Callback::from(move |_: MouseEvent| problem.set(None))
        };
        let download = Callback::from(|_: MouseEvent| {
            if let Some(text) = storage::broken() {
                storage::download("reddish-unreadable-save.txt", &text);
            }
        });
        let discard = {
            let problem = problem.clone();
            Callback::from(move |_: MouseEvent| {
                storage::forget_broken();
                problem.set(None);
            })
        };
        html! {
            <div class="banner" role="alert">
                <span>{ pr.message.clone() }</span>
                if storage::broken().is_some() {
                    <button onclick={download}>{"Download it"}</button>
                    <button onclick={discard}>{"Discard it"}</button>
                }
                <button onclick={dismiss}>{"Dismiss"}</button>
            </div>
        }
    });

    let save_banner = save_error
        .as_ref()
        .map(|e| html! { <div class="banner" role="alert">{ format!("Not saved: {e}") }</div> });

    html! {
        <div class="app">
            <header class="top">
                <h1>{"Reddish"}</h1>
                <span class="tagline">{"a Redis 7 playground in your browser"}</span>
                <div class="actions">
                    <button onclick={export} title="Download the data as Redis commands">{"Export"}</button>
                    <button onclick={reset} class="danger">{"Reset"}</button>
                </div>
            </header>
            { for problem_banner }
            { for save_banner }
            <main class="panes">
                <section class="console-pane" aria-label="Console">
                    <div class="tabs" role="tablist" aria-label="Clients">
                        { for tabs }
                        <button class="tab-add" onclick={add_client} aria-label="Open another client" title="Open another client">{"+ client"}</button>
                    </div>
                    <Console shared={shared.clone()} index={active} on_change={bump.clone()} />
                </section>
                <KeyspacePanel shared={shared} />
            </main>
        </div>
    }
}

pub fn run() {
    storage::install_panic_page();
    let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("app"))
    else {
        return;
    };
    yew::Renderer::<App>::with_root(root).render();
}
