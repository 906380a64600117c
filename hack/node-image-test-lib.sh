# The steps of hack/node-image-test.sh. Source it (after lib.sh); don't run it.
# shellcheck shell=bash

# private_podman DIR: podman with its own storage and configuration, so the test neither sees nor
# disturbs other images and containers of this machine, and what it leaves is easy to find.
# No CAP_SYS_RESOURCE on the build machines: podman must not raise rlimits beyond these.
private_podman() {
  local dir="$1"
  PODMAN_RUN_ROOT=/run/netmark-node-test-podman
  # podman import and build write a blob-info cache to /var/lib/containers/cache whatever the
  # storage configuration says; it is removed afterwards if this test made it.
  PODMAN_MADE_BLOB_CACHE=true
  [ -e /var/lib/containers/cache ] && PODMAN_MADE_BLOB_CACHE=false
  mkdir -p "$dir" "$PODMAN_RUN_ROOT"
  cat >"$dir/containers.conf" <<EOF
[containers]
default_ulimits = ["nofile=20000:20000", "nproc=32768:32768"]

[engine]
cgroup_manager = "cgroupfs"
events_logger = "file"
events_logfile_path = "$PODMAN_RUN_ROOT/events.log"
tmp_dir = "$PODMAN_RUN_ROOT/libpod"
volume_path = "$dir/volumes"
static_dir = "$dir/libpod"

[network]
network_config_dir = "$dir/networks"
EOF
  cat >"$dir/storage.conf" <<EOF
[storage]
driver = "overlay"
graphroot = "$dir/storage"
runroot = "$PODMAN_RUN_ROOT/storage"
EOF
  export CONTAINERS_CONF="$dir/containers.conf" CONTAINERS_STORAGE_CONF="$dir/storage.conf"
}

# ensure_base_image TAG WORK: a Debian bookworm image made with debootstrap, imported as TAG.
# The root file system tar is kept in WORK, and the image in the private storage.
ensure_base_image() {
  local tag="$1" work="$2"
  podman image exists "$tag" && return 0
  make_base_tar "$work"
  podman import "$work/base-bookworm-slim.tar" "$tag" >/dev/null
}

