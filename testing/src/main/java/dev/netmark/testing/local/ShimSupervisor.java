package dev.netmark.testing.local;

import dev.netmark.api.ClusterEvent;
import dev.netmark.testing.local.fabric.Fabric;
import dev.netmark.testing.local.host.HostException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps every node's shim running, as a real node's restart does (the node image's start script
 * restarted by its container runtime, or systemd): a shim that exits is started again with the same
 * command (state dir, socket, metrics address) after {@link RestartPolicy}'s back-off, and the
 * node's kubelet is told once it is healthy. A node over the policy's restart limit is given up and
 * reported with the shim's last log lines. One virtual thread per node.
 */
final class ShimSupervisor implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ShimSupervisor.class);
  private static final int LOG_LINES = 10;

  /** What the supervisor reports; called from its threads. */
  interface Listener {
    /** The shim of {@code event.node()} is healthy again after dying at {@code event.at()}. */
    void restarted(ClusterEvent event);

    /** The shim of {@code node} stays down; {@code message} says why, with its last log lines. */
    void gaveUp(String node, String message);
  }

  private final Fabric fabric;
  private final AtomicReferenceArray<ShimProcess> shims;
  private final RestartPolicy policy;
  private final Path logDir;
  private final Listener listener;
  private final Clock clock;
  private final List<Thread> threads = new ArrayList<>();
  private volatile boolean closed;

  ShimSupervisor(
      Fabric fabric,
      List<ShimProcess> shims,
      RestartPolicy policy,
      Path logDir,
      Listener listener,
      Clock clock) {
    this.fabric = fabric;
    this.shims = new AtomicReferenceArray<>(shims.toArray(ShimProcess[]::new));
    this.policy = policy;
    this.logDir = logDir;
    this.listener = listener;
    this.clock = clock;
  }

  /** Starts watching every shim. */
  synchronized void start() {
    for (int i = 0; i < shims.length(); i++) {
      int node = i;
      threads.add(
          Thread.ofVirtual()
              .name("supervise-" + shims.get(i).command().node())
              .start(() -> supervise(node)));
    }
  }

  /** The shim that runs for node number {@code i} now. */
  ShimProcess shim(int i) {
    return shims.get(i);
  }

  private void supervise(int i) {
    List<Instant> restarts = new ArrayList<>();
    try {
      while (!closed) {
        ShimProcess shim = shims.get(i);
        // waitFor, not onExit(): onExit completes on the common pool, which other work may hold.
        shim.process().waitFor();
        if (closed) {
          return;
        }
        Instant died = clock.instant();
        String node = shim.command().node();
        String exit = shim.exitDescription();
        Optional<Duration> delay = policy.next(restarts, died);
        if (delay.isEmpty()) {
          String message =
              "the shim of "
                  + node
                  + " keeps dying: "
                  + restarts.size()
                  + " restarts within "
                  + RestartPolicy.WINDOW.toSeconds()
                  + " s, the limit, and it exited again ("
                  + exit
                  + "); its last log lines ("
                  + logDir.resolve(ShimProcess.logName(node) + ".log")
                  + "):\n"
                  + shim.lastLogLines(logDir, LOG_LINES);
          LOG.error("{}", message);
          listener.gaveUp(node, message);
          return;
        }
        LOG.warn(
            "shim on {} exited ({}); restarting it in {} ms", node, exit, delay.get().toMillis());
        Thread.sleep(delay.get());
        restarts.add(clock.instant());
        if (restartAndAwait(i, shim.command())) {
          LOG.info(
              "shim on {} is back after {} ms",
              node,
              Duration.between(died, clock.instant()).toMillis());
          listener.restarted(new ClusterEvent(died, node, ClusterEvent.SHIM_RESTART, exit));
        }
      }
    } catch (InterruptedException e) {
      // close() interrupts: supervision ends.
    }
  }

  /** Starts the shim again and waits until healthy; false when it died or hung meanwhile. */
  private boolean restartAndAwait(int i, ShimCommand command) throws InterruptedException {
    if (closed) {
      return false;
    }
    ShimProcess next = ShimProcess.start(fabric, command);
    shims.set(i, next);
    try {
      next.awaitReady(logDir);
      return true;
    } catch (HostException e) {
      // Dead before it was ready, or hung: the next round of the loop counts it as a death.
      LOG.warn("restarted shim of {} did not come up: {}", command.node(), e.getMessage());
      next.process().destroyForcibly();
      return false;
    }
  }

  /**
   * What {@link #reviveForTeardown} did.
   *
   * @param revived the nodes whose dead shim was started again and is healthy
   * @param lost the nodes whose shim is not healthy, each with why
   */
  record Revival(List<String> revived, Map<String, String> lost) {}

  /**
   * For a teardown that must stop every pod through its shim: stops supervising, starts every shim
   * that is dead now once more (ignoring the restart limit: a node given up still holds pods), and
   * waits until every shim is healthy, also one the supervisor was starting when it stopped.
   */
  Revival reviveForTeardown() throws InterruptedException {
    close();
    List<String> revived = new ArrayList<>();
    for (int i = 0; i < shims.length(); i++) {
      ShimProcess shim = shims.get(i);
      if (!shim.process().isAlive()) {
        LOG.warn(
            "shim on {} is down at teardown ({}); starting it to stop its pods",
            shim.command().node(),
            shim.exitDescription());
        shims.set(i, ShimProcess.start(fabric, shim.command()));
        revived.add(shim.command().node());
      }
    }
    Map<String, String> lost = new LinkedHashMap<>();
    for (int i = 0; i < shims.length(); i++) {
      ShimProcess shim = shims.get(i);
      try {
        shim.awaitReady(logDir);
      } catch (HostException e) {
        lost.put(shim.command().node(), e.getMessage());
        revived.remove(shim.command().node());
      }
    }
    return new Revival(revived, lost);
  }

  /** Stops supervising (before teardown ends the shims); safe to call twice. */
  @Override
  public synchronized void close() {
    closed = true;
    threads.forEach(Thread::interrupt);
    for (Thread t : threads) {
      try {
        t.join(Duration.ofSeconds(5));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    threads.clear();
  }
}
