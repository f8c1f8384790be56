//! The tutorial page, the page's second entry (src/bin/reddish-learn.rs,
//! chosen by www/index.html when the address asks for `?tutorial`): the
//! list of tutorials with the learner's progress, or one tutorial with
//! its step beside the console and the pictures. Tutorials arrive as
//! Markdown files read by the Markdown module (`platform/md.rs`); the
//! lesson itself is `learn/lesson.rs`, in a sandbox playground that never
//! touches the playground's saved data.

use yew::prelude::*;

use super::clients::clients_picture;
use super::keyspace::key_list;
use super::pictures::KeyPicture;
use super::tabs::client_tabs;
use super::timebar::time_bar;
use crate::engine::scripting::ScriptVm;
use crate::web::hooks;
use crate::web::learn::format::{Block, BlockKind, Line, Part, Prose, Tutorial};
use crate::web::learn::progress::{self, Progress};
use crate::web::model::Playground;
use crate::web::platform::{full, md, storage};
use crate::web::state::{Action, AppState, Page, Store};

/// The tutorial page's hooks into the shared actions: a line goes
/// through the lesson (forbidden commands, what it ran), and after every
/// action the step may have passed and progress is saved.
static LEARN: Page = Page {
    submit: |p, client, text, wall| {
        let line = Line {
            client,
            text: text.to_string(),
        };
        p.lesson_run(&line, wall);
    },
    after: |p| {
        p.note_progress();
        let Some(l) = p.lesson() else {
            return;
        };
        let saved = progress::remember(l);
        if saved.is_some() {
            show_step_in_address(&l.tutorial.id, l.step);
        }
        if saved == Some(false) {
            p.notice = Some(
                "Your progress could not be saved (the browser refused to store it): it lasts while this page is open."
                    .into(),
            );
        }
    },
};

/// Longest work a link carries (the text of the commands), in bytes.
const MAX_WORK: usize = 16 * 1024;

/// The tutorial page moves to the full build through a link to the
/// learner's work, as Share makes it: the full build replays it.
static UPGRADE: hooks::Upgrade = hooks::Upgrade {
    before: None,
    prepare: |p| {
        let l = p.lesson().ok_or("no tutorial is open")?;
        let text = progress::write_work(l.logs.get(..=l.step).unwrap_or_default());
        if text.len() > MAX_WORK {
            return Err(format!(
                "what you ran in this tutorial is over {MAX_WORK} bytes, too long to carry over"
            ));
        }
        let url = format!(
            "?tutorial={}&step={}#work={}",
            l.tutorial.id,
            l.step + 1,
            js_sys::encode_uri_component(&text)
        );
        let history = web_sys::window().and_then(|w| w.history().ok());
        history
            .and_then(|h| {
                h.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url))
                    .ok()
            })
            .ok_or("the page could not keep your work in its address")?;
        Ok(Vec::new())
    },
};

/// A link to this step with what the learner ran in it and before
/// (`#work=`, replayed when opened), in the address bar and on the
/// clipboard.
fn share_work(p: &mut Playground, _: i64) {
    let Some(l) = p.lesson() else {
        return;
    };
    let text = progress::write_work(l.logs.get(..=l.step).unwrap_or_default());
    if text.len() > MAX_WORK {
        p.notice = Some(format!(
            "What you ran is {} bytes, too long for a link (at most {MAX_WORK}).",
            text.len()
        ));
        return;
    }
    let url = format!(
        "?tutorial={}&step={}#work={}",
        l.tutorial.id,
        l.step + 1,
        js_sys::encode_uri_component(&text)
    );
    let Some(w) = web_sys::window() else {
        return;
    };
    if let Ok(h) = w.history() {
        let _ = h.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
    }
    storage::copy_text(&w.location().href().unwrap_or_default());
    p.notice = Some(
        "A link to this step, with what you ran, is in the address bar and on the clipboard: opening it plays your commands again."
            .into(),
    );
}

/// The address names the step on screen, so a reload or a copied link
/// opens it (replacing the entry: steps are not pages of history).
fn show_step_in_address(id: &str, step: usize) {
    if let Some(h) = web_sys::window().and_then(|w| w.history().ok()) {
        let url = format!("?tutorial={id}&step={}", step + 1);
        let _ = h.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
    }
}

