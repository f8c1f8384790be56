//! Geo: places kept in a sorted set, each scored by the 52-bit geohash of
//! its longitude and latitude (26 bits each, interleaved), as Redis keeps
//! them, so ZRANGE and friends work on a geo key and the same places give
//! the same scores, positions, distances and hashes as redis-server.
//! The facts: longitudes from -180 to 180, latitudes from -85.05112878 to
//! 85.05112878 (the Web Mercator limits); the Earth's radius 6372797.560856
//! m; distances by the haversine formula; GEOPOS prints the centre of the
//! geohash cell, GEODIST four decimals, GEOHASH the standard 11-character
//! base-32 geohash (computed on latitudes -90 to 90).
//!
//! The rest of the engine (`cmd::ext`): the page's first load leaves these
//! handlers out.

use super::{arg, zsets};
use crate::engine::args::{eq_ignore_case, parse_f64};
use crate::engine::errors::{NOT_FLOAT, SYNTAX, WRONGTYPE};
use crate::engine::events::{Effect, Selection};
use crate::engine::value::Value;
use crate::engine::{Engine, Session};
use crate::reply::Reply;

const LON_MAX: f64 = 180.0;
const LAT_MAX: f64 = 85.051_128_78;
const STEP: u32 = 26;
const EARTH_RADIUS: f64 = 6_372_797.560_856;

/// Spread the low 32 bits of `v` to the even bits of the result.
fn spread(v: u32) -> u64 {
    let mut x = u64::from(v);
    x = (x | (x << 16)) & 0x0000_ffff_0000_ffff;
    x = (x | (x << 8)) & 0x00ff_00ff_00ff_00ff;
    x = (x | (x << 4)) & 0x0f0f_0f0f_0f0f_0f0f;
    x = (x | (x << 2)) & 0x3333_3333_3333_3333;
    x = (x | (x << 1)) & 0x5555_5555_5555_5555;
    x
}

/// The even bits of `v`, gathered.
fn gather(v: u64) -> u32 {
    let mut x = v & 0x5555_5555_5555_5555;
    x = (x | (x >> 1)) & 0x3333_3333_3333_3333;
    x = (x | (x >> 2)) & 0x0f0f_0f0f_0f0f_0f0f;
    x = (x | (x >> 4)) & 0x00ff_00ff_00ff_00ff;
    x = (x | (x >> 8)) & 0x0000_ffff_0000_ffff;
    x = (x | (x >> 16)) & 0x0000_0000_ffff_ffff;
    x as u32
}

/// The geohash of a place at `step` bits per axis within the ranges
/// (latitude bits even, longitude bits odd); `None` outside them.
fn encode(lon: f64, lat: f64, lat_range: (f64, f64), step: u32) -> Option<u64> {
    if !(-LON_MAX..=LON_MAX).contains(&lon) || !(-LAT_MAX..=LAT_MAX).contains(&lat) {
        return None;
    }
    if lat < lat_range.0 || lat > lat_range.1 {
        return None;
    }
    let scale = (1u64 << step) as f64;
    let lat_off = (lat - lat_range.0) / (lat_range.1 - lat_range.0) * scale;
    let lon_off = (lon + LON_MAX) / (2.0 * LON_MAX) * scale;
    // C converts the offsets to uint32_t: truncation.
    Some(spread(lat_off as u32) | (spread(lon_off as u32) << 1))
}

/// The centre of the cell of a 52-bit score, clamped to the limits.
pub(crate) fn decode(score: f64) -> (f64, f64) {
    let bits = score as u64;
    let (lat_cell, lon_cell) = (gather(bits), gather(bits >> 1));
    let scale = (1u64 << STEP) as f64;
    let lat_span = 2.0 * LAT_MAX;
    let lon_span = 2.0 * LON_MAX;
    let lat_min = -LAT_MAX + (f64::from(lat_cell) * 1.0 / scale) * lat_span;
    let lat_max = -LAT_MAX + ((f64::from(lat_cell) + 1.0) * 1.0 / scale) * lat_span;
    let lon_min = -LON_MAX + (f64::from(lon_cell) * 1.0 / scale) * lon_span;
    let lon_max = -LON_MAX + ((f64::from(lon_cell) + 1.0) * 1.0 / scale) * lon_span;
    let lon = ((lon_min + lon_max) / 2.0).clamp(-LON_MAX, LON_MAX);
    let lat = ((lat_min + lat_max) / 2.0).clamp(-LAT_MAX, LAT_MAX);
    (lon, lat)
}

