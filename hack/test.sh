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

# The node image test runs beside shellcheck and the benchmark smoke run: its podman containers
# have namespaces and storage of their own (--network none), it builds into a directory of its
# own (target-image/: its Maven runs must not rewrite the jars the benchmarks' shims run from), and
# neither's numbers count. Together they take the longer one's time, not the sum.
mkdir -p "$NETMARK_ROOT/target-image"
image_log="$NETMARK_ROOT/target-image/node-image-test.log"
echo "netmark: node image test, beside the benchmarks (log: $image_log)" >&2
NETMARK_BUILD_DIR=target-image NETMARK_SHIM_JAR="$NETMARK_ROOT/node-image/shim/target/netmark-shim.jar" \
  "$NETMARK_ROOT/hack/node-image-test.sh" >"$image_log" 2>&1 &
image_test=$!

checks() {
  if command -v shellcheck >/dev/null; then
    echo "netmark: shellcheck hack/ dist/" >&2
    shellcheck -x "$NETMARK_ROOT"/hack/*.sh "$NETMARK_ROOT"/hack/bench/*.sh "$NETMARK_ROOT"/testing/src/main/resources/dev/netmark/testing/local/fabric/*.sh "$NETMARK_ROOT"/hack/netmark "$NETMARK_ROOT"/dist/netmark || return 1
  fi
  echo "netmark: benchmark smoke run (tiny sizes, no thresholds)" >&2
  # verify just packaged the benchmarks' jar: no second build.
  NETMARK_BENCH_BUILT=1 "$NETMARK_ROOT/hack/bench.sh" --smoke
}
checks_status=0
checks || checks_status=$?
image_status=0
wait "$image_test" || image_status=$?
echo "netmark: node image test's output:" >&2
cat "$image_log" >&2
[ "$image_status" -eq 0 ] || die "the node image test failed (exit $image_status; above)"
[ "$checks_status" -eq 0 ] || die "shellcheck or the benchmark smoke run failed (exit $checks_status)"
