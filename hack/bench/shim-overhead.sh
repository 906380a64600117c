#!/usr/bin/env bash
# shim-overhead: CNI ADD through a real shim's CRI path vs the same conflist run by a plain script,
# interleaved on one emulated node (netns nso-node0, pods 10.180.0.0/16 in nso-0*), sequentially and 4 at a
# time. Headline: ratio of median ADD times, shim cni_add / script (goal <= 1.10).
# Usage: sudo hack/bench/shim-overhead.sh   (BENCH_SMOKE=1 for a quick run)
set -euo pipefail
# shellcheck source=SCRIPTDIR/lib.sh
source "$(dirname "$0")/lib.sh"
# shellcheck source=SCRIPTDIR/shim-lib.sh
source "$(dirname "$0")/shim-lib.sh"
bench_setup shim-overhead

work=$(mktemp -d /tmp/netmark-shim-overhead.XXXXXX)
# The Java program deletes its namespaces and stops its shim itself; this catches a killed JVM.
trap 'bench_shim_cleanup "$work" 0' EXIT

bench_java dev.netmark.bench.shim.ShimOverhead \
  "$NETMARK_ROOT/hack/bench/shim-overhead-direct.sh" \
  "$NETMARK_ROOT/node-image/shim/src/test/resources/cni/direct-add.sh" \
  "$work"
