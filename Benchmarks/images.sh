#!/usr/bin/env bash
# image-check on real photographs in five formats, side by side in one run, on the same files.
#
# Corpus: every JPEG, PNG and WebP wallpaper under /usr/share/wallpapers and /usr/share/backgrounds
# (Debian's plasma-workspace-wallpapers and gnome-backgrounds), each scaled once by ImageMagick to
# at most 1920 px on its long side, metadata stripped and alpha flattened on white: the clean PNG
# master. The same masters encoded by real encoders: PNG (the master, ImageMagick's libpng), JPEG
# (cjpeg -quality 90), WebP (cwebp -q 90), TIFF (convert -compress lzw), BMP (convert BMP3:). And
# four spoiled JPEG copies of each master (cjpeg -quality 90): blurred (-blur 0x8 at master size),
# darkened (-brightness-contrast -75x0), mirrored (-flop), resized (-resize 50%).
#
# Per format, each under /usr/bin/time (CPU = user + system of every process, peak RSS):
#   a bare C decode loop, one process for all files, that only decodes to RGBA with the format's
#     library: Benchmarks/png_decode_loop.c (libpng), Benchmarks/image_decode_loop.c (libjpeg-turbo,
#     libwebp, libtiff's TIFFReadRGBAImage; for BMP, no library: a minimal 24/32-bit row reader)
#   the same loops through Assay's C shim (Sources/CImageShim): the stage's C cost without the engine
#   assay run with only image-check, --jobs 1, a fresh ledger
#   CleanVision 0.3.7 (PyPI, in a venv): Imagelab(data_path=...).find_issues(), default issue
#     types, n_jobs=1 (Benchmarks/peers/cleanvision_images.py)
#   for BMP also ImageMagick's `convert FILE null:`, one process per file
# Then detection: the clean JPEGs (contributor c1-clean, judged first: contributors are walked in
# name order) and the spoiled copies (c2-spoiled) in one assay run and one CleanVision run; how
# many copies of each kind each flags (image.blurry / image.dark / image.dup_near or dup_exact vs
# is_blurry_issue / is_dark_issue / is_near_duplicates_issue or is_exact_duplicates_issue).
#
# Also assay run on an empty folder: the fixed cost of one process (loading, the config, a fresh
# ledger), which a run over 88 files pays once and a run over a datanet's millions pays once too.
# Prints one table per format and the detection table. Targets (the issue's): assay judges >= 0.7x
# as many files per CPU-second as the bare decode loop decodes (printed whole, and without the
# empty run's fixed cost); assay uses >= 4.6x less CPU than CleanVision while finding more.
# Environment: BENCH_WORK (default /tmp/assay-bench/images; corpus, venv and results stay there and
# are reused), RUNS (default 1; the median CPU of RUNS runs), FORMATS (default "png jpeg webp tiff
# bmp"), CV_JOBS (CleanVision's n_jobs, default 1; "auto" for its default), SKIP_CV=1 to leave
# CleanVision out, ASSAY_BIN to measure a built assay instead of building one.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
work=${BENCH_WORK:-/tmp/assay-bench/images}
runs=${RUNS:-1}
formats=${FORMATS:-png jpeg webp tiff bmp}
cv_jobs=${CV_JOBS:-1}
im=/usr/bin/convert   # ImageMagick itself, not a wrapper earlier on PATH
for tool in "$im" cjpeg cwebp python3 bc; do
  command -v "$tool" > /dev/null || { echo "$tool is missing (imagemagick, libjpeg-turbo-progs, webp, python3, bc)" >&2; exit 2; }
done
mkdir -p "$work/bin" "$work/results"

# --- The corpus (made once; remade when the wallpapers change) -------------------------------------
find /usr/share/wallpapers /usr/share/backgrounds -type f \
  \( -iname '*.jpg' -o -iname '*.jpeg' -o -iname '*.png' -o -iname '*.webp' \) 2>/dev/null | sort > "$work/sources.new"
[ -s "$work/sources.new" ] || { echo "no wallpaper under /usr/share/wallpapers or /usr/share/backgrounds" \
  "(apt-get install plasma-workspace-wallpapers gnome-backgrounds)" >&2; exit 2; }