# make_base_tar WORK: WORK/base-bookworm-slim.tar, the root file system of the base image, unless it
# is there already. Needs no podman, so hack/test.sh runs it beside its Maven build.
make_base_tar() {
  local work="$1" tar="$1/base-bookworm-slim.tar" rootfs="$1/base-rootfs"
  if [ ! -s "$tar" ]; then
    rm -rf "$rootfs"
    echo "netmark: debootstrap --variant=minbase bookworm (log: $work/debootstrap.log)" >&2
    debootstrap --variant=minbase bookworm "$rootfs" "${NETMARK_DEBIAN_MIRROR:-http://deb.debian.org/debian}" \
      >"$work/debootstrap.log" 2>&1 || {
      tail -20 "$work/debootstrap.log" >&2
      die "debootstrap failed (log: $work/debootstrap.log)"
    }
    # As debian:bookworm-slim: no package lists, downloaded packages, docs or translations
    # (about 125 of debootstrap's 204 MB).
    rm -rf "$rootfs"/var/lib/apt/lists/* "$rootfs"/var/cache/apt/archives/*.deb \
      "$rootfs"/var/cache/apt/*.bin "$rootfs"/usr/share/locale/* "$rootfs"/usr/share/doc/* \
      "$rootfs"/usr/share/man/*
    tar -C "$rootfs" -cf "$tar.tmp" . && mv "$tar.tmp" "$tar"
    rm -rf "$rootfs"
  fi
}

# check_input_errors IMAGE: the start script's checks of its environment, in one container.
check_input_errors() {
  local out
  out="$(podman run --rm --network none -v "$NETMARK_ROOT/hack/node-image-input-checks.sh:/input-checks.sh:ro" \
    --entrypoint /input-checks.sh "$1" 2>&1)" || die "input checks of the start script failed: $out"
  echo "$out" >&2
}

# write_cni_config DIR BRIDGE SUBNET GATEWAY: bridge + host-local, as a node's CNI would install.
write_cni_config() {
  cat >"$1/10-netmark-image-test.conflist" <<EOF
{
  "cniVersion": "1.0.0",
  "name": "netmark-image-test",
  "plugins": [
    {
      "type": "bridge",
      "bridge": "$2",
      "isGateway": true,
      "ipMasq": false,
      "ipam": {"type": "host-local", "ranges": [[{"subnet": "$3", "gateway": "$4"}]]}
    },
    {"type": "portmap", "capabilities": {"portMappings": true}}
  ]
}
EOF
}

# write_probe_targets FILE NODE IP: the node's own "control pod" is the bridge's gateway address,
# so same_node is a real ping from the pod's namespace across the bridge.
write_probe_targets() {
  cat >"$1" <<EOF
{"controlPods": {"$2": ["$3"]}, "controlHttpPort": 8080, "controlIperfPort": 5201,
 "policy": {"remoteNodes": 0, "serviceHttpCount": 1, "servicePing": false, "intervalMs": 10,
            "timeoutMs": 30000, "classes": ["same_node"]}}
EOF
}

# stand_in_kube_proxy FILE: a static binary that stands in for kube-proxy (there is no Kubernetes
# build on the test machines): it prints its arguments, then waits for SIGTERM and exits 0. The
# image test builds the node image with it, to check that the start script runs and stops the
# image's kube-proxy with the right flags.
stand_in_kube_proxy() {
  local src="$1.c"
  cat >"$src" <<'EOF'
#include <signal.h>
#include <stdio.h>
#include <unistd.h>
static volatile sig_atomic_t stop;
static void on_term(int sig) { (void)sig; stop = 1; }
int main(int argc, char **argv) {
  /* One write for the whole line: the start script writes to the same output meanwhile. */
  char line[4096];
  size_t n = (size_t)snprintf(line, sizeof line, "stand-in kube-proxy:");
  for (int i = 1; i < argc && n < sizeof line; i++)
    n += (size_t)snprintf(line + n, sizeof line - n, " %s", argv[i]);
  if (n >= sizeof line) n = sizeof line - 1;
  line[n++] = '\n';
  signal(SIGTERM, on_term);
  if (write(2, line, n) < 0) return 1;
  while (!stop) pause();
  return 0;
}
EOF
  gcc -static -Os -o "$1" "$src" || die "cannot compile the stand-in kube-proxy ($src)"
}

# check_kube_proxy_ran CONTAINER NODE EXTRA: the start script started the image's kube-proxy with
# the node's kubeconfig and name, conntrack limits left alone, and EXTRA from
# NETMARK_KUBE_PROXY_ARGS.
check_kube_proxy_ran() {
  local logs want i
  want="stand-in kube-proxy: --kubeconfig=/etc/netmark/kubeconfig/kubeconfig --hostname-override=$2 --conntrack-max-per-core=0 $3"
  for i in $(seq 1 50); do
    logs="$(podman logs "$1" 2>&1)"
    grep -qxF "$want" <<<"$logs" && return 0
    sleep 0.2
  done
  die "expected kube-proxy to be started as '$want'; its log: $logs"
}

# await_node_up CONTAINER SOCKET: the start script says the node is up and SOCKET exists.
await_node_up() {
  local container="$1" socket="$2" deadline=$((SECONDS + 90))
  until podman logs "$container" 2>&1 | grep -q 'is up$' && [ -S "$socket" ]; do
    if [ "$(podman inspect --format '{{.State.Running}}' "$container")" != true ]; then
      podman logs "$container" >&2 || true
      die "$container exited while starting (exit $(podman inspect --format '{{.State.ExitCode}}' "$container"))"
    fi
    if [ "$SECONDS" -ge "$deadline" ]; then
      podman logs "$container" >&2 || true
      die "$container not up after 90 s"
    fi
    sleep 0.5
  done
}

