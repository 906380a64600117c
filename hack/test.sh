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

echo "netmark: building and running all tests (unit + integration) with $JAVA_HOME" >&2
mvn_batch verify "$@"
[ -n "${1:-}" ] || "$NETMARK_ROOT/hack/node-image-test.sh" # the node image, built and run with podman
if [ -z "${1:-}" ] && command -v shellcheck >/dev/null; then
  echo "netmark: shellcheck hack/ dist/" >&2
  shellcheck -x "$NETMARK_ROOT"/hack/*.sh "$NETMARK_ROOT"/hack/bench/*.sh "$NETMARK_ROOT"/testing/src/main/resources/dev/netmark/testing/local/fabric/*.sh "$NETMARK_ROOT"/hack/netmark "$NETMARK_ROOT"/dist/netmark
fi
if [ -z "${1:-}" ]; then
  echo "netmark: benchmark smoke run (tiny sizes, no thresholds)" >&2
  "$NETMARK_ROOT/hack/bench.sh" --smoke
fi
