#!/usr/bin/env bash
# shim-footprint: the shim's resident memory idle and with 110 netperf pods, and its start-up time
# to serving, in front of a real containerd whose memory is measured in the same run; as every
# launcher starts it (its JVM flags file and AOT cache), without the cache, and with the flags of
# before (-Xmx128m); checked against the goals of issue 11. Emulated node nso-node1, pods in
# 10.181.0.0/16 (nso-1*), probe targets from a ConfigMap of local mode's API server.
# Usage: sudo hack/bench/shim-footprint.sh   (BENCH_SMOKE=1 for a quick run)
set -euo pipefail
# shellcheck source=SCRIPTDIR/lib.sh
source "$(dirname "$0")/lib.sh"
# shellcheck source=SCRIPTDIR/shim-lib.sh
source "$(dirname "$0")/shim-lib.sh"
bench_setup shim-footprint

work=$(mktemp -d /tmp/netmark-shim-footprint.XXXXXX)
# The Java program stops containerd and the shim and deletes its namespaces itself; this catches
# a killed JVM.
trap 'bench_shim_cleanup "$work" 1' EXIT

bench_java dev.netmark.bench.shim.ShimFootprint "$work"
