#!/usr/bin/env python3
"""Builds the character-trigram profiles of the text-language validator from real text on a
Debian machine, and writes Sources/LanguageIdentification/LanguageProfiles.swift.

Sources, per language: translated manual pages (/usr/share/man/LANG, rendered with groff) and
translated message catalogues (/usr/share/locale/LANG/LC_MESSAGES/*.mo, the translations; for
English the original strings of every catalogue and the English manual pages). Each source file
goes wholly to training or to the held-out set (one in five by a hash of its path), so the
evaluation never sees text the profiles were built from.

    python3 tools/build_language_profiles.py --cache /tmp/langdata [--top 1200] [--write]

Prints the held-out accuracy by language and text length; --write regenerates the Swift file.
Needs groff, preconv and the man and locale files of the machine (Debian 12 with manpages in
several languages). Standard library only.
"""

import argparse
import collections
import glob
import gzip
import hashlib
import math
import os
import re
import struct
import subprocess
import sys
import unicodedata

# language -> (script, locale folders, man folders)
LANGUAGES = {
    "en": ("Latin", [], []),
    "de": ("Latin", ["de"], ["de"]), "fr": ("Latin", ["fr"], ["fr"]), "es": ("Latin", ["es"], ["es"]),
    "it": ("Latin", ["it"], ["it"]), "pt": ("Latin", ["pt", "pt_BR"], ["pt", "pt_BR"]), "nl": ("Latin", ["nl"], ["nl"]),
    "sv": ("Latin", ["sv"], ["sv"]), "da": ("Latin", ["da"], ["da"]), "nb": ("Latin", ["nb"], []),
    "fi": ("Latin", ["fi"], ["fi"]), "et": ("Latin", ["et"], []), "pl": ("Latin", ["pl"], ["pl"]),
    "cs": ("Latin", ["cs"], ["cs"]), "sk": ("Latin", ["sk"], []), "sl": ("Latin", ["sl"], ["sl"]),
    "hr": ("Latin", ["hr"], ["hr"]), "hu": ("Latin", ["hu"], ["hu"]), "ro": ("Latin", ["ro"], ["ro"]),
    "tr": ("Latin", ["tr"], ["tr"]), "id": ("Latin", ["id"], ["id"]), "vi": ("Latin", ["vi"], []),
    "ca": ("Latin", ["ca"], []), "lt": ("Latin", ["lt"], []), "lv": ("Latin", ["lv"], []),
    "ru": ("Cyrillic", ["ru"], ["ru"]), "uk": ("Cyrillic", ["uk"], ["uk"]), "bg": ("Cyrillic", ["bg"], []),
    "sr": ("Cyrillic", ["sr"], ["sr"]),
    "ar": ("Arabic", ["ar"], []), "fa": ("Arabic", ["fa"], []),
}
# Languages told by their script alone: script -> language.
SCRIPT_LANGUAGES = {"Greek": "el", "Hebrew": "he", "Devanagari": "hi", "Hangul": "ko", "Kana": "ja", "Han": "zh", "Thai": "th"}

MAX_TRAIN = 4_000_000   # characters of training text per language


def script_of(ch):
    o = ord(ch)
    if o < 0x250 or 0x1E00 <= o < 0x1F00:
        return "Latin"
    if 0x370 <= o < 0x400 or 0x1F00 <= o < 0x2000:
        return "Greek"
    if 0x400 <= o < 0x530:
        return "Cyrillic"
    if 0x590 <= o < 0x600 or 0xFB1D <= o < 0xFB50:
        return "Hebrew"
    if 0x600 <= o < 0x700 or 0x750 <= o < 0x780 or 0xFB50 <= o < 0xFE00 or 0xFE70 <= o < 0xFF00:
        return "Arabic"
    if 0x900 <= o < 0x980:
        return "Devanagari"
    if 0xE00 <= o < 0xE80:
        return "Thai"
    if 0x1100 <= o < 0x1200 or 0x3130 <= o < 0x3190 or 0xAC00 <= o < 0xD7B0:
        return "Hangul"
    if 0x3040 <= o < 0x3100 or 0x31F0 <= o < 0x3200 or 0xFF66 <= o < 0xFFA0:
        return "Kana"
    if 0x3400 <= o < 0x4DC0 or 0x4E00 <= o < 0xA000 or 0xF900 <= o < 0xFB00:
        return "Han"
    return "Other"


# ---- reading the sources --------------------------------------------------------------------