fn rad(deg: f64) -> f64 {
    deg * (std::f64::consts::PI / 180.0)
}

/// Haversine distance in meters.
fn distance(lon1: f64, lat1: f64, lon2: f64, lat2: f64) -> f64 {
    let (lon1r, lon2r) = (rad(lon1), rad(lon2));
    let v = ((lon2r - lon1r) / 2.0).sin();
    if v == 0.0 {
        return EARTH_RADIUS * (rad(lat2) - rad(lat1)).abs();
    }
    let (lat1r, lat2r) = (rad(lat1), rad(lat2));
    let u = ((lat2r - lat1r) / 2.0).sin();
    let a = u * u + lat1r.cos() * lat2r.cos() * v * v;
    2.0 * EARTH_RADIUS * a.sqrt().asin()
}

/// A coordinate as Redis prints one ("%.17Lf", trailing zeros cut).
fn human(v: f64) -> String {
    let mut s = format!("{v:.17}");
    if s.contains('.') {
        let cut = s.trim_end_matches('0').trim_end_matches('.').len();
        s.truncate(cut);
    }
    if s == "-0" {
        s = "0".into();
    }
    s
}

/// A distance as Redis prints one: four decimals, rounded half to even
/// as `llrint` rounds.
fn four_decimals(d: f64) -> String {
    let v = (d * 10_000.0).round_ties_even() as i64;
    let sign = if v < 0 { "-" } else { "" };
    let a = v.unsigned_abs();
    format!("{sign}{}.{:04}", a / 10_000, a % 10_000)
}

fn coordinate_reply(sess: &Session, v: f64) -> Reply {
    if sess.resp >= 3 {
        Reply::Double(v)
    } else {
        Reply::Bulk(human(v).into_bytes())
    }
}

/// Longitude and latitude arguments, as Redis checks them.
fn lon_lat(lon: &[u8], lat: &[u8]) -> Result<(f64, f64), Reply> {
    let lon = parse_f64(lon).ok_or_else(|| Reply::err(NOT_FLOAT))?;
    let lat = parse_f64(lat).ok_or_else(|| Reply::err(NOT_FLOAT))?;
    if !(-LON_MAX..=LON_MAX).contains(&lon) || !(-LAT_MAX..=LAT_MAX).contains(&lat) {
        return Err(Reply::err(format!(
            "ERR invalid longitude,latitude pair {lon:.6},{lat:.6}"
        )));
    }
    Ok((lon, lat))
}

/// The scores of `members` in the sorted set at `key` (`None` for a
/// member that is not there; all `None` for a missing key).
fn scores(
    eng: &mut Engine,
    db: usize,
    key: &[u8],
    members: &[Vec<u8>],
) -> Result<Option<Vec<Option<f64>>>, Reply> {
    match eng.lookup(db, key) {
        None => Ok(None),
        Some(Value::ZSet(z)) => Ok(Some(members.iter().map(|m| z.score(m)).collect())),
        #[allow(unreachable_patterns)]
        Some(_) => Err(Reply::err(WRONGTYPE)),
    }
}

/// For the map picture: the places a command placed or read.
fn mark_places(eng: &mut Engine, db: usize, key: &[u8], members: &[Vec<u8>]) {
    if eng.effects_on() && !members.is_empty() {
        let members = members.to_vec();
        eng.effect(db, key, || Effect::Selected(Selection::Places(members)));
    }
}

/// GEOADD key [NX | XX] [CH] longitude latitude member [longitude latitude member ...]
pub fn geoadd(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    let (mut nx, mut xx, mut at) = (false, false, 2);
    while let Some(opt) = argv.get(at) {
        if eq_ignore_case(opt, "nx") {
            nx = true;
        } else if eq_ignore_case(opt, "xx") {
            xx = true;
        } else if !eq_ignore_case(opt, "ch") {
            break;
        }
        at += 1;
    }
    let places = argv.get(at..).unwrap_or_default();
    if places.len() % 3 != 0 || (nx && xx) {
        return Reply::err(SYNTAX);
    }
    // ZADD key [options] score member ..., each score the place's geohash.
    let mut zadd: Vec<Vec<u8>> = vec![b"zadd".to_vec()];
    zadd.extend(argv.get(1..at).unwrap_or_default().iter().cloned());
    for place in places.chunks(3) {
        let (lon, lat) = match lon_lat(arg(place, 0), arg(place, 1)) {
            Ok(p) => p,
            Err(e) => return e,
        };
        let bits = encode(lon, lat, (-LAT_MAX, LAT_MAX), STEP).unwrap_or(0);
        zadd.push(bits.to_string().into_bytes());
        zadd.push(arg(place, 2).to_vec());
    }
    let reply = zsets::zadd(eng, sess, &zadd);
    if !matches!(reply, Reply::Error(_)) {
        let named: Vec<Vec<u8>> = places.chunks(3).map(|p| arg(p, 2).to_vec()).collect();
        mark_places(eng, sess.db, arg(argv, 1), &named);
    }
    reply
}

