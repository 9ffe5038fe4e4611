#!/usr/bin/env bash
# Looks at the report in a real browser: makes a datanet of real files (docs/tools/make_demo_datanet.py:
# man pages, icons, espeak-ng speech; 20 files per contributor), runs Assay on it, writes the HTML
# report, renders it with headless Chromium (Debian's `chromium`) to docs/report.png, and fails if the
# page logged a console error. Prints the page's size.
# Usage: docs/render-report.sh [CONTRIBUTORS (default 16: 320 files)] [HEIGHT (default 2600 px)]
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
contributors=${1:-16}
height=${2:-2600}
work=${WORK:-/tmp/assay-report-$contributors}
rm -rf "$work" && mkdir -p "$work"
command -v chromium >/dev/null || { echo "render-report: needs chromium (.ci/install-deps)"; exit 1; }
cd "$here"
swift build -c release --product assay >/dev/null
assay=.build/release/assay
python3 docs/tools/make_demo_datanet.py --out "$work/net" --contributors "$contributors"
$assay run --quiet --jobs 2 --ledger "$work/ledger.sqlite" "$work/net"
$assay report --ledger "$work/ledger.sqlite" --out "$work/report.html"
chromium --headless=new --no-sandbox --disable-gpu --hide-scrollbars --no-first-run --user-data-dir="$work/profile" \
  --window-size=1200,"$height" --enable-logging=stderr --v=0 --screenshot="$here/docs/report.png" "file://$work/report.html" 2> "$work/chromium.log" || true
test -s "$here/docs/report.png" || { echo "no screenshot"; cat "$work/chromium.log"; exit 1; }
if grep -E "CONSOLE|Uncaught" "$work/chromium.log"; then
  echo "render-report: console errors above"; exit 1
fi
echo "render-report: docs/report.png ($(stat -c %s "$here/docs/report.png") bytes), report.html $(stat -c %s "$work/report.html") bytes, no console errors"
