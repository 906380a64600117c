#!/usr/bin/env bash
# app-traffic: configs/application-microservices.yaml on 3 local nodes, as a user runs it. Prints
# the requests per second carried, the shims' CPU seconds per 1,000 requests, and the same-node
# edge's request-latency p50 against a raw HTTP round trip between two network namespaces in the
# same run; headline their ratio (goal <= 1.5).
# Usage: sudo hack/bench/app-traffic.sh  (BENCH_SMOKE=1: the model's short run). Uses local-mode
# prefix nap, 10.164-167.x.x, and 10.168.0.0/24 for the raw namespaces.
set -euo pipefail
# shellcheck source=SCRIPTDIR/lib.sh
source "$(dirname "$0")/lib.sh"
bench_setup app-traffic
bench_java dev.netmark.bench.apptraffic.AppTraffic "$NETMARK_ROOT" "$BENCH_OUT/app-traffic"