/// What the address asks for.
#[derive(Clone, PartialEq)]
enum Route {
    List,
    /// A tutorial, at a step (1-based) when the address names one, with
    /// someone's work when it is a link to it (`#work=`).
    Tutorial(String, Option<usize>, Option<String>),
}

fn route() -> Route {
    let search = web_sys::window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default();
    // Decoded as the browser decodes it (`%0A`, `+`).
    let Ok(q) = web_sys::UrlSearchParams::new_with_str(&search) else {
        return Route::List;
    };
    let work = web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .and_then(|h| h.strip_prefix("#work=").map(String::from))
        // Undecodable (cut inside a `%XX`): read as damaged, and said so.
        .map(|w| {
            js_sys::decode_uri_component(&w)
                .map(String::from)
                .unwrap_or_default()
        });
    match q.get("tutorial").filter(|id| !id.is_empty()) {
        Some(id) => Route::Tutorial(
            id,
            q.get("step")
                .and_then(|s| s.parse::<usize>().ok())
                .filter(|s| *s > 0),
            work,
        ),
        None => Route::List,
    }
}

/// Whether an id can name a file in tutorials/ (what the format allows).
fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// Where the tutorial files are, relative to the page.
fn file_of(id: &str) -> String {
    format!("tutorials/{id}.md")
}

async fn load_tutorial(id: &str) -> Result<Tutorial, String> {
    if !valid_id(id) {
        return Err(format!(
            "there is no tutorial called \"{id}\" (ids are lower-case letters, digits and -)"
        ));
    }
    let text = crate::web::platform::docs::fetch_text(&file_of(id))
        .await
        .map_err(|e| format!("the tutorial \"{id}\" could not be fetched: {e}"))?;
    md::read(&text)
        .await
        .map_err(|e| format!("the tutorial \"{id}\" could not be read: {e}"))
}

async fn load_all() -> Result<Vec<Tutorial>, String> {
    let index = crate::web::platform::docs::fetch_text("tutorials/index.txt")
        .await
        .map_err(|e| format!("the list of tutorials could not be fetched: {e}"))?;
    let mut out = Vec::new();
    for id in index.lines().map(str::trim).filter(|l| !l.is_empty()) {
        out.push(load_tutorial(id).await?);
    }
    Ok(out)
}

/// Prose as the page draws it: text nodes only, never HTML.
pub fn prose_html(p: &Prose) -> Html {
    let mut out: Vec<Html> = Vec::new();
    let mut items: Vec<Html> = Vec::new();
    let mut numbered = None;
    let flush = |items: &mut Vec<Html>, numbered: &mut Option<u32>, out: &mut Vec<Html>| {
        if items.is_empty() {
            return;
        }
        let list = std::mem::take(items);
        out.push(match numbered.take() {
            Some(start) => html! { <ol start={start.to_string()}>{ for list }</ol> },
            None => html! { <ul>{ for list }</ul> },
        });
    };
    for b in &p.blocks {
        let spans = spans_html(b);
        match b.kind {
            BlockKind::Bullet | BlockKind::Numbered(_) => {
                let n = match b.kind {
                    BlockKind::Numbered(n) => Some(n),
                    _ => None,
                };
                if !items.is_empty() && numbered.is_some() != n.is_some() {
                    flush(&mut items, &mut numbered, &mut out);
                }
                if items.is_empty() {
                    numbered = n;
                }
                items.push(html! { <li>{ spans }</li> });
                continue;
            }
            _ => flush(&mut items, &mut numbered, &mut out),
        }
        out.push(match b.kind {
            BlockKind::Heading => html! { <h4>{ spans }</h4> },
            BlockKind::Quote => html! { <blockquote>{ spans }</blockquote> },
            BlockKind::Code => html! { <pre class="prose-code">{ spans }</pre> },
            _ => html! { <p>{ spans }</p> },
        });
    }
    flush(&mut items, &mut numbered, &mut out);
    html! { <div class="prose">{ for out }</div> }
}

