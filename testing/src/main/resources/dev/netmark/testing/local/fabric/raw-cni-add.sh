#!/usr/bin/env bash
# The raw CNI ADD: a network's plugin chain run by a plain script as libcni would (prevResult
# passed from plugin to plugin), PARALLEL pods in flight, no runtime and no shim in between.
# Local mode's raw baseline and the throughput benchmark run it through RawCniAdds (Java), which
# writes PLUGINS_DIR and makes the pods' namespaces (docs/design.md, "Local mode").
#
# Usage: raw-cni-add.sh PLUGINS_DIR COUNT NETNS_PREFIX PARALLEL CNI_PATH
#   PLUGINS_DIR holds the chain in order, one file NN-TYPE.json per plugin: the configuration
#   the plugin reads on stdin (name and cniVersion set, no prevResult). Pods are the existing
#   namespaces /run/netns/<NETNS_PREFIX><i>, i = 0..COUNT-1, container id <NETNS_PREFIX><i>.
#   Run it in the node's network namespace (nsenter --net=/run/netns/NODE raw-cni-add.sh ...).
# Environment (optional):
#   RAW_CACHE_DIR, RAW_NETWORK: cache each ADD's result in libcni's layout
#     (DIR/NETWORK-CONTAINER-eth0, written after the ADD's end, removed after its DEL), so the DEL
#     of a run killed in the middle runs at the next start.
#   RAW_PING=IP: after each ADD, ping IP from the pod's namespace every 10 ms until the first
#     reply (5 s at most: 5 pods stay within the caller's 60 s).
# Output: "add <i> <start_us> <end_us>" per pod (epoch microseconds), with RAW_PING then
#   "ping <i> <ping -D reply line>" (or "none") and "pingstart <i> <ping -D -O line of
#   icmp_seq=1>" (its reply, or "no answer yet" when the second echo went out); after all ADDs
#   every pod is deleted again (DEL in reverse plugin order with its result), untimed. A failed ADD stops new ones; every
#   pod started still gets its DEL, the plugins' errors go to stderr, and the exit status is 1.
# Needs bash 5 ($EPOCHREALTIME: timing without forking).
set -euo pipefail
[ $# -eq 5 ] || {
  echo "usage: raw-cni-add.sh PLUGINS_DIR COUNT NETNS_PREFIX PARALLEL CNI_PATH" >&2
  exit 2
}
dir=$1 count=$2 prefix=$3 parallel=$4 cnipath=$5
[[ $count =~ ^[1-9][0-9]*$ ]] || { echo "raw-cni-add.sh: COUNT must be > 0, found '$count'" >&2; exit 2; }
[[ $parallel =~ ^[1-9][0-9]*$ ]] || { echo "raw-cni-add.sh: PARALLEL must be > 0, found '$parallel'" >&2; exit 2; }
types=() confs=()
for f in "$dir"/*.json; do
  [ -r "$f" ] || { echo "raw-cni-add.sh: no plugin configuration in $dir" >&2; exit 2; }
  base=${f##*/}
  base=${base%.json}
  types+=("${base#*-}")
  confs+=("$(<"$f")")
done
n=${#types[@]}
export CNI_PATH=$cnipath CNI_IFNAME=eth0
results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT

# run COMMAND I PLUGIN_INDEX PREV_RESULT -> stdout of the plugin
run() {
  local pconf=${confs[$3]}
  [[ -n $4 ]] && pconf="{\"prevResult\":$4,${pconf#\{}"
  CNI_COMMAND=$1 CNI_CONTAINERID=$prefix$2 CNI_NETNS=/run/netns/$prefix$2 \
    CNI_ARGS="IgnoreUnknown=1;K8S_POD_NAMESPACE=raw;K8S_POD_NAME=$prefix$2;K8S_POD_INFRA_CONTAINER_ID=$prefix$2;K8S_POD_UID=$prefix$2" \
    "$cnipath/${types[$3]}" <<<"$pconf"
}

# cache_file I: where pod I's result is cached (no subshell: it is used between ADD and ping).
cache_file() {
  file=$RAW_CACHE_DIR/$RAW_NETWORK-$prefix$1-eth0
}

# add I: one pod's chain; its result goes to a file for DEL, its times to stdout.
add() {
  local start end prev="" p reply pinged first
  start=${EPOCHREALTIME/[.,]/}
  for ((p = 0; p < n; p++)); do
    prev=$(run ADD "$1" "$p" "$prev") || {
      echo "ADD of pod $1: plugin ${types[$p]} failed: $prev" >&2
      exit 1
    }
  done
  end=${EPOCHREALTIME/[.,]/}
  printf '%s' "$prev" >"$results/$1"
  if [[ -n ${RAW_CACHE_DIR:-} ]]; then
    cache_file "$1"
    # Renamed into place: a half-written entry (a dot file) is skipped by the reader.
    printf '{"kind":"cniCacheV1","containerId":"%s","ifName":"eth0","networkName":"%s","netns":"%s","cniArgs":[["IgnoreUnknown","1"],["K8S_POD_NAMESPACE","raw"],["K8S_POD_NAME","%s"],["K8S_POD_INFRA_CONTAINER_ID","%s"],["K8S_POD_UID","%s"]],"result":%s}' \
      "$prefix$1" "$RAW_NETWORK" "/run/netns/$prefix$1" "$prefix$1" "$prefix$1" "$prefix$1" "$prev" >"$RAW_CACHE_DIR/.$prefix$1"
    mv "$RAW_CACHE_DIR/.$prefix$1" "$file"
  fi
  echo "add $1 $start $end"
  if [[ -n ${RAW_PING:-} ]]; then
    pinged=$(nsenter --net="/run/netns/$prefix$1" ping -D -n -O -i 0.01 -c 1 -w 5 "$RAW_PING" || true)
    reply=$(grep -m 1 'bytes from' <<<"$pinged" || true)
    first=$(grep -m 1 -E 'icmp_seq=1( |$)' <<<"$pinged" || true)
    echo "ping $1 ${reply:-none}"
    echo "pingstart $1 ${first:-none}"
  fi
}

failed=0 launched=0 running=0
for ((i = 0; i < count && !failed; i++)); do
  if ((running >= parallel)); then
    wait -n || failed=1
    running=$((running - 1))
    ((!failed)) || break
  fi
  add "$i" &
  launched=$((i + 1)) running=$((running + 1))
done
for ((; running > 0; running--)); do
  wait -n || failed=1
done
# Every pod that was started gets its DEL, a failed one without a result, as containerd does.
for ((i = 0; i < launched; i++)); do
  prev=""
  [[ ! -f $results/$i ]] || prev=$(<"$results/$i")
  ok=1
  for ((p = n - 1; p >= 0; p--)); do
    out=$(run DEL "$i" "$p" "$prev") || { echo "DEL of pod $i: plugin ${types[$p]} failed: $out" >&2; ok=0 failed=1; }
  done
  if ((ok)) && [[ -n ${RAW_CACHE_DIR:-} ]]; then
    cache_file "$i"
    rm -f "$file"
  fi
done
exit "$failed"
