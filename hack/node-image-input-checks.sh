#!/usr/bin/env bash
# Runs inside the node image (hack/node-image-test.sh mounts it and makes it the entrypoint):
# gives netmark-node-start bad environments and checks that it refuses each with exit 2 and a
# message naming what is wrong, before it starts anything. One container for all the cases, as a
# container start costs more than all of them together.
set -uo pipefail

readonly START=/usr/local/bin/netmark-node-start
# It rewrites /etc/cni/net.d: never on a real machine.
if [ ! -e /run/.containerenv ] || [ ! -x "$START" ]; then
  echo "hack/node-image-input-checks.sh runs only inside the node image (see hack/node-image-test.sh)" >&2
  exit 2
fi
failures=0
mkdir -p /etc/cni/net.d /tmp/inputs
echo '{}' >/tmp/inputs/targets.json

with_cni_config() { echo '{"cniVersion":"1.0.0","name":"x","plugins":[{"type":"bridge"}]}' >/etc/cni/net.d/10-x.conflist; }
without_cni_config() { rm -f /etc/cni/net.d/*; }

# expect WANT VAR=VALUE...: the start script, given only these variables, exits 2 saying WANT.
expect() {
  local want="$1" out code=0
  shift
  out="$(env -i PATH="$PATH" "$@" "$START" 2>&1)" || code=$?
  if [ "$code" != 2 ] || [[ "$out" != *"$want"* ]] || [[ "$out" == *"started "* ]]; then
    echo "FAIL: with $*: expected exit 2 and a message containing '$want'; got exit $code: $out"
    failures=$((failures + 1))
  else
    echo "ok: $want"
  fi
}

skip=(NETMARK_SKIP_KUBELET=1 NETMARK_SKIP_KUBE_PROXY=1 NETMARK_PROBE_TARGETS=/tmp/inputs/targets.json)
with_cni_config
expect "NODE_NAME is not set" "${skip[@]}"
expect "NODE_NAME 'Node_1' is not a valid node name" NODE_NAME=Node_1 "${skip[@]}"
expect "no kubeconfig at NETMARK_KUBECONFIG=/etc/netmark/kubeconfig/kubeconfig" NODE_NAME=n1
expect "no kubeconfig at NETMARK_KUBECONFIG=/etc/netmark/kubeconfig/kubeconfig" NODE_NAME=n1 \
  NETMARK_SKIP_KUBELET=1
if [ -x /usr/local/bin/kube-proxy ]; then
  expect "(kube-proxy needs it too; NETMARK_SKIP_KUBE_PROXY=1 leaves it out)" NODE_NAME=n1 \
    NETMARK_SKIP_KUBELET=1 NETMARK_PROBE_TARGETS=/tmp/inputs/targets.json
fi
mkdir -p /etc/netmark/kubeconfig && echo 'apiVersion: v1' >/etc/netmark/kubeconfig/kubeconfig
expect "no kubelet at /usr/local/bin/kubelet: this image was built without --kubelet" NODE_NAME=n1
rm -rf /etc/netmark/kubeconfig
expect "NETMARK_PROBE_TARGETS: cannot read '/missing.json'" NODE_NAME=n1 NETMARK_SKIP_KUBELET=1 \
  NETMARK_PROBE_TARGETS=/missing.json
expect "NETMARK_NODE_LABELS: 'b c=d' is not a label key=value" NODE_NAME=n1 \
  "NETMARK_NODE_LABELS=a=1,b c=d" "${skip[@]}"
expect "NETMARK_SHIM_PORT must be a port number (1-65535), found '70000'" NODE_NAME=n1 \
  NETMARK_SHIM_PORT=70000 "${skip[@]}"
expect "NETMARK_SHIM_HEAP must be a Java heap size like 128m, found '1 g'" NODE_NAME=n1 \
  "NETMARK_SHIM_HEAP=1 g" "${skip[@]}"
expect "NETMARK_MAX_PODS must be a positive integer, found '0'" NODE_NAME=n1 NETMARK_MAX_PODS=0 \
  "${skip[@]}"
expect "NETMARK_SKIP_KUBELET must be 0 or 1, found 'yes'" NODE_NAME=n1 NETMARK_SKIP_KUBELET=yes
expect "NETMARK_SKIP_KUBE_PROXY must be 0 or 1, found 'no'" NODE_NAME=n1 \
  "${skip[@]}" NETMARK_SKIP_KUBE_PROXY=no # the last one wins
expect "NETMARK_CNI_CONFIG_LATER must be 0 or 1, found 'true'" NODE_NAME=n1 \
  NETMARK_CNI_CONFIG_LATER=true "${skip[@]}"
without_cni_config
expect "no CNI configuration (*.conf, *.conflist) in /etc/cni/net.d" NODE_NAME=n1 "${skip[@]}"

[ "$failures" = 0 ] || {
  echo "$failures input check(s) failed"
  exit 1
}
echo "all input checks passed"
