package dev.netmark.testing.local.kubelet;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A pod's sandbox is stopped and removed even when its shim is down for a while. */
class ContainersTest {
  // The kubelet's wait between attempts, shortened: 1 ms, and the node never shuts down.
  private static final Containers.RuntimeWait FAST =
      (failures, why) -> {
        Thread.sleep(1);
        return true;
      };
  private final List<String> logged = new ArrayList<>();

  @Test
  void aStopThatMeetsARestartingShimIsRetriedUntilItSucceeds() {
    AtomicInteger calls = new AtomicInteger();
    int failed =
        Containers.untilDone(
            "StopPodSandbox s1",
            () -> {
              if (calls.incrementAndGet() <= 3) {
                throw Status.UNAVAILABLE.withDescription("io exception").asRuntimeException();
              }
            },
            FAST,
            (what, e) -> logged.add(what + ": " + e.getStatus().getCode()));

    assertThat(failed).isEqualTo(3);
    assertThat(calls).hasValue(4);
    // One line per state change, not per attempt.
    assertThat(logged).containsExactly("StopPodSandbox s1: UNAVAILABLE");
  }

  @Test
  void aSandboxTheRuntimeDoesNotKnowIsDone() {
    AtomicInteger calls = new AtomicInteger();
    Containers.untilDone(
        "RemovePodSandbox s1",
        () -> {
          calls.incrementAndGet();
          throw new StatusRuntimeException(Status.NOT_FOUND);
        },
        FAST,
        (what, e) -> logged.add(what));

    assertThat(calls).hasValue(1);
  }

  @Test
  void aNodeShuttingDownEndsTheRetries() {
    AtomicInteger calls = new AtomicInteger();
    int failed =
        Containers.untilDone(
            "StopPodSandbox s1",
            () -> {
              calls.incrementAndGet();
              throw Status.UNAVAILABLE.asRuntimeException();
            },
            (failures, why) -> failures < 2,
            (what, e) -> {});

    assertThat(calls).hasValue(2);
    assertThat(failed).isEqualTo(2);
  }

  @Test
  void teardownInterruptsTheRetries() {
    AtomicInteger calls = new AtomicInteger();
    Thread.currentThread().interrupt();
    try {
      Containers.untilDone(
          "StopPodSandbox s1",
          () -> {
            calls.incrementAndGet();
            throw Status.UNAVAILABLE.asRuntimeException();
          },
          FAST,
          (what, e) -> {});
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
    assertThat(calls).hasValue(1);
  }
}
