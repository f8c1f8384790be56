//! A hash: its fields and values as a table, fields the last command
//! wrote marked "set", deleted ones listed struck through.

use yew::prelude::*;

use crate::engine::events::Effect;
use crate::engine::views::KeyWindow;
use crate::web::describe::{show, SHOW_CHARS};

pub fn picture(w: &KeyWindow, effects: &[Effect]) -> Html {
    let label = super::label(w);
    let written: Vec<&Vec<u8>> = effects
        .iter()
        .filter_map(|e| match e {
            Effect::FieldsSet { fields, .. } => Some(fields),
            _ => None,
        })
        .flatten()
        .collect();
    let deleted: Vec<&Vec<u8>> = effects
        .iter()
        .filter_map(|e| match e {
            Effect::FieldsDeleted { fields } => Some(fields),
            _ => None,
        })
        .flatten()
        .collect();
    let rows = w.rows.iter().map(|r| {
        let changed = written
            .iter()
            .any(|f| f.as_slice() == r.item.bytes.as_slice());
        let value = r.value.as_ref();
        html! {
            <tr class={classes!(changed.then_some("changed"))}>
                <td class="field">{ show(&r.item.bytes, SHOW_CHARS) }</td>
                <td class="value">
                    { value.map(|v| show(&v.bytes, SHOW_CHARS)).unwrap_or_default() }
                    if let Some(v) = value.filter(|v| v.len > v.bytes.len()) {
                        <span class="cut">{ format!(" ({} bytes)", v.len) }</span>
                    }
                </td>
                <td class="mark">if changed { <span class="badge">{"set"}</span> }</td>
            </tr>
        }
    });
    html! {
        <figure class="picture hash-picture" aria-label={label.clone()} data-description={label}>
            <table class="fields">
                <thead><tr><th>{"field"}</th><th>{"value"}</th><th></th></tr></thead>
                <tbody>{ for rows }</tbody>
            </table>
            if !deleted.is_empty() {
                <p class="removed">{"deleted: "}{ for deleted.iter().map(|f| html! { <del class="chip">{ show(f, SHOW_CHARS) }</del> }) }</p>
            }
        </figure>
    }
}
