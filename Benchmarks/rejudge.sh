#!/bin/bash
# Re-judging after a one-option change, against a fresh run, on the 8,185-document text bench corpus
# (Benchmarks/make_text_corpus.py), in one run on this machine.
#
#   Benchmarks/rejudge.sh
#
# Environment:
#   BENCH_WORK  work folder (default /tmp/assay-bench/text); the corpus is $BENCH_WORK/corpus, made by
#               Benchmarks/make_text_corpus.py when missing (it downloads four Debian packages, so
#               run `apt-get update` once, as root)
#   N           runs per measurement (default 3; medians are reported)
#   JOBS        worker threads (default 2)
#   ASSAY_BIN   an assay binary to use instead of building one (release) from this repository
#   PYTHON      the python3 that makes the corpus (default python3)
#
# What it measures (each with /usr/bin/time: wall, user + system CPU seconds, peak RSS):
#   fresh A      a fresh ledger, the default text pipeline (text-quality + text-dedup)
#   unchanged    the same command again on that ledger: nothing read, nothing decided
#   rejudge B    config B (text-quality's min_words 50 -> 80) on a copy of A's ledger: only
#                text-quality runs again (no libmagic, no text-dedup), then decide is replayed
#   fresh B      a fresh ledger with config B
# and checks that "rejudge B" wrote the same verdict lines as "fresh B", byte for byte.
set -euo pipefail

REPO=$(cd "$(dirname "$0")/.." && pwd)
W=${BENCH_WORK:-/tmp/assay-bench/text}
N=${N:-3}
JOBS=${JOBS:-2}
A=$W/assay-rejudge
mkdir -p "$W" "$A"
say() { printf '== %s\n' "$*" >&2; }

if [ ! -f "$W/corpus/ground_truth.csv" ]; then
  say "making the corpus: Benchmarks/make_text_corpus.py --work $W (downloads four Debian packages)"
  "${PYTHON:-python3}" "$REPO/Benchmarks/make_text_corpus.py" --work "$W" --out "$W/corpus" > /dev/null
fi
. "$REPO/Benchmarks/lib.sh"
ASSAY=$(assay_binary "$REPO")

DATANET=$A/datanet
if [ ! -d "$DATANET/c01/text" ]; then
  mkdir -p "$DATANET/c01"
  cp -R "$W/corpus/docs" "$DATANET/c01/text"
  find "$DATANET/c01/text" -type f -exec touch -h -d '2024-01-01 00:00:00 UTC' {} +
fi
find "$DATANET" -type f -print0 | xargs -0 cat > /dev/null

config() {  # config FILE MIN_WORDS
  cat > "$1" <<YAML
version: 1
limits: {quotas: false, max_file_bytes: 100MB}
modalities:
  text: {mime: ["text/*", "application/*"]}
pipeline:
  - use: text-quality
    with: {min_words: $2}
  - use: text-dedup
YAML
}
config "$A/a.yml" 50
config "$A/b.yml" 80

timed() {  # timed NAME LEDGER CONFIG VERDICTS
  /usr/bin/time -a -o "$A/time_$1.txt" -f "%e %U %S %M" \
    "$ASSAY" run --quiet --config "$3" --ledger "$2" --verdicts "$4" --jobs "$JOBS" "$DATANET" >/dev/null
}
rm -f "$A"/time_*.txt
identical=yes
for i in $(seq "$N"); do
  say "round $i of $N"
  rm -f "$A"/*.sqlite*
  timed fresh_a "$A/a.sqlite" "$A/a.yml" "$A/fresh_a.jsonl"
  timed unchanged "$A/a.sqlite" "$A/a.yml" "$A/unchanged.jsonl"
  cp "$A/a.sqlite" "$A/ab.sqlite"
  timed rejudge_b "$A/ab.sqlite" "$A/b.yml" "$A/rejudge_b.jsonl"
  timed fresh_b "$A/b.sqlite" "$A/b.yml" "$A/fresh_b.jsonl"
  cmp -s "$A/rejudge_b.jsonl" "$A/fresh_b.jsonl" || identical=no
  cmp -s "$A/unchanged.jsonl" "$A/fresh_a.jsonl" || identical=no
done

python3 - "$A" "$identical" <<'PY'
import statistics, sys
a, identical = sys.argv[1:3]
def med(name):
    rows = [list(map(float, l.split())) for l in open(f"{a}/time_{name}.txt") if l.strip() and l[0].isdigit()]
    return (statistics.median(r[0] for r in rows), statistics.median(r[1] + r[2] for r in rows),
            statistics.median(r[3] for r in rows) / 1024, len(rows))
fa, un, rb, fb = (med(n) for n in ("fresh_a", "unchanged", "rejudge_b", "fresh_b"))
print("| run | wall s | CPU s | peak RSS MiB | CPU vs fresh B |")
print("|---|---|---|---|---|")
for label, m in (("fresh ledger, config A", fa), ("same command again", un),
                 ("config B on A's ledger (min_words 50 -> 80)", rb), ("fresh ledger, config B", fb)):
    print(f"| {label} | {m[0]:.2f} | {m[1]:.2f} | {m[2]:.0f} | {m[1] / fb[1]:.2f} |")
print(f"\nmedians of {fa[3]} runs; re-judged verdicts identical to the fresh run's: {identical}")
PY
