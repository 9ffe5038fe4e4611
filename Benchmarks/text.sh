#!/bin/bash
# Text stages side by side with their peers, on the same 8,185 documents, on this machine, in one run.
#
#   Benchmarks/text.sh            # peers: reuse $BENCH_WORK/results if complete, else run them all
#   PEERS=run  Benchmarks/text.sh # always re-measure every peer (Benchmarks/text-peers.sh)
#   PEERS=reuse Benchmarks/text.sh
#
# Environment:
#   BENCH_WORK  work folder (default /tmp/assay-bench/text): the corpus ($BENCH_WORK/corpus, made by
#               Benchmarks/make_text_corpus.py when missing: it downloads four Debian packages, so
#               run `apt-get update` once, as root; delete it to make it again), the peers' venvs and
#               results (Benchmarks/text-peers.sh); Assay's files go under $BENCH_WORK/assay
#   N           runs per measurement (default 3; medians are reported)
#   JOBS        Assay worker threads (default 2, the peers use 2 processes)
#   ASSAY_BIN   an assay binary to use instead of building one (release) from this repository
#   PYTHON      the python3 that makes the corpus and the venvs (default python3)
#
# What it does:
#   1. corpus (Benchmarks/make_text_corpus.py) when missing, then the peers: Benchmarks/text-peers.sh
#      (datatrove, datasketch, rensa, text-dedup from PyPI in venvs under $BENCH_WORK, scored by
#      Benchmarks/peers/eval_dedup.py), unless complete results are there already;
#   2. builds Assay in release mode;
#   3. copies the corpus into ONE contributor's text folder ($BENCH_WORK/assay/datanet/c01/text/NN/…)
#      with one modification time, so Assay's canonical order (time, then path) is the peers' sorted
#      path order; quotas off; the text folder takes the shipped MIME rules (no widening: the gate
#      must let every document through on its own);
#   4. in ONE loop, N times, alternating: rensa with 2 processes (Benchmarks/peers/minhash_lsh.py,
#      the anchor), then `assay run --jobs $JOBS` with a fresh ledger on the default text pipeline
#      (text-quality + text-dedup + text-language), then text-dedup alone. Each run records wall, user + system CPU
#      and peak RSS (/usr/bin/time), so the ratios compare runs made under the same machine load;
#      converts the verdicts to eval_dedup.py's TSV (removed = the file has a text.dup_* reason;
#      cluster = the file it copies, followed to the first one);
#   5. prints one table: wall s, CPU s, docs/s, MB/s, peak RSS, removal precision / recall, ratios
#      against this run's rensa 2-process wall and CPU, the files the MIME gate refused, and the
#      other peers (datatrove, datasketch, text-dedup) from text-peers.sh's results.
set -euo pipefail

REPO=$(cd "$(dirname "$0")/.." && pwd)
PEER_DIR=$REPO/Benchmarks/peers
export BENCH_WORK=${BENCH_WORK:-/tmp/assay-bench/text}
W=$BENCH_WORK
N=${N:-3}
JOBS=${JOBS:-2}
PEERS=${PEERS:-auto}
A=$W/assay
mkdir -p "$W" "$A"

say() { printf '\n== %s\n' "$*" >&2; }

# --------------------------------------------------------------------------- 1. corpus and peers
CORPUS=$W/corpus
if [ ! -f "$CORPUS/ground_truth.csv" ]; then
  say "making the corpus: Benchmarks/make_text_corpus.py --work $W (downloads four Debian packages)"
  "${PYTHON:-python3}" "$REPO/Benchmarks/make_text_corpus.py" --work "$W" --out "$CORPUS" > /dev/null
fi
peer_results=(time_cat time_sha256sum_p2 time_dt_quality time_dt_minhash time_dt_exact time_sk_rensa_w1
              time_sk_rensa_w2 time_sk_datasketch_w2 time_td_default eval_rensa_raw eval_dt_minhash
              eval_datasketch_raw eval_textdedup_default)
