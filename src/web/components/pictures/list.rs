//! A list: a row of cells from head to tail, each with its index both
//! ways (`0..` and `..-1`). Cells the last command pushed, inserted or
//! replaced are marked (a badge, not only a colour), popped elements wait
//! beside the end they left, and what LRANGE/LINDEX selected is outlined.

use yew::prelude::*;

use crate::engine::events::{Effect, End, Selection};
use crate::engine::views::KeyWindow;
use crate::web::describe::{show, SHOW_CHARS};

/// What the last command did to the cell at `i` of a list of `len`.
fn mark(effects: &[Effect], i: usize, len: usize) -> Option<&'static str> {
    effects.iter().find_map(|e| match e {
        Effect::Pushed {
            end: End::Head,
            values,
        } if i < values.len() => Some("pushed"),
        Effect::Pushed {
            end: End::Tail,
            values,
        } if i + values.len() >= len => Some("pushed"),
        Effect::Inserted { index, .. } if *index == i => Some("inserted"),
        Effect::Replaced { index, .. } if *index == i => Some("replaced"),
        _ => None,
    })
}

fn selected(effects: &[Effect], i: usize) -> bool {
    effects.iter().any(|e| {
        matches!(e, Effect::Selected(Selection::Range { span: Some((a, b)), .. }) if (*a..=*b).contains(&i))
    })
}

fn ghosts(effects: &[Effect], end: End) -> Html {
    let popped: Vec<&Vec<u8>> = effects
        .iter()
        .filter_map(|e| match e {
            Effect::Popped { end: e_end, values } if *e_end == end => Some(values),
            _ => None,
        })
        .flatten()
        .collect();
    if popped.is_empty() {
        return html! {};
    }
    html! {
        <div class={classes!("ghosts", if end == End::Head { "at-head" } else { "at-tail" })} aria-hidden="true">
            { for popped.iter().map(|v| html! { <span class="cell ghost"><span class="val">{ show(v, SHOW_CHARS) }</span><span class="badge">{"popped"}</span></span> }) }
        </div>
    }
}

pub fn picture(w: &KeyWindow, effects: &[Effect]) -> Html {
    let len = w.info.size;
    let label = super::label(w);
    let cells = w.rows.iter().map(|r| {
        let m = mark(effects, r.pos, len);
        let sel = selected(effects, r.pos);
        let neg = r.pos as i64 - len as i64;
        let cut = (r.item.len > r.item.bytes.len()).then(|| format!("{} bytes", r.item.len));
        html! {
            <li class={classes!("cell", m, sel.then_some("selected"))}>
                <span class="idx">{ r.pos }</span>
                <span class="val">{ show(&r.item.bytes, SHOW_CHARS) }</span>
                if let Some(c) = cut { <span class="cut">{ c }</span> }
                <span class="idx neg">{ neg }</span>
                if let Some(m) = m { <span class="badge">{ m }</span> }
                if sel { <span class="badge sel">{"read"}</span> }
            </li>
        }
    });
    html! {
        <figure class="picture list-picture" aria-label={label.clone()} data-description={label}>
            <div class="ends" aria-hidden="true"><span>{"head ⟵"}</span><span>{"⟶ tail"}</span></div>
            <div class="row">
                { ghosts(effects, End::Head) }
                <ol class="cells" start={w.start.to_string()}>{ for cells }</ol>
                { ghosts(effects, End::Tail) }
            </div>
        </figure>
    }
}
