package dev.netmark.engine.measurement.builtin;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CniHintsTest {
  @Test
  void theCommonFailuresGetTheirFix() {
    assertThat(
            CniHints.fix(
                "CNI ADD for container nml-node2-ctl on nml-node2: plugin ptp failed (exit 1):"
                    + " [code 11] failed to allocate for range 0: 10.240.2.2 has been allocated to"
                    + " nml-node2-ctl, duplicate allocation is not allowed"))
        .contains("--cni-reset-ipam");
    assertThat(
            CniHints.fix(
                "CNI ADD for container c on n: plugin brigde failed (exit 127): nsenter: failed to"
                    + " execute /usr/lib/cni/brigde: No such file or directory"))
        .contains("a plugin binary is missing");
    assertThat(
            CniHints.fix(
                "CNI VERSION of network n for container : failed after 3 ms: [code 1] no version"
                    + " of 9.9.9 that every plugin supports"))
        .contains("cniVersion");
    assertThat(CniHints.fix("plugin x failed: [code 11] injected failure")).isNull();
    assertThat(CniHints.withFix("duplicate allocation", "  "))
        .startsWith("duplicate allocation\n  fix: host-local's store");
  }

  @Test
  void errorsGroupWithoutWhatDiffersPerPod() {
    assertThat(
            ReadySet.groupKey(
                "ADD_FAILED on n1: CNI ADD of network x for container 9f8e: plugin p failed after"
                    + " 12 ms: boom"))
        .isEqualTo(
            "ADD_FAILED on n1: CNI ADD of network x for container *: plugin p failed after * ms:"
                + " boom");
  }
}
