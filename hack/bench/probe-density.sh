#!/usr/bin/env bash
# probe-density: the prober at density: local mode, 10 nodes x 30 netperf pods, bridge, created at
# 10/s. Prints the worst probe class's p50 and p99 of probe_<class>, probe_wait, the prober's own
# delay (read - arrival) and the shims' CPU seconds per netperf pod; headline the worst p99 in ms.
# Usage: sudo hack/bench/probe-density.sh  (BENCH_SMOKE=1: 2 nodes x 2 pods). Uses local-mode
# prefix npd, 10.205-208.x.x.
set -euo pipefail
# shellcheck source=SCRIPTDIR/lib.sh
source "$(dirname "$0")/lib.sh"
bench_setup probe-density
bench_java dev.netmark.bench.density.ProbeDensity "$NETMARK_ROOT" "$BENCH_OUT/probe-density"
