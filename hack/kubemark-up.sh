#!/usr/bin/env bash
# Deploys kubemark nodes for netmark: not-so-hollow node pods (node-image/, the default) or
# ordinary kubemark hollow nodes (--hollow) on an admin cluster, registering with a kubemark
# master; waits until they are Ready and prints the `netmark run` command. Run it once per kind
# to have both on one master. docs/kubemark.md walks through it.
# Usage: hack/kubemark-up.sh --admin-kubeconfig F --kubemark-kubeconfig F --nodes N [options]
#   --admin-kubeconfig F    the admin cluster, where the node pods run
#   --kubemark-kubeconfig F the kubemark master: the nodes register with it, netmark runs on it
#   --node-kubeconfig F     what the nodes' kubelets use instead (default: --kubemark-kubeconfig);
#                           its server must be reachable from pods of the admin cluster
#   --nodes N               node pods of this kind (a ReplicationController: re-run to scale)
#   --netperf | --hollow    not-so-hollow nodes (default) or kubemark hollow nodes
#   --image I               node image (default localhost/netmark-node:dev; --hollow: required,
#                           your kubemark image, e.g. REGISTRY/kubemark:TAG)
#   --build [--push]        build I with hack/node-image-build.sh (needs --kubelet), then push it
#   --kubelet PATH          kubelet from your Kubernetes build, for --build
#   --kube-proxy PATH       kube-proxy from the same build, for --build (optional): the nodes run it
#   --no-kube-proxy         do not run the image's kube-proxy (the master runs kube-proxy as a
#                           DaemonSet, or the CNI replaces it)
#   --kube-proxy-args "A B" extra kube-proxy flags
#   --builder podman|docker passed to hack/node-image-build.sh
#   --namespace NS          admin-cluster namespace (default kubemark)
#   --cni-config DIR        your CNI's *.conf/*.conflist/*.json, stored in ConfigMap
#                           netmark-cni-config (without it that ConfigMap must exist already)
#   --cni-daemonset         instead, your CNI's DaemonSet installs its configuration on each node
#                           (a writable /etc/cni/net.d; the shim loads it when a netperf pod needs it)
#   --labels k=v[,k=v]      extra node labels
#   --shim-port P           shim /metrics port (default 10260; others are annotated on the Nodes)
#   --shim-heap SIZE        shim -Xmx (default: the image's, 96m)   --max-pods N  kubelet --max-pods (default 110)
#   --cpu-request Q         per node pod (default 100m) --memory-request Q (default 300Mi)
#   --shim-args "A B"       extra shim flags           --kubelet-args "A B" extra kubelet flags
#   --timeout SECONDS       how long to wait for the nodes to be Ready (default 900)
#   --dry-run               print the manifests (the Secret redacted) and change nothing
# Needs kubectl (except --dry-run); KUBECTL names another binary.
set -euo pipefail
# shellcheck source=SCRIPTDIR/lib.sh
source "$(dirname "$0")/lib.sh"
# shellcheck source=SCRIPTDIR/kubemark-lib.sh
source "$(dirname "$0")/kubemark-lib.sh"

usage() { sed -n '2,34p' "$0" | sed 's/^# \{0,1\}//'; }

admin_kc="" kubemark_kc="" node_kc="" nodes="" kind=netperf image="" build=false push=false
kubelet="" builder="" namespace=kubemark cni_dir="" labels="" shim_port=10260 shim_heap=""
max_pods=110 cpu_request=100m memory_request=300Mi shim_args="" kubelet_args="" timeout=900
dry_run=false kind_flag="" kube_proxy="" no_kube_proxy=false kube_proxy_args="" cni_daemonset=false
while [ $# -gt 0 ]; do
  case "$1" in
    --admin-kubeconfig | --kubemark-kubeconfig | --node-kubeconfig | --nodes | --image | --kubelet | \
      --builder | --namespace | --cni-config | --labels | --shim-port | --shim-heap | --max-pods | \
      --cpu-request | --memory-request | --shim-args | --kubelet-args | --timeout | --kube-proxy | \
      --kube-proxy-args)
      [ $# -ge 2 ] || die "kubemark-up: $1 needs a value (try --help)"
      case "$1" in
        --admin-kubeconfig) admin_kc="$2" ;;
        --kubemark-kubeconfig) kubemark_kc="$2" ;;
        --node-kubeconfig) node_kc="$2" ;;
        --nodes) nodes="$2" ;;
        --image) image="$2" ;;
        --kubelet) kubelet="$2" ;;
        --builder) builder="$2" ;;
        --namespace) namespace="$2" ;;
        --cni-config) cni_dir="$2" ;;
        --labels) labels="$2" ;;
        --shim-port) shim_port="$2" ;;
        --shim-heap) shim_heap="$2" ;;
        --max-pods) max_pods="$2" ;;
        --cpu-request) cpu_request="$2" ;;
        --memory-request) memory_request="$2" ;;
        --shim-args) shim_args="$2" ;;
        --kubelet-args) kubelet_args="$2" ;;
        --timeout) timeout="$2" ;;
        --kube-proxy) kube_proxy="$2" ;;
        --kube-proxy-args) kube_proxy_args="$2" ;;
      esac
      shift 2
      ;;
    --netperf | --hollow)
      [ -z "$kind_flag" ] || [ "$kind_flag" = "$1" ] ||
        die "kubemark-up: --netperf and --hollow exclude each other; run the script once per kind"
      kind_flag="$1" kind="${1#--}"
      shift
      ;;
    --build) build=true && shift ;;
    --no-kube-proxy) no_kube_proxy=true && shift ;;
    --cni-daemonset) cni_daemonset=true && shift ;;
    --push) push=true && shift ;;
    --dry-run) dry_run=true && shift ;;
    -h | --help) usage && exit 0 ;;
    *) die "kubemark-up: unknown argument '$1' (try --help)" ;;
  esac
