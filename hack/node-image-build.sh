#!/usr/bin/env bash
# Builds the not-so-hollow node image (node-image/Dockerfile): the shim jar with Maven, a minimal
# Java runtime for it with jlink (on this machine: the image gets no JDK), a build context with
# both plus node-image/rootfs and the kubelet (and kube-proxy) binary, then `podman build` or
# `docker build`.
# Usage: hack/node-image-build.sh [--tag T] [--base-image I] [--kubelet PATH] [--kube-proxy PATH]
#                                 [--builder podman|docker] [--push]
#   --tag T            image name (default localhost/netmark-node:dev)
#   --base-image I     Debian bookworm base (default debian:bookworm-slim)
#   --kubelet PATH     kubelet binary from your Kubernetes build (e.g. _output/bin/kubelet);
#                      without it the image has no kubelet (run it with NETMARK_SKIP_KUBELET=1)
#   --kube-proxy PATH  kube-proxy binary from the same build (_output/bin/kube-proxy), optional:
#                      the node then runs it (NETMARK_SKIP_KUBE_PROXY=1 turns it off per node)
#   --builder B        podman or docker (default: podman if installed, else docker)
#   --push             push T afterwards (T must name your registry)
# NETMARK_BUILD_DIR (default target) is where the jar, the runtime and the context are made;
# NETMARK_SHIM_JAR names a shim jar already built from this tree, to use instead of building one.
set -euo pipefail
# shellcheck source=SCRIPTDIR/lib.sh
source "$(dirname "$0")/lib.sh"

usage() { sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; }

tag=localhost/netmark-node:dev
base_image=debian:bookworm-slim
kubelet=""
kube_proxy=""
builder=""
push=false
while [ $# -gt 0 ]; do
  case "$1" in
    --tag | --base-image | --kubelet | --kube-proxy | --builder)
      { [ $# -ge 2 ] && [ -n "$2" ]; } || die "hack/node-image-build.sh: $1 needs a value (try --help)"
      case "$1" in
        --tag) tag="$2" ;;
        --base-image) base_image="$2" ;;
        --kubelet) kubelet="$2" ;;
        --kube-proxy) kube_proxy="$2" ;;
        --builder) builder="$2" ;;
      esac
      shift 2
      ;;
    --push)
      push=true
      shift
      ;;
    -h | --help)
      usage
      exit 0
      ;;
    *) die "hack/node-image-build.sh: unknown argument '$1' (try --help)" ;;
  esac
done

if [ -z "$builder" ]; then
  if command -v podman >/dev/null; then builder=podman; else builder=docker; fi
fi
case "$builder" in
  podman | docker) command -v "$builder" >/dev/null || die "--builder $builder: $builder is not installed" ;;
  *) die "--builder must be podman or docker, found '$builder'" ;;
esac
# check_binary FLAG PATH NAME: PATH is an executable ELF file, as _output/bin/NAME of a build is.
check_binary() {
  { [ -f "$2" ] && [ -x "$2" ]; } || die "$1 $2: not an executable file"
  [ "$(head -c 4 "$2" | od -An -c | tr -d ' ')" = '177ELF' ] ||
    die "$1 $2: not an ELF binary (a Kubernetes build's _output/bin/$3 is)"
}
[ -z "$kubelet" ] || check_binary --kubelet "$kubelet" kubelet
[ -z "$kube_proxy" ] || check_binary --kube-proxy "$kube_proxy" kube-proxy
use_java25

NETMARK_BUILD_DIR="${NETMARK_BUILD_DIR:-target}"
work="$NETMARK_ROOT/$NETMARK_BUILD_DIR/node-image"
jar="$NETMARK_ROOT/node-image/shim/$NETMARK_BUILD_DIR/netmark-shim.jar"
context="$work/context"
mkdir -p "$work"

if [ -n "${NETMARK_SHIM_JAR:-}" ]; then
  # A jar just built from this tree (hack/test.sh's verify): no second build.
  [ -s "$NETMARK_SHIM_JAR" ] || die "NETMARK_SHIM_JAR=$NETMARK_SHIM_JAR is not a jar"
  mkdir -p "$(dirname "$jar")"
  cp "$NETMARK_SHIM_JAR" "$jar"
