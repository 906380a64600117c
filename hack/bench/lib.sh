# Shared by hack/bench.sh and hack/bench/*.sh. Source it; don't run it.
# shellcheck shell=bash
# shellcheck source=SCRIPTDIR/../lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

# NETMARK_BUILD_DIR lets builds of one tree run side by side (maven -Dnetmark.buildDir).
NETMARK_BUILD_DIR="${NETMARK_BUILD_DIR:-target}"
NETMARK_BENCH_JAR="$NETMARK_ROOT/bench/$NETMARK_BUILD_DIR/netmark-bench.jar"
# Smoke results go apart, so they never stand in for real ones in docs/performance.md.
bench_out_default() {
  if [ -n "${BENCH_SMOKE:-}" ]; then
    echo "$NETMARK_ROOT/target/bench-smoke"
  else
    echo "$NETMARK_ROOT/target/bench"
  fi
}

# build_bench_jar builds bench/target/netmark-bench.jar (and the shim and dist jars) unless
# hack/bench.sh already did in this run.
build_bench_jar() {
  [ -n "${NETMARK_BENCH_BUILT:-}" ] && return 0
  echo "netmark: building the benchmarks" >&2
  mvn_batch -q package -DskipTests -Dspotless.check.skip=true -Dnetmark.buildDir="$NETMARK_BUILD_DIR" -pl bench -am >&2
  export NETMARK_BENCH_BUILT=1
}

# bench_java CLASS ARGS... runs a benchmark's Java program with Java 25. The shims it starts run
# from the node image's jar (netmark.shimJar), as a node does.
bench_java() {
  "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED \
    -Dnetmark.shimJar="$NETMARK_ROOT/node-image/shim/$NETMARK_BUILD_DIR/netmark-shim.jar" \
    -cp "$NETMARK_BENCH_JAR" "$@"
}

# bench_setup NAME: what every hack/bench/NAME.sh does first, so each also runs on its own.
bench_setup() {
  require_root "hack/bench/$1.sh"
  ensure_packages "${RUNTIME_PACKAGES[@]}" "${TEST_PACKAGES[@]}"
  use_java25
  build_bench_jar
  BENCH_OUT="${BENCH_OUT:-$(bench_out_default)}"
  export BENCH_OUT
  mkdir -p "$BENCH_OUT"
}