done

# --- inputs: every problem named before anything is touched
need_file --admin-kubeconfig "$admin_kc"
need_file --kubemark-kubeconfig "$kubemark_kc"
node_kc="${node_kc:-$kubemark_kc}"
need_file --node-kubeconfig "$node_kc"
grep -q '^ *server:' "$node_kc" ||
  die "kubemark-up: --node-kubeconfig $node_kc names no API server ('server:'); is it a kubeconfig?"
[ -n "$nodes" ] || die "kubemark-up: --nodes N is required"
check_count --nodes "$nodes"
check_namespace "$namespace"
check_labels "$labels"
check_port --shim-port "$shim_port"
[ -z "$shim_heap" ] || [[ "$shim_heap" =~ ^[1-9][0-9]*[kKmMgG]?$ ]] ||
  die "kubemark-up: --shim-heap must be a Java heap size like 128m, found '$shim_heap'"
check_count --max-pods "$max_pods"
check_quantity --cpu-request "$cpu_request"
check_quantity --memory-request "$memory_request"
check_words --shim-args "$shim_args"
check_words --kubelet-args "$kubelet_args"
check_words --kube-proxy-args "$kube_proxy_args"
check_count --timeout "$timeout"
if [ "$kind" = hollow ]; then
  [ -n "$image" ] ||
    die "kubemark-up: --hollow needs --image REGISTRY/kubemark:TAG (built from cluster/images/kubemark of your Kubernetes tree)"
  ! $build || die "kubemark-up: --build makes the not-so-hollow image; build the kubemark image with your Kubernetes tree"
fi
image="${image:-localhost/netmark-node:dev}"
check_image "$image"
if $push && ! $build; then die "kubemark-up: --push needs --build"; fi
if $build && [ -z "$kubelet" ]; then
  die "kubemark-up: --build needs --kubelet PATH (e.g. _output/bin/kubelet of your Kubernetes build): the nodes cannot register without it"
fi
if [ -n "$kube_proxy" ] && ! $build; then
  die "kubemark-up: --kube-proxy goes into the image: it needs --build (or build the image with hack/node-image-build.sh --kube-proxy PATH)"
fi
if $no_kube_proxy && [ -n "$kube_proxy" ]; then
  die "kubemark-up: --no-kube-proxy and --kube-proxy exclude each other"
fi
if $cni_daemonset && [ -n "$cni_dir" ]; then
  die "kubemark-up: --cni-daemonset and --cni-config exclude each other: with --cni-daemonset your CNI's DaemonSet writes the configuration"
fi
if [ "$kind" = hollow ] && { $cni_daemonset || $no_kube_proxy || [ -n "$kube_proxy_args" ]; }; then
  die "kubemark-up: --cni-daemonset, --no-kube-proxy and --kube-proxy-args are for not-so-hollow nodes, not --hollow"
fi
if [ -n "$cni_dir" ]; then
  cni_files "$cni_dir" >/dev/null
fi

# --- the manifests
if [ "$kind" = hollow ]; then
  node_template=hollow-node.yaml rc=hollow-node
else
  node_template=not-so-hollow-node.yaml rc=netperf-node
fi

