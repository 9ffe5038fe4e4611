#!/usr/bin/env bash
# PNG validation throughput, side by side in one run, on the same files: every PNG under /usr/share
# plus PngSuite (175 files, 14 of them corrupt).
#
#   assay run with image-check (defaults: full libpng decode of every row, checks, duplicates)
#   pngcheck -q (Debian package), all files in one process, and in 2 processes
#   Benchmarks/png_decode_loop.c: a bare C loop that only decodes with libpng, the physical
#     reference (1 and 2 processes), and the same loop through Assay's C shim (the stage's C cost
#     without the engine)
#
# Prints one table: wall time (median of RUNS), files/s, MB/s, peak RSS, and ratios to the bare C
# loop and to pngcheck. Then the 30000 x 30000 decompression bomb: time and peak RSS to refuse it.
# Environment: BENCH_WORK (default /tmp/assay-bench/png), RUNS (default 3),
# SKIP_ASSAY=1 to measure the peers only, ASSAY_BIN to measure a built assay instead of building one.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
work=${BENCH_WORK:-/tmp/assay-bench/png}
runs=${RUNS:-3}
suite="$here/Tests/Corpora/pngsuite"
command -v pngcheck > /dev/null || { echo "pngcheck is missing: apt-get install pngcheck" >&2; exit 2; }
[ -d "$suite" ] || { echo "PngSuite not found at $suite (Tests/Corpora/pngsuite)" >&2; exit 2; }

