//! The exercise pack page (`?pack=URL`, or `?pack` to pick a file), the
//! page's fourth entry (src/bin/reddish-pack.rs): the learner works
//! through the exercises like a tutorial's steps (each from its own
//! data, "Show me" only when the pack allows) beside the console and the
//! key list, and downloads their results, graded on every variant; the
//! teacher opens the same pack, loads many results files at once, sees
//! them re-graded from their commands (an edited file says so), and
//! downloads the table as CSV. An instructor reset clears all progress.
//! The grading and its files cost more than the tutorial page had room
//! for, so packs have an entry of their own, without the key pictures.

use js_sys::{Array, Reflect, JSON};
use wasm_bindgen::JsValue;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::keyspace::key_list;
use super::learn::{lesson_page, shell, PackPanel};
use crate::web::hooks;
use crate::web::learn::format::{Line, Tutorial, MAX_CLIENTS, MAX_FILE_BYTES};
use crate::web::learn::pack::{self, Claimed};
use crate::web::learn::progress;
use crate::web::model::Playground;
use crate::web::platform::{md, share, storage};
use crate::web::state::{Action, AppState, Page, Store};

/// A line goes through the lesson (forbidden commands, what each
/// exercise ran); after every action the exercise may have passed, and
/// the learner's commands are saved.
static PACK: Page = Page {
    submit: |p, client, text, wall| {
        let line = Line {
            client,
            text: text.to_string(),
        };
        p.lesson_run(&line, wall);
    },
    after: |p| {
        p.note_progress();
        if p.lesson().and_then(progress::remember_pack) == Some(false) {
            p.notice = Some(
                "Your work could not be saved (the browser refused to store it): it lasts while this page is open."
                    .into(),
            );
        }
    },
};

#[derive(Clone, PartialEq)]
enum Loaded {
    Waiting,
    /// `?pack` with no address: a file to pick.
    Pick,
    Failed(String),
    Ready,
}

/// Results files read at once by the teacher's view.
const MAX_RESULTS_FILES: usize = 200;

fn a_pack(t: Tutorial) -> Result<Tutorial, String> {
    match t.pack {
        Some(_) => Ok(t),
        None => Err(format!(
            "\"{}\" is a tutorial, not an exercise pack (a pack's front matter says `kind: pack`)",
            t.title
        )),
    }
}

/// Read a pack's text; what is wrong names its line.
async fn read(text: &str) -> Result<Tutorial, String> {
    if text.len() > MAX_FILE_BYTES {
        return Err(format!(
            "the pack is {} bytes; at most {MAX_FILE_BYTES} are read",
            text.len()
        ));
    }
    let t = md::read(text)
        .await
        .map_err(|e| format!("the pack could not be read: {e}"))?;
    a_pack(t)
}

/// The pack at `url` (relative to the page, or another site's that
/// allows it).
async fn fetch(url: &str) -> Result<Tutorial, String> {
    let text = crate::web::platform::docs::fetch_text(url)
        .await
        .map_err(|e| format!("the pack at {url} could not be fetched: {e}"))?;
    read(&text).await
}

/// The address's `pack` and `exercise` (1-based) parameters.
fn address() -> (Option<String>, usize) {
    let q = web_sys::window()
        .and_then(|w| w.location().search().ok())
        .and_then(|s| web_sys::UrlSearchParams::new_with_str(&s).ok());
    let get = |name: &str| q.as_ref().and_then(|q| q.get(name));
    let at = get("exercise")
        .and_then(|e| e.parse::<usize>().ok())
        .map_or(0, |e| e.saturating_sub(1));
    (get("pack").filter(|u| !u.is_empty()), at)
}

