package dev.netmark.bench.faults;

import dev.netmark.api.MetricSource;
import dev.netmark.contract.EventKind;
import dev.netmark.contract.PodEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads every shim's records through a metric source as the run goes, a few times a second, so that
 * the soak's workers can wait for a pod's probes to settle. A node that does not answer (its shim
 * is down) is read again later from where it stopped.
 */
final class RecordWatch implements AutoCloseable {
  private static final Duration POLL = Duration.ofMillis(250);

  private final MetricSource source;
  private final List<PodEvent> events = new ArrayList<>();
  private final Map<String, Set<EventKind>> kinds = new HashMap<>();
  private final Thread thread;

  RecordWatch(MetricSource source) {
    this.source = source;
    this.thread = Thread.ofPlatform().daemon().name("soak-records").start(this::poll);
  }

  private void poll() {
    MetricSource.Cursor cursor = MetricSource.Cursor.START;
    try {
      while (true) {
        MetricSource.EventBatch b = source.events(cursor);
        cursor = b.next();
        synchronized (this) {
          for (PodEvent e : b.events()) {
            events.add(e);
            kinds.computeIfAbsent(e.uid(), u -> EnumSet.noneOf(EventKind.class)).add(e.kind());
          }
          notifyAll();
        }
        Thread.sleep(POLL);
      }
    } catch (InterruptedException e) {
      // close(): reading ends.
    }
  }

  /**
   * Waits until the pod's probes settled (NETWORK_READY or PROBE_FAILED) or {@code timeout} passed.
   */
  synchronized boolean awaitSettled(String uid, Duration timeout) throws InterruptedException {
    return await(
        timeout, () -> has(uid, EventKind.NETWORK_READY) || has(uid, EventKind.PROBE_FAILED));
  }

  /** Waits until {@code done} holds (checked after each read) or {@code timeout} passed. */
  synchronized boolean await(Duration timeout, java.util.function.BooleanSupplier done)
      throws InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    while (!done.getAsBoolean()) {
      long left = end - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      wait(Math.max(1, left / 1_000_000));
    }
    return true;
  }

  private boolean has(String uid, EventKind kind) {
    return kinds.getOrDefault(uid, Set.of()).contains(kind);
  }

  /** Every event read so far. */
  synchronized List<PodEvent> events() {
    return List.copyOf(events);
  }

  @Override
  public void close() throws InterruptedException {
    thread.interrupt();
    thread.join();
  }
}
