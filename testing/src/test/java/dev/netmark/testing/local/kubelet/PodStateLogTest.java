package dev.netmark.testing.local.kubelet;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PodStateLogTest {
  @Test
  void logsAChangeOnceAndNotTheRetriesThatRepeatIt() {
    PodStateLog log = new PodStateLog("ns/p", "nml-node2");
    assertThat(log.enter("RunPodSandbox failing: UNAVAILABLE: Connection refused")).isTrue();
    for (int i = 0; i < 40; i++) {
      assertThat(log.enter("RunPodSandbox failing: UNAVAILABLE: Connection refused")).isFalse();
    }
    assertThat(log.enter("sandbox s1 created after 41 failed attempts")).isTrue();
    assertThat(log.enter("running")).isTrue();
    assertThat(log.state()).isEqualTo("running");
  }
}
