//! A string: the text, its bytes in hex and the bits of the first bytes
//! (what GETRANGE, SETRANGE and later SETBIT work on), with the range the
//! last command wrote marked, and the encoding with the reason for it.

use yew::prelude::*;

use crate::engine::events::Effect;
use crate::engine::inspect::KeyInfo;
use crate::web::describe::{self, show};

/// Bytes drawn in the bytes view, and bytes whose bits are drawn.
const BYTES: usize = 64;
const BIT_BYTES: usize = 8;

pub fn picture(info: &KeyInfo, bytes: &[u8], effects: &[Effect]) -> Html {
    let label = describe::describe_string(info, bytes);
    let written = effects.iter().find_map(|e| match e {
        Effect::Written { offset, len, .. } => Some(*offset..offset + len),
        _ => None,
    });
    let in_write = |i: usize| written.as_ref().is_some_and(|r| r.contains(&i));
    let cells = bytes.iter().take(BYTES).enumerate().map(|(i, b)| {
        let ch = if b.is_ascii_graphic() { char::from(*b).to_string() } else { "·".into() };
        html! {
            <li class={classes!("byte", in_write(i).then_some("written"))} title={format!("byte {i}: {b}")}>
                <span class="hex">{ format!("{b:02x}") }</span>
                <span class="ch">{ ch }</span>
                <span class="idx">{ i }</span>
            </li>
        }
    });
    let bits = bytes.iter().take(BIT_BYTES).enumerate().map(|(i, b)| {
        html! {
            <span class={classes!("bits", in_write(i).then_some("written"))} title={format!("bits {}–{}", i * 8, i * 8 + 7)}>
                { format!("{b:08b}") }
            </span>
        }
    });
    let more = info.size.saturating_sub(BYTES.min(bytes.len()));
    html! {
        <figure class="picture string-picture" aria-label={label.clone()} data-description={label}>
            <p class="text"><span class="value">{ show(bytes, 400) }</span></p>
            if let Some(r) = &written {
                <p class="note">{ format!("written: bytes {}–{}", r.start, r.end.saturating_sub(1)) }</p>
            }
            <ol class="bytes" aria-hidden="true">{ for cells }</ol>
            if more > 0 { <p class="muted">{ format!("… and {more} more bytes") }</p> }
            <p class="bitrow" aria-hidden="true">{ for bits }</p>
        </figure>
    }
}
