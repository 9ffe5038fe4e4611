#!/usr/bin/env python3
"""The corpus as a Hugging Face dataset for text-dedup, and text-dedup's output as a scoring TSV,
for Benchmarks/text-peers.sh (run with the text-dedup venv's python).

    hf_dataset.py save DOCS OUT            # columns id (path relative to DOCS, sorted) and text
    hf_dataset.py tsv INPUT OUTPUT TSV     # INPUT: the saved dataset; OUTPUT: text-dedup's --output

tsv: removed = an id of INPUT missing from OUTPUT; cluster = the union-find root in OUTPUT/uf.pkl
(written when text-dedup runs with --debug), else -1. TSV lines: file, removed (0/1), cluster.
"""
import os
import pickle
import sys

from datasets import Dataset, load_from_disk


def save(docs, out):
    files = sorted(os.path.relpath(os.path.join(folder, name), docs)
                   for folder, _, names in os.walk(docs) for name in names if name.endswith(".txt"))

    def rows():
        for f in files:
            with open(os.path.join(docs, f), encoding="utf-8") as handle:
                yield {"id": f, "text": handle.read()}

    Dataset.from_generator(rows, cache_dir=out + ".cache").save_to_disk(out)


def tsv(inp, output, path):
    ids = load_from_disk(inp)["id"]
    kept = set(load_from_disk(output)["id"])
    cluster = {}
    uf_path = os.path.join(output, "uf.pkl")
    if os.path.exists(uf_path):
        with open(uf_path, "rb") as handle:
            uf = pickle.load(handle)
        parent = getattr(uf, "parent", None)
        if parent is None:
            parent = uf["parent"] if isinstance(uf, dict) and "parent" in uf else uf

        def root(x):
            while parent.get(x, x) != x:
                x = parent[x]
            return x

        groups = {}
        for key in parent:
            groups.setdefault(root(key), []).append(key)
        for r, members in groups.items():
            if len(members) > 1:
                for m in members:   # keys are row numbers, or already ids
                    cluster[ids[m] if isinstance(m, int) else m] = str(r)
    with open(path, "w") as out:
        for i in ids:
            out.write(f"{i}\t{int(i not in kept)}\t{cluster.get(i, '-1')}\n")


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "save":
        save(sys.argv[2], sys.argv[3])
    elif len(sys.argv) == 5 and sys.argv[1] == "tsv":
        tsv(*sys.argv[2:5])
    else:
        sys.exit(__doc__)
