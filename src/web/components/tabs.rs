//! The client tabs above the console (select, rename, close, open
//! another) and the console of the tab in front: the playground and the
//! tutorial page draw them alike.

use yew::prelude::*;

use super::console::Console;
use crate::web::state::{Action, Store};

/// `renaming`: whether tabs can be renamed (a `prompt`, which an
/// embedded console must not open).
pub fn client_tabs(store: &Store, renaming: bool) -> Html {
    let p = store.model.borrow();
    let active = p.active;
    let tabs = p.clients.iter().enumerate().map(|(i, c)| {
        let select = {
            let store = store.clone();
            Callback::from(move |_: MouseEvent| store.dispatch(Action::SelectClient(i)))
        };
        let rename = {
            let store = store.clone();
            let current = c.name.clone();
            Callback::from(move |_: MouseEvent| {
                let answer = web_sys::window().and_then(|w| {
                    w.prompt_with_message_and_default("Name this client", &current)
                        .ok()
                        .flatten()
                });
                if let Some(name) = answer {
                    store.dispatch(Action::RenameClient(i, name));
                }
            })
        };
        let close = {
            let store = store.clone();
            Callback::from(move |_: MouseEvent| store.dispatch(Action::CloseClient(i)))
        };
        let selected = i == active;
        let waiting = c.waiting.is_some();
        html! {
            <div class={classes!("tab", selected.then_some("active"), waiting.then_some("waiting"))} role="tab" aria-selected={selected.to_string()}>
                <button class="tab-name" onclick={select} ondblclick={renaming.then(|| rename.clone())} title={renaming.then_some("Double-click to rename")}>
                    { c.name.clone() }
                    if waiting {
                        <span class="tab-waiting" title="Waiting in a blocking command">{" ⏳"}</span>
                    }
                </button>
                if renaming {
                    <button class="tab-icon" onclick={rename} aria-label={format!("Rename {}", c.name)} title="Rename">{"✎"}</button>
                }
                if p.clients.len() > 1 {
                    <button class="tab-icon" onclick={close} aria-label={format!("Close {}", c.name)} title="Close">{"×"}</button>
                }
            </div>
        }
    });

    let add_client = {
        let store = store.clone();
        Callback::from(move |_: MouseEvent| store.dispatch(Action::OpenClient))
    };

    let console_key = p.clients.get(active).map_or(0, |c| c.session);
    html! {
        <>
            <div class="tabs" role="tablist" aria-label="Clients">
                { for tabs }
                <button class="tab-add" onclick={add_client} aria-label="Open another client" title="Open another client">{"+ client"}</button>
            </div>
            <Console key={console_key.to_string()} store={store.clone()} index={active} />
        </>
    }
}
