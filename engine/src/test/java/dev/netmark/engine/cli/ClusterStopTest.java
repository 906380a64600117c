package dev.netmark.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClusterStopTest {
  @Test
  void aFailureWhileTheTestRunsInterruptsItOnce() {
    ClusterStop stop = new ClusterStop(Thread.currentThread());
    stop.running(true);
    stop.failed("the shim of nml-node2 keeps dying");
    stop.failed("a second failure");
    assertThat(Thread.interrupted()).isTrue();
    assertThat(stop.failure()).isEqualTo("the shim of nml-node2 keeps dying");
  }

  @Test
  void aFailureBeforeTheTestStartsStopsItAtItsStart() {
    ClusterStop stop = new ClusterStop(Thread.currentThread());
    stop.failed("down");
    assertThat(Thread.interrupted()).isFalse();
    stop.running(true);
    assertThat(Thread.interrupted()).isTrue();
  }

  @Test
  void aFailureAfterTheTestIsOnlyKept() {
    ClusterStop stop = new ClusterStop(Thread.currentThread());
    stop.running(true);
    stop.running(false);
    stop.failed("down");
    assertThat(Thread.interrupted()).isFalse();
    assertThat(stop.failure()).isEqualTo("down");
  }
}