def mo_strings(path):
    """(originals, translations) of a GNU .mo file."""
    data = open(path, "rb").read()
    if len(data) < 28:
        return [], []
    magic = struct.unpack("<I", data[:4])[0]
    order = "<" if magic == 0x950412DE else ">"
    _, count, orig_at, trans_at = struct.unpack(order + "4I", data[4:20])
    originals, translations = [], []
    for i in range(count):
        length, offset = struct.unpack(order + "2I", data[orig_at + 8 * i: orig_at + 8 * i + 8])
        original = data[offset: offset + length]
        length, offset = struct.unpack(order + "2I", data[trans_at + 8 * i: trans_at + 8 * i + 8])
        translation = data[offset: offset + length]
        if not original:
            continue  # the header entry
        originals.append(original.split(b"\0")[0].decode("utf-8", "replace"))
        translations.append(translation.split(b"\0")[0].decode("utf-8", "replace"))
    return originals, translations


def render_man(path):
    raw = gzip.open(path).read() if path.endswith(".gz") else open(path, "rb").read()
    try:
        pre = subprocess.run(["preconv"], input=raw, capture_output=True, timeout=60).stdout
        out = subprocess.run(["groff", "-man", "-Tutf8", "-P-cbou", "-rLL=400n"], input=pre, capture_output=True, timeout=60).stdout
    except subprocess.TimeoutExpired:
        return []
    text = out.decode("utf-8", "replace")
    paragraphs = [" ".join(block.split()) for block in re.split(r"\n\s*\n", text)]
    return [p for p in paragraphs if p]


NOISE = re.compile(r"%[-+ #0-9.*$]*[a-zA-Z]|\{[^}]*\}|<[^>]*>|&[a-z]+;|\bhttps?://\S+|--?[a-zA-Z][\w-]*|\S+[/\\]\S+|\S+@\S+|[_~&](?=\w)")


def clean(text):
    return " ".join(NOISE.sub(" ", text).split())


def sources(language):
    """[(source id, paragraph)] for a language."""
    script, locales, mans = LANGUAGES[language]
    found = []
    if language == "en":
        for mo in sorted(glob.glob("/usr/share/locale/de/LC_MESSAGES/*.mo")):
            originals, _ = mo_strings(mo)
            found += [("mo:" + os.path.basename(mo), clean(s)) for s in originals]
        for page in sorted(glob.glob("/usr/share/man/man[1-8]/*.gz"))[:1500]:
            found += [("man:" + page, clean(p)) for p in render_man(page)]
    for loc in locales:
        for mo in sorted(glob.glob(f"/usr/share/locale/{loc}/LC_MESSAGES/*.mo")):
            originals, translations = mo_strings(mo)
            found += [("mo:" + os.path.basename(mo), clean(t)) for o, t in zip(originals, translations) if t and t != o]
    for folder in mans:
        for page in sorted(glob.glob(f"/usr/share/man/{folder}/man*/*")):
            found += [("man:" + os.path.basename(page), clean(p)) for p in render_man(page)]
    return [(sid, p) for sid, p in found if sum(ch.isalpha() for ch in p) >= 3]


def held_out(source_id):
    return hashlib.sha1(source_id.encode()).digest()[0] % 5 == 0


# ---- trigrams ---------------------------------------------------------------------------------

def normalise(text, script):
    """Lower-case letters of `script`, everything else a single space, padded with spaces."""
    out = [" "]
    for ch in text:
        if ch.isalpha() and script_of(ch) == script:
            out.append(ch.lower()[0])
        elif out[-1] != " ":
            out.append(" ")
    if out[-1] != " ":
        out.append(" ")
    return "".join(out)


def trigrams(text, script):
    s = normalise(text, script)
    return [s[i:i + 3] for i in range(len(s) - 2) if s[i + 1] != " " or (s[i] != " " and s[i + 2] != " ")]


def dominant_script(text):
    counts = collections.Counter(script_of(ch) for ch in text if ch.isalpha())
    counts.pop("Other", None)
    if not counts:
        return None, 0.0
    if counts.get("Kana") and counts.get("Han"):
        # Japanese writes Kanji (Han) between kana: a text with kana is Japanese.
        if counts["Kana"] >= 0.1 * (counts["Kana"] + counts["Han"]):
            counts["Kana"] += counts.pop("Han")
    script, n = counts.most_common(1)[0]
    return script, n / sum(counts.values())


class Model:
    def __init__(self, profiles):
        """profiles: language -> list of (trigram, count) best first."""
        self.languages = sorted(profiles)
        self.logp = {}
        self.floor = {}
        for lang, items in profiles.items():
            total = sum(c for _, c in items)
            self.floor[lang] = math.log(items[-1][1] / total) - 1.5 if items else -20
            for tri, c in items:
                self.logp.setdefault(tri, {})[lang] = math.log(c / total)

    def scores(self, text, script):
        candidates = [l for l in self.languages if LANGUAGES[l][0] == script]
        grams = collections.Counter(trigrams(text, script))
        n = sum(grams.values())
        totals = {l: 0.0 for l in candidates}
        for tri, c in grams.items():
            row = self.logp.get(tri, {})
            for l in candidates:
                totals[l] += c * row.get(l, self.floor[l])
        return totals, n


