#!/usr/bin/env bash
# image-check's near-duplicate lookup as the index grows: the same 10,000 lookups (half new
# pictures, half copies of indexed ones with 4 of 64 bits changed) against 100,000 and 1,000,000
# indexed perceptual hashes (each image filed under its upright and its inner, crop-finding, hash),
# every symmetry probed at the shipped distance (8 bits) and every candidate confirmed. Prints CPU
# µs per lookup at each size, the ratio between them, and peak RSS.
# The hashes are uniform random: real ones cluster, which fills some buckets more.
#
# Environment: QUERIES (10000).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
queries=${QUERIES:-10000}
swift build -c release --package-path "$here" --product assay-index-bench >/dev/null
bench="$here/.build/release/assay-index-bench"
declare -A micro
for count in 100000 1000000; do
  line=$(/usr/bin/time -f "peak RSS %M KB" "$bench" "$count" "$queries" 2>/tmp/png-near-dup.time)
  echo "$line; $(cat /tmp/png-near-dup.time)"
  micro[$count]=$(sed -E 's/.* = ([0-9.]+) µs each.*/\1/' <<<"$line")
done
echo "lookup cost 1M / 100k: $(echo "scale=2; ${micro[1000000]} / ${micro[100000]}" | bc)x for 10x the images"
