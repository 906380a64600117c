#!/usr/bin/env bash
# The baseline for netmark's CNI ADD latency: a conflist's chain invoked directly by a plain
# script, prevResult passed from plugin to plugin, no runtime in between.
#
# Usage: direct-add.sh CONFLIST COUNT NETNS_PREFIX [CNI_PATH [FIRST]]
#   Pods are the existing namespaces /run/netns/<NETNS_PREFIX><i>, i = FIRST..FIRST+COUNT-1
#   (FIRST defaults to 0; parallel runs pass disjoint ranges). Run it in the
#   node's network namespace (nsenter --net=/run/netns/NODE direct-add.sh ...).
# Output: one line "add_us <microseconds>" per pod (sequential ADDs), then "del_us <microseconds>"
#   per pod (DEL in reverse plugin order with the pod's final result as prevResult).
# Needs bash 5 ($EPOCHREALTIME: timing without forking) and jq (only before the timed part).
set -euo pipefail
conf=$1 count=$2 prefix=$3 cnipath=${4:-/usr/lib/cni} first=${5:-0}
name=$(jq -r .name "$conf")
version=$(jq -r .cniVersion "$conf")
n=$(jq '.plugins | length' "$conf")
types=() confs=()
for ((p = 0; p < n; p++)); do
  types+=("$(jq -r ".plugins[$p].type" "$conf")")
  confs+=("$(jq -c --arg name "$name" --arg v "$version" \
    ".plugins[$p] + {name: \$name, cniVersion: \$v}" "$conf")")
done
export CNI_PATH=$cnipath CNI_IFNAME=eth0

# run COMMAND ID PLUGIN_INDEX PREV_RESULT -> stdout of the plugin
run() {
  local pconf=${confs[$3]}
  [[ -n $4 ]] && pconf="{\"prevResult\":$4,${pconf#\{}"
  CNI_COMMAND=$1 CNI_CONTAINERID=$2 CNI_NETNS=/run/netns/$prefix${2#bench} \
    CNI_ARGS="IgnoreUnknown=1;K8S_POD_NAMESPACE=bench;K8S_POD_NAME=$2;K8S_POD_INFRA_CONTAINER_ID=$2;K8S_POD_UID=$2" \
    "$cnipath/${types[$3]}" <<<"$pconf"
}

declare -A results
for ((i = first; i < first + count; i++)); do
  start=${EPOCHREALTIME/[.,]/}
  prev=""
  for ((p = 0; p < n; p++)); do
    prev=$(run ADD "bench$i" "$p" "$prev")
  done
  end=${EPOCHREALTIME/[.,]/}
  results[$i]=$prev
  echo "add_us $((end - start))"
done
for ((i = first; i < first + count; i++)); do
  start=${EPOCHREALTIME/[.,]/}
  for ((p = n - 1; p >= 0; p--)); do
    run DEL "bench$i" "$p" "${results[$i]}" >/dev/null
  done
  end=${EPOCHREALTIME/[.,]/}
  echo "del_us $((end - start))"
done
