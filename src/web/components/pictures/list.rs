//! A list: a row of cells from head to tail, each with its index both
//! ways (`0..` and `..-1`). Cells the last command pushed, inserted or
//! replaced are marked, popped elements are shown struck through beside
//! the end they left, and what LRANGE/LINDEX selected is marked "read".

use crate::engine::events::{Effect, End, Selection};
use crate::engine::views::KeyWindow;
use crate::web::describe::{show, SHOW_CHARS};

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
