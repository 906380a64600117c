#!/usr/bin/env bash
# Runs every test of netmark: unit tests (*Test) and integration tests (*IT) that need root,
# real CNI plugins, network namespaces, containerd and iptables. Installs what it needs.
# Usage (as root): hack/test.sh [extra maven args, e.g. -pl engine -am]
set -euo pipefail
# shellcheck source=SCRIPTDIR/lib.sh
source "$(dirname "$0")/lib.sh"
# shellcheck source=SCRIPTDIR/node-image-test-lib.sh
source "$(dirname "$0")/node-image-test-lib.sh"

require_root "hack/test.sh"
ensure_packages "${RUNTIME_PACKAGES[@]}" "${TEST_PACKAGES[@]}"
use_java25

# The node image test's base image starts now: debootstrap (about 90 s alone) runs beside the Maven
# build, which does not use it. Its unpacking slows Maven's first modules by about 30 s, less than it
# takes off the node image test after Maven. On failure the test makes it again.
image_work="$NETMARK_ROOT/target-image/node-image-test"
base_tar=""
if [ -z "${1:-}" ]; then
  mkdir -p "$image_work"
  make_base_tar "$image_work" >"$image_work/base-tar.log" 2>&1 &
  base_tar=$!
  # Never left running: debootstrap mounts /proc in its root while it works.
  trap '[ -z "$base_tar" ] || wait "$base_tar" || true' EXIT
fi

echo "netmark: building and running all tests (unit + integration) with $JAVA_HOME" >&2
# Two modules at a time: the engine (then the measurements) beside the shim, which need only the
# contract and fixtures (on 2 cores, alone: 2:41 against about 4:06 for those modules).
mvn_batch -T 2 verify "$@"
[ -z "${1:-}" ] || exit 0
if ! wait "$base_tar"; then
  echo "netmark: the base image's root file system failed (log: $image_work/base-tar.log);" \
    "the node image test makes it again" >&2
fi
base_tar=""

# Two lanes: the node image test, then the smoke run of the engine's benchmarks (no namespace, no
# container); beside them shellcheck and the smoke run of the other benchmarks. The image test's
# podman containers have namespaces and storage of their own (--network none), it builds into a
# directory of its own (target-image/: its Maven runs must not rewrite the jars the benchmarks'
# shims run from), and no number of either lane counts. The lanes take about as long as each other
# (in CI: 180 + 43 s against 200 s), so the two take the longer one's time, not the sum.
mkdir -p "$NETMARK_ROOT/target-image"
image_log="$NETMARK_ROOT/target-image/node-image-test.log"
engine_log="$NETMARK_ROOT/target-image/engine-bench-smoke.log"
engine_benchmarks=(engine-rate engine-scale engine-gather)
other_benchmarks=()
while read -r name; do
  [[ " ${engine_benchmarks[*]} " == *" $name "* ]] || other_benchmarks+=("$name")
done < <("$NETMARK_ROOT/hack/bench.sh" --list)
echo "netmark: node image test, then the engine benchmarks' smoke run, beside the others" \
  "(logs: $image_log, $engine_log)" >&2
# verify just packaged the benchmarks' jar: neither lane builds it again.
(
  status=0
  NETMARK_BUILD_DIR=target-image NETMARK_SHIM_JAR="$NETMARK_ROOT/node-image/shim/target/netmark-shim.jar" \
    "$NETMARK_ROOT/hack/node-image-test.sh" >"$image_log" 2>&1 || status=1
  NETMARK_BENCH_BUILT=1 "$NETMARK_ROOT/hack/bench.sh" --smoke "${engine_benchmarks[@]}" \
    >"$engine_log" 2>&1 || status=$((status + 2))
  exit "$status"
) &
image_lane=$!

checks() {
  if command -v shellcheck >/dev/null; then
    echo "netmark: shellcheck hack/ dist/" >&2
    shellcheck -x "$NETMARK_ROOT"/hack/*.sh "$NETMARK_ROOT"/hack/bench/*.sh "$NETMARK_ROOT"/testing/src/main/resources/dev/netmark/testing/local/fabric/*.sh "$NETMARK_ROOT"/hack/netmark "$NETMARK_ROOT"/dist/netmark || return 1
  fi
  echo "netmark: benchmark smoke run (tiny sizes, no thresholds): ${other_benchmarks[*]}" >&2
  NETMARK_BENCH_BUILT=1 "$NETMARK_ROOT/hack/bench.sh" --smoke "${other_benchmarks[@]}"
}
checks_status=0
checks || checks_status=$?
lane_status=0
wait "$image_lane" || lane_status=$?
echo "netmark: node image test's output:" >&2
cat "$image_log" >&2
echo "netmark: the engine benchmarks' smoke run:" >&2
cat "$engine_log" >&2
[ $((lane_status & 1)) -eq 0 ] || die "the node image test failed (above)"
[ $((lane_status & 2)) -eq 0 ] || die "the engine benchmarks' smoke run failed (above)"
[ "$checks_status" -eq 0 ] || die "shellcheck or the benchmark smoke run failed (exit $checks_status)"
