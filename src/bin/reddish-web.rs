//! The playground's entry point; Trunk builds this for the browser.

fn main() {
    reddish::web::run();
}
