#!/bin/bash
# Scale-out on one machine: the generated datanet (Benchmarks/make_datanet.py, FILES files of real
# words, 20 per contributor) judged by one process on SQLite, then on PostgreSQL by a run with
# --jobs 0 and 1, 2 and 4 `assay work` processes (--jobs 1 each), all in one run of this script,
# with the same verdicts checked (sorted, byte for byte) against the SQLite run.
#
#   Benchmarks/scale-out.sh            # FILES=20000
#
# Environment:
#   FILES       files in the datanet (default 20000)
#   BENCH_WORK  work folder (default /tmp/assay-bench/scale-out)
#   ASSAY_BIN   an assay binary to use instead of building one (release) from this repository
#   ASSAY_TEST_POSTGRES  a server's maintenance database (postgres://USER@127.0.0.1:PORT/postgres);
#               when unset, .ci/postgres starts the project's test server and stops it at the end
#
# Prints, per setup: wall seconds, files/s, CPU seconds of every Assay process added up (user +
# system, /usr/bin/time), the PostgreSQL server's CPU seconds over the run (from /proc), the
# ratio to the SQLite run's wall time, and the database's size per file.
set -euo pipefail
REPO=$(cd "$(dirname "$0")/.." && pwd)
FILES=${FILES:-20000}
W=${BENCH_WORK:-/tmp/assay-bench/scale-out}
mkdir -p "$W"
say() { printf '== %s\n' "$*" >&2; }
. "$REPO/Benchmarks/lib.sh"
ASSAY=$(assay_binary "$REPO")

if [ -z "${ASSAY_TEST_POSTGRES:-}" ]; then
  "$REPO/.ci/postgres" start >&2
  trap '"$REPO/.ci/postgres" stop >&2' EXIT
  . "$REPO/.build/postgres/env"
fi
psql_on() { psql -X -q -t -A -v ON_ERROR_STOP=1 "${1/postgres:\/\//postgresql://}" -c "$2"; }

NET=$W/net-$FILES
if [ ! -d "$NET" ]; then
  say "making $FILES files in $NET"
  python3 "$REPO/Benchmarks/make_datanet.py" "$FILES" "$NET" >&2
fi
CONFIG=$W/assay.yml
printf 'version: 1\nmodalities: { text: {} }\npipeline:\n  - use: text-quality\n  - use: text-dedup\n  - use: text-language\n' > "$CONFIG"

# CPU seconds (user + system) the PostgreSQL server's processes have used so far.
server_cpu() {
  local ticks
  ticks=$(getconf CLK_TCK)
  awk -v t="$ticks" '{ s += $14 + $15 + $16 + $17 } END { printf "%.2f", s / t }' \
    $(pgrep -u postgres -f 'postgres' | sed 's|.*|/proc/&/stat|') 2>/dev/null || echo 0
}

cpu_of() { awk '{ s += $2 + $3 } END { printf "%.2f", s }' "$@"; }

say "SQLite, one process, --jobs 2"
rm -f "$W/one.sqlite"*
/usr/bin/time -f '%e %U %S' -o "$W/one.time" "$ASSAY" run -q --config "$CONFIG" --ledger "$W/one.sqlite" --jobs 2 \
  --verdicts "$W/one.jsonl" "$NET"
sort "$W/one.jsonl" > "$W/one.sorted"
one_wall=$(awk '{print $1}' "$W/one.time")
printf '%-28s %8s %9s %10s %10s %7s %12s\n' setup "wall s" "files/s" "assay CPU" "server CPU" ratio "db bytes/file"
printf '%-28s %8.2f %9.0f %10s %10s %7s %12s\n' "sqlite, 1 process" "$one_wall" "$(echo "$FILES / $one_wall" | bc -l)" \
  "$(cpu_of "$W/one.time")" - 1.00 "$(( $(stat -c %s "$W/one.sqlite") / FILES ))"

base=${ASSAY_TEST_POSTGRES}
for workers in 1 2 4; do
  db="assay_bench_$workers"
  psql_on "$base" "DROP DATABASE IF EXISTS $db" 2>/dev/null
  psql_on "$base" "CREATE DATABASE $db"
  ledger=${base/\/postgres\?//$db?}
  [ "$ledger" != "$base" ] || ledger="${base%/postgres}/$db"
  rm -f "$W"/work-*.time
  before=$(server_cpu)
  start=$(date +%s.%N)
  pids=()
  for i in $(seq 1 "$workers"); do
    /usr/bin/time -f '%e %U %S' -o "$W/work-$i.time" "$ASSAY" work -q --config "$CONFIG" --ledger "$ledger" --jobs 1 &
    pids+=($!)
  done
  /usr/bin/time -f '%e %U %S' -o "$W/run.time" "$ASSAY" run -q --config "$CONFIG" --ledger "$ledger" --jobs 0 \
    --verdicts "$W/pg-$workers.jsonl" "$NET"
  wait "${pids[@]}"
  wall=$(echo "$(date +%s.%N) - $start" | bc -l)
  after=$(server_cpu)
  sort "$W/pg-$workers.jsonl" | cmp -s - "$W/one.sorted" || { echo "scale-out: $workers workers gave other verdicts than SQLite" >&2; exit 1; }
  size=$(psql_on "$ledger" "SELECT pg_database_size(current_database())")
  printf '%-28s %8.2f %9.0f %10s %10.2f %7.2f %12s\n' "postgres, run + $workers worker(s)" "$wall" "$(echo "$FILES / $wall" | bc -l)" \
    "$(cpu_of "$W/run.time" "$W"/work-*.time)" "$(echo "$after - $before" | bc -l)" "$(echo "$wall / $one_wall" | bc -l)" "$(( size / FILES ))"
done
echo "verdicts: every PostgreSQL run equals the SQLite run (sorted, byte for byte)"
