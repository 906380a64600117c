package dev.netmark.bench.faults;

import dev.netmark.contract.MetricNames;
import dev.netmark.testing.local.LocalCluster;
import dev.netmark.testing.local.fabric.NodePlan;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Kills nodes' shims with SIGKILL, as a crash or the OOM killer would; local mode's supervisor
 * starts them again as a node's runtime restarts its start script. A kill waits until the node's
 * shim is healthy, so each kill hits a shim that runs.
 */
final class ShimKiller {
  private static final Duration HEALTHY_TIMEOUT = Duration.ofSeconds(90);
  static final Duration REST = Duration.ofSeconds(30);
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

  private final LocalCluster cluster;
  private final Random random;
  private final List<String> kills = new ArrayList<>();
  private final java.util.Map<String, Long> lastKill = new java.util.HashMap<>();

  ShimKiller(LocalCluster cluster, Random random) {
    this.cluster = cluster;
    this.random = random;
  }

  /** Kills the shim of a random node once it is healthy; the line says which and when. */
  synchronized void killRandom() throws InterruptedException {
    NodePlan node = rested();
    long pid = awaitHealthy(node);
    lastKill.put(node.name(), System.nanoTime());
    ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
    String line = Instant.now() + " kill -9 shim of " + node.name() + " (pid " + pid + ")";
    kills.add(line);
    System.err.println("fault-soak: " + line);
  }

  /** A random node not killed within {@link #REST}, waiting for one if need be. */
  private NodePlan rested() throws InterruptedException {
    while (true) {
      long now = System.nanoTime();
      List<NodePlan> rested =
          cluster.fabric().nodes().stream()
              .filter(
                  n ->
                      now - lastKill.getOrDefault(n.name(), now - REST.toNanos()) >= REST.toNanos())
              .toList();
      if (!rested.isEmpty()) {
        return rested.get(random.nextInt(rested.size()));
      }
      Thread.sleep(500);
    }
  }

  /**
   * Waits until the node's current shim answers {@code /healthz}, up to {@link #HEALTHY_TIMEOUT}.
   *
   * @return its pid
   * @throws IllegalStateException when it does not
   */
  long awaitHealthy(NodePlan node) throws InterruptedException {
    URI healthz =
        URI.create(
            "http://" + node.ip() + ":" + MetricNames.DEFAULT_SHIM_PORT + MetricNames.PATH_HEALTHZ);
    long end = System.nanoTime() + HEALTHY_TIMEOUT.toNanos();
    while (System.nanoTime() < end) {
      long pid = cluster.shimPid(node.name());
      if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) && healthy(healthz)) {
        return pid;
      }
      Thread.sleep(100);
    }
    throw new IllegalStateException(
        "the shim of " + node.name() + " was not healthy within " + HEALTHY_TIMEOUT);
  }

  /** Whether the node's shim is healthy within {@link #HEALTHY_TIMEOUT}. */
  boolean cameBack(NodePlan node) throws InterruptedException {
    try {
      awaitHealthy(node);
      return true;
    } catch (IllegalStateException e) {
      return false;
    }
  }

  private static boolean healthy(URI uri) throws InterruptedException {
    try {
      HttpRequest r = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).build();
      return HTTP.send(r, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    } catch (IOException e) {
      return false; // down or starting
    }
  }

  /** Every kill so far, one line each. */
  synchronized List<String> kills() {
    return List.copyOf(kills);
  }
}
