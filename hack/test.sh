#!/usr/bin/env bash
# Runs every test of netmark: unit tests (*Test) and integration tests (*IT) that need root,
# real CNI plugins, network namespaces, containerd and iptables. Installs what it needs.
# Usage (as root): hack/test.sh [extra maven args, e.g. -pl engine -am]
set -euo pipefail
# shellcheck source=SCRIPTDIR/lib.sh
source "$(dirname "$0")/lib.sh"

require_root "hack/test.sh"
ensure_packages "${RUNTIME_PACKAGES[@]}" "${TEST_PACKAGES[@]}"
use_java25

base_pid=""
if [ -z "${1:-}" ]; then
  # The node image test's Debian root (debootstrap: downloads and unpacking, no podman) is made
  # while Maven builds and tests, which saves most of a minute of the run.
  base_work="$NETMARK_ROOT/${NETMARK_BUILD_DIR:-target}/node-image-test"
  mkdir -p "$base_work"
  base_log="$base_work/base-tar.log"
  # shellcheck source=SCRIPTDIR/node-image-test-lib.sh
  (source "$NETMARK_ROOT/hack/node-image-test-lib.sh" && ensure_base_tar "$base_work") >"$base_log" 2>&1 &
  base_pid=$!
  # If Maven fails, let debootstrap finish rather than leave its mounts in a half-made root.
  trap '[ -z "$base_pid" ] || wait "$base_pid" 2>/dev/null || true' EXIT
fi

echo "netmark: building and running all tests (unit + integration) with $JAVA_HOME" >&2
mvn_batch verify "$@"
if [ -n "$base_pid" ]; then
  wait "$base_pid" || { cat "$base_log" >&2; die "the node image test's Debian base failed (log: $base_log)"; }
  base_pid=""
  "$NETMARK_ROOT/hack/node-image-test.sh" # the node image, built and run with podman
fi
if [ -z "${1:-}" ] && command -v shellcheck >/dev/null; then
  echo "netmark: shellcheck hack/ dist/" >&2
  shellcheck -x "$NETMARK_ROOT"/hack/*.sh "$NETMARK_ROOT"/hack/bench/*.sh "$NETMARK_ROOT"/testing/src/main/resources/dev/netmark/testing/local/fabric/*.sh "$NETMARK_ROOT"/hack/netmark "$NETMARK_ROOT"/dist/netmark
fi
if [ -z "${1:-}" ]; then
  echo "netmark: benchmark smoke run (tiny sizes, no thresholds)" >&2
  "$NETMARK_ROOT/hack/bench.sh" --smoke
fi
