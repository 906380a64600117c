#!/usr/bin/env bash
# One pod the way a plain script would do it, for hack/bench/shim-overhead.sh: `ip netns add`
# timed, then direct-add.sh's ADD and DEL of the conflist in that namespace, then the namespace
# goes. Run it in the node's network namespace.
# Usage: shim-overhead-direct.sh DIRECT_ADD_SH CONFLIST NETNS_PREFIX INDEX CNI_PATH
# Output: "netns_us N", then direct-add.sh's "add_us N" and "del_us N".
set -euo pipefail
direct=$1 conf=$2 prefix=$3 index=$4 cnipath=$5
netns=$prefix$index
trap 'ip netns delete "$netns" 2>/dev/null || true' EXIT
start=${EPOCHREALTIME/[.,]/}
ip netns add "$netns"
end=${EPOCHREALTIME/[.,]/}
echo "netns_us $((end - start))"
"$direct" "$conf" 1 "$prefix" "$cnipath" "$index"
