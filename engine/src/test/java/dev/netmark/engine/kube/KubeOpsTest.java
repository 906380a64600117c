package dev.netmark.engine.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.netmark.engine.clock.FakeTicker;
import dev.netmark.fixtures.MockApiServer;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.mockwebserver.http.MockResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Creates against an API server that commits a create but loses the answer (a gateway timeout). */
class KubeOpsTest {
  private final AtomicInteger lostAnswers = new AtomicInteger();
  private MockApiServer api;
  private KubernetesClient client;
  private KubeOps ops;

  @BeforeEach
  void start() {
    api =
        MockApiServer.start(
            (request, crud) -> {
              MockResponse committed = crud.get();
              return "POST".equals(request.getMethod()) && lostAnswers.getAndDecrement() > 0
                  ? new MockResponse().setResponseCode(504).setBody("timeout awaiting response")
                  : committed;
            });
    client = api.client();
    RetryPolicy quick = new RetryPolicy(4, Duration.ofMillis(1), Duration.ofMillis(1), 1);
    ops = new KubeOps(client, new Retrier(quick, new FakeTicker()));
  }

  @AfterEach
  void stop() {
    api.close();
  }

  private static Map<String, Object> pod(String name) {
    return Map.of(
        "apiVersion",
        "v1",
        "kind",
        "Pod",
        "metadata",
        Map.of("name", name, "annotations", Map.of("a", "b")),
        "spec",
        Map.of("containers", java.util.List.of(Map.of("name", "c", "image", "i"))));
  }

  @Test
  void aRetriedCreateWhoseFirstTryCommittedAdoptsItsObject() throws Exception {
    lostAnswers.set(1);
    // Before: the retry got 409 AlreadyExists and the run failed.
    ObjectRef ref = ops.create(pod("p1"), "ns");
    assertThat(ref.name()).isEqualTo("p1");
    var created = client.pods().inNamespace("ns").withName("p1").get();
    assertThat(created.getMetadata().getAnnotations())
        .containsEntry("a", "b")
        .containsKey(KubeOps.CREATE_ID);
  }

  @Test
  void anObjectThatIsNotThisCreatesStillConflicts() throws Exception {
    ops.create(pod("p2"), "ns");
    KubeObjectException e =
        catchThrowableOfType(KubeObjectException.class, () -> ops.create(pod("p2"), "ns"));
    assertThat(e.status()).isEqualTo(409);
    assertThat(e.getMessage()).contains("already exists");
  }
}
