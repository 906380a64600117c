#!/usr/bin/env bash
# engine-gather: NetworkReadyLatency's gather over 5,000 simulated nodes x 30 pods (a fleet served
# from one process on 127.100.x.y:10260, some nodes slow, hanging, refusing or answering garbage):
# seconds, the engine's peak heap, and whether coverage was exact.
# Usage: sudo hack/bench/engine-gather.sh  (BENCH_SMOKE=1: 50 nodes)
set -euo pipefail
# shellcheck source=SCRIPTDIR/lib.sh
source "$(dirname "$0")/lib.sh"
bench_setup engine-gather
bench_java -Xmx1g dev.netmark.bench.gather.EngineGather
