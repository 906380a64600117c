package dev.netmark.shim.cni;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class KeyedLocksTest {
  private static final long BOUND_S = 30;

  @Test
  void aKeyIsExclusiveAndForgottenWhenReleased() throws Exception {
    KeyedLocks locks = new KeyedLocks();
    AtomicBoolean otherGotIt = new AtomicBoolean();
    CountDownLatch waiting = new CountDownLatch(1);
    Thread other;
    KeyedLocks.Handle c1 = locks.lock("c1");
    try {
      KeyedLocks.Handle c2 = locks.lock("c2");
      assertThat(locks.size()).isEqualTo(2);
      c2.close();
      assertThat(locks.size()).isEqualTo(1);
      other =
          Thread.ofPlatform()
              .start(
                  () -> {
                    waiting.countDown();
                    try {
                      KeyedLocks.Handle again = locks.lock("c1");
                      otherGotIt.set(true);
                      again.close();
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                    }
                  });
      waiting.await();
      // Ordering, not timing: while this thread holds c1, the other cannot have it.
      assertThat(otherGotIt).isFalse();
    } finally {
      c1.close();
    }
    other.join();
    assertThat(otherGotIt).isTrue();
    assertThat(locks.size()).isZero();
  }

  @Test
  void aKeyWhoseHashCollidesWithAHeldOneDoesNotWait() throws Exception {
    // "Aa" and "BB" have the same hashCode: any lock chosen by hash would make them wait.
    assertThat("Aa".hashCode()).isEqualTo("BB".hashCode());
    KeyedLocks locks = new KeyedLocks();
    try (KeyedLocks.Handle aa = locks.lock("Aa")) {
      CompletableFuture<Boolean> other =
          CompletableFuture.supplyAsync(
              () -> {
                try (KeyedLocks.Handle bb = locks.lock("BB")) {
                  return true;
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                  return false;
                }
              });
      // A bound on the other thread, not a timing assertion: it returns while Aa is held.
      assertThat(other.get(BOUND_S, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(locks.size()).isZero();
  }

  @Test
  void theSameThreadMayLockAKeyAgainAsRemoveDoesThroughStop() throws Exception {
    KeyedLocks locks = new KeyedLocks();
    try (KeyedLocks.Handle outer = locks.lock("sandbox")) {
      try (KeyedLocks.Handle inner = locks.lock("sandbox")) {
        assertThat(locks.size()).isEqualTo(1);
      }
      assertThat(locks.size()).isEqualTo(1);
    }
    assertThat(locks.size()).isZero();
  }

  @Test
  void callsOnOneKeyExcludeEachOtherAndNoKeyStaysBehind() throws Exception {
    KeyedLocks locks = new KeyedLocks();
    int threads = 8;
    int rounds = 5_000;
    long[] counters = new long[4];
    CountDownLatch start = new CountDownLatch(1);
    List<Future<?>> done = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
      for (int t = 0; t < threads; t++) {
        int offset = t;
        done.add(
            pool.submit(
                () -> {
                  start.await();
                  for (int i = 0; i < rounds; i++) {
                    int k = (i + offset) % counters.length;
                    try (KeyedLocks.Handle held = locks.lock("key-" + k)) {
                      // Read, yield, write: without exclusion, increments get lost.
                      long seen = counters[k];
                      Thread.yield();
                      counters[k] = seen + 1;
                    }
                  }
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> f : done) {
        f.get(BOUND_S, TimeUnit.SECONDS);
      }
    }
    long total = 0;
    for (long c : counters) {
      total += c;
    }
    assertThat(total).isEqualTo((long) threads * rounds);
    assertThat(locks.size()).isZero();
  }
}
