//! One client's console: the output log, the prompt, the input line with
//! history, Tab completion and redis-cli's grey syntax hint; while its
//! client waits in a blocking command, what it waits for and a Cancel
//! button instead of the input line.

use wasm_bindgen::JsCast;
use web_sys::{HtmlElement, HtmlInputElement};
use yew::prelude::*;

use crate::cli::help;
use crate::web::describe;
use crate::web::model::{LineKind, MAX_INPUT};
use crate::web::state::{Action, Store};

/// Bytes of a console line shown before "… N more characters".
const SHOWN_BYTES: usize = 4_000;

fn more_text(n: usize) -> String {
    format!("… {n} more character{}", if n == 1 { "" } else { "s" })
}

/// One console per client: the app keys it by the client's connection, so
/// typed text and the history position never leak between tabs.
#[derive(Properties, PartialEq)]
pub struct ConsoleProps {
    pub store: Store,
    pub index: usize,
}

/// Where Up/Down and Tab are, between keystrokes.
#[derive(Clone, PartialEq, Default)]
struct Nav {
    /// Position in the history while browsing it (None: editing a new line).
    history: Option<usize>,
    /// The line before browsing started, restored past the newest entry.
    draft: String,
    /// Tab candidates for `stem`, and which one is shown.
    candidates: Vec<String>,
    stem: String,
    pick: usize,
}

