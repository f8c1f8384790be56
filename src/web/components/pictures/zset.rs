//! A sorted set: members in rank order as bars as long as their score
//! (relative to the window's lowest and highest), rank numbers beside
//! them; a member whose score changed says from which rank it moved, and
//! what a ZRANGE selected is marked "read".

use crate::engine::events::{Effect, Selection};
use crate::engine::views::KeyWindow;
use crate::resp::format_double;
use crate::web::describe::{show, SHOW_CHARS};

use super::cells::Cell;

pub fn cells(w: &KeyWindow, effects: &[&Effect]) -> Vec<Cell> {
    let finite = w
        .rows
        .iter()
        .filter_map(|r| r.score)
        .filter(|s| s.is_finite());
    let (lo, hi) = finite.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), s| {
        (lo.min(s), hi.max(s))
    });
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
    let mut out: Vec<Cell> = w
        .rows
        .iter()
        .map(|r| {
            let score = r.score.unwrap_or_default();
            let mut marks: Vec<String> = effects
                .iter()
                .filter_map(|e| match e {
                    Effect::Scored { member, from, .. } if *member == r.item.bytes => {
                        Some(match from {
                            None => "new".to_string(),
                            Some((_, old)) if *old == r.pos => "score changed".to_string(),
                            Some((_, old)) => format!("rank {old} → {}", r.pos),
                        })
                    }
                    Effect::Selected(Selection::Range {
                        span: Some((a, b)), ..
                    }) if (*a..=*b).contains(&r.pos) => Some("read".to_string()),
                    _ => None,
                })
                .collect();
            marks.truncate(2);
            Cell {
                pos: Some(r.pos.to_string()),
                text: show(&r.item.bytes, SHOW_CHARS),
                bar: Some(width(score)),
                after: Some(format_double(score)),
                marks,
                ..Cell::default()
            }
        })
        .collect();
    out.extend(super::cells::removed_members(effects));
    out
}