complete=1
for r in "${peer_results[@]}"; do [ -s "$W/results/$r.txt" ] || complete=0; done
if [ "$PEERS" = run ] || { [ "$PEERS" = auto ] && [ $complete = 0 ]; }; then
  say "peers: Benchmarks/text-peers.sh (N=$N; datatrove alone takes several minutes per run)"
  N=$N bash "$REPO/Benchmarks/text-peers.sh" >&2
elif [ $complete = 0 ]; then
  say "warning: peer results in $W/results are incomplete; their rows show '-'"
fi

# --------------------------------------------------------------------------- 2. Assay, release build
. "$REPO/Benchmarks/lib.sh"
ASSAY=$(assay_binary "$REPO")

# --------------------------------------------------------------------------- 3. the corpus as a datanet
DATANET=$A/datanet
if [ ! -f "$A/.datanet-copied" ] || [ "$CORPUS/ground_truth.csv" -nt "$A/.datanet-copied" ]; then
  say "laying out the corpus for Assay in $DATANET"
  rm -rf "$DATANET"
  mkdir -p "$DATANET/c01"
  # A copy, not symbolic links: Assay refuses links that leave the folder it judges.
  cp -R "$CORPUS/docs" "$DATANET/c01/text"
  # One submission time for every file: canonical order is then path order, as for the peers.
  find "$DATANET/c01/text" -type f -exec touch -h -d '2024-01-01 00:00:00 UTC' {} +
  touch "$A/.datanet-copied"
fi
find "$DATANET/c01/text" -type f -print0 | xargs -0 cat > /dev/null   # warm cache, as text-peers.sh does

write_config() {  # write_config FILE STAGES...
  local file=$1; shift
  {
    echo "version: 1"
    echo 'layout: "{contributor}/{modality}/**"'
    echo "limits: {quotas: false, max_file_bytes: 100MB}"
    echo "modalities:"
    echo "  text: {}"
    echo "pipeline:"
    for s in "$@"; do echo "  - use: $s"; done
    echo "ledger: $A/ledger.sqlite"
  } > "$file"
}
write_config "$A/default.yml" text-quality text-dedup text-language
write_config "$A/dedup.yml" text-dedup

# --------------------------------------------------------------------------- 4. rensa and Assay, alternating
PY=$W/venv/bin/python
TIMEFMT="%e %M %U %S"   # wall s, peak RSS KiB, user CPU s, system CPU s
run_assay() {  # run_assay NAME CONFIG -> one line appended to $A/time_NAME.txt, $A/NAME.verdicts.jsonl
  local name=$1 config=$2
  rm -f "$A/$name.ledger" "$A/$name.ledger-wal" "$A/$name.ledger-shm" "$A/$name.verdicts.jsonl"
  /usr/bin/time -a -o "$A/time_$name.txt" -f "$TIMEFMT" \
    "$ASSAY" run --config "$config" --ledger "$A/$name.ledger" --verdicts "$A/$name.verdicts.jsonl" \
    --jobs "$JOBS" "$DATANET" > "$A/$name.stdout" 2> "$A/$name.stderr" || {
      echo "assay run failed ($name); see $A/$name.stderr" >&2; tail -n 20 "$A/$name.stderr" >&2; exit 1; }
}
run_rensa() {  # one rensa 2-process run, as text-peers.sh times it -> $A/time_rensa_w2.txt
  mkdir -p "$A/rensa"
  /usr/bin/time -a -o "$A/time_rensa_w2.txt" -f "$TIMEFMT" \
    "$PY" "$PEER_DIR/minhash_lsh.py" --lib rensa --workers 2 "$CORPUS/docs" "$A/rensa/rensa_w2" > /dev/null 2>&1 || {
      echo "rensa run failed ($PY $PEER_DIR/minhash_lsh.py)" >&2; exit 1; }
}
: > "$A/time_rensa_w2.txt"; : > "$A/time_assay_default.txt"; : > "$A/time_assay_dedup.txt"
[ -x "$PY" ] && run_rensa   # warm-up run (imports, page cache), not counted
: > "$A/time_rensa_w2.txt"
for i in $(seq "$N"); do
  say "round $i of $N: rensa 2 processes, assay default pipeline, assay text-dedup alone ($JOBS jobs)"
  if [ -x "$PY" ]; then run_rensa; fi
  run_assay assay_default "$A/default.yml"
  run_assay assay_dedup "$A/dedup.yml"
