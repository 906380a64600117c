package dev.netmark.shim.cni;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/** One lock per key (container id), dropped again when nobody holds or waits for it. */
final class KeyedLocks {
  private final ConcurrentHashMap<String, Entry> locks = new ConcurrentHashMap<>();

  private static final class Entry {
    final ReentrantLock lock = new ReentrantLock();
    int users;
  }

  /** Acquires the lock of {@code key}; close the handle to release it. */
  Handle lock(String key) throws InterruptedException {
    Entry entry =
        locks.compute(
            key,
            (k, e) -> {
              Entry held = e == null ? new Entry() : e;
              held.users++;
              return held;
            });
    try {
      entry.lock.lockInterruptibly();
    } catch (InterruptedException e) {
      release(key, entry, false);
      throw e;
    }
    return () -> release(key, entry, true);
  }

  /** Number of keys currently locked or waited for (for tests: no leak). */
  int size() {
    return locks.size();
  }

  private void release(String key, Entry entry, boolean locked) {
    if (locked) {
      entry.lock.unlock();
    }
    locks.computeIfPresent(key, (k, e) -> --e.users == 0 ? null : e);
  }

  /** Releases a key's lock. */
  interface Handle extends AutoCloseable {
    @Override
    void close();
  }
}
