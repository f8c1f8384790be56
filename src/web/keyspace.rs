//! The keyspace panel: the keys of a database with type, TTL counting down,
//! encoding and size, a page at a time (100,000 keys must not freeze the
//! page), and the value of the key picked.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::app::Shared;
use crate::cli::format::repr as quote_bytes;
use crate::engine::inspect::ValueView;
use crate::engine::NUM_DBS;

const PAGE: usize = 100;
/// Bytes of a value the inspector shows; the rest is summarised.
const VIEW_BYTES: usize = 4096;

#[derive(Properties, PartialEq)]
pub struct KeyspaceProps {
    pub shared: Shared,
}

/// TTL as the panel shows it: `-` for none, else seconds with one decimal
/// under a minute, so a draining key is seen draining.
fn ttl_text(expire_at: Option<i64>, now: i64) -> String {
    match expire_at {
        None => "-".into(),
        Some(t) => {
            let left = (t - now).max(0);
            if left < 60_000 {
                format!("{:.1}s", left as f64 / 1000.0)
            } else if left < 3_600_000 {
                format!("{}m {}s", left / 60_000, (left / 1000) % 60)
            } else {
                format!("{}h {}m", left / 3_600_000, (left / 60_000) % 60)
            }
        }
    }
}

#[component]
pub fn KeyspacePanel(props: &KeyspaceProps) -> Html {
    let filter = use_state(String::new);
    let page = use_state(|| 0usize);
    let selected = use_state(|| None::<Vec<u8>>);
    // None: follow the active client's database.
    let db_choice = use_state(|| None::<usize>);

    let model = props.shared.model.borrow();
    let active_db = model
        .clients
        .get(model.active)
        .and_then(|c| model.engine.session(c.session))
        .map_or(0, |s| s.db);
    let db = db_choice.unwrap_or(active_db);
    let now = model.engine.now_ms();
    // Sorting 100,000 names is too much for every clock tick: recompute
    // only when the data, the database, the filter or the page changed.
    let data_version = model.engine.data_version();
    let listing = {
        let m = props.shared.model.clone();
        use_memo(
            (data_version, db, (*filter).clone(), *page),
            move |(_, db, f, pg)| {
                m.borrow()
                    .engine
                    .key_page(*db, f.as_bytes(), pg * PAGE, PAGE)
            },
        )
    };
    let sizes = {
        let m = props.shared.model.clone();
        use_memo(data_version, move |_| m.borrow().engine.db_sizes())
    };
    let pages = listing.total.div_ceil(PAGE).max(1);

    let on_filter = {
        let filter = filter.clone();
        let page = page.clone();
        Callback::from(move |e: InputEvent| {
            filter.set(e.target_unchecked_into::<HtmlInputElement>().value());
            page.set(0);
        })
    };
    let on_db = {
        let db_choice = db_choice.clone();
        let page = page.clone();
        Callback::from(move |e: Event| {
            let v = e.target_unchecked_into::<HtmlInputElement>().value();
            db_choice.set(v.parse::<usize>().ok());
            page.set(0);
        })
    };
    let prev = {
        let page = page.clone();
        Callback::from(move |_: MouseEvent| page.set(page.saturating_sub(1)))
    };
    let next = {
        let page = page.clone();
        Callback::from(move |_: MouseEvent| page.set((*page + 1).min(pages - 1)))
    };

    let rows = listing.keys.iter().map(|k| {
        let pick = {
            let selected = selected.clone();
            let key = k.key.clone();
            Callback::from(move |_: MouseEvent| selected.set(Some(key.clone())))
        };
        let is_sel = selected.as_deref() == Some(k.key.as_slice());
        html! {
            <tr class={classes!(is_sel.then_some("selected"))}>
                <td class="key"><button class="key-button" onclick={pick}>{ String::from_utf8_lossy(&k.key).into_owned() }</button></td>
                <td>{ k.type_name }</td>
                <td class="ttl">{ ttl_text(k.expire_at, now) }</td>
                <td>{ k.encoding }</td>
                <td class="num">{ k.size }</td>
            </tr>
        }
    });

    let view = selected
        .as_ref()
        .and_then(|key| model.engine.key_view(db, key, VIEW_BYTES));
    let inspector = match (selected.as_ref(), view) {
        (None, _) => html! { <p class="muted">{"Pick a key to see its value."}</p> },
        (Some(key), None) => {
            html! { <p class="muted">{ format!("{} no longer exists.", quote_bytes(key)) }</p> }
        }
        (Some(key), Some(v)) => {
            let body = match &v.value {
                ValueView::Str { bytes, len } => {
                    let more = if *len > bytes.len() {
                        format!("\n... ({} bytes in all)", len)
                    } else {
                        String::new()
                    };
                    format!("{}{}", quote_bytes(bytes), more)
                }
                // Numbered from 1 with redis-cli's quoting, as LRANGE k 0 -1 prints it.
                ValueView::List { items, len } => {
                    let mut out = items
                        .iter()
                        .enumerate()
                        .map(|(i, e)| format!("{}) {}", i + 1, quote_bytes(e)))
                        .collect::<Vec<_>>()
                        .join("\n");
                    if items.is_empty() {
                        out.push_str("(empty list)");
                    }
                    if *len > items.len() {
                        out.push_str(&format!("\n... ({len} elements in all)"));
                    }
                    out
                }
                ValueView::ZSet { items, len } => {
                    let mut out = items
                        .iter()
                        .enumerate()
                        .map(|(i, (m, s))| {
                            format!(
                                "{}) {} {}",
                                i + 1,
                                crate::resp::format_double(*s),
                                quote_bytes(m)
                            )
                        })
                        .collect::<Vec<_>>()
                        .join("\n");
                    if *len > items.len() {
                        out.push_str(&format!("\n... ({len} members in all)"));
                    }
                    out
                }
                ValueView::Set { members, len } => {
                    let mut out = members
                        .iter()
                        .enumerate()
                        .map(|(i, m)| format!("{}) {}", i + 1, quote_bytes(m)))
                        .collect::<Vec<_>>()
                        .join("\n");
                    if *len > members.len() {
                        out.push_str(&format!("\n... ({len} members in all)"));
                    }
                    out
                }
                ValueView::Hash { pairs, len } => {
                    let mut out = pairs
                        .iter()
                        .map(|(f, v)| format!("{} => {}", quote_bytes(f), quote_bytes(v)))
                        .collect::<Vec<_>>()
                        .join("\n");
                    if *len > pairs.len() {
                        out.push_str(&format!("\n... ({len} fields in all)"));
                    }
                    out
                }
            };
            html! {
                <div class="inspector">
                    <h3>{ quote_bytes(key) }</h3>
                    <p class="facts">
                        { format!("{} · encoding {} · TTL {} · {} bytes", v.info.type_name, v.info.encoding, ttl_text(v.info.expire_at, now), v.info.size) }
                    </p>
                    <pre class="value">{ body }</pre>
                </div>
            }
        }
    };

    let db_options = (0..NUM_DBS).map(|i| {
        let label = format!("db{i} ({})", sizes.get(i).copied().unwrap_or(0));
        html! { <option value={i.to_string()} selected={i == db}>{ label }</option> }
    });

    html! {
        <aside class="side" aria-label="Keyspace">
            <div class="side-head">
                <h2>{"Keys"}</h2>
                <select onchange={on_db} aria-label="Database">{ for db_options }</select>
                <input class="filter" type="search" placeholder="filter" value={(*filter).clone()} oninput={on_filter} aria-label="Filter keys" />
            </div>
            <p class="muted">{ format!("{} key{} in db{}", listing.total, if listing.total == 1 { "" } else { "s" }, db) }</p>
            <div class="table-wrap">
                <table class="keys">
                    <thead><tr><th>{"key"}</th><th>{"type"}</th><th>{"TTL"}</th><th>{"encoding"}</th><th>{"size"}</th></tr></thead>
                    <tbody>{ for rows }</tbody>
                </table>
            </div>
            if pages > 1 {
                <div class="pager">
                    <button onclick={prev} disabled={*page == 0} aria-label="Previous page">{"‹"}</button>
                    <span>{ format!("page {} of {}", *page + 1, pages) }</span>
                    <button onclick={next} disabled={*page + 1 >= pages} aria-label="Next page">{"›"}</button>
                </div>
            }
            { inspector }
        </aside>
    }
}
