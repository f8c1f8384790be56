//! The page: header, time bar, client tabs with their consoles, the
//! keyspace panel, the picture of the key in focus, and the clients and
//! channels picture. State lives in one reducer (`state.rs`); this file
//! only lays the parts out and wires the hooks.

use yew::prelude::*;

use super::clients::clients_picture;
use super::keyspace::KeyspacePanel;
use super::pictures::KeyPicture;
use super::tabs::client_tabs;
use super::timebar::{history_controls, time_bar};
use crate::web::hooks;
use crate::web::model::Playground;
use crate::web::platform::storage;
use crate::web::state::{Action, AppState};

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
    // A share link replaces this state once read (hooks.rs): until then
    // nothing runs and nothing is saved.
    p.opening_link = crate::web::platform::share::code_in_address().is_some();
    if saved.big {
        // In IndexedDB: it arrives after the first render.
        p.loading = true;
    } else if let Some(data) = saved.data.as_deref().filter(|d| {
        // A stream in it: the full build loads it (the tab moves now).
        if crate::web::saving::needs_full_build(d) {
            p.loading = true;
            p.data_needs_full = true;
            crate::web::state::move_for_data(&mut p);
            p.loading = p.data_needs_full;
        }
        !p.loading
    }) {
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
    // Reloaded into the full build: the consoles and the lines that
    // waited for it (they run once the saved data is in).
    if let Some(text) = crate::web::platform::full::take_handover() {
        if let Err(e) = p.receive_handover(&text) {
            problem = Some(LoadProblem {
                message: format!("The consoles could not be carried over to the full build ({e}); your saved data is loaded."),
            });
        }
        p.run_handed_over(Playground::submit, now);
    }
    if problem.is_none() && storage::broken().is_some() {
        problem = Some(LoadProblem {
            message: "Data that failed to load earlier is still kept aside.".into(),
        });
    }
    (p, problem)
}

