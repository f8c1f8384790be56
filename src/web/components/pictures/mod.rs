//! The picture of one key: the key the learner picked, or the key the
//! last command touched. Each type draws its own picture (`list.rs`,
//! `hash.rs`, `set.rs`, `zset.rs`, `string.rs`) from a window of the
//! value (the inspection API's `key_window`, never the whole value) and
//! the effects the engine reported for the last command. They share one
//! windowed primitive, [`Windowed`], so a million elements cost one
//! screenful. Every picture's accessible name is its text description
//! (`describe.rs`), which the browser tests read.

pub mod bits;
mod cells;
mod geo;
mod hash;
mod list;
mod set;
mod stream;
mod string;
mod zset;

use yew::prelude::*;

use crate::engine::views::KeyWindow;
use crate::web::describe::{self, show, SHOW_CHARS};
use crate::web::scene::Scene;
use crate::web::state::{Action, Store};

/// A picture only the full build draws (bitmaps and HyperLogLogs,
/// `bits.rs`; maps of geo keys, `geo.rs`): its description and drawing,
/// or `None` for the type's own picture.
type ExtraView = fn(
    &crate::engine::Engine,
    &crate::engine::inspect::KeyInfo,
    usize,
    &[&crate::engine::events::Effect],
) -> Option<(String, Html)>;

static EXTRA_VIEW: std::sync::OnceLock<ExtraView> = std::sync::OnceLock::new();

/// Called by the full build only, so the first loads carry no such view.
pub fn install_extra_view(view: ExtraView) {
    let _ = EXTRA_VIEW.set(view);
}

/// Elements one window shows.
pub const PAGE: usize = 60;
/// Bytes of one element a picture keeps.
pub const CLIP: usize = 200;

#[derive(Properties, PartialEq)]
pub struct PictureProps {
    pub store: Store,
}

/// Where the window starts so that what the last command did is in view.
pub(crate) fn anchor(scene: &Scene, db: usize, key: &[u8], size: usize) -> usize {
    use crate::engine::events::{Effect, End, Selection};
    let at = scene.on_key(db, key).find_map(|e| match e {
        Effect::Pushed {
            end: End::Tail,
            values,
        } => Some(size.saturating_sub(values.len())),
        Effect::Pushed { end: End::Head, .. } => Some(0),
        Effect::Popped { end: End::Tail, .. } => Some(size),
        Effect::Inserted { index, .. } | Effect::Replaced { index, .. } => Some(*index),
        Effect::Scored { to, .. } => Some(to.1),
        Effect::Selected(Selection::Range {
            span: Some((a, _)), ..
        }) => Some(*a),
        Effect::Removed { indexes } => indexes.first().copied(),
        _ => None,
    });
    let at = at.unwrap_or(0);
    let start = at.saturating_sub(PAGE / 3);
    start.min(size.saturating_sub(PAGE))
}

