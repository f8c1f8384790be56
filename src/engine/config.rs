//! Server parameters (CONFIG GET/SET). Placeholder until written.
#[derive(Debug, Clone, Default)]
pub struct Config {}
