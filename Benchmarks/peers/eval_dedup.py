#!/usr/bin/env python3
"""Scores a deduplication run against the corpus's ground_truth.csv (standard library only).

    eval_dedup.py GROUND_TRUTH.csv RUN [--only-exact]

RUN is a TSV file of lines `file<TAB>removed (0/1)<TAB>cluster (-1: none)`, file relative to the
corpus's docs/, or a datatrove work folder (RUN/removed/*.jsonl are the removed documents; cluster
ids come from metadata.minhash_cluster_id in RUN/removed and RUN/deduplicated when stored).
--only-exact: the truth is the groups of byte-identical files (for an exact-dedup stage); the docs/
folder next to GROUND_TRUTH.csv is read.

Prints
  removal-level  each true cluster of k files needs k - 1 removals: TP = the sum over true clusters
                 of min(removed members, k - 1), FP = removed - TP, FN = the sum of k - 1, - TP;
                 then the removed files outside any true cluster, by kind;
  pair-level     (when RUN has clusters) pairs in one predicted cluster against pairs in one true
                 cluster, and per copy whether it shares a predicted cluster with its original, by
                 kind and word 5-gram Jaccard.
"""
import collections
import csv
import glob
import hashlib
import json
import os
import sys
from itertools import combinations

args = [a for a in sys.argv[1:] if not a.startswith("--")]
if len(args) != 2:
    sys.exit(__doc__)
truth_path, run = args
rows = list(csv.DictReader(open(truth_path, newline="")))
if "--only-exact" in sys.argv:
    docs = os.path.join(os.path.dirname(os.path.abspath(truth_path)), "docs")
    first = {}
    for r in rows:
        with open(os.path.join(docs, r["file"]), "rb") as handle:
            digest = hashlib.sha256(handle.read()).digest()
        r["dup_of"] = first.get(digest, "")
        first.setdefault(digest, r["file"])
files = [r["file"] for r in rows]

removed, cluster = set(), {}
if os.path.isdir(run):
    for sub, dropped in (("removed", True), ("deduplicated", False)):
        for path in glob.glob(os.path.join(run, sub, "*.jsonl")):
            for line in open(path):
                document = json.loads(line)
                if dropped:
                    removed.add(document["id"])
                cid = document.get("metadata", {}).get("minhash_cluster_id", -1)
                if cid != -1:
                    cluster[document["id"]] = cid
else:
    for line in open(run):
        f, gone, cid = line.rstrip("\n").split("\t")
        if gone == "1":
            removed.add(f)
        if cid != "-1":
            cluster[f] = cid

parent = {f: f for f in files}


def root(x):
    while parent[x] != x:
        parent[x] = parent[parent[x]]
        x = parent[x]
    return x


for r in rows:
    if r["dup_of"]:
        parent[root(r["file"])] = root(r["dup_of"])
groups = collections.defaultdict(list)
for f in files:
    groups[root(f)].append(f)
true_clusters = [members for members in groups.values() if len(members) > 1]
needed = sum(len(m) - 1 for m in true_clusters)
tp = sum(min(sum(f in removed for f in m), len(m) - 1) for m in true_clusters)
fp, fn = len(removed) - tp, needed - tp
precision = tp / (tp + fp) if tp + fp else 1.0
recall = tp / needed if needed else 1.0
f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
print(f"removal-level: removed={len(removed)} should_remove={needed} TP={tp} FP={fp} FN={fn} "
      f"precision={precision:.4f} recall={recall:.4f} F1={f1:.4f}")
kind = {r["file"]: r["kind"] for r in rows}
package = {r["file"]: r["source"].split(":")[0] for r in rows}
clustered = {f for m in true_clusters for f in m}
outside = collections.Counter(kind[f] if kind[f] != "base" else "base:" + package[f]
                              for f in removed if f not in clustered)
print("  removed docs outside any true cluster, by kind:", dict(sorted(outside.items())))

if cluster:
    predicted = collections.defaultdict(list)
    for f, cid in cluster.items():
        predicted[cid].append(f)
    predicted_pairs = {tuple(sorted(p)) for m in predicted.values() for p in combinations(m, 2)}
    true_pairs = {tuple(sorted(p)) for m in true_clusters for p in combinations(m, 2)}
    both = len(predicted_pairs & true_pairs)
    print(f"pair-level: predicted_pairs={len(predicted_pairs)} true_pairs={len(true_pairs)} TP={both} "
          f"precision={both / len(predicted_pairs) if predicted_pairs else 1.0:.4f} "
          f"recall={both / len(true_pairs) if true_pairs else 1.0:.4f}; "
          f"predicted clusters={len(predicted)} (max size {max(map(len, predicted.values()))})")
    bins = [(0.9, ">=0.9"), (0.8, "0.8-0.9"), (0.7, "0.7-0.8"), (0.5, "0.5-0.7"), (-1, "<0.5")]
    caught = collections.defaultdict(lambda: [0, 0])
    for r in rows:
        if not r["dup_of"]:
            continue
        label = next(name for low, name in bins if float(r["jaccard5"] or 1) >= low)
        key = "exact_dup" if r["kind"] == "exact_dup" else f"near_dup J{label}"
        caught[key][0] += 1
        caught[key][1] += r["file"] in cluster and cluster[r["file"]] == cluster.get(r["dup_of"], object())
    print("  per-dup recall (dup shares a predicted cluster with its source):")
    for key in ["exact_dup"] + [f"near_dup J{name}" for _, name in bins]:
        if key in caught:
            n, c = caught[key]
            print(f"    {key:18s} n={n:4d} caught={c:4d} recall={c / n:.3f}")
