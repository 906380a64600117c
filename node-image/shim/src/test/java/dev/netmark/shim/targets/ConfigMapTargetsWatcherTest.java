package dev.netmark.shim.targets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netmark.contract.ProbeTargets;
import dev.netmark.mockapi.MockApiServer;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.mockwebserver.http.MockResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The watcher against fabric8's in-process API server (CRUD mode, real HTTP and watches). */
class ConfigMapTargetsWatcherTest {
  private static final String SOURCE = "--kubeconfig /test/kubeconfig";

  // While down, the API server answers every request with 503, as a master that is restarting.
  private final AtomicBoolean down = new AtomicBoolean();
  private MockApiServer server;
  private KubernetesClient client;

  @BeforeEach
  void start() {
    server =
        MockApiServer.start(
            (request, crud) ->
                down.get()
                    ? new MockResponse().setResponseCode(503).setBody("master restarting")
                    : crud.get());
    client = server.client();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private static ConfigMap configMap(String json) {
    return new ConfigMapBuilder()
        .withNewMetadata()
        .withName(ProbeTargets.CONFIGMAP_NAME)
        .withNamespace(ProbeTargets.NAMESPACE)
        .endMetadata()
        .withData(Map.of(ProbeTargets.CONFIGMAP_KEY, json))
        .build();
  }

  private static ProbeTargets awaitPort(TargetsHolder holder, int port) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    ProbeTargets t = holder.awaitFirst(Duration.ofSeconds(30));
    while (t.controlHttpPort() != port && System.nanoTime() < deadline) {
      Thread.sleep(20);
      t = holder.current().orElseThrow();
    }
    return t;
  }

  @Test
  void followsTheConfigMapCreatedAfterTheWatchAndKeepsTheLastValidVersion() throws Exception {
    TargetsHolder holder = new TargetsHolder();
    try (ConfigMapTargetsWatcher watcher = ConfigMapTargetsWatcher.start(client, holder, SOURCE)) {
      assertThat(holder.current()).isEmpty();
      client.configMaps().resource(configMap(ProbeTargetsJsonTest.VALID)).create();
      assertThat(holder.awaitFirst(Duration.ofSeconds(30)).controlHttpPort()).isEqualTo(8080);

      client
          .configMaps()
          .resource(configMap(ProbeTargetsJsonTest.VALID.replace("8080,", "70000,")))
          .update();
      client
          .configMaps()
          .resource(configMap(ProbeTargetsJsonTest.VALID.replace("8080,", "8081,")))
          .update();
      assertThat(awaitPort(holder, 8081).controlHttpPort()).isEqualTo(8081);

      client.configMaps().resource(configMap(ProbeTargetsJsonTest.VALID)).delete();
      client
          .configMaps()
          .inNamespace("default")
          .resource(
              new ConfigMapBuilder(configMap(ProbeTargetsJsonTest.VALID.replace("8080,", "9999,")))
                  .editMetadata()
                  .withNamespace("default")
                  .endMetadata()
                  .build())
          .create();
      Thread.sleep(300); // an event for the other namespace would have arrived by now
      assertThat(holder.current().orElseThrow().controlHttpPort()).isEqualTo(8081);
    }
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void startsWithTheApiServerDownSaysWhatIsMissingAndCatchesUpOnceItAnswers() throws Exception {
    down.set(true);
    TargetsHolder holder = new TargetsHolder();
    // Before: inform() blocked until the first list succeeded, then threw ("An error has
    // occurred"), and the shim exited without serving CRI.
    try (ConfigMapTargetsWatcher watcher = ConfigMapTargetsWatcher.start(client, holder, SOURCE)) {
      assertThat(holder.current()).isEmpty();
      assertThat(watcher.problem())
          .startsWith(
              "probe targets: cannot read ConfigMap netmark-system/"
                  + ProbeTargets.CONFIGMAP_NAME
                  + " key "
                  + ProbeTargets.CONFIGMAP_KEY
                  + " through --kubeconfig /test/kubeconfig (")
          .endsWith("); netperf pods wait for targets");

      down.set(false);
      client.configMaps().resource(configMap(ProbeTargetsJsonTest.VALID)).create();
      assertThat(holder.awaitFirst(Duration.ofSeconds(90)).controlHttpPort()).isEqualTo(8080);
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (watcher.problem() != null && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertThat(watcher.problem()).isNull();
    }
  }
}
