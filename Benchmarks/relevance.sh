#!/bin/bash
# text-relevance on real documents: Linux kernel documentation (the topic) against Python
# documentation and manual pages, from the text bench corpus (Benchmarks/make_text_corpus.py).
#
#   Benchmarks/relevance.sh
#
# The split (Benchmarks/relevance_split.py): the evaluation set is the odd-numbered original
# documents (the even-numbered ones built the shipped background,
# docs/tools/build_relevance_background.py); the 5 reference documents are
# kernel documents from the even half, the 5 counter-examples documents of the other classes
# from it. Three configurations, as a curator grows one: the topic sentence alone; with the 5
# kernel documents as examples; with 5 counter-examples as well. Each prints ROC AUC, the accepted
# and rejected share of each class at the default min_score, and its CPU per document against a
# run of the same documents with no stage at all (/usr/bin/time, --jobs 1, same script run).
# Needs the embedding table .ci/install-deps distils (.build/models).
# Environment:
#   BENCH_WORK  work folder (default /tmp/assay-bench/text); the corpus is $BENCH_WORK/corpus, made by
#               Benchmarks/make_text_corpus.py when missing (it downloads four Debian packages, so
#               run `apt-get update` once, as root)
#   ASSAY_BIN   an assay binary to use instead of building one (release) from this repository
#   PYTHON      the python3 that makes the corpus (default python3)
set -euo pipefail
REPO=$(cd "$(dirname "$0")/.." && pwd)
W=${BENCH_WORK:-/tmp/assay-bench/text}
A=$W/assay-relevance
if [ ! -f "$W/corpus/ground_truth.csv" ]; then
  echo "== making the corpus: Benchmarks/make_text_corpus.py --work $W" >&2
  "${PYTHON:-python3}" "$REPO/Benchmarks/make_text_corpus.py" --work "$W" --out "$W/corpus" > /dev/null
fi
. "$REPO/Benchmarks/lib.sh"
ASSAY=$(assay_binary "$REPO")
rm -rf "$A" && mkdir -p "$A/net" "$A/topic"
python3 "$REPO/Benchmarks/relevance_split.py" "$W/corpus" "$A"
cat > "$A/base.yml" <<YAML
version: 1
limits: {quotas: false, max_file_bytes: 100MB}
modalities:
  text: {mime: ["text/*", "application/*"], unchecked: true}
pipeline: []
YAML
cat > "$A/topic.yml" <<YAML
version: 1
limits: {quotas: false, max_file_bytes: 100MB}
modalities:
  text: {mime: ["text/*", "application/*"]}
pipeline:
  - use: text-relevance
    with:
      topic: "Linux kernel internals: drivers, file systems, memory management, scheduling"
YAML
cp "$A/topic.yml" "$A/examples.yml"
echo "      examples: [topic/kernel-0.txt, topic/kernel-1.txt, topic/kernel-2.txt, topic/kernel-3.txt, topic/kernel-4.txt]" >> "$A/examples.yml"
cp "$A/examples.yml" "$A/counter.yml"
echo "      counter_examples: [topic/other-0.txt, topic/other-1.txt, topic/other-2.txt, topic/other-3.txt, topic/other-4.txt]" >> "$A/counter.yml"
find "$A/net" -type f -exec touch -d '2024-01-01 00:00:00 UTC' {} +
for mode in base topic examples counter; do
rm -f "$A"/*.sqlite*
/usr/bin/time -o "$A/time-$mode.txt" -f "%e %U %S %M" "$ASSAY" run --quiet --jobs 1 --config "$A/$mode.yml" --verdicts "$A/v-$mode.jsonl" "$A/net" || true
done
python3 - "$A" <<'PY'
import json, sys
a = sys.argv[1]
label = dict(l.rstrip("\n").split("\t") for l in open(a + "/labels.tsv"))
cpu = lambda mode: sum(map(float, open("%s/time-%s.txt" % (a, mode)).read().split()[-3:-1]))
documents = len(label)
print("baseline (no stage, the text modality unchecked): %.2f CPU s for %d documents" % (cpu("base"), documents))
for mode, title in (("topic", "the topic sentence alone"), ("examples", "the topic sentence and 5 kernel documents as examples"),
                    ("counter", "the same, plus 5 counter-examples (3 man pages, 2 Python pages)")):
    rows = []
    for line in open("%s/v-%s.jsonl" % (a, mode)):
        v = json.loads(line)
        rows.append((label[v["path"]], v["metrics"].get("text.relevance", 0.0), v["verdict"]))
    pos = sorted(s for c, s, _ in rows if c == "kernel")
    neg = sorted(s for c, s, _ in rows if c != "kernel")
    import bisect
    wins = sum(bisect.bisect_left(neg, p) + 0.5 * (bisect.bisect_right(neg, p) - bisect.bisect_left(neg, p)) for p in pos)
    print("\n## %s" % title)
    print("| class | documents | accepted | rejected |")
    print("|---|---|---|---|")
    for c in ("kernel", "python", "man"):
        mine = [v for k, _, v in rows if k == c]
        accepted = sum(v == "accepted" for v in mine) / max(1, len(mine))
        print("| %s | %d | %.3f | %.3f |" % (c, len(mine), accepted, sum(v == "rejected" for v in mine) / max(1, len(mine))))
    extra = cpu(mode) - cpu("base")
    rss = float(open("%s/time-%s.txt" % (a, mode)).read().split()[-1])
    print("\nROC AUC (kernel vs Python docs and man pages): %.3f over %d documents" % (wins / (len(pos) * len(neg)), len(rows)))
    print("CPU, --jobs 1: %.2f s, %.2f s over the baseline: text-relevance takes %.0f µs per document (mean %.1f KB); peak RSS %.0f MiB"
          % (cpu(mode), extra, extra / documents * 1e6, sum(len(open(a + "/net/" + p, "rb").read()) for p in label) / documents / 1024, rss / 1024))
PY
