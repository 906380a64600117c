package dev.netmark.shim.cri;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.netmark.contract.EventKind;
import dev.netmark.contract.PodEvent;
import dev.netmark.shim.Shim;
import dev.netmark.shim.cri.api.ContainerConfig;
import dev.netmark.shim.cri.api.ContainerMetadata;
import dev.netmark.shim.cri.api.ContainerState;
import dev.netmark.shim.cri.api.ContainerStatusRequest;
import dev.netmark.shim.cri.api.CreateContainerRequest;
import dev.netmark.shim.cri.api.ListPodSandboxRequest;
import dev.netmark.shim.cri.api.PodSandbox;
import dev.netmark.shim.cri.api.PodSandboxState;
import dev.netmark.shim.cri.api.PodSandboxStatusRequest;
import dev.netmark.shim.cri.api.StartContainerRequest;
import dev.netmark.shim.testing.NetperfNodeFixture;
import dev.netmark.shim.testing.Pods;
import dev.netmark.shim.testing.ShimHttp;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** A shim stopped in the middle of a run and started again on the same state directory. */
class RestartIT {
  private static final String UID_A = "0f9c1d2e-0000-4000-8000-00000000000a";
  private static final String UID_B = "0f9c1d2e-0000-4000-8000-00000000000b";

  @Test
  void secondShimSeesBothSandboxesDeletesThemAndKeepsEveryRecord() throws Exception {
    try (NetperfNodeFixture node = NetperfNodeFixture.create("rst", 12)) {
      String a;
      String b;
      String container;
      Map<String, String> ips;
      try (Shim first = node.startShim();
          CriClient kubelet = CriClient.connect(node.shimSocket())) {
        a =
            kubelet
                .runtime()
                .runPodSandbox(Pods.run(Pods.netperf("pod-a", UID_A)))
                .getPodSandboxId();
        b =
            kubelet
                .runtime()
                .runPodSandbox(Pods.run(Pods.netperf("pod-b", UID_B)))
                .getPodSandboxId();
        container = startIdleContainer(kubelet, a);
        ips = ipsById(kubelet);
        assertThat(ips).containsOnlyKeys(a, b);
        assertThat(node.hostLocalAllocations()).containsExactlyInAnyOrderElementsOf(ips.values());
      }
      assertThat(node.podNamespaces()).hasSize(2);

      try (Shim second = node.startShim();
          CriClient kubelet = CriClient.connect(node.shimSocket())) {
        assertThatThrownBy(node::startShim)
            .isInstanceOf(IOException.class)
            .hasMessageContaining("another shim is using the state directory");
        assertThat(ipsById(kubelet)).isEqualTo(ips);
        assertThat(
                kubelet
                    .runtime()
                    .containerStatus(
                        ContainerStatusRequest.newBuilder().setContainerId(container).build())
                    .getStatus()
                    .getState())
            .isEqualTo(ContainerState.CONTAINER_RUNNING);

        for (String id : List.of(a, b)) {
          kubelet.stopAndRemove(id);
        }
        assertThat(node.hostLocalAllocations()).isEmpty();
        assertThat(node.podNamespaces()).isEmpty();
        assertThat(node.podVeths()).isEmpty();

        List<PodEvent> records = new ShimHttp(second.metricsPort()).records();
        assertThat(records)
            .extracting(PodEvent::seq)
            .containsExactlyElementsOf(
                IntStream.range(0, records.size()).mapToObj(i -> (long) i).toList());
        for (String uid : List.of(UID_A, UID_B)) {
          assertThat(records.stream().filter(e -> e.uid().equals(uid)).map(PodEvent::kind))
              .as("events of %s across the restart", uid)
              .contains(EventKind.ADD, EventKind.DEL, EventKind.REMOVED)
              .doesNotContain(EventKind.DEL_FAILED, EventKind.ADD_FAILED);
        }
        assertThat(
                records.stream()
                    .filter(e -> e.kind() == EventKind.ADD)
                    .collect(Collectors.toMap(PodEvent::uid, PodEvent::ip)))
            .isEqualTo(Map.of(UID_A, ips.get(a), UID_B, ips.get(b)));
      }
    }
  }

  private static String startIdleContainer(CriClient kubelet, String sandbox) {
    String cid =
        kubelet
            .runtime()
            .createContainer(
                CreateContainerRequest.newBuilder()
                    .setPodSandboxId(sandbox)
                    .setConfig(
                        ContainerConfig.newBuilder()
                            .setMetadata(ContainerMetadata.newBuilder().setName("idle")))
                    .build())
            .getContainerId();
    kubelet
        .runtime()
        .startContainer(StartContainerRequest.newBuilder().setContainerId(cid).build());
    return cid;
  }

  private static Map<String, String> ipsById(CriClient kubelet) {
    return kubelet
        .runtime()
        .listPodSandbox(ListPodSandboxRequest.getDefaultInstance())
        .getItemsList()
        .stream()
        .filter(s -> s.getState() == PodSandboxState.SANDBOX_READY)
        .map(PodSandbox::getId)
        .collect(
            Collectors.toMap(
                id -> id,
                id ->
                    kubelet
                        .runtime()
                        .podSandboxStatus(
                            PodSandboxStatusRequest.newBuilder().setPodSandboxId(id).build())
                        .getStatus()
                        .getNetwork()
                        .getIp()));
  }
}
