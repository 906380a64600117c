package dev.netmark.shim.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.netmark.contract.EventKind;
import dev.netmark.contract.MetricNames;
import dev.netmark.contract.PodEvent;
import dev.netmark.shim.cri.CriClient;
import dev.netmark.shim.cri.api.ImageFsInfoRequest;
import dev.netmark.shim.cri.api.ImageSpec;
import dev.netmark.shim.cri.api.ImageStatusRequest;
import dev.netmark.shim.cri.api.ListImagesRequest;
import dev.netmark.shim.cri.api.ListPodSandboxRequest;
import dev.netmark.shim.cri.api.PodSandboxConfig;
import dev.netmark.shim.cri.api.PodSandboxFilter;
import dev.netmark.shim.cri.api.PodSandboxState;
import dev.netmark.shim.cri.api.PodSandboxStatusRequest;
import dev.netmark.shim.cri.api.RemovePodSandboxRequest;
import dev.netmark.shim.cri.api.StatusRequest;
import dev.netmark.shim.cri.api.StopPodSandboxRequest;
import dev.netmark.shim.cri.api.VersionRequest;
import dev.netmark.shim.testing.OciArchive;
import dev.netmark.shim.testing.Pods;
import io.grpc.StatusRuntimeException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The node image running in podman (started by hack/node-image-test.sh, which sets the environment
 * {@link NodeContainer} reads; skipped otherwise): from the host, through the shim's socket,
 * ordinary CRI calls get containerd's answers and a netperf sandbox gets an address from the real
 * CNI plugins inside the container and becomes network-ready.
 */
class NodeImageIT {
  private static NodeContainer node;
  private static CriClient kubelet;

  @BeforeAll
  static void connect() {
    node = NodeContainer.fromEnvironment();
    assumeTrue(node != null, "runs inside hack/node-image-test.sh (NETMARK_NODE_IMAGE_SOCKET)");
    kubelet = CriClient.connect(node.socket());
  }

  @AfterAll
  static void close() throws InterruptedException {
    if (kubelet != null) {
      kubelet.close();
    }
  }

