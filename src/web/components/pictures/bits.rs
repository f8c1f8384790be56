//! The full build's extra pictures (installed here; the map of a geo key
//! is in `geo.rs`). Two pictures of a string that only the full build draws (the page's
//! first loads cannot run the commands that make them; `install` is
//! called by the full build alone, so their code is only in its wasm):
//!
//! - a bitmap, when the last command read or wrote bits of the key
//!   (SETBIT, GETBIT, BITCOUNT, BITPOS, BITOP's sources, BITFIELD): rows
//!   of 64 bits with the bytes underneath, the bits it wrote and read
//!   marked;
//! - a HyperLogLog (a string Redis would read as one): its encoding, the
//!   estimate with its standard error, the cached count, how many
//!   registers hold each value, and the registers the last PFADD raised.

use yew::prelude::*;

use crate::engine::cmd::hll;
use crate::engine::events::{Effect, Selection};
use crate::engine::inspect::KeyInfo;
use crate::engine::Engine;
use crate::web::describe::{bits, plural, show, SHOW_CHARS};

/// Bits per row, and rows drawn.
const ROW: u64 = 64;
const ROWS: u64 = 6;

pub fn install() {
    super::install_extra_view(view);
    crate::web::describe::install_more_narration(crate::web::describe_streams::narrate);
    crate::web::describe::install_event_narration(crate::web::describe_streams::narrate_event);
    crate::web::model::install_text_filter(crate::web::model::shaded);
    crate::web::learn::check::install_more_checks(crate::web::learn::check::stream_check);
}

fn view(engine: &Engine, info: &KeyInfo, db: usize, effects: &[&Effect]) -> Option<(String, Html)> {
    match info.type_name {
        "string" => string_view(engine, info, db, effects),
        "zset" => super::geo::view(engine, info, db, effects),
        "stream" => super::stream::view(engine, info, db, effects),
        _ => None,
    }
}

fn string_view(
    engine: &Engine,
    info: &KeyInfo,
    db: usize,
    effects: &[&Effect],
) -> Option<(String, Html)> {
    let head = engine.string_prefix(db, &info.key, 16)?;
    if head.starts_with(b"HYLL") {
        let bytes = engine.string_prefix(db, &info.key, info.size)?;
        if let Some(v) = hll::view(&bytes) {
            return Some(hyperloglog(info, &v, effects));
        }
    }
    let marks: Vec<(u64, u64, &'static str)> = effects
        .iter()
        .filter_map(|e| match e {
            Effect::BitsWritten { first, last } => Some((*first, *last, "written")),
            Effect::Selected(Selection::Bits { first, last }) => Some((*first, *last, "read")),
            _ => None,
        })
        .collect();
    if marks.is_empty() {
        return None;
    }
    // The window starts a row before the first marked bit.
    let first_row = marks
        .iter()
        .map(|m| m.0 / ROW)
        .min()
        .unwrap_or(0)
        .saturating_sub(1);
    let from = first_row * ROW;
    let upto = (from + ROW * ROWS).min(info.size as u64 * 8);
    let bytes = engine.string_prefix(db, &info.key, (upto / 8) as usize)?;
    let bit = |i: u64| {
        bytes
            .get((i / 8) as usize)
            .is_some_and(|b| b & (0x80 >> (i % 8)) != 0)
    };
    let mark = |i: u64| {
        marks
            .iter()
            .find(|(a, b, _)| (*a..=*b).contains(&i))
            .map(|m| m.2)
    };
    let rows = (first_row..).take_while(|r| r * ROW < upto).map(|r| {
        let cells = (r * ROW..((r + 1) * ROW).min(upto)).map(|i| {
            html! { <span class={classes!("bit", bit(i).then_some("one"), mark(i))} title={format!("bit {i}")}>{ if bit(i) { "1" } else { "0" } }</span> }
        });
        let hex: Vec<String> = bytes
            .iter()
            .skip((r * ROW / 8) as usize)
            .take((ROW / 8) as usize)
            .map(|b| format!("{b:02x}"))
            .collect();
        html! {
            <div class="bitmap-row">
                <span class="idx">{ r * ROW }</span>
                <span class="bitcells">{ for cells }</span>
                <span class="hex">{ hex.join(" ") }</span>
            </div>
        }
    });
    let ones: u64 = engine
        .string_prefix(db, &info.key, 1 << 16)
        .map_or(0, |b| b.iter().map(|b| u64::from(b.count_ones())).sum());
    let counted = if info.size > 1 << 16 {
        " in its first 64 KB"
    } else {
        ""
    };
    let marked: Vec<String> = marks
        .iter()
        .map(|(a, b, what)| format!("{} {what}", bits(*a, *b)))
        .collect();
    let desc = format!(
        "bitmap {}, {} ({} set{counted}): {}",
        show(&info.key, SHOW_CHARS),
        plural(info.size * 8, "bit", "bits"),
        ones,
        marked.join(", ")
    );
    let more = (info.size as u64 * 8).saturating_sub(upto);
    let html = html! {
        <div class="bitmap">
            { for rows }
            if more > 0 { <p class="muted">{ format!("… {more} more bits") }</p> }
        </div>
    };
    Some((desc, html))
}

fn hyperloglog(info: &KeyInfo, v: &hll::HllView, effects: &[&Effect]) -> (String, Html) {
    let estimate = v
        .estimate
        .map_or("none (corrupt)".to_string(), |e| e.to_string());
    let cached = match v.cached {
        Some(c) => format!("cached count {c}"),
        None => "cached count stale".to_string(),
    };
    let desc = format!(
        "HyperLogLog {}, {} ({}): {} of {} registers set, estimate {estimate} ± 0.81%, {cached}",
        show(&info.key, SHOW_CHARS),
        if v.dense { "dense" } else { "sparse" },
        plural(info.size, "byte", "bytes"),
        v.set,
        hll::REGISTER_COUNT,
    );
    let top = v
        .histogram
        .iter()
        .skip(1)
        .copied()
        .max()
        .unwrap_or(0)
        .max(1);
    let bars = v
        .histogram
        .iter()
        .enumerate()
        .skip(1)
        .filter(|(_, n)| **n > 0)
        .map(|(value, n)| {
            let width = format!("width: {}%", (n * 100).div_ceil(top));
            html! {
                <div class="hll-bar">
                    <span class="idx">{ value }</span>
                    <span class="bar"><span style={width}></span></span>
                    <span class="n">{ plural(*n as usize, "register", "registers") }</span>
                </div>
            }
        });
    let raised: Vec<String> = effects
        .iter()
        .filter_map(|e| match e {
            Effect::Registers { raised } => Some(raised),
            _ => None,
        })
        .flatten()
        .take(12)
        .map(|(i, v)| format!("register {i} → {v}"))
        .collect();
    let html = html! {
        <div class="hll">
            <p>{ format!("estimate {estimate} (standard error 0.81%) · {cached} · {} registers of 6 bits, {} now set", hll::REGISTER_COUNT, v.set) }</p>
            <p class="muted">{"How many registers hold each value (a register keeps the longest run of zero bits seen in its hashes, plus one):"}</p>
            <div class="hll-bars">{ for bars }</div>
            if !raised.is_empty() { <p class="raised">{ format!("raised by the last command: {}", raised.join(", ")) }</p> }
        </div>
    };
    (desc, html)
}
