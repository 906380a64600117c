#!/usr/bin/env bash
# The node image test (issue 6): builds node-image/Dockerfile with podman from a Debian base made
# here with debootstrap and a stand-in kube-proxy (--kube-proxy), checks the start script's input
# checks, runs the image --privileged --network none without kubelet (NETMARK_SKIP_KUBELET=1) and
# with kube-proxy, drives the shim inside it through its CRI socket from the host (NodeImageIT:
# containerd's answers for ordinary calls, a network-ready netperf pod through real CNI inside the
# container, the metrics port), stops it with SIGTERM and checks it stopped kube-proxy, the shim
# and containerd cleanly and left nothing on the host; a second node starts without CNI
# configuration and kube-proxy (NETMARK_CNI_CONFIG_LATER=1, NETMARK_SKIP_KUBE_PROXY=1) and stops as
# a whole when containerd dies; then builds and runs the control image (node-image/control: HTTP
# and iperf3). Exits non-zero if any step fails.
# Usage: sudo hack/node-image-test.sh
# podman runs with private storage and configuration under $NETMARK_BUILD_DIR/node-image-test
# (default target/): the base image is cached there, so a second run skips debootstrap.
set -euo pipefail
# shellcheck source=SCRIPTDIR/lib.sh
source "$(dirname "$0")/lib.sh"
# shellcheck source=SCRIPTDIR/node-image-test-lib.sh
source "$(dirname "$0")/node-image-test-lib.sh"

require_root "hack/node-image-test.sh"
ensure_packages "${RUNTIME_PACKAGES[@]}" "${TEST_PACKAGES[@]}"
use_java25

export NETMARK_BUILD_DIR="${NETMARK_BUILD_DIR:-target}"
work="$NETMARK_ROOT/$NETMARK_BUILD_DIR/node-image-test"
readonly BASE_IMAGE=localhost/netmark-base:bookworm
readonly IMAGE=localhost/netmark-node:test
readonly NODE=image-test-node
readonly CONTAINER="netmark-node-test-$$"
readonly CONTROL_IMAGE=localhost/netmark-control:test CONTROL="netmark-control-test-$$"
# Inside the container's own network namespace, so they cannot collide with anything on the host;
# distinctive names make a leak onto the host recognisable.
readonly BRIDGE=nmimg0 SUBNET=10.85.0.0/24 GATEWAY=10.85.0.1 NETNS_PREFIX=nmimg-

private_podman "$work/podman"
run_dir="$(mktemp -d /tmp/netmark-node-test.XXXXXX)"
trap 'cleanup_all' EXIT
container_id=""
cleanup_all() {
  local code=$?
  podman rm -f --ignore "$CONTAINER" "$CONTROL" >/dev/null 2>&1 || true
  clean_podman_leftovers "$container_id"
  rm -rf "$run_dir"
  # podman's run root holds nothing the cached images need; keep it only if something still
  # uses it, so that a leak shows up instead of being hidden.
  grep -q "$PODMAN_RUN_ROOT" /proc/self/mountinfo || rm -rf "$PODMAN_RUN_ROOT"
  exit "$code"
}
timings=()
step_name=""
step_start=$SECONDS

# step NAME DESCRIPTION: announces a step and records how long the previous one took.
step() {
  [ -n "$step_name" ] && timings+=("${step_name}_seconds=$((SECONDS - step_start))")
  step_name="$1" step_start=$SECONDS
  echo "netmark: node image test: $2" >&2
}

# run_node NAME CNI_DIR [PODMAN_ARGS...]: starts the node image as NAME with CNI_DIR as its CNI
# configuration; prints the container id.
run_node() {
  local name="$1" cni_dir="$2"
  shift 2
  rm -f "$run_dir/sock/shim.sock"
  podman run -d --name "$name" --privileged --network none "$@" \
    -e NODE_NAME="$NODE" -e NETMARK_SKIP_KUBELET=1 \
    -e NETMARK_PROBE_TARGETS=/etc/netmark/probe-targets.json \
    -e NETMARK_SHIM_ARGS="--netns-prefix $NETNS_PREFIX" \
    -v "$cni_dir:/etc/cni/net.d" \
    -v "$run_dir/probe-targets.json:/etc/netmark/probe-targets.json:ro" \
    -v "$run_dir/sock:/run/netmark" \
    -v "$run_dir/exchange:/var/lib/netmark-test:ro" \
    --tmpfs /run --tmpfs /var/lib/containerd --tmpfs /var/lib/kubelet \
    --tmpfs /var/lib/netmark-shim "$IMAGE"
}

