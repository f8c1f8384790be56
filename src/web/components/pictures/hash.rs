//! A hash: field and value side by side, fields the last command wrote
//! marked "set", deleted ones shown struck through.

use crate::engine::events::Effect;
use crate::engine::views::KeyWindow;
use crate::web::describe::{show, SHOW_CHARS};

use super::cells::Cell;

pub fn cells(w: &KeyWindow, effects: &[&Effect]) -> Vec<Cell> {
    let written = |f: &[u8]| {
        effects
            .iter()
            .any(|e| matches!(e, Effect::FieldsSet { fields, .. } if fields.iter().any(|x| x == f)))
    };
    let mut out: Vec<Cell> = w
        .rows
        .iter()
        .map(|r| Cell {
            text: show(&r.item.bytes, SHOW_CHARS),
            value: r.value.as_ref().map(|v| show(&v.bytes, SHOW_CHARS)),
            cut: r
                .value
                .as_ref()
                .filter(|v| v.len > v.bytes.len())
                .map(|v| format!("{} bytes", v.len)),
            marks: written(&r.item.bytes)
                .then(|| "set".to_string())
                .into_iter()
                .collect(),
            ..Cell::default()
        })
        .collect();
    for e in effects {
        if let Effect::FieldsDeleted { fields } = e {
            out.extend(super::cells::gone(fields, "deleted"));
        }
    }
    out
}
