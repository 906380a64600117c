#!/usr/bin/env bash
# throughput: network-ready pods/s in local mode with 3 nodes against the raw CNI ADD rate of the
# same conflists (the fabric's raw-cni-add.sh in each node at once); headline the ratio.
# Usage: sudo hack/bench/throughput.sh  (BENCH_SMOKE=1: tiny sizes)
set -euo pipefail
# shellcheck source=SCRIPTDIR/lib.sh
source "$(dirname "$0")/lib.sh"
bench_setup throughput
bench_java dev.netmark.bench.throughput.Throughput "$NETMARK_ROOT" "$BENCH_OUT/throughput"
