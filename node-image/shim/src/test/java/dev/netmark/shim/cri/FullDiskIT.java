package dev.netmark.shim.cri;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.netmark.contract.EventKind;
import dev.netmark.contract.PodEvent;
import dev.netmark.shim.Shim;
import dev.netmark.shim.testing.Commands;
import dev.netmark.shim.testing.NetperfNodeFixture;
import dev.netmark.shim.testing.Pods;
import dev.netmark.shim.testing.ShimHttp;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A disk that fills up between a successful CNI ADD and the sandbox's state file: the ADD is undone
 * (DEL, namespace deleted), kubelet gets the error, and its retry after the disk has room leaves
 * exactly one namespace and one IP.
 */
class FullDiskIT {
  private static final String UID = "0f9c1d2e-0000-4000-8000-0000000000f6";

  @Test
  void aFailureAfterTheAddUndoesItAndTheRetryLeavesOneOfEach() throws Exception {
    try (NetperfNodeFixture node = NetperfNodeFixture.create("disk", 16);
        Shim shim = node.startShim();
        CriClient kubelet = CriClient.connect(node.shimSocket())) {
      Path sandboxes = node.stateDir().resolve("sandboxes");
      Commands.run(
          List.of("mount", "-t", "tmpfs", "-o", "size=8k", "nmcri-full", sandboxes.toString()));
      try {
        // Fill it: dd stops at ENOSPC, which is the point.
        Commands.status(
            List.of("dd", "if=/dev/zero", "of=" + sandboxes.resolve("fill"), "bs=4k", "count=64"));
        var run = Pods.run(Pods.netperf("pod-d", UID));
        assertThatThrownBy(() -> kubelet.runtime().runPodSandbox(run))
            .isInstanceOfSatisfying(
                StatusRuntimeException.class,
                e -> {
                  assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNKNOWN);
                  assertThat(e.getStatus().getDescription())
                      .contains("the ADD succeeded but storing it failed, so it was undone");
                });
        // Before: the namespace, the veth and the address stayed behind.
        assertThat(node.podNamespaces()).isEmpty();
        assertThat(node.hostLocalAllocations()).isEmpty();
        assertThat(node.podVeths()).isEmpty();
      } finally {
        Commands.status(List.of("umount", sandboxes.toString()));
      }
      var run = Pods.run(Pods.netperf("pod-d", UID));
      String id = kubelet.runtime().runPodSandbox(run).getPodSandboxId();
      assertThat(id).matches("[0-9a-f]{64}");
      assertThat(node.podNamespaces()).hasSize(1);
      assertThat(node.hostLocalAllocations()).hasSize(1);
      List<PodEvent> events =
          new ShimHttp(shim.metricsPort())
              .records().stream().filter(e -> e.uid().equals(UID)).toList();
      assertThat(events).extracting(PodEvent::kind).startsWith(EventKind.ADD_FAILED, EventKind.ADD);
      assertThat(events.get(1).attempt()).isEqualTo(2);
    }
  }
}
