#!/usr/bin/env python3
"""Makes a datanet of real files for looking at the report: CONTRIBUTORS/{text,image,audio}/...

Text is windows of rendered man pages and /usr/share/doc copyright files (some cut short, some
copied from another contributor), images are PNG icons from /usr/share/icons (some truncated with
a few bytes cut), audio is espeak-ng speech (some with noise from sox). Twenty files per
contributor (the default daily limit), with modification times spread over the last 30 days.

Usage: make_demo_datanet.py --out DIR --contributors N [--seed 7]
Needs man-db, espeak-ng and sox (Debian packages; .ci/install-deps installs them).
"""
import argparse
import glob
import os
import random
import subprocess
import time

parser = argparse.ArgumentParser()
parser.add_argument("--out", required=True)
parser.add_argument("--contributors", type=int, required=True)
parser.add_argument("--seed", type=int, default=7)
args = parser.parse_args()
rng = random.Random(args.seed)
os.makedirs(args.out, exist_ok=True)
pool = args.out.rstrip("/") + ".pool"
os.makedirs(pool, exist_ok=True)

# Text pool: man pages rendered to plain text, and copyright files.
pages = sorted(os.path.basename(p).split(".")[0] for p in glob.glob("/usr/share/man/man1/*.1.gz"))
rng.shuffle(pages)
texts = []
for name in pages[:120]:
    out = subprocess.run(["man", "-P", "cat", name], capture_output=True, text=True,
                         env={**os.environ, "MANWIDTH": "80", "MAN_KEEP_FORMATTING": ""}).stdout
    out = subprocess.run(["col", "-b"], input=out, capture_output=True, text=True).stdout
    if len(out.split()) > 200:
        texts.append(out.splitlines())
for path in sorted(glob.glob("/usr/share/doc/*/copyright"))[:200]:
    with open(path, errors="replace") as f:
        texts.append(f.read().splitlines())

icons = sorted(glob.glob("/usr/share/icons/**/*.png", recursive=True))
rng.shuffle(icons)

sentences = [
    "The weather today is clear with a light wind from the west.",
    "Please remember to bring the signed forms to the front desk.",
    "Our train leaves at half past nine from platform four.",
    "The library will be closed on Monday for the public holiday.",
    "Add two cups of flour and stir until the dough is smooth.",
    "The committee will announce the results at the end of the week.",
    "Turn left at the second light and the museum is on your right.",
    "It has been raining all night and the river is very high.",
]
voices = ["en", "en-us", "en-gb-x-rp", "en-sc"]
clips = []
for i in range(24):
    wav = os.path.join(pool, f"speech-{i}.wav")
    if not os.path.exists(wav):
        subprocess.run(["espeak-ng", "-v", voices[i % len(voices)], "-s", str(140 + 10 * (i % 5)), "-w", wav,
                        sentences[i % len(sentences)] + " " + sentences[(i * 3 + 1) % len(sentences)]], check=True)
        if i % 6 == 5:  # noisy room: mix in pink noise
            noisy = wav + ".noisy.wav"
            subprocess.run(["sox", wav, noisy, "synth", "pinknoise", "mix", "vol", "0.9"], check=True, capture_output=True)
            os.replace(noisy, wav)
    clips.append(wav)

now = time.time()
icon_at = 0
made = 0
for c in range(args.contributors):
    who = f"contributor-{c:05d}"
    days = sorted(rng.sample(range(30), 6))
    plan = ["text"] * 12 + ["image"] * 6 + ["audio"] * 2
    for n, modality in enumerate(plan):
        folder = os.path.join(args.out, who, modality)
        os.makedirs(folder, exist_ok=True)
        if modality == "text":
            lines = rng.choice(texts)
            start = rng.randrange(0, max(1, len(lines) - 40))
            window = lines[start:start + rng.choice([8, 40, 120, 400])]
            body = "\n".join(window) + "\n"
            if rng.random() < 0.03:
                body = "buy now " * 300  # spam
            path = os.path.join(folder, f"doc-{n}.txt")
            with open(path, "w") as f:
                f.write(body)
        elif modality == "image":
            source = icons[icon_at % len(icons)]
            icon_at += 1
            with open(source, "rb") as f:
                data = f.read()
            if rng.random() < 0.04:
                data = data[: max(40, len(data) - rng.randrange(5, 200))]  # cut short
            path = os.path.join(folder, f"icon-{n}.png")
            with open(path, "wb") as f:
                f.write(data)
        else:
            source = rng.choice(clips)
            path = os.path.join(folder, f"clip-{n}.wav")
            with open(source, "rb") as f:
                data = f.read()
            with open(path, "wb") as f:
                f.write(data)
        t = now - days[n % len(days)] * 86400 - rng.uniform(0, 3600)
        os.utime(path, (t, t))
        made += 1
print(f"made {made} files for {args.contributors} contributors in {args.out}")