fn spans_html(b: &Block) -> Html {
    html! {
        { for b.spans.iter().map(|s| {
            let mut node = html! { { s.text.clone() } };
            if s.code {
                node = html! { <code>{ node }</code> };
            }
            if s.emph {
                node = html! { <em>{ node }</em> };
            }
            if s.strong {
                node = html! { <strong>{ node }</strong> };
            }
            match &s.link {
                Some(href) => {
                    let outside = href.starts_with("http");
                    html! { <a href={href.clone()} target={outside.then_some("_blank")} rel={outside.then_some("noopener")}>{ node }</a> }
                }
                None => node,
            }
        }) }
    }
}

/// A Run block: its commands as typed, and a button that runs them in
/// their clients as if the learner typed them.
fn run_block(store: &Store, lines: &[Line]) -> Html {
    let text: Vec<String> = lines
        .iter()
        .map(|l| {
            if l.client == 0 {
                l.text.clone()
            } else {
                format!("@{} {}", l.client + 1, l.text)
            }
        })
        .collect();
    let run = {
        let store = store.clone();
        let lines = lines.to_vec();
        Callback::from(move |_: MouseEvent| {
            let lines = lines.clone();
            store.dispatch(Action::Do(Box::new(move |p: &mut Playground, wall| {
                for line in &lines {
                    p.lesson_run(line, wall);
                    p.active = line.client.min(p.clients.len().saturating_sub(1));
                }
            })));
        })
    };
    let label = if lines.len() == 1 {
        "Run".to_string()
    } else {
        format!("Run all {}", lines.len())
    };
    html! {
        <div class="run-block">
            <pre>{ text.join("\n") }</pre>
            <button class="run" onclick={run} aria-label={format!("{label}: {}", text.join("; "))}>{ label }</button>
        </div>
    }
}

fn act(store: &Store, f: impl Fn(&mut Playground, i64) + Clone + 'static) -> Callback<MouseEvent> {
    let store = store.clone();
    Callback::from(move |_: MouseEvent| {
        let f = f.clone();
        store.dispatch(Action::Do(Box::new(move |p, wall| f(p, wall))))
    })
}

/// What the pack page changes in the panel (given by it, so the
/// tutorial page carries no pack code): the heading, whether "Show me"
/// is allowed, how to move to an exercise (each from its own data) and
/// restart one, and what goes below (results, the teacher's table).
pub(super) struct PackPanel {
    pub heading: String,
    pub show_me: bool,
    pub go: fn(&mut Playground, usize, i64),
    pub restart: fn(&mut Playground, i64),
    pub extra: Html,
}

