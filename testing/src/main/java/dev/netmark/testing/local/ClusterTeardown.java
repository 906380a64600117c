package dev.netmark.testing.local;

import dev.netmark.testing.local.host.HostException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes a {@link LocalCluster} down in the reverse order of its start: supervision ended and every
 * dead shim started again, pods stopped through their shims (CNI DEL, namespaces removed),
 * controllers and kubelets, logs kept if asked, the fabric (control pods' CNI DEL, shims and
 * servers ended by PID, a CNI DEL for every result still cached, namespaces, links, routes, state,
 * then a sweep by prefix for anything a shim created that a failed DEL left, under the run's lock),
 * the API server, and a check that the network's host-local store holds no address. Every step runs
 * even when one before it failed, and each failure is reported, every forced removal among them; a
 * shutdown hook runs the same on Ctrl-C.
 */
final class ClusterTeardown {
  private static final Logger LOG = LoggerFactory.getLogger(ClusterTeardown.class);

  private final LocalCluster cluster;
  private final Thread hook;
  private boolean done;
  private boolean interruptedDuring;

  ClusterTeardown(LocalCluster cluster) {
    this.cluster = cluster;
    this.hook = new Thread(this::run, "netmark-local-teardown");
  }

  void installHook() {
    Runtime.getRuntime().addShutdownHook(hook);
  }

  synchronized void run() {
    if (done) {
      return;
    }
    done = true;
    if (Thread.currentThread() != hook) {
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException | IllegalArgumentException e) {
        // Shutting down already, or the hook was never installed: nothing to remove.
      }
    }
    // Ctrl-C may have interrupted this thread; teardown runs commands, so the flag waits.
    boolean interrupted = Thread.interrupted();
    List<String> failures = new ArrayList<>();
    var spec = cluster.spec();
    step(failures, "stopping the raw pings", cluster::stopRawPings);
    if (cluster.supervisor() != null) {
      // Before any pod is stopped: every StopPodSandbox must reach a live shim, a dead one started
      // again for it. This also ends supervision before the fabric ends the shims.
      step(failures, "starting dead shims to stop their pods", this::reviveShims);
    }
    if (cluster.loops() != null) {
      step(failures, "stopping pods", () -> cluster.loops().drain(spec.drainTimeout()));
    }
    if (cluster.loops() != null) {
      step(failures, "stopping controllers and kubelets", () -> cluster.loops().close());
    }
    if (spec.keepLogs() != null) {
      step(failures, "keeping logs", this::keepLogs);
    }
    step(failures, "removing the fabric", () -> cluster.fabric().close());
    if (cluster.kube() != null) {
      step(failures, "closing the API client", () -> cluster.kube().close());
    }
    if (cluster.api() != null) {
      step(failures, "stopping the API server", () -> cluster.api().close());
    }
    step(
        failures,
        "checking the IPAM store",
        () -> {
          List<String> held = cluster.fabric().ipamAllocations();
          if (!held.isEmpty()) {
            throw new HostException(
                "host-local still holds "
                    + held.size()
                    + " addresses of this run (the next run's ADDs would fail with duplicate"
                    + " allocation): "
                    + String.join(", ", held));
          }
        });
    if (spec.kubeconfigOut() != null) {
      step(
          failures,
          "removing " + spec.kubeconfigOut(),
          () -> Files.deleteIfExists(spec.kubeconfigOut()));
    }
    if (interrupted || interruptedDuring) {
      Thread.currentThread().interrupt();
    }
    if (!failures.isEmpty()) {
      throw new HostException(
          "local cluster teardown had problems:\n  - " + String.join("\n  - ", failures));
    }
  }

  private void reviveShims() throws InterruptedException {
    ShimSupervisor.Revival r = cluster.supervisor().reviveForTeardown();
    if (cluster.loops() != null) {
      r.revived().forEach(cluster.loops()::runtimeRestarted);
      r.lost().keySet().forEach(cluster.loops()::runtimeLost);
    }
    if (!r.lost().isEmpty()) {
      throw new HostException(
          "shims that could not be started to stop their pods (a pod of theirs still holding its"
              + " network is force-removed below): "
              + r.lost().values().stream()
                  .map(m -> m.lines().findFirst().orElse(m))
                  .collect(Collectors.joining("; ")));
    }
  }

  private void keepLogs() throws IOException {
    Path from = cluster.runDir().resolve("logs");
    Path to = cluster.spec().keepLogs();
    Files.createDirectories(to);
    if (!Files.isDirectory(from)) {
      return;
    }
    try (Stream<Path> logs = Files.list(from)) {
      for (Path p : logs.toList()) {
        Files.copy(p, to.resolve(p.getFileName()), StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }

  private interface Step {
    void run() throws Exception;
  }

  private void step(List<String> failures, String what, Step step) {
    try {
      step.run();
    } catch (InterruptedException e) {
      // Finish the teardown first; run() restores the flag at the end.
      interruptedDuring = true;
      failures.add(what + ": interrupted");
    } catch (Exception e) {
      failures.add(what + ": " + e.getMessage());
      LOG.debug("teardown step '{}' failed", what, e);
    }
  }
}
