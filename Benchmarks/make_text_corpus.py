#!/usr/bin/env python3
"""Makes the text bench corpus: real English documents from four Debian 12 packages, with exact
copies, near copies and junk mixed in, and a ground truth that says which file copies which.

    make_text_corpus.py [--work DIR] [--out DIR] [--seed 42] [--refresh] [--jobs N]

Needs python3 (standard library only), groff, dpkg-deb and apt-get (root, after `apt-get update`).

The sources, downloaded with `apt-get download` into WORK/debs and unpacked with `dpkg-deb -x`
into WORK/src (the .deb files are kept: the next run reuses them, so the same packages give the
same corpus; --refresh downloads the current versions again):
  linux-doc-6.1           Linux kernel Documentation/ (.rst, .txt and extension-less files)
  python3.11-doc          CPython 3.11's documentation sources (html/_sources/**/*.rst.txt)
  manpages, manpages-dev  Linux man-pages 6.03, rendered to UTF-8 text by groff (78 columns)

From them (the steps are fixed, so same packages + same script + same seed = same files):
  1. every document is normalised (LF line ends, no trailing blanks, at most one blank line in a
     row, one final newline); one over 50,000 bytes is cut at blank lines into parts of about
     40,000 bytes; documents outside 200..50,000 bytes are left out;
  2. natural copies are dropped: a byte-identical later document, and a later document whose set
     of lower-case word 5-grams has a Jaccard similarity of 0.5 or more with an earlier one (an
     exact similarity join: every pair at or over 0.5 is found, none is guessed);
  3. the documents left are the originals ("base"); with random.Random(seed), 5% of them are
     copied byte for byte ("exact_dup"), 10% get a near copy ("near_dup": words replaced, lines
     swapped, deleted or inserted, a boilerplate header or footer; a fifth of those originals
     get two), and 2% as many synthetic junk documents are added ("junk": too short, symbols,
     repeated lines, bullets, ellipses, no stop words, numbers);
  4. all files are shuffled and named docs/NN/dXXXXX.txt (16 folders), so copies do not sit next
     to their originals.

Output (OUT, default WORK/corpus, replaced whole):
  docs/NN/dXXXXX.txt    the documents
  ground_truth.csv      file,kind,dup_of,source,bytes,edits,jaccard5 (kind: base, exact_dup,
                        near_dup, junk; dup_of: the original's file; jaccard5: word 5-gram
                        Jaccard of a copy to its original)
  manifest.json         the packages (name, version, SHA-256 of the .deb), groff and Python
                        versions, the counts, files and total_bytes
The package versions are printed on standard error and stored in the manifest.
"""
import argparse
import collections
import concurrent.futures
import csv
import glob
import gzip
import hashlib
import json
import os
import platform
import random
import re
import shutil
import subprocess
import sys

PACKAGES = ["linux-doc-6.1", "python3.11-doc", "manpages", "manpages-dev"]
KERNEL_DOCS = "usr/share/doc/linux-doc-6.1/Documentation"
PYTHON_DOCS = "usr/share/doc/python3.11/html/_sources"
MAN_PAGES = "usr/share/man"

SMALLEST, LARGEST, PART = 200, 50_000, 40_000   # bytes
NATURAL_COPY_JACCARD = 0.5
EXACT_SHARE, NEAR_SHARE, JUNK_SHARE = 0.05, 0.10, 0.02
FOLDERS = 16
WORD = re.compile(r"\w+")

# Lines a near copy may gain (a web mirror's header, footer or stray line).
BOILERPLATE = [
    "Last updated: 2023-04-12",
    "Share this page: Twitter | Facebook | Email",
    "Copyright (c) 2024 Example Corp. All rights reserved.",
    "Click here to subscribe to our newsletter.",
    "This page was mirrored from the original documentation.",
    "Posted by admin in Documentation",
    "Skip to main content",
    "Print this page",
]


def say(message):
    print(f"make_text_corpus: {message}", file=sys.stderr, flush=True)


# ------------------------------------------------------------------------------------ packages
def deb_field(deb, field):
    return subprocess.run(["dpkg-deb", "-f", deb, field], capture_output=True, text=True, check=True).stdout.strip()


