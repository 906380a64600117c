package dev.netmark.shim.cri;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netmark.contract.EventKind;
import dev.netmark.contract.MetricNames;
import dev.netmark.contract.PodEvent;
import dev.netmark.shim.Shim;
import dev.netmark.shim.cri.api.ContainerConfig;
import dev.netmark.shim.cri.api.ContainerMetadata;
import dev.netmark.shim.cri.api.ContainerState;
import dev.netmark.shim.cri.api.ContainerStatusRequest;
import dev.netmark.shim.cri.api.CreateContainerRequest;
import dev.netmark.shim.cri.api.ImageSpec;
import dev.netmark.shim.cri.api.PodSandboxConfig;
import dev.netmark.shim.cri.api.StartContainerRequest;
import dev.netmark.shim.testing.NetperfNodeFixture;
import dev.netmark.shim.testing.Pods;
import dev.netmark.shim.testing.ShimHttp;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * netmark-serve and netmark-call containers through the shim's CRI path: started by StartContainer
 * without a process, a refused one recorded as the traffic model records refusals, a call's
 * requests recorded per second (here with nothing published to call: {@code no_target}).
 */
class AppContainersIT {
  @Test
  void appContainersRunOnTheShimsLoop() throws Exception {
    try (NetperfNodeFixture node = NetperfNodeFixture.create("app", 17);
        Shim shim = node.startShim();
        CriClient kubelet = CriClient.connect(node.shimSocket())) {
      ShimHttp http = new ShimHttp(shim.metricsPort());
      String uid = "0f9c1d2e-0000-4000-8000-0000000000a1";
      PodSandboxConfig config =
          Pods.netperf("web-0", uid).toBuilder().putLabels(MetricNames.TIER_LABEL, "web").build();
      String id = kubelet.runtime().runPodSandbox(Pods.run(config)).getPodSandboxId();
      String serve = start(kubelet, id, config, "serve", "netmark-serve http 8080 --body 10");
      String refused =
          start(kubelet, id, config, "bad", "netmark-call web->api http 10.0.0.1 --rate 1");
      String call =
          start(
              kubelet,
              id,
              config,
              "call",
              "netmark-call web->api http $(POD:api) --rate 10 --size 1000 --duration 1s");

      PodEvent refusal = http.await(uid, EventKind.TRAFFIC, e -> true, Duration.ofSeconds(30));
      assertThat(refusal.traffic().get("exit_code")).isEqualTo(126.0);
      assertThat(refusal.error()).startsWith("netmark-call: TARGET must be");
      awaitExited(kubelet, refused);
      assertThat(status(kubelet, refused).getExitCode()).isEqualTo(126);

      awaitExited(kubelet, call);
      assertThat(status(kubelet, call).getExitCode()).isZero();
      List<PodEvent> seconds =
          http.records().stream()
              .filter(e -> e.uid().equals(uid) && e.kind() == EventKind.REQUESTS)
              .toList();
      int requests = seconds.stream().mapToInt(e -> e.requests().requests()).sum();
      int noTarget =
          seconds.stream().mapToInt(e -> e.requests().errors().getOrDefault("no_target", 0)).sum();
      assertThat(requests).isBetween(1, 10);
      assertThat(noTarget).isEqualTo(requests);
      assertThat(status(kubelet, serve).getState()).isEqualTo(ContainerState.CONTAINER_RUNNING);
      kubelet.stopAndRemove(id);
      assertThat(node.podNamespaces()).isEmpty();
    }
  }

  private static String start(
      CriClient kubelet, String sandbox, PodSandboxConfig config, String name, String line) {
    String cid =
        kubelet
            .runtime()
            .createContainer(
                CreateContainerRequest.newBuilder()
                    .setPodSandboxId(sandbox)
                    .setSandboxConfig(config)
                    .setConfig(
                        ContainerConfig.newBuilder()
                            .setMetadata(ContainerMetadata.newBuilder().setName(name))
                            .setImage(ImageSpec.newBuilder().setImage("docker.io/nmcri/netperf:1"))
                            .addAllCommand(Arrays.asList(line.split(" "))))
                    .build())
            .getContainerId();
    kubelet
        .runtime()
        .startContainer(StartContainerRequest.newBuilder().setContainerId(cid).build());
    return cid;
  }

  private static dev.netmark.shim.cri.api.ContainerStatus status(CriClient kubelet, String cid) {
    return kubelet
        .runtime()
        .containerStatus(ContainerStatusRequest.newBuilder().setContainerId(cid).build())
        .getStatus();
  }

  private static void awaitExited(CriClient kubelet, String cid) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (status(kubelet, cid).getState() != ContainerState.CONTAINER_EXITED) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("container " + cid + " did not exit");
      }
      Thread.sleep(50);
    }
  }
}
