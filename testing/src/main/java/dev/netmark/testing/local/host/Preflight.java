package dev.netmark.testing.local.host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Start-up checks of local mode: root, the commands and CNI plugins it runs, and address ranges
 * that clash with routes already on this machine. All problems are reported at once, each with what
 * to do about it.
 */
public final class Preflight {
  /** Commands local mode runs, with the Debian package that provides each. */
  public static final Map<String, String> COMMANDS =
      Map.of(
          "ip", "iproute2",
          "iptables", "iptables",
          "iptables-save", "iptables",
          "iptables-restore", "iptables",
          "nsenter", "util-linux",
          "iperf3", "iperf3",
          "ping", "iputils-ping");

  private static final String CNI_PACKAGE = "containernetworking-plugins";

  private Preflight() {}

  /**
   * Runs every check and throws when any fails.
   *
   * @param ownDevicePrefix routes through devices named {@code PREFIX-...} are local mode's own
   * @param planned the address ranges local mode will route, by what they are for
   * @param cniBinDir where the CNI plugins are
   * @param cniPlugins the plugin binaries the configured networks use
   * @throws HostException listing every problem and how to fix it
   */
  public static void check(
      String ownDevicePrefix, Map<String, Cidr> planned, Path cniBinDir, List<String> cniPlugins)
      throws InterruptedException {
    List<String> problems = new ArrayList<>();
    if (!isRoot()) {
      problems.add("local mode needs root (network namespaces, veths, iptables): run it as root");
    }
    problems.addAll(missing(searchPath(), cniBinDir, cniPlugins));
    if (onPath("ip")) {
      String routes = Exec.check("ip", "-4", "route", "show", "table", "all").stdout();
      problems.addAll(clashes(Route.parseAll(routes), planned, ownDevicePrefix));
    }
    if (!problems.isEmpty()) {
      throw new HostException(
          "this machine is not ready for local mode:\n  - " + String.join("\n  - ", problems));
    }
  }

  /** Whether this process runs with effective uid 0. */
  public static boolean isRoot() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("Uid:")) {
          return line.split("\\s+")[2].equals("0");
        }
      }
      throw new HostException("/proc/self/status has no Uid line");
    } catch (IOException e) {
      throw new HostException("cannot read /proc/self/status", e);
    }
  }

  /** Problems for commands not on {@code path} and plugins not in {@code cniBinDir}. */
  static List<String> missing(List<Path> path, Path cniBinDir, List<String> cniPlugins) {
    Map<String, String> missing = new LinkedHashMap<>();
    COMMANDS.keySet().stream()
        .sorted()
        .filter(c -> path.stream().noneMatch(d -> Files.isExecutable(d.resolve(c))))
        .forEach(c -> missing.put(c, COMMANDS.get(c)));
    new LinkedHashSet<>(cniPlugins)
        .stream()
            .filter(p -> !Files.isExecutable(cniBinDir.resolve(p)))
            .forEach(p -> missing.put(cniBinDir.resolve(p).toString(), CNI_PACKAGE));
    if (missing.isEmpty()) {
      return List.of();
    }
    Set<String> packages = new LinkedHashSet<>(missing.values());
    List<String> found = new ArrayList<>();
    missing.forEach((what, pkg) -> found.add(what + " (Debian package " + pkg + ")"));
    return List.of(
        "missing "
            + String.join(", ", found)
            + ": install with apt-get install -y "
            + String.join(" ", packages)
            + (cniBinDir.equals(Path.of("/usr/lib/cni")) ? "" : " or fix --cni-bin-dir"));
  }

  /** Problems for planned ranges that overlap routes not made by local mode. */
  static List<String> clashes(List<Route> routes, Map<String, Cidr> planned, String ownPrefix) {
    List<String> problems = new ArrayList<>();
    planned.forEach(
        (what, cidr) -> {
          for (Route r : routes) {
            boolean ours = r.device().startsWith(ownPrefix + "-");
            // A default route covers everything; it is how traffic leaves, not a clash.
            if (!ours && r.destination().prefix() > 0 && r.destination().overlaps(cidr)) {
              problems.add(
                  what
                      + " "
                      + cidr
                      + " overlaps the existing route '"
                      + r.line()
                      + "': choose another range");
            }
          }
        });
    return problems;
  }

  private static List<Path> searchPath() {
    List<Path> dirs = new ArrayList<>();
    for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (!d.isEmpty()) {
        dirs.add(Path.of(d));
      }
    }
    // Root's tools live in sbin even when a user's PATH leaves it out.
    dirs.addAll(List.of(Path.of("/usr/sbin"), Path.of("/sbin")));
    return dirs;
  }

  private static boolean onPath(String command) {
    return searchPath().stream().anyMatch(d -> Files.isExecutable(d.resolve(command)));
  }
}