/// Start `pack` in the sandbox at exercise `at`, with the commands the
/// learner already ran in it (kept across reloads); then, in the full
/// build, what the first build handed over.
fn open(dispatcher: &UseReducerDispatcher<AppState>, pack: Tutorial, at: usize) {
    let logs = progress::load_pack(&pack.id, pack.steps.len());
    let handover = crate::web::platform::full::take_handover();
    dispatcher.dispatch(Action::Do(Box::new(move |p, wall| {
        *p = Playground::sandbox(wall, wall as u64);
        p.start_lesson(pack, wall);
        if let Some(l) = p.lesson_mut() {
            l.logs = logs;
        }
        p.open_exercise(at, true, wall);
        if let Some(Err(e)) = handover.map(|t| p.continue_from_handover(&t, PACK.submit, wall)) {
            p.notice = Some(format!(
                "The console could not be carried over ({e}): your saved work was replayed."
            ));
        }
    })));
}

/// A pack whose lines use the rest of the engine opens in the full build
/// (`PackApp`). In one that does not, a line that needs it moves the tab:
/// the learner's lines are saved per exercise, the exercise goes in the
/// address, and the full build opens the pack there again. A pack opened
/// from a file has no address to come back to: such a line runs with the
/// engine's error and a note saying why.
static UPGRADE: hooks::Upgrade = hooks::Upgrade {
    before: None,
    prepare: |p| {
        let (Some(url), _) = address() else {
            return Err("a pack opened from a file cannot be carried over a reload: open it from its address".into());
        };
        let l = p.lesson().ok_or("no pack is open")?;
        if progress::remember_pack(l) == Some(false) {
            return Err("your work could not be saved first".into());
        }
        // The exercise goes in the address; its lines are saved.
        let url = format!(
            "?pack={}&exercise={}",
            js_sys::encode_uri_component(&url),
            l.step + 1
        );
        web_sys::window()
            .and_then(|w| w.history().ok())
            .and_then(|h| {
                h.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url))
                    .ok()
            })
            .ok_or("the page could not keep the exercise in its address")?;
        Ok(Vec::new())
    },
};

/// `?pack` alone: pick a pack file.
fn picker(store: &Store, loaded: &UseStateHandle<Loaded>) -> Html {
    let onchange = {
        let dispatcher = store.dispatcher();
        let loaded = loaded.clone();
        Callback::from(move |e: Event| {
            let Some(file) = share::chosen_file(&e) else {
                return;
            };
            let dispatcher = dispatcher.clone();
            let loaded = loaded.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let pack = match share::file_text(file).await {
                    Ok(text) => read(&text).await,
                    Err(e) => Err(e),
                };
                match pack {
                    Ok(t) => {
                        open(&dispatcher, t, 0);
                        loaded.set(Loaded::Ready);
                    }
                    Err(e) => loaded.set(Loaded::Failed(e)),
                }
            });
        })
    };
    html! {
        <main class="tutorial-list">
            <p class="intro">{"An exercise pack is a file a teacher gives you (or a link, ?pack=ADDRESS). Its exercises check your work as you go; when you are done, download your results for the teacher."}</p>
            <label class="button">{"Open a pack file"}
                <input type="file" accept=".md,text/markdown,text/plain" class="sr-only" {onchange} />
            </label>
        </main>
    }
}

fn input_value(id: &str) -> String {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| wasm_bindgen::JsCast::dyn_into::<HtmlInputElement>(e).ok())
        .map(|i| i.value().trim().to_string())
        .unwrap_or_default()
}

/// The learner's results, graded now (on every variant), downloaded as
/// JSON and as a readable summary.
fn download_results(p: &mut Playground, wall: i64) {
    let Some(l) = p.lesson() else {
        return;
    };
    let (pack, logs) = (l.tutorial.clone(), l.logs.clone());
    // The graded sandboxes borrow the Lua module the learner's loaded.
    let mut vm = p.engine.take_script_vm();
    let r = pack::results(&pack, &input_value("learner-name"), &logs, wall, &mut vm);
    if let Some(vm) = vm {
        p.engine.set_script_vm(vm);
    }
    storage::download(&format!("{}-results.json", pack.id), &pack::to_json(&r));
    storage::download(&format!("{}-results.txt", pack.id), &pack::summary(&r));
    let (points, max) = r.points();
    p.notice = Some(format!(
        "Your results ({points} of {max} points) were downloaded: {}-results.json for your teacher, and a summary.",
        pack.id
    ));
}

