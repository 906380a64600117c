package dev.netmark.testing.local.fabric;

import dev.netmark.testing.local.host.HostException;
import dev.netmark.testing.local.host.Leftovers;
import dev.netmark.testing.local.host.MarkedProcesses;
import dev.netmark.testing.local.host.Netns;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Long-running processes inside the fabric's namespaces: marked, logged, ended at teardown. */
final class Processes {
  private static final long LISTEN_TIMEOUT_MS = 10_000;
  private final FabricPlan plan;
  private final Teardown teardown;

  Processes(FabricPlan plan, Teardown teardown) {
    this.plan = plan;
    this.teardown = teardown;
  }

  Process start(String netns, String name, List<String> command) throws InterruptedException {
    if (!Files.exists(Netns.path(netns)) || !netns.startsWith(plan.prefix() + "-")) {
      throw new IllegalArgumentException(
          "no network namespace " + netns + " in fabric " + plan.prefix());
    }
    Path log = plan.runDir().resolve("logs").resolve(name + ".log");
    List<String> cmd = new ArrayList<>(List.of("nsenter", "--net=" + Netns.path(netns)));
    cmd.addAll(command);
    ProcessBuilder pb =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            // Appended: a restarted process (a node's shim) keeps what its predecessor logged.
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
    pb.environment().put(MarkedProcesses.ENV, plan.prefix());
    try {
      Files.createDirectories(log.getParent());
      Process p = pb.start();
      teardown.add(
          "process " + p.pid() + " (" + String.join(" ", command) + ")",
          () -> Leftovers.kill(p.toHandle()));
      return p;
    } catch (IOException e) {
      throw new HostException(
          "cannot start " + String.join(" ", command) + " in " + netns + ": " + e.getMessage(), e);
    }
  }

  /**
   * Waits until {@code p} listens on TCP {@code port}, reading the socket table of its own
   * namespace from {@code /proc/PID/net}: a probe connection would count as a client run.
   */
  void awaitListening(Process p, int port) throws InterruptedException {
    String local = String.format(":%04X ", port);
    long deadline = System.nanoTime() + LISTEN_TIMEOUT_MS * 1_000_000;
    while (System.nanoTime() < deadline) {
      if (!p.isAlive()) {
        throw new HostException(
            "process "
                + p.pid()
                + " exited with "
                + p.exitValue()
                + " before listening on "
                + port
                + "; see "
                + plan.runDir().resolve("logs"));
      }
      for (String table : List.of("tcp", "tcp6")) {
        try {
          for (String line :
              Files.readAllLines(Path.of("/proc", Long.toString(p.pid()), "net", table))) {
            String[] f = line.strip().split("\\s+");
            // Field 1 is local address:port in hex, field 3 the state; 0A is LISTEN.
            if (f.length > 3 && (f[1] + " ").endsWith(local) && f[3].equals("0A")) {
              return;
            }
          }
        } catch (IOException e) {
          // The process is between fork and exec or just exited; the next round tells.
        }
      }
      Thread.sleep(5);
    }
    throw new HostException(
        "process "
            + p.pid()
            + " did not listen on port "
            + port
            + " within "
            + LISTEN_TIMEOUT_MS
            + " ms");
  }
}
