#!/usr/bin/env bash
# fault-soak: local mode on 3 nodes through 1,000 pod create/delete cycles while faults are
# injected: 20 shims killed with kill -9 (local mode's supervisor restarts them), CNI ADDs that
# hang past the plugin timeout, crash, print garbage or run slow (the netmark-faulty plugin in
# front of bridge), and one shim's state disk (a 64 MiB tmpfs) full for 5 s. Counts the defects:
# leaked netns, host-local IPs and veths, records lost, pods unprobed and silent, shims not back,
# teardown problems; headline "fault-soak: N defects". Usage: sudo hack/bench/fault-soak.sh
# (BENCH_SMOKE=1: 20 cycles, 1 kill, under a minute). Uses local-mode prefix nfs,
# 10.174-177.x.x.
set -euo pipefail
# shellcheck source=SCRIPTDIR/lib.sh
source "$(dirname "$0")/lib.sh"
bench_setup fault-soak
bench_java dev.netmark.bench.faults.FaultSoak
