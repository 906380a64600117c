# Shared by hack/bench/shim-*.sh. Source it after lib.sh; don't run it.
# shellcheck shell=bash

# bench_kill_launched DIR: ends the processes a benchmark's Java program started and recorded as
# DIR/**/launcher.pid (each pid, then its children), should that program have died first.
bench_kill_launched() {
  local file pid child
  while IFS= read -r file; do
    pid=$(cat "$file")
    kill -0 "$pid" 2>/dev/null || continue
    for child in $(pgrep -P "$pid" || true); do
      kill -KILL "$child" 2>/dev/null || true
    done
    kill -KILL "$pid" 2>/dev/null || true
  done < <(find "$1" -name launcher.pid 2>/dev/null)
}
