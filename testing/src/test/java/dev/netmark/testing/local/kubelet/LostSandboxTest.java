package dev.netmark.testing.local.kubelet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netmark.shim.cri.CriClient;
import dev.netmark.shim.cri.api.ListPodSandboxRequest;
import dev.netmark.shim.cri.api.ListPodSandboxResponse;
import dev.netmark.shim.cri.api.PodSandbox;
import dev.netmark.shim.cri.api.PodSandboxStatusRequest;
import dev.netmark.shim.cri.api.PodSandboxStatusResponse;
import dev.netmark.shim.cri.api.RemovePodSandboxRequest;
import dev.netmark.shim.cri.api.RemovePodSandboxResponse;
import dev.netmark.shim.cri.api.RunPodSandboxRequest;
import dev.netmark.shim.cri.api.RunPodSandboxResponse;
import dev.netmark.shim.cri.api.RuntimeServiceGrpc;
import dev.netmark.shim.cri.api.StopPodSandboxRequest;
import dev.netmark.shim.cri.api.StopPodSandboxResponse;
import dev.netmark.testing.local.api.ApiServer;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A RunPodSandbox whose answer is lost (the shim created the sandbox, then was killed: the caller
 * got UNAVAILABLE) leaves no sandbox: the pod worker finds it by the pod's UID label, as kubelet
 * does, and stops and removes it before its next attempt or when the pod is deleted.
 */
class LostSandboxTest {
  private static final String UID = "uid-887";

  @TempDir Path dir;

  /**
   * A runtime that creates the first two sandboxes asked for and loses both answers (later attempts
   * fail without creating one). With {@code staysDown}, it answers nothing else after the first
   * loss until {@link #down} is cleared: a shim that is not back yet.
   */
  private static class LosingRuntime extends RuntimeServiceGrpc.RuntimeServiceImplBase {
    final Map<String, String> sandboxes = new ConcurrentHashMap<>(); // id -> pod UID
    final List<String> stopped = new CopyOnWriteArrayList<>();
    final List<String> removed = new CopyOnWriteArrayList<>();
    final AtomicInteger runs = new AtomicInteger();
    final boolean staysDown;
    volatile boolean down;

    LosingRuntime(boolean staysDown) {
      this.staysDown = staysDown;
    }

    @Override
    public void runPodSandbox(RunPodSandboxRequest req, StreamObserver<RunPodSandboxResponse> out) {
      int n = runs.incrementAndGet();
      if (n <= 2 && !down) {
        sandboxes.put("lost" + n, req.getConfig().getMetadata().getUid());
        down = staysDown;
      }
      // The shim was killed just after creating it, or is still down.
      out.onError(Status.UNAVAILABLE.withDescription("io exception").asRuntimeException());
    }

    @Override
    public void listPodSandbox(
        ListPodSandboxRequest req, StreamObserver<ListPodSandboxResponse> out) {
      if (down) {
        out.onError(Status.UNAVAILABLE.withDescription("io exception").asRuntimeException());
        return;
      }
      String uid = req.getFilter().getLabelSelectorMap().get(CriConfigs.LABEL_POD_UID);
      var answer = ListPodSandboxResponse.newBuilder();
      sandboxes.forEach(
          (id, owner) -> {
            if (uid == null || uid.equals(owner)) {
              answer.addItems(PodSandbox.newBuilder().setId(id));
            }
          });
      out.onNext(answer.build());
      out.onCompleted();
    }

    @Override
    public void stopPodSandbox(
        StopPodSandboxRequest req, StreamObserver<StopPodSandboxResponse> out) {
      stopped.add(req.getPodSandboxId());
      out.onNext(StopPodSandboxResponse.getDefaultInstance());
      out.onCompleted();
    }

    @Override
    public void removePodSandbox(
        RemovePodSandboxRequest req, StreamObserver<RemovePodSandboxResponse> out) {
      removed.add(req.getPodSandboxId());
      sandboxes.remove(req.getPodSandboxId());
      out.onNext(RemovePodSandboxResponse.getDefaultInstance());
      out.onCompleted();
    }
  }

