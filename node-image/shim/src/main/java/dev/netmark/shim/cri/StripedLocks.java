package dev.netmark.shim.cri;

import java.util.concurrent.locks.ReentrantLock;

/**
 * A fixed set of locks chosen by key, so calls about one pod or sandbox run one at a time while
 * calls about others proceed, with memory that does not grow with the number of pods.
 */
final class StripedLocks {
  private final ReentrantLock[] locks;

  StripedLocks(int stripes) {
    locks = new ReentrantLock[stripes];
    for (int i = 0; i < stripes; i++) {
      locks[i] = new ReentrantLock();
    }
  }

  ReentrantLock of(String key) {
    return locks[Math.floorMod(key.hashCode(), locks.length)];
  }
}
