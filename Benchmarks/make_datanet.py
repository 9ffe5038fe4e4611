#!/usr/bin/env python3
"""Makes a datanet of N distinct real-text files for scale tests and benchmarks.

    make_datanet.py N OUT [--per-contributor 20] [--seed 7] [--copies 0.05] [--words-from DIR]

Files go to OUT/cNNNNN/text/dNN/fNNNNNN.txt (the default layout, {contributor}/{modality}/**),
20 per contributor by default (the default daily limit), each 150-400 words drawn in runs from
the licence texts every Debian system has (/usr/share/common-licenses), or from the text files
under --words-from (Benchmarks/scale.sh passes the bench corpus), so the words, their order and
their stop words are real English. A fraction --copies of the files repeats an earlier
file exactly (so deduplication has something to find). All mtimes are one fixed moment
(2026-01-05 12:00 UTC), so the daily limits bind the same way on every run.
"""
import argparse
import os
import random
import re

parser = argparse.ArgumentParser()
parser.add_argument("n", type=int)
parser.add_argument("out")
parser.add_argument("--per-contributor", type=int, default=20)
parser.add_argument("--seed", type=int, default=7)
parser.add_argument("--copies", type=float, default=0.05)
parser.add_argument("--words-from", default="/usr/share/common-licenses",
                    help="a folder of text files to draw the word runs from (read in sorted order, at most 4M words)")
args = parser.parse_args()

words = []
base = args.words_from
for folder, subfolders, names in os.walk(base):
    subfolders.sort()
    for name in sorted(names):
        path = os.path.join(folder, name)
        if os.path.isfile(path) and len(words) < 4_000_000:
            with open(path, encoding="utf-8", errors="ignore") as handle:
                words += re.findall(r"[A-Za-z][A-Za-z'-]*[.,;:]?", handle.read())
if len(words) < 1000:
    raise SystemExit(f"only {len(words)} words under {base}")

rng = random.Random(args.seed)
moment = 1767614400  # 2026-01-05T12:00:00Z
made = []
for index in range(args.n):
    contributor = index // args.per_contributor
    folder = os.path.join(args.out, f"c{contributor:05d}", "text", f"d{index % 7:02d}")
    os.makedirs(folder, exist_ok=True)
    path = os.path.join(folder, f"f{index:07d}.txt")
    if made and rng.random() < args.copies:
        with open(rng.choice(made), encoding="utf-8") as handle:
            text = handle.read()
    else:
        parts = []
        total = rng.randint(150, 400)
        while sum(len(p) for p in parts) < total:
            start = rng.randrange(0, len(words) - 40)
            parts.append(words[start:start + rng.randint(8, 40)])
        lines = [" ".join(part) for part in parts]
        text = "\n".join(lines).strip() + "\n"
        text = text[0].upper() + text[1:]
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(text)
    os.utime(path, (moment, moment))
    made.append(path)
print(f"make_datanet: {args.n} files, {(args.n + args.per_contributor - 1) // args.per_contributor} contributors in {args.out}")
