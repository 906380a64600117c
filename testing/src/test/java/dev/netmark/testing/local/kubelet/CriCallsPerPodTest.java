package dev.netmark.testing.local.kubelet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netmark.shim.cri.CriClient;
import dev.netmark.shim.cri.api.ContainerStatusRequest;
import dev.netmark.shim.cri.api.ContainerStatusResponse;
import dev.netmark.shim.cri.api.CreateContainerRequest;
import dev.netmark.shim.cri.api.CreateContainerResponse;
import dev.netmark.shim.cri.api.ImageServiceGrpc;
import dev.netmark.shim.cri.api.ListContainersRequest;
import dev.netmark.shim.cri.api.ListContainersResponse;
import dev.netmark.shim.cri.api.ListPodSandboxRequest;
import dev.netmark.shim.cri.api.ListPodSandboxResponse;
import dev.netmark.shim.cri.api.PodSandboxStatusRequest;
import dev.netmark.shim.cri.api.PodSandboxStatusResponse;
import dev.netmark.shim.cri.api.PullImageRequest;
import dev.netmark.shim.cri.api.PullImageResponse;
import dev.netmark.shim.cri.api.RemoveContainerRequest;
import dev.netmark.shim.cri.api.RemoveContainerResponse;
import dev.netmark.shim.cri.api.RemovePodSandboxRequest;
import dev.netmark.shim.cri.api.RemovePodSandboxResponse;
import dev.netmark.shim.cri.api.RunPodSandboxRequest;
import dev.netmark.shim.cri.api.RunPodSandboxResponse;
import dev.netmark.shim.cri.api.RuntimeServiceGrpc;
import dev.netmark.shim.cri.api.StartContainerRequest;
import dev.netmark.shim.cri.api.StartContainerResponse;
import dev.netmark.shim.cri.api.StopContainerRequest;
import dev.netmark.shim.cri.api.StopContainerResponse;
import dev.netmark.shim.cri.api.StopPodSandboxRequest;
import dev.netmark.shim.cri.api.StopPodSandboxResponse;
import dev.netmark.testing.local.api.ApiServer;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.stub.StreamObserver;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CRI calls a kubelet stand-in makes for one netperf pod, the work every one of local mode's
 * shims does per pod: 5 to start it, none while it runs (however many relist periods pass; a real
 * kubelet relists every node's runtime once a second), 4 to stop it. At 30 nodes the shims' CPU per
 * pod is what local mode costs beside the CNI (docs/performance.md, "30 nodes in local mode"), so a
 * call added per pod, or per pod and relist period, shows here first.
 */
class CriCallsPerPodTest {
  @TempDir Path dir;

  /** Answers every call a netperf pod's worker may make, recording each method's name. */
  private static final class Runtime extends RuntimeServiceGrpc.RuntimeServiceImplBase {
    @Override
    public void runPodSandbox(RunPodSandboxRequest req, StreamObserver<RunPodSandboxResponse> out) {
      answer(out, RunPodSandboxResponse.newBuilder().setPodSandboxId("s1").build());
    }

    @Override
    public void podSandboxStatus(
        PodSandboxStatusRequest req, StreamObserver<PodSandboxStatusResponse> out) {
      answer(out, FakeRuntime.sandboxStatus(req.getPodSandboxId()));
    }

    @Override
    public void createContainer(
        CreateContainerRequest req, StreamObserver<CreateContainerResponse> out) {
      answer(out, CreateContainerResponse.newBuilder().setContainerId("c1").build());
    }

    @Override
    public void startContainer(
        StartContainerRequest req, StreamObserver<StartContainerResponse> out) {
      answer(out, StartContainerResponse.getDefaultInstance());
    }

    @Override
    public void containerStatus(
        ContainerStatusRequest req, StreamObserver<ContainerStatusResponse> out) {
      answer(out, ContainerStatusResponse.getDefaultInstance());
    }

    @Override
    public void listContainers(
        ListContainersRequest req, StreamObserver<ListContainersResponse> out) {
      answer(out, ListContainersResponse.getDefaultInstance());
    }

    @Override
    public void listPodSandbox(
        ListPodSandboxRequest req, StreamObserver<ListPodSandboxResponse> out) {
      answer(out, ListPodSandboxResponse.getDefaultInstance());
    }

    @Override
    public void stopContainer(StopContainerRequest req, StreamObserver<StopContainerResponse> out) {
      answer(out, StopContainerResponse.getDefaultInstance());
    }

    @Override
    public void removeContainer(
        RemoveContainerRequest req, StreamObserver<RemoveContainerResponse> out) {
      answer(out, RemoveContainerResponse.getDefaultInstance());
    }

    @Override
    public void stopPodSandbox(
        StopPodSandboxRequest req, StreamObserver<StopPodSandboxResponse> out) {
      answer(out, StopPodSandboxResponse.getDefaultInstance());
    }

    @Override
    public void removePodSandbox(
        RemovePodSandboxRequest req, StreamObserver<RemovePodSandboxResponse> out) {
      answer(out, RemovePodSandboxResponse.getDefaultInstance());
    }
  }

  private static final class Images extends ImageServiceGrpc.ImageServiceImplBase {
    @Override
    public void pullImage(PullImageRequest req, StreamObserver<PullImageResponse> out) {
      answer(out, PullImageResponse.newBuilder().setImageRef("sha256:pause").build());
    }
  }

  private static <T> void answer(StreamObserver<T> out, T response) {
    out.onNext(response);
    out.onCompleted();
  }

  /** Records the method of every call, in arrival order. */
  private static final class Calls implements ServerInterceptor {
    final List<String> methods = new CopyOnWriteArrayList<>();

    @Override
    public <Q, A> ServerCall.Listener<Q> interceptCall(
        ServerCall<Q, A> call, Metadata headers, ServerCallHandler<Q, A> next) {
      methods.add(call.getMethodDescriptor().getBareMethodName());
      return next.startCall(call, headers);
    }
  }

  @Test
  void aNetperfPodCostsFiveCallsToStartNoneWhileItRunsAndFourToStop() throws Exception {
    Calls calls = new Calls();
    Path socket = dir.resolve("cri.sock");
    Duration relist = Duration.ofMillis(10);
    try (FakeRuntime served =
            FakeRuntime.serve(
                socket,
                ServerInterceptors.intercept(new Runtime(), calls),
                ServerInterceptors.intercept(new Images(), calls));
        ApiServer api = ApiServer.start("127.0.0.1");
        KubernetesClient kube = api.newClient();
        CriClient cri = CriClient.connect(socket);
        Pleg pleg = new Pleg(cri, relist, "node-1")) {
      Pod pod =
          kube.pods()
              .inNamespace("ns1")
              .resource(
                  new PodBuilder()
                      .withNewMetadata()
                      .withNamespace("ns1")
                      .withName("netperf-pod-0")
                      .withUid("uid-1")
                      .endMetadata()
                      .withNewSpec()
                      .addNewContainer()
                      .withName("netperf")
                      .withImage("registry.k8s.io/pause:3.10")
                      .endContainer()
                      .endSpec()
                      .build())
              .create();
      PodWorker worker = new PodWorker(FakeRuntime.node(kube, cri, pleg, dir), pod);
      Thread thread = Thread.ofVirtual().start(worker);
      while (!calls.methods.contains("StartContainer")) {
        Thread.sleep(5);
      }
      // Fifty relist periods of a running pod: not one call more.
      Thread.sleep(relist.multipliedBy(50));
      List<String> running = List.copyOf(calls.methods);
      worker.delete();
      thread.join(Duration.ofSeconds(60));

      assertThat(thread.isAlive()).isFalse();
      assertThat(running)
          .containsExactly(
              "RunPodSandbox",
              "PodSandboxStatus",
              "PullImage",
              "CreateContainer",
              "StartContainer");
      assertThat(calls.methods.subList(running.size(), calls.methods.size()))
          .containsExactly(
              "StopContainer", "StopPodSandbox", "RemoveContainer", "RemovePodSandbox");
    }
  }
}
