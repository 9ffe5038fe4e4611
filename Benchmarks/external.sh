#!/usr/bin/env bash
# Cost of the external-plugin protocol, side by side in one run on the same text files: `assay run`
# with no stage, with an external plugin that answers "pass" at once (the protocol alone), with
# samples/plugins/pii_screen.py, and pii_screen's own work in one Python process without Assay
# (the floor for the plugin). Prints wall time, files/s, peak RSS and the per-file overhead.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
work=${BENCH_WORK:-/tmp/assay-bench/external}
jobs=${JOBS:-2}
copies=${COPIES:-4}
rm -rf "$work" && mkdir -p "$work/net"

# Real text: every copyright file and licence on the machine, $copies times, as 8 contributors.
find /usr/share/doc -name copyright -type f 2>/dev/null | sort > "$work/sources.txt"
find /usr/share/common-licenses -type f | sort >> "$work/sources.txt"
i=0
for copy in $(seq "$copies"); do
  while read -r f; do
    d="$work/net/c$((i % 8))/text"; mkdir -p "$d"
    # A copy differs by one line, so every file is judged (no help from identical content).
    { echo "copy $copy of $f"; cat "$f"; } > "$d/$i.txt"
    i=$((i + 1))
  done < "$work/sources.txt"
done
n=$(find "$work/net" -type f | wc -l)
bytes=$(du -sb --apparent-size "$work/net" | cut -f1)

cat > "$work/null_plugin.py" <<'PY'
import sys
sys.stdin.readline()
sys.stdout.write('{"ready": true}\n'); sys.stdout.flush()
for line in sys.stdin:
    i = line.index('"id":') + 5
    j = line.index(',', i)
    sys.stdout.write('{"id": %s, "verdict": "pass"}\n' % line[i:j]); sys.stdout.flush()
PY
cp "$here/samples/plugins/pii_screen.py" "$work/pii_screen.py"
cat > "$work/pii_alone.py" <<'PY'
# pii_screen's own work on every file, in one process, no Assay: read, decode, two regex scans.
import importlib.util, json, sys
spec = importlib.util.spec_from_file_location("pii", sys.argv[1]); pii = importlib.util.module_from_spec(spec); spec.loader.exec_module(pii)
config = pii.settings({"max_emails": 0, "max_phones": 0})
rejected = 0
for number, path in enumerate(open(sys.argv[2]).read().split("\n")):
    if path:
        rejected += pii.judge({"id": number, "path": path}, config)["verdict"] == "reject"
print("rejected", rejected)
PY
find "$work/net" -type f | sort > "$work/files.txt"

config() {  # $1 name, $2 pipeline yaml
  cat > "$work/$1.yml" <<YML
version: 1
limits: { quotas: false, max_file_bytes: 100MB }
pipeline: $2
ledger: $work/$1.sqlite
YML
}
config none "[]"
config null "[{use: external, with: {name: nul, command: [python3, null_plugin.py], modalities: [text], workers: $jobs}}]"
config pii "[{use: external, with: {name: pii, command: [python3, pii_screen.py], modalities: [text], workers: $jobs, options: {max_emails: 0, max_phones: 0}}}]"

(cd "$here" && swift build -c release --product assay >/dev/null)
assay="$here/.build/release/assay"
xargs cat < "$work/files.txt" > /dev/null   # warm the page cache

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
read -r none_s none_kb none_u none_sys < <(time_of "$assay" run --quiet --config "$work/none.yml" --jobs "$jobs" "$work/net")
read -r null_s null_kb null_u null_sys < <(time_of "$assay" run --quiet --config "$work/null.yml" --jobs "$jobs" "$work/net")
read -r pii_s pii_kb pii_u pii_sys < <(time_of "$assay" run --quiet --config "$work/pii.yml" --jobs "$jobs" --verdicts "$work/pii.jsonl" "$work/net")
read -r alone_s alone_kb alone_u alone_sys < <(time_of python3 "$work/pii_alone.py" "$work/pii_screen.py" "$work/files.txt")
alone_rejected=$(awk '{print $2}' "$work/out.txt")
assay_rejected=$(grep -c '"verdict":"rejected"' "$work/pii.jsonl" || true)

printf '\n%d text files, %.1f MB (copyright files and licences of this machine, %d copies), --jobs %s\n' "$n" "$(echo "$bytes/1000000" | bc -l)" "$copies" "$jobs"
printf '%-52s %8s %8s %10s %10s\n' run "wall s" "cpu s" "files/s" "peak MB"
row() { printf '%-52s %8.2f %8.2f %10.0f %10.1f\n' "$1" "$2" "$(echo "$4+$5" | bc -l)" "$(echo "$n/$2" | bc -l)" "$(echo "$3/1024" | bc -l)"; }
row "assay run, no stage" "$none_s" "$none_kb" "$none_u" "$none_sys"
row "assay run, external null plugin (protocol only)" "$null_s" "$null_kb" "$null_u" "$null_sys"
row "assay run, external pii_screen.py" "$pii_s" "$pii_kb" "$pii_u" "$pii_sys"
row "python3 pii_screen judge() loop, 1 process, no Assay" "$alone_s" "$alone_kb" "$alone_u" "$alone_sys"
printf 'protocol overhead per file (null plugin minus no stage): %.0f us of CPU (Assay and plugin), %.0f us of wall x jobs\n' \
  "$(echo "($null_u+$null_sys-$none_u-$none_sys)*1000000/$n" | bc -l)" "$(echo "($null_s-$none_s)*1000000*$jobs/$n" | bc -l)"
printf 'pii_screen through Assay minus no stage: %.2f cpu s; pii_screen alone: %.2f cpu s\n' \
  "$(echo "$pii_u+$pii_sys-$none_u-$none_sys" | bc -l)" "$(echo "$alone_u+$alone_sys" | bc -l)"
printf 'ratio assay+pii_screen (--jobs %s) / pii_screen alone (1 process): %.2fx wall\n' "$jobs" "$(echo "$pii_s/$alone_s" | bc -l)"
echo "(the machine may be shared: cpu s is steadier than wall s)"
printf 'rejected: assay %s, pii_screen alone %s (must match)\n' "$assay_rejected" "$alone_rejected"