/// GEOPOS key [member [member ...]]
pub fn geopos(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    each_place(eng, sess, argv, Reply::NullArray, |sess, lon, lat| {
        Reply::Array(vec![
            coordinate_reply(sess, lon),
            coordinate_reply(sess, lat),
        ])
    })
}

/// GEOPOS's and GEOHASH's shape: for each member after the key, `none`
/// when it is not there, else `each` of its place; the members found are
/// marked for the map picture.
fn each_place(
    eng: &mut Engine,
    sess: &Session,
    argv: &[Vec<u8>],
    none: Reply,
    each: impl Fn(&Session, f64, f64) -> Reply,
) -> Reply {
    let members = argv.get(2..).unwrap_or_default();
    let found = match scores(eng, sess.db, arg(argv, 1), members) {
        Ok(f) => f.unwrap_or_else(|| vec![None; members.len()]),
        Err(e) => return e,
    };
    mark_places(eng, sess.db, arg(argv, 1), &known(members, &found));
    Reply::Array(
        found
            .into_iter()
            .map(|s| match s {
                None => none.clone(),
                Some(score) => {
                    let (lon, lat) = decode(score);
                    each(sess, lon, lat)
                }
            })
            .collect(),
    )
}

/// The members that were found.
fn known(members: &[Vec<u8>], found: &[Option<f64>]) -> Vec<Vec<u8>> {
    members
        .iter()
        .zip(found)
        .filter(|(_, s)| s.is_some())
        .map(|(m, _)| m.clone())
        .collect()
}

/// How many meters one `unit` is.
fn unit(raw: &[u8]) -> Result<f64, Reply> {
    [("m", 1.0), ("km", 1000.0), ("ft", 0.3048), ("mi", 1609.34)]
        .into_iter()
        .find(|(u, _)| eq_ignore_case(raw, u))
        .map(|(_, m)| m)
        .ok_or_else(|| Reply::err("ERR unsupported unit provided. please use M, KM, FT, MI"))
}

/// GEODIST key member1 member2 [M | KM | FT | MI]
pub fn geodist(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    let per = match argv.len() {
        5 => match unit(arg(argv, 4)) {
            Ok(u) => u,
            Err(e) => return e,
        },
        n if n > 5 => return Reply::err(SYNTAX),
        _ => 1.0,
    };
    let pair = [arg(argv, 2).to_vec(), arg(argv, 3).to_vec()];
    match scores(eng, sess.db, arg(argv, 1), &pair) {
        Err(e) => e,
        Ok(Some(s)) => match (s.first().copied().flatten(), s.get(1).copied().flatten()) {
            (Some(a), Some(b)) => {
                mark_places(eng, sess.db, arg(argv, 1), &pair);
                let ((lon1, lat1), (lon2, lat2)) = (decode(a), decode(b));
                Reply::Bulk(four_decimals(distance(lon1, lat1, lon2, lat2) / per).into_bytes())
            }
            _ => Reply::Null,
        },
        Ok(None) => Reply::Null,
    }
}

/// GEOHASH key [member [member ...]]
pub fn geohash(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    const ALPHABET: &[u8; 32] = b"0123456789bcdefghjkmnpqrstuvwxyz";
    each_place(eng, sess, argv, Reply::Null, |_, lon, lat| {
        // The standard geohash: latitudes from -90 to 90.
        let bits = encode(lon, lat, (-90.0, 90.0), STEP).unwrap_or(0);
        let text: Vec<u8> = (0..11)
            .map(|i| {
                let idx = if i == 10 {
                    0
                } else {
                    (bits >> (52 - (i + 1) * 5)) & 0x1f
                };
                ALPHABET[idx as usize]
            })
            .collect();
        Reply::Bulk(text)
    })
}

