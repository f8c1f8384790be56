//! A hello-world Yew counter: the baseline `cargo xtask bench` compares the
//! playground's page weight with.

use yew::prelude::*;

#[component]
fn App() -> Html {
    let count = use_state(|| 0u32);
    let onclick = {
        let count = count.clone();
        Callback::from(move |_: MouseEvent| count.set(*count + 1))
    };
    html! {
        <main>
            <h1>{ "Hello, Yew" }</h1>
            <button {onclick}>{ format!("clicked {} times", *count) }</button>
        </main>
    }
}

fn main() {
    yew::Renderer::<App>::new().render();
}