def packages(work, refresh):
    """The .deb of each package in WORK/debs (downloaded when missing), unpacked into WORK/src.
    Returns [{package, version, deb, sha256}] in PACKAGES order."""
    debs = os.path.join(work, "debs")
    os.makedirs(debs, exist_ok=True)

    def present():
        found = {}
        for deb in sorted(glob.glob(os.path.join(debs, "*.deb"))):
            found[deb_field(deb, "Package")] = deb
        return found

    found = present()
    missing = [p for p in PACKAGES if p not in found]
    if refresh or missing:
        for deb in glob.glob(os.path.join(debs, "*.deb")):
            os.remove(deb)
        say(f"apt-get download {' '.join(PACKAGES)} (into {debs})")
        # As root, apt warns that it cannot drop to _apt in this folder; the download is the same.
        subprocess.run(["apt-get", "download", "-q"] + PACKAGES, cwd=debs, check=True, stdout=sys.stderr)
        found = present()
        missing = [p for p in PACKAGES if p not in found]
        if missing:
            raise SystemExit(f"make_text_corpus: apt-get download gave no .deb for {missing} (run apt-get update?)")
    used = []
    for name in PACKAGES:
        with open(found[name], "rb") as handle:
            digest = hashlib.sha256(handle.read()).hexdigest()
        used.append(dict(package=name, version=deb_field(found[name], "Version"),
                         deb=os.path.basename(found[name]), sha256=digest))

    src = os.path.join(work, "src")
    stamp = os.path.join(src, ".unpacked-from")
    wanted = "".join(f"{p['deb']} {p['sha256']}\n" for p in used)
    if not (os.path.exists(stamp) and open(stamp).read() == wanted):
        say(f"unpacking into {src}")
        shutil.rmtree(src, ignore_errors=True)
        os.makedirs(src)
        for p in used:
            subprocess.run(["dpkg-deb", "-x", os.path.join(debs, p["deb"]), src], check=True)
        with open(stamp, "w") as handle:
            handle.write(wanted)
    return src, used


# ------------------------------------------------------------------------------------ documents
def gunzip_utf8(path):
    """The text of a .gz file, or None when it is not UTF-8."""
    with gzip.open(path, "rb") as handle:
        data = handle.read()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


def kernel_documents(src):
    root = os.path.join(src, KERNEL_DOCS)
    found = []
    for folder, subfolders, names in os.walk(root):
        subfolders.sort()
        rel = os.path.relpath(folder, root)
        if rel.split(os.sep)[0] == "translations":
            continue   # other languages
        for name in sorted(names):
            path = os.path.join(folder, name)
            if os.path.islink(path) or not name.endswith(".gz"):
                continue
            plain = name[:-3]
            if os.path.splitext(plain)[1] not in (".rst", ".txt", "") or plain == "Makefile" or plain.startswith("Kconfig"):
                continue
            text = gunzip_utf8(path)
            if text is not None:
                # The label of a top-level file loses its "./" (and any leading dot or slash).
                found.append(("linux-doc-6.1:Documentation/" + os.path.join(rel, plain).lstrip("./"), text))
    return found


def python_documents(src):
    root = os.path.join(src, PYTHON_DOCS)
    found = []
    for path in sorted(glob.glob(os.path.join(root, "**", "*.rst.txt"), recursive=True)):
        with open(path, "rb") as handle:
            data = handle.read()
        try:
            found.append(("python3.11-doc:_sources/" + os.path.relpath(path, root), data.decode("utf-8")))
        except UnicodeDecodeError:
            pass
    return found


def render_man_page(roff):
    env = dict(os.environ, LC_ALL="C.UTF-8", MANWIDTH="80")
    rendered = subprocess.run(["groff", "-t", "-man", "-Tutf8", "-P-cbou", "-rLL=78n"],
                              input=roff.encode("utf-8"), capture_output=True, env=env)
    return rendered.stdout.decode("utf-8", "replace")


def man_documents(src, jobs):
    root = os.path.join(src, MAN_PAGES)
    pages = []
    for path in sorted(glob.glob(os.path.join(root, "man*", "*.gz"))):
        if os.path.islink(path):
            continue
        roff = gunzip_utf8(path)
        if roff is None or roff.lstrip().startswith(".so "):
            continue   # not UTF-8, or a one-line pointer to another page (a natural exact copy)
        pages.append(("manpages:" + os.path.relpath(path, root)[:-3], roff))
    with concurrent.futures.ThreadPoolExecutor(max_workers=jobs) as pool:
        texts = list(pool.map(render_man_page, [roff for _, roff in pages]))
    return [(label, text) for (label, _), text in zip(pages, texts)]


