#!/usr/bin/env python3
"""Scoring variants for text-relevance, measured on Benchmarks/relevance.sh's split (kernel
documents against Python documents and man pages, the odd half of the text bench corpus), in
numpy over the shipped table (Benchmarks/relevance_table.py). It measures what the stage does not
do, so that the choice can be checked; docs/benchmarks.md quotes it.

    Benchmarks/relevance_variants.py [CORPUS] [TABLE]

CORPUS defaults to /tmp/assay-bench/text/corpus (Benchmarks/make_text_corpus.py); TABLE to
.build/models/text-relevance-minilm-l6-256.bin. A generic background is Debian Reference in
English (debian-reference-en, which .ci/install-deps installs) cut into 3,000-character pieces:
documentation that none of the three classes comes from. Prints ROC AUC per variant: the topic
sentence alone, with 5 kernel examples, with 5 counter-examples as well; for example draws, the
mean, least and greatest over DRAWS draws (default 8) of 5 kernel documents from the even half.
"""
import glob, html, json, os, random, re, sys
import numpy as np
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from relevance_split import KERNEL, label, split  # noqa: E402
from relevance_table import DEFAULT, PIECE_LIMIT, Table, auc, unit  # noqa: E402

CORPUS = sys.argv[1] if len(sys.argv) > 1 else "/tmp/assay-bench/text/corpus"
TOPIC = "Linux kernel internals: drivers, file systems, memory management, scheduling"
DRAWS = int(os.environ.get("DRAWS", "8"))
table = Table(sys.argv[2] if len(sys.argv) > 2 else DEFAULT)


def read(name):
    """The start of a corpus document that the stage reads (TopicEmbedder: 8 bytes per piece at most)."""
    return open(os.path.join(CORPUS, "docs", name), encoding="utf-8", errors="replace").read(PIECE_LIMIT * 8)


example_rows, counter_rows, evaluated_rows, other_kernel = split(CORPUS)
examples = [table.ids(read(r["file"])) for r in example_rows]
counters = [table.ids(read(r["file"])) for r in counter_rows]
evaluation = [(label(r) == KERNEL, table.ids(read(r["file"]))) for r in evaluated_rows]
on_topic = np.array([k for k, _ in evaluation])
topic = table.ids(TOPIC)
raw = np.array([table.raw(ids) for _, ids in evaluation])
weighed = np.array([table.weights[ids].sum() > 0 for _, ids in evaluation])


def score_auc(scores):
    return auc(scores[on_topic], scores[~on_topic])


def unchanged(v):
    return v


def embed_all(mean, transform=unchanged):
    return np.array([unit(transform(v - mean)) if ok else np.zeros(len(v)) for v, ok in zip(raw, weighed)])


def three(mean, transform=unchanged):
    """AUC of the topic alone, + examples, + counter-examples, the stage's arithmetic over `mean`."""
    documents = embed_all(mean, transform)
    ref = lambda ids: unit(transform(table.raw(ids) - mean))
    t = ref(topic)
    with_examples = unit(t + sum(ref(ids) for ids in examples))
    off = unit(sum(ref(ids) for ids in counters))
    return score_auc(documents @ t), score_auc(documents @ with_examples), score_auc(documents @ with_examples - documents @ off)


def line(name, values, note=""):
    print("| %s | %s | %s |" % (name, " | ".join("%.3f" % v if isinstance(v, float) else v for v in values), note))


print("| variant | topic alone | + 5 examples | + 5 counter-examples | note |")
print("|---|---|---|---|---|")
line("shipped: background mean of the bench's own three sources", three(table.mean), "the stage (Swift: 0.747 / 0.843 / 0.906)")

# Example draws: how much the 5 examples chosen move the result.
documents = embed_all(table.mean)
t = table.from_ids(topic)
draws = random.Random(11)
picked = [draws.sample(other_kernel, 5) for _ in range(DRAWS)]
picked_ids = [[table.ids(read(r["file"])) for r in pick] for pick in picked]
by_draw = [score_auc(documents @ unit(t + sum(table.from_ids(ids) for ids in pick))) for pick in picked_ids]
line("shipped, %d other draws of 5 examples" % DRAWS, ["", "%.3f (%.3f–%.3f)" % (np.mean(by_draw), min(by_draw), max(by_draw)), ""], "mean (least–greatest)")

# Lexical evidence: the IDF-weighted share of a text's distinct pieces that the examples contain, added to the cosine.
counts = np.ones(len(table.pieces))
for index, count in json.load(open(os.path.join(HERE, "..", "docs", "tools", "relevance-background.json")))["counts"].items():
    counts[int(index)] += count
idf = -np.log(counts / counts.sum())
letters = table.weights > 0
distinct = [np.unique(ids[letters[ids]]) for _, ids in evaluation]
for weight in (0.2, 0.5):
    mixed = []
    for pick in picked_ids:
        known = np.zeros(len(table.pieces), bool)
        for ids in pick:
            known[ids] = True
        overlap = np.array([(idf[u] * known[u]).sum() / max(idf[u].sum(), 1e-9) for u in distinct])
        mixed.append(score_auc(documents @ unit(t + sum(table.from_ids(ids) for ids in pick)) + weight * overlap))
    line("+ %.1f × IDF share of pieces the examples contain" % weight, ["", "%.3f (%.3f–%.3f)" % (np.mean(mixed), min(mixed), max(mixed)), ""], "same draws")

# Topic expansion: each topic piece joined by its 5 nearest pieces in the table.
unit_rows = table.rows / np.maximum(np.linalg.norm(table.rows, axis=1, keepdims=True), 1e-9)
expanded = np.concatenate([np.argsort(-(unit_rows @ unit_rows[i]))[:6] for i in topic if table.weights[i] > 0])
line("topic expanded by 5 nearest pieces per word", [score_auc(documents @ table.from_ids(expanded)), "", ""])

# A generic background: Debian Reference (English) in 3,000-character pieces.
pages = sorted(glob.glob("/usr/share/debian-reference/*.en.html"))
if pages:
    generic = []
    for page in pages:
        text = re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", open(page, encoding="utf-8").read())))
        generic += [table.raw(table.ids(text[i:i + 3000])) for i in range(0, len(text), 3000)]
    generic = np.array(generic)
    mean = generic.mean(0)
    line("background mean of Debian Reference (%d pieces)" % len(generic), three(mean))
    covariance = np.cov((generic - mean).T)
    d = covariance.shape[0]
    values, vectors = np.linalg.eigh(covariance + 10 * np.trace(covariance) / d * np.eye(d))
    whiten = vectors @ np.diag(values ** -0.5) @ vectors.T
    line("the same, whitened by its covariance (shrinkage 10)", three(mean, lambda v: whiten @ v))
else:
    print("(no /usr/share/debian-reference/*.en.html: the generic background rows are skipped)")
