package dev.netmark.shim.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.netmark.contract.json.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The AOT training's API server, followed by the shim's own watch. */
class TrainingApiServerTest {
  private static final String OBJECT =
      "{\"metadata\":{\"name\":\"cm\",\"resourceVersion\":\"7\"},\"data\":{\"k\":\"%s\"}}";

  @Test
  @Timeout(30)
  void theWatchGetsTheObjectFromTheListAndTheWatch(@TempDir Path dir) throws Exception {
    // 200 bytes of data: the watch event needs a frame with a 16-bit length.
    String object = OBJECT.formatted("v".repeat(200));
    List<String> seen = new CopyOnWriteArrayList<>();
    try (TrainingApiServer api = TrainingApiServer.start(object)) {
      ApiEndpoint endpoint =
          Kubeconfig.load(Files.writeString(dir.resolve("kubeconfig"), api.kubeconfig()));
      try (NamedObjectWatch w =
          NamedObjectWatch.start(
              endpoint, "/api/v1/namespaces/ns/configmaps", "cm", handler(seen))) {
        assertThat(api.awaitWatched(20_000)).isTrue();
        while (seen.size() < 2) {
          Thread.sleep(10);
        }
      }
    }
    assertThat(seen).containsExactly("v".repeat(200), "v".repeat(200));
  }

  @Test
  void frameHeadsCarryTheLength() {
    assertThat(TrainingApiServer.frameHead(125)).containsExactly(0x81, 125);
    assertThat(TrainingApiServer.frameHead(300)).containsExactly(0x81, 126, 1, 44);
    assertThatThrownBy(() -> TrainingApiServer.frameHead(70_000))
        .hasMessage("a training object of 70000 bytes");
  }

  private static NamedObjectWatch.Handler handler(List<String> seen) {
    return new NamedObjectWatch.Handler() {
      @Override
      public void upsert(JsonNode object) {
        seen.add(object.path("data").path("k").asString());
      }

      @Override
      public void deleted() {}

      @Override
      public void problem(String problem) {}
    };
  }
}
