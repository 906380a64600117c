package dev.netmark.shim.targets;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netmark.contract.ProbeTargets;
import dev.netmark.fixtures.MockApiServer;
import dev.netmark.shim.kube.ApiEndpoint;
import dev.netmark.shim.kube.Kubeconfig;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.Response;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The watcher against fabric8's in-process API server (CRUD mode, real HTTP and watches). */
class ConfigMapTargetsWatcherTest {
  private static final String SOURCE = "--kubeconfig /test/kubeconfig";

  // While down, the API server answers every request with 503, as a master that is restarting.
  private final AtomicBoolean down = new AtomicBoolean();
  // Watches to answer with "410 Gone" (the resourceVersion is too old), as etcd compaction causes.
  private final AtomicInteger goneWatches = new AtomicInteger();
  private final AtomicInteger lists = new AtomicInteger();
  private MockApiServer server;
  private KubernetesClient client;
  private ApiEndpoint api;

  @BeforeEach
  void start(@TempDir Path dir) throws IOException {
    server =
        MockApiServer.start(
            (request, crud) -> {
              if (down.get()) {
                return new MockResponse().setResponseCode(503).setBody("master restarting");
              }
              boolean watch = request.getPath().contains("watch=true");
              if (!watch && request.getPath().contains("fieldSelector=")) {
                lists.incrementAndGet();
              }
              return watch && goneWatches.getAndDecrement() > 0 ? gone() : crud.get();
            });
    client = server.client();
    api = Kubeconfig.load(Files.writeString(dir.resolve("kubeconfig"), server.kubeconfig()));
  }

  @AfterEach
  void stop() {
    server.close();
  }

  /** A watch that says its resourceVersion is too old, then closes. */
  private static MockResponse gone() {
    return new MockResponse()
        .withWebSocketUpgrade(
            new WebSocketListener() {
              @Override
              public void onOpen(WebSocket ws, Response response) {
                ws.send(
                    "{\"type\":\"ERROR\",\"object\":{\"kind\":\"Status\",\"code\":410,"
                        + "\"reason\":\"Expired\",\"message\":\"too old resource version\"}}");
                ws.close(1000, "");
              }
            });
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
    try (ConfigMapTargetsWatcher watcher = ConfigMapTargetsWatcher.start(api, holder, SOURCE)) {
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
  void aWatchThatIsTooOldListsAgainAndFollowsTheConfigMap() throws Exception {
    client.configMaps().resource(configMap(ProbeTargetsJsonTest.VALID)).create();
    goneWatches.set(2);
    TargetsHolder holder = new TargetsHolder();
    try (ConfigMapTargetsWatcher watcher = ConfigMapTargetsWatcher.start(api, holder, SOURCE)) {
      assertThat(holder.awaitFirst(Duration.ofSeconds(30)).controlHttpPort()).isEqualTo(8080);
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (goneWatches.get() > 0 && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      client
          .configMaps()
          .resource(configMap(ProbeTargetsJsonTest.VALID.replace("8080,", "8082,")))
          .update();
      assertThat(awaitPort(holder, 8082).controlHttpPort()).isEqualTo(8082);
      // One list at the start and one after each 410: the watch never resumed from a stale version.
      assertThat(lists.get()).isEqualTo(3);
      assertThat(watcher.problem()).isNull();
    }
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void startsWithTheApiServerDownSaysWhatIsMissingAndCatchesUpOnceItAnswers() throws Exception {
    down.set(true);
    TargetsHolder holder = new TargetsHolder();
    // Before: inform() blocked until the first list succeeded, then threw ("An error has
    // occurred"), and the shim exited without serving CRI.
    try (ConfigMapTargetsWatcher watcher = ConfigMapTargetsWatcher.start(api, holder, SOURCE)) {
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