else
  echo "netmark: building the shim jar" >&2
  mvn_batch -q package -DskipTests -Dspotless.check.skip=true -Dnetmark.buildDir="$NETMARK_BUILD_DIR" \
    -pl node-image/shim -am >&2
fi

# jdeps over the 40 MB shaded jar takes most of a minute: its answer is kept, keyed by the CRCs of
# the jar's entries (not their timestamps, which change with every build) and the JDK.
jar_modules() {
  local key="" cache="$work/jdeps-modules"
  if command -v unzip >/dev/null; then
    key="$({
      "$JAVA_HOME/bin/java" -version 2>&1
      unzip -v "$jar" | awk 'NF == 8 && length($7) == 8 && $7 ~ /^[0-9a-f]+$/ {print $7, $8}' | sort
    } | sha256sum | cut -d' ' -f1)"
    if [ -f "$cache" ] && [ "$(head -n 1 "$cache")" = "$key" ]; then
      tail -n 1 "$cache"
      return 0
    fi
  fi
  local modules
  modules="$("$JAVA_HOME/bin/jdeps" --ignore-missing-deps --print-module-deps --multi-release 25 -q "$jar")"
  [ -n "$modules" ] || die "jdeps found no modules for $jar"
  [ -n "$key" ] && printf '%s\n%s\n' "$key" "$modules" >"$cache"
  echo "$modules"
}

echo "netmark: finding the Java modules the shim needs (jdeps)" >&2
modules="$(jar_modules)"
jre="$work/jre"
if [ "$(cat "$jre.modules" 2>/dev/null)" != "$modules" ] || [ ! -x "$jre/bin/java" ]; then
  echo "netmark: making the Java runtime with jlink: $modules" >&2
  rm -rf "$jre" "$jre.modules"
  "$JAVA_HOME/bin/jlink" --add-modules "$modules" --strip-debug --no-man-pages --no-header-files \
    --compress=zip-6 --output "$jre"
  echo "$modules" >"$jre.modules"
fi

rm -rf "$context"
mkdir -p "$context/kubelet" "$context/kube-proxy"
cp -a "$jre" "$context/jre"
cp "$jar" "$context/netmark-shim.jar"
cp "$NETMARK_ROOT/node-image/shim/src/main/resources/netmark-shim-jvm.options" "$context/"
cp -a "$NETMARK_ROOT/node-image/rootfs" "$context/rootfs"
cp "$NETMARK_ROOT/node-image/Dockerfile" "$context/Dockerfile"
kubelet_arg=""
if [ -n "$kubelet" ]; then
  cp "$kubelet" "$context/kubelet/kubelet"
  kubelet_arg=kubelet
fi
kube_proxy_arg=""
if [ -n "$kube_proxy" ]; then
  cp "$kube_proxy" "$context/kube-proxy/kube-proxy"
  kube_proxy_arg=kube-proxy
fi

echo "netmark: $builder build -t $tag (base $base_image${kubelet:+, kubelet $kubelet}${kube_proxy:+, kube-proxy $kube_proxy})" >&2
build_flags=(--network host --build-arg "BASE_IMAGE=$base_image" --build-arg "KUBELET=$kubelet_arg"
  --build-arg "KUBE_PROXY=$kube_proxy_arg" -t "$tag" -f "$context/Dockerfile")
# A base image made locally (e.g. by podman import) must not be looked up in a registry.
if [ "$builder" = podman ] && podman image exists "$base_image"; then
  build_flags+=(--pull=never)
fi
"$builder" build "${build_flags[@]}" "$context" >&2

if $push; then
  echo "netmark: $builder push $tag" >&2
  "$builder" push "$tag" >&2
fi
jre_size="$(du -sm "$jre" | cut -f1)"
image_size="$("$builder" image inspect --format '{{.Size}}' "$tag")"
echo "netmark: built $tag: image $((image_size / 1024 / 1024)) MiB, Java runtime ${jre_size} MiB ($modules)" >&2
echo "$tag"