# shim_rss CONTAINER: resident set size of the shim's JVM in KiB.
shim_rss() {
  local pid
  pid="$(podman inspect --format '{{.State.Pid}}' "$1")"
  ps -o rss=,args= --ppid "$pid" | awk '/netmark-shim\.jar/ {print $1; found=1} END {exit !found}' ||
    die "no shim process under the start script (pid $pid) of $1"
}

# check_clean_stop CONTAINER: SIGTERM makes the start script stop kube-proxy, the shim, then
# containerd, and exit 0 well before podman's SIGKILL.
check_clean_stop() {
  local container="$1" logs code shim_line containerd_line proxy_line
  podman stop --time 40 "$container" >/dev/null
  code="$(podman inspect --format '{{.State.ExitCode}}' "$container")"
  logs="$(podman logs "$container" 2>&1)"
  [ "$code" = 0 ] || die "$container exited with $code after SIGTERM; its log: $logs"
  shim_line="$(grep -n 'netmark-node-start: stopped shim (exit \(0\|143\))$' <<<"$logs" | cut -d: -f1)"
  containerd_line="$(grep -n 'netmark-node-start: stopped containerd (exit 0)$' <<<"$logs" | cut -d: -f1)"
  { [ -n "$shim_line" ] && [ -n "$containerd_line" ] && [ "$shim_line" -lt "$containerd_line" ]; } ||
    die "expected the start script to stop the shim, then containerd, each cleanly; its log: $logs"
  proxy_line="$(grep -n 'netmark-node-start: stopped kube-proxy (exit 0)$' <<<"$logs" | cut -d: -f1)"
  { [ -n "$proxy_line" ] && [ "$proxy_line" -lt "$shim_line" ]; } ||
    die "expected the start script to stop kube-proxy cleanly before the shim; its log: $logs"
  grep -q 'NETMARK_SKIP_KUBELET=1: not starting kubelet' <<<"$logs" ||
    die "expected the start script to say it left kubelet out; its log: $logs"
  grep -q "node .* stopped (exit 0)$" <<<"$logs" || die "no clean final line; its log: $logs"
}

# check_crash_stops_node CONTAINER: when containerd dies under the shim, the start script stops
# the shim too and exits 1, so that no half-node keeps running.
check_crash_stops_node() {
  local container="$1" pid containerd code logs
  pid="$(podman inspect --format '{{.State.Pid}}' "$container")"
  containerd="$(ps -o pid=,args= --ppid "$pid" | awk '$2 == "/usr/bin/containerd" {print $1}')"
  [ -n "$containerd" ] || die "no containerd under the start script (pid $pid) of $container"
  kill -KILL "$containerd"
  code="$(podman wait "$container")"
  logs="$(podman logs "$container" 2>&1)"
  [ "$code" = 1 ] || die "$container exited with $code after containerd was killed (expected 1); its log: $logs"
  { grep -q 'containerd exited unexpectedly with code 137: stopping the node$' <<<"$logs" &&
    grep -q 'stopped shim (exit \(0\|143\))$' <<<"$logs"; } ||
    die "expected the start script to report containerd's death and stop the shim; its log: $logs"
  grep -q 'NETMARK_SKIP_KUBE_PROXY=1: not starting kube-proxy$' <<<"$logs" ||
    die "expected the start script to leave kube-proxy out (NETMARK_SKIP_KUBE_PROXY=1); its log: $logs"
}