/// What a results file claims: learner, pack, exercises.
fn claimed(text: &str) -> Result<(String, String, Vec<Claimed>), String> {
    let v = JSON::parse(text).map_err(|_| "it is not JSON".to_string())?;
    let get =
        |o: &JsValue, k: &str| Reflect::get(o, &JsValue::from_str(k)).unwrap_or(JsValue::UNDEFINED);
    let text_of = |o: &JsValue, k: &str| get(o, k).as_string().unwrap_or_default();
    if text_of(&v, "format") != pack::RESULTS_FORMAT {
        return Err("it is not a Reddish results file".into());
    }
    let exercises = get(&v, "exercises");
    if !Array::is_array(&exercises) {
        return Err("it has no exercises".into());
    }
    let exercises = Array::from(&exercises)
        .iter()
        .map(|e| {
            let commands = get(&e, "commands");
            let commands = if Array::is_array(&commands) {
                Array::from(&commands)
                    .iter()
                    .filter_map(|c| {
                        let client = get(&c, "client").as_f64()?;
                        let text = get(&c, "text").as_string()?;
                        let ok =
                            client >= 1.0 && client <= MAX_CLIENTS as f64 && !text.contains('\n');
                        ok.then(|| Line {
                            client: client as usize - 1,
                            text,
                        })
                    })
                    .collect()
            } else {
                Vec::new()
            };
            Claimed {
                name: text_of(&e, "name"),
                status: text_of(&e, "status"),
                points: get(&e, "points").as_f64().unwrap_or(0.0).clamp(0.0, 1e6) as u32,
                commands,
            }
        })
        .collect();
    Ok((text_of(&v, "learner"), text_of(&v, "pack"), exercises))
}

/// Whether grading may run scripts the page's Lua module is not there
/// for yet: the pack's setup, or `texts` (commands, or whole results
/// files: a script's name anywhere in them is enough to load it first).
fn grading_needs_lua(p: &Playground, texts: &[&str]) -> bool {
    if p.engine.scripting_ready() {
        return false;
    }
    let setup = p.lesson().is_some_and(|l| {
        l.tutorial
            .steps
            .iter()
            .flat_map(|s| &s.setup)
            .any(|x| crate::web::model::line_runs_lua(&x.text))
    });
    setup
        || texts.iter().any(|t| {
            let t = t.to_ascii_uppercase();
            ["EVAL", "FCALL", "SCRIPT", "FUNCTION"]
                .iter()
                .any(|w| t.contains(w))
        })
}

/// Run `then` once the Lua module is there, when grading `needs` it (else
/// at once): graded sandboxes borrow the page's.
fn with_lua_for_grading(
    store: &Store,
    needs: bool,
    then: impl FnOnce(&mut Playground, i64) + 'static,
) {
    let dispatcher = store.dispatcher();
    crate::web::platform::lua::load_first(needs, move |vm| {
        dispatcher.dispatch(Action::Do(Box::new(move |p, wall| {
            if let Some(vm) = vm {
                p.lua_loaded(vm, wall);
            }
            then(p, wall);
        })));
    });
}

