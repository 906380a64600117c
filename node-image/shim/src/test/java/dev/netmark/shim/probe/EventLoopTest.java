package dev.netmark.shim.probe;

import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class EventLoopTest {
  @Test
  void tasksFromOtherThreadsRunOnTheLoopInOrder() throws Exception {
    try (EventLoop loop = EventLoop.start("test-loop")) {
      List<Integer> seen = new CopyOnWriteArrayList<>();
      CompletableFuture<Boolean> onLoop = new CompletableFuture<>();
      for (int i = 0; i < 100; i++) {
        int n = i;
        loop.execute(() -> seen.add(n));
      }
      loop.execute(() -> onLoop.complete(loop.inLoop()));
      assertThat(onLoop.get(5, TimeUnit.SECONDS)).isTrue();
      assertThat(seen).hasSize(100).isSorted();
    }
  }

  @Test
  void timersFireInDueOrderAndACancelledOneNever() throws Exception {
    try (EventLoop loop = EventLoop.start("test-loop")) {
      List<String> fired = new CopyOnWriteArrayList<>();
      CountDownLatch done = new CountDownLatch(1);
      loop.execute(
          () -> {
            long now = System.nanoTime();
            loop.at(now + 30_000_000L, () -> fired.add("c"));
            loop.at(now + 10_000_000L, () -> fired.add("a"));
            loop.at(now + 20_000_000L, () -> fired.add("cancelled")).cancel();
            loop.at(now + 20_000_000L, () -> fired.add("b"));
            loop.at(now + 40_000_000L, done::countDown);
          });
      assertThat(done.await(5, TimeUnit.SECONDS)).isTrue();
      assertThat(fired).containsExactly("a", "b", "c");
    }
  }

  @Test
  void aReadyDescriptorCallsItsHandlerAndAFailingHandlerDoesNotStopTheLoop() throws Exception {
    try (EventLoop loop = EventLoop.start("test-loop");
        Arena arena = Arena.ofShared()) {
      SocketCalls.Errno errno = new SocketCalls.Errno(arena);
      int fd = SocketCalls.eventfd(errno);
      assertThat(fd).isPositive();
      MemorySegment value = arena.allocate(JAVA_LONG);
      CountDownLatch called = new CountDownLatch(2);
      CompletableFuture<Integer> registered = new CompletableFuture<>();
      loop.execute(
          () ->
              registered.complete(
                  loop.register(
                      fd,
                      SocketCalls.EPOLLIN,
                      events -> {
                        SocketCalls.read(loop.errno, fd, value, 8);
                        called.countDown();
                        throw new IllegalStateException("a handler bug");
                      })));
      assertThat(registered.get(5, TimeUnit.SECONDS)).isZero();
      value.set(JAVA_LONG, 0, 1L);
      SocketCalls.write(errno, fd, value, 8);
      Thread.sleep(50);
      value.set(JAVA_LONG, 0, 1L);
      SocketCalls.write(errno, fd, value, 8);
      assertThat(called.await(5, TimeUnit.SECONDS)).isTrue();
      CompletableFuture<Integer> after = new CompletableFuture<>();
      loop.execute(() -> after.complete(loop.registered()));
      assertThat(after.get(5, TimeUnit.SECONDS)).isEqualTo(1);
    }
  }
}
