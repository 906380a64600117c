#!/usr/bin/env bash
# compare-power: false alarms of `netmark compare` (defaults) over unchanged pairs of paced local
# runs, and its detection rate for a tail regression (netmark-delay adds 500 ms to about 1 CNI ADD
# in 4). Headline: the false-alarm rate in % with three runs a side (docs/reports.md advises that
# for a periodic job), the detection rate beside it; one run a side in the details.
# Usage: sudo hack/bench/compare-power.sh (BENCH_SMOKE=1: one pair each, 1 node, 3 pods;
# COMPARE_CYCLES=N: N pairs of each kind, default 15 (11 unchanged windows of three a side); COMPARE_PODS_PER_NODE=N, default 12;
# COMPARE_WARMUP_PODS_PER_NODE=N warm-up pods a node, default 3; BENCH_RUN_PREFIX="flock FILE":
# before each run).
# Uses local-mode prefix ncw, 10.150-153.x.x.
set -euo pipefail
# shellcheck source=SCRIPTDIR/lib.sh
source "$(dirname "$0")/lib.sh"
bench_setup compare-power
bench_java dev.netmark.bench.compare.ComparePower "$NETMARK_ROOT" "$BENCH_OUT/compare-power"
