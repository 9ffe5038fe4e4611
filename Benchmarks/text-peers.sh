#!/bin/bash
# The text peers on the bench corpus, each measured N times with /usr/bin/time, results in
# $BENCH_WORK/results (Benchmarks/text.sh runs this when those results are missing, and prints
# them beside Assay's).
#
#   Benchmarks/text-peers.sh
#
# Environment:
#   BENCH_WORK  work folder (default /tmp/assay-bench/text): corpus/ (made by
#               Benchmarks/make_text_corpus.py when missing: it downloads four Debian packages, so
#               run `apt-get update` once, as root), venv/ and venv-td/ (the peers, installed from
#               PyPI when missing), work/ (the peers' output), results/
#   N           runs per measurement (default 3; take medians)
#   PYTHON      the python3 that makes the venvs and the corpus (default python3, 3.10 or later)
#
# Measured (2 processes or workers each, as Assay runs with --jobs 2; warm page cache):
#   cat, sha256sum -P2      the read and hash floors: `find | xargs cat`, `xargs -P2 -n 2048 sha256sum`
#   dt_quality              datatrove 0.10.1 GopherRepetitionFilter + GopherQualityFilter, defaults
#   dt_minhash, dt_exact    datatrove's MinHash dedup (4 stages) and exact dedup (3 stages)
#   sk_rensa_w1, _w2        rensa 0.5.0 MinHash + LSH (128 permutations, word 5-grams, threshold 0.8),
#                           1 and 2 processes (Benchmarks/peers/minhash_lsh.py)
#   sk_datasketch_w2        datasketch 2.0.0, the same, 2 processes
#   td_default              text-dedup 0.4.0 MinHash with its defaults, num_proc 2
# results/time_NAME.txt: one line per run, "wall_s peak_RSS_KiB user_s system_s" (datatrove's workers
# run under a forkserver that /usr/bin/time does not wait for: its CPU seconds miss them, compare
# datatrove by wall time); results/eval_*.txt: Benchmarks/peers/eval_dedup.py's scores (removal
# precision / recall against ground_truth.csv). Takes about 10 minutes on an idle 2-core machine,
# most of it datatrove.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
PEERS=$HERE/peers
W=${BENCH_WORK:-/tmp/assay-bench/text}
N=${N:-3}
PYTHON=${PYTHON:-python3}
mkdir -p "$W/results" "$W/work" "$W/logs"
W=$(cd "$W" && pwd)
R=$W/results
CORPUS=$W/corpus
DOCS=$CORPUS/docs
say() { printf '== %s\n' "$*" >&2; }

# ------------------------------------------------------------------ 0. the peers, from PyPI
if [ ! -x "$W/venv/bin/python" ]; then
  say "installing datatrove, spaCy, datasketch, rensa into $W/venv"
  "$PYTHON" -m venv "$W/venv"
  "$W/venv/bin/pip" install --quiet 'datatrove[processing]==0.10.1' spacy==3.8.18 orjson \
    datasketch==2.0.0 rensa==0.5.0 scipy xxhash || { rm -rf "$W/venv"; exit 1; }
fi
if [ ! -x "$W/venv-td/bin/python" ]; then
  say "installing text-dedup into $W/venv-td"
  "$PYTHON" -m venv "$W/venv-td"
  "$W/venv-td/bin/pip" install --quiet text-dedup==0.4.0 || { rm -rf "$W/venv-td"; exit 1; }
fi
PY=$W/venv/bin/python
PY_TD=$W/venv-td/bin/python

# ------------------------------------------------------------------ 1. the corpus
if [ ! -f "$CORPUS/ground_truth.csv" ]; then
  say "making the corpus: Benchmarks/make_text_corpus.py --work $W"
  "$PYTHON" "$HERE/make_text_corpus.py" --work "$W" --out "$CORPUS" > /dev/null
fi
FILES=$(find "$DOCS" -type f | wc -l)
say "corpus: $FILES files in $DOCS"
rm -rf "$W/work/hfds" "$W/work/hfds.cache"
"$PY_TD" "$PEERS/hf_dataset.py" save "$DOCS" "$W/work/hfds" > "$W/logs/hf_dataset.log" 2>&1