/// What GEOSEARCH and GEORADIUS look in: around a point, a circle of
/// `radius` or a box of `width` by `height`, in units of `per` meters.
#[derive(Clone, Copy)]
struct Shape {
    lon: f64,
    lat: f64,
    per: f64,
    size: Size,
}

#[derive(Clone, Copy)]
enum Size {
    Radius(f64),
    Box(f64, f64),
}

/// A geohash cell: its bits and how many bits per axis (0 and 0: none).
#[derive(Clone, Copy, PartialEq)]
struct Cell {
    bits: u64,
    step: u32,
}

const NO_CELL: Cell = Cell { bits: 0, step: 0 };

/// The cell of a point at `step` bits per axis.
fn cell_of(lon: f64, lat: f64, step: u32) -> Cell {
    Cell {
        bits: encode(lon, lat, (-LAT_MAX, LAT_MAX), step).unwrap_or(0),
        step,
    }
}

/// A cell's bounds: (lon min, lon max, lat min, lat max).
fn bounds_of(c: Cell) -> (f64, f64, f64, f64) {
    if c == NO_CELL {
        return (0.0, 0.0, 0.0, 0.0);
    }
    let (lat_cell, lon_cell) = (f64::from(gather(c.bits)), f64::from(gather(c.bits >> 1)));
    let scale = (1u64 << c.step) as f64;
    let (lat_span, lon_span) = (2.0 * LAT_MAX, 2.0 * LON_MAX);
    (
        -LON_MAX + (lon_cell * 1.0 / scale) * lon_span,
        -LON_MAX + ((lon_cell + 1.0) * 1.0 / scale) * lon_span,
        -LAT_MAX + (lat_cell * 1.0 / scale) * lat_span,
        -LAT_MAX + ((lat_cell + 1.0) * 1.0 / scale) * lat_span,
    )
}

/// The cell next to `c`, `dx` cells east and `dy` north (each -1, 0, 1),
/// wrapping as Redis's bit arithmetic wraps.
fn moved(c: Cell, dx: i8, dy: i8) -> Cell {
    const ODD: u64 = 0xaaaa_aaaa_aaaa_aaaa;
    const EVEN: u64 = 0x5555_5555_5555_5555;
    let shift = 64 - c.step * 2;
    let step_once = |part: u64, fill: u64, keep: u64, d: i8| -> u64 {
        let zz = fill >> shift;
        let moved = if d > 0 {
            part.wrapping_add(zz.wrapping_add(1))
        } else {
            (part | zz).wrapping_sub(zz.wrapping_add(1))
        };
        moved & (keep >> shift)
    };
    let (mut x, mut y) = (c.bits & ODD, c.bits & EVEN);
    if dx != 0 {
        x = step_once(x, EVEN, ODD, dx);
    }
    if dy != 0 {
        y = step_once(y, ODD, EVEN, dy);
    }
    Cell {
        bits: x | y,
        step: c.step,
    }
}

fn deg(radians: f64) -> f64 {
    radians / (std::f64::consts::PI / 180.0)
}

/// How many bits per axis make a cell about the size of the search.
fn steps_for(mut meters: f64, lat: f64) -> u32 {
    const MERCATOR_MAX: f64 = 20_037_726.37;
    if meters == 0.0 {
        return 26;
    }
    let mut step: i32 = 1;
    while meters < MERCATOR_MAX {
        meters *= 2.0;
        step += 1;
    }
    step -= 2;
    if !(-66.0..=66.0).contains(&lat) {
        step -= 1;
        if !(-80.0..=80.0).contains(&lat) {
            step -= 1;
        }
    }
    step.clamp(1, 26) as u32
}

