package dev.netmark.testing.local.kubelet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netmark.shim.cri.CriClient;
import dev.netmark.testing.local.api.ApiServer;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
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
                ServerInterceptors.intercept(new AnsweringRuntime(), calls),
                ServerInterceptors.intercept(FakeRuntime.images(), calls));
        ApiServer api = ApiServer.start("127.0.0.1");
        KubernetesClient kube = api.newClient();
        CriClient cri = CriClient.connect(socket);
        Pleg pleg = new Pleg(cri, relist, "node-1")) {
      Pod pod = FakeRuntime.netperfPod(kube);
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
