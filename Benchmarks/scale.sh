#!/bin/bash
# One machine, many files: the default text pipeline on N generated files, its peak memory, and the
# re-run that has nothing to do.
#
#   Benchmarks/scale.sh N [N2 ...]       # e.g. Benchmarks/scale.sh 100000 1000000
#
# Environment:
#   SCALE_WORK  work folder (default /tmp/assay-scale); datanets are kept between runs (net-N/)
#   WORDS_FROM  folder of real text to draw the word runs from (default: the text bench corpus,
#               /tmp/assay-bench/text/corpus/docs, when it exists, else /usr/share/common-licenses)
#   JOBS        worker threads (default 2)
#   ASSAY_BIN   an assay binary to use instead of building one (release) from this repository
#
# For each N:
#   1. Benchmarks/make_datanet.py N: N distinct files (--copies 0), 20 per contributor (N/20
#      contributors, within the default daily limit of 20 files), 150-400 words each drawn in runs
#      from WORDS_FROM, all with one mtime;
#   2. the read floor in the same run: `find -type f | xargs -P2 cat` over the datanet;
#   3. `assay run --jobs $JOBS` with a fresh ledger on the default text pipeline (text-quality +
#      text-dedup + text-language, the shipped limits), under /usr/bin/time: wall, user + system
#      CPU, peak RSS;
#   4. the same command again with nothing changed (files skipped by device, inode, size, mtime);
#   5. again with --verify (every file read and hashed again; findings reused when the hash is equal).
# Then one table, and between consecutive N the peak-RSS growth per added file.
set -euo pipefail
[ $# -ge 1 ] || { echo "usage: $0 N [N2 ...]" >&2; exit 2; }
REPO=$(cd "$(dirname "$0")/.." && pwd)
W=${SCALE_WORK:-/tmp/assay-scale}
JOBS=${JOBS:-2}
if [ -z "${WORDS_FROM:-}" ]; then
  if [ -d /tmp/assay-bench/text/corpus/docs ]; then WORDS_FROM=/tmp/assay-bench/text/corpus/docs
  else WORDS_FROM=/usr/share/common-licenses; fi
fi
mkdir -p "$W"
say() { printf '\n== %s\n' "$*" >&2; }
. "$REPO/Benchmarks/lib.sh"
ASSAY=$(assay_binary "$REPO")
TIMEFMT="%e %M %U %S"   # wall s, peak RSS KiB, user CPU s, system CPU s
: > "$W/results.txt"

for n in "$@"; do
  net=$W/net-$n
  if [ ! -f "$net/.made" ]; then
    say "making $n files in $net (words from $WORDS_FROM)"
    rm -rf "$net"
    python3 "$REPO/Benchmarks/make_datanet.py" "$n" "$net" --copies 0 --words-from "$WORDS_FROM" >&2
    touch "$net/.made"
  fi
  cat > "$W/scale-$n.yml" <<EOF
version: 1
layout: "{contributor}/{modality}/**"
modalities:
  text: {}
pipeline:
  - use: text-quality
  - use: text-dedup
  - use: text-language
EOF
  ledger=$W/ledger-$n.sqlite
  rm -f "$ledger" "$ledger-wal" "$ledger-shm"
  say "N=$n: read floor (find | xargs -P2 cat)"
  /usr/bin/time -o "$W/time-$n-cat.txt" -f "$TIMEFMT" sh -c "find '$net' -type f -name '*.txt' -print0 | xargs -0 -P2 -n 4096 cat > /dev/null"
  for pass in first rerun verify; do
    extra=()
    [ $pass = verify ] && extra=(--verify)
    say "N=$n: assay run ($pass)"
    /usr/bin/time -o "$W/time-$n-$pass.txt" -f "$TIMEFMT" \
      "$ASSAY" run --config "$W/scale-$n.yml" --ledger "$ledger" --jobs "$JOBS" --quiet "${extra[@]}" \
      --verdicts "$W/verdicts-$n-$pass.jsonl" "$net" > "$W/run-$n-$pass.stdout" 2> "$W/run-$n-$pass.stderr" || {
        rc=$?; [ $rc = 3 ] || { echo "assay run failed ($pass, exit $rc); see $W/run-$n-$pass.stderr" >&2; tail -n 20 "$W/run-$n-$pass.stderr" >&2; exit 1; }; }
  done
  echo "$n $(cat "$W/time-$n-cat.txt") $(cat "$W/time-$n-first.txt") $(cat "$W/time-$n-rerun.txt") $(cat "$W/time-$n-verify.txt") $(wc -l < "$W/verdicts-$n-first.jsonl")" >> "$W/results.txt"
done

python3 - "$W/results.txt" "$JOBS" <<'PY'
import sys
rows = [l.split() for l in open(sys.argv[1]) if l.strip()]
jobs = sys.argv[2]
print(f"\nScale benchmark: default text pipeline, --jobs {jobs}; CPU = user + system s; RSS = peak resident set (/usr/bin/time)")
print("| files | read floor s | first run wall s | CPU s | files/s | peak RSS MiB | RSS bytes/file | re-run wall s | re-run RSS MiB | --verify wall s | verdict lines |")
print("|---|---|---|---|---|---|---|---|---|---|---|")
previous = None
for r in rows:
    n = int(r[0])
    cat = float(r[1])
    wall, rss, cpu = float(r[5]), int(r[6]) * 1024, float(r[7]) + float(r[8])
    rerun, rerss = float(r[9]), int(r[10]) * 1024
    verify = float(r[13])
    lines = int(r[17])
    print(f"| {n:,} | {cat:.1f} | {wall:.1f} | {cpu:.1f} | {n / wall:,.0f} | {rss / 2**20:.0f} | {rss / n:,.0f} | {rerun:.1f} | {rerss / 2**20:.0f} | {verify:.1f} | {lines:,} |")
    if previous:
        pn, prss = previous
        print(f"|   growth {pn:,} → {n:,} | | | | | {(rss - prss) / 2**20:+.0f} | {(rss - prss) / (n - pn):,.0f} per added file | | | | |")
    previous = (n, rss)
print("\nTargets at 1,000,000 files: peak RSS ≤ 1 GiB, growth beyond 100,000 ≤ 400 bytes per file, re-run ≤ 60 s.")
PY
