package dev.netmark.bench.shim;

import dev.netmark.shim.cri.CriClient;
import dev.netmark.shim.cri.api.PodSandboxConfig;
import dev.netmark.shim.cri.api.PodSandboxMetadata;
import dev.netmark.shim.cri.api.RunPodSandboxRequest;
import dev.netmark.shim.cri.api.VersionRequest;
import io.grpc.StatusRuntimeException;
import java.nio.file.Path;
import java.time.Duration;

/** kubelet's side of the shim's socket, through the CRI client local mode's kubelet uses. */
final class Cri implements AutoCloseable {
  private final CriClient client;

  Cri(Path socket) {
    client = CriClient.connect(socket);
  }

  /** RunPodSandbox of a netperf pod (label {@code netperf: "true"}); returns the sandbox id. */
  String runNetperfPod(String name, String uid) {
    PodSandboxConfig config =
        PodSandboxConfig.newBuilder()
            .setMetadata(
                PodSandboxMetadata.newBuilder().setName(name).setNamespace("nso").setUid(uid))
            .setHostname(name)
            .setLogDirectory("/var/log/pods/nso_" + name + "_" + uid)
            .putLabels("netperf", "true")
            .putLabels("io.kubernetes.pod.uid", uid)
            .build();
    return client
        .runtime(CriClient.SANDBOX_DEADLINE)
        .runPodSandbox(RunPodSandboxRequest.newBuilder().setConfig(config).build())
        .getPodSandboxId();
  }

  /** StopPodSandbox (CNI DEL) and RemovePodSandbox (the namespace goes). */
  void stopAndRemove(String sandboxId) {
    client.stopAndRemove(sandboxId);
  }

  /** Whether a CRI Version call through the socket succeeds (the shim forwards it upstream). */
  boolean versionAnswers() {
    try {
      client.runtime(Duration.ofSeconds(2)).version(VersionRequest.getDefaultInstance());
      return true;
    } catch (StatusRuntimeException e) {
      return false; // not serving yet
    }
  }

  @Override
  public void close() {
    client.close();
  }
}
