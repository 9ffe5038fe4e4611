#!/usr/bin/env bash
# text-language side by side with py3langid (langid.py's model, 97 languages, restricted here to
# Assay's 38) and langdetect (Google's language-detection port, 55 languages), in one run:
#  - accuracy on held-out real text (Tests/TextLanguageTests/Fixtures: 114 paragraphs in 38
#    languages that the profiles were not built from), whole and cut to the first 100 and 40 letters;
#  - speed on every copyright file and licence of this machine (English text), --jobs 2 vs 2 processes.
# The peers are installed from PyPI into a venv under $BENCH_WORK.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
work=${BENCH_WORK:-/tmp/assay-bench/text-language}
jobs=${JOBS:-2}
copies=${COPIES:-4}
rm -rf "$work/net" "$work/acc" "$work"/*.sqlite* && mkdir -p "$work/net" "$work/acc"

if [ ! -x "$work/venv/bin/python" ]; then
  python3 -m venv "$work/venv"
  "$work/venv/bin/pip" install --quiet py3langid==0.4.0 langdetect==1.0.9
fi
py="$work/venv/bin/python"

# Accuracy datanet: one file per held-out paragraph, whole and cut to 100 and 40 letters.
"$py" - "$here/Tests/TextLanguageTests/Fixtures" "$work/acc" <<'PY'
import os, sys
src, out = sys.argv[1], sys.argv[2]
def cut(text, letters):
    seen = 0
    for i, ch in enumerate(text):
        seen += ch.isalpha()
        if seen >= letters and ch == " ":
            return text[:i]
    return text
for name in sorted(os.listdir(src)):
    if not name.endswith(".txt"):
        continue
    lang = name[:-4]
    for k, para in enumerate(p for p in open(os.path.join(src, name)).read().split("\n\n") if p.strip()):
        for size, text in (("all", para), ("100", cut(para, 100)), ("40", cut(para, 40))):
            folder = os.path.join(out, "net", "c" + size, "text")
            os.makedirs(folder, exist_ok=True)
            open(os.path.join(folder, f"{lang}-{k}.txt"), "w").write(text.strip() + "\n")
PY

# Speed datanet: real English text, $copies times.
i=0
find /usr/share/doc -name copyright -type f | sort > "$work/sources.txt"
find /usr/share/common-licenses -type f | sort >> "$work/sources.txt"
for copy in $(seq "$copies"); do
  while read -r f; do
    d="$work/net/c$((i % 8))/text"; mkdir -p "$d"
    { echo "copy $copy"; cat "$f"; } > "$d/$i.txt"; i=$((i + 1))
  done < "$work/sources.txt"
done
find "$work/net" -type f | sort > "$work/files.txt"
n=$(wc -l < "$work/files.txt")
bytes=$(du -sb --apparent-size "$work/net" | cut -f1)

cat > "$work/peers.py" <<'PY'
# usage: peers.py TOOL FILELIST  -> prints "path<TAB>language" per file
import sys
tool, listing = sys.argv[1], sys.argv[2]
ASSAY = "ar bg ca cs da de el en es et fa fi fr he hi hr hu id it ja ko lt lv nb nl pl pt ro ru sk sl sr sv th tr uk vi zh".split()
if tool == "langid":
    from py3langid import langid
    langid.set_languages(["no" if code == "nb" else code for code in ASSAY])   # langid says "no" for Bokmål
    def guess(text):
        code = langid.classify(text)[0]
        return {"no": "nb"}.get(code, code)
else:
    from langdetect import DetectorFactory, detect
    DetectorFactory.seed = 0
    def guess(text):
        try:
            code = detect(text)
        except Exception:
            return "und"
        return {"no": "nb", "zh-cn": "zh", "zh-tw": "zh"}.get(code, code)
for path in open(listing).read().split("\n"):
    if path:
        print(path + "\t" + guess(open(path, encoding="utf-8", errors="replace").read()))
PY

cat > "$work/lang.yml" <<YML
version: 1
limits: { quotas: false, max_file_bytes: 100MB }
pipeline: [{use: text-language, with: {allowed: [en]}}]
ledger: $work/lang.sqlite
YML
# For accuracy Assay must say its guess: allow only Thai, so every other text is rejected with
# text.language and the guess as the reason's value.
cat > "$work/acc.yml" <<YML
version: 1
limits: { quotas: false }
pipeline: [{use: text-language, with: {allowed: [th], min_confidence: 0.05, min_letters: 1}}]
ledger: $work/acc.sqlite
YML

(cd "$here" && swift build -c release --product assay >/dev/null)
assay="$here/.build/release/assay"

# ---- accuracy ----
rm -f "$work/acc.sqlite"*
"$assay" run --quiet --config "$work/acc.yml" --verdicts "$work/acc.jsonl" "$work/acc/net"
find "$work/acc/net" -type f | sort > "$work/acc/files.txt"
"$py" "$work/peers.py" langid "$work/acc/files.txt" > "$work/acc/langid.tsv"
"$py" "$work/peers.py" langdetect "$work/acc/files.txt" > "$work/acc/langdetect.tsv"
"$py" - "$work" <<'PY'
import collections, json, os, sys
work = sys.argv[1]
LANGDETECT = set("af ar bg bn ca cs cy da de el en es et fa fi fr gu he hi hr hu id it ja kn ko lt lv mk ml mr ne nl nb pa pl pt ro ru sk sl so sq sv sw ta te th tl tr uk ur vi zh".split())
def truth(path):
    size = path.split("/")[-3][1:]
    return size, os.path.basename(path).split("-")[0]
results = collections.defaultdict(lambda: collections.defaultdict(lambda: [0, 0]))
for line in open(os.path.join(work, "acc.jsonl")):
    v = json.loads(line)
    size, lang = truth(v["path"])
    guess = "th" if v["verdict"] == "accepted" else next((r["value"] for r in v["reasons"] if r["code"] == "text.language"), "und")
    results["assay text-language"][size][0] += 1
    results["assay text-language"][size][1] += guess == lang
for tool in ("langid", "langdetect"):
    for line in open(os.path.join(work, "acc", tool + ".tsv")):
        path, guess = line.rstrip("\n").split("\t")
        size, lang = truth(path)
        if tool == "langdetect" and lang not in LANGDETECT:
            continue   # langdetect has no Serbian
        results[tool][size][0] += 1
        results[tool][size][1] += guess == lang
print("\naccuracy on held-out paragraphs (38 languages; langdetect: the 37 it knows)")
print("%-24s %16s %16s %16s" % ("tool", "whole (250-700)", "100 letters", "40 letters"))
for tool, sizes in results.items():
    cells = ["%5d/%-4d %5.3f" % (sizes[s][1], sizes[s][0], sizes[s][1] / max(sizes[s][0], 1)) for s in ("all", "100", "40")]
    print("%-24s %s" % (tool, " ".join("%16s" % c for c in cells)))
PY

# ---- speed ----
xargs cat < "$work/files.txt" > /dev/null
split -n "l/$jobs" "$work/files.txt" "$work/part."
# Runs a command $repeat times (removing the ledgers first, so every run judges every file) and
# prints the run with the median wall time: "wall_s peak_kb user_s sys_s".
repeat=${REPEAT:-3}
time_of() {
  : > "$work/times.txt"
  for _ in $(seq "$repeat"); do
    rm -f "$work"/*.sqlite "$work"/*.sqlite-wal "$work"/*.sqlite-shm
    /usr/bin/time -f "%e %M %U %S" -o "$work/time.txt" "$@" > "$work/out.txt" 2>"$work/err.txt"
    cat "$work/time.txt" >> "$work/times.txt"
  done
  sort -n "$work/times.txt" | sed -n "$(( (repeat + 1) / 2 ))p"
}
read -r assay_s assay_kb assay_u assay_sys < <(time_of "$assay" run --quiet --config "$work/lang.yml" --jobs "$jobs" "$work/net")
cat > "$work/none.yml" <<YML
version: 1
limits: { quotas: false, max_file_bytes: 100MB }
pipeline: []
ledger: $work/none.sqlite
YML
read -r none_s none_kb none_u none_sys < <(time_of "$assay" run --quiet --config "$work/none.yml" --jobs "$jobs" "$work/net")
parallel_peer() { ls "$work"/part.* | xargs -P "$jobs" -I{} "$py" "$work/peers.py" "$1" {} ; }
export -f parallel_peer; export work py jobs
read -r langid_s langid_kb langid_u langid_sys < <(time_of bash -c 'parallel_peer langid')
read -r ld_s ld_kb ld_u ld_sys < <(time_of bash -c 'parallel_peer langdetect')

printf '\nspeed: %d English text files, %.1f MB, --jobs %s / %s processes\n' "$n" "$(echo "$bytes/1000000" | bc -l)" "$jobs" "$jobs"
printf '%-48s %8s %8s %10s %8s %10s\n' tool "wall s" "cpu s" "files/s" "MB/s" "peak MB"
row() { printf '%-48s %8.2f %8.2f %10.0f %8.1f %10.1f\n' "$1" "$2" "$(echo "$4+$5" | bc -l)" "$(echo "$n/$2" | bc -l)" "$(echo "$bytes/1000000/$2" | bc -l)" "$(echo "$3/1024" | bc -l)"; }
row "assay run, no stage (read, hash, sniff, ledger)" "$none_s" "$none_kb" "$none_u" "$none_sys"
row "assay run, text-language" "$assay_s" "$assay_kb" "$assay_u" "$assay_sys"
row "py3langid 0.4.0 (38 languages)" "$langid_s" "$langid_kb" "$langid_u" "$langid_sys"
row "langdetect 1.0.9" "$ld_s" "$ld_kb" "$ld_u" "$ld_sys"
printf 'ratio (wall): py3langid / assay text-language %.2fx, langdetect / assay %.2fx; text-language alone (minus no stage, cpu): %.1f MB/s per core\n' \
  "$(echo "$langid_s/$assay_s" | bc -l)" "$(echo "$ld_s/$assay_s" | bc -l)" "$(echo "$bytes/1000000/($assay_u+$assay_sys-$none_u-$none_sys)" | bc -l)"
printf '(peak RSS of the peers is one of their %s processes; the machine may be shared: compare ratios and cpu s)\n' "$jobs"
