#!/usr/bin/env bash
# engine-scale: heap per pod tracked by the engine with 100,000 pods, and the time to compute
# NetworkReadyLatency's percentiles over 1,000,000 per-pod records.
# Usage: sudo hack/bench/engine-scale.sh  (BENCH_SMOKE=1: tiny sizes)
set -euo pipefail
# shellcheck source=SCRIPTDIR/lib.sh
source "$(dirname "$0")/lib.sh"
bench_setup engine-scale
# A fixed heap: the per-pod figure is read from heap use after GC, not from the JVM's sizing.
bench_java -Xms2g -Xmx2g dev.netmark.bench.scale.EngineScale
