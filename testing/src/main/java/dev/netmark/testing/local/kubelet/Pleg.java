package dev.netmark.testing.local.kubelet;

import dev.netmark.shim.cri.CriClient;
import dev.netmark.shim.cri.api.ContainerState;
import dev.netmark.shim.cri.api.ContainerStatusRequest;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * kubelet's pod lifecycle event generator, reduced to what local mode needs: once per period
 * (kubelet's relist period is 1 s) it asks the runtime for the state of every watched container and
 * completes a container's future when it has exited. Only containers that can exit are watched
 * (those with a command, e.g. a traffic-model iperf3), and it asks with ContainerStatus, which the
 * shim answers itself: ListContainers would be merged with the upstream runtime's answer, and local
 * mode has no upstream runtime.
 */
final class Pleg implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Pleg.class);

  private final CriClient cri;
  private final Duration period;
  private final Map<String, CompletableFuture<Void>> watched = new ConcurrentHashMap<>();
  private final Thread thread;
  private volatile boolean closed;

  Pleg(CriClient cri, Duration period, String node) {
    this.cri = cri;
    this.period = period;
    this.thread = Thread.ofVirtual().name("pleg-" + node).start(this::loop);
  }

  /** A future completed when container {@code id} has exited. */
  CompletableFuture<Void> exited(String id) {
    return watched.computeIfAbsent(id, k -> new CompletableFuture<>());
  }

  /** Stops watching {@code id}. */
  void forget(String id) {
    watched.remove(id);
  }

  private void loop() {
    String failing = null;
    while (!closed) {
      try {
        Thread.sleep(period);
        if (watched.values().stream().anyMatch(f -> !f.isDone())) {
          relist();
        }
        if (failing != null) {
          LOG.info("container status on {} answers again", cri.socket());
          failing = null;
        }
      } catch (InterruptedException e) {
        return; // close() interrupts
      } catch (StatusRuntimeException e) {
        // kubelet keeps relisting when the runtime hiccups; so does this, saying so once.
        String now = PodWorker.describe(e.getStatus());
        if (!now.equals(failing)) {
          LOG.warn("container status on {} failed: {}", cri.socket(), now);
          failing = now;
        }
      }
    }
  }

  private void relist() {
    for (var e : Map.copyOf(watched).entrySet()) {
      if (e.getValue().isDone()) {
        continue; // kept until forget(), so exited(id) keeps answering done
      }
      var status =
          cri.runtime(CriClient.CALL_DEADLINE)
              .containerStatus(
                  ContainerStatusRequest.newBuilder().setContainerId(e.getKey()).build())
              .getStatus();
      if (status.getState() == ContainerState.CONTAINER_EXITED) {
        e.getValue().complete(null);
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    thread.interrupt();
  }
}
