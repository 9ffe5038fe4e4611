#!/bin/bash
# `assay serve` under load on loopback: CLIENTS concurrent clients (Benchmarks/serve_client.py)
# upload the generated datanet's FILES real-text files (Benchmarks/make_datanet.py, 20 per
# contributor, each under its contributor's token), first to one server on SQLite, then to two
# server processes on one PostgreSQL ledger; beside them, `assay run` judges the same files in the
# same run of this script, so CPU per file is a same-run ratio.
#
#   Benchmarks/serve.sh                 # FILES=400 CLIENTS=16
#
# Environment:
#   FILES       files uploaded (default 400)
#   CLIENTS     concurrent clients (default 16)
#   BENCH_WORK  work folder (default /tmp/assay-bench/serve)
#   ASSAY_BIN   an assay binary to use instead of building one (release) from this repository
#   ASSAY_TEST_POSTGRES  a server's maintenance database; when unset, .ci/postgres starts one and
#               stops it at the end
#   PREFILL     when set (say 50000), also serves a datanet that already holds PREFILL files
#               (make_datanet.py, judged once by `assay run` before the server starts): once with
#               --walk-every 0 (every run walks the whole folder) and once with the default (runs
#               stage only their own uploads between hourly walks)
#
# Prints, per setup: uploads, wall seconds, uploads/s, p50 and p99 latency (ms, each upload's
# answer is its verdict), CPU seconds of the assay processes (user + system, /usr/bin/time; for
# PostgreSQL plus the database server's CPU over the load, from /proc), CPU ms per file and its
# ratio to `assay run` on the same files.
set -euo pipefail
REPO=$(cd "$(dirname "$0")/.." && pwd)
FILES=${FILES:-400}
CLIENTS=${CLIENTS:-16}
W=${BENCH_WORK:-/tmp/assay-bench/serve}
mkdir -p "$W"
say() { printf '== %s\n' "$*" >&2; }
. "$REPO/Benchmarks/lib.sh"
ASSAY=$(assay_binary "$REPO")

NET=$W/net-$FILES
if [ ! -d "$NET" ]; then
  say "making $FILES files in $NET"
  python3 "$REPO/Benchmarks/make_datanet.py" "$FILES" "$NET" >&2
fi
mapfile -t LIST < <(find "$NET" -name '*.txt' | sort)
CONFIG=$W/assay.yml
printf 'version: 1\nmodalities: { text: {} }\npipeline:\n  - use: text-quality\n  - use: text-dedup\n  - use: text-language\n' > "$CONFIG"
cpu_of() { awk '{ s += $2 + $3 } END { printf "%.2f", s }' "$@"; }
server_cpu() {
  local ticks
  ticks=$(getconf CLK_TCK)
  awk -v t="$ticks" '{ s += $14 + $15 + $16 + $17 } END { printf "%.2f", s / t }' \
    $(pgrep -u postgres -f 'postgres' | sed 's|.*|/proc/&/stat|') 2>/dev/null || echo 0
}

say "assay run on the same files (SQLite, --jobs 2)"
rm -f "$W/run.sqlite"*
/usr/bin/time -f '%e %U %S' -o "$W/run.time" "$ASSAY" run -q --config "$CONFIG" --ledger "$W/run.sqlite" --jobs 2 "$NET"
run_cpu=$(cpu_of "$W/run.time")
run_ms=$(echo "$run_cpu * 1000 / $FILES" | bc -l)

# Starts `assay serve` under /usr/bin/time on a free port with LEDGER; prints "PID BASE".
start_server() {
  local dir=$1 ledger=$2 n=$3
  /usr/bin/time -f '%e %U %S' -o "$dir/serve$n.time" "$ASSAY" serve --config "$dir/assay.yml" --ledger "$ledger" --name bench \
    --folder "$dir/uploads" --jobs 2 --listen 127.0.0.1:0 --daily-bytes 0 --datanet-daily-bytes 0 --rate 100000 --burst 100000 ${ASSAY_SERVE_EXTRA:-} \
    > /dev/null 2> "$dir/serve$n.err" &
  local timer=$!
  for _ in $(seq 1 600); do
    grep -q 'listening on' "$dir/serve$n.err" 2>/dev/null && break
    sleep 0.1
  done
  local base
  base=$(sed -n 's/.*listening on \([^ ]*\).*/\1/p' "$dir/serve$n.err")
  echo "$(pgrep -P "$timer") $base"
}

# Makes one token per contributor of the generated datanet in LEDGER.
make_tokens() {
  local dir=$1 ledger=$2
  : > "$dir/tokens"
  for contributor in $(ls "$NET"); do
    printf '%s\t%s\n' "$contributor" "$("$ASSAY" token add --config "$dir/assay.yml" --ledger "$ledger" "$contributor")" >> "$dir/tokens"
  done
}