/// Re-grade the results files picked, in the order picked.
fn grade_files(store: &Store, files: Vec<(String, Result<String, String>)>) {
    let texts: Vec<&str> = files
        .iter()
        .filter_map(|(_, t)| t.as_deref().ok())
        .collect();
    let needs = grading_needs_lua(&store.model.borrow(), &texts);
    with_lua_for_grading(store, needs, move |p, wall| {
        let Some(pack) = p.lesson().map(|l| l.tutorial.clone()) else {
            return;
        };
        let mut vm = p.engine.take_script_vm();
        let rows: Vec<pack::Row> = files
            .into_iter()
            .map(|(name, text)| match text.and_then(|t| claimed(&t)) {
                Ok((learner, id, claims)) => {
                    let learner = if learner.is_empty() { name } else { learner };
                    pack::regrade(&pack, &learner, &id, &claims, wall, &mut vm)
                }
                Err(why) => pack::Row {
                    learner: name,
                    grades: Vec::new(),
                    note: Some(format!("not graded: {why}")),
                },
            })
            .collect();
        if let Some(vm) = vm {
            p.engine.set_script_vm(vm);
        }
        if let Some(l) = p.lesson_mut() {
            l.graded = rows;
        }
    });
}

fn on_results_files(store: &Store) -> Callback<Event> {
    let store = store.clone();
    Callback::from(move |e: Event| {
        let Some(input) = e
            .target()
            .and_then(|t| wasm_bindgen::JsCast::dyn_into::<HtmlInputElement>(t).ok())
        else {
            return;
        };
        let Some(list) = input.files() else {
            return;
        };
        let files: Vec<web_sys::File> = (0..list.length().min(MAX_RESULTS_FILES as u32))
            .filter_map(|i| list.get(i))
            .collect();
        input.set_value("");
        let store = store.clone();
        wasm_bindgen_futures::spawn_local(async move {
            let mut read = Vec::new();
            for f in files {
                let name = f.name();
                read.push((name, share::file_text(f).await));
            }
            grade_files(&store, read);
        });
    })
}

/// Under an exercise: the learner's name and results; the teacher's
/// grading; the instructor reset.
fn tools(store: &Store, p: &Playground) -> Html {
    let Some(l) = p.lesson() else {
        return Html::default();
    };
    let download = {
        let store = store.clone();
        Callback::from(move |_: MouseEvent| {
            let lines: Vec<String> = store
                .model
                .borrow()
                .lesson()
                .map(|l| l.logs.iter().flatten().map(|x| x.text.clone()).collect())
                .unwrap_or_default();
            let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
            let needs = grading_needs_lua(&store.model.borrow(), &refs);
            with_lua_for_grading(&store, needs, download_results);
        })
    };
    let csv = {
        let rows = l.graded.clone();
        let pack = l.tutorial.clone();
        Callback::from(move |_: MouseEvent| {
            storage::download(
                &format!("{}-grades.csv", pack.id),
                &pack::to_csv(&pack, &rows),
            )
        })
    };
    let reset = Callback::from(|_: MouseEvent| {
        let ok = web_sys::window()
            .and_then(|w| {
                w.confirm_with_message(
                    "Clear every tutorial's progress and every pack's commands in this browser? This cannot be undone.",
                )
                .ok()
            })
            .unwrap_or(false);
        if ok {
            progress::forget_everything();
            if let Some(w) = web_sys::window() {
                let _ = w.location().reload();
            }
        }
    });
    let heads = l.tutorial.steps.iter().enumerate().map(
        |(i, s)| html! { <th title={s.title.clone()}>{ format!("{} ({})", i + 1, s.points) }</th> },
    );
    let columns = l.tutorial.steps.len() + 1;
    let rows = l.graded.iter().map(|r| {
        let total: u32 = r.grades.iter().map(|g| g.points).sum();
        let max: u32 = r.grades.iter().map(|g| g.max).sum();
        html! {
            <tr class={classes!(r.note.is_some().then_some("noted"))}>
                <td>{ r.learner.clone() }</td>
                if r.grades.is_empty() {
                    <td colspan={columns.to_string()}></td>
                } else {
                    { for r.grades.iter().map(|g| html! { <td class="num" title={g.reason.clone().unwrap_or_default()}>{ g.points }</td> }) }
                    <td class="num">{ format!("{total} / {max}") }</td>
                }
                <td>{ r.note.clone().unwrap_or_default() }</td>
            </tr>
        }
    });
    html! {
        <div class="pack-tools">
            <h3>{"Your results"}</h3>
            <label>{"Your name "}<input id="learner-name" class="filter" autocomplete="name" /></label>
            <button onclick={download}>{"Download my results"}</button>
            <details class="teacher">
                <summary>{"For the teacher"}</summary>
                <p class="muted">{"Results files are graded again from their commands, on every variant: a file edited by hand says so."}</p>
                <label class="button">{"Grade results files"}
                    <input type="file" multiple=true accept=".json,application/json" class="sr-only" onchange={on_results_files(store)} />
                </label>
                if !l.graded.is_empty() {
                    <div class="table-wrap">
                        <table class="grades">
                            <thead><tr><th>{"learner"}</th>{ for heads }<th>{"total"}</th><th>{"note"}</th></tr></thead>
                            <tbody>{ for rows }</tbody>
                        </table>
                    </div>
                    <button onclick={csv}>{"Download as CSV"}</button>
                }
                <p><button class="danger" onclick={reset}>{"Reset all progress"}</button></p>
            </details>
        </div>
    }
}

