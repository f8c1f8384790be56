#!/usr/bin/env bash
# Run Redis 7.0's own test units (its TCL suite, in external-server mode)
# against reddish-server and against redis-server side by side, and print
# each unit's counts for both: the README's table comes from this.
#
#   tools/redis-units.sh REDIS_SRC [unit ...]
#
# REDIS_SRC is a checkout of Redis 7.0 (its tests/ folder is what runs;
# e.g. `git -C redis archive 7.0.15 tests | tar -x -C /tmp/redis-7.0`).
# The suite is Redis's code, so it is not part of this repository, and CI
# (which cannot download it) does not run this. Needs tclsh, redis-server
# and a release build of reddish-server (`cargo build --release`).
#
# Both servers start fresh with `enable-debug-command local`; tests that
# need replication, a local server process or LATENCY's monitor are
# skipped on both sides by tag (the first two do not apply to an external
# server).
set -u
SRC=${1:?usage: tools/redis-units.sh REDIS_SRC [unit ...]}
shift
UNITS=("$@")
if [ ${#UNITS[@]} -eq 0 ]; then
  UNITS=(type/string type/incr type/hash type/set type/list type/zset
    type/stream type/stream-cgroups bitops bitfield geo hyperloglog expire
    keyspace scan sort multi pubsub pubsubshard scripting functions tracking
    info-command introspection introspection-2 protocol other querybuf
    pause slowlog quit latency-monitor info limits)
fi
ROOT=$(cd "$(dirname "$0")/.." && pwd)
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
OURS=$TARGET/release/reddish-server
[ -x "$OURS" ] || { echo "build it first: cargo build --release" >&2; exit 2; }
TAGS="-needs:repl -needs:local-process -needs:latency"
OUT=$(mktemp -d)
ours_pid=
stop() {
  redis-cli -p 7302 shutdown nosave >/dev/null 2>&1
  [ -n "$ours_pid" ] && kill "$ours_pid" 2>/dev/null && wait "$ours_pid" 2>/dev/null
  ours_pid=
}
trap stop EXIT

# Both servers start afresh for every unit: external mode puts back only
# the configuration a unit overrode, so one unit may leave another's
# settings behind.
start() {
  # Both run in the log folder: a unit may turn on AOF or save an RDB file.
  (cd "$OUT" && exec "$OURS" --port 7301 --save "" --enable-debug-command local 2>>"$OUT/ours.stderr") &
  ours_pid=$!
  (cd "$OUT" && redis-server --port 7302 --save "" --appendonly no --enable-debug-command local \
    --daemonize yes --logfile "$OUT/redis.log" >/dev/null)
  for _ in $(seq 50); do
    redis-cli -p 7301 ping >/dev/null 2>&1 && redis-cli -p 7302 ping >/dev/null 2>&1 && return
    sleep 0.1
  done
}

count() { # log file -> "ok err exc"
  local f=$1
  printf '%s %s %s' "$(grep -c '^\[ok\]' "$f")" "$(grep -c '^\[err\]' "$f")" \
    "$(grep -c -E '^\[(exception|TIMEOUT)\]' "$f")"
}

run() { # port baseport unit: its log in $OUT
  (cd "$SRC" && timeout 900 tclsh tests/test_helper.tcl --host 127.0.0.1 \
    --port "$1" --baseport "$2" --single "unit/$3" --clients 1 --tags "$TAGS" \
    --timeout 60 2>&1) | sed 's/\x1b\[[0-9;]*m//g' >"$OUT/$(echo "$3" | tr / _).$1.log"
}

printf '%-22s %18s %18s\n' unit "reddish ok/err/exc" "redis ok/err/exc"
for u in "${UNITS[@]}"; do
  start
  run 7301 21111 "$u" &
  run_pid=$!
  run 7302 22111 "$u"
  wait "$run_pid"
  stop
  read -r ok err exc <<<"$(count "$OUT/$(echo "$u" | tr / _).7301.log")"
  read -r rok rerr rexc <<<"$(count "$OUT/$(echo "$u" | tr / _).7302.log")"
  printf '%-22s %18s %18s\n' "$u" "$ok/$err/$exc" "$rok/$rerr/$rexc"
done
echo "logs: $OUT"