/// The nine cells to scan (the centre's, then north, south, east, west,
/// north-east, north-west, south-east, south-west), the ones wholly
/// outside the search's bounding box left out, as Redis picks them.
fn cells_to_scan(shape: &Shape) -> [Cell; 9] {
    let (half_h, half_w, radius) = match shape.size {
        Size::Radius(r) => (r, r, r),
        Size::Box(w, h) => (
            h / 2.0,
            w / 2.0,
            ((w / 2.0) * (w / 2.0) + (h / 2.0) * (h / 2.0)).sqrt(),
        ),
    };
    let (height, width) = (shape.per * half_h, shape.per * half_w);
    let lat_delta = deg(height / EARTH_RADIUS);
    let top = deg(width / EARTH_RADIUS / rad(shape.lat + lat_delta).cos());
    let bottom = deg(width / EARTH_RADIUS / rad(shape.lat - lat_delta).cos());
    let lon_delta = if shape.lat < 0.0 { bottom } else { top };
    let (min_lon, max_lon) = (shape.lon - lon_delta, shape.lon + lon_delta);
    let (min_lat, max_lat) = (shape.lat - lat_delta, shape.lat + lat_delta);
    let mut steps = steps_for(radius * shape.per, shape.lat);
    let around = |steps: u32| {
        let c = cell_of(shape.lon, shape.lat, steps);
        (
            c,
            [
                moved(c, 0, 1),
                moved(c, 0, -1),
                moved(c, 1, 0),
                moved(c, -1, 0),
                moved(c, 1, 1),
                moved(c, -1, 1),
                moved(c, 1, -1),
                moved(c, -1, -1),
            ],
        )
    };
    let (mut centre, mut n) = around(steps);
    let too_small = bounds_of(n[0]).3 < max_lat
        || bounds_of(n[1]).2 > min_lat
        || bounds_of(n[2]).1 < max_lon
        || bounds_of(n[3]).0 > min_lon;
    if steps > 1 && too_small {
        steps -= 1;
        (centre, n) = around(steps);
    }
    if steps >= 2 {
        let (lo_lon, hi_lon, lo_lat, hi_lat) = bounds_of(centre);
        // north 0, south 1, east 2, west 3, ne 4, nw 5, se 6, sw 7
        let mut drop = |which: [usize; 3]| which.iter().for_each(|&i| n[i] = NO_CELL);
        if lo_lat < min_lat {
            drop([1, 7, 6]);
        }
        if hi_lat > max_lat {
            drop([0, 4, 5]);
        }
        if lo_lon < min_lon {
            drop([3, 7, 5]);
        }
        if hi_lon > max_lon {
            drop([2, 6, 4]);
        }
    }
    [centre, n[0], n[1], n[2], n[3], n[4], n[5], n[6], n[7]]
}

/// A place found: name, score, position, distance in meters.
struct Found {
    member: Vec<u8>,
    score: f64,
    lon: f64,
    lat: f64,
    dist: f64,
}

/// Whether a place with this score is in the shape, and its distance.
fn within(shape: &Shape, score: f64) -> Option<(f64, f64, f64)> {
    let (lon, lat) = decode(score);
    let d = match shape.size {
        Size::Radius(r) => {
            let d = distance(shape.lon, shape.lat, lon, lat);
            (d <= r * shape.per).then_some(d)?
        }
        Size::Box(w, h) => {
            let lat_d = EARTH_RADIUS * (rad(shape.lat) - rad(lat)).abs();
            if lat_d > h * shape.per / 2.0 {
                return None;
            }
            if distance(lon, lat, shape.lon, lat) > w * shape.per / 2.0 {
                return None;
            }
            distance(shape.lon, shape.lat, lon, lat)
        }
    };
    Some((lon, lat, d))
}

/// The places of the nine cells that are in the shape, cell by cell in
/// score order, stopping at `limit` (0: none).
fn search(z: &crate::engine::zset::ZSet, shape: &Shape, limit: usize) -> Vec<Found> {
    let mut out = Vec::new();
    let cells = cells_to_scan(shape);
    let mut last: Option<usize> = None;
    for (i, c) in cells.iter().enumerate() {
        if *c == NO_CELL {
            continue;
        }
        if last.is_some_and(|l| l != 0 && cells[l] == *c) {
            continue;
        }
        if limit > 0 && out.len() >= limit {
            break;
        }
        let shift = 52 - c.step * 2;
        let (min, max) = ((c.bits << shift) as f64, ((c.bits + 1) << shift) as f64);
        let mut r = z.first_rank(|s, _| s >= min);
        while let Some((score, member)) = z.get(r) {
            if score >= max {
                break;
            }
            if let Some((lon, lat, dist)) = within(shape, score) {
                out.push(Found {
                    member: member.to_vec(),
                    score,
                    lon,
                    lat,
                    dist,
                });
            }
            if limit > 0 && out.len() >= limit {
                break;
            }
            r += 1;
        }
        last = Some(i);
    }
    out
}

