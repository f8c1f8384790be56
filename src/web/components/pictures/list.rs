//! A list: a row of cells from head to tail, each with its index both
//! ways (`0..` and `..-1`). Cells the last command pushed, inserted or
//! replaced are marked, popped elements are shown struck through beside
//! the end they left, and what LRANGE/LINDEX selected is marked "read".
//! An element moved between two lists (LMOVE and its kin) is drawn as
//! both lists with the element travelling from one end to the other.

use yew::prelude::*;

use crate::engine::events::{Effect, End, Selection};
use crate::engine::views::KeyWindow;
use crate::engine::Engine;
use crate::web::describe::{self, show, SHOW_CHARS};
use crate::web::scene::{Scene, Transfer};

use super::cells::Cell;

/// What the last command did to the cell at `i` of a list of `len`.
fn mark(effects: &[&Effect], i: usize, len: usize) -> Option<&'static str> {
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
        Effect::Selected(Selection::Range {
            span: Some((a, b)), ..
        }) if (*a..=*b).contains(&i) => Some("read"),
        _ => None,
    })
}

fn popped(effects: &[&Effect], end: End) -> Vec<Cell> {
    super::cells::gone(
        effects
            .iter()
            .filter_map(|e| match e {
                Effect::Popped { end: e_end, values } if *e_end == end => Some(values),
                _ => None,
            })
            .flatten(),
        "popped",
    )
}

pub fn cells(w: &KeyWindow, effects: &[&Effect]) -> Vec<Cell> {
    let len = w.info.size;
    let mut out = if w.start == 0 {
        popped(effects, End::Head)
    } else {
        Vec::new()
    };
    out.extend(w.rows.iter().map(|r| {
        Cell {
            pos: Some(r.pos.to_string()),
            text: show(&r.item.bytes, SHOW_CHARS),
            after: Some((r.pos as i64 - len as i64).to_string()),
            cut: (r.item.len > r.item.bytes.len()).then(|| format!("{} bytes", r.item.len)),
            marks: mark(effects, r.pos, len)
                .map(String::from)
                .into_iter()
                .collect(),
            ..Cell::default()
        }
    }));
    if w.start + w.rows.len() >= len {
        out.extend(popped(effects, End::Tail));
    }
    out
}

fn end_word(end: End) -> &'static str {
    match end {
        End::Head => "head",
        End::Tail => "tail",
    }
}

/// Both lists of a move, each a window around the end it used, and the
/// element travelling between them: from the cell it left (drawn struck
/// through at the source's end) to the cell it now is in the destination.
/// The description says the move in words, then each list as its own
/// picture would.
pub fn transfer_picture(engine: &Engine, scene: &Scene, t: &Transfer) -> Html {
    let side = |key: &[u8]| {
        let size = engine.key_info(t.db, key).map_or(0, |i| i.size);
        let start = super::anchor(scene, t.db, key, size);
        let window = engine.key_window(t.db, key, start, super::PAGE, super::CLIP);
        let effects: Vec<&Effect> = scene.on_key(t.db, key).collect();
        let (desc, body) = match &window {
            Some(w) => (
                describe::describe_window(w),
                super::cells::render(&cells(w, &effects), "row"),
            ),
            // The move took its last element: Redis deleted it.
            None => (
                format!(
                    "list {} is empty, so it no longer exists",
                    show(key, SHOW_CHARS)
                ),
                {
                    let mut gone = popped(&effects, End::Head);
                    gone.extend(popped(&effects, End::Tail));
                    super::cells::render(&gone, "row")
                },
            ),
        };
        let html = html! {
            <div class="transfer-side">
                <h4>{ show(key, SHOW_CHARS) }</h4>
                { body }
            </div>
        };
        (desc, html)
    };
    let (from_desc, from_html) = side(&t.from);
    let (to_desc, to_html) = side(&t.to);
    let desc = format!(
        "\"{}\" moved from the {} of {} to the {} of {}; {from_desc}; {to_desc}",
        show(&t.value, SHOW_CHARS),
        end_word(t.from_end),
        show(&t.from, SHOW_CHARS),
        end_word(t.to_end),
        show(&t.to, SHOW_CHARS),
    );
    super::figure(
        "transfer",
        desc,
        html! {
            <>
                { from_html }
                <div class="lane" aria-hidden="true"></div>
                { to_html }
                // Placed by `place_traveller` once the cells are laid out.
                <span class="traveller" aria-hidden="true" key={scene.serial.to_string()}>{ show(&t.value, SHOW_CHARS) }</span>
            </>
        },
    )
}

/// After a transfer picture is laid out: start the traveller at the cell
/// the element left and send it to the cell it arrived in. Positions are
/// only known once the browser has laid the cells out, so this measures
/// them and hands them to the CSS animation as custom properties. Without
/// both cells (nothing was moved) the traveller stays hidden.
pub fn place_traveller() {
    use wasm_bindgen::JsCast;
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let find = |sel: &str| doc.query_selector(sel).ok().flatten();
    let (Some(fig), Some(traveller), Some(from), Some(to)) = (
        find(".transfer-picture"),
        find(".transfer-picture > .traveller"),
        find(".transfer-picture > .transfer-side:first-child .cell.gone"),
        find(".transfer-picture > .transfer-side:nth-last-child(2) .cell.pushed"),
    ) else {
        return;
    };
    let base = fig.get_bounding_client_rect();
    let (a, b) = (
        from.get_bounding_client_rect(),
        to.get_bounding_client_rect(),
    );
    let style = format!(
        "--fx:{:.0}px;--fy:{:.0}px;--tx:{:.0}px;--ty:{:.0}px",
        a.left() - base.left(),
        a.top() - base.top(),
        b.left() - base.left(),
        b.top() - base.top()
    );
    if let Some(el) = traveller.dyn_ref::<web_sys::HtmlElement>() {
        let _ = el.set_attribute("style", &style);
    }
}