#[component]
pub fn PackApp() -> Html {
    let store = use_reducer(|| {
        let now = storage::now_ms();
        AppState::new(Playground::sandbox(now, now as u64), &PACK)
    });
    let loaded = use_state(|| Loaded::Waiting);
    {
        let loaded = loaded.clone();
        let dispatcher = store.dispatcher();
        use_effect_with((), move |_| {
            let (url, at) = address();
            match url {
                None => loaded.set(Loaded::Pick),
                Some(url) => wasm_bindgen_futures::spawn_local(async move {
                    match fetch(&url).await {
                        Ok(t)
                            if !crate::web::platform::full::is_full()
                                && t.steps
                                    .iter()
                                    .flat_map(|s| s.lines())
                                    .any(|l| crate::web::model::line_needs_ext(&l.text))
                                && crate::web::platform::full::reload_into_full(None).is_ok() => {}
                        Ok(t) => {
                            open(&dispatcher, t, at);
                            loaded.set(Loaded::Ready);
                        }
                        Err(e) => loaded.set(Loaded::Failed(e)),
                    }
                }),
            }
        });
    }
    hooks::use_clock(&store);
    hooks::use_docs_loader(&store);
    hooks::use_loaders(&store, &UPGRADE);

    let body = match &*loaded {
        Loaded::Waiting => html! { <p class="loading" role="status">{"Loading the pack…"}</p> },
        Loaded::Pick => picker(&store, &loaded),
        Loaded::Failed(e) => html! {
            <div class="banner" role="alert"><span>{ e.clone() }</span><a class="button" href="?pack">{"Open a pack file"}</a></div>
        },
        Loaded::Ready => {
            let panel = {
                let p = store.model.borrow();
                let today = crate::web::describe::utc_text(storage::now_ms());
                p.lesson().and_then(|l| {
                    let step = l.tutorial.steps.get(l.step)?;
                    Some(PackPanel {
                        heading: format!(
                            "Exercise {} of {} ({} point{}): {}",
                            l.step + 1,
                            l.tutorial.steps.len(),
                            step.points,
                            if step.points == 1 { "" } else { "s" },
                            step.title
                        ),
                        show_me: pack::solutions_visible(
                            &l.tutorial,
                            today.get(..10).unwrap_or_default(),
                        ),
                        go: |p, i, wall| p.open_exercise(i, true, wall),
                        restart: Playground::restart_exercise,
                        extra: tools(&store, &p),
                    })
                })
            };
            lesson_page(
                &store,
                panel,
                html! {
                    <aside class="side" aria-label="Keys">
                        { key_list(&store) }
                    </aside>
                },
            )
        }
    };
    shell("exercise pack", body)
}

pub fn run() {
    super::mount::<PackApp>();
}
