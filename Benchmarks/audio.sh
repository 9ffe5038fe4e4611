#!/usr/bin/env bash
# Audio validation throughput, side by side in one run, on ~500 espeak-ng speech files:
#   - assay run with the audio-check stage (read once, SHA-256, libmagic, libsndfile decode of every
#     frame, levels, silence, WADA-SNR, PCM fingerprint and duplicate index, ledger);
#   - `sox FILE -n stat` per file (one process per file; decode plus level statistics);
#   - a Python loop (soundfile + numpy from PyPI, in a venv this script makes) computing the same
#     metrics as audio-check: duration, peak/RMS dBFS, clipping, 25 ms silence windows with
#     leading/trailing silence, DC offset, WADA-SNR with the same table, and the 16-bit PCM hash
#     for duplicates.
# Prints one table with wall time, files/s, peak RSS and ratios, then checks that Assay's metrics
# agree with the Python loop's on every file.
#
# Environment: BENCH_WORK (default /tmp/assay-bench/audio), FILES (500), JOBS (2: both cores),
# SKIP_ASSAY=1 to time only the peers (when the CLI is not built), ASSAY_BIN to measure a built assay
# instead of building one (release), PIP_INDEX_URL as usual for pip.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
work=${BENCH_WORK:-/tmp/assay-bench/audio}
files=${FILES:-500}
jobs=${JOBS:-2}
for tool in espeak-ng sox python3 /usr/bin/time bc; do
  command -v "$tool" > /dev/null || { echo "audio.sh needs $tool" >&2; exit 2; }
done
rm -rf "$work/net" "$work/out" && mkdir -p "$work/net" "$work/out"

# --- corpus: FILES speech files, varied text, speed and pitch, laid out CONTRIBUTOR/audio/N.wav ---
python3 - "$files" "$jobs" "$work/net" <<'PY'
import os, random, subprocess, sys
from concurrent.futures import ThreadPoolExecutor
count, jobs, net = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
random.seed(7)
subjects = ["the old sailor", "a quiet student", "my neighbour", "the small robot", "our teacher", "a tired runner",
            "the city council", "every farmer", "the young doctor", "a curious child", "the night train", "this river"]
verbs = ["carried", "described", "painted", "repaired", "measured", "followed", "remembered", "explained", "counted", "watched"]
objects = ["seven wooden boxes", "the northern lights", "a broken clock", "the morning news", "forty green bottles",
           "the winding road", "an empty theatre", "the summer rain", "three silver keys", "a distant island"]
tails = ["before the sun went down", "without saying a word", "in the middle of winter", "for nearly an hour",
         "while the band was playing", "after a long journey", "as the bells rang twice", "with great care"]
jobs_list = []
for i in range(count):
    text = " ".join(f"{random.choice(subjects).capitalize()} {random.choice(verbs)} {random.choice(objects)} {random.choice(tails)}."
                    for _ in range(random.randint(1, 3)))
    folder = os.path.join(net, f"c{i % 8}", "audio")
    os.makedirs(folder, exist_ok=True)
    jobs_list.append(["espeak-ng", "-s", str(random.randint(140, 200)), "-p", str(random.randint(25, 75)),
                      "-w", os.path.join(folder, f"{i}.wav"), text])
with ThreadPoolExecutor(jobs) as pool:
    for result in pool.map(lambda command: subprocess.run(command, check=True), jobs_list):
        pass
