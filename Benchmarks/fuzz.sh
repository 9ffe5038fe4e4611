#!/bin/bash
# Mutation fuzzing of the parsers that untrusted bytes reach, for a fixed time per target:
# image-check (libpng through the setjmp-owning shim; libjpeg-turbo, libwebp, libtiff and the BMP
# reader through theirs, target `pictures`), audio-check (libsndfile: WAV and FLAC),
# text-quality's Markdown scanner with text-pii's scanners, and DOCX extraction (libzip and
# libxml2 through Sources/CDocxShim), each in-process as a run calls it.
#
#   Benchmarks/fuzz.sh                 # 60 s per target
#   FUZZ_SECONDS=600 SEED=7 Benchmarks/fuzz.sh png text
#
# Environment: FUZZ_SECONDS (default 60), SEED (default 1; the same seed makes the same inputs),
# OUT (default /tmp/assay-fuzz), CORPORA (default Tests/Corpora), SLOW (seconds; an input
# slower than this is kept as OUT/TARGET-slow-N.bin, default 1).
#
# A crash ends the target's process: the input that caused it is OUT/TARGET-current.bin and the
# script exits 1. Prints, per target: inputs, inputs/s, the slowest input, inputs kept as slow,
# and the peak RSS of the process (/usr/bin/time), which a forged length would blow up.
#
# Hostile files are made first (python3's zlib, sox) into OUT/hostile and seed the fuzzers: 255
# zTXt chunks of 0.99 MB each, 2 GB of deflated zeros after a 64x64 image, a one-hour FLAC.
# Then `assay check` judges each alone, and the script prints its code, CPU seconds and peak RSS.
set -uo pipefail
REPO=$(cd "$(dirname "$0")/.." && pwd)
SECONDS_PER=${FUZZ_SECONDS:-60}
SEED=${SEED:-1}
OUT=${OUT:-/tmp/assay-fuzz}
SLOW=${SLOW:-1}
CORPORA=${CORPORA:-$REPO/Tests/Corpora}
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(png pictures audio text docx)
mkdir -p "$OUT"

(cd "$REPO" && swift build -c release --product assay-fuzz >&2 && swift build -c release --product assay >&2) || exit 1
BIN=$(cd "$REPO" && swift build -c release --show-bin-path)
FUZZ=$BIN/assay-fuzz

HOSTILE="$OUT/hostile"
mkdir -p "$HOSTILE"
python3 - "$HOSTILE" <<'PY'
import struct, sys, zlib
out = sys.argv[1]
def chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xffffffff)
SIG = b"\x89PNG\r\n\x1a\n"
ihdr = chunk(b"IHDR", struct.pack(">IIBBBBB", 64, 64, 8, 2, 0, 0, 0))
raw = b"".join(b"\x00" + bytes((x * 4 + y) % 256 for x in range(64 * 3)) for y in range(64))
each = b"Comment\x00\x00" + zlib.compress(b"c" * 990_000, 9)
open(out + "/ztxt_many.png", "wb").write(SIG + ihdr + b"".join(chunk(b"zTXt", each) for _ in range(255))
                                         + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))
z = zlib.compressobj(9)
parts = [z.compress(raw)] + [z.compress(b"\x00" * (1 << 24)) for _ in range(128)] + [z.flush()]
open(out + "/idat_zeros_after.png", "wb").write(SIG + ihdr + chunk(b"IDAT", b"".join(parts)) + chunk(b"IEND", b""))
PY
sox -D -n -r 8000 -b 16 -c 1 "$HOSTILE/one_hour.flac" synth 1:00:00 sine 0

status=0
printf '%-9s %9s %9s %10s %6s %10s\n' target inputs inputs/s slowest_s slow peak_MiB
for t in "${targets[@]}"; do
  if ! /usr/bin/time -o "$OUT/$t.time" -f "%M" "$FUZZ" --corpora "$CORPORA" --extra "$HOSTILE" --seconds "$SECONDS_PER" --seed "$SEED" \
       --slow "$SLOW" --out "$OUT" "$t" > "$OUT/$t.out" 2> "$OUT/$t.err"; then
    echo "$t: CRASHED; the input is $OUT/$t-current.bin" >&2
    tail -n 5 "$OUT/$t.err" >&2
    status=1
    continue
  fi
  rss=$(tail -n 1 "$OUT/$t.time")
  tail -n 1 "$OUT/$t.out" | awk -v rss="$rss" '{printf "%-9s %9s %9s %10s %6s %10.0f\n", $1, $2, $3, $4, $5, rss / 1024}'
done

echo
printf '%-22s %-22s %8s %9s\n' hostile_file code cpu_s peak_MiB
for f in "$HOSTILE"/*; do
  /usr/bin/time -o "$OUT/check.time" -f "%U %S %M" "$BIN/assay" check --json "$f" > "$OUT/check.out" 2> /dev/null
  code=$(grep -o '"code":"[^"]*"' "$OUT/check.out" | head -n 1 | cut -d'"' -f4)
  awk -v name="$(basename "$f")" -v code="${code:-accepted}" '{printf "%-22s %-22s %8.2f %9.0f\n", name, code, $1 + $2, $3 / 1024}' <(tail -n 1 "$OUT/check.time")
done
exit $status