#[component]
pub fn Console(props: &ConsoleProps) -> Html {
    // A line put there for the learner (an embedded console's example).
    let input = use_state(|| {
        props
            .store
            .model
            .try_borrow_mut()
            .ok()
            .and_then(|mut p| p.pretyped.take())
            .unwrap_or_default()
    });
    let nav = use_mut_ref(Nav::default);
    let input_ref = use_node_ref();
    let output_ref = use_node_ref();

    let is_waiting = props
        .store
        .model
        .borrow()
        .clients
        .get(props.index)
        .is_some_and(|c| c.waiting.is_some());
    let cancel_ref = use_node_ref();
    // Focus the input on load, whenever the tab changes and when a wait
    // ends; while waiting, the Cancel button (so Enter or Ctrl-C stop it).
    // Keep the newest output in view after every change.
    {
        let input_ref = input_ref.clone();
        let cancel_ref = cancel_ref.clone();
        use_effect_with((props.index, is_waiting), move |(_, waiting)| {
            let el = if *waiting {
                cancel_ref.cast::<HtmlElement>()
            } else {
                input_ref.cast::<HtmlElement>()
            };
            if let Some(el) = el {
                let _ = el.focus();
            }
        });
    }
    {
        let output_ref = output_ref.clone();
        let lines = props
            .store
            .model
            .borrow()
            .clients
            .get(props.index)
            .map_or(0, |c| c.written);
        use_effect_with((props.index, lines), move |_| {
            if let Some(el) = output_ref.cast::<HtmlElement>() {
                el.set_scroll_top(el.scroll_height());
            }
        });
    }

    let submit = {
        let store = props.store.clone();
        let index = props.index;
        let input = input.clone();
        let nav = nav.clone();
        let input_ref = input_ref.clone();
        move |text: String| {
            store.dispatch(Action::Submit {
                client: index,
                text,
            });
            *nav.borrow_mut() = Nav::default();
            input.set(String::new());
            if let Some(el) = input_ref.cast::<HtmlInputElement>() {
                let _ = el.focus();
            }
        }
    };

    let onkeydown = {
        let store = props.store.clone();
        let index = props.index;
        let input = input.clone();
        let nav = nav.clone();
        let submit = submit.clone();
        Callback::from(move |e: KeyboardEvent| {
            let current = e.target_unchecked_into::<HtmlInputElement>().value();
            match e.key().as_str() {
                "Enter" => {
                    e.prevent_default();
                    submit(current);
                }
                "l" | "L" if e.ctrl_key() => {
                    e.prevent_default();
                    store.dispatch(Action::ClearConsole(index));
                }
                "ArrowUp" | "ArrowDown" => {
                    e.prevent_default();
                    let history = store
                        .model
                        .borrow()
                        .clients
                        .get(index)
                        .map(|c| c.history.clone())
                        .unwrap_or_default();
                    let mut n = nav.borrow_mut();
                    if history.is_empty() {
                        return;
                    }
                    let up = e.key() == "ArrowUp";
                    let next = match (n.history, up) {
                        (None, true) => {
                            n.draft = current;
                            Some(history.len() - 1)
                        }
                        (None, false) => None,
                        (Some(i), true) => Some(i.saturating_sub(1)),
                        (Some(i), false) if i + 1 < history.len() => Some(i + 1),
                        (Some(_), false) => None,
                    };
                    n.history = next;
                    let text = match next {
                        Some(i) => history.get(i).cloned().unwrap_or_default(),
                        None => n.draft.clone(),
                    };
                    input.set(text);
                }
                // Tab completes only when there is something typed: on an
                // empty line, and with Shift, it moves the focus as usual,
                // so the page stays usable from the keyboard alone.
                "Tab" if !e.shift_key() && !current.is_empty() => {
                    e.prevent_default();
                    let mut n = nav.borrow_mut();
                    if n.candidates.is_empty() || !n.candidates.contains(&current) {
                        let p = store.model.borrow();
                        let keys = p.completion_keys(index, &current);
                        n.stem = current.clone();
                        n.candidates = help::complete(&current, keys.iter().map(|k| k.as_slice()));
                        n.pick = 0;
                    } else {
                        n.pick = (n.pick + 1) % n.candidates.len().max(1);
                    }
                    if let Some(c) = n.candidates.get(n.pick) {
                        input.set(c.clone());
                    }
                }
                _ => {}
            }
        })
    };

    let oninput = {
        let input = input.clone();
        Callback::from(move |e: InputEvent| {
            let v = e.target_unchecked_into::<HtmlInputElement>().value();
            input.set(v);
        })
    };

    // A paste with line breaks runs each complete line, as redis-cli does
    // with piped input; what follows the last break stays in the input.
    let onpaste = {
        let input = input.clone();
        let submit = submit.clone();
        Callback::from(move |e: Event| {
            let Some(ev) = e.dyn_ref::<web_sys::ClipboardEvent>() else {
                return;
            };
            let Some(text) = ev.clipboard_data().and_then(|d| d.get_data("text").ok()) else {
                return;
            };
            if !text.contains('\n') {
                return;
            }
            e.prevent_default();
            let whole = format!("{}{}", *input, text);
            if whole.len() > MAX_INPUT {
                submit(whole);
                return;
            }
            let (done, rest) = match whole.rfind('\n') {
                Some(p) => (
                    whole.get(..p).unwrap_or_default().to_string(),
                    whole.get(p + 1..).unwrap_or_default().to_string(),
                ),
                None => (String::new(), whole.clone()),
            };
            submit(done);
            input.set(rest);
        })
    };

    let focus_input = {
        let input_ref = input_ref.clone();
        Callback::from(move |_: MouseEvent| {
            // Clicking the log focuses the input, unless text is being selected.
            let selecting = web_sys::window()
                .and_then(|w| w.get_selection().ok().flatten())
                .is_some_and(|s| !s.is_collapsed());
            if !selecting {
                if let Some(el) = input_ref.cast::<HtmlInputElement>() {
                    let _ = el.focus();
                }
            }
        })
    };

    let cancel = {
        let store = props.store.clone();
        let index = props.index;
        Callback::from(move |_: MouseEvent| store.dispatch(Action::CancelWait(index)))
    };
    // Ctrl-C while waiting cancels, as it stops redis-cli.
    let cancel_key = {
        let store = props.store.clone();
        let index = props.index;
        Callback::from(move |e: KeyboardEvent| {
            if e.ctrl_key() && e.key().eq_ignore_ascii_case("c") {
                e.prevent_default();
                store.dispatch(Action::CancelWait(index));
            }
        })
    };

    let model = props.store.model.borrow();
    let prompt = model.prompt(props.index);
    let waiting = model.waiting_text(props.index);
    let lines = model
        .clients
        .get(props.index)
        .map(|c| c.lines.clone())
        .unwrap_or_default();
    let name = model
        .clients
        .get(props.index)
        .map(|c| c.name.clone())
        .unwrap_or_default();
    // `help::hint` puts the space in front itself, as redis-cli does.
    let hint = if model.hints {
        help::hint(&input).unwrap_or_default()
    } else {
        String::new()
    };
    let rendered = lines.iter().map(|l| {
        let class = match l.kind {
            LineKind::Input => "line input",
            LineKind::Reply => "line reply",
            LineKind::Error => "line error",
            LineKind::Note => "line note",
        };
        let (head, rest) = describe::split_for_screen(&l.text, SHOWN_BYTES);
        if rest.is_empty() {
            return html! { <pre class={class}>{ head }</pre> };
        }
        // The rest of a giant line is laid out only when opened.
        html! {
            <pre class={class}>{ head }<details class="more">
                <summary>{ more_text(rest.chars().count()) }</summary>
                { rest }
            </details></pre>
        }
    });

    html! {
        <div class="console" onclick={focus_input}>
            <div class="output" ref={output_ref} role="log" aria-live="polite" aria-label={format!("Output of {name}")}>
                { for rendered }
            </div>
            if let Some(text) = waiting {
                <div class="waiting" role="status" onkeydown={cancel_key}>
                    <span class="spinner" aria-hidden="true"></span>
                    <span class="waiting-text">{ text }</span>
                    <button class="cancel" ref={cancel_ref} onclick={cancel} title="Stop waiting (Ctrl-C)">{"Cancel"}</button>
                </div>
            } else {
            <div class="prompt-row">
                <label class="prompt" for={format!("console-input-{}", props.index)}>{ prompt }</label>
                <div class="input-wrap">
                    <input
                        id={format!("console-input-{}", props.index)}
                        ref={input_ref}
                        class="cmd"
                        type="text"
                        value={(*input).clone()}
                        {oninput}
                        {onkeydown}
                        {onpaste}
                        autocomplete="off"
                        autocapitalize="off"
                        spellcheck="false"
                        aria-describedby={format!("console-hint-{}", props.index)}
                    />
                    <div class="hint" aria-hidden="true">
                        <span class="ghost">{ (*input).clone() }</span>
                        <span class="hint-text">{ hint.clone() }</span>
                    </div>
                    <span id={format!("console-hint-{}", props.index)} class="sr-only">{ hint }</span>
                </div>
            </div>
            }
        </div>
    }
}
