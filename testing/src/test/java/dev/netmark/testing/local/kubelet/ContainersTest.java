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

  // The teardown's drain: gives up after 3 failures the same way (PodWorker's rule while draining).
  private static final Containers.RuntimeWait DRAINING =
      new Containers.RuntimeWait() {
        @Override
        public boolean await(int failures, String why) {
          return true;
        }

        @Override
        public boolean givesUp(int times) {
          return times >= 3;
        }
      };

  @Test
  void whileDrainingADelThatKeepsFailingTheSameWayIsGivenUpAfterThree() {
    AtomicInteger calls = new AtomicInteger();
    int failed =
        Containers.untilDone(
            "StopPodSandbox s1",
            () -> {
              // The shim's message names how long the DEL took: a different number each time.
              throw Status.UNKNOWN
                  .withDescription(
                      "CNI DEL failed after " + calls.incrementAndGet() + "0 ms: refusing")
                  .asRuntimeException();
            },
            DRAINING,
            (what, e) -> logged.add(what));

    assertThat(calls).hasValue(3);
    assertThat(failed).isEqualTo(3);
    assertThat(logged)
        .containsExactly(
            "StopPodSandbox s1", "StopPodSandbox s1 given up after 3 identical failures");
  }

  @Test
  void whileDrainingAFailureThatChangesStartsTheCountAgain() {
    AtomicInteger calls = new AtomicInteger();
    Containers.untilDone(
        "StopPodSandbox s1",
        () -> {
          int n = calls.incrementAndGet();
          if (n <= 2) {
            throw Status.UNKNOWN.withDescription("plugin a failed").asRuntimeException();
          }
          if (n <= 4) {
            throw Status.UNKNOWN.withDescription("plugin b failed").asRuntimeException();
          }
        },
        DRAINING,
        (what, e) -> {});

    assertThat(calls).hasValue(5); // two of each, then it worked
  }

  @Test
  void whileDrainingARestartingShimIsStillWaitedFor() {
    AtomicInteger calls = new AtomicInteger();
    int failed =
        Containers.untilDone(
            "StopPodSandbox s1",
            () -> {
              if (calls.incrementAndGet() <= 5) {
                throw Status.UNAVAILABLE.withDescription("io exception").asRuntimeException();
              }
            },
            DRAINING,
            (what, e) -> {});

    assertThat(failed).isEqualTo(5);
    assertThat(calls).hasValue(6);
  }

  @Test
  void outsideADrainADelThatKeepsFailingIsRetriedAsKubeletDoes() {
    AtomicInteger calls = new AtomicInteger();
    Containers.untilDone(
        "StopPodSandbox s1",
        () -> {
          if (calls.incrementAndGet() <= 6) {
            throw Status.UNKNOWN.withDescription("refusing").asRuntimeException();
          }
        },
        FAST,
        (what, e) -> {});

    assertThat(calls).hasValue(7);
  }
}
