#!/usr/bin/env bash
# Runs netmark's benchmarks (docs/performance.md says what each one means).
# Usage: sudo hack/bench.sh [--smoke] [--update-docs] [NAME...]
#        hack/bench.sh --list
#   NAME          one of: shim-overhead accuracy throughput engine-rate engine-scale engine-gather
#                 shim-footprint compare-power probe-density fault-soak app-traffic
#                 (default: all of them, in that order)
#   --smoke       tiny sizes: checks that every benchmark still runs; its numbers mean nothing
#   --update-docs rewrite docs/performance.md from target/bench/*.json afterwards (refused for
#                 smoke results: their numbers mean nothing)
#   --list        print every benchmark's name, one a line, in that order, and exit
# Each benchmark prints its headline as its last line, "NAME: value", and writes
# target/bench/NAME.json (target/bench-smoke/ with --smoke).
set -euo pipefail
# shellcheck source=SCRIPTDIR/bench/lib.sh
source "$(dirname "$0")/bench/lib.sh"

ALL_BENCHMARKS=(shim-overhead accuracy throughput engine-rate engine-scale engine-gather shim-footprint compare-power probe-density fault-soak app-traffic)
update_docs=false
names=()
for arg in "$@"; do
  case "$arg" in
    --smoke) export BENCH_SMOKE=1 ;;
    --update-docs) update_docs=true ;;
    --list)
      printf '%s\n' "${ALL_BENCHMARKS[@]}"
      exit 0
      ;;
    -h | --help)
      sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'
      exit 0
      ;;
    -*) die "hack/bench.sh: unknown option $arg (try --help)" ;;
    *)
      [[ " ${ALL_BENCHMARKS[*]} " == *" $arg "* ]] ||
        die "hack/bench.sh: no benchmark '$arg'; known: ${ALL_BENCHMARKS[*]}"
      [ -x "$NETMARK_ROOT/hack/bench/$arg.sh" ] ||
        die "hack/bench.sh: benchmark '$arg' is not written yet (no hack/bench/$arg.sh)"
      names+=("$arg")
      ;;
  esac
done
if [ ${#names[@]} -eq 0 ]; then
  names=("${ALL_BENCHMARKS[@]}")
fi
for name in "${names[@]}"; do
  [ -x "$NETMARK_ROOT/hack/bench/$name.sh" ] || die "hack/bench.sh: hack/bench/$name.sh is missing"
done
if $update_docs && [ -n "${BENCH_SMOKE:-}" ]; then
  die "hack/bench.sh: --update-docs with --smoke: smoke numbers must not reach docs/performance.md"
fi

require_root "hack/bench.sh"
ensure_packages "${RUNTIME_PACKAGES[@]}" "${TEST_PACKAGES[@]}"
use_java25
build_bench_jar

BENCH_OUT="${BENCH_OUT:-$(bench_out_default)}"
export BENCH_OUT
mkdir -p "$BENCH_OUT"
headlines=()
for name in "${names[@]}"; do
  echo "netmark: benchmark $name${BENCH_SMOKE:+ (smoke)}" >&2
  log="$BENCH_OUT/$name.log"
  started=$SECONDS
  "$NETMARK_ROOT/hack/bench/$name.sh" 2>&1 | tee "$log"
  echo "netmark: benchmark $name took $((SECONDS - started)) s" >&2
  headlines+=("$(tail -n 1 "$log")")
done

if $update_docs; then
  bench_java dev.netmark.bench.PerformanceDoc "$BENCH_OUT" "$NETMARK_ROOT/hack/bench/notes" \
    "$NETMARK_ROOT/docs/performance.md" "${ALL_BENCHMARKS[@]}"
fi
printf '%s\n' "${headlines[@]}"