corpus="$work/corpus"
if ! [ -f "$corpus/done" ] || ! cmp -s "$work/sources.new" "$corpus/sources.txt"; then
  echo "== making the corpus in $corpus" >&2
  rm -rf "$corpus" && mkdir -p "$corpus"/{master,png,jpeg,webp,tiff,bmp,blurred,darkened,mirrored,resized}
  cp "$work/sources.new" "$corpus/sources.txt"
  # One master and its encodings; $1 = index, $2 = source. Every encoder's stderr is kept.
  encode_one() {
    local n m
    n=$(printf '%03d' "$1"); m="$corpus/master/$n.png"
    "$im" "$2" -auto-orient -strip -background white -alpha remove -alpha off -resize '1920x1920>' -depth 8 "PNG24:$m"
    ln "$m" "$corpus/png/$n.png"
    "$im" "$m" ppm:- | cjpeg -quality 90 -outfile "$corpus/jpeg/$n.jpg"
    cwebp -quiet -q 90 "$m" -o "$corpus/webp/$n.webp"
    "$im" "$m" -compress lzw "$corpus/tiff/$n.tiff"
    "$im" "$m" "BMP3:$corpus/bmp/$n.bmp"
    "$im" "$m" -blur 0x8 ppm:- | cjpeg -quality 90 -outfile "$corpus/blurred/$n.jpg"
    "$im" "$m" -brightness-contrast -75x0 ppm:- | cjpeg -quality 90 -outfile "$corpus/darkened/$n.jpg"
    "$im" "$m" -flop ppm:- | cjpeg -quality 90 -outfile "$corpus/mirrored/$n.jpg"
    "$im" "$m" -resize 50% ppm:- | cjpeg -quality 90 -outfile "$corpus/resized/$n.jpg"
  }
  export -f encode_one; export corpus im
  awk '{ printf "%d\t%s\n", NR - 1, $0 }' "$corpus/sources.txt" > "$corpus/index.tsv"
  tr '\t' '\n' < "$corpus/index.tsv" | xargs -d '\n' -n 2 -P "$(nproc)" bash -c 'encode_one "$1" "$2"' _ \
    2> "$corpus/encode.log" || { echo "encoding failed: $corpus/encode.log" >&2; exit 1; }
  touch "$corpus/done"
fi
rm -f "$work/sources.new"