  @Test
  void aLostSandboxIsRemovedWhenThePodIsDeleted() throws Exception {
    LosingRuntime runtime = new LosingRuntime(true);
    run(
        runtime,
        worker -> {
          assertThat(runtime.stopped).isEmpty(); // the shim is down: nothing found yet
          assertThat(worker.sandboxId()).isNull();
          worker.delete();
          runtime.down = false; // the shim is back while the worker cleans up
        });

    assertThat(runtime.stopped).containsExactly("lost1");
    assertThat(runtime.removed).containsExactly("lost1");
    assertThat(runtime.sandboxes).isEmpty();
  }

  @Test
  void lostSandboxesAreRemovedBeforeTheNextAttempt() throws Exception {
    LosingRuntime runtime = new LosingRuntime(false);
    run(
        runtime,
        worker -> {
          // Before attempt 2 the worker removed lost1, before attempt 3 lost2.
          assertThat(runtime.removed).containsExactly("lost1", "lost2");
          assertThat(worker.sandboxId()).isNull();
          worker.delete();
        });

    assertThat(runtime.stopped).containsExactly("lost1", "lost2");
    assertThat(runtime.removed).containsExactly("lost1", "lost2");
    assertThat(runtime.sandboxes).isEmpty();
  }

  /**
   * An attempt that timed out (DEADLINE_EXCEEDED) whose sandbox appears only after the next attempt
   * succeeded: the worker's clean-up before that attempt found nothing, so the deletion looks
   * again.
   */
  private static final class LateRuntime extends LosingRuntime {
    LateRuntime() {
      super(false);
    }

    @Override
    public void runPodSandbox(RunPodSandboxRequest req, StreamObserver<RunPodSandboxResponse> out) {
      String uid = req.getConfig().getMetadata().getUid();
      if (runs.incrementAndGet() == 1) {
        out.onError(Status.DEADLINE_EXCEEDED.asRuntimeException());
        return;
      }
      sandboxes.put("s2", uid);
      sandboxes.put("late1", uid); // the first attempt's, finished late
      out.onNext(RunPodSandboxResponse.newBuilder().setPodSandboxId("s2").build());
      out.onCompleted();
    }

    @Override
    public void podSandboxStatus(
        PodSandboxStatusRequest req, StreamObserver<PodSandboxStatusResponse> out) {
      out.onNext(FakeRuntime.sandboxStatus(req.getPodSandboxId()));
      out.onCompleted();
    }
  }

  @Test
  void aSandboxThatATimedOutAttemptMadeLateIsRemovedWhenThePodIsDeleted() throws Exception {
    LateRuntime runtime = new LateRuntime();
    run(
        runtime,
        w -> w.sandboxId() != null,
        worker -> {
          assertThat(worker.sandboxId()).isEqualTo("s2");
          worker.delete();
        });

    assertThat(runtime.stopped).containsExactly("s2", "late1");
    assertThat(runtime.removed).containsExactly("s2", "late1");
    assertThat(runtime.sandboxes).isEmpty();
  }

  private interface AfterThreeAttempts {
    void accept(PodWorker worker) throws Exception;
  }

  /** Runs a pod worker against {@code runtime}; after 3 attempts, {@code then}; waits its end. */
  private void run(LosingRuntime runtime, AfterThreeAttempts then) throws Exception {
    run(runtime, w -> runtime.runs.get() >= 3, then);
  }

  /** Runs a pod worker against {@code runtime}; once {@code ready}, {@code then}; waits its end. */
  private void run(
      LosingRuntime runtime, java.util.function.Predicate<PodWorker> ready, AfterThreeAttempts then)
      throws Exception {
    Path socket = dir.resolve("cri.sock");
    try (FakeRuntime served = FakeRuntime.serve(socket, runtime);
        ApiServer api = ApiServer.start("127.0.0.1");
        KubernetesClient kube = api.newClient();
        CriClient cri = CriClient.connect(socket);
        Pleg pleg = new Pleg(cri, Duration.ofHours(1), "node-1")) {
      Pod pod =
          new PodBuilder()
              .withNewMetadata()
              .withNamespace("ns1")
              .withName("soak-887")
              .withUid(UID)
              .endMetadata()
              .withNewSpec()
              .endSpec()
              .build();
      PodWorker worker = new PodWorker(FakeRuntime.node(kube, cri, pleg, dir), pod);
      Thread thread = Thread.ofVirtual().start(worker);
      while (!ready.test(worker)) {
        Thread.sleep(5);
      }
      then.accept(worker);
      thread.join(Duration.ofSeconds(60));

      assertThat(thread.isAlive()).isFalse();
    }
  }
}
