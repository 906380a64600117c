#!/usr/bin/env bash
# engine-rate: tuning-set start-rate error at 50, 200 and 1,000 QPS with actions that create pods
# on the local-mode API server, and the engine's creates/s against a plain fabric8 loop.
# Usage: sudo hack/bench/engine-rate.sh  (BENCH_SMOKE=1: tiny sizes)
set -euo pipefail
# shellcheck source=SCRIPTDIR/lib.sh
source "$(dirname "$0")/lib.sh"
bench_setup engine-rate
bench_java dev.netmark.bench.engine.EngineRate "$NETMARK_ROOT/configs/templates/pod-netperf.yaml"
