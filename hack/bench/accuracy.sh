#!/usr/bin/env bash
# accuracy: netmark's measured cni_add and network_ready against latency injected by the
# netmark-delay CNI plugin (a known delay D on ADD, the pod's datapath held down for R after ADD),
# through real shims on a local cluster, pod by pod against the plugin's own truth.
# Headline: the worst median absolute error in ms. Usage: sudo hack/bench/accuracy.sh
# (BENCH_SMOKE=1 for one D/R pair and 3 pods). Uses local-mode prefix ncp, 10.170-173.x.x.
# ACCURACY_LOAD=density: the same pairs while probe-density (10 x 30) runs back to back (goal 5 ms).
# ACCURACY_TRUTH=bash: the plugin script alone as truth, without the compiled front door.
# ACCURACY_SHIMS=in-process: the shims in the benchmark's JVM, as netmark run hosts them by
# default (without it: a JVM per node's shim, as a node runs it).
set -euo pipefail
# shellcheck source=SCRIPTDIR/lib.sh
source "$(dirname "$0")/lib.sh"

bench_setup accuracy
bench_java dev.netmark.bench.accuracy.AccuracyBench "$NETMARK_ROOT"