#[component]
pub fn KeyPicture(props: &PictureProps) -> Html {
    let store = &props.store;
    let p = store.model.borrow();
    let scene = &p.narrator.scene;
    let target = store.selected.clone().or_else(|| scene.focus.clone());
    // (key, scene serial) the window was placed for, and its start.
    let window = use_state(|| (None::<(usize, Vec<u8>)>, 0u64, 0usize));
    // A move between lists: its traveller is placed once laid out.
    use_effect_with(scene.serial, |_| list::place_traveller());
    let info = target
        .as_ref()
        .and_then(|(db, key)| p.engine.key_info(*db, key));
    let start = match (&target, &info) {
        (Some(t), Some(i)) => {
            if window.0.as_ref() != Some(t) || window.1 != scene.serial {
                let s = if store.selected.is_some() && window.0.as_ref() == Some(t) {
                    window.2.min(i.size.saturating_sub(1))
                } else {
                    anchor(scene, t.0, &t.1, i.size)
                };
                let w = window.clone();
                let t = t.clone();
                let serial = scene.serial;
                // Remember it without a render loop: set after this one.
                if *window != (Some(t.clone()), serial, s) {
                    w.set((Some(t), serial, s));
                }
                s
            } else {
                window.2
            }
        }
        _ => 0,
    };
    let move_to = {
        let window = window.clone();
        Callback::from(move |s: usize| {
            let (k, serial, _) = (*window).clone();
            window.set((k, serial, s));
        })
    };

    let narration = p.narrator.current().unwrap_or_default().to_string();
    let follow = {
        let store = store.clone();
        Callback::from(move |_: MouseEvent| store.dispatch(Action::SelectKey(None)))
    };

    // A move between two lists draws both, even when it emptied (and so
    // deleted) the one in focus.
    let transfer = scene.transfer().filter(|t| {
        store.selected.is_none()
            && target
                .as_ref()
                .is_some_and(|(db, key)| t.db == *db && (t.from == *key || t.to == *key))
    });
    let body = match (&target, &info) {
        _ if transfer.is_some() => transfer
            .as_ref()
            .map(|t| list::transfer_picture(&p.engine, scene, t))
            .unwrap_or_default(),
        (None, _) => html! {
            <p class="muted">{"Run a command, or pick a key in the list, to see its picture."}</p>
        },
        (Some((_, key)), None) => html! {
            <p class="muted picture-gone">{ format!("{} does not exist (any more).", show(key, SHOW_CHARS)) }</p>
        },
        (Some((db, key)), Some(info)) => {
            let effects: Vec<&crate::engine::events::Effect> = scene.on_key(*db, key).collect();
            let special = EXTRA_VIEW
                .get()
                .and_then(|view| view(&p.engine, info, *db, &effects));
            if let Some((desc, drawing)) = special {
                figure("string", desc, drawing)
            } else if info.type_name == "string" {
                let bytes = p.engine.string_prefix(*db, key, 4096).unwrap_or_default();
                let desc = describe::describe_string(info, &bytes);
                figure(
                    "string",
                    desc,
                    html! {
                        <>
                            <p class="text"><span class="value">{ show(&bytes, 400) }</span></p>
                            { cells::render(&string::cells(&bytes, &effects), "bytes") }
                            { string::extra(&bytes, info.size, &effects) }
                        </>
                    },
                )
            } else {
                match p.engine.key_window(*db, key, start, PAGE, CLIP) {
                    None => html! {},
                    Some(w) => {
                        let set_op = scene.set_op.as_ref();
                        let (list, layout, extra) = match info.type_name {
                            "list" => (list::cells(&w, &effects), "row", None),
                            "hash" => (hash::cells(&w, &effects), "grid", None),
                            "set" => (
                                set::cells(&w, &effects, set_op),
                                "chips",
                                set::venn_for(&w, set_op, &p.engine),
                            ),
                            _ => (zset::cells(&w, &effects), "bars", None),
                        };
                        let inner = html! {
                            <>
                                if layout == "row" { <div class="ends" aria-hidden="true"><span>{"head ⟵"}</span><span>{"⟶ tail"}</span></div> }
                                { cells::render(&list, layout) }
                                { for extra }
                            </>
                        };
                        windowed(
                            info.size,
                            w.start,
                            w.rows.len(),
                            &move_to,
                            figure(info.type_name, label(&w), inner),
                        )
                    }
                }
            }
        }
    };
    let head = target.as_ref().map(|(db, key)| {
        let facts = info.as_ref().map(|i| {
            let access = p
                .engine
                .key_access(*db, key)
                .map(|a| describe::access(&a))
                .unwrap_or_default();
            format!(
                "{} · {} · encoding {}{}{access}",
                describe::kind_word(i.type_name),
                describe::unit(i.type_name, i.size),
                i.encoding,
                if *db != 0 { format!(" · db{db}") } else { String::new() }
            )
        });
        html! {
            <div class="picture-head">
                <h3>{ show(key, SHOW_CHARS) }</h3>
                if let Some(f) = facts { <span class="facts">{ f }</span> }
                if store.selected.is_some() {
                    <button class="link" onclick={follow.clone()} title="Show the key each command touches">{"follow commands"}</button>
                }
            </div>
        }
    });
    let reason = info
        .as_ref()
        .map(describe::encoding_reason)
        .unwrap_or_default();
    let changed: Vec<String> = target
        .as_ref()
        .map(|(db, key)| {
            scene
                .on_key(*db, key)
                .filter_map(|e| match e {
                    crate::engine::events::Effect::Encoding { from, to, reason } => {
                        Some(format!("Encoding changed from {from} to {to}: {reason}."))
                    }
                    _ => None,
                })
                .collect()
        })
        .unwrap_or_default();

    html! {
        <section class="picture-pane" aria-label="Picture">
            <p class="narration" aria-live="polite">{ narration }</p>
            { for head }
            { body }
            if !reason.is_empty() {
                <p class="encoding-why">{ reason }</p>
            }
            { for changed.into_iter().map(|c| html! { <p class="encoding-changed" role="note">{"⚑ "}{ c }</p> }) }
        </section>
    }
}

/// The one windowed primitive: a page of cells, bars or rows, with the
/// way to the rest. Nothing outside the window is ever drawn.
fn windowed(
    total: usize,
    start: usize,
    shown: usize,
    on_move: &Callback<usize>,
    children: Html,
) -> Html {
    let end = start + shown;
    let go = |to: usize| {
        let cb = on_move.clone();
        Callback::from(move |_: MouseEvent| cb.emit(to))
    };
    let last_start = total.saturating_sub(PAGE);
    html! {
        <div class="windowed">
            { children }
            if total > shown {
                <div class="pager" role="group" aria-label="Move through the value">
                    <button onclick={go(0)} disabled={start == 0} aria-label="First page">{"«"}</button>
                    <button onclick={go(start.saturating_sub(PAGE))} disabled={start == 0} aria-label="Previous page">{"‹"}</button>
                    <span class="pos">{ format!("{}–{} of {}", start, end.saturating_sub(1), total) }</span>
                    <button onclick={go((start + PAGE).min(last_start))} disabled={end >= total} aria-label="Next page">{"›"}</button>
                    <button onclick={go(last_start)} disabled={end >= total} aria-label="Last page">{"»"}</button>
                </div>
            }
        </div>
    }
}

/// A picture: its accessible name is its description, which the browser
/// tests read.
pub(crate) fn figure(type_name: &str, desc: String, inner: Html) -> Html {
    html! {
        <figure class={classes!("picture", format!("{type_name}-picture"))} aria-label={desc}>
            { inner }
        </figure>
    }
}

/// The description of a collection's picture (its accessible name).
pub fn label(w: &KeyWindow) -> String {
    describe::describe_window(w)
}
