//! The keyspace panel: the keys of a database with type, TTL counting down
//! (with a bar that drains), encoding and size, a page at a time (100,000
//! keys must not freeze the page). Clicking a key shows its picture.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::engine::NUM_DBS;
use crate::web::describe::{plural, show, SHOW_CHARS};
use crate::web::state::{Action, Store};

const PAGE: usize = 100;

#[derive(Properties, PartialEq)]
pub struct KeyspaceProps {
    pub store: Store,
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
    // None: follow the active client's database.
    let db_choice = use_state(|| None::<usize>);

    let model = props.store.model.borrow();
    let active_db = model
        .clients
        .get(model.active)
        .and_then(|c| model.engine.client_view(c.session))
        .map_or(0, |s| s.db);
    let db = db_choice.unwrap_or(active_db);
    let now = model.engine.now_ms();
    // Sorting 100,000 names is too much for every clock tick: recompute
    // only when the data, the database, the filter or the page changed.
    let data_version = model.engine.data_version();
    let listing = {
        let m = props.store.model.clone();
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
        let m = props.store.model.clone();
        use_memo(data_version, move |_| m.borrow().engine.db_sizes())
    };
    // Without a limit there is no running total: memory is counted
    // afresh, so only when the data or the settings changed.
    let memory = {
        let m = props.store.model.clone();
        let settings = model.engine.settings_version();
        use_memo((data_version, settings), move |_| {
            m.borrow().engine.memory_view()
        })
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

    let selected = props.store.selected.clone();
    let rows = listing.keys.iter().map(|k| {
        let pick = {
            let store = props.store.clone();
            let key = k.key.clone();
            Callback::from(move |_: MouseEvent| {
                store.dispatch(Action::SelectKey(Some((db, key.clone()))))
            })
        };
        let is_sel = selected.as_ref() == Some(&(db, k.key.clone()));
        // The bar drains over a key's last minute: full above a minute
        // left, empty when due (no state to keep per key).
        let drain = k
            .expire_at
            .map(|at| (at - now).clamp(0, 60_000) as f64 / 60_000.0);
        html! {
            <tr class={classes!(is_sel.then_some("selected"))}>
                <td class="key"><button class="key-button" onclick={pick} aria-pressed={is_sel.to_string()}>{ show(&k.key, SHOW_CHARS) }</button></td>
                <td>{ k.type_name }</td>
                <td class="ttl">
                    { ttl_text(k.expire_at, now) }
                    if let Some(f) = drain {
                        <span class="drain" aria-hidden="true"><span style={format!("width:{:.1}%", f * 100.0)}></span></span>
                    }
                </td>
                <td>{ k.encoding }</td>
                <td class="num">{ k.size }</td>
            </tr>
        }
    });

    let db_options = (0..NUM_DBS).map(|i| {
        let label = format!("db{i} ({})", sizes.get(i).copied().unwrap_or(0));
        html! { <option value={i.to_string()} selected={i == db}>{ label }</option> }
    });

    html! {
        <section class="keyspace" aria-label="Keyspace">
            <div class="side-head">
                <h2>{"Keys"}</h2>
                <select onchange={on_db} aria-label="Database">{ for db_options }</select>
                <input class="filter" type="search" placeholder="filter" value={(*filter).clone()} oninput={on_filter} aria-label="Filter keys" />
            </div>
            <p class="muted">{ format!("{} in db{}", plural(listing.total, "key", "keys"), db) }</p>
            { memory_gauge(*memory) }
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
        </section>
    }
}

/// Memory used against `maxmemory`, as INFO memory counts it, with the
/// eviction policy: what a learner filling the keyspace watches rise.
fn memory_gauge((used, limit, policy): (u64, u64, &'static str)) -> Html {
    use crate::engine::cmd::info::human_bytes;
    let text = if limit == 0 {
        format!("memory {} (no maxmemory)", human_bytes(used))
    } else {
        format!(
            "memory {} of {} ({policy})",
            human_bytes(used),
            human_bytes(limit)
        )
    };
    html! {
        <p class="memory muted">
            <span>{ text }</span>
            if limit > 0 {
                <meter min="0" max={limit.to_string()} value={used.to_string()} aria-hidden="true"></meter>
            }
        </p>
    }
}

/// Keys a tutorial's list shows; a tutorial's data is small.
const LIST_MAX: usize = 50;

/// The tutorial page's lighter list (a plain view, no paging, filter or
/// database choice: the full panel is 5 KB of the tutorial page's first
/// load): the keys of the first client's database with type and TTL,
/// each a button that shows its picture.
pub fn key_list(store: &Store) -> Html {
    let model = store.model.borrow();
    let db = model
        .clients
        .first()
        .and_then(|c| model.engine.client_view(c.session))
        .map_or(0, |s| s.db);
    let now = model.engine.now_ms();
    let listing = model.engine.key_page(db, b"", 0, LIST_MAX);
    let selected = store.selected.clone();
    let rows = listing.keys.iter().map(|k| {
        let pick = {
            let store = store.clone();
            let key = k.key.clone();
            Callback::from(move |_: MouseEvent| {
                store.dispatch(Action::SelectKey(Some((db, key.clone()))))
            })
        };
        let is_sel = selected.as_ref() == Some(&(db, k.key.clone()));
        html! {
            <tr class={classes!(is_sel.then_some("selected"))}>
                <td class="key"><button class="key-button" onclick={pick} aria-pressed={is_sel.to_string()}>{ show(&k.key, SHOW_CHARS) }</button></td>
                <td>{ k.type_name }</td>
                <td class="ttl">{ ttl_text(k.expire_at, now) }</td>
            </tr>
        }
    });
    let more = listing.total.saturating_sub(LIST_MAX);
    html! {
        <section class="keyspace" aria-label="Keyspace">
            <div class="side-head"><h2>{"Keys"}</h2></div>
            <p class="muted">{ format!("{} in db{db}", plural(listing.total, "key", "keys")) }</p>
            <div class="table-wrap">
                <table class="keys">
                    <thead><tr><th>{"key"}</th><th>{"type"}</th><th>{"TTL"}</th></tr></thead>
                    <tbody>{ for rows }</tbody>
                </table>
            </div>
            if more > 0 {
                <p class="muted">{ format!("and {more} more (SCAN lists them all)") }</p>
            }
        </section>
    }
}