done
say "wall s per run: rensa $(awk '{printf "%s ", $1}' "$A/time_rensa_w2.txt")| assay default $(awk '{printf "%s ", $1}' "$A/time_assay_default.txt")"

to_tsv() {  # to_tsv VERDICTS TSV [quality]   (quality: the pipeline has a quality stage, see below)
  python3 - "$1" "$2" "$CORPUS/ground_truth.csv" "${3:-}" <<'PY'
import csv, json, sys
verdicts, tsv, gt, quality = sys.argv[1:5]
prefix = "c01/text/"
rel = lambda p: p[len(prefix):] if p and p.startswith(prefix) else p
rows = list(csv.DictReader(open(gt)))
files = [r["file"] for r in rows]
removed, dup_of, rejected = {}, {}, {}
for line in open(verdicts):
    line = line.strip()
    if not line:
        continue
    v = json.loads(line)
    f = rel(v["path"])
    codes = [r["code"] if isinstance(r, dict) else str(r) for r in v.get("reasons") or []]
    # Exactly text-dedup's codes: text-quality's repetition codes (text.dup_lines, ...) share the prefix.
    removed[f] = any(c in ("text.dup_exact", "text.dup_near") for c in codes)
    rejected[f] = v["verdict"] == "rejected"
    if removed[f] and v.get("duplicate_of"):
        dup_of[f] = rel(v["duplicate_of"])
def root(f):
    seen = set()
    while f in dup_of and f not in seen:
        seen.add(f); f = dup_of[f]
    return f
cluster = {}
for f in dup_of:
    r = root(f); cluster[f] = r; cluster[r] = r
if quality:
    # The issue's rule for a pipeline with a quality stage: only accepted files enter the duplicate
    # index, so when the first member of a true cluster (canonical = path order) is rejected by the
    # quality stage, a later member counts as caught when it is rejected too.
    parent = {r["file"]: r["dup_of"] or r["file"] for r in rows}
    def true_root(f):
        while parent[f] != f: f = parent[f]
        return f
    members = {}
    for f in files:
        members.setdefault(true_root(f), []).append(f)
    for group in members.values():
        if len(group) < 2: continue
        first, *later = sorted(group)
        if rejected.get(first) and not removed.get(first):
            for f in later:
                if rejected.get(f) and not removed.get(f):
                    removed[f] = True; cluster[f] = first; cluster[first] = first
missing = [f for f in files if f not in removed]
if missing:
    print(f"warning: {len(missing)} corpus files have no verdict (first: {missing[0]})", file=sys.stderr)
with open(tsv, "w") as out:
    for f in files:
        out.write(f"{f}\t{int(removed.get(f, False))}\t{cluster.get(f, '-1')}\n")
PY
}
to_tsv "$A/assay_default.verdicts.jsonl" "$A/assay_default.tsv" quality
to_tsv "$A/assay_dedup.verdicts.jsonl" "$A/assay_dedup.tsv"
python3 "$PEER_DIR/eval_dedup.py" "$CORPUS/ground_truth.csv" "$A/assay_default.tsv" > "$A/eval_assay_default.txt"
python3 "$PEER_DIR/eval_dedup.py" "$CORPUS/ground_truth.csv" "$A/assay_dedup.tsv" > "$A/eval_assay_dedup.txt"

# Acceptance under the default pipeline: originals, originals of 150+ words (over 90% of them with a
# letter), junk.
python3 - "$A/assay_default.verdicts.jsonl" "$CORPUS" > "$A/acceptance.txt" <<'PY'
import csv, json, os, re, sys
verdicts, corpus = sys.argv[1:3]
verdict = {}
for line in open(verdicts):
    if line.strip():
        v = json.loads(line); verdict[v["path"].removeprefix("c01/text/")] = v["verdict"]
