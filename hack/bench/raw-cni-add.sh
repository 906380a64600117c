#!/usr/bin/env bash
# The raw operation under local mode's throughput: a conflist's ADD chain run by a plain script,
# prevResult passed from plugin to plugin, PARALLEL pods in flight, no runtime in between. Used
# by the throughput benchmark; not a benchmark of its own.
#
# Usage: raw-cni-add.sh CONFLIST COUNT NETNS_PREFIX PARALLEL [CNI_PATH]
#   Pods are the existing namespaces /run/netns/<NETNS_PREFIX><i>, i = 0..COUNT-1. Run it in the
#   node's network namespace (nsenter --net=/run/netns/NODE raw-cni-add.sh ...).
# Output: "add <start_us> <end_us>" per pod (epoch microseconds, in completion order), after all
#   ADDs; then every pod is deleted again (DEL in reverse plugin order with its result), untimed.
# Needs bash 5 ($EPOCHREALTIME: timing without forking) and jq (only outside the timed part).
set -euo pipefail
[ $# -ge 4 ] || {
  echo "usage: raw-cni-add.sh CONFLIST COUNT NETNS_PREFIX PARALLEL [CNI_PATH]" >&2
  exit 2
}
conf=$1 count=$2 prefix=$3 parallel=$4 cnipath=${5:-/usr/lib/cni}
[[ $count =~ ^[1-9][0-9]*$ ]] || { echo "raw-cni-add.sh: COUNT must be > 0, found '$count'" >&2; exit 2; }
[[ $parallel =~ ^[1-9][0-9]*$ ]] || { echo "raw-cni-add.sh: PARALLEL must be > 0, found '$parallel'" >&2; exit 2; }
[ -r "$conf" ] || { echo "raw-cni-add.sh: cannot read conflist $conf" >&2; exit 2; }
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
results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT

# run COMMAND ID PLUGIN_INDEX PREV_RESULT -> stdout of the plugin
run() {
  local pconf=${confs[$3]}
  [[ -n $4 ]] && pconf="{\"prevResult\":$4,${pconf#\{}"
  CNI_COMMAND=$1 CNI_CONTAINERID=$2 CNI_NETNS=/run/netns/$prefix${2#raw} \
    CNI_ARGS="IgnoreUnknown=1;K8S_POD_NAMESPACE=bench;K8S_POD_NAME=$2;K8S_POD_INFRA_CONTAINER_ID=$2;K8S_POD_UID=$2" \
    "$cnipath/${types[$3]}" <<<"$pconf"
}

# add I: one pod's chain; its result goes to a file for DEL, its times to stdout.
add() {
  local start end prev="" p
  start=${EPOCHREALTIME/[.,]/}
  for ((p = 0; p < n; p++)); do
    prev=$(run ADD "raw$1" "$p" "$prev")
  done
  end=${EPOCHREALTIME/[.,]/}
  printf '%s' "$prev" >"$results/$1"
  echo "add $start $end"
}

running=0
for ((i = 0; i < count; i++)); do
  if ((running >= parallel)); then
    wait -n # a failed ADD fails the script here
    running=$((running - 1))
  fi
  add "$i" &
  running=$((running + 1))
done
wait
for ((i = 0; i < count; i++)); do
  for ((p = n - 1; p >= 0; p--)); do
    run DEL "raw$i" "$p" "$(cat "$results/$i")" >/dev/null
  done
done
