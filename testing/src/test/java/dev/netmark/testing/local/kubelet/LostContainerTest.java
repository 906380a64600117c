package dev.netmark.testing.local.kubelet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netmark.shim.cri.CriClient;
import dev.netmark.shim.cri.api.Container;
import dev.netmark.shim.cri.api.ContainerMetadata;
import dev.netmark.shim.cri.api.ContainerState;
import dev.netmark.shim.cri.api.ContainerStatus;
import dev.netmark.shim.cri.api.ContainerStatusRequest;
import dev.netmark.shim.cri.api.ContainerStatusResponse;
import dev.netmark.shim.cri.api.CreateContainerRequest;
import dev.netmark.shim.cri.api.CreateContainerResponse;
import dev.netmark.shim.cri.api.ListContainersRequest;
import dev.netmark.shim.cri.api.ListContainersResponse;
import dev.netmark.shim.cri.api.PodSandboxStatusRequest;
import dev.netmark.shim.cri.api.PodSandboxStatusResponse;
import dev.netmark.shim.cri.api.RemoveContainerRequest;
import dev.netmark.shim.cri.api.RemoveContainerResponse;
import dev.netmark.shim.cri.api.StartContainerRequest;
import dev.netmark.shim.cri.api.StartContainerResponse;
import dev.netmark.testing.local.api.ApiServer;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A shim killed right after it created a container, or started it, loses the answer: the caller
 * gets UNAVAILABLE, and the restarted shim refuses the same call again (ALREADY_EXISTS, or
 * FAILED_PRECONDITION for a running container), as containerd does. The pod worker goes on with the
 * container the runtime has, and the pod runs.
 */
class LostContainerTest {
  @TempDir Path dir;

  /** A runtime that makes every container and starts it, losing the first answer of each. */
  private static final class LosingRuntime extends AnsweringRuntime {
    final Map<String, Container> containers = new ConcurrentHashMap<>();
    final AtomicInteger creates = new AtomicInteger();
    final AtomicInteger starts = new AtomicInteger();

    @Override
    public void podSandboxStatus(
        PodSandboxStatusRequest req, StreamObserver<PodSandboxStatusResponse> out) {
      var answer = FakeRuntime.sandboxStatus(req.getPodSandboxId()).toBuilder();
      containers.values().stream()
          .filter(c -> c.getPodSandboxId().equals(req.getPodSandboxId()))
          .forEach(c -> answer.addContainersStatuses(status(c)));
      FakeRuntime.answer(out, answer.build());
    }

    private static ContainerStatus status(Container c) {
      return ContainerStatus.newBuilder()
          .setId(c.getId())
          .setMetadata(c.getMetadata())
          .setState(c.getState())
          .build();
    }

    @Override
    public void createContainer(
        CreateContainerRequest req, StreamObserver<CreateContainerResponse> out) {
      creates.incrementAndGet();
      ContainerMetadata m = req.getConfig().getMetadata();
      boolean exists =
          containers.values().stream()
              .anyMatch(
                  c ->
                      c.getMetadata().getName().equals(m.getName())
                          && c.getMetadata().getAttempt() == m.getAttempt());
      if (exists) {
        out.onError(
            Status.ALREADY_EXISTS
                .withDescription(m.getName() + " attempt " + m.getAttempt() + " exists")
                .asRuntimeException());
        return;
      }
      String id = "c" + (containers.size() + 1);
      containers.put(
          id,
          Container.newBuilder()
              .setId(id)
              .setPodSandboxId(req.getPodSandboxId())
              .setMetadata(m)
              .setState(ContainerState.CONTAINER_CREATED)
              .build());
      // Made, then the shim was killed before it answered.
      out.onError(Status.UNAVAILABLE.withDescription("io exception").asRuntimeException());
    }

    /** As in local mode: a list is merged with the upstream runtime's, and there is none. */
    @Override
    public void listContainers(
        ListContainersRequest req, StreamObserver<ListContainersResponse> out) {
      out.onError(Status.UNAVAILABLE.withDescription("no upstream runtime").asRuntimeException());
    }

    @Override
    public void startContainer(
        StartContainerRequest req, StreamObserver<StartContainerResponse> out) {
      starts.incrementAndGet();
      Container c = containers.get(req.getContainerId());
      if (c.getState() != ContainerState.CONTAINER_CREATED) {
        out.onError(
            Status.FAILED_PRECONDITION
                .withDescription("container " + c.getId() + " is " + c.getState())
                .asRuntimeException());
        return;
      }
      containers.put(c.getId(), c.toBuilder().setState(ContainerState.CONTAINER_RUNNING).build());
      // Started, then the shim was killed before it answered.
      out.onError(Status.UNAVAILABLE.withDescription("io exception").asRuntimeException());
    }

    @Override
    public void containerStatus(
        ContainerStatusRequest req, StreamObserver<ContainerStatusResponse> out) {
      Container c = containers.get(req.getContainerId());
      FakeRuntime.answer(out, ContainerStatusResponse.newBuilder().setStatus(status(c)).build());
    }

    @Override
    public void removeContainer(
        RemoveContainerRequest req, StreamObserver<RemoveContainerResponse> out) {
      containers.remove(req.getContainerId());
      FakeRuntime.answer(out, RemoveContainerResponse.getDefaultInstance());
    }
  }

  @Test
  void aContainerWhoseCreateAndStartAnswersWereLostRunsOnce() throws Exception {
    LosingRuntime runtime = new LosingRuntime();
    Path socket = dir.resolve("cri.sock");
    try (FakeRuntime served =
            FakeRuntime.serve(socket, runtime.bindService(), FakeRuntime.images());
        ApiServer api = ApiServer.start("127.0.0.1");
        KubernetesClient kube = api.newClient();
        CriClient cri = CriClient.connect(socket);
        Pleg pleg = new Pleg(cri, Duration.ofHours(1), "node-1")) {
      Pod pod = FakeRuntime.netperfPod(kube);
      PodWorker worker = new PodWorker(FakeRuntime.node(kube, cri, pleg, dir), pod);
      Thread thread = Thread.ofVirtual().start(worker);
      String phase = null;
      for (int i = 0; i < 600 && !"Running".equals(phase); i++) {
        Thread.sleep(50);
        Pod now = kube.pods().inNamespace("ns1").withName("netperf-pod-0").get();
        phase = now.getStatus() == null ? null : now.getStatus().getPhase();
      }
      worker.delete();
      thread.join(Duration.ofSeconds(60));

      assertThat(thread.isAlive()).isFalse();
      assertThat(phase).isEqualTo("Running");
      assertThat(runtime.creates).hasValue(2);
      assertThat(runtime.starts).hasValue(2);
      assertThat(runtime.containers).isEmpty(); // the one container, removed with the pod
    }
  }
}
