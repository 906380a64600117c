#!/usr/bin/env bash
# engine-scale: heap per pod tracked by the engine with 100,000 pods, and the time to compute
# NetworkReadyLatency's percentiles over 1,000,000 per-pod records.
# Usage: sudo hack/bench/engine-scale.sh  (BENCH_SMOKE=1: tiny sizes)
set -euo pipefail
# shellcheck source=SCRIPTDIR/lib.sh
source "$(dirname "$0")/lib.sh"
bench_setup engine-scale
# Room for 1,000,000 records (about 1 GB live) so the percentile time is not GC thrash.
bench_java -Xms1g -Xmx6g dev.netmark.bench.scale.EngineScale
