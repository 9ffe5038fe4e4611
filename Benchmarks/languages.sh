#!/bin/bash
# The default text pipeline on one administration guide in its translations: the share of documents
# accepted per language, beside English, and the codes that reject the rest.
#
#   Benchmarks/languages.sh
#
# The guide is Debian Reference (debian-reference-en, -fr, -de, -es, -it, -ja, -pt, -zh-cn, installed
# by .ci/install-deps): its plain-text edition (/usr/share/debian-reference/debian-reference.LANG.txt.gz)
# is cut at blank lines into documents of about 3 KB (paragraphs are added until a document reaches
# 3,000 bytes), one folder per language, and each language is judged alone by `assay run` with the
# default pipeline's text stages (text-quality, text-dedup, text-language, text-pii, shipped
# options) and quotas off.
#
# Environment:
#   LANGS       the languages (default: en fr de es it ja pt zh-cn; English is always measured)
#   BENCH_WORK  work folder (default /tmp/assay-bench/languages)
#   ASSAY_BIN   an assay binary to use instead of building one (release) from this repository
#   BASELINE_BIN  a second assay binary (for example a build of main) measured in the same run on the
#               same documents; its column and CPU seconds are printed beside ASSAY_BIN's
#
# Prints one table: language, documents, accepted % (and its difference to English), the three
# most frequent rejection codes with their counts, and the run's CPU seconds (user + system).
set -euo pipefail

REPO=$(cd "$(dirname "$0")/.." && pwd)
W=${BENCH_WORK:-/tmp/assay-bench/languages}
LANGS=${LANGS:-en fr de es it ja pt zh-cn}
case " $LANGS " in *" en "*) ;; *) LANGS="en $LANGS" ;; esac
mkdir -p "$W"

. "$REPO/Benchmarks/lib.sh"
ASSAY=$(assay_binary "$REPO")

for lang in $LANGS; do
  src=/usr/share/debian-reference/debian-reference.$lang.txt.gz
  [ -f "$src" ] || { echo "missing $src: run .ci/install-deps (it installs debian-reference-$lang)" >&2; exit 1; }
  dir=$W/datanet-$lang/c01/text
  if [ ! -d "$dir" ] || [ "$src" -nt "$dir" ]; then
    rm -rf "$W/datanet-$lang"
    mkdir -p "$dir"
    python3 - "$src" "$dir" <<'PY'
import gzip, sys
src, out = sys.argv[1:3]
text = gzip.open(src, "rt", encoding="utf-8").read()
doc, size, n = [], 0, 0
def flush():
    global doc, size, n
    if doc:
        n += 1
        open(f"{out}/{n:04d}.txt", "w", encoding="utf-8").write("\n\n".join(doc) + "\n")
    doc, size = [], 0
for paragraph in text.split("\n\n"):
    if not paragraph.strip():
        continue
    doc.append(paragraph)
    size += len(paragraph.encode("utf-8")) + 2
    if size >= 3000:
        flush()
flush()
PY
    find "$dir" -type f -exec touch -h -d '2024-01-01 00:00:00 UTC' {} +
  fi
  cat > "$W/$lang.yml" <<YML
version: 1
layout: "{contributor}/{modality}/**"
limits: {quotas: false}
modalities:
  text: {}
pipeline: [{use: text-quality}, {use: text-dedup}, {use: text-language}, {use: text-pii}]
YML
done

judge() {  # judge NAME BINARY LANG -> $W/NAME-LANG.verdicts.jsonl, one CPU line in $W/NAME-LANG.time
  local name=$1 binary=$2 lang=$3
  rm -f "$W/$name-$lang".ledger* "$W/$name-$lang.verdicts.jsonl"
  /usr/bin/time -o "$W/$name-$lang.time" -f "%U %S" "$binary" run --config "$W/$lang.yml" --ledger "$W/$name-$lang.ledger" \
    --verdicts "$W/$name-$lang.verdicts.jsonl" --jobs 2 "$W/datanet-$lang" > /dev/null 2> "$W/$name-$lang.stderr" || {
      echo "assay run failed ($name, $lang); see $W/$name-$lang.stderr" >&2; exit 1; }
}
names=(assay)
for lang in $LANGS; do
  judge assay "$ASSAY" "$lang"
  if [ -n "${BASELINE_BIN:-}" ]; then judge baseline "$BASELINE_BIN" "$lang"; fi
done
if [ -n "${BASELINE_BIN:-}" ]; then names+=(baseline); fi

python3 - "$W" "$LANGS" "${names[@]}" <<'PY'
import collections, json, sys
W, langs, names = sys.argv[1], sys.argv[2].split(), sys.argv[3:]
def measure(name, lang):
    verdicts = [json.loads(l) for l in open(f"{W}/{name}-{lang}.verdicts.jsonl") if l.strip()]
    codes = collections.Counter(r["code"] for v in verdicts if v["verdict"] != "accepted" for r in v.get("reasons") or [])
    accepted = sum(v["verdict"] == "accepted" for v in verdicts)
    user, system = map(float, open(f"{W}/{name}-{lang}.time").read().split()[-2:])
    return len(verdicts), 100 * accepted / max(1, len(verdicts)), codes, user + system
print("Debian Reference, ~3 KB documents, default text pipeline; accepted % per language (Δ: points from English).")
for name in names:
    rows = {lang: measure(name, lang) for lang in langs}
    english = rows["en"][1]
    cpu = sum(r[3] for r in rows.values())
    print(f"\n{name} ({cpu:.2f} CPU s over every language)")
    print("| language | documents | accepted % | Δ | CPU s | top rejection codes |")
    print("|---|---|---|---|---|---|")
    for lang, (docs, share, codes, seconds) in rows.items():
        top = ", ".join(f"{c} {n}" for c, n in codes.most_common(3)) or "-"
        print(f"| {lang} | {docs} | {share:.1f} | {share - english:+.1f} | {seconds:.2f} | {top} |")
PY
