import AssayCore
import Foundation
import Testing
import TextQuality

/// Every measure cross-checked against an independent Python implementation (datatrove's
/// repetition helpers over the documented definitions), run with python3 on real files: the
/// licences, man pages, READMEs, and a GPL copy edited to repeat a long passage.
@Suite struct ReferenceTests {
    /// The reference, written to a temporary file at test time.
    static let script = #"""
# Reference for text-quality's measures, written independently of the Swift code: datatrove
# 0.10.1's Gopher repetition helpers (find_duplicates, find_top_duplicate, find_all_duplicate,
# as in datatrove, keyed by word tuples) and its quality formulas, over Assay's documented word,
# line, layout-line and unwrapped-line definitions. Prints one JSON object per file.
import json, string, sys, unicodedata
from collections import Counter

WS = set("\t\n\x0b\x0c\r \x85\xa0\u1680\u2028\u2029\u202f\u205f\u3000" + "".join(chr(c) for c in range(0x2000, 0x200B)))
ASCII_WS = "\t\n\x0b\x0c\r "
CLOSING = set("\"')]}*_`\u2019\u201d\u00bb\u203a\u300d\u300f\uff09")
STOP = {"the", "be", "to", "of", "and", "that", "have", "with"}
TERMINAL = {chr(c) for c in (
    0x21, 0x2E, 0x3F, 0x589, 0x61D, 0x61E, 0x61F, 0x6D4, 0x700, 0x701, 0x702, 0x7F9,
    0x837, 0x839, 0x83D, 0x83E, 0x964, 0x965, 0x104A, 0x104B, 0x1362, 0x1367, 0x1368, 0x166E,
    0x1735, 0x1736, 0x17D4, 0x17D5, 0x17D6, 0x17D9, 0x17DA, 0x1803, 0x1809, 0x1944, 0x1945, 0x1AA8,
    0x1AA9, 0x1AAA, 0x1AAB, 0x1B5A, 0x1B5B, 0x1B5E, 0x1B5F, 0x1B7D, 0x1B7E, 0x1C3B, 0x1C3C, 0x1C7E,
    0x1C7F, 0x203C, 0x203D, 0x2047, 0x2048, 0x2049, 0x2E2E, 0x2E3C, 0x2E53, 0x2E54, 0x3002, 0xA4FF,
    0xA60E, 0xA60F, 0xA6F3, 0xA6F7, 0xA876, 0xA877, 0xA8CE, 0xA8CF, 0xA92F, 0xA9C8, 0xA9C9, 0xAA5D,
    0xAA5E, 0xAA5F, 0xAAF0, 0xAAF1, 0xABEB, 0xFE52, 0xFE56, 0xFE57, 0xFF01, 0xFF0E, 0xFF1F, 0xFF61,
    0x10A56, 0x10A57, 0x10F55, 0x10F56, 0x10F57, 0x10F58, 0x10F59, 0x10F86, 0x10F87, 0x10F88, 0x10F89, 0x11047,
    0x11048, 0x110BE, 0x110BF, 0x110C0, 0x110C1, 0x11141, 0x11142, 0x11143, 0x111C5, 0x111C6, 0x111CD, 0x111DE,
    0x111DF, 0x11238, 0x11239, 0x1123B, 0x1123C, 0x112A9, 0x1144B, 0x1144C, 0x115C2, 0x115C3, 0x115C9, 0x115CA,
    0x115CB, 0x115CC, 0x115CD, 0x115CE, 0x115CF, 0x115D0, 0x115D1, 0x115D2, 0x115D3, 0x115D4, 0x115D5, 0x115D6,
    0x115D7, 0x11641, 0x11642, 0x1173C, 0x1173D, 0x1173E, 0x11944, 0x11946, 0x11A42, 0x11A43, 0x11A9B, 0x11A9C,
    0x11C41, 0x11C42, 0x11EF7, 0x11EF8, 0x11F43, 0x11F44, 0x16A6E, 0x16A6F, 0x16AF5, 0x16B37, 0x16B38, 0x16B44,
    0x16E98, 0x1BC9F, 0x1DA88)}

def is_punct(ch):
    return ch in string.punctuation if ord(ch) < 128 else unicodedata.category(ch)[0] in "PS"

def split_ws(text):
    tokens, cur = [], []
    for ch in text:
        if ch in WS:
            if cur: tokens.append("".join(cur)); cur = []
        else:
            cur.append(ch)
    if cur: tokens.append("".join(cur))
    return tokens

def words_of(text):
    out = []
    for tok in split_ws(text):
        a, b = 0, len(tok)
        while a < b and is_punct(tok[a]): a += 1
        while a < b and is_punct(tok[b - 1]): b -= 1
        if a < b: out.append(tok[a:b])
    return out

def find_duplicates(x):
    unique_x = set(); duplicate_chars = 0; duplicate_elements = 0
    for element in x:
        if element in unique_x:
            duplicate_chars += len(element); duplicate_elements += 1
        else:
            unique_x.add(element)
    return duplicate_elements, duplicate_chars

def find_top_duplicate(x, n):
    counter = Counter()
    for element in x: counter[element] += 1
    top = counter.most_common(1)[0]
    # Assay's one deviation: an n-gram that occurs once repeats nothing (datatrove counts the first one).
    if top[1] < 2: return 0
    return (sum(len(w) for w in top[0]) + n - 1) * top[1]

def find_all_duplicate(words, n):
    n_words = len(words); unique = set(); repeated_chars, idx = 0, 0
    while idx < n_words - n + 1:
        n_gram = tuple(words[idx: idx + n])
        if n_gram in unique:
            repeated_chars += sum(len(w) for w in n_gram); idx += n
        else:
            unique.add(n_gram); idx += 1
    return repeated_chars

def ratio(a, b): return 0.0 if b == 0 else a / b
def nonblank(l): return any(ch not in WS for ch in l)
def wordy(l): return any(ch not in WS and not is_punct(ch) for ch in l)
def terminal(l):
    e = l.rstrip(ASCII_WS)
    while e and e[-1] in CLOSING: e = e[:-1]
    return e[-1:] in TERMINAL

def measure(text):
    if text.startswith("\ufeff"): text = text[1:]
    raw = text.split("\n")
    if raw and raw[-1] == "": raw.pop()
    lines = [l[:-1] if l.endswith("\r") else l for l in raw]
    words = words_of(text); nw = len(words); chars = len(text)
    counted = [l for l in lines if l and wordy(l)]
    fineweb_dup = [l for l in lines if nonblank(l) and wordy(l)]
    paras, cur = [], []
    for l in lines + [""]:
        if l: cur.append(l)
        elif cur:
            if any(wordy(x) for x in cur): paras.append("\n".join(cur))
            cur = []
    nb = [l for l in lines if nonblank(l)]
    ends = [l.rstrip(ASCII_WS) for l in nb]
    fw_count = fw_term = fw_short = 0; length = 0; joined = False
    for i, l in enumerate(lines):
        if not nonblank(l): continue
        length = length + 1 + len(l) if joined else len(l)
        if not terminal(l) and i + 1 < len(lines) and nonblank(lines[i + 1]):
            joined = True; continue
        joined = False; fw_count += 1
        fw_term += terminal(l); fw_short += length <= 30
    m = {
        "text.chars": chars, "text.words": nw, "text.lines": len(lines),
        "text.mean_word_length": ratio(sum(len(w) for w in words), nw),
        "text.hash_ratio": text.count("#") / max(nw, 1),
        "text.ellipsis_ratio": (text.count("...") + text.count("\u2026")) / max(nw, 1),
        "text.bullet_lines": ratio(sum(1 for l in nb if l.lstrip(ASCII_WS)[:1] in ("-", "\u2022")), len(lines)),
        "text.ellipsis_lines": ratio(sum(1 for e in ends if e.endswith("...") or e.endswith("\u2026")), len(lines)),
        "text.alpha_words": ratio(sum(1 for w in words if any(c.isalpha() for c in w)), nw),
        "text.stop_words": len({w.lower() for w in words if w.isascii()} & STOP),
        "text.dup_lines": ratio(find_duplicates(counted)[0], len(counted)),
        "text.dup_line_chars": ratio(find_duplicates(counted)[1], chars),
        "text.dup_paragraphs": ratio(find_duplicates(paras)[0], len(paras)),
        "text.dup_paragraph_chars": ratio(find_duplicates(paras)[1], chars),
        "text.fineweb_lines": fw_count,
        "text.terminal_punct_lines": ratio(fw_term, fw_count),
        "text.short_lines": ratio(fw_short, fw_count),
        "text.dup_line_chars_fineweb": ratio(find_duplicates(fineweb_dup)[1], chars - text.count("\n")),
        "text.newline_ratio": max(fw_count - 1, 0) / max(nw, 1),
    }
    for n in (2, 3, 4):
        grams = [tuple(words[i:i + n]) for i in range(nw - n + 1)]
        m["text.top_%dgram" % n] = ratio(find_top_duplicate(grams, n), chars) if grams else 0.0
    for n in range(5, 11):
        m["text.dup_%dgram" % n] = ratio(find_all_duplicate(words, n), chars)
    return m

for path in sys.argv[1:]:
    with open(path, "rb") as f:
        print(json.dumps({"path": path, "metrics": measure(f.read().decode("utf-8"))}))
"""#

    @Test("Swift and the Python reference agree on every metric of real documents")
    func agreesWithReference() throws {
        let directory = try RealText.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let scriptURL = directory.appendingPathComponent("reference.py")
        try ReferenceTests.script.write(to: scriptURL, atomically: true, encoding: .utf8)

        var paths = try FileManager.default.contentsOfDirectory(atPath: "/usr/share/common-licenses")
            .sorted().map { "/usr/share/common-licenses/" + $0 }
            .filter { !$0.hasSuffix("GPL") && !$0.hasSuffix("LGPL") && !$0.hasSuffix("GFDL") }  // symlinks to the versioned files
        paths += ["/usr/share/doc/bc/README", "/usr/share/doc/base-files/README.FHS", "/usr/share/doc/python3-yaml/README.md",
                  "/usr/share/doc/zstd/TESTING.md"]
        for page in ["ls", "bash", "grep", "man"] {
            let url = directory.appendingPathComponent("\(page).txt")
            try Data(try RealText.manPage(page).utf8).write(to: url)
            paths.append(url.path)
        }
        // The GPL with its first 3,000 words pasted again, for many repeated n-grams.
        let gpl = try RealText.gpl3()
        let edited = directory.appendingPathComponent("gpl-repeated.txt")
        try Data((gpl + Edits.tokens(gpl).prefix(3000).joined(separator: " ") + "\n").utf8).write(to: edited)
        paths.append(edited.path)

        let output = try RealText.run(["python3", scriptURL.path] + paths)
        let stage = try TextQuality(options: TextQualityOptions())
        var compared = 0
        for line in String(decoding: output, as: UTF8.self).split(separator: "\n") {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let path = try #require(object["path"] as? String)
            let expected = try #require(object["metrics"] as? [String: Double])
            let actual = stage.judge(try RealText.bytes(path), markdown: false).metrics
            for (metric, value) in expected.sorted(by: { $0.key < $1.key }) {
                let got = try #require(actual[metric], "\(metric) missing")
                #expect(abs(got - value) <= 1e-12 * max(1, abs(value)), "\(path) \(metric): Swift \(got), Python \(value)")
                compared += 1
            }
        }
        #expect(compared == paths.count * 28)
    }
}
