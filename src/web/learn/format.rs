//! What a tutorial is, once read from its Markdown file (see
//! `tutorials/README.md` for the file format and `parse.rs` for the
//! reading): front matter, an introduction, and steps, each with prose and
//! Run blocks, optional setup, checks on the engine's state, a solution,
//! hints, wrong attempts with the reason they must fail with, forbidden
//! commands and a par.

/// Longest tutorial or pack file read, in bytes.
pub const MAX_FILE_BYTES: usize = 256 * 1024;
/// Most steps in one tutorial.
pub const MAX_STEPS: usize = 40;
/// Most clients a step may name (`@1` .. `@4`).
pub const MAX_CLIENTS: usize = 4;

#[derive(Debug, Clone, PartialEq)]
pub struct Tutorial {
    pub id: String,
    pub title: String,
    pub level: Level,
    pub minutes: u32,
    pub prerequisites: Vec<String>,
    /// Prose before the first step.
    pub intro: Prose,
    pub steps: Vec<Step>,
    /// Set for an exercise pack (`kind: pack`): its steps are exercises,
    /// each from an empty database, worth points, graded on every variant.
    pub pack: Option<Pack>,
}

/// What makes a file an exercise pack.
#[derive(Debug, Clone, PartialEq)]
pub struct Pack {
    /// When the learner may see the solutions ("Show me").
    pub solutions: Solutions,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Solutions {
    Shown,
    Hidden,
    /// Shown from this day on (`YYYY-MM-DD`, UTC).
    After(String),
}

/// Most variants an exercise may declare.
pub const MAX_VARIANTS: usize = 10;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Beginner,
    Intermediate,
    Advanced,
}

impl Level {
    pub fn word(self) -> &'static str {
        match self {
            Level::Beginner => "beginner",
            Level::Intermediate => "intermediate",
            Level::Advanced => "advanced",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Step {
    pub title: String,
    /// The step's text in order: Markdown prose and Run blocks.
    pub parts: Vec<Part>,
    /// Run (unseen) when the step starts.
    pub setup: Vec<Line>,
    pub checks: Vec<CheckLine>,
    /// What "show me" runs; the native test plays it.
    pub solution: Vec<Line>,
    pub hints: Vec<Prose>,
    /// Attempts that must fail, each with the reason it must fail with.
    pub wrong: Vec<Wrong>,
    /// Command names (upper case) the step does not allow.
    pub forbid: Vec<String>,
    /// The shortest solution's length in commands, shown after success.
    pub par: Option<usize>,
    /// A pack exercise's points (`points: 2`; 1 when not given).
    pub points: u32,
    /// A pack exercise's variants: values for the `{name}` placeholders of
    /// its setup, checks, solution and Run lines, one set per variant.
    /// The learner works on the first; grading replays their commands on
    /// each, so an answer written for one set of values fails another.
    pub variants: Vec<Vec<(String, String)>>,
    /// Line of the file where the step starts (for messages).
    pub line: usize,
}

impl Step {
    /// Every command line the step runs or offers: setup, Run blocks,
    /// solution.
    pub fn lines(&self) -> impl Iterator<Item = &Line> {
        let runs = self.parts.iter().flat_map(|p| match p {
            Part::Run(lines) => lines.as_slice(),
            Part::Text(_) => &[],
        });
        self.setup.iter().chain(runs).chain(self.solution.iter())
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Part {
    /// Prose, shown as text (never as HTML).
    Text(Prose),
    /// A block of commands with a Run button.
    Run(Vec<Line>),
}

/// A command line and the client (0-based) it runs in: `@2 BLPOP q 0`
/// runs in the second client.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub client: usize,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CheckLine {
    pub check: Check,
    /// The line as written (the page shows it; the wire carries it).
    pub source: String,
    /// Said after the found/wanted reason when the check fails.
    pub because: Option<String>,
    pub line: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Wrong {
    pub lines: Vec<Line>,
    pub reason: String,
}

/// One declarative check on the state after the learner's commands. Keys
/// are looked up in the first client's database.
#[derive(Debug, Clone, PartialEq)]
pub enum Check {
    Exists(Vec<u8>),
    Absent(Vec<u8>),
    Type(Vec<u8>, String),
    /// A string's value.
    Value(Vec<u8>, Vec<u8>),
    /// Bytes of a string, elements of a collection.
    Len(Vec<u8>, usize),
    /// A list's elements, head to tail.
    List(Vec<u8>, Vec<Vec<u8>>),
    /// A collection's members (a hash's fields), in any order.
    Members(Vec<u8>, Vec<Vec<u8>>),
    /// A list element, set or sorted-set member, or hash field is there.
    Member(Vec<u8>, Vec<u8>),
    NotMember(Vec<u8>, Vec<u8>),
    Score(Vec<u8>, Vec<u8>, f64),
    Rank(Vec<u8>, Vec<u8>, usize),
    Field(Vec<u8>, Vec<u8>, Vec<u8>),
    /// Seconds to live, within an inclusive range.
    Ttl(Vec<u8>, i64, i64),
    /// Client (0-based) subscribed to a channel (or shard channel).
    Subscribed(usize, Vec<u8>),
    /// Client (0-based) subscribed to a pattern.
    PSubscribed(usize, Vec<u8>),
    /// Client (0-based) waiting in a blocking command.
    Blocked(usize),
    /// Client (0-based) has CLIENT TRACKING on, in this mode when given
    /// (`bcast`, `optin`, `optout`, `noloop`).
    Tracking(usize, Option<String>),
    /// A stream's consumer group (or one consumer of it) holds this many
    /// pending entries (checked by the full build, where streams are).
    Pending(Vec<u8>, Vec<u8>, Option<Vec<u8>>, usize),
    /// Client (0-based) is authenticated as this ACL user.
    User(usize, Vec<u8>),
    /// This ACL user may run this command line (as ACL DRYRUN says).
    Can(Vec<u8>, Vec<Vec<u8>>),
    /// This ACL user may not run it.
    Cannot(Vec<u8>, Vec<Vec<u8>>),
    /// A configuration parameter has this value, as CONFIG GET shows it.
    Config(String, String),
    /// A command (upper case) ran during the step.
    Ran(String),
    /// A reply, as redis-cli prints it, was seen during the step.
    Reply(String),
}

/// Markdown prose, read into what the page draws: blocks of styled
/// spans. The page has no Markdown parser (the first load has a size
/// budget); `prose.rs` reads it where the parser is.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Prose {
    pub blocks: Vec<Block>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Block {
    pub kind: BlockKind,
    pub spans: Vec<Span>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    Para,
    Heading,
    /// An item of a bulleted list.
    Bullet,
    /// An item of a numbered list, with its number.
    Numbered(u32),
    Quote,
    /// A code block (a fenced block that is not a step's part).
    Code,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Span {
    pub text: String,
    pub code: bool,
    pub strong: bool,
    pub emph: bool,
    /// Where a link goes (only `http(s)://`, `?` and `#` links are kept).
    pub link: Option<String>,
}

impl Prose {
    /// The text without its styling, blocks separated by a blank line
    /// (for tests and descriptions).
    pub fn plain(&self) -> String {
        let blocks: Vec<String> = self
            .blocks
            .iter()
            .map(|b| b.spans.iter().map(|s| s.text.as_str()).collect())
            .collect();
        blocks.join("\n\n")
    }

    pub fn is_empty(&self) -> bool {
        self.blocks.is_empty()
    }
}