# The datanets (CONTRIBUTOR/image/...), hard-linked from the corpus, and one list per format.
rm -rf "$work/net" && mkdir -p "$work/net"
declare -A ext=([png]=png [jpeg]=jpg [webp]=webp [tiff]=tiff [bmp]=bmp)
for f in png jpeg webp tiff bmp; do
  mkdir -p "$work/net/$f/photos/image"
  ln "$corpus/$f"/* "$work/net/$f/photos/image/"
  ls -d "$work/net/$f/photos/image"/* > "$work/$f.list"
done
mkdir -p "$work/net/detect/c1-clean/image" "$work/net/detect/c2-spoiled/image"
ln "$corpus/jpeg"/* "$work/net/detect/c1-clean/image/"
for kind in blurred darkened mirrored resized; do
  for p in "$corpus/$kind"/*; do ln "$p" "$work/net/detect/c2-spoiled/image/$kind-$(basename "$p")"; done
done

# --- The tools ---------------------------------------------------------------------------------------
cc=${CC:-$(command -v clang || echo cc)}
shim=(-DASSAY_SHIM -I"$here/Sources/CImageShim/include" -I"$here/Sources/CImageShim" "$here"/Sources/CImageShim/*.c)
libs=(-lpng16 -ljpeg -lwebp -lwebpdemux -ltiff -lz -lm)
"$cc" -O2 -o "$work/bin/png_decode_loop" "$here/Benchmarks/png_decode_loop.c" -lpng16
"$cc" -O2 -o "$work/bin/image_decode_loop" "$here/Benchmarks/image_decode_loop.c" -ljpeg -lwebp -ltiff
"$cc" -O2 -o "$work/bin/png_shim_loop" "$here/Benchmarks/png_decode_loop.c" "${shim[@]}" "${libs[@]}"
"$cc" -O2 -o "$work/bin/image_shim_loop" "$here/Benchmarks/image_decode_loop.c" "${shim[@]}" "${libs[@]}"

. "$here/Benchmarks/lib.sh"
assay=$(assay_binary "$here" 2> "$work/build.log") || { echo "swift build failed: $work/build.log" >&2; exit 1; }
"$assay" run --help > /dev/null 2>&1 || { echo "$assay has no 'run' command" >&2; exit 1; }
cat > "$work/assay.yml" <<YML
version: 1
limits: { quotas: false, max_file_bytes: 100MB }
modalities: { image: {} }
pipeline:
  - use: image-check
ledger: $work/assay.sqlite
YML

venv="$work/venv"
if [ "${SKIP_CV:-0}" != 1 ] && ! "$venv/bin/python" -c 'import cleanvision' 2> /dev/null; then
  echo "== installing cleanvision 0.3.7 into $venv" >&2
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q cleanvision==0.3.7 >&2
fi

# median_of RUNS runs of a command: prints "cpu_s peak_kb wall_s" (median user + system CPU, largest
# RSS, median wall). BEFORE, when set, runs before each run, untimed. A failing run is reported.
median_of() {
  local cpus=() walls=() peak=0 wall kb user sys status
  for _ in $(seq "$runs"); do
    if [ -n "${BEFORE:-}" ]; then eval "$BEFORE"; fi
    status=0
    /usr/bin/time -f "%e %M %U %S" -o "$work/time.txt" "$@" > "$work/out.txt" 2>&1 || status=$?
    [ "$status" = 0 ] || { echo "failed ($status): $* -- $(tail -n 3 "$work/out.txt")" >&2; }
    read -r wall kb user sys < <(tail -n 1 "$work/time.txt")
    cpus+=("$(echo "$user + $sys" | bc -l)")
    walls+=("$wall")
    [ "$kb" -gt "$peak" ] && peak=$kb
  done
  local middle=$(( (runs + 1) / 2 ))
  printf '%s %s %s\n' "$(printf '%s\n' "${cpus[@]}" | sort -g | sed -n "${middle}p")" "$peak" \
    "$(printf '%s\n' "${walls[@]}" | sort -g | sed -n "${middle}p")"
}
declare -A cpu peak wall
record() { read -r "cpu[$1]" "peak[$1]" "wall[$1]" < <(median_of "${@:2}"); }

# assay_run NAME FOLDER: a fresh ledger, --jobs 1, verdicts in results/NAME.jsonl.
assay_run() {
  BEFORE="rm -f '$work/assay.sqlite'* '$work/results/$1.jsonl'" record "assay-$1" "$assay" run \
    --config "$work/assay.yml" --ledger "$work/assay.sqlite" --verdicts "$work/results/$1.jsonl" --jobs 1 "$2"
}
cv_run() {
  [ "${SKIP_CV:-0}" = 1 ] && return 0
  BEFORE="rm -f '$work/results/$1.csv'*" record "cv-$1" "$venv/bin/python" \
    "$here/Benchmarks/peers/cleanvision_images.py" "$2" "$work/results/$1.csv" "$cv_jobs"
}
# Verdict and issue counts of one result: "A accepted, R rejected (code n, ...)" and CleanVision's.
summary() {
  python3 - "$work/results/$1.jsonl" "$work/results/$1.csv" <<'PY'
import collections, csv, json, os, sys
verdicts = collections.Counter(); codes = collections.Counter()
for line in open(sys.argv[1]):
    v = json.loads(line); verdicts[v["verdict"]] += 1
    codes.update({r["code"] for r in v.get("reasons") or []})
detail = ", ".join(f"{c} {n}" for c, n in codes.most_common())
print(f"  assay: {verdicts['accepted']} accepted, {verdicts['rejected']} rejected, {verdicts['error']} errors"
      + (f" ({detail})" if detail else ""))
if os.path.exists(sys.argv[2]):
    rows = list(csv.DictReader(open(sys.argv[2])))
    issues = collections.Counter()
    for r in rows:
        issues.update(k[3:-6] for k, v in r.items() if k.startswith("is_") and k.endswith("_issue") and v == "True")
    flagged = sum(any(k.startswith("is_") and v == "True" for k, v in r.items()) for r in rows)
    detail = ", ".join(f"{c} {n}" for c, n in issues.most_common())
    print(f"  CleanVision: {len(rows)} files read, {flagged} flagged" + (f" ({detail})" if detail else ""))
PY
}

# --- Per format ---------------------------------------------------------------------------------------
declare -A label=([png]="PNG (ImageMagick/libpng, 8-bit RGB)" [jpeg]="JPEG (cjpeg -quality 90)" \
  [webp]="WebP (cwebp -q 90)" [tiff]="TIFF (convert -compress lzw)" [bmp]="BMP (convert BMP3:, 24-bit)")
declare -A bare=([png]="C libpng decode loop" [jpeg]="C libjpeg-turbo decode loop" [webp]="C libwebp decode loop" \
  [tiff]="C libtiff TIFFReadRGBAImage loop" [bmp]="C 24/32-bit BMP row reader (no library)")
xargs -d '\n' cat < <(cat "$work"/{png,jpeg,webp,tiff,bmp}.list) > /dev/null   # warm the page cache
for f in $formats; do
  echo "== $f" >&2
  if [ "$f" = png ]; then
    record "bare-$f" "$work/bin/png_decode_loop" "$work/$f.list"
    record "shim-$f" "$work/bin/png_shim_loop" "$work/$f.list"
  else
    record "bare-$f" "$work/bin/image_decode_loop" "$f" "$work/$f.list"
    record "shim-$f" "$work/bin/image_shim_loop" "$f" "$work/$f.list"
  fi
  if [ "$f" = bmp ]; then
    record "im-$f" xargs -d '\n' -a "$work/$f.list" -I{} "$im" {} null:
  fi
  assay_run "$f" "$work/net/$f"
  cv_run "$f" "$work/net/$f"
done
echo "== startup" >&2
mkdir -p "$work/net/empty/nobody/image"
assay_run empty "$work/net/empty"     # the process's fixed cost: loading, config, a fresh ledger
echo "== detection" >&2
assay_run detect "$work/net/detect"
cv_run detect "$work/net/detect"

# --- Tables -------------------------------------------------------------------------------------------
n=$(wc -l < "$work/jpeg.list")
row() { # label key
  local c=${cpu[$2]}
  printf '  %-46s %7.2f %11.1f %8.1f %7.2f\n' "$1" "$c" "$(echo "$n/$c" | bc -l)" "$(echo "${peak[$2]}/1024" | bc -l)" "${wall[$2]}"
}
verdict() { # value target
  if [ "$(echo "$1 >= $2" | bc -l)" = 1 ]; then echo met; else echo "NOT met"; fi
}
printf '\n%d real photographs (Debian wallpapers), long side <= 1920 px; CPU = user + system; RUNS=%s\n' "$n" "$runs"
for f in $formats; do
  bytes=$(du -scbL --apparent-size "$work/net/$f" | tail -n 1 | cut -f1)
  printf '\n%s: %d files, %.1f MB\n' "${label[$f]}" "$n" "$(echo "$bytes/1000000" | bc -l)"
  printf '  %-46s %7s %11s %8s %7s\n' tool "cpu s" "files/cpu-s" "peak MB" "wall s"
  row "${bare[$f]}" "bare-$f"
  row "C loop through Assay's shim" "shim-$f"
  [ "$f" = bmp ] && row "ImageMagick convert FILE null:, 1 per file" "im-$f"
  row "assay run image-check, --jobs 1" "assay-$f"
  [ "${SKIP_CV:-0}" = 1 ] || row "CleanVision 0.3.7 find_issues, n_jobs=$cv_jobs" "cv-$f"
  ratio=$(echo "${cpu[bare-$f]}/${cpu[assay-$f]}" | bc -l)
  printf '  assay / bare loop, files per CPU-s: %.2fx (target >= 0.7x: %s)\n' "$ratio" "$(verdict "$ratio" 0.7)"
  steady=$(echo "${cpu[bare-$f]}/(${cpu[assay-$f]} - ${cpu[assay-empty]})" | bc -l)
  printf '  the same without assay'"'"'s fixed start (%.2f CPU s on an empty folder): %.2fx\n' "${cpu[assay-empty]}" "$steady"
  if [ "${SKIP_CV:-0}" != 1 ]; then
    ratio=$(echo "${cpu[cv-$f]}/${cpu[assay-$f]}" | bc -l)
    printf '  CleanVision CPU / assay CPU: %.2fx (target >= 4.6x: %s)\n' "$ratio" "$(verdict "$ratio" 4.6)"
  fi
  summary "$f"
done

printf '\nDetection: %d clean JPEGs (c1-clean, judged first) + 4 x %d spoiled JPEG copies (c2-spoiled), one run each\n' "$n" "$n"
python3 - "$work/results/detect.jsonl" "$work/results/detect.csv" "$work/net/detect" <<'PY'
import csv, json, os, sys
verdicts_path, cv_path, root = sys.argv[1:4]
root = os.path.realpath(root)
def kind_of(rel):  # c1-clean/image/007.jpg -> ("clean", "007"); c2-spoiled/image/blurred-007.jpg -> ("blurred", "007")
    name = os.path.splitext(os.path.basename(rel))[0]
    return ("clean", name) if rel.startswith("c1-clean/") else tuple(name.split("-", 1))
assay = {}
for line in open(verdicts_path):
    v = json.loads(line)
    assay[kind_of(v["path"])] = ({r["code"] for r in v.get("reasons") or []}, v.get("duplicate_of"))
order = [kind_of(json.loads(l)["path"])[0] for l in open(verdicts_path)]
first_copy = next((i for i, k in enumerate(order) if k != "clean"), len(order))
assert all(k == "clean" for k in order[:first_copy]), "clean files were not all judged first"
# Assay: the copy's duplicate_of is its own original, or the earlier file its original repeats.
def assay_match(ident):
    dup = assay[ident][1]
    if not dup: return False
    target = kind_of(dup)
    original = ("clean", ident[1])
    return target == original or (assay[original][1] is not None and kind_of(assay[original][1]) == target)
cv, cv_sets = {}, []
have_cv = os.path.exists(cv_path)
if have_cv:
    for r in csv.DictReader(open(cv_path)):
        rel = os.path.relpath(os.path.realpath(r["path"]), root)
        cv[kind_of(rel)] = {k[3:-6] for k, v in r.items() if k.startswith("is_") and k.endswith("_issue") and v == "True"}
    sets = json.load(open(cv_path + ".sets.json"))
    for group in sets["exact_duplicates"] + sets["near_duplicates"]:
        cv_sets.append({kind_of(os.path.relpath(os.path.realpath(p), root)) for p in group})
def cv_match(ident):
    return any(ident in s and ("clean", ident[1]) in s for s in cv_sets)
targets = {"blurred": ({"image.blurry"}, {"blurry"}), "darkened": ({"image.dark"}, {"dark"}),
           "mirrored": ({"image.dup_near", "image.dup_exact"}, {"near_duplicates", "exact_duplicates"}),
           "resized": ({"image.dup_near", "image.dup_exact"}, {"near_duplicates", "exact_duplicates"})}
print(f"  {'copies':<9} {'n':>4}  {'assay code':<15} {'flagged':>7} {'any':>5}   {'CleanVision issue':<22} {'flagged':>7} {'any':>5}")
total_a = total_c = total_n = 0
for kind, (a_codes, c_issues) in targets.items():
    ids = sorted(i for i in assay if i[0] == kind)
    a_hit = sum(bool(assay[i][0] & a_codes) for i in ids)
    a_any = sum(bool(assay[i][0]) for i in ids)
    c_hit = sum(bool(cv.get(i, set()) & c_issues) for i in ids)
    c_any = sum(bool(cv.get(i)) for i in ids)
    total_a += a_hit; total_c += c_hit; total_n += len(ids)
    a_name = "image.dup_*" if kind in ("mirrored", "resized") else sorted(a_codes)[0]
    c_name = "*_duplicates" if kind in ("mirrored", "resized") else f"is_{sorted(c_issues)[0]}_issue"
    extra = ""
    if kind in ("mirrored", "resized"):
        extra = f"   (matched to its own original: assay {sum(assay_match(i) for i in ids if assay[i][0] & a_codes)}"
        extra += f", CleanVision {sum(cv_match(i) for i in ids)})" if have_cv else ")"
    print(f"  {kind:<9} {len(ids):>4}  {a_name:<15} {a_hit:>7} {a_any:>5}   {c_name:<22} "
          + (f"{c_hit:>7} {c_any:>5}" if have_cv else f"{'-':>7} {'-':>5}") + extra)
print(f"  {'copies':<9} {total_n:>4}  {'as intended':<15} {total_a:>7} {'':>5}   {'as intended':<22} "
      + (f"{total_c:>7}" if have_cv else f"{'-':>7}"))
clean = sorted(i for i in assay if i[0] == "clean")
def tally(sets):
    counts = {}
    for s in sets:
        for x in s: counts[x] = counts.get(x, 0) + 1
    return ", ".join(f"{k} {v}" for k, v in sorted(counts.items(), key=lambda kv: -kv[1])) or "none"
print(f"  clean originals flagged: assay {sum(bool(assay[i][0]) for i in clean)}/{len(clean)} ({tally(assay[i][0] for i in clean)})"
      + (f"; CleanVision {sum(bool(cv.get(i)) for i in clean)}/{len(clean)} ({tally(cv.get(i, set()) for i in clean)})" if have_cv else ""))
PY
[ "${SKIP_CV:-0}" = 1 ] || printf '  CPU: assay %.2f s, CleanVision %.2f s (%.2fx)\n' "${cpu[assay-detect]}" "${cpu[cv-detect]}" \
  "$(echo "${cpu[cv-detect]}/${cpu[assay-detect]}" | bc -l)"
printf '  ("flagged": the intended code or issue; "any": any code or issue at all. CleanVision marks every\n'
printf '   member of a duplicate set, the original too; assay marks only the later file.)\n'