/// A distance argument and its unit (`extractDistanceOrReply`).
fn radius_arg(value: &[u8], unit_arg: &[u8]) -> Result<(f64, f64), Reply> {
    let r = parse_f64(value).ok_or_else(|| Reply::err("ERR need numeric radius"))?;
    if r < 0.0 {
        return Err(Reply::err("ERR radius cannot be negative"));
    }
    Ok((r, unit(unit_arg)?))
}

/// The place of `member` in the sorted set at `key` (known to exist), or
/// Redis's error.
fn member_place(
    eng: &mut Engine,
    db: usize,
    key: &[u8],
    member: &[u8],
) -> Result<(f64, f64), Reply> {
    match eng.lookup(db, key) {
        Some(Value::ZSet(z)) => z.score(member).map(decode),
        _ => None,
    }
    .ok_or_else(|| Reply::err("ERR could not decode requested zset member"))
}

#[derive(Clone, Copy, PartialEq)]
enum Form {
    Radius,
    RadiusMember,
    RadiusRo,
    RadiusMemberRo,
    Search,
    SearchStore,
}

/// GEORADIUS, GEORADIUSBYMEMBER, their `_RO` forms, GEOSEARCH and
/// GEOSEARCHSTORE: one parser and one search, as in Redis, which checks
/// the arguments in this order.
fn search_generic(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>], form: Form) -> Reply {
    let db = sess.db;
    let src = if form == Form::SearchStore { 2 } else { 1 };
    // Whether the source exists; it is read in place, never copied.
    let source = arg(argv, src);
    let exists = match eng.lookup(db, source) {
        None => false,
        Some(Value::ZSet(_)) => true,
        #[allow(unreachable_patterns)]
        Some(_) => return Reply::err(WRONGTYPE),
    };
    let is_search = matches!(form, Form::Search | Form::SearchStore);
    let no_store = matches!(form, Form::RadiusRo | Form::RadiusMemberRo);
    let mut centre: Option<(f64, f64)> = None;
    let mut size: Option<(Size, f64)> = None;
    let mut store: Option<Vec<u8>> = (form == Form::SearchStore).then(|| arg(argv, 1).to_vec());
    let base = match form {
        Form::Radius | Form::RadiusRo => {
            match lon_lat(arg(argv, 2), arg(argv, 3)) {
                Ok(p) => centre = Some(p),
                Err(e) => return e,
            }
            match radius_arg(arg(argv, 4), arg(argv, 5)) {
                Ok((r, per)) => size = Some((Size::Radius(r), per)),
                Err(e) => return e,
            }
            6
        }
        Form::RadiusMember | Form::RadiusMemberRo => {
            if exists {
                match member_place(eng, db, source, arg(argv, 2)) {
                    Ok(p) => centre = Some(p),
                    Err(e) => return e,
                }
                match radius_arg(arg(argv, 3), arg(argv, 4)) {
                    Ok((r, per)) => size = Some((Size::Radius(r), per)),
                    Err(e) => return e,
                }
            }
            5
        }
        Form::Search => 2,
        Form::SearchStore => 3,
    };
    let (mut withdist, mut withhash, mut withcoord, mut any) = (false, false, false, false);
    let (mut from_member, mut from_lonlat, mut by_radius, mut by_box) =
        (false, false, false, false);
    let mut storedist = false;
    // 0: none, 1: ascending, 2: descending.
    let mut sort = 0;
    let mut count: i64 = 0;
    let rest = argv.get(base..).unwrap_or_default();
    let mut i = 0;
    while let Some(word) = rest.get(i) {
        let left = rest.len() - i;
        if eq_ignore_case(word, "withdist") {
            withdist = true;
        } else if eq_ignore_case(word, "withhash") {
            withhash = true;
        } else if eq_ignore_case(word, "withcoord") {
            withcoord = true;
        } else if eq_ignore_case(word, "any") {
            any = true;
        } else if eq_ignore_case(word, "asc") {
            sort = 1;
        } else if eq_ignore_case(word, "desc") {
            sort = 2;
        } else if eq_ignore_case(word, "count") && left > 1 {
            count = match crate::engine::args::int_arg(arg(rest, i + 1)) {
                Ok(n) => n,
                Err(e) => return e,
            };
            if count <= 0 {
                return Reply::err("ERR COUNT must be > 0");
            }
            i += 1;
        } else if (eq_ignore_case(word, "store") || eq_ignore_case(word, "storedist"))
            && left > 1
            && !no_store
            && !is_search
        {
            storedist = eq_ignore_case(word, "storedist");
            store = Some(arg(rest, i + 1).to_vec());
            i += 1;
        } else if eq_ignore_case(word, "storedist") && form == Form::SearchStore {
            storedist = true;
        } else if eq_ignore_case(word, "frommember") && left > 1 && is_search && !from_lonlat {
            if exists {
                match member_place(eng, db, source, arg(rest, i + 1)) {
                    Ok(p) => centre = Some(p),
                    Err(e) => return e,
                }
            }
            from_member = true;
            i += 1;
        } else if eq_ignore_case(word, "fromlonlat") && left > 2 && is_search && !from_member {
            match lon_lat(arg(rest, i + 1), arg(rest, i + 2)) {
                Ok(p) => centre = Some(p),
                Err(e) => return e,
            }
            from_lonlat = true;
            i += 2;
        } else if eq_ignore_case(word, "byradius") && left > 2 && is_search && !by_box {
            match radius_arg(arg(rest, i + 1), arg(rest, i + 2)) {
                Ok((r, per)) => size = Some((Size::Radius(r), per)),
                Err(e) => return e,
            }
            by_radius = true;
            i += 2;
        } else if eq_ignore_case(word, "bybox") && left > 3 && is_search && !by_radius {
            let w = parse_f64(arg(rest, i + 1));
            let w = match w {
                Some(w) => w,
                None => return Reply::err("ERR need numeric width"),
            };
            let h = match parse_f64(arg(rest, i + 2)) {
                Some(h) => h,
                None => return Reply::err("ERR need numeric height"),
            };
            if h < 0.0 || w < 0.0 {
                return Reply::err("ERR height or width cannot be negative");
            }
            match unit(arg(rest, i + 3)) {
                Ok(per) => size = Some((Size::Box(w, h), per)),
                Err(e) => return e,
            }
            by_box = true;
            i += 3;
        } else {
            return Reply::err(SYNTAX);
        }
        i += 1;
    }
    let name = String::from_utf8_lossy(arg(argv, 0)).into_owned();
    if store.is_some() && (withdist || withhash || withcoord) {
        let what = if form == Form::SearchStore {
            "GEOSEARCHSTORE"
        } else {
            "STORE option in GEORADIUS"
        };
        return Reply::err(format!(
            "ERR {what} is not compatible with WITHDIST, WITHHASH and WITHCOORD options"
        ));
    }
    if is_search && !(from_member || from_lonlat) {
        return Reply::err(format!(
            "ERR exactly one of FROMMEMBER or FROMLONLAT can be specified for {name}"
        ));
    }
    if is_search && !(by_radius || by_box) {
        return Reply::err(format!(
            "ERR exactly one of BYRADIUS and BYBOX can be specified for {name}"
        ));
    }
    if any && count == 0 {
        return Reply::err("ERR the ANY argument requires COUNT argument");
    }
    let (true, Some((lon, lat)), Some((size, per))) = (exists, centre, size) else {
        // No such key: nothing found.
        return match store {
            Some(dst) => {
                if eng.delete(db, &dst) {
                    eng.notify(db, &dst, "del");
                }
                Reply::Integer(0)
            }
            None => Reply::Array(Vec::new()),
        };
    };
    if count != 0 && sort == 0 && !any {
        sort = 1;
    }
    let shape = Shape {
        lon,
        lat,
        per,
        size,
    };
    let limit = if any { count as usize } else { 0 };
    let mut found = match eng.lookup(db, source) {
        Some(Value::ZSet(z)) => search(z, &shape, limit),
        _ => Vec::new(),
    };
    if sort != 0 {
        found.sort_by(|a, b| {
            let o = a
                .dist
                .partial_cmp(&b.dist)
                .unwrap_or(std::cmp::Ordering::Equal);
            if sort == 2 {
                o.reverse()
            } else {
                o
            }
        });
    }
    let n = if count > 0 {
        found.len().min(count as usize)
    } else {
        found.len()
    };
    found.truncate(n);
    if eng.effects_on() {
        let names: Vec<Vec<u8>> = found.iter().map(|f| f.member.clone()).collect();
        let (radius, size) = match size {
            Size::Radius(r) => (Some(r * per), None),
            Size::Box(w, h) => (None, Some((w * per, h * per))),
        };
        let key = arg(argv, src).to_vec();
        eng.effect(db, &key, || {
            Effect::Selected(Selection::Area {
                lon,
                lat,
                radius,
                size,
                found: names,
            })
        });
    }
    if let Some(dst) = store {
        let event = if is_search {
            "geosearchstore"
        } else {
            "georadiusstore"
        };
        let items = found
            .into_iter()
            .map(|f| (if storedist { f.dist / per } else { f.score }, f.member))
            .collect();
        return zsets::store_result(eng, db, &dst, items, event);
    }
    let options = withdist || withhash || withcoord;
    Reply::Array(
        found
            .into_iter()
            .map(|f| {
                if !options {
                    return Reply::Bulk(f.member);
                }
                let mut item = vec![Reply::Bulk(f.member)];
                if withdist {
                    item.push(Reply::Bulk(four_decimals(f.dist / per).into_bytes()));
                }
                if withhash {
                    item.push(Reply::Integer(f.score as i64));
                }
                if withcoord {
                    item.push(Reply::Array(vec![
                        coordinate_reply(sess, f.lon),
                        coordinate_reply(sess, f.lat),
                    ]));
                }
                Reply::Array(item)
            })
            .collect(),
    )
}

