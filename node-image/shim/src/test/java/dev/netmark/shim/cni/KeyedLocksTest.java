package dev.netmark.shim.cni;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class KeyedLocksTest {
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
}
