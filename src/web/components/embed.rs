//! An embedded console for docs pages (`?embed=1`, the page's third
//! entry, src/bin/reddish-embed.rs: a page with twenty consoles loads
//! only this): a console with its client tabs, example commands as Run
//! buttons or pre-typed, data seeded before the reader types, and with
//! `picture=1` the picture of the last key touched. It fits a 600x300
//! iframe, tells the parent page its height whenever it changes, opens
//! no dialog and saves nothing (this entry has no saving code at all).
//! `www/embed.js` turns `<pre class="reddish">` blocks into such iframes.

use web_sys::UrlSearchParams;
use yew::prelude::*;

use super::pictures::KeyPicture;
use super::tabs::client_tabs;
use crate::web::hooks;
use crate::web::model::{LineKind, Playground};
use crate::web::platform::{full, storage};
use crate::web::state::{Action, AppState, Store, PLAYGROUND};

/// Seed lines run; the rest are dropped with a note.
pub const MAX_SEED_LINES: usize = 200;
/// Run buttons shown; the rest are dropped with a note.
pub const MAX_RUN_LINES: usize = 20;

/// What the address asks of the embedded console.
#[derive(Clone, PartialEq, Default)]
pub struct Options {
    /// Commands run before the reader types, unseen.
    pub seed: Vec<String>,
    /// Example commands, each a Run button.
    pub run: Vec<String>,
    /// An example put in the input line.
    pub typed: Option<String>,
    pub picture: bool,
}

fn lines(q: &UrlSearchParams, name: &str) -> Vec<String> {
    q.get(name)
        .unwrap_or_default()
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(String::from)
        .collect()
}

impl Options {
    pub fn read(q: &UrlSearchParams) -> Options {
        Options {
            seed: lines(q, "seed"),
            run: lines(q, "run"),
            typed: q.get("type").filter(|t| !t.is_empty()),
            picture: q.get("picture").is_some_and(|v| v == "1"),
        }
    }

    /// Whether any of its lines needs the rest of the engine (the full
    /// build is loaded before anything runs).
    pub fn needs_ext(&self) -> bool {
        self.seed
            .iter()
            .chain(&self.run)
            .chain(&self.typed)
            .any(|l| crate::web::model::line_needs_ext(l))
    }

    /// Whether the seed runs scripts (the Lua module is loaded first).
    pub fn seeds_scripts(&self) -> bool {
        self.seed
            .iter()
            .any(|l| crate::web::model::line_runs_lua(l))
    }
}

/// Run the seed in client 1 as if typed, then clear the consoles: the
/// reader starts from the data, not from a transcript.
pub fn seed(p: &mut Playground, opts: &Options, wall: i64) {
    for line in opts.seed.iter().take(MAX_SEED_LINES) {
        p.submit(0, line, wall);
    }
    for c in &mut p.clients {
        c.lines.clear();
    }
    p.narrator = Default::default();
    let dropped = opts.seed.len().saturating_sub(MAX_SEED_LINES);
    if dropped > 0 {
        p.push(
            0,
            LineKind::Note,
            format!(
                "(the seed has {} lines: the first {MAX_SEED_LINES} ran, {dropped} did not)",
                opts.seed.len()
            ),
        );
    }
}

/// The embedded console moves to the full build by replaying what the
/// reader ran after the seed (the full build seeds again from the
/// address).
static UPGRADE: hooks::Upgrade = hooks::Upgrade {
    before: None,
    prepare: |p| Ok(p.log.clone().unwrap_or_default()),
};

/// Tell the parent page the console's height whenever it changes (a
/// `{reddish: "height", height}` message), so it can size the iframe.
fn post_height() {
    if let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        // The page's own CSS fills the window; embedded, it is as tall as
        // its content.
        el.set_class_name("embedded");
    }
    let install = js_sys::Function::new_no_args(
        "const b = document.body;\
         const post = () => parent.postMessage({ reddish: 'height', height: Math.ceil(b.getBoundingClientRect().height) }, '*');\
         new ResizeObserver(post).observe(b); post();",
    );
    let _ = install.call0(&wasm_bindgen::JsValue::NULL);
}

fn view(store: &Store, opts: &Options) -> Html {
    let active = store.model.borrow().active;
    let runs = opts.run.iter().take(MAX_RUN_LINES).map(|line| {
        let store = store.clone();
        let text = line.clone();
        let onclick = Callback::from(move |_: MouseEvent| {
            store.dispatch(Action::Submit {
                client: active,
                text: text.clone(),
            })
        });
        html! {
            <button class="run" {onclick} aria-label={format!("Run {line}")}><code>{ line.clone() }</code></button>
        }
    });
    html! {
        <div class="embed">
            if !opts.run.is_empty() {
                <div class="embed-runs" role="group" aria-label="Examples">{ for runs }</div>
            }
            <section class="console-pane" aria-label="Console">
                { client_tabs(store, false) }
            </section>
            if opts.picture {
                <KeyPicture store={store.clone()} />
            }
            <p class="embed-foot">
                <a href="./" target="_blank" rel="noopener">{"Reddish"}</a>{": Redis 7 in your browser"}
            </p>
        </div>
    }
}

fn options() -> Options {
    web_sys::window()
        .and_then(|w| w.location().search().ok())
        .and_then(|s| UrlSearchParams::new_with_str(&s).ok())
        .map(|q| Options::read(&q))
        .unwrap_or_default()
}

#[component]
pub fn EmbedApp() -> Html {
    let opts = use_state(options);
    let store = use_reducer(|| {
        let now = storage::now_ms();
        let mut p = Playground::sandbox(now, now as u64);
        // Before the console is there: it reads this once.
        p.pretyped = opts.typed.clone();
        AppState::new(p, &PLAYGROUND)
    });
    {
        let dispatcher = store.dispatcher();
        let opts = (*opts).clone();
        use_effect_with((), move |_| {
            post_height();
            if !full::is_full() && opts.needs_ext() && full::reload_into_full(None).is_ok() {
                return;
            }
            let handover = full::take_handover();
            crate::web::platform::lua::load_first(opts.seeds_scripts(), move |vm| {
                dispatcher.dispatch(Action::Do(Box::new(move |p, wall| {
                    if let Some(vm) = vm {
                        p.lua_loaded(vm, wall);
                    }
                    seed(p, &opts, wall);
                    p.log = Some(Vec::new());
                    if let Some(text) = handover {
                        if let Err(e) = p.continue_from_handover(&text, Playground::submit, wall) {
                            p.push(
                                0,
                                LineKind::Note,
                                format!("(what you ran could not be carried over: {e})"),
                            );
                        }
                    }
                })));
            });
        });
    }
    hooks::use_clock(&store);
    hooks::use_docs_loader(&store);
    hooks::use_loaders(&store, &UPGRADE);
    view(&store, &opts)
}

pub fn run() {
    super::mount::<EmbedApp>();
}
