#!/usr/bin/env python3
"""The split of Benchmarks/relevance.sh, in one place for it and relevance_variants.py: from the
text bench corpus's original documents, the odd-numbered ones are evaluated (the even-numbered
ones built the shipped background); 5 kernel documents of the even half are the examples and 5
of its other documents the counter-examples, drawn with a fixed seed.

    relevance_split.py CORPUS OUT   copies them as relevance.sh reads them: OUT/topic/kernel-N.txt,
                                    OUT/topic/other-N.txt, OUT/net/CLASS/text/..., OUT/labels.tsv
"""
import csv, os, random, shutil, sys

KERNEL = "linux-doc-6.1"
CLASSES = {KERNEL: "kernel", "python3.11-doc": "python", "manpages": "man"}


def label(row):
    return row["source"].split(":")[0]


def split(corpus):
    """(examples, counter_examples, evaluated, rest of the even half's kernel rows), rows of ground_truth.csv."""
    rows = sorted((r for r in csv.DictReader(open(os.path.join(corpus, "ground_truth.csv"))) if r["kind"] == "base"), key=lambda r: r["file"])
    random.seed(3)
    even = rows[0::2]
    kernel = [r for r in even if label(r) == KERNEL]
    other = [r for r in even if label(r) != KERNEL]
    random.shuffle(kernel)
    random.shuffle(other)
    return kernel[:5], other[:5], rows[1::2], kernel[5:]


def main():
    corpus, out = sys.argv[1:3]
    examples, counters, evaluated, _ = split(corpus)
    for name, chosen in (("kernel", examples), ("other", counters)):
        for i, r in enumerate(chosen):
            shutil.copy(os.path.join(corpus, "docs", r["file"]), os.path.join(out, "topic", "%s-%d.txt" % (name, i)))
    with open(os.path.join(out, "labels.tsv"), "w") as labels:
        for r in evaluated:
            who = CLASSES[label(r)]
            dest = os.path.join(out, "net", who, "text", r["file"].replace("/", "-"))
            os.makedirs(os.path.dirname(dest), exist_ok=True)
            shutil.copy(os.path.join(corpus, "docs", r["file"]), dest)
            labels.write("%s/text/%s\t%s\n" % (who, os.path.basename(dest), who))


if __name__ == "__main__":
    main()