# The whole test is one function, so bash has read all of it before it runs (an edit of this
# file during a run cannot change what runs).
main() {
  local test_start=$SECONDS
  step base_image "base image $BASE_IMAGE"
  ensure_base_image "$BASE_IMAGE" "$work"

  step image_build "building $IMAGE"
  stand_in_kube_proxy "$work/kube-proxy"
  "$NETMARK_ROOT/hack/node-image-build.sh" --tag "$IMAGE" --base-image "$BASE_IMAGE" \
    --kube-proxy "$work/kube-proxy" --builder podman >/dev/null

  step input_checks "input checks of the start script"
  check_input_errors "$IMAGE"

  step node_start "starting $CONTAINER"
  mkdir -p "$run_dir/cni" "$run_dir/sock" "$run_dir/exchange"
  chmod 0700 "$run_dir/sock"
  write_cni_config "$run_dir/cni" "$BRIDGE" "$SUBNET" "$GATEWAY"
  write_probe_targets "$run_dir/probe-targets.json" "$NODE" "$GATEWAY"
  # kube-proxy's kubeconfig; the stand-in does not read it.
  echo 'apiVersion: v1' >"$run_dir/kubeconfig"
  container_id="$(run_node "$CONTAINER" "$run_dir/cni" -e NETMARK_KUBE_PROXY_ARGS="--v=2" \
    -v "$run_dir/kubeconfig:/etc/netmark/kubeconfig/kubeconfig:ro")"
  await_node_up "$CONTAINER" "$run_dir/sock/shim.sock"
  check_kube_proxy_ran "$CONTAINER" "$NODE" "--v=2"

  step cri_it "CRI through the shim socket (NodeImageIT)"
  local report="$NETMARK_ROOT/node-image/shim/$NETMARK_BUILD_DIR/failsafe-reports/TEST-dev.netmark.shim.image.NodeImageIT.xml"
  rm -f "$report"
  NETMARK_NODE_IMAGE_SOCKET="$run_dir/sock/shim.sock" NETMARK_NODE_IMAGE_CONTAINER="$CONTAINER" \
    NETMARK_NODE_IMAGE_EXCHANGE="$run_dir/exchange" NETMARK_NODE_IMAGE_NODE="$NODE" \
    NETMARK_NODE_IMAGE_SUBNET="${SUBNET%.0/24}" NETMARK_NODE_IMAGE_NETNS_PREFIX="$NETNS_PREFIX" \
    mvn_batch -q verify -Dnetmark.buildDir="$NETMARK_BUILD_DIR" -Dspotless.check.skip=true \
    -pl node-image/shim -am -Dtest=NoUnitTests -Dsurefire.failIfNoSpecifiedTests=false \
    -Dit.test=NodeImageIT -Dfailsafe.failIfNoSpecifiedTests=false
  grep -q 'tests="[1-9]' "$report" 2>/dev/null || die "NodeImageIT did not run (no $report)"
  grep -q 'skipped="0"' "$report" || die "NodeImageIT was skipped: $report"
  shim_rss_kib="$(shim_rss "$CONTAINER")"

  step clean_stop "stopping $CONTAINER (SIGTERM)"
  check_clean_stop "$CONTAINER"
  podman rm "$CONTAINER" >/dev/null
  clean_podman_leftovers "$container_id"
  check_nothing_left "$container_id" "$BRIDGE" "$NETNS_PREFIX" "$run_dir"

  # This node starts without a CNI configuration, as one whose CNI's DaemonSet installs it later.
  step crash_stop "a node (without CNI configuration yet) whose containerd dies stops as a whole"
  mkdir -p "$run_dir/cni-later"
  container_id="$(run_node "$CONTAINER" "$run_dir/cni-later" -e NETMARK_CNI_CONFIG_LATER=1 \
    -e NETMARK_SKIP_KUBE_PROXY=1)"
  await_node_up "$CONTAINER" "$run_dir/sock/shim.sock"
  check_crash_stops_node "$CONTAINER"
  podman rm "$CONTAINER" >/dev/null
  clean_podman_leftovers "$container_id"
  check_nothing_left "$container_id" "$BRIDGE" "$NETNS_PREFIX" "$run_dir"

  step control_image "control image: HTTP on 8080, iperf3 on 5201, clean stop"
  container_id="$(check_control_image "$CONTROL_IMAGE" "$BASE_IMAGE" "$CONTROL")"
  podman rm "$CONTROL" >/dev/null
  clean_podman_leftovers "$container_id"
  check_nothing_left "$container_id" "$BRIDGE" "$NETNS_PREFIX" "$run_dir"

  step measure "measuring"
  jre_mib="$(du -sm "$NETMARK_ROOT/$NETMARK_BUILD_DIR/node-image/jre" | cut -f1)"
  image_mib="$(($(podman image inspect --format '{{.Size}}' "$IMAGE") / 1024 / 1024))"
  echo "netmark: node image test passed in $((SECONDS - test_start)) s: ${timings[*]} image_mib=$image_mib jre_mib=$jre_mib shim_rss_kib=$shim_rss_kib load=\"$(cut -d' ' -f1-3 /proc/loadavg)\""
}

main "$@"
