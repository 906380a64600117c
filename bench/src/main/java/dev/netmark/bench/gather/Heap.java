package dev.netmark.bench.gather;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * This process's heap during a stretch of work. Two numbers: the sum of the heap pools' peaks (an
 * upper bound: the pools peak at different moments, so it can exceed {@code -Xmx}), and the largest
 * heap still in use right after a collection (what the work needed live, the number to hold against
 * a heap limit: what G1 lets the heap grow to before it collects is not need).
 */
final class Heap implements AutoCloseable {
  private final Set<String> heapPools =
      ManagementFactory.getMemoryPoolMXBeans().stream()
          .filter(p -> p.getType() == MemoryType.HEAP)
          .map(MemoryPoolMXBean::getName)
          .collect(Collectors.toSet());
  private final AtomicLong maxAfterGc = new AtomicLong();
  private final List<Runnable> removals = new ArrayList<>();

  /** Starts watching: resets the pools' peaks and listens to every collection from now on. */
  static Heap watch() {
    Heap heap = new Heap();
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        pool.resetPeakUsage();
      }
    }
    for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      if (gc instanceof NotificationEmitter emitter) {
        NotificationListener listener = (n, handback) -> heap.collected(n.getUserData());
        emitter.addNotificationListener(
            listener,
            n ->
                GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(
                    n.getType()),
            null);
        heap.removals.add(
            () -> {
              try {
                emitter.removeNotificationListener(listener);
              } catch (javax.management.ListenerNotFoundException e) {
                // Already gone.
              }
            });
      }
    }
    return heap;
  }

  private void collected(Object data) {
    GarbageCollectionNotificationInfo info =
        GarbageCollectionNotificationInfo.from((CompositeData) data);
    long used = 0;
    for (Map.Entry<String, MemoryUsage> e : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
      if (heapPools.contains(e.getKey())) {
        used += e.getValue().getUsed();
      }
    }
    maxAfterGc.accumulateAndGet(used, Math::max);
  }

  /** The sum of the heap pools' peaks since {@link #watch}. */
  long peakBytes() {
    long sum = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        sum += pool.getPeakUsage().getUsed();
      }
    }
    return sum;
  }

  /**
   * The largest heap in use right after a collection since {@link #watch}; with no collection, the
   * heap in use now.
   */
  long liveBytes() {
    long max = maxAfterGc.get();
    return max > 0 ? max : ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  @Override
  public void close() {
    removals.forEach(Runnable::run);
  }
}