# clean_podman_leftovers CONTAINER_ID: what podman leaves on this machine after `podman rm`
# (docs/design.md, "Local mode" and "Known limits"): the container's cgroups, its runc state, and podman's own cgroups
# and runc directory when no other container uses them.
clean_podman_leftovers() {
  local id="$1" dir
  [ -n "$id" ] || return 0
  while IFS= read -r dir; do
    find "$dir" -depth -type d -exec rmdir {} \; 2>/dev/null || true
  done < <(find /sys/fs/cgroup -maxdepth 4 -type d -name "*$id*" 2>/dev/null)
  rm -rf "/run/runc/$id"
  if [ "${PODMAN_MADE_BLOB_CACHE:-false}" = true ]; then
    rm -rf /var/lib/containers/cache
    rmdir /var/lib/containers 2>/dev/null || true
  fi
  # Shared by all of podman's containers: rmdir removes them only when nothing uses them.
  rmdir /sys/fs/cgroup/*/libpod_parent/conmon /sys/fs/cgroup/*/libpod_parent /run/runc 2>/dev/null || true
}

# check_nothing_left CONTAINER_ID BRIDGE NETNS_PREFIX RUN_DIR: no process, mount, cgroup, link or
# network namespace of the test remains on the host.
check_nothing_left() {
  local id="$1" bridge="$2" prefix="$3" run_dir="$4" left=()
  podman container exists "$id" && left+=("container $id")
  pgrep -f "$id" >/dev/null && left+=("processes: $(pgrep -af "$id")")
  pgrep -f /etc/netmark/containerd.toml >/dev/null && left+=("containerd: $(pgrep -af /etc/netmark/containerd.toml)")
  grep -E "$id|$run_dir|/$prefix" /proc/self/mountinfo >/dev/null &&
    left+=("mounts: $(grep -E "$id|$run_dir|/$prefix" /proc/self/mountinfo)")
  [ -n "$(find /sys/fs/cgroup -maxdepth 4 -name "*$id*" 2>/dev/null)" ] &&
    left+=("cgroups: $(find /sys/fs/cgroup -maxdepth 4 -name "*$id*")")
  ip link show "$bridge" >/dev/null 2>&1 && left+=("link $bridge")
  ip -o link | grep -q "master $bridge" && left+=("veths on $bridge")
  find /run/netns -maxdepth 1 -name "$prefix*" 2>/dev/null | grep -q . &&
    left+=("network namespaces: $(find /run/netns -maxdepth 1 -name "$prefix*")")
  [ -e "/run/runc/$id" ] && left+=("runc state /run/runc/$id")
  [ ${#left[@]} -eq 0 ] || die "left on the host: ${left[*]}"
}

# check_control_image IMAGE BASE_IMAGE CONTAINER: builds node-image/control as IMAGE, runs it as
# CONTAINER with --network none, and checks from inside it that HTTP answers on 8080 and an iperf3
# client completes against 5201, then that SIGTERM stops it with status 0. Prints its id.
check_control_image() {
  local image="$1" base="$2" container="$3" id code logs i
  podman build --pull=never --network host --build-arg "BASE_IMAGE=$base" -t "$image" \
    "$NETMARK_ROOT/node-image/control" >&2
  id="$(podman run -d --name "$container" --network none "$image")"
  echo "$id"
  for i in $(seq 1 50); do
    podman exec "$container" curl -sf -o /dev/null http://127.0.0.1:8080/ && break
    [ "$i" = 50 ] && die "control image: no HTTP answer on 8080; its log: $(podman logs "$container" 2>&1)"
    sleep 0.2
  done
  [ "$(podman exec "$container" curl -sf http://127.0.0.1:8080/)" = "netmark control pod" ] ||
    die "control image: unexpected HTTP body on 8080"
  podman exec "$container" iperf3 --client 127.0.0.1 --port 5201 --time 1 >/dev/null ||
    die "control image: iperf3 client against 5201 failed; its log: $(podman logs "$container" 2>&1)"
  podman stop --time 10 "$container" >/dev/null
  code="$(podman inspect --format '{{.State.ExitCode}}' "$container")"
  logs="$(podman logs "$container" 2>&1)"
  [ "$code" = 0 ] || die "control image: exited with $code after SIGTERM; its log: $logs"
}