def posterior(totals, n, cap):
    """Tempered posterior: the likelihood of at most `cap` trigrams, since trigrams of real text
    are far from independent."""
    if not totals or n == 0:
        return []
    scale = min(n, cap) / n
    best = max(totals.values())
    weights = {l: math.exp((v - best) * scale) for l, v in totals.items()}
    z = sum(weights.values())
    return sorted(((w / z, l) for l, w in weights.items()), reverse=True)


def build_profiles(train, top):
    profiles = {}
    for lang, paragraphs in train.items():
        script = LANGUAGES[lang][0]
        counts = collections.Counter()
        for p in paragraphs:
            counts.update(trigrams(p, script))
        profiles[lang] = counts.most_common(top)
    return profiles


def filter_contamination(train, profiles):
    """Drops training paragraphs of language X that the first model takes for English (mostly
    untranslated strings and command lines) or for a language of another family."""
    model = Model(profiles)
    kept = {}
    for lang, paragraphs in train.items():
        script = LANGUAGES[lang][0]
        keep = []
        for p in paragraphs:
            if lang != "en" and script == "Latin":
                totals, n = model.scores(p, script)
                if n >= 20:
                    best = max(totals, key=totals.get)
                    if best == "en":
                        continue
            keep.append(p)
        kept[lang] = keep
    return kept


def samples(paragraphs, length, limit):
    """Consecutive held-out text cut into pieces of about `length` letters."""
    out, current = [], ""
    for p in paragraphs:
        current = (current + " " + p).strip()
        while sum(ch.isalpha() for ch in current) >= length:
            # cut at the first space after `length` letters
            letters, cut = 0, len(current)
            for i, ch in enumerate(current):
                letters += ch.isalpha()
                if letters >= length and ch == " ":
                    cut = i
                    break
            out.append(current[:cut])
            current = current[cut:].strip()
            if len(out) >= limit:
                return out
    return out


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cache", default="/tmp/assay-langdata")
    parser.add_argument("--top", type=int, default=1000)
    parser.add_argument("--cap", type=int, default=15)
    parser.add_argument("--write", action="store_true")
    parser.add_argument("--fixtures", help="write held-out test texts per language into this folder")
    args = parser.parse_args()
    os.makedirs(args.cache, exist_ok=True)
    train, test, test_sources = {}, {}, {}
    for lang in LANGUAGES:
        cached = os.path.join(args.cache, lang + ".tsv")
        if not os.path.exists(cached):
            with open(cached, "w") as out:
                for sid, p in sources(lang):
                    out.write(sid.replace("\t", " ") + "\t" + p.replace("\t", " ") + "\n")
        rows = [line.rstrip("\n").split("\t", 1) for line in open(cached)]
        train[lang] = [p for sid, p in rows if not held_out(sid)]
        test[lang] = [p for sid, p in rows if held_out(sid)]
        test_sources[lang] = [(sid, p) for sid, p in rows if held_out(sid)]
        budget, kept = MAX_TRAIN, []
        for p in train[lang]:
            if budget <= 0:
                break
            kept.append(p)
            budget -= len(p)
        train[lang] = kept
        print(f"{lang}: {sum(map(len, train[lang])):,} train chars, {sum(map(len, test[lang])):,} held-out chars", file=sys.stderr)

    profiles = build_profiles(train, args.top)
    train = filter_contamination(train, profiles)
    profiles = build_profiles(train, args.top)
    model = Model(profiles)

    print(f"\nheld-out accuracy (top {args.top} trigrams, cap {args.cap})")
    print("lang " + " ".join(f"{n:>7}" for n in (20, 50, 100, 300)) + "   confusions@100")
    calibration = collections.defaultdict(lambda: [0, 0])
    for lang in LANGUAGES:
        script = LANGUAGES[lang][0]
        test_paragraphs = [p for p in test[lang] if sum(c.isalpha() for c in p) >= 3]
        test_paragraphs = filter_contamination({lang: test_paragraphs}, profiles)[lang]
        row, confusions = [], collections.Counter()
        for length in (20, 50, 100, 300):
            pieces = samples(test_paragraphs, length, 300)
            right = 0
            for piece in pieces:
                totals, n = model.scores(piece, script)
                ranked = posterior(totals, n, args.cap)
                guess = ranked[0][1] if ranked else "?"
                right += guess == lang
                bucket = min(int(ranked[0][0] * 10), 9) if ranked else 0
                calibration[bucket][0] += 1
                calibration[bucket][1] += guess == lang
                if length == 100 and guess != lang:
                    confusions[guess] += 1
            row.append(f"{right / max(len(pieces), 1):7.3f}")
        print(f"{lang:4} " + " ".join(row) + "   " + ", ".join(f"{l}:{c}" for l, c in confusions.most_common(3)))
    print("\nconfidence bucket: samples, accuracy")
    for bucket in sorted(calibration):
        n, right = calibration[bucket]
        print(f"  {bucket / 10:.1f}-{(bucket + 1) / 10:.1f}: {n:6} {right / n:.3f}")

    if args.fixtures:
        write_fixtures(args.fixtures, test_sources, profiles)

    if args.write:
        write_swift(profiles, args)


