//! The time bar: the engine clock (paused or running, how far ahead of
//! the wall clock), buttons that move it forward, and undo/redo with the
//! step each would undo or redo.

use yew::prelude::*;

use crate::web::describe::{at_risk, duration, plural, utc_text};
use crate::web::model::Playground;
use crate::web::state::{Action, Store};

/// The jump buttons: milliseconds, text, accessible name.
const JUMPS: [(i64, &str, &str); 4] = [
    (1_000, "+1 s", "Forward 1 second"),
    (10_000, "+10 s", "Forward 10 seconds"),
    (60_000, "+1 min", "Forward 1 minute"),
    (3_600_000, "+1 h", "Forward 1 hour"),
];

/// The crash controls: drawn by the full build only (a first load has no
/// disk to crash against, and carries none of their code).
static DISK_BAR: std::sync::OnceLock<fn(&Store, &Playground) -> Html> = std::sync::OnceLock::new();

pub fn install_disk_bar() {
    let _ = DISK_BAR.set(disk_bar);
}

/// What a crash would lose now, beside Crash and Power cut, once there
/// is a disk.
fn disk_bar(store: &Store, p: &Playground) -> Html {
    let Some(d) = p.engine.durability() else {
        return Html::default();
    };
    let line = |text: &'static str| {
        let store = store.clone();
        let client = p.active;
        Callback::from(move |_: MouseEvent| {
            store.dispatch(Action::Submit {
                client,
                text: text.into(),
            })
        })
    };
    html! {
        <span class="durability" role="group" aria-label="Crash and restart">
            <span class="at-risk">{ at_risk(&d, p.engine.now_ms()) }</span>
            <button onclick={line("DEBUG CRASH-AND-RECOVER")}
                title="Kill the server process and start it again (DEBUG CRASH-AND-RECOVER): its memory is lost, what it wrote to its files is not">{"Crash"}</button>
            <button onclick={line("DEBUG POWER-CUT")}
                title="Cut the machine's power and start again (DEBUG POWER-CUT, this page's own): memory is lost, and what the disk had not yet flushed">{"Power cut"}</button>
        </span>
    }
}

/// A plain view function rather than a component: it has no state of its
/// own, and every component type costs the page's wasm its own copy of
/// Yew's lifecycle code (the first load has a size budget).
pub fn time_bar(store: &Store, history: Html) -> Html {
    let p = store.model.borrow();
    let now = p.engine.now_ms();
    let paused = p.clock.paused();
    let ahead = p.clock.offset_ms;
    let send = |a: fn() -> Action| {
        let store = store.clone();
        Callback::from(move |_: MouseEvent| store.dispatch(a()))
    };
    let jump = |ms: i64| {
        let store = store.clone();
        Callback::from(move |_: MouseEvent| store.dispatch(Action::Jump(ms)))
    };
    let dismiss = send(|| Action::DismissNotice);
    // Once there is a disk (the full build's): what a crash would lose,
    // and the two crashes.
    let durability = DISK_BAR.get().map(|draw| draw(store, &p));
    html! {
        <div class="timebar" role="toolbar" aria-label="Time and history">
            <span class={classes!("clock", paused.then_some("paused"))} aria-live="off">
                <span class="clock-state">{ if paused { "‖ paused" } else { "▶ running" } }</span>
                <time class="clock-now">{ utc_text(now) }</time>
                if ahead > 0 { <span class="ahead">{ format!("(+{} ahead)", duration(ahead)) }</span> }
            </span>
            if paused {
                <button onclick={send(|| Action::Resume)} title="Let the clock run again">{"Resume"}</button>
            } else {
                <button onclick={send(|| Action::Pause)} title="Stop the engine clock">{"Pause"}</button>
            }
            { for JUMPS.iter().map(|(ms, text, aria)| html! {
                <button onclick={jump(*ms)} aria-label={*aria}>{ *text }</button>
            }) }
            <button onclick={send(|| Action::NextExpiry)} title="Jump to the moment the next key expires">{"next expiry"}</button>
            { for durability }
            { history }
            if let Some(n) = &p.notice {
                <span class="notice" role="alert">{ n.clone() }<button class="link" onclick={dismiss}>{"ok"}</button></span>
            }
        </div>
    }
}

/// Undo and redo with the step each would undo or redo (the playground's;
/// a tutorial has none: its steps are the way back).
pub fn history_controls(store: &Store) -> Html {
    let p = store.model.borrow();
    let send = |a: fn() -> Action| {
        let store = store.clone();
        Callback::from(move |_: MouseEvent| store.dispatch(a()))
    };
    let (undo_n, redo_n) = p.history.depth();
    let undo_label = p.history.undo_label().map(|l| format!("Undo {l}"));
    let redo_label = p.history.redo_label().map(|l| format!("Redo {l}"));
    html! {
        <>
            <span class="history" role="group" aria-label="History">
                <button onclick={send(Action::undo)} disabled={undo_n == 0}
                    title={undo_label.clone().unwrap_or_else(|| "Nothing to undo".into())}
                    aria-label={undo_label.clone().unwrap_or_else(|| "Undo".into())}>{"↶ Undo"}</button>
                <button onclick={send(Action::redo)} disabled={redo_n == 0}
                    title={redo_label.clone().unwrap_or_else(|| "Nothing to redo".into())}
                    aria-label={redo_label.clone().unwrap_or_else(|| "Redo".into())}>{"Redo ↷"}</button>
                <span class="history-pos">{
                    match (undo_n, redo_n) {
                        (0, 0) => "no history yet".to_string(),
                        (u, 0) => format!("{} to undo", plural(u, "step", "steps")),
                        (u, r) => format!("{} back · {u} to undo", plural(r, "step", "steps")),
                    }
                }</span>
            </span>
            if let Some(reason) = &p.history.off_reason {
                <span class="history-off" role="note">{ reason.clone() }</span>
            }
        </>
    }
}
