//! LOLWUT: Redis's computer art, a different piece per major version.
//!
//! Redis 7.0 has no piece of its own (it answers its version), but
//! `VERSION 5` draws Georg Nees's *Schotter* (1968) in Braille dots and
//! `VERSION 6` a city skyline in four grays of terminal colour. Both are
//! random (Redis seeds `rand()` per process), so they are compared with
//! redis-server by their shape and by the rows no randomness reaches;
//! here the randomness is the engine's seeded generator, so a replayed
//! session draws the same picture. The geometry keeps Redis's float
//! arithmetic (single-precision values, double-precision maths) so that
//! the undisturbed rows come out dot for dot.

use super::arg;
use super::connection::REDIS_VERSION;
use crate::engine::args::parse_i64;
use crate::engine::{errors, Engine, Session};
use crate::reply::Reply;

/// LOLWUT [VERSION version]
pub fn lolwut(eng: &mut Engine, _: &mut Session, argv: &[Vec<u8>]) -> Reply {
    let mut piece = 0;
    let mut args = argv.get(1..).unwrap_or_default();
    if argv.len() >= 3 && arg(argv, 1).eq_ignore_ascii_case(b"version") {
        let Some(v) = parse_i64(arg(argv, 2)) else {
            return Reply::err(errors::NOT_INTEGER);
        };
        // Redis prints the number as an unsigned int and reads the first
        // characters of "<n>.0.0" as a version: only 5 and 6 have art.
        piece = match v as u32 {
            5 => 5,
            6 => 6,
            _ => 7,
        };
        args = argv.get(3..).unwrap_or_default();
    }
    let numbers: Result<Vec<i64>, Reply> = args
        .iter()
        .take(if piece == 5 { 3 } else { 2 })
        .map(|a| parse_i64(a).ok_or_else(|| Reply::err(errors::NOT_INTEGER)))
        .collect();
    let text = match piece {
        5 | 6 => {
            let numbers = match numbers {
                Ok(n) => n,
                Err(e) => return e,
            };
            let get = |i: usize, default: i64, max: i64| {
                numbers.get(i).copied().unwrap_or(default).clamp(1, max) as usize
            };
            if piece == 5 {
                let (cols, per_row, per_col) = (get(0, 66, 1000), get(1, 8, 200), get(2, 12, 200));
                // Redis's own bounds still allow a drawing of 800 million
                // dots (one square per row, 200 rows), which would take a
                // page's memory: past this many, an error says so.
                let pixels = (cols as u64 * 2).pow(2) * per_col as u64 / per_row as u64;
                if pixels > MAX_PIXELS {
                    return Reply::err(format!(
                        "ERR LOLWUT would draw about {pixels} dots, over this server's limit of {MAX_PIXELS}"
                    ));
                }
                let canvas = schotter(eng, cols, per_row, per_col);
                format!(
                    "{}\nGeorg Nees - schotter, plotter on paper, 1968. Redis ver. {REDIS_VERSION}\n",
                    braille(&canvas)
                )
            } else {
                let mut canvas = Canvas::new(get(0, 80, 1000), get(1, 20, 1000), 3);
                skyline(eng, &mut canvas);
                format!(
                    "{}\nDedicated to the 8 bit game developers of past and present.\nOriginal 8 bit image from Plaguemon by hikikomori. Redis ver. {REDIS_VERSION}\n",
                    grays(&canvas)
                )
            }
        }
        _ => format!("Redis ver. {REDIS_VERSION}\n"),
    };
    Reply::Verbatim("txt".into(), text.into_bytes())
}

/// The most dots a Schotter may have (32 MB of canvas).
const MAX_PIXELS: u64 = 1 << 25;

/// C's `rand()`: 0 to RAND_MAX (2^31 - 1).
fn rand(eng: &mut Engine) -> i32 {
    (eng.random_u64() & 0x7fff_ffff) as i32
}

/// A grid of pixels, each a colour number.
struct Canvas {
    width: usize,
    height: usize,
    pixels: Vec<u8>,
}

impl Canvas {
    fn new(width: usize, height: usize, background: u8) -> Canvas {
        Canvas {
            width,
            height,
            pixels: vec![background; width * height],
        }
    }

    fn index(&self, x: i64, y: i64) -> Option<usize> {
        let (x, y) = (usize::try_from(x).ok()?, usize::try_from(y).ok()?);
        (x < self.width && y < self.height).then_some(x + y * self.width)
    }

