//! A sorted set: members in rank order as bars as long as their score
//! (relative to the window's lowest and highest), rank numbers beside
//! them; a member whose score changed says from which rank it moved, and
//! what a ZRANGE selected is outlined.

use yew::prelude::*;

use crate::engine::events::{Effect, Selection};
use crate::engine::views::KeyWindow;
use crate::resp::format_double;
use crate::web::describe::{show, SHOW_CHARS};

pub fn picture(w: &KeyWindow, effects: &[Effect]) -> Html {
    let label = super::label(w);
    let scores: Vec<f64> = w
        .rows
        .iter()
        .filter_map(|r| r.score)
        .filter(|s| s.is_finite())
        .collect();
    let lo = scores.iter().copied().fold(f64::INFINITY, f64::min);
    let hi = scores.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let width = |s: f64| -> f64 {
        if !s.is_finite() {
            return if s > 0.0 { 100.0 } else { 2.0 };
        }
        if hi <= lo {
            return 60.0;
        }
        // Never zero wide: the lowest bar is still a bar.
        8.0 + 92.0 * (s - lo) / (hi - lo)
    };
    let span = effects.iter().find_map(|e| match e {
        Effect::Selected(Selection::Range { span, .. }) => Some(*span),
        _ => None,
    });
    let rows = w.rows.iter().map(|r| {
        let score = r.score.unwrap_or_default();
        let moved = effects.iter().find_map(|e| match e {
            Effect::Scored { member, from, .. } if member.as_slice() == r.item.bytes.as_slice() => Some(match from {
                None => "new".to_string(),
                Some((_, old)) if *old == r.pos => format!("score {}", format_double(score)),
                Some((_, old)) => format!("rank {old} → {}", r.pos),
            }),
            _ => None,
        });
        let sel = matches!(span, Some(Some((a, b))) if (a..=b).contains(&r.pos));
        html! {
            <li class={classes!("bar-row", moved.is_some().then_some("moved"), sel.then_some("selected"))}>
                <span class="rank">{ r.pos }</span>
                <span class="member">{ show(&r.item.bytes, SHOW_CHARS) }</span>
                <span class="bar" aria-hidden="true"><span style={format!("width:{:.1}%", width(score))}></span></span>
                <span class="score">{ format_double(score) }</span>
                if let Some(m) = moved { <span class="badge">{ m }</span> }
                if sel { <span class="badge sel">{"read"}</span> }
            </li>
        }
    });
    html! {
        <figure class="picture zset-picture" aria-label={label.clone()} data-description={label}>
            <ol class="bars">{ for rows }</ol>
        </figure>
    }
}
