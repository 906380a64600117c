package dev.netmark.engine.app;

import dev.netmark.api.MetricSource;
import dev.netmark.api.MetricSource.Cursor;
import dev.netmark.api.MetricSource.EventBatch;
import dev.netmark.contract.AppTier;
import dev.netmark.contract.ProbeTargets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the {@code applications} of the probe-targets ConfigMap current for one model: once a
 * second it reads the shims' new events (which pods became network-ready or were torn down) and,
 * when the model's tiers changed, writes them in one update. However many pods come and go, that is
 * at most one write a second (docs/design.md, "Application models").
 */
final class TierPublisher implements AutoCloseable {
  static final Duration PERIOD = Duration.ofSeconds(1);
  private static final Logger LOG = LoggerFactory.getLogger(TierPublisher.class);
  // Reads of one tick that find more events waiting; a backlog beyond that waits a tick.
  private static final int MAX_READS = 20;

  private final MetricSource source;
  private final TierPods pods;
  private final Supplier<Map<String, AppTier>> tiers;
  private final Predicate<Map<String, AppTier>> writer;
  private final Supplier<Set<String>> running;
  private final Thread thread;
  private Cursor cursor;
  private long ticks;
  private int writes;

  /**
   * @param from where the shims' record logs stood before the model's first pod was created
   * @param tiers the model's tiers as they should be published now, keyed {@link
   *     ProbeTargets#tierKey}
   * @param writer publishes the tiers and says whether it wrote (false: unchanged)
   * @param running the model's pods ({@code namespace/name}) with every container running, asked
   *     only while a network-ready pod waits for it (a list request per round during deploys and
   *     changes, none in steady state)
   */
  TierPublisher(
      MetricSource source,
      Cursor from,
      TierPods pods,
      Supplier<Map<String, AppTier>> tiers,
      Predicate<Map<String, AppTier>> writer,
      Supplier<Set<String>> running,
      String app) {
    this.source = source;
    this.cursor = from;
    this.pods = pods;
    this.tiers = tiers;
    this.writer = writer;
    this.running = running;
    this.thread = Thread.ofVirtual().name("netmark-app-publisher-" + app).unstarted(this::loop);
  }

  void start() {
    thread.start();
  }

  private void loop() {
    long next = System.nanoTime();
    try {
      while (!Thread.currentThread().isInterrupted()) {
        tick();
        next += PERIOD.toNanos();
        Thread.sleep(Duration.ofNanos(Math.max(0, next - System.nanoTime())));
      }
    } catch (InterruptedException e) {
      // close() stops the loop; nothing is left to publish.
      Thread.currentThread().interrupt();
    }
  }

  /** One round: read events, publish the tiers when they changed. */
  void tick() throws InterruptedException {
    try {
      for (int i = 0; i < MAX_READS; i++) {
        EventBatch batch = source.events(cursor);
        if (!batch.available()) {
          break;
        }
        pods.add(batch);
        cursor = batch.next();
        if (batch.caughtUp()) {
          break;
        }
      }
      if (pods.awaitsStart()) {
        pods.running(running.get());
      }
      if (writer.test(tiers.get())) {
        synchronized (this) {
          writes++;
        }
      }
    } catch (RuntimeException e) {
      // The next tick tries again; a shim or API server hiccup must not stop publishing.
      LOG.warn("publishing the application tiers failed, retrying in {}: {}", PERIOD, e.toString());
    }
    synchronized (this) {
      ticks++;
      notifyAll();
    }
  }

  /**
   * Waits until a tick that began after this call has finished, so what the caller changed before
   * is published (or found unchanged).
   */
  synchronized void awaitTick() throws InterruptedException {
    long target = ticks + 2;
    while (ticks < target && thread.isAlive()) {
      wait(PERIOD.toMillis());
    }
  }

  /** How many times the publisher wrote the ConfigMap. */
  synchronized int writes() {
    return writes;
  }

  @Override
  public void close() {
    thread.interrupt();
    try {
      thread.join(PERIOD.toMillis() * 5);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