# The corpus, as a datanet (CONTRIBUTOR/image/...), hard-linked (or copied) from the sources.
rm -rf "$work" && mkdir -p "$work/net" "$work/bin"
{ find /usr/share -name '*.png' -type f 2>/dev/null | sort; ls "$suite"/*.png; } > "$work/sources.txt"
i=0
while read -r f; do
  d="$work/net/c$((i % 8))/image"; mkdir -p "$d"
  ln "$f" "$d/$i.png" 2>/dev/null || cp "$f" "$d/$i.png"
  echo "$d/$i.png"
  i=$((i + 1))
done < "$work/sources.txt" > "$work/list.txt"
n=$(wc -l < "$work/list.txt")
bytes=$(du -sb --apparent-size "$work/net" | cut -f1)
split -n l/2 -d "$work/list.txt" "$work/half."   # half.00, half.01 for the 2-process peers

# The C loops, built as SwiftPM builds the shim in release (clang -O2).
cc=${CC:-$(command -v clang || echo cc)}
"$cc" -O2 -o "$work/bin/png_decode_loop" "$here/Benchmarks/png_decode_loop.c" -lpng16
"$cc" -O2 -DASSAY_SHIM -I"$here/Sources/CImageShim/include" -I"$here/Sources/CImageShim" \
  -o "$work/bin/png_shim_loop" "$here/Benchmarks/png_decode_loop.c" "$here"/Sources/CImageShim/*.c \
  -lpng16 -ljpeg -lwebp -lwebpdemux -ltiff -lz -lm

# Assay, release build (SKIP_ASSAY=1 measures the peers only).
assay=""
if [ "${SKIP_ASSAY:-0}" != 1 ]; then
  . "$here/Benchmarks/lib.sh"
  if assay=$(assay_binary "$here" 2> "$work/build.log"); then
    if ! "$assay" run --help > /dev/null 2>&1; then
      echo "this assay has no 'run' command yet: Assay rows skipped" >&2
      assay=""
    fi
  else
    echo "swift build failed (see $work/build.log): Assay rows skipped" >&2
  fi
fi
cat > "$work/assay.yml" <<YML
version: 1
limits: { quotas: false, max_file_bytes: 100MB }
modalities: { image: {} }
pipeline:
  - use: image-check
ledger: $work/assay.sqlite
YML

xargs -d '\n' cat < "$work/list.txt" > /dev/null   # warm the page cache for every tool

# median_of RUNS runs of a command: prints "wall_s peak_kb cpu_s" (median wall, largest RSS, median
# user + system CPU; CPU time tells what the work costs when the machine is shared and busy).
# BEFORE, when set, runs before each run, untimed.
median_of() {
  local walls=() cpus=() peak=0 wall kb user sys
  for _ in $(seq "$runs"); do
    if [ -n "${BEFORE:-}" ]; then eval "$BEFORE"; fi
    /usr/bin/time -f "%e %M %U %S" -o "$work/time.txt" "$@" > "$work/out.txt" 2>&1 || true
    read -r wall kb user sys < <(tail -n 1 "$work/time.txt")
    walls+=("$wall")
    cpus+=("$(echo "$user + $sys" | bc -l)")
    [ "$kb" -gt "$peak" ] && peak=$kb
  done
  local middle=$(( (runs + 1) / 2 ))
  printf '%s %s %s\n' "$(printf '%s\n' "${walls[@]}" | sort -g | sed -n "${middle}p")" "$peak" \
    "$(printf '%s\n' "${cpus[@]}" | sort -g | sed -n "${middle}p")"
}

# The 2-process peers: each half of the list in its own process, at the same time.
two() { "$@" "$work/half.00" & "$@" "$work/half.01" & wait; }
pngcheck_all() { xargs -d '\n' -s 1000000 -a "$1" pngcheck -q > /dev/null 2>&1 || true; }
export work
export -f two pngcheck_all

declare -A wall peak cpu
record() { read -r "wall[$1]" "peak[$1]" "cpu[$1]" < <(median_of "${@:2}"); }
record c1 "$work/bin/png_decode_loop" "$work/list.txt"
record c2 bash -c "two '$work/bin/png_decode_loop'"
record s1 "$work/bin/png_shim_loop" "$work/list.txt"
record s2 bash -c "two '$work/bin/png_shim_loop'"
# pngcheck -q: one process over every file (xargs keeps it to one: the list fits one command line).
record p1 bash -c "pngcheck_all '$work/list.txt'"
record p2 bash -c "two pngcheck_all"
if [ -n "$assay" ]; then
  for jobs in 1 2; do
    BEFORE="rm -f '$work/assay.sqlite'* '$work/verdicts.jsonl'" \
      record "a$jobs" "$assay" run --config "$work/assay.yml" --ledger "$work/assay.sqlite" \
        --verdicts "$work/verdicts.jsonl" --jobs "$jobs" "$work/net"
  done
  accepted=$(grep -c '"accepted"' "$work/verdicts.jsonl" || true)
  rejected=$(grep -c '"rejected"' "$work/verdicts.jsonl" || true)
fi

printf '\n%d PNG files, %.1f MB: every PNG under /usr/share and PngSuite\n' "$n" "$(echo "$bytes/1000000" | bc -l)"
printf '%-44s %7s %7s %9s %7s %8s %9s %9s\n' tool "wall s" "cpu s" "files/s" "MB/s" "peak MB" "vs C loop" "vs pngcheck"
row() { # label key reference-key-for-C-loop
  local w=${wall[$2]} kb=${peak[$2]}
  printf '%-44s %7.2f %7.2f %9.0f %7.2f %8.1f %8.2fx %8.2fx\n' "$1" "$w" "${cpu[$2]}" "$(echo "$n/$w" | bc -l)" \
    "$(echo "$bytes/1000000/$w" | bc -l)" "$(echo "$kb/1024" | bc -l)" \
    "$(echo "${wall[$3]}/$w" | bc -l)" "$(echo "${wall[p1]}/$w" | bc -l)"
}
row "C libpng decode loop, 1 process" c1 c1
row "C libpng decode loop, 2 processes" c2 c2
row "C loop through Assay's png shim, 1 process" s1 c1
row "C loop through Assay's png shim, 2 processes" s2 c2
row "pngcheck -q, 1 process" p1 c1
row "pngcheck -q, 2 processes" p2 c2
if [ -n "$assay" ]; then
  row "assay run image-check, --jobs 1" a1 c1
  row "assay run image-check, --jobs 2" a2 c2
  printf 'assay verdicts: %s accepted, %s rejected\n' "$accepted" "$rejected"
fi
printf '(ratios of files/s by wall time; "vs C loop": the same number of processes or jobs;\n'
printf ' "vs pngcheck": its 1-process run; cpu s: user + system of every process.)\n'
printf 'targets: assay --jobs 2 >= 2x pngcheck files/s; assay >= 0.80x the C loop per core.\n'

# The bomb: 30000 x 30000 1-bit grey of zeros, about 110 KB; refused from its header.
python3 - "$work/bomb/c0/image" <<'PY'
import os, struct, sys, zlib
out = sys.argv[1]; os.makedirs(out, exist_ok=True)
def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
w = h = 30000
z = zlib.compressobj(9); row = b"\0" * (1 + (w + 7) // 8)
idat = b"".join(z.compress(row) for _ in range(h)) + z.flush()
with open(os.path.join(out, "bomb.png"), "wb") as f:
    f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 1, 0, 0, 0, 0))
            + chunk(b"IDAT", idat) + chunk(b"IEND", b""))
PY
bomb="$work/bomb/c0/image/bomb.png"
echo "$bomb" > "$work/bomb.txt"
for _ in $(seq 1000); do echo "$bomb"; done > "$work/bomb1000.txt"
printf '\nbomb: %s, %d bytes, 30000 x 30000\n' "$bomb" "$(stat -c %s "$bomb")"
read -r bw bkb _ < <(runs=1 median_of "$work/bin/png_shim_loop" "$work/bomb1000.txt")
printf '  C loop through the shim, 1000 times: %.3f ms per refusal (reading the file included), peak %.1f MB\n' \
  "$(echo "$bw" | awk '{print $1}')" "$(echo "$bkb/1024" | bc -l)"
read -r bw bkb _ < <(runs=1 median_of "$work/bin/png_decode_loop" "$work/bomb.txt")
printf '  bare C decode loop (no limits, decodes all 900 Mpx): %.3f s, peak %.1f MB\n' "$bw" "$(echo "$bkb/1024" | bc -l)"
if [ -n "$assay" ]; then
  rm -f "$work/bomb.sqlite"*
  read -r bw bkb _ < <(runs=1 median_of "$assay" run --config "$work/assay.yml" --ledger "$work/bomb.sqlite" \
    --verdicts "$work/bomb.jsonl" --jobs 1 "$work/bomb")
  printf '  assay run (whole process: start, config, ledger): %.3f s, peak %.1f MB; verdict: %s\n' "$bw" \
    "$(echo "$bkb/1024" | bc -l)" "$(grep -o '"png\.[a-z_]*"' "$work/bomb.jsonl" | head -n 1)"
fi