# ------------------------------------------------------------------ 2. measurements
bench() {  # bench NAME CMD... -> results/time_NAME.txt, one line per run; the command's output in logs/NAME.log
  local name=$1; shift
  : > "$R/time_$name.txt"
  for i in $(seq "$N"); do
    /usr/bin/time -a -o "$R/time_$name.txt" -f "%e %M %U %S" "$@" > "$W/logs/$name.log" 2>&1 || {
      echo "$name failed (run $i); the end of $W/logs/$name.log:" >&2; tail -n 20 "$W/logs/$name.log" >&2; exit 1; }
  done
  say "$name: wall s $(awk '{printf "%s ", $1}' "$R/time_$name.txt")"
}
text_dedup() {  # text_dedup OUT [ARGS...]: text-dedup's MinHash, library defaults, 2 processes
  local out=$1; shift
  rm -rf "$out" "$W"/work/hfds/cache-*.arrow
  "$PY_TD" -m text_dedup.minhash --path "$W/work/hfds" --local --column text --idx_column id \
    --output "$out" --num_proc 2 "$@"
}
export -f text_dedup; export W PY_TD

find "$DOCS" -type f -print0 | xargs -0 cat > /dev/null   # warm the page cache
bench cat sh -c 'find "$1" -type f -print0 | xargs -0 cat > /dev/null' sh "$DOCS"
bench sha256sum_p2 sh -c 'find "$1" -type f -print0 | xargs -0 -P2 -n 2048 sha256sum > /dev/null' sh "$DOCS"
bench dt_quality "$PY" "$PEERS/datatrove_text.py" quality "$DOCS" "$W/work/dt_quality"
bench dt_minhash "$PY" "$PEERS/datatrove_text.py" minhash "$DOCS" "$W/work/dt_minhash"
bench dt_exact "$PY" "$PEERS/datatrove_text.py" exact "$DOCS" "$W/work/dt_exact"
bench sk_rensa_w1 "$PY" "$PEERS/minhash_lsh.py" --lib rensa --workers 1 "$DOCS" "$W/work/rensa_w1"
bench sk_rensa_w2 "$PY" "$PEERS/minhash_lsh.py" --lib rensa --workers 2 "$DOCS" "$W/work/rensa_w2"
bench sk_datasketch_w2 "$PY" "$PEERS/minhash_lsh.py" --lib datasketch --workers 2 "$DOCS" "$W/work/datasketch_w2"
bench td_default bash -c 'text_dedup "$W/work/td_default"'

# ------------------------------------------------------------------ 3. scores
say "scoring (a datatrove MinHash run that keeps cluster ids, text-dedup with --debug for its clusters)"
"$PY" "$PEERS/datatrove_text.py" minhash "$DOCS" "$W/work/dt_minhash_clusters" --cluster-ids > "$W/logs/dt_minhash_clusters.log" 2>&1
text_dedup "$W/work/td_default" --debug > "$W/logs/td_debug.log" 2>&1
"$PY_TD" "$PEERS/hf_dataset.py" tsv "$W/work/hfds" "$W/work/td_default" "$W/work/td_default.tsv"
GT=$CORPUS/ground_truth.csv
score() { "$PYTHON" "$PEERS/eval_dedup.py" "$GT" "$2" ${3:-} > "$R/eval_$1.txt"; }
score dt_exact "$W/work/dt_exact" --only-exact
score dt_minhash "$W/work/dt_minhash_clusters"
score rensa_raw "$W/work/rensa_w2.raw.tsv"
score rensa_verified "$W/work/rensa_w2.verified.tsv"
score datasketch_raw "$W/work/datasketch_w2.raw.tsv"
score datasketch_verified "$W/work/datasketch_w2.verified.tsv"
score textdedup_default "$W/work/td_default.tsv"
kept=$(cat "$W"/work/dt_quality/kept/*.jsonl | wc -l)
echo "datatrove Gopher repetition + quality filters kept $kept of $FILES documents" | tee "$R/eval_dt_quality.txt"
for f in "$R"/eval_*.txt; do printf '%s: %s\n' "$(basename "$f" .txt)" "$(head -n 1 "$f")"; done
