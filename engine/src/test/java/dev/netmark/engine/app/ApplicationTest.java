package dev.netmark.engine.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.netmark.api.MetricSource;
import dev.netmark.api.NetmarkException;
import dev.netmark.api.Params;
import dev.netmark.api.Summary;
import dev.netmark.contract.AppChange;
import dev.netmark.contract.AppTier;
import dev.netmark.contract.EventKind;
import dev.netmark.contract.PodEvent;
import dev.netmark.contract.ProbeTargets;
import dev.netmark.engine.clock.Ticker;
import dev.netmark.engine.kube.KubeOps;
import dev.netmark.engine.kube.Retrier;
import dev.netmark.engine.kube.RetryPolicy;
import dev.netmark.engine.measurement.EngineMeasurementContext;
import dev.netmark.engine.progress.Progress;
import dev.netmark.fixtures.MockApiServer;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Application measurement against the mock API server, with a metric source that reports every
 * pod of the API network-ready at its next read (as the shims would, a moment later).
 */
class ApplicationTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final List<String> NAMESPACES = List.of("t-1", "t-2");

  private MockApiServer api;
  private KubernetesClient kube;
  private Application app;

  /** NETWORK_READY for each pod of the API not reported before; IP from its name. */
  private final class ApiPods implements MetricSource {
    private final Set<String> reported = new HashSet<>();

    @Override
    public synchronized EventBatch events(Cursor from) {
      List<PodEvent> events = new ArrayList<>();
      for (String ns : NAMESPACES) {
        for (Pod p : kube.pods().inNamespace(ns).list().getItems()) {
          String key = ns + "/" + p.getMetadata().getName();
          if (reported.add(key)) {
            running(p);
            events.add(
                new PodEvent(
                    0,
                    EventKind.NETWORK_READY,
                    "n1",
                    ns,
                    p.getMetadata().getName(),
                    key,
                    ip(key),
                    1,
                    0,
                    null,
                    null,
                    null));
          }
        }
      }
      return new EventBatch(true, events, from, new Coverage(1, Map.of()), true);
    }

    @Override
    public Histogram histogram(String metric, Map<String, String> labels) {
      throw new UnsupportedOperationException();
    }

    /** What kubelet writes once every container of the pod started. */
    private void running(Pod p) {
      p.setStatus(
          new io.fabric8.kubernetes.api.model.PodStatusBuilder()
              .withPhase("Running")
              .withContainerStatuses(
                  p.getSpec().getContainers().stream()
                      .map(
                          c ->
                              new io.fabric8.kubernetes.api.model.ContainerStatusBuilder()
                                  .withName(c.getName())
                                  .withNewState()
                                  .withNewRunning()
                                  .endRunning()
                                  .endState()
                                  .build())
                      .toList())
              .build());
      kube.pods().inNamespace(p.getMetadata().getNamespace()).resource(p).updateStatus();
    }
  }

  private record Context(KubernetesClient kube, MetricSource metrics)
      implements EngineMeasurementContext {
    @Override
    public String testName() {
      return "t";
    }

    @Override
    public List<String> namespaces() {
      return NAMESPACES;
    }

    @Override
    public Path reportDir() {
      return null;
    }

    @Override
    public void deleteAtEnd(String namespace) {}

    @Override
    public Progress progress() {
      return Progress.silent();
    }

    @Override
    public MetricSource.Cursor runStart() {
      return MetricSource.Cursor.START;
    }
  }

  static String ip(String key) {
    return "10.1.0." + (Math.floorMod(key.hashCode(), 250) + 1);
  }

  @BeforeEach
  void setUp() {
    api = MockApiServer.start();
    kube = api.client();
    kube.resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName(ProbeTargets.CONFIGMAP_NAME)
                .withNamespace(ProbeTargets.NAMESPACE)
                .endMetadata()
                .addToData(
                    ProbeTargets.CONFIGMAP_KEY, JSON.writeValueAsString(AppSpecs.controlTargets()))
                .build())
        .create();
    app =
        new Application(
            new Context(kube, new ApiPods()),
            new KubeOps(kube, new Retrier(RetryPolicy.DEFAULT, Ticker.system())));
  }

  @AfterEach
  void tearDown() {
    app.dispose();
    api.close();
  }

  /** The mock has no service controller: allocates each Service's VIP when asked. */
  private void allocateVips() {
    AtomicInteger next = new AtomicInteger(20);
    for (String ns : NAMESPACES) {
      for (String tier : List.of("api", "db")) {
        kube.resource(
                new ServiceBuilder(kube.services().inNamespace(ns).withName(tier).get())
                    .editSpec()
                    .withClusterIP("10.96.0." + next.getAndIncrement())
                    .endSpec()
                    .build())
            .update();
      }
    }
  }

  private void deploy() throws Exception {
    Thread vips =
        Thread.ofVirtual()
            .start(
                () -> {
                  try {
                    while (kube.services().inNamespace("t-2").withName("db").get() == null) {
                      Thread.sleep(50);
                    }
                  } catch (InterruptedException e) {
                    return; // the test is over
                  }
                  allocateVips();
                });
    app.execute(Params.of(AppSpecs.deployParams()));
    vips.join();
  }

  private List<String> podNames(String ns, String tier) {
    return kube
        .pods()
        .inNamespace(ns)
        .withLabel("netmark.dev/tier", tier)
        .list()
        .getItems()
        .stream()
        .map(p -> p.getMetadata().getName())
        .sorted()
        .toList();
  }

  private Map<String, AppTier> published() {
    String json =
        kube.configMaps()
            .inNamespace(ProbeTargets.NAMESPACE)
            .withName(ProbeTargets.CONFIGMAP_NAME)
            .get()
            .getData()
            .get(ProbeTargets.CONFIGMAP_KEY);
    return JSON.readValue(json, ProbeTargets.class).applications();
  }

  private static Params change(String action, Object... more) {
    Map<String, Object> p = new LinkedHashMap<>(Map.of("action", action, "app", "shop"));
    for (int i = 0; i < more.length; i += 2) {
      p.put((String) more[i], more[i + 1]);
    }
    return Params.of(p);
  }

  @Test
  void deploysServicesAndPodsAndPublishesTheServingTiers() throws Exception {
    deploy();
    assertThat(podNames("t-1", "web")).containsExactly("web-0", "web-1");
    assertThat(podNames("t-2", "api")).containsExactly("api-0", "api-1");
    assertThat(podNames("t-2", "db")).containsExactly("db-0");
    assertThat(kube.services().inNamespace("t-1").list().getItems())
        .extracting(s -> s.getMetadata().getName())
        .containsExactlyInAnyOrder("api", "db");
    app.publisher().awaitTick();
    Map<String, AppTier> tiers = published();
    assertThat(tiers.keySet()).containsExactlyInAnyOrder("t-1/api", "t-1/db", "t-2/api", "t-2/db");
    assertThat(tiers.get("t-1/api").serviceIp()).isEqualTo("10.96.0.20");
    assertThat(tiers.get("t-1/api").port()).isEqualTo(8080);
    assertThat(tiers.get("t-1/api").serves()).isEqualTo("http");
    assertThat(tiers.get("t-2/db").pods()).containsExactly(ip("t-2/db-0"));
    assertThat(tiers.get("t-1/api").pods())
        .containsExactlyInAnyOrder(ip("t-1/api-0"), ip("t-1/api-1"));
  }

  @Test
  void rollScaleAndRecreateReplacePodsAndPublishEachChange() throws Exception {
    deploy();
    List<Summary> rolled = app.execute(change("roll", "tier", "api", "batchSize", 1));
    assertThat(rolled.getFirst().notes().getFirst())
        .startsWith(
            "roll of tier api of shop in 2 namespaces: 4 pods created, 4 deleted in 2 batches, ");
    assertThat(podNames("t-1", "api")).containsExactly("api-2", "api-3");
    app.execute(change("scale", "tier", "db", "replicas", 2));
    assertThat(podNames("t-2", "db")).containsExactly("db-0", "db-1");
    app.execute(change("recreate", "tier", "web"));
    assertThat(podNames("t-1", "web")).containsExactly("web-2", "web-3");
    app.execute(change("scale", "tier", "api", "replicas", 1));
    assertThat(podNames("t-2", "api")).containsExactly("api-2");

    app.publisher().awaitTick();
    assertThat(published().get("t-2/api").pods()).containsExactly(ip("t-2/api-2"));
    String json =
        kube.configMaps()
            .inNamespace(ProbeTargets.NAMESPACE)
            .withName(AppChange.CONFIGMAP_NAME)
            .get()
            .getData()
            .get(AppChange.CONFIGMAP_KEY);
    List<AppChange> changes = JSON.readValue(json, new TypeReference<List<AppChange>>() {});
    assertThat(changes)
        .extracting(c -> c.namespace() + " " + c.tier() + " " + c.action())
        .containsExactly(
            "t-1 api roll",
            "t-2 api roll",
            "t-1 db scale",
            "t-2 db scale",
            "t-1 web recreate",
            "t-2 web recreate",
            "t-1 api scale",
            "t-2 api scale");
    assertThat(changes).allMatch(c -> c.startMs() > 0 && c.endMs() >= c.startMs());
  }

  @Test
  void aDeployWithoutTheControlPlanesTargetsSaysWhichStepIsMissing() {
    kube.configMaps()
        .inNamespace(ProbeTargets.NAMESPACE)
        .withName(ProbeTargets.CONFIGMAP_NAME)
        .delete();
    assertThatThrownBy(() -> app.execute(Params.of(AppSpecs.deployParams())))
        .isInstanceOf(NetmarkException.class)
        .hasMessageContaining("run a deployControlPlane step first");
    assertThat(kube.pods().inNamespace("t-1").list().getItems()).isEmpty();
  }

  @Test
  void aChangeBeforeTheDeployIsRefused() {
    assertThatThrownBy(() -> app.execute(change("roll", "tier", "api")))
        .isInstanceOf(NetmarkException.class)
        .hasMessageContaining("application 'shop' is not deployed");
  }
}
