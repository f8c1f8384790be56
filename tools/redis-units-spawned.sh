#!/usr/bin/env bash
# Run Redis 7.0's test units that start servers of their own (tagged
# `external:skip`, so tools/redis-units.sh cannot run them: unit/acl,
# unit/auth, ...) with reddish-server in redis-server's place, and the same
# units with redis-server, and print each one's counts for both.
#
#   tools/redis-units-spawned.sh REDIS_SRC [unit ...]
#
# REDIS_SRC is a checkout of Redis 7.0's tests (as for redis-units.sh).
# Each side gets a copy of its tests/ folder next to a `src/` whose
# redis-server is the server under test (reddish-server prints the two
# lines the suite waits for: its PID, then "Ready to accept connections").
# SKIP, if set, names a file of test names to skip on both sides (the
# suite's --skipfile), for tests that stop a unit at a command this
# engine lacks, so the rest of the unit still runs; the README says which.
# Needs tclsh, redis-server and a release build of reddish-server.
set -u
SRC=${1:?usage: tools/redis-units-spawned.sh REDIS_SRC [unit ...]}
shift
UNITS=("$@")
[ ${#UNITS[@]} -eq 0 ] && UNITS=(acl acl-v2 auth)
ROOT=$(cd "$(dirname "$0")/.." && pwd)
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
OURS=$TARGET/release/reddish-server
[ -x "$OURS" ] || { echo "build it first: cargo build --release" >&2; exit 2; }
OUT=$(mktemp -d)

side() { # name server-binary: a copy of the suite that runs this server
  local dir=$OUT/$1
  mkdir -p "$dir/src"
  cp -r "$SRC/tests" "$dir/"
  ln -sf "$2" "$dir/src/redis-server"
  ln -sf "$(command -v redis-cli)" "$dir/src/redis-cli"
  ln -sf "$(command -v redis-benchmark)" "$dir/src/redis-benchmark"
  # Redis's AOF checker, for the units that run it on either server's files.
  if command -v redis-check-aof >/dev/null; then
    ln -sf "$(command -v redis-check-aof)" "$dir/src/redis-check-aof"
  fi
}
side ours "$OURS"
side redis "$(command -v redis-server)"

count() { # log file -> "ok err exc"
  local f=$1
  printf '%s %s %s' "$(grep -c '^\[ok\]' "$f")" "$(grep -c '^\[err\]' "$f")" \
    "$(grep -c -E '^\[(exception|TIMEOUT)\]' "$f")"
}

run() { # side unit: its log in $OUT
  local skip=()
  [ -n "${SKIP:-}" ] && skip=(--skipfile "$SKIP")
  (cd "$OUT/$1" && timeout 900 tclsh tests/test_helper.tcl --single "unit/$2" \
    --clients 1 --timeout 60 "${skip[@]}" 2>&1) | sed 's/\x1b\[[0-9;]*m//g' \
    >"$OUT/$(echo "$2" | tr / _).$1.log"
}

printf '%-22s %18s %18s\n' unit "reddish ok/err/exc" "redis ok/err/exc"
for u in "${UNITS[@]}"; do
  run ours "$u"
  run redis "$u"
  read -r ok err exc <<<"$(count "$OUT/$(echo "$u" | tr / _).ours.log")"
  read -r rok rerr rexc <<<"$(count "$OUT/$(echo "$u" | tr / _).redis.log")"
  printf '%-22s %18s %18s\n' "$u" "$ok/$err/$exc" "$rok/$rerr/$rexc"
done
echo "logs: $OUT"