/// The step the learner is on: its text and Run buttons, its checks with
/// what they found, hints, "show me", and the way between steps (a pack's
/// exercises: `pack`). A plain view function: its state is the lesson's.
pub(super) fn lesson_panel(store: &Store, pack: Option<PackPanel>) -> Html {
    let p = store.model.borrow();
    let Some(l) = p.lesson() else {
        return Html::default();
    };
    let Some(step) = l.tutorial.steps.get(l.step) else {
        return Html::default();
    };
    let n = l.tutorial.steps.len();
    let at = l.step;
    let shown = l.hints_shown.min(step.hints.len());
    let verdicts = p.verdicts();
    let done = verdicts.iter().all(|v| v.failure.is_none());
    let tried = l.tried;

    let dots = l.tutorial.steps.iter().enumerate().map(|(i, s)| {
        let go = match &pack {
            Some(k) => {
                let f = k.go;
                act(store, move |p, wall| f(p, i, wall))
            }
            None => act(store, move |p, wall| p.open_at(i, wall)),
        };
        let passed = l.passed.get(i).copied().unwrap_or(false);
        let label = format!(
            "Step {}: {}{}",
            i + 1,
            s.title,
            if passed { " (done)" } else { "" }
        );
        html! {
            <li>
                <button class={classes!("dot", passed.then_some("passed"), (i == at).then_some("here"))}
                    aria-current={(i == at).then_some("step")} title={label.clone()} aria-label={label}
                    onclick={go}>{ if passed { "✓".to_string() } else { (i + 1).to_string() } }</button>
            </li>
        }
    });

    let parts = step.parts.iter().map(|part| match part {
        Part::Text(prose) => prose_html(prose),
        Part::Run(lines) => run_block(store, &p.filled(lines)),
    });
    let show_me_allowed = pack.as_ref().is_none_or(|k| k.show_me);

    let checks = verdicts.iter().map(|v| {
        let (class, mark, state) = match (&v.failure, tried) {
            (None, _) => ("pass", "✓", "passes"),
            (Some(_), true) => ("fail", "✗", "not yet"),
            (Some(_), false) => ("todo", "○", "to do"),
        };
        html! {
            <li class={class}>
                <span class="mark" aria-hidden="true">{ mark }</span>
                <code>{ v.source.clone() }</code>
                <span class="sr-only">{ format!(" ({state})") }</span>
                if let (Some(why), true) = (&v.failure, tried) {
                    <div class="reason">{ why.clone() }</div>
                }
            </li>
        }
    });

    let par = step.par.map(|par| {
        if l.typed <= par {
            format!("You did it in {}: as short as it gets.", plural(l.typed))
        } else {
            format!(
                "You did it in {}; it can be done in {}.",
                plural(l.typed),
                plural(par)
            )
        }
    });
    let last = at + 1 == n;

    let check = act(store, |p, _| {
        if let Some(l) = p.lesson_mut() {
            l.tried = true;
        }
    });
    let show_me = act(store, |p, wall| p.show_me(wall));
    let (next, prev, restart) = match &pack {
        Some(k) => {
            let (go, again) = (k.go, k.restart);
            (
                act(store, move |p, wall| go(p, at + 1, wall)),
                act(store, move |p, wall| go(p, at.saturating_sub(1), wall)),
                act(store, again),
            )
        }
        None => (
            act(store, move |p, wall| p.go_to_step(at + 1, wall)),
            act(store, move |p, wall| p.open_at(at.saturating_sub(1), wall)),
            act(store, |p, wall| p.open_at(0, wall)),
        ),
    };
    let is_pack = pack.is_some();
    let more_hint = act(store, |p, _| {
        if let Some(l) = p.lesson_mut() {
            l.hints_shown += 1;
        }
    });
    let hints_left = step.hints.len().saturating_sub(shown);

    html! {
        <section class="lesson" aria-label="Tutorial step">
            <nav class="lesson-top" aria-label="Tutorial">
                if !is_pack {
                    <a href="?tutorial">{"All tutorials"}</a>
                }
                <span class="lesson-title">{ l.tutorial.title.clone() }</span>
            </nav>
            <ol class="dots" aria-label="Steps">{ for dots }</ol>
            <h2>{
                match &pack {
                    Some(k) => k.heading.clone(),
                    None => format!("Step {} of {n}: {}", at + 1, step.title),
                }
            }</h2>
            if at == 0 && !l.tutorial.intro.is_empty() {
                { prose_html(&l.tutorial.intro) }
            }
            { for parts }
            <div class="checks" aria-live="polite">
                <h3>{"What this step checks"}</h3>
                <ul>{ for checks }</ul>
                if done {
                    <p class="success" role="status">
                        {
                            if is_pack {
                                "It passes on this data; your commands are graded on other data too when you download your results. "
                            } else if last {
                                "Tutorial complete! "
                            } else {
                                "Step done. "
                            }
                        }
                        { par.unwrap_or_default() }
                    </p>
                }
            </div>
            <div class="lesson-actions">
                <button onclick={check}>{"Check my work"}</button>
                if hints_left > 0 {
                    <button onclick={more_hint}>{ if shown == 0 { "Hint".to_string() } else { format!("Another hint ({hints_left} left)") } }</button>
                }
                if show_me_allowed {
                    <button onclick={show_me} title="Run this step's solution in the console">{"Show me"}</button>
                }
            </div>
            { for step.hints.iter().take(shown).map(|h| html! { <div class="lesson-hint" role="note">{ prose_html(h) }</div> }) }
            <div class="lesson-nav">
                <button onclick={prev} disabled={at == 0}>{"← Previous"}</button>
                if last && !is_pack {
                    <a class="button" href="?tutorial">{"Back to the list"}</a>
                } else if !last {
                    <button onclick={next} class={classes!(done.then_some("primary"))}>{"Next →"}</button>
                }
                <button onclick={restart} class="quiet" title="Back to the start state">{ if is_pack { "Restart exercise" } else { "Restart tutorial" } }</button>
                if !is_pack {
                    <button onclick={act(store, share_work)} class="quiet" title="A link to this step with what you ran">{"Share"}</button>
                }
            </div>
            { pack.map(|k| k.extra).unwrap_or_default() }
        </section>
    }
}

