//! The one drawing primitive every picture shares: a window of cells.
//! Each picture type only decides what its cells say (plain data, below);
//! this file is the only markup, laid out by a class: a row of list
//! cells, a field/value grid, chips, ranked bars, or bytes.

use yew::prelude::*;

/// One cell: its place, its text, and what the last command did to it.
/// Marks are classes and badges at once, so colour is never the only
/// signal: `pushed` is both a border and the word "pushed".
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Cell {
    /// Index, rank or byte offset shown above the text.
    pub pos: Option<String>,
    pub text: String,
    /// A hash field's value.
    pub value: Option<String>,
    /// A sorted set's bar, as a percentage of the widest.
    pub bar: Option<f64>,
    /// A score, or the negative index of a list element.
    pub after: Option<String>,
    /// How much was cut, when the element is longer than shown.
    pub cut: Option<String>,
    pub marks: Vec<String>,
    /// Struck through: removed by the last command, shown for a moment.
    pub gone: bool,
}

/// Cells for what the last command took away: struck through and marked
/// (`popped`, `deleted`, `removed`), shown beside what is left.
pub fn gone<'a>(values: impl IntoIterator<Item = &'a Vec<u8>>, mark: &str) -> Vec<Cell> {
    values
        .into_iter()
        .map(|v| Cell {
            text: crate::web::describe::show(v, crate::web::describe::SHOW_CHARS),
            marks: vec![mark.to_string()],
            gone: true,
            ..Cell::default()
        })
        .collect()
}

/// Members a set or sorted set just lost.
pub fn removed_members(effects: &[&crate::engine::events::Effect]) -> Vec<Cell> {
    let lost = effects.iter().filter_map(|e| match e {
        crate::engine::events::Effect::MembersRemoved { members } => Some(members),
        _ => None,
    });
    gone(lost.flatten(), "removed")
}

/// Draw `cells` laid out as `layout` (`row`, `grid`, `chips`, `bars`,
/// `bytes`).
pub fn render(cells: &[Cell], layout: &'static str) -> Html {
    html! {
        <ol class={classes!("cells", layout)}>
            { for cells.iter().map(|c| html! {
                <li class={classes!("cell", c.marks.clone(), c.gone.then_some("gone"))}>
                    if let Some(p) = &c.pos { <span class="idx">{ p.clone() }</span> }
                    if c.gone { <del class="val">{ c.text.clone() }</del> } else { <span class="val">{ c.text.clone() }</span> }
                    if let Some(v) = &c.value { <span class="value">{ v.clone() }</span> }
                    if let Some(b) = c.bar { <span class="bar" aria-hidden="true"><span style={format!("width:{b:.1}%")}></span></span> }
                    if let Some(a) = &c.after { <span class="after">{ a.clone() }</span> }
                    if let Some(x) = &c.cut { <span class="cut">{ x.clone() }</span> }
                    { for c.marks.iter().map(|m| html! { <span class="badge">{ m.clone() }</span> }) }
                </li>
            }) }
        </ol>
    }
}