# The template variables (TEMPLATE_VARS). Not exported: render reads them by name, and the
# kubeconfig must not reach child processes.
# shellcheck disable=SC2034 # read by render through ${!name}
set_template_vars() {
  NAMESPACE="$namespace"
  NODE_COUNT="$nodes"
  IMAGE="$image"
  SHIM_PORT="$shim_port"
  SHIM_HEAP="$shim_heap"
  MAX_PODS="$max_pods"
  SHIM_ARGS="$shim_args"
  KUBELET_ARGS="$kubelet_args"
  KUBE_PROXY_ARGS="$kube_proxy_args"
  SKIP_KUBE_PROXY="$($no_kube_proxy && echo 1 || echo 0)"
  # A ConfigMap mount is read-only: a CNI DaemonSet that installs its configuration needs a
  # directory it can write, which survives a restart of the node container.
  if $cni_daemonset; then
    CNI_CONFIG_SOURCE="emptyDir: {}" CNI_CONFIG_READ_ONLY=false CNI_CONFIG_LATER=1
  else
    CNI_CONFIG_SOURCE="configMap: {name: netmark-cni-config}" CNI_CONFIG_READ_ONLY=true
    CNI_CONFIG_LATER=0
  fi
  CPU_REQUEST="$cpu_request"
  MEMORY_REQUEST="$memory_request"
  # kubemark's sizing of the hollow proxy: 100 MiB plus 50 KiB per node.
  PROXY_MEMORY_REQUEST="$((100 * 1024 + 50 * nodes))Ki"
  if [ "$kind" = hollow ]; then
    NODE_LABELS="$(join_labels "$HOLLOW_LABEL" "$labels")"
  else
    NODE_LABELS="$labels" # netmark-node-start adds netmark.dev/node-kind=not-so-hollow itself
  fi
  if $dry_run; then
    KUBECONFIG_BASE64="$(printf 'redacted by --dry-run: base64 of %s' "$node_kc" | base64 -w0)"
  else
    KUBECONFIG_BASE64="$(base64 -w0 <"$node_kc")"
  fi
}
set_template_vars

manifests() {
  render "$KUBEMARK_TEMPLATES/namespace.yaml"
  echo ---
  render "$KUBEMARK_TEMPLATES/kubeconfig-secret.yaml"
  if [ -n "$cni_dir" ]; then
    echo ---
    cni_configmap "$cni_dir" "$namespace"
  fi
  echo ---
  render "$KUBEMARK_TEMPLATES/$node_template"
}

if $dry_run; then
  manifests
  exit 0
fi

if $build; then
  build_args=(--tag "$image" --kubelet "$kubelet")
  [ -z "$kube_proxy" ] || build_args+=(--kube-proxy "$kube_proxy")
  [ -z "$builder" ] || build_args+=(--builder "$builder")
  ! $push || build_args+=(--push)
  "$NETMARK_ROOT/hack/node-image-build.sh" "${build_args[@]}"
fi

need_kubectl
admin() { "$KUBECTL" --kubeconfig "$admin_kc" "$@"; }
master() { "$KUBECTL" --kubeconfig "$kubemark_kc" "$@"; }

master get --raw /readyz >/dev/null ||
  die "kubemark-up: the kubemark master in $kubemark_kc does not answer (kubectl --kubeconfig $kubemark_kc get --raw /readyz)"
if [ -z "$cni_dir" ] && [ "$kind" = netperf ] && ! $cni_daemonset &&
  ! admin get configmap netmark-cni-config --namespace "$namespace" >/dev/null 2>&1; then
  die "kubemark-up: no --cni-config DIR and no ConfigMap $namespace/netmark-cni-config: pass --cni-config with your CNI's conflist"
fi
manifests | admin apply -f -

selector="netmark.dev/node-kind=$([ "$kind" = hollow ] && echo hollow || echo not-so-hollow)"
echo "kubemark-up: waiting up to ${timeout}s for $nodes Ready nodes with $selector" >&2
deadline=$((SECONDS + timeout))
while true; do
  ready="$(ready_nodes master "$selector")"
  count="$(grep -c . <<<"$ready" || true)"
  [ "$count" -ge "$nodes" ] && break
  if [ "$SECONDS" -ge "$deadline" ]; then
    echo "kubemark-up: only $count of $nodes nodes with $selector are Ready after ${timeout}s." >&2
    echo "Node pods in $namespace:" >&2
    admin get pods --namespace "$namespace" -l "name=$rc" -o wide >&2 || true
    die "kubemark-up: see docs/kubemark.md, Troubleshooting"
  fi
  sleep 5
done
if [ "$kind" = netperf ] && [ "$shim_port" != "$DEFAULT_SHIM_PORT" ]; then
  # kubelet cannot annotate its own Node; the direct and proxy sources read the port from here.
  while read -r node; do
    master annotate node "$node" --overwrite "netmark.dev/shim-port=$shim_port" >/dev/null
  done <<<"$ready"
fi
echo "kubemark-up: $count nodes with $selector are Ready." >&2
if [ "$kind" = netperf ]; then
  cat <<EOF
Run netmark on them (CONTROL_IMAGE: an image serving HTTP on 8080 and iperf3 on 5201):
  hack/netmark run configs/network-ready-latency.yaml --provider kubemark \\
    --provider-opt kubeconfig=$kubemark_kc \\
    --set NODES=$nodes --set NODE_SELECTOR=netmark.dev/node-kind=not-so-hollow \\
    --set CONTROL_IMAGE=REGISTRY/netmark-control:TAG --set SERVICE_PING=false
SERVICE_PING=false: kube-proxy in iptables mode drops ICMP to ClusterIPs; leave it out where
the service answers ping. EXTERNAL_IP=ADDRESS and EXTERNAL_URL=http://... add an external target.
With hollow nodes on the same master, add:
    --metric-source-opt node-selector=netmark.dev/node-kind=not-so-hollow
EOF
fi