def normalised(text):
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = "\n".join(line.rstrip() for line in text.split("\n")).strip("\n")
    return re.sub(r"\n{3,}", "\n\n", text) + "\n"


def size(text):
    return len(text.encode("utf-8"))


def parts_of(text):
    """A document over LARGEST bytes, cut at blank lines into parts of about PART bytes (a paragraph
    that alone is over LARGEST is cut at its line ends, each line then counting as a paragraph)."""
    total = size(text)
    if total <= LARGEST:
        return [text]
    count = -(-total // PART)
    goal = total / count
    parts, current, filled = [], [], 0

    def add(piece, cost):
        nonlocal current, filled
        if current and filled + cost > goal:
            parts.append("\n\n".join(current))
            current, filled = [], 0
        current.append(piece)
        filled += cost

    for paragraph in text.split("\n\n"):
        cost = size(paragraph) + 2
        if cost > LARGEST:
            for line in paragraph.split("\n"):
                add(line, size(line) + 1)
        else:
            add(paragraph, cost)
    if current:
        parts.append("\n\n".join(current))
    return [normalised(part) for part in parts]


# ------------------------------------------------------------------------------------ natural copies
def five_grams(text):
    """The set of word 5-grams of text (words: \\w+ runs, lower-cased); under 5 words, the words."""
    words = [w.lower() for w in WORD.findall(text)]
    if len(words) < 5:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i:i + 5]) for i in range(len(words) - 4)}


def jaccard(a, b):
    return len(a & b) / len(a | b) if a or b else 1.0


