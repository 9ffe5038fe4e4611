"""text-relevance's embedding table read in numpy, as Plugins/TextRelevance/EmbeddingTable.swift
reads it, for the benchmarks that try scoring variants outside Swift (relevance_languages.py,
relevance_variants.py). The tokenizer is the distillation script's (docs/tools): on the kernel
bench, relevance_variants.py reproduces the Swift stage's ROC AUC 0.747 / 0.843 / 0.906."""
import os, struct, sys
import numpy as np
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "docs", "tools"))
from distill_relevance_table import WordPiece  # noqa: E402

DEFAULT = os.path.join(HERE, "..", ".build", "models", "text-relevance-minilm-l6-256.bin")
PIECE_LIMIT = 16384  # TopicEmbedder.pieceLimit


class Table:
    """The table's background mean, piece weights and rows, and a tokenizer over its pieces."""

    def __init__(self, path=DEFAULT):
        raw = open(path, "rb").read()
        n, d = struct.unpack("<II", raw[8:16]); o = 16
        self.mean = np.frombuffer(raw[o:o + 4 * d], "<f4").astype(np.float64); o += 4 * d
        self.pieces = []
        for _ in range(n):
            length = raw[o]; self.pieces.append(raw[o + 1:o + 1 + length].decode()); o += 1 + length
        self.weights = np.frombuffer(raw[o:o + 4 * n], "<f4").astype(np.float64); o += 4 * n
        scales = np.frombuffer(raw[o:o + 4 * n], "<f4"); o += 4 * n
        self.rows = np.frombuffer(raw[o:o + n * d], np.int8).reshape(n, d) * scales[:, None]
        self.tokenizer = WordPiece(self.pieces)
        self.dimensions = d

    def ids(self, text):
        """The piece ids the stage reads of `text`."""
        return np.array(self.tokenizer.ids(text)[:PIECE_LIMIT], dtype=np.int64)

    def raw(self, ids):
        """The weighted mean of the pieces' rows, not yet measured from a background (zero when no piece weighs)."""
        w = self.weights[ids]
        return (self.rows[ids] * w[:, None]).sum(0) / w.sum() if w.sum() > 0 else np.zeros(self.dimensions)

    def embed(self, text, mean=None):
        """The stage's embedding: the raw embedding less the background mean, as a unit vector (zero
        for a text with no weighted piece)."""
        return self.from_ids(self.ids(text), mean)

    def from_ids(self, ids, mean=None):
        """`embed` of a text's piece ids."""
        if self.weights[ids].sum() == 0:
            return np.zeros(self.dimensions)
        return unit(self.raw(ids) - (self.mean if mean is None else mean))


def unit(v):
    norm = np.linalg.norm(v)
    return v / norm if norm > 0 else v


def auc(pos, neg):
    """ROC AUC of scores `pos` (on-topic) against `neg`, ties counting half."""
    pos = np.asarray(pos); neg = np.sort(np.asarray(neg))
    lo = np.searchsorted(neg, pos, "left"); hi = np.searchsorted(neg, pos, "right")
    return (lo + 0.5 * (hi - lo)).sum() / (len(pos) * len(neg))