    fn set(&mut self, x: i64, y: i64, color: u8) {
        if let Some(i) = self.index(x, y) {
            if let Some(p) = self.pixels.get_mut(i) {
                *p = color;
            }
        }
    }

    fn get(&self, x: i64, y: i64) -> u8 {
        self.index(x, y)
            .and_then(|i| self.pixels.get(i).copied())
            .unwrap_or(0)
    }

    /// Bresenham's line, both ends included.
    fn line(&mut self, (mut x1, mut y1): (i64, i64), (x2, y2): (i64, i64), color: u8) {
        let (dx, dy) = ((x2 - x1).abs(), (y2 - y1).abs());
        let (sx, sy) = (if x1 < x2 { 1 } else { -1 }, if y1 < y2 { 1 } else { -1 });
        let mut err = dx - dy;
        loop {
            self.set(x1, y1, color);
            if x1 == x2 && y1 == y2 {
                break;
            }
            let e2 = err * 2;
            if e2 > -dy {
                err -= dy;
                x1 += sx;
            }
            if e2 < dx {
                err += dx;
                y1 += sy;
            }
        }
    }

    /// A square of side `size` centred on (x, y), turned by `angle`.
    fn square(&mut self, x: i64, y: i64, size: f32, angle: f32, color: u8) {
        // The corners lie on a circle: its radius is the side over √2
        // (Redis's ten-digit √2, not the exact constant).
        #[allow(clippy::approx_constant)]
        let radius = ((f64::from(size) / 1.4142135623) as f32).round();
        let mut k = (std::f64::consts::FRAC_PI_4 + f64::from(angle)) as f32;
        let mut corners = [(0i64, 0i64); 4];
        for c in &mut corners {
            let k64 = f64::from(k);
            *c = (
                (k64.sin() * f64::from(radius) + x as f64).round() as i64,
                (k64.cos() * f64::from(radius) + y as f64).round() as i64,
            );
            k = (k64 + std::f64::consts::FRAC_PI_2) as f32;
        }
        for j in 0..4 {
            self.line(corners[j], corners[(j + 1) % 4], color);
        }
    }
}

/// Rows of squares that fall into disorder further down the page.
fn schotter(eng: &mut Engine, cols: usize, per_row: usize, per_col: usize) -> Canvas {
    let width = cols * 2;
    let padding = if width > 4 { 2 } else { 0 };
    let side = (width - padding * 2) as f32 / per_row as f32;
    let height = (side * per_col as f32 + (padding * 2) as f32) as usize;
    let mut canvas = Canvas::new(width, height, 0);
    for y in 0..per_col {
        for x in 0..per_row {
            let mut sx = (x as f32 * side + side / 2.0 + padding as f32) as i64;
            let mut sy = (y as f32 * side + side / 2.0 + padding as f32) as i64;
            let mut angle = 0.0f32;
            if y > 1 {
                let mut r = [0f32; 3];
                for v in &mut r {
                    *v = rand(eng) as f32 / 2147483647.0f32 / per_col as f32 * y as f32;
                }
                for v in &mut r {
                    if rand(eng) % 2 == 1 {
                        *v = -*v;
                    }
                }
                angle = r[0];
                sx = (sx as f32 + r[1] * side / 3.0) as i64;
                sy = (sy as f32 + r[2] * side / 3.0) as i64;
            }
            canvas.square(sx, sy, side, angle, 1);
        }
    }
    canvas
}

/// Each 2×4 block of pixels as one Braille character (U+2800 + dots).
fn braille(canvas: &Canvas) -> String {
    let mut out = String::new();
    for y in (0..canvas.height).step_by(4) {
        for x in (0..canvas.width).step_by(2) {
            let (x, y) = (x as i64, y as i64);
            let dots = [
                (x, y),
                (x, y + 1),
                (x, y + 2),
                (x + 1, y),
                (x + 1, y + 1),
                (x + 1, y + 2),
                (x, y + 3),
                (x + 1, y + 3),
            ];
            let mut bits = 0u32;
            for (i, (px, py)) in dots.into_iter().enumerate() {
                if canvas.get(px, py) != 0 {
                    bits |= 1 << i;
                }
            }
            out.push(char::from_u32(0x2800 + bits).unwrap_or(' '));
        }
        if y + 1 != canvas.height {
            out.push('\n');
        }
    }
    out
}

struct Skyscraper {
    xoff: i64,
    width: i64,
    height: i64,
    windows: bool,
    color: u8,
}