def similar_pairs(sets):
    """Every pair (i, j), i < j, whose Jaccard similarity is at least NATURAL_COPY_JACCARD, found
    exactly with a prefix filter: with each set's grams ordered rarest first, two sets that similar
    share a gram among the first |s| - ceil(t |s|) + 1 of each."""
    frequency = collections.Counter(g for s in sets for g in s)
    ids = {g: n for n, g in enumerate(sorted(frequency, key=lambda g: (frequency[g], g)))}
    ordered = [sorted(ids[g] for g in s) for s in sets]
    as_ids = [set(o) for o in ordered]
    index = {}   # gram id -> the earlier sets that have it in their prefix
    pairs = []
    for j, grams in enumerate(ordered):
        n = len(grams)
        if n == 0:
            continue
        prefix = grams[:n - (n + 1) // 2 + 1]          # t = 0.5: ceil(n / 2) = (n + 1) // 2
        candidates = set()
        for g in prefix:
            candidates.update(index.get(g, ()))
        for i in sorted(candidates):
            m = len(ordered[i])
            if 2 * min(n, m) < max(n, m):             # sizes too far apart for J >= 0.5
                continue
            common = len(as_ids[i] & as_ids[j])
            if 2 * common >= n + m - common:           # common / union >= 0.5, in integers
                pairs.append((i, j))
        for g in prefix:
            index.setdefault(g, []).append(j)
    return sorted(pairs)


def without_natural_copies(documents):
    """(kept, exact copies dropped, near copies dropped): a document is dropped when it is
    byte-identical to an earlier one, or similar to an earlier one that was itself kept."""
    seen, unique = set(), []
    for label, text in documents:
        digest = hashlib.sha256(text.encode("utf-8")).digest()
        if digest not in seen:
            seen.add(digest)
            unique.append((label, text))
    dropped = set()
    for i, j in similar_pairs([five_grams(text) for _, text in unique]):
        if i not in dropped:
            dropped.add(j)
    kept = [d for n, d in enumerate(unique) if n not in dropped]
    return kept, len(documents) - len(unique), len(dropped)


# ------------------------------------------------------------------------------------ copies and junk
def near_copy(text, rng, vocabulary):
    """A near copy of text and the edits made ("sub3+footer"); 1 to 3 different kinds of edit."""
    lines = text.split("\n")
    edits = []
    for edit in rng.sample(["sub", "sub", "swap", "del_line", "ins_line", "header", "footer"],
                           rng.choice([1, 1, 2, 2, 3])):
        if edit == "sub":   # replace 0.2% to 2% of the words (at least one) of 3+ letters
            rate = rng.choice([0.002, 0.005, 0.01, 0.02])
            worded = [n for n, line in enumerate(lines) if WORD.search(line)]
            wanted = max(1, round(sum(len(WORD.findall(lines[n])) for n in worded) * rate))
            done = 0
            for _ in range(wanted * 4):
                if done >= wanted or not worded:
                    break
                n = rng.choice(worded)
                words = [m for m in WORD.finditer(lines[n]) if len(m.group()) >= 3]
                if not words:
                    continue
                m = rng.choice(words)
                lines[n] = lines[n][:m.start()] + rng.choice(vocabulary) + lines[n][m.end():]
                done += 1
            edits.append(f"sub{done}")
        elif edit == "swap":   # swap 1 to 4 pairs of adjacent non-blank lines
            pairs = [n for n in range(len(lines) - 1) if lines[n].strip() and lines[n + 1].strip()]
            count = min(len(pairs), rng.randint(1, 4))
            for n in rng.sample(pairs, count):
                lines[n], lines[n + 1] = lines[n + 1], lines[n]
            edits.append(f"swap{count}")
        elif edit == "del_line":
            filled = [n for n, line in enumerate(lines) if line.strip()]
            if len(filled) > 3:
                del lines[rng.choice(filled)]
                edits.append("del_line")
        elif edit == "ins_line":
            at = rng.randint(0, len(lines))
            lines.insert(at, rng.choice(BOILERPLATE))
            edits.append("ins_line")
        elif edit == "header":
            lines = [rng.choice(BOILERPLATE), ""] + lines
            edits.append("header")
        else:   # footer
            while lines and not lines[-1]:
                lines.pop()
            lines = lines + ["", rng.choice(BOILERPLATE), ""]
            edits.append("footer")
    if not edits:
        lines = [rng.choice(BOILERPLATE), ""] + lines
        edits.append("header")
    return "\n".join(lines), "+".join(edits)


def words(rng, vocabulary, low, high):
    return " ".join(rng.choice(vocabulary) for _ in range(rng.randint(low, high)))


def junk(number, rng, vocabulary):
    """(kind, text) of the number-th junk document; the kinds take turns."""
    kind = ["short", "symbols", "repeat_lines", "bullets", "ellipsis", "no_stopwords", "numbers"][number % 7]
    symbols = ["###", "#", "...", "$$$", "@@", "%%", "&&", "**", "{}", "|", "--"]
    if kind == "short":
        lines = [words(rng, vocabulary, 2, 9)]
    elif kind == "symbols":   # 60-300 tokens, mostly symbols (a word is drawn for every token), 12 a line
        tokens = []
        for _ in range(rng.randint(60, 300)):
            word = rng.choice(vocabulary)
            tokens.append(rng.choice(symbols + [word]))
        lines = [" ".join(tokens[k:k + 12]) for k in range(0, len(tokens), 12)]
    elif kind == "repeat_lines":
        some = [words(rng, vocabulary, 4, 10) for _ in range(rng.randint(1, 3))]
        lines = [rng.choice(some) for _ in range(rng.randint(30, 120))]
    elif kind == "bullets":
        lines = ["\u2022 " + words(rng, vocabulary, 2, 6) for _ in range(rng.randint(20, 60))]
    elif kind == "ellipsis":
        lines = ["the " + words(rng, vocabulary, 3, 8) + " and ..." for _ in range(rng.randint(20, 60))]
    elif kind == "no_stopwords":
        lines = [words(rng, vocabulary, 80, 400)]
    else:   # numbers
        lines = [" ".join(str(rng.randint(0, 99999)) for _ in range(8)) for _ in range(rng.randint(20, 80))]
    return kind, "\n".join(lines) + "\n"


# ------------------------------------------------------------------------------------ main
def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--work", default=os.environ.get("BENCH_WORK", "/tmp/assay-bench/text"),
                        help="work folder: debs/, src/ and (by default) corpus/ (default $BENCH_WORK or /tmp/assay-bench/text)")
    parser.add_argument("--out", help="the corpus folder (default WORK/corpus)")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--refresh", action="store_true", help="download the current packages again")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="groff processes at once")
    args = parser.parse_args()
    work = os.path.abspath(args.work)
    out = os.path.abspath(args.out or os.path.join(work, "corpus"))

    src, used = packages(work, args.refresh)
    for p in used:
        say(f"package {p['package']} {p['version']} ({p['deb']}, sha256 {p['sha256'][:16]}...)")

    sources = kernel_documents(src) + python_documents(src) + man_documents(src, args.jobs)
    documents = []
    for label, text in sources:
        parts = parts_of(normalised(text))
        for k, part in enumerate(parts):
            if SMALLEST <= size(part) <= LARGEST:
                documents.append((label if len(parts) == 1 else f"{label}#part{k + 1}", part))
    sized = len(documents)
    originals, exact_dropped, near_dropped = without_natural_copies(documents)
    say(f"{len(sources)} source documents, {sized} of a usable size; natural copies dropped: "
        f"{exact_dropped} exact, {near_dropped} near; {len(originals)} originals")

    rng = random.Random(args.seed)
    counts = collections.Counter(w for _, text in originals for w in WORD.findall(text.lower())
                                 if w.isalpha() and 4 <= len(w) <= 12)
    vocabulary = sorted(w for w, c in counts.items() if c >= 5)

    n = len(originals)
    # items: (kind, original's index or None, source label, text, edits)
    items = [("base", i, originals[i][0], originals[i][1], "") for i in range(n)]
    for i in rng.sample(range(n), round(n * EXACT_SHARE)):
        items.append(("exact_dup", i, originals[i][0], originals[i][1], "exact"))
    near_count = round(n * NEAR_SHARE)
    near_sources = rng.sample(range(n), round(near_count * 0.8))
    near_sources += rng.sample(near_sources, near_count - len(near_sources))
    for i in near_sources:
        text, edits = near_copy(originals[i][1], rng, vocabulary)
        if text == originals[i][1]:   # the edits changed nothing (two equal lines swapped)
            items.append(("exact_dup", i, originals[i][0], text, "noop:" + edits))
        else:
            items.append(("near_dup", i, originals[i][0], text, edits))
    for number in range(round(n * JUNK_SHARE)):
        kind, text = junk(number, rng, vocabulary)
        items.append(("junk", None, f"synthetic:{kind}", text, kind))

    order = list(range(len(items)))
    rng.shuffle(order)
    name = {item: f"{position % FOLDERS:02d}/d{position:05d}.txt" for position, item in enumerate(order)}

    shutil.rmtree(out, ignore_errors=True)
    for folder in range(FOLDERS):
        os.makedirs(os.path.join(out, "docs", f"{folder:02d}"))
    total = 0
    with open(os.path.join(out, "ground_truth.csv"), "w", newline="") as handle:
        table = csv.writer(handle)   # the csv module's own line ends (CRLF), as the scorers expect
        table.writerow(["file", "kind", "dup_of", "source", "bytes", "edits", "jaccard5"])
        for item in sorted(range(len(items)), key=name.get):
            kind, original, label, text, edits = items[item]
            data = text.encode("utf-8")
            total += len(data)
            with open(os.path.join(out, "docs", name[item]), "wb") as doc:
                doc.write(data)
            similarity = ""
            if kind in ("exact_dup", "near_dup"):
                similarity = f"{jaccard(five_grams(text), five_grams(originals[original][1])):.4f}"
            table.writerow([name[item], kind, name[original] if kind != "base" and original is not None else "",
                            label, len(data), edits, similarity])
    groff = subprocess.run(["groff", "--version"], capture_output=True, text=True).stdout.split("\n")[0]
    manifest = dict(
        packages=used, groff=groff, python=platform.python_version(), seed=args.seed,
        source_documents=len(sources), sized_documents=sized, dropped_natural_exact=exact_dropped,
        dropped_natural_near=near_dropped, natural_copy_jaccard=NATURAL_COPY_JACCARD,
        min_bytes=SMALLEST, max_bytes=LARGEST, counts=dict(collections.Counter(i[0] for i in items)),
        files=len(items), total_bytes=total)
    with open(os.path.join(out, "manifest.json"), "w") as handle:
        json.dump(manifest, handle, indent=1, sort_keys=True)
        handle.write("\n")
    say(f"{len(items)} files, {total / 1e6:.1f} MB in {out}/docs: {dict(sorted(manifest['counts'].items()))}")
    for p in used:
        print(f"{p['package']}\t{p['version']}\t{p['sha256']}")


if __name__ == "__main__":
    main()
