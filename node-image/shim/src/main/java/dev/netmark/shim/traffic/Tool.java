package dev.netmark.shim.traffic;

import java.util.List;

/** The tools the traffic model may run, each only from its fixed absolute path. */
public enum Tool {
  IPERF3("iperf3", "/usr/bin/iperf3"),
  PING("ping", "/usr/bin/ping", "/bin/ping"),
  CURL("curl", "/usr/bin/curl");

  private final String name;
  private final List<String> paths;

  Tool(String name, String... paths) {
    this.name = name;
    this.paths = List.of(paths);
  }

  /** The name a container command may use. */
  public String toolName() {
    return name;
  }

  /** The binary that is executed (never looked up on a PATH). */
  public String executable() {
    return paths.get(0);
  }

  /** The tool a container's first argument names, or null: a bare name or one of its paths. */
  static Tool named(String argv0) {
    for (Tool t : values()) {
      if (t.name.equals(argv0) || t.paths.contains(argv0)) {
        return t;
      }
    }
    return null;
  }
}