/// GEORADIUS key longitude latitude radius <M | KM | FT | MI> [WITHCOORD] [WITHDIST] [WITHHASH] [COUNT count [ANY]] [ASC | DESC] [STORE key | STOREDIST key]
pub fn georadius(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    search_generic(eng, sess, argv, Form::Radius)
}

/// GEORADIUS_RO key longitude latitude radius <M | KM | FT | MI> [WITHCOORD] [WITHDIST] [WITHHASH] [COUNT count [ANY]] [ASC | DESC]
pub fn georadius_ro(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    search_generic(eng, sess, argv, Form::RadiusRo)
}

/// GEORADIUSBYMEMBER key member radius <M | KM | FT | MI> [WITHCOORD] [WITHDIST] [WITHHASH] [COUNT count [ANY]] [ASC | DESC] [STORE key | STOREDIST key]
pub fn georadiusbymember(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    search_generic(eng, sess, argv, Form::RadiusMember)
}

/// GEORADIUSBYMEMBER_RO key member radius <M | KM | FT | MI> [WITHCOORD] [WITHDIST] [WITHHASH] [COUNT count [ANY]] [ASC | DESC]
pub fn georadiusbymember_ro(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    search_generic(eng, sess, argv, Form::RadiusMemberRo)
}

/// GEOSEARCH key <FROMMEMBER member | FROMLONLAT longitude latitude> <BYRADIUS radius <M | KM | FT | MI> | BYBOX width height <M | KM | FT | MI>> [ASC | DESC] [COUNT count [ANY]] [WITHCOORD] [WITHDIST] [WITHHASH]
pub fn geosearch(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    search_generic(eng, sess, argv, Form::Search)
}