rows = list(csv.DictReader(open(os.path.join(corpus, "ground_truth.csv"))))
def long_prose(f):
    words = open(os.path.join(corpus, "docs", f), encoding="utf-8", errors="replace").read().split()
    return len(words) >= 150 and sum(bool(re.search(r"[^\W\d_]", w)) for w in words) > 0.9 * len(words)
base = [r["file"] for r in rows if r["kind"] == "base"]
longb = [f for f in base if long_prose(f)]
junk = [r["file"] for r in rows if r["kind"] == "junk"]
acc = lambda fs: sum(verdict.get(f) == "accepted" for f in fs)
# Copies under the default pipeline: in each true cluster the first file in canonical (path) order
# is the one that may enter; when it was accepted, every later member should be rejected as a copy.
codes = {}
for line in open(verdicts):
    if line.strip():
        v = json.loads(line); codes[v["path"].removeprefix("c01/text/")] = {r["code"] for r in v.get("reasons") or []}
parent = {r["file"]: r["dup_of"] or r["file"] for r in rows}
def root(f):
    while parent[f] != f: f = parent[f]
    return f
clusters = {}
for r in rows:
    clusters.setdefault(root(r["file"]), []).append(r["file"])
later_of_accepted = caught = leaked = 0
for members in clusters.values():
    if len(members) < 2: continue
    first, *later = sorted(members)
    accepted = [f for f in members if verdict.get(f) == "accepted"]
    leaked += max(0, len(accepted) - 1)
    if verdict.get(first) == "accepted":
        later_of_accepted += len(later)
        caught += sum(bool(codes.get(f, set()) & {"text.dup_exact", "text.dup_near"}) for f in later)
print(f"copies of an accepted first file rejected as copies: {caught}/{later_of_accepted} = {caught/max(1,later_of_accepted):.3f}; "
      f"copies accepted beside another member of their cluster: {leaked}")
print(f"originals accepted: {acc(base)}/{len(base)} = {acc(base)/len(base):.3f}; "
      f"originals with 150+ words (>90% with a letter): {acc(longb)}/{len(longb)} = {acc(longb)/max(1,len(longb)):.3f}; "
      f"junk rejected: {sum(verdict.get(f) == 'rejected' for f in junk)}/{len(junk)}")
PY

# --------------------------------------------------------------------------- 5. one table
python3 - "$W" "$A" "$CORPUS" <<'PY'
import json, os, re, statistics, sys
W, A, corpus = sys.argv[1:4]
man = json.load(open(os.path.join(corpus, "manifest.json")))
docs, mb = man["files"], man["total_bytes"] / 1e6
def timing(path):
    """(median wall s, max peak RSS MiB, runs, median CPU s or None) of a /usr/bin/time log."""
    try:
        runs = [l.split() for l in open(path) if l.strip()]
    except OSError:
        return None
    runs = [r for r in runs if re.fullmatch(r"[\d.]+", r[0])]
    if not runs:
        return None
    wall = statistics.median(float(r[0]) for r in runs)
    rss = max(int(r[1]) for r in runs) / 1024
    cpu = statistics.median(float(r[2]) + float(r[3]) for r in runs) if all(len(r) >= 4 for r in runs) else None
    return wall, rss, len(runs), cpu
def pr(path):
    try:
        m = re.search(r"precision=([\d.]+) recall=([\d.]+)", open(path).read())
        return f"{float(m.group(1)):.3f} / {float(m.group(2)):.3f}" if m else ""
    except OSError:
        return ""
