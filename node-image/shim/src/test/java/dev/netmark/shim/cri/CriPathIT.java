package dev.netmark.shim.cri;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.netmark.contract.EventKind;
import dev.netmark.contract.MetricNames;
import dev.netmark.contract.PodEvent;
import dev.netmark.shim.Shim;
import dev.netmark.shim.cri.api.ContainerConfig;
import dev.netmark.shim.cri.api.ContainerMetadata;
import dev.netmark.shim.cri.api.ContainerState;
import dev.netmark.shim.cri.api.ContainerStatusRequest;
import dev.netmark.shim.cri.api.CreateContainerRequest;
import dev.netmark.shim.cri.api.ExecSyncRequest;
import dev.netmark.shim.cri.api.ImageSpec;
import dev.netmark.shim.cri.api.ImageStatusRequest;
import dev.netmark.shim.cri.api.ListContainersRequest;
import dev.netmark.shim.cri.api.ListPodSandboxRequest;
import dev.netmark.shim.cri.api.PodSandboxConfig;
import dev.netmark.shim.cri.api.PodSandboxFilter;
import dev.netmark.shim.cri.api.PodSandboxState;
import dev.netmark.shim.cri.api.PodSandboxStateValue;
import dev.netmark.shim.cri.api.PodSandboxStatusRequest;
import dev.netmark.shim.cri.api.PullImageRequest;
import dev.netmark.shim.cri.api.RemovePodSandboxRequest;
import dev.netmark.shim.cri.api.StartContainerRequest;
import dev.netmark.shim.cri.api.StopPodSandboxRequest;
import dev.netmark.shim.testing.NetperfNodeFixture;
import dev.netmark.shim.testing.Pods;
import dev.netmark.shim.testing.ShimHttp;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The CRI path of a netperf pod, with a test client standing in for kubelet, real CNI plugins in an
 * emulated node, real probes against a real control pod, and a real containerd upstream.
 */
class CriPathIT {
  private static NetperfNodeFixture node;
  private static Shim shim;
  private static CriClient kubelet;
  private static ShimHttp http;

  @BeforeAll
  static void start() throws Exception {
    node = NetperfNodeFixture.create("e2e", 11);
    shim = node.startShim();
    kubelet = CriClient.connect(node.shimSocket());
    http = new ShimHttp(shim.metricsPort());
  }

  @AfterAll
  static void stop() throws Exception {
    try (NetperfNodeFixture n = node;
        Shim s = shim) {
      if (kubelet != null) {
        kubelet.close();
      }
    }
  }

