#!/bin/bash
# Mutation fuzzing of the parsers that untrusted bytes reach, for a fixed time per target:
# png-check (libpng through the setjmp-owning shim), audio-check (libsndfile: WAV and FLAC) and
# text-quality's Markdown scanner with text-pii's scanners, each in-process as a run calls it.
#
#   Benchmarks/fuzz.sh                 # 60 s per target
#   FUZZ_SECONDS=600 SEED=7 Benchmarks/fuzz.sh png text
#
# Environment: FUZZ_SECONDS (default 60), SEED (default 1; the same seed makes the same inputs),
# OUT (default /tmp/assay-fuzz), CORPORA (default Tests/Corpora), SLOW (seconds; an input
# slower than this is kept as OUT/TARGET-slow-N.bin, default 1).
#
# A crash ends the target's process: the input that caused it is OUT/TARGET-current.bin and the
# script exits 1. Prints, per target: inputs, inputs/s, the slowest input, inputs kept as slow,
# and the peak RSS of the process (/usr/bin/time), which a forged length would blow up.
set -uo pipefail
REPO=$(cd "$(dirname "$0")/.." && pwd)
SECONDS_PER=${FUZZ_SECONDS:-60}
SEED=${SEED:-1}
OUT=${OUT:-/tmp/assay-fuzz}
SLOW=${SLOW:-1}
CORPORA=${CORPORA:-$REPO/Tests/Corpora}
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(png audio text)
mkdir -p "$OUT"

(cd "$REPO" && swift build -c release --product assay-fuzz >&2) || exit 1
FUZZ=$(cd "$REPO" && swift build -c release --show-bin-path)/assay-fuzz

status=0
printf '%-9s %9s %9s %10s %6s %10s\n' target inputs inputs/s slowest_s slow peak_MiB
for t in "${targets[@]}"; do
  if ! /usr/bin/time -o "$OUT/$t.time" -f "%M" "$FUZZ" --corpora "$CORPORA" --seconds "$SECONDS_PER" --seed "$SEED" \
       --slow "$SLOW" --out "$OUT" "$t" > "$OUT/$t.out" 2> "$OUT/$t.err"; then
    echo "$t: CRASHED; the input is $OUT/$t-current.bin" >&2
    tail -n 5 "$OUT/$t.err" >&2
    status=1
    continue
  fi
  rss=$(tail -n 1 "$OUT/$t.time")
  tail -n 1 "$OUT/$t.out" | awk -v rss="$rss" '{printf "%-9s %9s %9s %10s %6s %10.0f\n", $1, $2, $3, $4, $5, rss / 1024}'
done
exit $status