PY
find "$work/net" -name '*.wav' -type f | sort > "$work/list.txt"
n=$(wc -l < "$work/list.txt")
bytes=$(du -sb --apparent-size "$work/net" | cut -f1)
seconds=$(python3 -c "import sys,wave
t=0
for p in open(sys.argv[1]).read().split():
    w=wave.open(p); t+=w.getnframes()/w.getframerate()
print(round(t,1))" "$work/list.txt")

# --- the Python loop, in its own venv with soundfile and numpy from PyPI ---
if [ ! -x "$work/venv/bin/python" ]; then
  python3 -m venv "$work/venv"
  "$work/venv/bin/pip" install --quiet --disable-pip-version-check soundfile numpy
fi
cat > "$work/reference.py" <<'PY'
"""The audio-check metrics, one file at a time, with soundfile and numpy (vectorised)."""
import hashlib, struct, sys
import numpy as np
import soundfile as sf

# WADA-SNR lookup (Kim & Stern 2008; D. Ellis, snreval WADA_SNR.m): G for -20..100 dB.
G = np.array([
    0.40974774, 0.40986926, 0.40998566, 0.40969089, 0.40986186, 0.40999006, 0.41027138, 0.41052627,
    0.41101024, 0.41143264, 0.41231718, 0.41337272, 0.41526426, 0.41781920, 0.42077252, 0.42452799,
    0.42918886, 0.43510373, 0.44234195, 0.45161485, 0.46221153, 0.47491647, 0.48883809, 0.50509236,
    0.52353709, 0.54372088, 0.56532427, 0.58847532, 0.61346212, 0.63954496, 0.66750818, 0.69583724,
    0.72454762, 0.75414799, 0.78323148, 0.81240985, 0.84219775, 0.87166406, 0.90030504, 0.92880418,
    0.95655449, 0.98353490, 1.01047155, 1.03620950, 1.06136425, 1.08579312, 1.10948190, 1.13277995,
    1.15472826, 1.17627308, 1.19703503, 1.21671694, 1.23535898, 1.25364313, 1.27103891, 1.28718029,
    1.30302865, 1.31839527, 1.33294817, 1.34700935, 1.36057270, 1.37345513, 1.38577122, 1.39733504,
    1.40856397, 1.41959619, 1.42983624, 1.43958467, 1.44902176, 1.45804831, 1.46669568, 1.47486938,
    1.48269965, 1.49034339, 1.49748214, 1.50435106, 1.51076426, 1.51698915, 1.52290970, 1.52857800,
    1.53389835, 1.53912110, 1.54390650, 1.54858517, 1.55310776, 1.55744391, 1.56164927, 1.56566348,
    1.56938671, 1.57307767, 1.57654764, 1.57980083, 1.58304129, 1.58602496, 1.58880681, 1.59162477,
    1.59419690, 1.59693155, 1.59944600, 1.60185011, 1.60408668, 1.60627134, 1.60826199, 1.61004547,
    1.61192472, 1.61369656, 1.61534074, 1.61688905, 1.61838916, 1.61985374, 1.62135878, 1.62268119,
    1.62390423, 1.62513143, 1.62632463, 1.62740270, 1.62842767, 1.62945532, 1.63033070, 1.63128026,
    1.63204102])

def db(x, floor=-200.0):
    return max(floor, 10 * np.log10(x)) if x > 0 else floor

def wada(flat):
    a = np.abs(flat[flat != 0]).astype(np.float64)          # exact zeros ignored, as in audio-check
    if a.size == 0:
        return None
    g = np.log(a.mean()) - np.log(a).mean()
    below = np.nonzero(G < g)[0]
    if below.size == 0:
        return -20.0
    i = int(below.max())
    if i == len(G) - 1:
        return 100.0
    return -20.0 + i + (g - G[i]) / (G[i + 1] - G[i])

def measure(path):
    x, rate = sf.read(path, dtype="float32", always_2d=True)
    frames, channels = x.shape
    flat = x.reshape(-1)
    x64 = x.astype(np.float64)
    squares = (x64 * x64).sum(axis=1)                          # per frame, over channels
    win = max(1, round(0.025 * rate))
    edges = np.arange(0, frames, win)
    window_power = np.add.reduceat(squares, edges) / (np.minimum(edges + win, frames) - edges) / channels
    loud = np.nonzero(window_power >= 1e-6)[0]                 # -60 dBFS
    silent_frames = (np.minimum(edges + win, frames) - edges)[window_power < 1e-6].sum()
    lead = edges[loud[0]] if loud.size else frames
    trail = frames - min(edges[loud[-1]] + win, frames) if loud.size else frames
    q = np.clip(np.rint(flat * 32768.0), -32768, 32767).astype("<i2")
    digest = hashlib.sha256(struct.pack("<II", rate, channels) + q.tobytes()).hexdigest()
    return {
        "seconds": frames / rate, "sample_rate": rate, "channels": channels,
        "peak_dbfs": db(float(np.abs(flat).max()) ** 2) if frames else -200.0,
        "rms_dbfs": db(float(squares.sum()) / flat.size) if frames else -200.0,
        "clipping": float(np.count_nonzero(np.abs(flat) >= 0.999)) / flat.size,
        "silence": float(silent_frames) / frames,
        "lead_silence_s": lead / rate, "trail_silence_s": trail / rate,
        "dc_offset": float(np.abs(x64.mean(axis=0)).max()),
        "snr_db": wada(flat), "hash": digest,
    }

seen = set()
with open(sys.argv[2], "w") as out:
    for path in open(sys.argv[1]).read().split("\n"):
        if not path:
            continue
        m = measure(path)
        reasons = []
        if not 1 <= m["seconds"] <= 30: reasons.append("length")
        if m["peak_dbfs"] < -30: reasons.append("peak_low")
        if m["rms_dbfs"] < -50: reasons.append("rms_low")
        if m["rms_dbfs"] > -3: reasons.append("rms_high")
        if m["clipping"] > 0.001: reasons.append("clipping")
        if m["silence"] > 0.5: reasons.append("silence")
        if m["dc_offset"] > 0.05: reasons.append("dc_offset")
        if m["snr_db"] is not None and m["snr_db"] < 10: reasons.append("snr_low")
        if not reasons and m["hash"] in seen: reasons.append("dup_exact")
        if not reasons: seen.add(m["hash"])
        out.write("\t".join([path, "accepted" if not reasons else "rejected", ",".join(reasons)] +
                            [f"{k}={m[k]}" for k in sorted(m) if k != "hash"]) + "\n")
PY

cat "$work/list.txt" | xargs cat > /dev/null   # warm the page cache for every tool
# wall s, CPU s (user + system: fair when other work shares the machine), peak RSS KB
time_of() { /usr/bin/time -f "%e %U %S %M" -o "$work/time.txt" "$@" > "$work/out/last.txt" 2>&1
            read -r e u s m < "$work/time.txt"; echo "$e $(echo "$u + $s" | bc -l) $m"; }

read -r py_s py_cpu py_kb < <(time_of "$work/venv/bin/python" "$work/reference.py" "$work/list.txt" "$work/out/python.tsv")
read -r sox1_s sox1_cpu sox1_kb < <(time_of xargs -P 1 -I{} sox {} -n stat < "$work/list.txt")
read -r soxn_s soxn_cpu soxn_kb < <(time_of xargs -P "$jobs" -I{} sox {} -n stat < "$work/list.txt")

if [ "${SKIP_ASSAY:-0}" != 1 ]; then
  cat > "$work/audio.yml" <<YML
version: 1
limits: { quotas: false, max_file_bytes: 100MB }
modalities: { audio: {} }
pipeline:
  - use: audio-check
ledger: $work/audio.sqlite
YML
  . "$here/Benchmarks/lib.sh"
  assay=$(assay_binary "$here")
  rm -f "$work/audio.sqlite"*
  read -r assay_s assay_cpu assay_kb < <(time_of "$assay" run --quiet --config "$work/audio.yml" --ledger "$work/audio.sqlite" \
                                 --verdicts "$work/out/assay.jsonl" --jobs "$jobs" "$work/net")
  rm -f "$work/audio.sqlite"*
  read -r assay1_s assay1_cpu assay1_kb < <(time_of "$assay" run --quiet --config "$work/audio.yml" --ledger "$work/audio.sqlite" \
                                   --verdicts "$work/out/assay1.jsonl" --jobs 1 "$work/net")
fi

printf '\n%d espeak-ng speech files (22050 Hz, 16-bit mono), %.1f MB, %.0f s of audio\n' \
  "$n" "$(echo "$bytes/1000000" | bc -l)" "$seconds"
printf '%-50s %7s %7s %9s %9s %8s\n' tool "wall s" "CPU s" "files/s" "audio x" "peak MB"
row() { printf '%-50s %7.2f %7.2f %9.0f %9.0f %8.1f\n' "$1" "$2" "$3" "$(echo "$n/$2" | bc -l)" "$(echo "$seconds/$2" | bc -l)" "$(echo "$4/1024" | bc -l)"; }
row "python loop: soundfile + numpy, same metrics" "$py_s" "$py_cpu" "$py_kb"
row "sox FILE -n stat, one process per file, -P 1" "$sox1_s" "$sox1_cpu" "$sox1_kb"
row "sox FILE -n stat, one process per file, -P $jobs" "$soxn_s" "$soxn_cpu" "$soxn_kb"
if [ "${SKIP_ASSAY:-0}" != 1 ]; then
  row "assay run, audio-check, --jobs 1" "$assay1_s" "$assay1_cpu" "$assay1_kb"
  row "assay run, audio-check, --jobs $jobs" "$assay_s" "$assay_cpu" "$assay_kb"
  ratio() { printf '%-44s %6.2fx files/s (wall)  %6.2fx files per CPU-second\n' "$1" "$(echo "$2/$3" | bc -l)" "$(echo "$4/$5" | bc -l)"; }
  ratio "assay --jobs $jobs vs python loop (target 5x):" "$py_s" "$assay_s" "$py_cpu" "$assay_cpu"
  ratio "assay --jobs 1 vs python loop:" "$py_s" "$assay1_s" "$py_cpu" "$assay1_cpu"
  ratio "assay --jobs $jobs vs sox -P $jobs:" "$soxn_s" "$assay_s" "$soxn_cpu" "$assay_cpu"
  echo "(with other work on the machine, wall ratios understate; the CPU ratios do not depend on load)"

  # Same metrics? Compare every file's numbers and verdicts between Assay and the Python loop.
  "$work/venv/bin/python" - "$work/out/python.tsv" "$work/out/assay.jsonl" "$work/net" <<'PY'
import json, os, sys
ref = {}
for line in open(sys.argv[1]):
    path, verdict, reasons, *metrics = line.rstrip("\n").split("\t")
    ref[os.path.relpath(path, sys.argv[3])] = (verdict, {k: v for k, v in (m.split("=", 1) for m in metrics)})
worst, verdicts_differ, compared = {}, 0, 0
for line in open(sys.argv[2]):
    row = json.loads(line)
    mine = ref.get(row.get("path"))
    if mine is None:
        continue
    compared += 1
    verdicts_differ += (row.get("verdict") != mine[0])
    for key, value in mine[1].items():
        theirs = row.get("metrics", {}).get("audio." + key)
        if value == "None" or theirs is None:
            continue
        worst[key] = max(worst.get(key, 0.0), abs(float(value) - float(theirs)))
print(f"agreement on {compared} files: verdicts differ on {verdicts_differ}; largest metric differences: " +
      ", ".join(f"{k} {v:.2g}" for k, v in sorted(worst.items())))
PY
fi