  @Test
  void netperfPodFromRunToRemoveLeavesNothingBehind() throws Exception {
    String uid = "0f9c1d2e-0000-4000-8000-000000000001";
    PodSandboxConfig config = Pods.netperf("pod-a", uid);
    String id = kubelet.runtime().runPodSandbox(Pods.run(config)).getPodSandboxId();
    assertThat(id).matches("[0-9a-f]{64}");

    var status = kubelet.runtime().podSandboxStatus(statusOf(id)).getStatus();
    assertThat(status.getState()).isEqualTo(PodSandboxState.SANDBOX_READY);
    assertThat(status.getMetadata()).isEqualTo(config.getMetadata());
    assertThat(status.getLabelsMap()).isEqualTo(config.getLabelsMap());
    assertThat(status.getAnnotationsMap()).isEqualTo(config.getAnnotationsMap());
    String ip = status.getNetwork().getIp();
    assertThat(ip).startsWith("10.202.11.");
    int last = Integer.parseInt(ip.substring(ip.lastIndexOf('.') + 1));
    assertThat(last).isBetween(10, 200);
    assertThat(node.hostLocalAllocations()).containsExactly(ip);
    String netns = node.podNetnsPrefix() + id.substring(0, 16);
    assertThat(node.podNamespaces()).containsExactly(netns);
    assertThat(node.podVeths()).hasSize(1);

    var listed =
        kubelet.runtime().listPodSandbox(filter(PodSandboxState.SANDBOX_READY)).getItemsList();
    assertThat(listed).extracting(s -> s.getId()).containsExactly(id);
    assertThat(
            kubelet
                .runtime()
                .listPodSandbox(filter(PodSandboxState.SANDBOX_NOTREADY))
                .getItemsList())
        .isEmpty();

    String ref =
        kubelet
            .images()
            .pullImage(
                PullImageRequest.newBuilder()
                    .setImage(ImageSpec.newBuilder().setImage("docker.io/nmcri/iperf3:1"))
                    .setSandboxConfig(config)
                    .build())
            .getImageRef();
    assertThat(ref).matches("sha256:[0-9a-f]{64}");
    var image =
        kubelet
            .images()
            .imageStatus(
                ImageStatusRequest.newBuilder()
                    .setImage(ImageSpec.newBuilder().setImage(ref))
                    .build())
            .getImage();
    assertThat(image.getId()).isEqualTo(ref);
    assertThat(image.getRepoTagsList()).containsExactly("docker.io/nmcri/iperf3:1");

    String cid =
        kubelet
            .runtime()
            .createContainer(
                CreateContainerRequest.newBuilder()
                    .setPodSandboxId(id)
                    .setSandboxConfig(config)
                    .setConfig(
                        ContainerConfig.newBuilder()
                            .setMetadata(ContainerMetadata.newBuilder().setName("traffic"))
                            .setImage(ImageSpec.newBuilder().setImage(ref))
                            .addAllCommand(
                                List.of("iperf3", "-c", "$(CONTROL_SAME_NODE)", "-t", "1")))
                    .build())
            .getContainerId();
    assertThat(containerState(cid)).isEqualTo(ContainerState.CONTAINER_CREATED);
    assertThat(
            kubelet
                .runtime()
                .listContainers(ListContainersRequest.getDefaultInstance())
                .getContainersList())
        .extracting(c -> c.getId())
        .containsExactly(cid);
    kubelet
        .runtime()
        .startContainer(StartContainerRequest.newBuilder().setContainerId(cid).build());
    assertThatThrownBy(
            () ->
                kubelet
                    .runtime()
                    .execSync(
                        ExecSyncRequest.newBuilder().setContainerId(cid).addCmd("true").build()))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNIMPLEMENTED));

    PodEvent ready = http.await(uid, EventKind.NETWORK_READY, e -> true, Duration.ofSeconds(60));
    assertThat(ready.ip()).isEqualTo(ip);
    List<PodEvent> events = http.records().stream().filter(e -> e.uid().equals(uid)).toList();
    PodEvent add = events.stream().filter(e -> e.kind() == EventKind.ADD).findFirst().orElseThrow();
    assertThat(add.attempt()).isEqualTo(1);
    assertThat(add.seconds().get(MetricNames.CNI_ADD)).isPositive();
    assertThat(add.seconds().get(MetricNames.CNI_ADD_TOTAL))
        .isGreaterThanOrEqualTo(add.seconds().get(MetricNames.CNI_ADD));
    assertThat(
            events.stream()
                .filter(e -> e.kind() == EventKind.PROBE)
                .flatMap(e -> e.seconds().keySet().stream())
                .filter(k -> !k.endsWith("_arrival") && !k.endsWith("_read")))
        .containsExactlyInAnyOrderElementsOf(
            Stream.of("probe_same_node", "probe_remote_node", "probe_service", "probe_external")
                .flatMap(c -> Stream.of(c, c + "_first", c + "_late", c + "_unanswered"))
                .toList());
    assertThat(http.sample("netmark_pods_network_ready_total")).isEqualTo(1.0);

    PodEvent traffic = http.await(uid, EventKind.TRAFFIC, e -> true, Duration.ofSeconds(60));
    assertThat(traffic.traffic().get("exit_code")).isEqualTo(0.0);
    assertThat(traffic.traffic().get("bits_per_second")).isPositive();
    awaitExited(cid);
    var finished =
        kubelet
            .runtime()
            .containerStatus(ContainerStatusRequest.newBuilder().setContainerId(cid).build())
            .getStatus();
    assertThat(finished.getExitCode()).isZero();
    assertThat(finished.getReason()).isEqualTo("Completed");

    kubelet
        .runtime()
        .stopPodSandbox(StopPodSandboxRequest.newBuilder().setPodSandboxId(id).build());
    var stopped = kubelet.runtime().podSandboxStatus(statusOf(id)).getStatus();
    assertThat(stopped.getState()).isEqualTo(PodSandboxState.SANDBOX_NOTREADY);
    assertThat(stopped.hasNetwork()).isFalse();
    PodEvent del = http.await(uid, EventKind.DEL, e -> true, Duration.ofSeconds(5));
    assertThat(del.seconds().get(MetricNames.CNI_DEL)).isPositive();
    assertThat(node.hostLocalAllocations()).isEmpty();
    assertThat(node.podVeths()).isEmpty();
    // Stopping twice is fine, as with containerd.
    kubelet
        .runtime()
        .stopPodSandbox(StopPodSandboxRequest.newBuilder().setPodSandboxId(id).build());
    assertThat(
            http.records().stream().filter(e -> e.uid().equals(uid) && e.kind() == EventKind.DEL))
        .hasSize(1);

    kubelet
        .runtime()
        .removePodSandbox(RemovePodSandboxRequest.newBuilder().setPodSandboxId(id).build());
    http.await(uid, EventKind.REMOVED, e -> true, Duration.ofSeconds(5));
    assertThat(node.podNamespaces()).isEmpty();
    assertThat(
            kubelet
                .runtime()
                .listPodSandbox(ListPodSandboxRequest.getDefaultInstance())
                .getItemsList())
        .isEmpty();
    // Gone from the shim, the id now reaches containerd, which does not know it either.
    assertThatThrownBy(() -> kubelet.runtime().podSandboxStatus(statusOf(id)))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
  }

  @Test
  void ordinaryPodGoesToContainerd() throws Exception {
    PodSandboxConfig plain =
        Pods.netperf("plain", "0f9c1d2e-0000-4000-8000-000000000002").toBuilder()
            .removeLabels("netperf")
            .build();
    // containerd tries to get its pause image, which this machine has no registry for: its error
    // comes back, and the shim has created nothing.
    assertThatThrownBy(() -> kubelet.runtime().runPodSandbox(Pods.run(plain)))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getDescription()).contains("pause"));
    assertThat(node.podNamespaces()).isEmpty();
    assertThat(node.hostLocalAllocations()).isEmpty();
  }

  private static PodSandboxStatusRequest statusOf(String id) {
    return PodSandboxStatusRequest.newBuilder().setPodSandboxId(id).build();
  }

  private static ListPodSandboxRequest filter(PodSandboxState state) {
    return ListPodSandboxRequest.newBuilder()
        .setFilter(
            PodSandboxFilter.newBuilder()
                .putLabelSelector("netperf", "true")
                .setState(PodSandboxStateValue.newBuilder().setState(state)))
        .build();
  }

  private static ContainerState containerState(String cid) {
    return kubelet
        .runtime()
        .containerStatus(ContainerStatusRequest.newBuilder().setContainerId(cid).build())
        .getStatus()
        .getState();
  }

  private static void awaitExited(String cid) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (containerState(cid) != ContainerState.CONTAINER_EXITED) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("container " + cid + " did not exit: " + containerState(cid));
      }
      Thread.sleep(50);
    }
  }
}
