package dev.netmark.engine.kube;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiConsumer;
import java.util.function.Predicate;

/**
 * Keeps a small {@link PodState} per pod matching a label selector in some namespaces, fed by list
 * + watch (never polling). Deleted pods stay, marked deleted, so latencies of short-lived pods
 * still count. Thread-safe; close it to stop watching.
 */
public final class PodTracker implements AutoCloseable {
  private final Map<String, Map<String, PodState>> byNamespace = new ConcurrentHashMap<>();
  private final Interner interner = new Interner();
  private final InstantSource clock;
  private final BiConsumer<PodState, PodState> listener;
  private final List<PodWatch> watches = new CopyOnWriteArrayList<>();
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private volatile long version;

  /** Minimum time between two recounts of {@link #awaitCount}. */
  static final long RECOUNT_MILLIS = 50;

  /**
   * @param listener told of every change as (before or null, after), on a watch thread; keep it
   *     quick
   */
  PodTracker(InstantSource clock, BiConsumer<PodState, PodState> listener) {
    this.clock = clock;
    this.listener = listener;
  }

  /**
   * Starts tracking pods.
   *
   * @param namespaces the namespaces to watch, empty for all
   * @param labelSelector e.g. {@code netperf=true}, or null for every pod
   * @param listener told of every change as (before or null, after); called on watch threads
   */
  public static PodTracker start(
      KubernetesClient kube,
      List<String> namespaces,
      String labelSelector,
      InstantSource clock,
      BiConsumer<PodState, PodState> listener) {
    PodTracker tracker = new PodTracker(clock, listener);
    // A null namespace watches all of them.
    List<String> targets =
        namespaces.isEmpty() ? java.util.Collections.singletonList(null) : namespaces;
    for (String ns : targets) {
      PodWatch watch = new PodWatch(kube, ns, labelSelector, tracker);
      tracker.watches.add(watch);
      watch.start();
    }
    return tracker;
  }

  /** Starts tracking without a listener. */
  public static PodTracker start(
      KubernetesClient kube, List<String> namespaces, String labelSelector) {
    return start(kube, namespaces, labelSelector, InstantSource.system(), (a, b) -> {});
  }

  /**
   * A tracker without a watch, fed only through {@link #observe}: for pods that come from somewhere
   * other than an API server (a replayed log, the engine-scale benchmark).
   */
  public static PodTracker detached(InstantSource clock) {
    return new PodTracker(clock, (before, after) -> {});
  }

  /** Records a pod as listed or watched (ADDED or MODIFIED); the watch calls it per event. */
  public void observe(Pod pod) {
    String ns = pod.getMetadata().getNamespace();
    Map<String, PodState> pods =
        byNamespace.computeIfAbsent(interner.intern(ns), k -> new ConcurrentHashMap<>());
    PodState[] change = new PodState[2];
    pods.compute(
        pod.getMetadata().getName(),
        (name, before) -> {
          change[0] = before;
          change[1] = PodState.observe(pod, before, clock.millis(), interner);
          return change[1];
        });
    publish(change[0], change[1]);
  }

  /** Records a pod deletion. */
  void deleted(Pod pod) {
    deleted(pod.getMetadata().getNamespace(), pod.getMetadata().getName());
  }

  /** How {@link #deletedUnless} names a pod. */
  static String key(String namespace, String name) {
    return namespace + "/" + name;
  }

  /**
   * After a relist of {@code namespace} (null: every namespace): marks deleted each pod there that
   * is not deleted yet and that the list no longer has ({@code listed} holds {@link #key}s). Its
   * DELETED event was lost while the watch was down.
   */
  void deletedUnless(String namespace, Set<String> listed) {
    for (Map.Entry<String, Map<String, PodState>> ns : byNamespace.entrySet()) {
      if (namespace != null && !namespace.equals(ns.getKey())) {
        continue;
      }
      for (Map.Entry<String, PodState> pod : ns.getValue().entrySet()) {
        if (!pod.getValue().deleted() && !listed.contains(key(ns.getKey(), pod.getKey()))) {
          deleted(ns.getKey(), pod.getKey());
        }
      }
    }
  }

  private void deleted(String namespace, String name) {
    Map<String, PodState> pods = byNamespace.get(namespace);
    if (pods == null) {
      return;
    }
    PodState[] change = new PodState[2];
    pods.computeIfPresent(
        name,
        (key, before) -> {
          change[0] = before;
          change[1] = before.deletedAt(clock.millis());
          return change[1];
        });
    if (change[1] != null) {
      publish(change[0], change[1]);
    }
  }

  private void publish(PodState before, PodState after) {
    if (after.equals(before)) {
      return;
    }
    listener.accept(before, after);
    lock.lock();
    try {
      version++;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** How many pods were seen, deleted ones included. */
  public int size() {
    return byNamespace.values().stream().mapToInt(Map::size).sum();
  }

  /** The state of one pod, or null when not seen. */
  public PodState get(String namespace, String name) {
    Map<String, PodState> pods = byNamespace.get(namespace);
    return pods == null ? null : pods.get(name);
  }

  /** A copy of every state. */
  public List<PodState> snapshot() {
    List<PodState> out = new ArrayList<>(size());
    byNamespace.values().forEach(m -> out.addAll(m.values()));
    return out;
  }

  /** How many pods match. */
  public long count(Predicate<PodState> condition) {
    return byNamespace.values().stream()
        .flatMap(m -> m.values().stream())
        .filter(condition)
        .count();
  }

  /**
   * Waits, woken by watch events, until at least {@code n} pods match. Bursts of events are
   * coalesced into one recount per {@link #RECOUNT_MILLIS}, so waiting costs little CPU even with
   * 100k pods.
   *
   * @return false on timeout
   */
  public boolean awaitCount(Predicate<PodState> condition, long n, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      long seen = version;
      if (count(condition) >= n) {
        return true;
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      lock.lock();
      try {
        while (version == seen && left > 0) {
          left = changed.awaitNanos(left);
        }
      } finally {
        lock.unlock();
      }
      Thread.sleep(
          Math.max(0, Math.min(RECOUNT_MILLIS, (deadline - System.nanoTime()) / 1_000_000)));
    }
  }

  /** Whether every watch is currently open. */
  public boolean watching() {
    return watches.stream().allMatch(PodWatch::open);
  }

  @Override
  public void close() {
    watches.forEach(PodWatch::close);
  }
}
