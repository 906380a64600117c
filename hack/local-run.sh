#!/usr/bin/env bash
# Runs a real measurement on this machine in local mode: emulated nodes in network namespaces,
# real CNI plugins, a real shim per node, real control pods. Installs what it needs, builds
# netmark, then runs a config (default: configs/network-ready-latency.yaml on 3 nodes).
# Usage (as root): hack/local-run.sh [CONFIG] [netmark run options, e.g. --nodes 10 --set PODS_PER_NODE=30]
set -euo pipefail
# shellcheck source=SCRIPTDIR/lib.sh
source "$(dirname "$0")/lib.sh"

require_root "hack/local-run.sh"
ensure_packages "${RUNTIME_PACKAGES[@]}"
use_java25

config="$NETMARK_ROOT/configs/network-ready-latency.yaml"
if [ $# -gt 0 ] && [ "${1#-}" = "$1" ]; then
  config="$1"
  shift
fi
[ -f "$config" ] || die "no such config: $config"
# A report directory of its own unless the caller names one (netmark refuses the option twice).
report_dir=(--report-dir "$NETMARK_ROOT/reports/$(basename "$config" .yaml)-$(date -u +%Y%m%dT%H%M%SZ)")
for arg in "$@"; do
  case "$arg" in
    --report-dir | --report-dir=*) report_dir=() ;;
  esac
done
exec "$NETMARK_ROOT/hack/netmark" run "$config" --provider local "${report_dir[@]}" "$@"
