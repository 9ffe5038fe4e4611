#!/usr/bin/env python3
"""MinHash + LSH near-duplicate detection over a folder of .txt files with datasketch or rensa,
as a user of either library would write it, for Benchmarks/text-peers.sh and Benchmarks/text.sh.

    minhash_lsh.py --lib {datasketch,rensa} DOCS OUT_PREFIX [--threshold 0.8] [--num-perm 128]
                   [--bands B] [--workers 1]

Shingles: the set of lower-case word 5-grams (words: \\w+ runs); a document of fewer than 5 words
is one shingle of all its words. Sketches: datasketch MinHash(seed=1), rensa RMinHash(seed=42),
made in --workers processes. LSH: in sorted path order each document is looked up among the ones
before it, then added; candidates are joined (union-find) and each cluster keeps its first file.
--bands 0: datasketch picks its bands for the threshold, rensa uses 16.
Writes OUT_PREFIX.raw.tsv (every LSH candidate taken, as datatrove does) and OUT_PREFIX.verified.tsv
(only candidates whose estimated Jaccard is at least the threshold): file, removed (0/1), cluster
(-1: none), the format of Benchmarks/peers/eval_dedup.py. Phase timings go to standard error.
"""
import argparse
import os
import re
import sys
import time
from multiprocessing import Pool

WORD = re.compile(r"\w+")
args = None


def use(given):
    global args
    args = given


def shingles(text):
    words = WORD.findall(text.lower())
    if len(words) < 5:
        return [" ".join(words)] if words else []
    return list({" ".join(words[i:i + 5]) for i in range(len(words) - 4)})


def sketch(path):
    with open(os.path.join(args.docs, path), encoding="utf-8") as handle:
        grams = shingles(handle.read())
    if args.lib == "datasketch":
        from datasketch import MinHash
        signature = MinHash(num_perm=args.num_perm, seed=1)
        signature.update_batch([g.encode("utf-8") for g in grams])
    else:
        from rensa import RMinHash
        signature = RMinHash(num_perm=args.num_perm, seed=42)
        signature.update(grams)
    return signature


def root(parent, x):
    while parent[x] != x:
        parent[x] = parent[parent[x]]
        x = parent[x]
    return x


def join(parent, a, b):
    ra, rb = root(parent, a), root(parent, b)
    if ra != rb:
        parent[max(ra, rb)] = min(ra, rb)


def main():
    global args
    parser = argparse.ArgumentParser()
    parser.add_argument("--lib", choices=["datasketch", "rensa"], required=True)
    parser.add_argument("docs")
    parser.add_argument("out")
    parser.add_argument("--threshold", type=float, default=0.8)
    parser.add_argument("--num-perm", type=int, default=128)
    parser.add_argument("--bands", type=int, default=0)
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args()

    started = time.perf_counter()
    files = sorted(os.path.relpath(os.path.join(folder, name), args.docs)
                   for folder, _, names in os.walk(args.docs) for name in names if name.endswith(".txt"))
    if args.workers > 1:
        with Pool(args.workers, initializer=use, initargs=(args,)) as pool:
            signatures = pool.map(sketch, files, chunksize=64)
    else:
        signatures = [sketch(f) for f in files]
    sketched = time.perf_counter()

    if args.lib == "datasketch":
        from datasketch import MinHashLSH
        params = dict(params=(args.bands, args.num_perm // args.bands)) if args.bands else {}
        lsh = MinHashLSH(threshold=args.threshold, num_perm=args.num_perm, **params)
        shape = (lsh.b, lsh.r)
    else:
        from rensa import RMinHashLSH
        bands = args.bands or 16
        lsh = RMinHashLSH(threshold=args.threshold, num_perm=args.num_perm, num_bands=bands)
        shape = (bands, args.num_perm // bands)
    raw, verified = list(range(len(files))), list(range(len(files)))
    candidates = 0
    for i, signature in enumerate(signatures):
        for j in lsh.query(signature):
            candidates += 1
            join(raw, i, j)
            if signature.jaccard(signatures[j]) >= args.threshold:
                join(verified, i, j)
        lsh.insert(i, signature)
    looked_up = time.perf_counter()

    for tag, parent in (("raw", raw), ("verified", verified)):
        roots = [root(parent, i) for i in range(len(files))]
        members = {}
        for r in roots:
            members[r] = members.get(r, 0) + 1
        with open(f"{args.out}.{tag}.tsv", "w") as out:
            for i, name in enumerate(files):
                r = roots[i]
                out.write(f"{name}\t{int(r != i)}\t{r if members[r] > 1 else -1}\n")
    print(f"{args.lib}: docs={len(files)} bands x rows={shape} candidates={candidates} "
          f"sketch_s={sketched - started:.2f} lsh_s={looked_up - sketched:.2f} total_s={time.perf_counter() - started:.2f}",
          file=sys.stderr)


if __name__ == "__main__":
    main()