/// One banner above the consoles: a message and its buttons. Every banner
/// is drawn by this one function (each `html!` costs the first load its
/// own code).
fn banner(
    role: &'static str,
    text: String,
    buttons: Vec<(&'static str, Callback<MouseEvent>)>,
) -> Html {
    html! {
        <div class="banner" {role}>
            <span>{ text }</span>
            { for buttons.into_iter().map(|(label, onclick)| html! { <button {onclick}>{ label }</button> }) }
        </div>
    }
}

/// The playground saves, then moves; where saving would not keep the
/// data, it stays.
static UPGRADE: hooks::Upgrade = hooks::Upgrade {
    before: Some(|model, then| {
        let (data, clients) = {
            let p = model.borrow();
            (p.export_text(), p.export_clients())
        };
        storage::save(data, &clients, move |saved| {
            then(saved.map_err(|e| format!("saving before the reload failed ({e})")))
        })
    }),
    prepare: |p| {
        if let Some(why) = &p.save_off {
            Err(format!(
                "saving is off ({why}), and the reload it needs would lose your data"
            ))
        } else if p.shared {
            Err("this shared state is not kept yet: keep it, then run the line again".into())
        } else if p.loading {
            Err("the saved data is still loading".into())
        } else {
            Ok(p.setup_lines())
        }
    },
};

#[component]
pub fn App() -> Html {
    let problem = use_state(|| None::<LoadProblem>);
    let store = {
        let problem = problem.clone();
        use_reducer(move || {
            let (p, prob) = initial();
            if prob.is_some() {
                problem.set(prob);
            }
            AppState::new(p, &crate::web::state::PLAYGROUND)
        })
    };
    let save_error = use_state(|| None::<String>);

    hooks::use_clock(&store);
    hooks::use_saved_data_loader(&store);
    hooks::use_idle_copy(&store);
    hooks::use_docs_loader(&store);
    hooks::use_loaders(&store, &UPGRADE);
    hooks::use_undo_keys(&store);
    {
        let save_error = save_error.clone();
        hooks::use_persist(
            &store,
            Callback::from(move |e: Option<String>| {
                if *save_error != e {
                    save_error.set(e)
                }
            }),
        );
    }

    let p = store.model.borrow();

    let reset = {
        let store = store.clone();
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
                store.dispatch(Action::reset());
                store.dispatch(Action::SelectKey(None));
            }
        })
    };

    // Share: a link in the address bar, or a file when too long; what
    // happened is said on the notice line.
    let share = {
        let store = store.clone();
        Callback::from(move |_: MouseEvent| {
            let text = store.model.borrow().share_text(storage::now_ms());
            let dispatcher = store.dispatcher();
            wasm_bindgen_futures::spawn_local(async move {
                let note = match crate::web::platform::share::share(text).await {
                    Ok(None) => {
                        if let Some(href) = web_sys::window().and_then(|w| w.location().href().ok()) {
                            storage::copy_text(&href);
                        }
                        "The link to this state is in the address bar and on the clipboard.".to_string()
                    }
                    Ok(Some(n)) => format!(
                        "A link would be {n} characters, too long to share: the state was downloaded as reddish-state.txt (Open takes it back)."
                    ),
                    Err(e) => format!("No link could be made: {e}."),
                };
                dispatcher.dispatch(Action::Notice(note));
            });
        })
    };
    // A state file (what Share downloads when a link would be too long):
    // opened like a link, not saved until kept.
    let open_file = {
        let store = store.clone();
        Callback::from(move |e: Event| {
            let Some(file) = crate::web::platform::share::chosen_file(&e) else {
                return;
            };
            let dispatcher = store.dispatcher();
            wasm_bindgen_futures::spawn_local(async move {
                let text = crate::web::platform::share::file_text(file).await;
                dispatcher.dispatch(Action::open_shared(text));
            });
        })
    };
    // Looking at someone's shared state: say so, and offer both ways out.
    let shared_banner = p.shared.then(|| {
        let keep = {
            let store = store.clone();
            Callback::from(move |_: MouseEvent| store.dispatch(Action::keep_shared()))
        };
        let back = Callback::from(|_: MouseEvent| {
            crate::web::platform::share::forget_address();
            if let Some(w) = web_sys::window() {
                let _ = w.location().reload();
            }
        });
        banner(
            "status",
            "You are looking at a shared state. Your own data is kept, and nothing here is saved unless you keep it.".into(),
            vec![("Keep this as my data", keep), ("Back to my data", back)],
        )
    });

    let export = {
        let store = store.clone();
        Callback::from(move |_: MouseEvent| {
            storage::download("reddish-data.redis", &store.model.borrow().export_text())
        })
    };

    // The full build's dump.rdb buttons (its RDB writer and reader are
    // the rest of the engine's, so a first load has none).
    let rdb_buttons = match RDB_BUTTONS.get() {
        Some(draw) => draw(&store),
        None => {
            let store = store.clone();
            let onclick = Callback::from(move |_: MouseEvent| {
                store.dispatch(Action::Do(Box::new(|p, _| p.want_rdb_files())))
            });
            html! {
                <button {onclick} title="dump.rdb files are read and written by the page's full build: this loads it, with your data and consoles">{"dump.rdb…"}</button>
            }
        }
    };

    let problem_banner = problem.as_ref().map(|pr| {
        let dismiss = {
            let problem = problem.clone();
            Callback::from(move |_: MouseEvent| problem.set(None))
        };
        let mut buttons = Vec::new();
        if storage::broken().is_some() {
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
            buttons.push(("Download it", download));
            buttons.push(("Discard it", discard));
        }
        buttons.push(("Dismiss", dismiss));
        banner("alert", pr.message.clone(), buttons)
    });

    // A dataset from IndexedDB or a link: on its way, or what went wrong.
    let loading_banner = (p.loading || p.opening_link).then(|| {
        let what = if p.opening_link {
            "Opening the shared link…"
        } else {
            "Loading the saved data…"
        };
        banner("status", what.into(), Vec::new())
    });
    let load_banner = p.load_problem.as_ref().map(|message| {
        let mut buttons = Vec::new();
        if p.unreadable.is_some() {
            let store = store.clone();
            let download = Callback::from(move |_: MouseEvent| {
                if let Some(text) = &store.model.borrow().unreadable {
                    storage::download("reddish-unreadable-save.txt", text);
                }
            });
            buttons.push(("Download it", download));
        }
        let store = store.clone();
        let dismiss =
            Callback::from(move |_: MouseEvent| store.dispatch(Action::dismiss_load_problem()));
        buttons.push(("Dismiss", dismiss));
        banner("alert", message.clone(), buttons)
    });

    let save_banner = save_error.as_ref().map(|e| {
        banner(
            "alert",
            format!("Not saved: {e}. Everything is still here in the page; export it to keep it."),
            Vec::new(),
        )
    });

    html! {
        <div class="app">
            <header class="top">
                <h1>{"Reddish"}</h1>
                <span class="tagline">{"a Redis 7 playground in your browser"}</span>
                <div class="actions">
                    <a class="button" href="?tutorial" title="Step-by-step tutorials that check your work">{"Tutorials"}</a>
                    <button onclick={share} title="Put a link to this state in the address bar">{"Share"}</button>
                    <label class="button" title="Open a state file">{"Open"}
                        <input type="file" accept=".txt,text/plain" class="sr-only" onchange={open_file} />
                    </label>
                    <button onclick={export} title="Download the data as Redis commands">{"Export"}</button>
                    { rdb_buttons }
                    <button onclick={reset} class="danger">{"Reset"}</button>
                </div>
            </header>
            { for problem_banner }
            { for shared_banner }
            { for loading_banner }
            { for load_banner }
            { for save_banner }
            { time_bar(&store, history_controls(&store)) }
            <main class="panes">
                <section class="console-pane" aria-label="Console">
                    { client_tabs(&store, true) }
                </section>
                <aside class="side" aria-label="Inspector">
                    <KeyspacePanel store={store.clone()} />
                    <KeyPicture store={store.clone()} />
                    { clients_picture(&store) }
                    { super::aof::aof_picture(&store) }
                </aside>
            </main>
        </div>
    }
}

