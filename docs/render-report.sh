#!/usr/bin/env bash
# Looks at the report in a real browser: runs Assay on samples/, writes the HTML report, renders it
# with headless Chromium (Debian's `chromium` package) to docs/report.png, and fails if the page
# logged any console error. Usage: docs/render-report.sh
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
work=${WORK:-/tmp/assay-report}
rm -rf "$work" && mkdir -p "$work"
command -v chromium >/dev/null || { sudo=""; [ "$(id -u)" = 0 ] || sudo=sudo; $sudo apt-get install -y -qq chromium >/dev/null; }
cd "$here"
swift build --product assay >/dev/null
assay=.build/debug/assay
$assay run --quiet --config samples/assay.yml --ledger "$work/ledger.sqlite" samples
$assay report --ledger "$work/ledger.sqlite" --out "$work/report.html"
chromium --headless=new --no-sandbox --disable-gpu --hide-scrollbars --window-size=1200,2600 \
  --enable-logging=stderr --v=0 --screenshot="$here/docs/report.png" "file://$work/report.html" 2> "$work/chromium.log" || true
test -s "$here/docs/report.png" || { echo "no screenshot"; cat "$work/chromium.log"; exit 1; }
if grep -E "CONSOLE|Uncaught|ERROR:.*(console|script)" "$work/chromium.log" | grep -vi "dbus\|gcm\|sandbox\|gpu\|viz" ; then
  echo "render-report: console errors above"; exit 1
fi
echo "render-report: docs/report.png ($(stat -c %s "$here/docs/report.png") bytes), no console errors"