fn plural(n: usize) -> String {
    format!("{n} command{}", if n == 1 { "" } else { "s" })
}

/// One tutorial in the list: what it is, how long, and how far the
/// learner got.
fn card(t: &Tutorial, saved: Option<&Progress>) -> Html {
    let steps = t.steps.len();
    let passed = saved.map_or(0, |s| s.passed.iter().filter(|p| **p).count());
    let state = match passed {
        0 => "not started".to_string(),
        p if p >= steps => "done ✓".to_string(),
        p => format!("{p} of {steps} steps done"),
    };
    let action = match passed {
        0 => "Start",
        p if p >= steps => "Again",
        _ => "Continue",
    };
    html! {
        <li class="card">
            <h2><a href={format!("?tutorial={}", t.id)}>{ t.title.clone() }</a></h2>
            <p class="meta">{ format!("{} · {} min · {steps} steps", t.level.word(), t.minutes) }</p>
            if !t.prerequisites.is_empty() {
                <p class="meta">{ format!("After: {}", t.prerequisites.join(", ")) }</p>
            }
            <p class={classes!("progress", (passed >= steps).then_some("done"))}>{ state }</p>
            <a class="button" href={format!("?tutorial={}", t.id)} aria-label={format!("{action} {}", t.title)}>{ action }</a>
        </li>
    }
}

#[derive(Clone, PartialEq)]
enum Loaded {
    Waiting,
    List(Vec<Tutorial>),
    Failed(String),
    /// The tutorial is in the store's sandbox.
    Ready,
}