pub fn run() {
    super::mount::<App>();
}

/// The largest dump.rdb opened: what a page holds comfortably (the data
/// it loads to can be larger still, and counts against `maxmemory`).
const MAX_RDB_FILE: f64 = 16.0 * 1024.0 * 1024.0;

/// Draws the dump.rdb buttons: set by the full build only.
static RDB_BUTTONS: std::sync::OnceLock<fn(&crate::web::state::Store) -> Html> =
    std::sync::OnceLock::new();

/// The full build offers the data as a dump.rdb, and opens one.
pub fn install_rdb_buttons() {
    let _ = RDB_BUTTONS.set(rdb_buttons);
}

/// **dump.rdb** downloads the data as an RDB file; **Open dump.rdb**
/// makes a file the data, as redis-server started on it would.
fn rdb_buttons(store: &crate::web::state::Store) -> Html {
    let download = {
        let store = store.clone();
        Callback::from(move |_: MouseEvent| {
            storage::download_bytes("dump.rdb", &store.model.borrow().engine.rdb_bytes())
        })
    };
    let open = {
        let store = store.clone();
        Callback::from(move |e: Event| {
            let Some(file) = crate::web::platform::share::chosen_file(&e) else {
                return;
            };
            let dispatcher = store.dispatcher();
            wasm_bindgen_futures::spawn_local(async move {
                let action = match crate::web::platform::share::file_bytes(file, MAX_RDB_FILE).await
                {
                    Ok(bytes) => Action::Do(Box::new(move |p, wall| {
                        p.open_rdb(&bytes, crate::engine::Engine::open_rdb, wall)
                    })),
                    Err(e) => Action::Notice(format!("That file was not opened: {e}.")),
                };
                dispatcher.dispatch(action);
            });
        })
    };
    html! {
        <>
            <button onclick={download} title="Download the data as a dump.rdb file, which redis-server 7.0 loads">{"dump.rdb"}</button>
            <label class="button" title="Open a dump.rdb (one redis-server 7.0 wrote, say): it replaces the data, as a server started on it">{"Open dump.rdb"}
                <input type="file" accept=".rdb,application/octet-stream" class="sr-only" onchange={open} />
            </label>
        </>
    }
}