def write_fixtures(folder, test_sources, profiles):
    """Held-out text per language for the Swift tests: up to three paragraphs of 250-700 letters
    (or consecutive paragraphs of one source joined to that length), and for the languages told
    by their script, translations from held-out message catalogues. Lists the sources."""
    os.makedirs(folder, exist_ok=True)
    model = Model(profiles)
    chosen = {}
    for lang, rows in test_sources.items():
        script = LANGUAGES[lang][0]
        by_source = collections.OrderedDict()
        for sid, p in rows:
            totals, n = model.scores(p, script)
            if n < 20 or max(totals, key=totals.get) == lang:   # skip untranslated (English) strings
                by_source.setdefault(sid, []).append(p)
        chosen[lang] = pieces_of(by_source)
    for script, lang in SCRIPT_LANGUAGES.items():
        locale = {"zh": "zh_CN"}.get(lang, lang)
        by_source = collections.OrderedDict()
        for mo in sorted(glob.glob(f"/usr/share/locale/{locale}/LC_MESSAGES/*.mo")):
            sid = "mo:" + os.path.basename(mo)
            if not held_out(sid):
                continue
            originals, translations = mo_strings(mo)
            for o, t in zip(originals, translations):
                t = clean(t)
                letters = [c for c in t if c.isalpha()]
                if t and t != o and letters and dominant_script(t)[0] == script:
                    by_source.setdefault(sid, []).append(t)
        chosen[lang] = pieces_of(by_source)
    with open(os.path.join(folder, "SOURCES.md"), "w") as listing:
        listing.write("# Held-out test texts\n\nWritten by `tools/build_language_profiles.py --fixtures` from Debian 12 files\n"
                      "that the profiles were not built from (translated manual pages `man:PAGE`, message catalogues\n"
                      "`mo:DOMAIN.mo`, under the licences of their packages). One file per language.\n\n"
                      "| file | sources |\n|---|---|\n")
        for lang in sorted(chosen):
            pieces = chosen[lang]
            if not pieces:
                continue
            with open(os.path.join(folder, lang + ".txt"), "w") as out:
                out.write("\n\n".join(text for _, text in pieces) + "\n")
            listing.write(f"| {lang}.txt | {', '.join(sorted(set(sid for sid, _ in pieces)))} |\n")


def pieces_of(by_source):
    """Up to three texts of 250-700 letters, each from one source."""
    pieces = []
    for sid, paragraphs in by_source.items():
        current = ""
        for p in paragraphs:
            current = (current + " " + p).strip()
            letters = sum(c.isalpha() for c in current)
            if letters > 700:
                current = ""
            elif letters >= 250:
                pieces.append((sid, current))
                break
        if len(pieces) == 3:
            break
    return pieces


def write_swift(profiles, args):
    here = os.path.dirname(os.path.abspath(__file__))
    path = os.path.join(here, "..", "..", "Sources", "LanguageIdentification", "LanguageProfiles.swift")
    with open(path, "w") as out:
        out.write("// Generated by tools/build_language_profiles.py from translated manual pages and message\n")
        out.write("// catalogues of a Debian 12 machine; do not edit by hand.\n\n")
        out.write("/// The trigram profiles: for each language, its most frequent character trigrams (lower-case\n")
        out.write(f"/// letters of its script, space at word edges) with their count per million, best first, {args.top} each.\n")
        out.write("enum LanguageProfiles {\n")
        out.write("    /// Language code, script, and trigrams as `tri count|tri count|...`.\n")
        out.write("    static let table: [(language: String, script: Script, trigrams: String)] = [\n")
        for lang in sorted(profiles):
            items = profiles[lang]
            total = sum(c for _, c in items)
            body = "|".join(f"{tri}{max(1, round(c * 1_000_000 / total))}" for tri, c in items)
            body = body.replace("\\", "\\\\").replace('"', '\\"')
            script = LANGUAGES[lang][0].lower()
            out.write(f'        ("{lang}", .{script}, "{body}"),\n')
        out.write("    ]\n}\n")
    print("wrote", path, file=sys.stderr)


if __name__ == "__main__":
    main()
