#!/usr/bin/env bash
# Removes what hack/kubemark-up.sh created: the node pods' ReplicationControllers on the admin
# cluster and their Node objects on the kubemark master; with both kinds gone (the default), also
# the namespace with its Secret and ConfigMaps.
# Usage: hack/kubemark-down.sh --admin-kubeconfig F --kubemark-kubeconfig F [options]
#   --netperf | --hollow   remove only that kind of node (default: both, and the namespace)
#   --namespace NS         admin-cluster namespace (default kubemark)
#   --dry-run              print the kubectl commands instead of running them
# Needs kubectl (except --dry-run); KUBECTL names another binary.
set -euo pipefail
# shellcheck source=SCRIPTDIR/lib.sh
source "$(dirname "$0")/lib.sh"
# shellcheck source=SCRIPTDIR/kubemark-lib.sh
source "$(dirname "$0")/kubemark-lib.sh"

usage() { sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//'; }

admin_kc="" kubemark_kc="" namespace=kubemark kinds=(netperf hollow) only="" dry_run=false
while [ $# -gt 0 ]; do
  case "$1" in
    --admin-kubeconfig | --kubemark-kubeconfig | --namespace)
      [ $# -ge 2 ] || die "kubemark-down: $1 needs a value (try --help)"
      case "$1" in
        --admin-kubeconfig) admin_kc="$2" ;;
        --kubemark-kubeconfig) kubemark_kc="$2" ;;
        --namespace) namespace="$2" ;;
      esac
      shift 2
      ;;
    --netperf | --hollow)
      [ -z "$only" ] || [ "$only" = "$1" ] ||
        die "kubemark-down: --netperf and --hollow exclude each other; give neither to remove both"
      only="$1" kinds=("${1#--}")
      shift
      ;;
    --dry-run) dry_run=true && shift ;;
    -h | --help) usage && exit 0 ;;
    *) die "kubemark-down: unknown argument '$1' (try --help)" ;;
  esac
done
need_file --admin-kubeconfig "$admin_kc"
need_file --kubemark-kubeconfig "$kubemark_kc"
check_namespace "$namespace"

if $dry_run; then
  run() { printf '%q ' "$KUBECTL" "$@" && echo; }
else
  need_kubectl
  run() { "$KUBECTL" "$@"; }
fi
admin() { run --kubeconfig "$admin_kc" "$@"; }
master() { run --kubeconfig "$kubemark_kc" "$@"; }

for kind in "${kinds[@]}"; do
  if [ "$kind" = hollow ]; then
    rc=hollow-node label=netmark.dev/node-kind=hollow
  else
    rc=netperf-node label=netmark.dev/node-kind=not-so-hollow
  fi
  # Pods first, so no kubelet re-registers a Node deleted below.
  admin delete replicationcontroller "$rc" --namespace "$namespace" --ignore-not-found --wait=true
  # kubectl wait fails when no pod matches, which is the goal here, not an error.
  admin wait pods --namespace "$namespace" -l "name=$rc" --for=delete --timeout=300s || true
  master delete nodes -l "$label" --ignore-not-found
done
if [ -z "$only" ]; then
  admin delete namespace "$namespace" --ignore-not-found
fi