fn skyscraper(eng: &mut Engine, canvas: &mut Canvas, s: &Skyscraper) {
    let start = canvas.height as i64 - 1;
    let end = start - s.height + 1;
    for y in (end..=start).rev() {
        for x in s.xoff..s.xoff + s.width {
            // The roof is four pixels narrower.
            if y == end && (x <= s.xoff + 1 || x >= s.xoff + s.width - 2) {
                continue;
            }
            let mut color = s.color;
            let inner = x > s.xoff + 1 && x < s.xoff + s.width - 2 && y > end + 1 && y < start - 1;
            if s.windows && inner {
                let (relx, rely) = (x - (s.xoff + 1), y - (end + 1));
                // Windows two pixels wide and one tall (terminal cells are
                // taller than wide), lit in a gray other than the wall's.
                if (relx / 2) % 2 != 0 && rely % 2 != 0 {
                    loop {
                        color = 1 + (rand(eng) % 2) as u8;
                        if color != s.color {
                            break;
                        }
                    }
                    if relx % 2 != 0 {
                        color = canvas.get(x - 1, y);
                    }
                }
            }
            canvas.set(x, y, color);
        }
    }
}

/// Two rows of gray towers behind a row of black ones with windows.
fn skyline(eng: &mut Engine, canvas: &mut Canvas) {
    let (w, h) = (canvas.width as i64, canvas.height as i64);
    for color in [2u8, 1] {
        let mut offset = -10i64;
        while offset < w {
            offset += i64::from(rand(eng) % 8);
            let width = 10 + i64::from(rand(eng) % 9);
            let height = if color == 2 {
                h / 2 + i64::from(rand(eng)) % h / 2
            } else {
                h / 2 + i64::from(rand(eng)) % h / 3
            };
            let s = Skyscraper {
                xoff: offset,
                width,
                height,
                windows: false,
                color,
            };
            skyscraper(eng, canvas, &s);
            offset += if color == 2 { width / 2 } else { width + 1 };
        }
    }
    let mut offset = -10i64;
    while offset < w {
        offset += i64::from(rand(eng) % 8);
        let mut width = 5 + i64::from(rand(eng) % 14);
        if width % 4 != 0 {
            width += width % 3;
        }
        let height = h / 3 + i64::from(rand(eng)) % h / 2;
        let s = Skyscraper {
            xoff: offset,
            width,
            height,
            windows: true,
            color: 0,
        };
        skyscraper(eng, canvas, &s);
        offset += width + 5;
    }
}

/// Each pixel as a space in one of four grays (foreground and background
/// set, so that every terminal shows the same).
fn grays(canvas: &Canvas) -> String {
    let mut out = String::new();
    for y in 0..canvas.height {
        for x in 0..canvas.width {
            let code = match canvas.get(x as i64, y as i64) {
                1 => "0;90;100m",
                2 => "0;37;47m",
                3 => "0;97;107m",
                _ => "0;30;40m",
            };
            out.push_str("\x1b[");
            out.push_str(code);
            out.push_str(" \x1b[0m");
        }
        if y + 1 != canvas.height {
            out.push('\n');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use crate::engine::{ClientAddr, Engine, EngineOptions};
    use crate::reply::Reply;

    fn run(line: &[&str]) -> Reply {
        let mut e = Engine::new(EngineOptions::default());
        let id = e.open_session(ClientAddr::default());
        let argv: Vec<Vec<u8>> = line.iter().map(|a| a.as_bytes().to_vec()).collect();
        e.execute(id, &argv)
    }

    #[test]
    fn a_drawing_too_big_for_memory_is_refused_and_one_just_under_is_drawn() {
        let Reply::Error(e) = run(&["LOLWUT", "VERSION", "5", "1000", "1", "200"]) else {
            panic!("a Schotter of 800 million dots was drawn");
        };
        assert!(e.contains("over this server's limit of 33554432"), "{e}");
        // 2000 dots wide, 15,972 high: just under the limit.
        let Reply::Verbatim(_, text) = run(&["LOLWUT", "VERSION", "5", "1000", "25", "200"]) else {
            panic!("no drawing");
        };
        let lines = String::from_utf8(text).unwrap_or_default();
        assert_eq!(lines.lines().next().map(|l| l.chars().count()), Some(1000));
        assert_eq!(lines.lines().count(), 15972 / 4 + 2);
    }
}
