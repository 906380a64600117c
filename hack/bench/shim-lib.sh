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

# bench_shim_cleanup DIR INDEX: what a killed benchmark JVM leaves of emulated node INDEX (the
# Java program cleans up itself when it ends normally): its launched processes, the node's and its
# pods' namespaces (nso-nodeINDEX, nso-INDEX*), the host veth nso-hINDEX, and DIR.
bench_shim_cleanup() {
  local dir="$1" index="$2" ns
  bench_kill_launched "$dir"
  for ns in $(ip netns list 2>/dev/null | awk -v i="$index" '$1 ~ ("^nso-(node)?" i) {print $1}'); do
    ip netns delete "$ns" 2>/dev/null || true
  done
  ip link delete "nso-h$index" 2>/dev/null || true
  rm -rf "$dir"
}
