package dev.netmark.bench.shim;

import java.nio.file.Path;

/**
 * The baseline: one pod through {@code hack/bench/shim-overhead-direct.sh} ({@code ip netns add},
 * then the shim's {@code direct-add.sh} ADD and DEL) inside the node's namespace. The script times
 * itself, so the cost of starting it from here is not in its numbers.
 */
record DirectAdd(Path helper, Path directAddScript, BenchNode node) {
  /** The script's own timing of one pod. */
  record Timing(double netnsMs, double addMs) {
    double totalMs() {
      return netnsMs + addMs;
    }
  }

  /** Runs pod {@code index} (unique in the run: it names the container and the namespace). */
  Timing run(int index) {
    String out =
        Cmd.run(
            "nsenter",
            "--net=" + node.netns(),
            helper.toString(),
            directAddScript.toString(),
            node.conflist().toString(),
            node.podNetnsPrefix() + "d",
            String.valueOf(index),
            "/usr/lib/cni");
    return new Timing(micros(out, "netns_us ") / 1000.0, micros(out, "add_us ") / 1000.0);
  }

  private static long micros(String out, String prefix) {
    return out.lines()
        .filter(l -> l.startsWith(prefix))
        .mapToLong(l -> Long.parseLong(l.substring(prefix.length()).strip()))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("no '" + prefix + "' line in:\n" + out));
  }
}
