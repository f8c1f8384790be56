//! A geo key as a map, drawn by the full build only (see `bits.rs`): the
//! places on a plain longitude/latitude plot (no map tiles, nothing
//! fetched), the ones the last command placed, read or found marked, and
//! a search's circle or box with its centre. Drawn when the last command
//! was a geo command (its effects say so); a sorted set is otherwise
//! drawn as one.

use yew::prelude::*;

use crate::engine::cmd::geo::decode;
use crate::engine::events::{Effect, Selection};
use crate::engine::inspect::KeyInfo;
use crate::engine::Engine;
use crate::web::describe::{meters, plural, show, SHOW_CHARS};

/// Places drawn at most (the first by score).
const MOST: usize = 200;
/// The plot's size in SVG units.
const W: f64 = 400.0;
const H: f64 = 260.0;
/// Meters per degree of latitude (and of longitude at the equator).
const METERS_PER_DEGREE: f64 = 111_320.0;

struct Search {
    lon: f64,
    lat: f64,
    radius: Option<f64>,
    size: Option<(f64, f64)>,
}

pub fn view(
    engine: &Engine,
    info: &KeyInfo,
    db: usize,
    effects: &[&Effect],
) -> Option<(String, Html)> {
    let mut marked: Vec<Vec<u8>> = Vec::new();
    let mut search = None;
    for e in effects {
        match e {
            Effect::Selected(Selection::Places(p)) => marked.extend(p.iter().cloned()),
            Effect::Selected(Selection::Area {
                lon,
                lat,
                radius,
                size,
                found,
            }) => {
                marked.extend(found.iter().cloned());
                search = Some(Search {
                    lon: *lon,
                    lat: *lat,
                    radius: *radius,
                    size: *size,
                });
            }
            _ => {}
        }
    }
    if marked.is_empty() && search.is_none() {
        return None;
    }
    let window = engine.key_window(db, &info.key, 0, MOST, 40)?;
    let places: Vec<(Vec<u8>, f64, f64)> = window
        .rows
        .iter()
        .filter_map(|r| {
            let (lon, lat) = decode(r.score?);
            Some((r.item.bytes.clone(), lon, lat))
        })
        .collect();
    // The plotted area: every place and the search, with a margin.
    let mut xs: Vec<f64> = places.iter().map(|p| p.1).collect();
    let mut ys: Vec<f64> = places.iter().map(|p| p.2).collect();
    if let Some(s) = &search {
        let (dx, dy) = half_extent(s);
        xs.extend([s.lon - dx, s.lon + dx]);
        ys.extend([s.lat - dy, s.lat + dy]);
    }
    let (x0, x1) = span(&xs);
    let (y0, y1) = span(&ys);
    let sx = |lon: f64| (lon - x0) / (x1 - x0) * W;
    let sy = |lat: f64| H - (lat - y0) / (y1 - y0) * H;
    let area = search.as_ref().map(|s| {
        let (dx, dy) = half_extent(s);
        let (cx, cy) = (sx(s.lon), sy(s.lat));
        let (rx, ry) = (sx(s.lon + dx) - cx, cy - sy(s.lat + dy));
        let shape = if s.radius.is_some() {
            html! { <ellipse class="area" cx={cx.to_string()} cy={cy.to_string()} rx={rx.to_string()} ry={ry.to_string()} /> }
        } else {
            html! { <rect class="area" x={(cx - rx).to_string()} y={(cy - ry).to_string()} width={(2.0 * rx).to_string()} height={(2.0 * ry).to_string()} /> }
        };
        html! {
            <>
                { shape }
                <circle class="centre" cx={cx.to_string()} cy={cy.to_string()} r="3" />
            </>
        }
    });
    let dots = places.iter().map(|(name, lon, lat)| {
        let hit = marked.contains(name);
        let (x, y) = (sx(*lon), sy(*lat));
        html! {
            <g class={classes!("place", hit.then_some("found"))}>
                <circle cx={x.to_string()} cy={y.to_string()} r={if hit { "5" } else { "3.5" }} />
                <text x={(x + 6.0).to_string()} y={(y - 4.0).to_string()}>{ show(name, 24) }</text>
            </g>
        }
    });
    let names: Vec<String> = marked
        .iter()
        .map(|m| format!("\"{}\"", show(m, SHOW_CHARS)))
        .collect();
    let what = match &search {
        Some(s) => {
            let shape = match (s.radius, s.size) {
                (Some(r), _) => format!("within {} of", meters(r)),
                (_, Some((w, h))) => format!("in a {} by {} box around", meters(w), meters(h)),
                _ => "around".to_string(),
            };
            format!(
                "searched {shape} {:.5},{:.5} and found {}",
                s.lon,
                s.lat,
                if names.is_empty() {
                    "nothing".to_string()
                } else {
                    names.join(", ")
                }
            )
        }
        None => format!("marked {}", names.join(", ")),
    };
    let desc = format!(
        "map of {}, {}: {what}",
        show(&info.key, SHOW_CHARS),
        plural(info.size, "place", "places")
    );
    let more = info.size.saturating_sub(places.len());
    let html = html! {
        <div class="geo-map">
            <svg viewBox={format!("-30 -20 {} {}", W + 90.0, H + 40.0)} role="presentation">
                <rect class="frame" x="0" y="0" width={W.to_string()} height={H.to_string()} />
                <text class="axis" x="0" y={(H + 14.0).to_string()}>{ format!("{x0:.4}°") }</text>
                <text class="axis" x={(W - 50.0).to_string()} y={(H + 14.0).to_string()}>{ format!("{x1:.4}°") }</text>
                <text class="axis" x="-28" y={H.to_string()}>{ format!("{y0:.3}°") }</text>
                <text class="axis" x="-28" y="8">{ format!("{y1:.3}°") }</text>
                { for area }
                { for dots }
            </svg>
            if more > 0 { <p class="muted">{ format!("… and {more} more places, not drawn") }</p> }
        </div>
    };
    Some((desc, html))
}

/// Half the search's width and height in degrees (longitude, latitude).
fn half_extent(s: &Search) -> (f64, f64) {
    let (half_w, half_h) = match (s.radius, s.size) {
        (Some(r), _) => (r, r),
        (_, Some((w, h))) => (w / 2.0, h / 2.0),
        _ => (0.0, 0.0),
    };
    let dy = half_h / METERS_PER_DEGREE;
    let dx = half_w / (METERS_PER_DEGREE * s.lat.to_radians().cos().max(0.01));
    (dx, dy)
}

/// The range of `v` with a tenth on each side (a point gets some room).
fn span(v: &[f64]) -> (f64, f64) {
    let lo = v.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = v.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    if !lo.is_finite() || !hi.is_finite() {
        return (-1.0, 1.0);
    }
    let pad = ((hi - lo) * 0.1).max(0.001);
    (lo - pad, hi + pad)
}
