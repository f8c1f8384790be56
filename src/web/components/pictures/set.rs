//! A set: its members as chips, new ones marked "added", removed ones
//! struck through. After SINTER, SUNION, SDIFF, SINTERCARD or a STORE
//! form that involved this set, a Venn view of the sets that went in with
//! the part the operation kept shaded, and its result listed.

use yew::prelude::*;

use crate::engine::events::Effect;
use crate::engine::views::KeyWindow;
use crate::engine::Engine;
use crate::web::describe::{self, show, SHOW_CHARS};
use crate::web::scene::SetOpSeen;

use super::cells::Cell;

pub fn cells(w: &KeyWindow, effects: &[&Effect], op: Option<&SetOpSeen>) -> Vec<Cell> {
    let added = |m: &[u8]| {
        effects.iter().any(
            |e| matches!(e, Effect::MembersAdded { members } if members.iter().any(|x| x == m)),
        )
    };
    let in_result = |m: &[u8]| op.is_some_and(|o| o.result.iter().any(|x| x == m));
    let mut out: Vec<Cell> = w
        .rows
        .iter()
        .map(|r| {
            let mut marks = Vec::new();
            if added(&r.item.bytes) {
                marks.push("added".to_string());
            }
            if in_result(&r.item.bytes) {
                marks.push("in result".to_string());
            }
            Cell {
                text: show(&r.item.bytes, SHOW_CHARS),
                cut: (r.item.len > r.item.bytes.len()).then(|| format!("{} bytes", r.item.len)),
                marks,
                ..Cell::default()
            }
        })
        .collect();
    out.extend(super::cells::removed_members(effects));
    out
}

/// The Venn view, when the last set operation involved this set.
pub fn venn_for(w: &KeyWindow, op: Option<&SetOpSeen>, engine: &Engine) -> Option<Html> {
    let key = &w.info.key;
    op.filter(|o| o.inputs.iter().any(|k| k == key) || o.dest.as_ref() == Some(key))
        .map(|o| venn(o, engine))
}

/// Circles for up to three input sets, the operation's part shaded.
fn venn(o: &SetOpSeen, engine: &Engine) -> Html {
    // Circle centres and label corners, as the SVG attributes spell them.
    const C: [(&str, &str, &str, &str); 3] = [
        ("95", "80", "55", "18"),
        ("165", "80", "175", "18"),
        ("130", "135", "110", "209"),
    ];
    let n = o.inputs.len().min(3);
    let circle = |i: usize, class: &'static str| {
        let (x, y, _, _) = C.get(i).copied().unwrap_or(C[0]);
        html! { <circle cx={x} cy={y} r="58" class={class} /> }
    };
    let word = match o.op {
        "sunion" => "union: in any of them",
        "sdiff" => "difference: in the first and none of the others",
        _ => "intersection: in all of them",
    };
    // The kept part: every circle (union), the first with the others
    // drawn over it in the background colour (difference), or the first
    // clipped by each of the others (intersection).
    let mut shaded = circle(0, "kept");
    for i in 1..n {
        shaded = match o.op {
            "sunion" => html! { <>{ shaded }{ circle(i, "kept") }</> },
            "sdiff" => html! { <>{ shaded }{ circle(i, "cutout") }</> },
            _ => {
                let id = format!("venn-clip-{i}");
                html! {
                    <g clip-path={format!("url(#{id})")}>
                        <clipPath id={id}>{ circle(i, "") }</clipPath>
                        { shaded }
                    </g>
                }
            }
        };
    }
    let names: Vec<String> = o
        .inputs
        .iter()
        .map(|k| {
            let size = engine.key_info(o.db, k).map_or(0, |i| i.size);
            format!("{} ({size})", show(k, 16))
        })
        .collect();
    let labels = names.iter().zip(C).map(|(name, (_, _, lx, ly))| {
        html! { <text x={lx} y={ly}>{ name.clone() }</text> }
    });
    let more = o.inputs.len().saturating_sub(3);
    let result_desc = format!(
        "{} of {}: {}",
        o.op.to_ascii_uppercase(),
        names.join(", "),
        describe::unit("set", o.result_len)
    );
    let result: Vec<Cell> = o
        .result
        .iter()
        .take(super::PAGE)
        .map(|m| Cell {
            text: show(m, SHOW_CHARS),
            marks: vec!["in result".into()],
            ..Cell::default()
        })
        .collect();
    html! {
        <div class="venn" role="img" aria-label={result_desc.clone()}>
            <svg viewBox="0 0 260 225" width="260" height="225" aria-hidden="true">
                { shaded }
                { for (0..n).map(|i| circle(i, "outline")) }
                { for labels }
            </svg>
            <p class="venn-caption">{ word }{". "}{ result_desc }
                if more > 0 { { format!(" ({more} more sets not drawn)") } }
            </p>
            { super::cells::render(&result, "chips") }
        </div>
    }
}