  @Test
  void ordinaryCallsAreAnsweredByContainerd() throws Exception {
    var version = kubelet.runtime().version(VersionRequest.getDefaultInstance());
    assertThat(version.getRuntimeName()).isEqualTo("containerd");
    assertThat(version.getRuntimeApiVersion()).isEqualTo("v1");
    assertThat(version.getRuntimeVersion()).startsWith("1.");

    // containerd's image file system is under the root of the image's containerd config.
    var fs = kubelet.images().imageFsInfo(ImageFsInfoRequest.getDefaultInstance());
    assertThat(fs.getImageFilesystemsList())
        .extracting(f -> f.getFsId().getMountpoint())
        .containsExactly("/var/lib/containerd/io.containerd.snapshotter.v1.overlayfs");
    assertThat(kubelet.runtime().status(StatusRequest.getDefaultInstance()).getStatus())
        .satisfies(
            s ->
                assertThat(s.getConditionsList())
                    .anySatisfy(
                        c -> {
                          assertThat(c.getType()).isEqualTo("RuntimeReady");
                          assertThat(c.getStatus()).isTrue();
                        }));

    // An image put into the node's containerd with ctr is what ListImages shows through the shim.
    String tag = "docker.io/nmimg/test:1";
    Path archive = OciArchive.write(node.exchange(), tag);
    node.exec(
        "ctr",
        "--address",
        "/run/containerd/containerd.sock",
        "-n",
        "k8s.io",
        "images",
        "import",
        "--no-unpack",
        NodeContainer.EXCHANGE_INSIDE + "/" + archive.getFileName());
    var images = kubelet.images().listImages(ListImagesRequest.getDefaultInstance());
    assertThat(images.getImagesList()).flatExtracting(i -> i.getRepoTagsList()).contains(tag);
    var status =
        kubelet
            .images()
            .imageStatus(
                ImageStatusRequest.newBuilder()
                    .setImage(ImageSpec.newBuilder().setImage(tag))
                    .build());
    assertThat(status.getImage().getId()).matches("sha256:[0-9a-f]{64}");

    // An ordinary pod goes to containerd, which cannot fetch its pause image without a network:
    // containerd's error comes back and the shim made no namespace.
    PodSandboxConfig plain =
        Pods.netperf("plain", "5e1f0000-0000-4000-8000-000000000002").toBuilder()
            .removeLabels("netperf")
            .build();
    assertThatThrownBy(() -> kubelet.runtime().runPodSandbox(Pods.run(plain)))
        .isInstanceOfSatisfying(
            StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getDescription()).contains("pause"));
    assertThat(node.podNamespaces()).isEmpty();
  }

  @Test
  void netperfPodBecomesNetworkReadyThroughTheRealCniInsideTheContainer() throws Exception {
    String uid = "5e1f0000-0000-4000-8000-000000000001";
    PodSandboxConfig config = Pods.netperf("netperf-a", uid);
    String id = kubelet.runtime().runPodSandbox(Pods.run(config)).getPodSandboxId();

    var status = kubelet.runtime().podSandboxStatus(statusOf(id)).getStatus();
    assertThat(status.getState()).isEqualTo(PodSandboxState.SANDBOX_READY);
    String ip = status.getNetwork().getIp();
    assertThat(ip).startsWith(node.subnet() + ".");
    assertThat(node.podNamespaces()).containsExactly(node.netnsPrefix() + id.substring(0, 16));
    assertThat(node.veths()).hasSize(1);

    // same_node pings the bridge's gateway from the pod's namespace: a real packet over the veth.
    PodEvent ready = node.await(uid, EventKind.NETWORK_READY, Duration.ofSeconds(60));
    assertThat(ready.ip()).isEqualTo(ip);
    assertThat(ready.node()).isEqualTo(node.node());
    List<PodEvent> events = node.records().stream().filter(e -> e.uid().equals(uid)).toList();
    assertThat(events.stream().filter(e -> e.kind() == EventKind.ADD))
        .singleElement()
        .satisfies(add -> assertThat(add.seconds().get(MetricNames.CNI_ADD)).isPositive());
    assertThat(
            events.stream()
                .filter(e -> e.kind() == EventKind.PROBE)
                .flatMap(e -> e.seconds().keySet().stream())
                .sorted())
        .containsExactly(
            "probe_same_node",
            "probe_same_node_arrival",
            "probe_same_node_first",
            "probe_same_node_late",
            "probe_same_node_read",
            "probe_same_node_unanswered");
    assertThat(node.sample("netmark_pods_network_ready_total")).isEqualTo(1.0);

    kubelet
        .runtime()
        .stopPodSandbox(StopPodSandboxRequest.newBuilder().setPodSandboxId(id).build());
    assertThat(node.await(uid, EventKind.DEL, Duration.ofSeconds(10)).seconds())
        .containsKey(MetricNames.CNI_DEL);
    assertThat(node.veths()).isEmpty();
    kubelet
        .runtime()
        .removePodSandbox(RemovePodSandboxRequest.newBuilder().setPodSandboxId(id).build());
    node.await(uid, EventKind.REMOVED, Duration.ofSeconds(10));
    assertThat(node.podNamespaces()).isEmpty();
    assertThat(
            kubelet
                .runtime()
                .listPodSandbox(
                    ListPodSandboxRequest.newBuilder()
                        .setFilter(
                            PodSandboxFilter.newBuilder().putLabelSelector("netperf", "true"))
                        .build())
                .getItemsList())
        .isEmpty();
  }

  private static PodSandboxStatusRequest statusOf(String id) {
    return PodSandboxStatusRequest.newBuilder().setPodSandboxId(id).build();
  }
}
