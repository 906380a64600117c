#!/usr/bin/env bash
# Renders a report dir's report.html in headless Chromium, offline, to a PNG, to look at a report
# on a machine without a desktop or to attach it to a CI job. Installs Debian's chromium if missing.
# Usage: hack/render-report.sh REPORT_DIR [OUT.png]   (default: REPORT_DIR/report.png)
set -euo pipefail
# shellcheck source=SCRIPTDIR/lib.sh
source "$(dirname "$0")/lib.sh"

[ $# -ge 1 ] || die "usage: hack/render-report.sh REPORT_DIR [OUT.png]"
dir="$(cd "$1" && pwd)" || die "no such report directory: $1"
[ -f "$dir/report.html" ] || die "$dir has no report.html: is it the --report-dir of a netmark run?"
out="${2:-$dir/report.png}"
ensure_packages chromium:/usr/bin/chromium

profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT
# No network, no first-run work, no sandbox (root in CI): the page must render from the file alone.
chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --user-data-dir="$profile" --screenshot="$out" --window-size=1280,4000 \
  "file://$dir/report.html" >"$profile/chromium.log" 2>&1 ||
  { cat "$profile/chromium.log" >&2; die "chromium could not render $dir/report.html"; }
[ -s "$out" ] || die "chromium wrote no screenshot to $out"
echo "netmark: rendered $dir/report.html to $out" >&2
