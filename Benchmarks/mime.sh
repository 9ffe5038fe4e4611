#!/usr/bin/env bash
# MIME sniffing throughput, side by side in one run: `assay run` with no validator stages (read once,
# SHA-256, libmagic sniff, modality check, ledger) against `file --mime-type -f LIST` (libmagic too),
# on every PNG under /usr/share. Prints files/s and the ratio.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
work=${BENCH_WORK:-/tmp/assay-bench/mime}
jobs=${JOBS:-2}
rm -rf "$work" && mkdir -p "$work/net"
find /usr/share -name '*.png' -type f 2>/dev/null | sort > "$work/list.txt"
n=$(wc -l < "$work/list.txt")
# Assay reads a datanet laid out as CONTRIBUTOR/MODALITY/...: hard-link (or copy) the same files there.
i=0
while read -r f; do
  d="$work/net/c$((i % 8))/image"; mkdir -p "$d"
  ln "$f" "$d/$i.png" 2>/dev/null || cp "$f" "$d/$i.png"
  i=$((i + 1))
done < "$work/list.txt"
bytes=$(du -sb --apparent-size "$work/net" | cut -f1)
cat > "$work/mime.yml" <<YML
version: 1
limits: { quotas: false, max_file_bytes: 1GB }
pipeline: []
ledger: $work/mime.sqlite
YML
(cd "$here" && swift build -c release --product assay >/dev/null)
assay="$here/.build/release/assay"
cat "$work/list.txt" | xargs cat > /dev/null   # warm the page cache for both tools

time_of() { /usr/bin/time -f "%e %M" -o "$work/time.txt" "$@" > "$work/out.txt" 2>&1; cat "$work/time.txt"; }
read -r file_s file_kb < <(time_of file --mime-type -f "$work/list.txt")
rm -f "$work/mime.sqlite"*
read -r assay_s assay_kb < <(time_of "$assay" run --quiet --config "$work/mime.yml" --jobs "$jobs" "$work/net")
rm -f "$work/mime.sqlite"*
read -r assay1_s assay1_kb < <(time_of "$assay" run --quiet --config "$work/mime.yml" --jobs 1 "$work/net")

printf '\n%d PNG files, %.1f MB, from /usr/share\n' "$n" "$(echo "$bytes/1000000" | bc -l)"
printf '%-40s %8s %10s %8s %10s\n' tool "wall s" "files/s" "MB/s" "peak MB"
row() { printf '%-40s %8.2f %10.0f %8.1f %10.1f\n' "$1" "$2" "$(echo "$n/$2" | bc -l)" "$(echo "$bytes/1000000/$2" | bc -l)" "$(echo "$3/1024" | bc -l)"; }
row "file --mime-type -f LIST (1 process)" "$file_s" "$file_kb"
row "assay run, MIME only, --jobs 1" "$assay1_s" "$assay1_kb"
row "assay run, MIME only, --jobs $jobs" "$assay_s" "$assay_kb"
printf 'ratio assay(--jobs %s) / file: %.2fx files/s\n' "$jobs" "$(echo "$file_s/$assay_s" | bc -l)"