R = os.path.join(W, "results")
same_run = [
    ("rensa, 2 processes (this run)", f"{A}/time_rensa_w2.txt", f"{R}/eval_rensa_raw.txt"),
    ("Assay default pipeline (quality + dedup + language), 2 jobs", f"{A}/time_assay_default.txt", f"{A}/eval_assay_default.txt"),
    ("Assay text-dedup alone, 2 jobs", f"{A}/time_assay_dedup.txt", f"{A}/eval_assay_dedup.txt"),
]
earlier = [
    ("cat of all files (read floor)", f"{R}/time_cat.txt", None),
    ("sha256sum, 2 processes", f"{R}/time_sha256sum_p2.txt", None),
    ("datatrove Gopher rep. + quality, 2 workers", f"{R}/time_dt_quality.txt", None),
    ("datatrove MinHash (4 stages), 2 workers", f"{R}/time_dt_minhash.txt", f"{R}/eval_dt_minhash.txt"),
    ("datatrove exact dedup, 2 workers", f"{R}/time_dt_exact.txt", f"{R}/eval_dt_exact.txt"),
    ("datasketch, 2 processes", f"{R}/time_sk_datasketch_w2.txt", f"{R}/eval_datasketch_raw.txt"),
    ("rensa, 1 process", f"{R}/time_sk_rensa_w1.txt", f"{R}/eval_rensa_raw.txt"),
    ("rensa, 2 processes", f"{R}/time_sk_rensa_w2.txt", f"{R}/eval_rensa_raw.txt"),
    ("text-dedup defaults, 2 processes", f"{R}/time_td_default.txt", f"{R}/eval_textdedup_default.txt"),
]
rensa = timing(f"{A}/time_rensa_w2.txt")
print(f"\nText benchmark: {docs} documents, {mb:.1f} MB, medians of N runs made in one alternating loop;"
      f" CPU = user + system seconds of the process tree; peak RSS is /usr/bin/time's maximum resident set"
      f" of one process (for multi-process peers: the largest process).")
def table(rows, header, cells):
    """One markdown table: `cells(timing, efile)` gives a row's cells after the name; '-' when untimed."""
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    for name, tfile, efile in rows:
        t = timing(tfile)
        row = cells(t, efile) if t else ["-"] * (len(header) - 2) + [pr(efile) if efile else ""]
        print("| " + " | ".join([name] + row) + " |")
def same_run_cells(t, efile):
    wall, rss, n, cpu = t
    rw = f"{wall / rensa[0]:.2f}" if rensa else "-"
    rc = f"{cpu / rensa[3]:.2f}" if rensa and cpu and rensa[3] else "-"
    cpus = f"{cpu:.2f}" if cpu is not None else "-"
    per = f"{cpu / docs * 1000:.2f}" if cpu is not None else "-"
    return [str(n), f"{wall:.2f}", cpus, per, f"{docs / wall:,.0f}", f"{mb / wall:.1f}", f"{rss:.0f}", pr(efile) if efile else "", rw, rc]
table(same_run, ["tool", "runs", "wall s", "CPU s", "CPU ms/doc", "docs/s", "MB/s", "peak RSS MiB", "removal P / R", "wall ÷ rensa", "CPU ÷ rensa"],
      same_run_cells)
print("\nPeers measured earlier by Benchmarks/text-peers.sh (other load; wall only, for orientation, not ratios):")
table(earlier, ["tool", "runs", "wall s", "docs/s", "peak RSS MiB", "removal P / R"],
      lambda t, efile: [str(t[2]), f"{t[0]:.2f}", f"{docs / t[0]:,.0f}", f"{t[1]:.0f}", pr(efile) if efile else ""])
gate = {}
for line in open(os.path.join(A, "assay_default.verdicts.jsonl")):
    if line.strip():
        v = json.loads(line)
        for r in v.get("reasons") or []:
            if r.get("code", "").startswith("intake."):
                gate[r["code"]] = gate.get(r["code"], 0) + 1
print(f"\nRefused at intake by the default pipeline: {sum(gate.values())} of {docs} ({', '.join(f'{k} {v}' for k, v in sorted(gate.items())) or 'none'}).")
print("Targets: default pipeline wall ÷ rensa ≤ 1.0 and CPU ÷ rensa ≤ 1.0 (same run); removal P ≥ 0.99 and R ≥ 0.95.")
print("Removal P / R of the default pipeline: a copy counts as caught when it has a text.dup_* reason, or when it is")
print("rejected by text-quality as its original is (only accepted files enter the index); 'text-dedup alone' sees every")
print("document, as the dedup peers do.")
print(open(os.path.join(A, "acceptance.txt")).read().strip())
PY