row() {
  local name=$1 out=$2 cpu=$3
  read -r n secs rate p50 p99 statuses < "$out"
  printf '%-34s %7s %7s %9s %7s %7s %9s %9.2f %8.2f  %s\n' "$name" "$n" "$secs" "$rate" "$p50" "$p99" "$cpu" \
    "$(echo "$cpu * 1000 / $n" | bc -l)" "$(echo "$cpu * 1000 / $n / $run_ms" | bc -l)" "$statuses"
}

printf '%-34s %7s %7s %9s %7s %7s %9s %9s %8s  %s\n' setup uploads "wall s" uploads/s "p50 ms" "p99 ms" "CPU s" "CPU ms/f" "x run" statuses
printf '%-34s %7s %7s %9s %7s %7s %9s %9.2f %8.2f\n' "assay run (jobs 2, SQLite)" "$FILES" "$(awk '{print $1}' "$W/run.time")" \
  "$(echo "$FILES / $(awk '{print $1}' "$W/run.time")" | bc -l | xargs printf '%.1f')" - - "$run_cpu" "$run_ms" 1.00

say "one server on SQLite, $CLIENTS clients"
S=$W/sqlite
rm -rf "$S"; mkdir -p "$S"; cp "$CONFIG" "$S/assay.yml"
make_tokens "$S" "$S/assay.sqlite"
read -r pid base < <(start_server "$S" "$S/assay.sqlite" 1)
python3 "$REPO/Benchmarks/serve_client.py" "$S/tokens" "$base" bench "$CLIENTS" "${LIST[@]}" > "$S/client.out"
kill -TERM "$pid"; while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done; sleep 0.2
row "serve, SQLite, 1 process" "$S/client.out" "$(cpu_of "$S/serve1.time")"

if [ -z "${ASSAY_TEST_POSTGRES:-}" ]; then
  "$REPO/.ci/postgres" start >&2
  trap '"$REPO/.ci/postgres" stop >&2' EXIT
  . "$REPO/.build/postgres/env"
fi
say "two servers on one PostgreSQL ledger, $CLIENTS clients"
P=$W/postgres
rm -rf "$P"; mkdir -p "$P"; cp "$CONFIG" "$P/assay.yml"
db="assay_serve_bench_$$"
psql -X -q "${ASSAY_TEST_POSTGRES/postgres:\/\//postgresql://}" -c "CREATE DATABASE $db" >/dev/null
ledger=${ASSAY_TEST_POSTGRES/\/postgres?/\/$db?}
make_tokens "$P" "$ledger"
read -r pid1 base1 < <(start_server "$P" "$ledger" 1)
read -r pid2 base2 < <(start_server "$P" "$ledger" 2)
pg_before=$(server_cpu)
python3 "$REPO/Benchmarks/serve_client.py" "$P/tokens" "$base1,$base2" bench "$CLIENTS" "${LIST[@]}" > "$P/client.out"
pg_after=$(server_cpu)
kill -TERM "$pid1" "$pid2"; while kill -0 "$pid1" 2>/dev/null || kill -0 "$pid2" 2>/dev/null; do sleep 0.1; done; sleep 0.2
assay_cpu=$(cpu_of "$P/serve1.time" "$P/serve2.time")
row "serve, PostgreSQL, 2 processes" "$P/client.out" "$(echo "$assay_cpu + $pg_after - $pg_before" | bc -l)"
printf '(PostgreSQL rows count the database server: %.2f s of it)\n' "$(echo "$pg_after - $pg_before" | bc -l)"
psql -X -q "${ASSAY_TEST_POSTGRES/postgres:\/\//postgresql://}" -c "DROP DATABASE $db" >/dev/null || true

if [ "${PREFILL:-0}" -gt 0 ]; then
  SEED=$W/prefill-$PREFILL
  if [ ! -d "$SEED" ]; then
    say "making $PREFILL files already in the datanet ($SEED)"
    python3 "$REPO/Benchmarks/make_datanet.py" "$PREFILL" "$SEED" --seed 8 >&2
  fi
  for mode in walk-every-0 default; do
    D=$W/prefill-$mode
    rm -rf "$D"; mkdir -p "$D"; cp "$CONFIG" "$D/assay.yml"; cp -a "$SEED" "$D/uploads"
    say "a datanet of $PREFILL files judged by assay run, then served ($mode), $CLIENTS clients"
    "$ASSAY" run -q --config "$D/assay.yml" --ledger "$D/assay.sqlite" --jobs 2 "$D/uploads"
    make_tokens "$D" "$D/assay.sqlite"
    extra=""; [ "$mode" = walk-every-0 ] && extra="--walk-every 0"
    ASSAY_SERVE_EXTRA=$extra
    read -r pid base < <(start_server "$D" "$D/assay.sqlite" 1)
    python3 "$REPO/Benchmarks/serve_client.py" "$D/tokens" "$base" bench "$CLIENTS" "${LIST[@]}" > "$D/client.out"
    kill -TERM "$pid"; while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done; sleep 0.2
    row "serve, $PREFILL files in, $mode" "$D/client.out" "$(cpu_of "$D/serve1.time")"
  done
fi
