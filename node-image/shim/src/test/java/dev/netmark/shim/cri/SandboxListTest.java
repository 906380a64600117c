package dev.netmark.shim.cri;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.netmark.shim.cri.api.ListPodSandboxRequest;
import dev.netmark.shim.cri.api.ListPodSandboxResponse;
import dev.netmark.shim.cri.api.PodSandbox;
import dev.netmark.shim.cri.api.PodSandboxFilter;
import dev.netmark.shim.cri.api.PodSandboxState;
import dev.netmark.shim.cri.api.PodSandboxStateValue;
import dev.netmark.shim.cri.api.RuntimeServiceGrpc;
import dev.netmark.shim.state.PodIdentity;
import dev.netmark.shim.state.SandboxEntry;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.unix.DomainSocketAddress;
import io.grpc.stub.StreamObserver;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ListPodSandbox over a real gRPC socket: the shim's own sandboxes, filtered as the CRI filter
 * says, merged into the runtime's answer, and answered alone when no runtime is configured (no
 * socket at the upstream path: local mode), so kubelet finds a sandbox whose RunPodSandbox answer
 * it lost.
 */
class SandboxListTest {
  private static final String READY = "aa".repeat(32);
  private static final String STOPPED = "bb".repeat(32);
  private static final List<SandboxEntry> OWN =
      List.of(entry(READY, "uid-a", true), entry(STOPPED, "uid-b", false));
  private static final String RUNTIMES = "cc".repeat(32);

  @TempDir Path dir;
  private EpollEventLoopGroup loops;
  private Server upstream;
  private CriServer shim;
  private ManagedChannel client;

  private static SandboxEntry entry(String id, String uid, boolean ready) {
    return new SandboxEntry(
        id,
        new PodIdentity("ns1", "pod-" + uid, uid, 0),
        Map.of("io.kubernetes.pod.uid", uid, "netperf", "true"),
        Map.of(),
        "",
        1,
        "/run/netns/netmark-" + id.substring(0, 16),
        "10.201.0.8",
        "{}",
        Map.of(),
        1,
        ready,
        !ready,
        List.of());
  }

  private RuntimeServiceGrpc.RuntimeServiceBlockingStub start(boolean withRuntime)
      throws Exception {
    Path up = dir.resolve("upstream.sock");
    if (withRuntime) {
      loops = new EpollEventLoopGroup(1);
      upstream =
          NettyServerBuilder.forAddress(new DomainSocketAddress(up.toString()))
              .channelType(EpollServerDomainSocketChannel.class)
              .bossEventLoopGroup(loops)
              .workerEventLoopGroup(loops)
              .addService(
                  new RuntimeServiceGrpc.RuntimeServiceImplBase() {
                    @Override
                    public void listPodSandbox(
                        ListPodSandboxRequest req, StreamObserver<ListPodSandboxResponse> out) {
                      out.onNext(
                          ListPodSandboxResponse.newBuilder()
                              .addItems(PodSandbox.newBuilder().setId(RUNTIMES))
                              .build());
                      out.onCompleted();
                    }
                  })
              .build()
              .start();
    }
    shim =
        CriServer.start(
            dir.resolve("shim.sock"),
            up,
            Map.of(
                RuntimeServiceGrpc.getListPodSandboxMethod().getFullMethodName(),
                bytes -> SandboxRoutes.list(bytes, () -> OWN, up)));
    client =
        Grpc.newChannelBuilder("unix://" + shim.socket(), InsecureChannelCredentials.create())
            .build();
    return RuntimeServiceGrpc.newBlockingStub(client).withDeadlineAfter(30, TimeUnit.SECONDS);
  }

  @AfterEach
  void stop() throws Exception {
    client.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    shim.close();
    if (upstream != null) {
      upstream.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }
  }

  private static List<String> ids(ListPodSandboxResponse r) {
    return r.getItemsList().stream().map(PodSandbox::getId).toList();
  }

  private static ListPodSandboxRequest byUid(String uid) {
    return filter(PodSandboxFilter.newBuilder().putLabelSelector("io.kubernetes.pod.uid", uid));
  }

  private static ListPodSandboxRequest filter(PodSandboxFilter.Builder f) {
    return ListPodSandboxRequest.newBuilder().setFilter(f).build();
  }

  @Test
  void withoutARuntimeTheShimAnswersWithItsOwnSandboxesFiltered() throws Exception {
    var cri = start(false);

    assertThat(ids(cri.listPodSandbox(ListPodSandboxRequest.getDefaultInstance())))
        .containsExactly(READY, STOPPED);
    assertThat(ids(cri.listPodSandbox(byUid("uid-b")))).containsExactly(STOPPED);
    assertThat(
            ids(
                cri.listPodSandbox(
                    filter(
                        PodSandboxFilter.newBuilder()
                            .setState(
                                PodSandboxStateValue.newBuilder()
                                    .setState(PodSandboxState.SANDBOX_READY))))))
        .containsExactly(READY);
    assertThat(ids(cri.listPodSandbox(filter(PodSandboxFilter.newBuilder().setId("bbbb")))))
        .containsExactly(STOPPED);
    assertThat(ids(cri.listPodSandbox(byUid("uid-gone")))).isEmpty();
  }

  @Test
  void aConfiguredRuntimeThatIsDownStillFailsTheCall() throws Exception {
    java.nio.file.Files.createFile(dir.resolve("upstream.sock")); // there, nobody listening
    var cri = start(false);

    assertThatThrownBy(() -> cri.listPodSandbox(ListPodSandboxRequest.getDefaultInstance()))
        .isInstanceOfSatisfying(
            io.grpc.StatusRuntimeException.class,
            e -> assertThat(e.getStatus().getCode()).isEqualTo(io.grpc.Status.Code.UNAVAILABLE));
  }

  @Test
  void withARuntimeItsSandboxesComeFirstThenTheShimsMatchingOnes() throws Exception {
    var cri = start(true);

    assertThat(ids(cri.listPodSandbox(ListPodSandboxRequest.getDefaultInstance())))
        .containsExactly(RUNTIMES, READY, STOPPED);
    assertThat(ids(cri.listPodSandbox(byUid("uid-a"))))
        .containsExactly(RUNTIMES, READY); // the runtime filters its own; the fake does not
  }
}
