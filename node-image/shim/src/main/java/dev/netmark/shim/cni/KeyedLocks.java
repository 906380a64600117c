package dev.netmark.shim.cni;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One lock per key (a container id, a pod UID, a sandbox id), made when a call asks for it and
 * dropped again when nobody holds or waits for it. Calls about one key run one at a time; a call
 * about another key never waits for them, which a fixed set of locks chosen by hash cannot promise
 * (the CRI handlers used 64 such stripes, and two pods sharing one ran their ADDs one after the
 * other); and memory follows the calls in flight, not the keys seen.
 */
public final class KeyedLocks {
  private final ConcurrentHashMap<String, Entry> locks = new ConcurrentHashMap<>();

  private static final class Entry {
    final ReentrantLock lock = new ReentrantLock();
    int users;
  }

  /**
   * Acquires the lock of {@code key}; close the handle to release it. Reentrant: a thread holding a
   * key may lock it again (a sandbox's remove runs its stop).
   */
  public Handle lock(String key) throws InterruptedException {
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
  public int size() {
    return locks.size();
  }

  private void release(String key, Entry entry, boolean locked) {
    if (locked) {
      entry.lock.unlock();
    }
    locks.computeIfPresent(key, (k, e) -> --e.users == 0 ? null : e);
  }

  /** Releases a key's lock. Close it exactly once (try-with-resources). */
  public interface Handle extends AutoCloseable {
    @Override
    void close();
  }
}