#[component]
pub fn LearnApp() -> Html {
    let store = use_reducer(|| {
        let now = storage::now_ms();
        AppState::new(Playground::sandbox(now, now as u64), &LEARN)
    });
    let loaded = use_state(|| Loaded::Waiting);
    {
        let loaded = loaded.clone();
        let dispatcher = store.dispatcher();
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                match route() {
                    Route::List => loaded.set(match load_all().await {
                        Ok(list) => Loaded::List(list),
                        Err(e) => Loaded::Failed(e),
                    }),
                    Route::Tutorial(id, step, work) => match load_tutorial(&id).await {
                        // A tutorial that runs the rest of the engine
                        // opens in the full build, before anything runs.
                        Ok(t)
                            if !full::is_full()
                                && t.steps
                                    .iter()
                                    .flat_map(|s| s.lines())
                                    .any(|l| crate::web::model::line_needs_ext(&l.text)) =>
                        {
                            if let Err(e) = full::reload_into_full(None) {
                                loaded.set(Loaded::Failed(format!(
                                    "This tutorial needs the rest of the engine, which could not load: {e}"
                                )));
                            }
                        }
                        Ok(t) => {
                            // Whole or not at all: a damaged link opens the
                            // step without it, and says why.
                            let work = work.map(|w| {
                                if w.len() > MAX_WORK {
                                    Err(format!("it is over {MAX_WORK} bytes"))
                                } else {
                                    progress::read_work(&w, t.steps.len())
                                }
                            });
                            let saved = progress::load(&t.id);
                            let last = t.steps.len() - 1;
                            let at = step
                                .map(|s| s - 1)
                                .or(saved.as_ref().map(|s| s.step))
                                .unwrap_or(0)
                                .min(last);
                            // Steps played before `at` (and its setup) may
                            // run scripts: the Lua module first, so that
                            // they run now and not after the learner starts.
                            let scripts = t.steps.iter().take(at + 1).any(|s| {
                                s.setup
                                    .iter()
                                    .chain(s.solution.iter())
                                    .any(|l| crate::web::model::line_runs_lua(&l.text))
                            }) || work
                                .iter()
                                .flatten()
                                .flatten()
                                .flatten()
                                .any(|l| crate::web::model::line_runs_lua(&l.text));
                            // The work is in the sandbox now: a reload
                            // opens the step, not the link again.
                            show_step_in_address(&t.id, at);
                            // Moved here from the first build: its consoles
                            // and the lines that waited for this one.
                            let handover = full::take_handover();
                            let open = move |vm: Option<Result<Box<dyn ScriptVm>, String>>| {
                                dispatcher.dispatch(Action::Do(Box::new(move |p, wall| {
                                    *p = Playground::sandbox(wall, wall as u64);
                                    if let Some(vm) = vm {
                                        p.lua_loaded(vm, wall);
                                    }
                                    p.start_lesson(t, wall);
                                    if let (Some(l), Some(s)) = (p.lesson_mut(), saved) {
                                        for (done, was) in l.passed.iter_mut().zip(s.passed) {
                                            *done = was;
                                        }
                                    }
                                    match &work {
                                        Some(Ok(logs)) => p.open_with_work(at, logs, wall),
                                        Some(Err(why)) => {
                                            p.open_at(at, wall);
                                            p.notice = Some(format!(
                                                "The link's work was not replayed ({why}): the step opened without it."
                                            ));
                                        }
                                        None => p.open_at(at, wall),
                                    }
                                    if let Some(Err(e)) =
                                        handover.map(|t| p.continue_from_handover(&t, LEARN.submit, wall))
                                    {
                                        p.notice = Some(format!(
                                            "The consoles could not be carried over ({e}): your work was replayed from the link."
                                        ));
                                    }
                                })));
                            };
                            crate::web::platform::lua::load_first(scripts, open);
                            loaded.set(Loaded::Ready);
                        }
                        Err(e) => loaded.set(Loaded::Failed(e)),
                    },
                }
            });
        });
    }
    hooks::use_clock(&store);
    hooks::use_docs_loader(&store);
    hooks::use_loaders(&store, &UPGRADE);

    let body = match &*loaded {
        Loaded::Waiting => {
            html! { <p class="loading" role="status">{"Loading the tutorials…"}</p> }
        }
        Loaded::Failed(e) => html! {
            <div class="banner" role="alert"><span>{ e.clone() }</span><a class="button" href="?tutorial">{"All tutorials"}</a></div>
        },
        Loaded::List(list) => {
            let all = progress::load_all();
            html! {
                <main class="tutorial-list">
                    <p class="intro">{"Each tutorial runs in a sandbox of its own: your playground's data is not touched. Steps check your work as you go and say what is missing."}</p>
                    <ol class="cards">{ for list.iter().map(|t| card(t, all.iter().find(|(id, _)| *id == t.id).map(|(_, p)| p))) }</ol>
                </main>
            }
        }
        Loaded::Ready => lesson_page(
            &store,
            None,
            html! {
                <aside class="side" aria-label="Inspector">
                    { key_list(&store) }
                    <KeyPicture store={store.clone()} />
                    { clients_picture(&store) }
                    { super::aof::aof_picture(&store) }
                </aside>
            },
        ),
    };

    shell("tutorials", body)
}

/// A step (or a pack's exercise) at work: the time bar, then the panel,
/// the console with its tabs, and `side` (what the page shows of the
/// data).
pub(super) fn lesson_page(store: &Store, pack: Option<PackPanel>, side: Html) -> Html {
    html! {
        <>
            { time_bar(store, Html::default()) }
            <main class="panes lesson-panes">
                { lesson_panel(store, pack) }
                <section class="console-pane" aria-label="Console">
                    { client_tabs(store, true) }
                </section>
                { side }
            </main>
        </>
    }
}

/// The tutorial and pack pages' frame: the header (what the page is, the
/// way to the tutorials and to the learner's own playground) over `body`.
pub(super) fn shell(tagline: &str, body: Html) -> Html {
    html! {
        <div class="app learn">
            <header class="top">
                <h1>{"Reddish"}</h1>
                <span class="tagline">{ tagline.to_string() }</span>
                <div class="actions">
                    <a class="button" href="?tutorial">{"All tutorials"}</a>
                    <a class="button" href="./" title="Your own playground, with its data">{"Playground"}</a>
                </div>
            </header>
            { body }
        </div>
    }
}

pub fn run() {
    super::mount::<LearnApp>();
}
