//! A string: the text, its bytes in hex and the bits of the first bytes
//! (what GETRANGE, SETRANGE and later SETBIT work on), with the range the
//! last command wrote marked, and the encoding with the reason for it.

use yew::prelude::*;

use crate::engine::events::Effect;

use super::cells::Cell;

/// Bytes drawn in the bytes view, and bytes whose bits are drawn.
const BYTES: usize = 64;
const BIT_BYTES: usize = 8;

/// The text, then the bytes and bits views (below the cells).
pub fn extra(bytes: &[u8], size: usize, effects: &[&Effect]) -> Html {
    let written = written(effects);
    let in_write = |i: usize| written.as_ref().is_some_and(|r| r.contains(&i));
    let bits = bytes.iter().take(BIT_BYTES).enumerate().map(|(i, b)| {
        html! {
            <span class={classes!("bits", in_write(i).then_some("written"))} title={format!("bits {}–{}", i * 8, i * 8 + 7)}>
                { format!("{b:08b}") }
            </span>
        }
    });
    let more = size.saturating_sub(BYTES.min(bytes.len()));
    html! {
        <>
            if more > 0 { <p class="muted">{ format!("… and {more} more bytes") }</p> }
            <p class="bitrow" aria-hidden="true">{ for bits }</p>
        </>
    }
}

fn written(effects: &[&Effect]) -> Option<std::ops::Range<usize>> {
    effects.iter().find_map(|e| match e {
        Effect::Written { offset, len, .. } => Some(*offset..offset + len),
        _ => None,
    })
}

/// The text as one cell, then one cell per byte: hex, the character,
/// the offset; bytes the last command wrote marked "written".
pub fn cells(bytes: &[u8], effects: &[&Effect]) -> Vec<Cell> {
    let written = written(effects);
    bytes
        .iter()
        .take(BYTES)
        .enumerate()
        .map(|(i, b)| Cell {
            pos: Some(i.to_string()),
            text: format!("{b:02x}"),
            after: Some(if b.is_ascii_graphic() {
                char::from(*b).to_string()
            } else {
                "·".into()
            }),
            marks: written
                .as_ref()
                .is_some_and(|r| r.contains(&i))
                .then(|| "written".to_string())
                .into_iter()
                .collect(),
            ..Cell::default()
        })
        .collect()
}