/// GEOSEARCHSTORE destination source <FROMMEMBER member | FROMLONLAT longitude latitude> <BYRADIUS radius <M | KM | FT | MI> | BYBOX width height <M | KM | FT | MI>> [ASC | DESC] [COUNT count [ANY]] [STOREDIST]
pub fn geosearchstore(eng: &mut Engine, sess: &mut Session, argv: &[Vec<u8>]) -> Reply {
    search_generic(eng, sess, argv, Form::SearchStore)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interleaving_round_trips() {
        for v in [0u32, 1, 0xdead_beef, u32::MAX] {
            assert_eq!(gather(spread(v)), v);
            assert_eq!(gather(spread(v) << 1 >> 1), v);
        }
    }

    #[test]
    fn distances_print_with_four_decimals_rounded_to_even() {
        assert_eq!(four_decimals(0.0), "0.0000");
        assert_eq!(four_decimals(166274.15156960033), "166274.1516");
        // Exact halves (312.5 and 937.5 ten-thousandths) go to even.
        assert_eq!(four_decimals(0.03125), "0.0312");
        assert_eq!(four_decimals(0.09375), "0.0938");
        assert_eq!(four_decimals(-1.5), "-1.5000");
        assert_eq!(human(13.361389338970184), "13.36138933897018433");
        assert_eq!(human(-0.0), "0");
    }
}
