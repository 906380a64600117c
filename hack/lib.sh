# Shared by the hack/ scripts: Java 25, Debian packages, the build. Source it; don't run it.
# shellcheck shell=bash

NETMARK_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export NETMARK_ROOT

die() {
  echo "netmark: $*" >&2
  exit 2
}

# Java 25 is required; the machine default may be older, so pick it explicitly.
use_java25() {
  local candidate
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/java-25-openjdk-amd64; do
    if [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] &&
      "$candidate/bin/java" -version 2>&1 | grep -qE 'version "(2[5-9]|[3-9][0-9])'; then
      export JAVA_HOME="$candidate"
      export PATH="$JAVA_HOME/bin:$PATH"
      return 0
    fi
  done
  die "Java 25 not found. Install Temurin 25 (or openjdk-25-jdk) and set JAVA_HOME to it."
}

require_root() {
  [ "$(id -u)" = 0 ] ||
    die "$1 needs root (network namespaces, CNI plugins, iptables) and runs as $(id -un): run it from a root shell (su -), or with sudo where sudo is installed."
}

# Debian packages the project's real components come from (docs/design.md, "Local mode" and "Known limits").
# Each entry: package:file-that-proves-it-is-installed. Used by the scripts that source this.
# shellcheck disable=SC2034
RUNTIME_PACKAGES=(
  containernetworking-plugins:/usr/lib/cni/bridge
  iproute2:/usr/sbin/ip
  iptables:/usr/sbin/iptables
  iputils-ping:/usr/bin/ping
  curl:/usr/bin/curl
  iperf3:/usr/bin/iperf3
  util-linux:/usr/bin/nsenter
  maven:/usr/bin/mvn
)
# shellcheck disable=SC2034
TEST_PACKAGES=(
  containerd:/usr/bin/containerd
  runc:/usr/sbin/runc
  conntrack:/usr/sbin/conntrack
  python3:/usr/bin/python3
  shellcheck:/usr/bin/shellcheck
  chromium:/usr/bin/chromium
  prometheus:/usr/bin/prometheus
  podman:/usr/bin/podman
  buildah:/usr/bin/buildah
  debootstrap:/usr/sbin/debootstrap
  time:/usr/bin/time
  procps:/usr/bin/pgrep
  jq:/usr/bin/jq
  gcc:/usr/bin/gcc
  libc6-dev:/usr/include/stdio.h
)

# ensure_packages ENTRY... installs the packages whose proof file is missing.
ensure_packages() {
  local missing=() entry
  for entry in "$@"; do
    [ -e "${entry#*:}" ] || missing+=("${entry%%:*}")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "netmark: installing Debian packages: ${missing[*]}" >&2
  command -v apt-get >/dev/null || die "apt-get not found; install by hand: ${missing[*]}"
  [ "$(id -u)" = 0 ] || die "missing packages ${missing[*]}; run as root so they can be installed"
  if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"; } >/tmp/netmark-apt.log 2>&1; then
    tail -20 /tmp/netmark-apt.log >&2
    die "could not install ${missing[*]} (log: /tmp/netmark-apt.log)"
  fi
  for entry in "$@"; do
    [ -e "${entry#*:}" ] || die "package ${entry%%:*} installed but ${entry#*:} is still missing"
  done
}

mvn_batch() {
  (cd "$NETMARK_ROOT" && mvn -B -ntp "$@")
}
