package dev.netmark.engine.measurement.builtin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.netmark.api.MetricSourceFactory;
import dev.netmark.api.Params;
import dev.netmark.api.Summary;
import dev.netmark.contract.ProbeTargets;
import dev.netmark.engine.config.MeasurementSpec;
import dev.netmark.engine.measurement.DefaultMeasurementRunner;
import dev.netmark.engine.measurement.NamedServices;
import dev.netmark.engine.measurement.Plugins;
import dev.netmark.engine.measurement.RunEnvironment;
import dev.netmark.engine.progress.Progress;
import dev.netmark.fixtures.MockApiServer;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.json.JsonMapper;

/**
 * ControlPlane against the mock API server. Waits are generous (3m) because the mock's event loop
 * can stall for about 30 s after a watch closes; they end as soon as the addresses are there.
 */
class ControlPlaneTest {
  private MockApiServer api;
  private KubernetesClient kube;
  private final AtomicInteger ips = new AtomicInteger();
  private SharedIndexInformer<Pod> podIpam;
  private SharedIndexInformer<Service> serviceIpam;

  @BeforeEach
  void setUp() {
    api = MockApiServer.start();
    kube = api.client();
    node("node-b", "True");
    node("node-a", "True");
    node("node-down", "False");
    // The mock has no kubelet and no service controller: hand out addresses as they would.
    podIpam =
        kube.pods()
            .inAnyNamespace()
            .inform(
                onAdd(
                    p ->
                        kube.resource(p)
                            .edit(
                                x ->
                                    new PodBuilder(x)
                                        .editOrNewStatus()
                                        .withPodIP("10.1.0." + ips.incrementAndGet())
                                        .endStatus()
                                        .build())));
    serviceIpam =
        kube.services()
            .inAnyNamespace()
            .inform(
                onAdd(
                    s ->
                        kube.resource(s)
                            .edit(
                                x ->
                                    new ServiceBuilder(x)
                                        .editSpec()
                                        .withClusterIP("10.96.0.10")
                                        .endSpec()
                                        .build())));
  }

  @AfterEach
  void tearDown() {
    podIpam.close();
    serviceIpam.close();
    api.close();
  }

  private void node(String name, String ready) {
    node(name, ready, Map.of());
  }

  private void node(String name, String ready, Map<String, String> labels) {
    kube.resource(
            new NodeBuilder()
                .withNewMetadata()
                .withName(name)
                .withLabels(labels)
                .endMetadata()
                .withNewStatus()
                .addNewCondition()
                .withType("Ready")
                .withStatus(ready)
                .endCondition()
                .endStatus()
                .build())
        .create();
  }

  private static <T> ResourceEventHandler<T> onAdd(java.util.function.Consumer<T> action) {
    return new ResourceEventHandler<>() {
      @Override
      public void onAdd(T obj) {
        action.accept(obj);
      }

      @Override
      public void onUpdate(T oldObj, T newObj) {}

      @Override
      public void onDelete(T obj, boolean deletedFinalStateUnknown) {}
    };
  }

  private DefaultMeasurementRunner runner(boolean keep) {
    return new DefaultMeasurementRunner(
        Plugins.load(null, null).measurements(),
        NamedServices.of(
            List.<MetricSourceFactory>of(),
            MetricSourceFactory::kind,
            new NamedServices.Kind("metric source", "")),
        new RunEnvironment(kube, "t", List::of, null, "direct", Map.of(), keep, Progress.silent()));
  }

  private static MeasurementSpec deploy(Map<String, Object> params) {
    return new MeasurementSpec("ControlPlane", "ControlPlane", Params.of(params), "steps[0]");
  }

  @Test
  void deploysControlPodsPerReadyNodeAServiceAndPublishesTargets() throws Exception {
    kube.resource(
            new NamespaceBuilder()
                .withNewMetadata()
                .withName("netmark-system")
                .endMetadata()
                .build())
        .create();
    kube.resource(
            new ConfigMapBuilder()
                .withNewMetadata()
                .withName("netmark-cluster-info")
                .withNamespace("netmark-system")
                .endMetadata()
                .addToData("externalIp", "192.0.2.1")
                .addToData("externalUrl", "http://192.0.2.1:8080/")
                .build())
        .create();
    DefaultMeasurementRunner runner = runner(false);
    List<Summary> out =
        runner.execute(
            deploy(
                Map.of(
                    "action",
                    "deploy",
                    "controlPodsPerNode",
                    2,
                    "service",
                    Map.of("name", "ctl", "port", 81),
                    "probes",
                    Map.of("remoteNodes", 3, "interval", "20ms", "timeout", "30s"),
                    "timeout",
                    "3m")));

    List<Pod> pods =
        kube.pods()
            .inNamespace("netmark-system")
            .withLabel("netmark.dev/role", "control")
            .list()
            .getItems();
    assertThat(pods)
        .extracting(p -> p.getMetadata().getName())
        .containsExactlyInAnyOrder(
            "netmark-control-node-a-0",
            "netmark-control-node-a-1",
            "netmark-control-node-b-0",
            "netmark-control-node-b-1");
    assertThat(pods)
        .allMatch(
            p ->
                p.getSpec()
                    .getNodeName()
                    .equals(p.getMetadata().getLabels().get("netmark.dev/node")));
    assertThat(pods.getFirst().getSpec().getContainers().getFirst().getImage())
        .isEqualTo("netmark/control:latest");
    Service svc = kube.services().inNamespace("netmark-system").withName("ctl").get();
    assertThat(svc.getSpec().getSelector()).isEqualTo(Map.of("netmark.dev/role", "control"));
    assertThat(svc.getSpec().getPorts().getFirst().getPort()).isEqualTo(81);

    String json =
        kube.configMaps()
            .inNamespace("netmark-system")
            .withName("netmark-probe-targets")
            .get()
            .getData()
            .get("targets.json");
    ProbeTargets t = JsonMapper.builder().build().readValue(json, ProbeTargets.class);
    assertThat(t.controlPods().keySet()).containsExactlyInAnyOrder("node-a", "node-b");
    assertThat(t.controlPods().values())
        .allMatch(l -> l.size() == 2 && l.stream().allMatch(ip -> ip.startsWith("10.1.0.")));
    assertThat(t.serviceIp()).isEqualTo("10.96.0.10");
    assertThat(t.servicePort()).isEqualTo(81);
    assertThat(t.controlHttpPort()).isEqualTo(8080);
    assertThat(t.controlIperfPort()).isEqualTo(5201);
    assertThat(t.externalIp()).isEqualTo("192.0.2.1");
    assertThat(t.externalUrl()).isEqualTo("http://192.0.2.1:8080/");
    assertThat(t.policy())
        .isEqualTo(
            new ProbeTargets.ProbePolicy(
                3,
                3,
                false,
                20,
                30_000,
                List.of("same_node", "remote_node", "service", "external")));
    assertThat(out.getFirst().notes())
        .contains(
            "4 control pods on 2 Ready nodes",
            "external target: 192.0.2.1 http://192.0.2.1:8080/",
            "probe classes: same_node (ping), remote_node (ping 1 other node),"
                + " service (3 HTTP GETs; ping off), external (ping, HTTP GET)");

    runner.disposeAll();
    assertThat(kube.namespaces().withName("netmark-system").get()).isNull();
    assertThat(runner.cleanup()).containsExactly("deleted namespace netmark-system");
  }

  @Test
  void withoutExternalTargetTheExternalProbeIsOffAndKeepKeeps() throws Exception {
    DefaultMeasurementRunner runner = runner(true);
    runner.execute(deploy(Map.of("action", "deploy", "timeout", "3m")));
    String json =
        kube.configMaps()
            .inNamespace("netmark-system")
            .withName("netmark-probe-targets")
            .get()
            .getData()
            .get("targets.json");
    ProbeTargets t = JsonMapper.builder().build().readValue(json, ProbeTargets.class);
    assertThat(t.externalIp()).isNull();
    assertThat(t.policy().classes()).containsExactly("same_node", "remote_node", "service");
    assertThat(t.controlPods().get("node-a")).hasSize(1);
    runner.disposeAll();
    assertThat(runner.cleanup()).containsExactly("kept namespace netmark-system (--keep)");
    assertThat(kube.namespaces().withName("netmark-system").get()).isNotNull();
  }

  @Test
  void nodeSelectorKeepsControlPodsOnMatchingNodes() throws Exception {
    Map<String, String> notSoHollow = Map.of("netmark.dev/node-kind", "not-so-hollow");
    node("nsh-1", "True", notSoHollow);
    node("nsh-2", "True", Map.of("netmark.dev/node-kind", "not-so-hollow", "zone", "a"));
    node("nsh-down", "False", notSoHollow);
    node("hollow-1", "True", Map.of("netmark.dev/node-kind", "hollow"));
    DefaultMeasurementRunner runner = runner(true);
    List<Summary> out =
        runner.execute(
            deploy(
                Map.of(
                    "action",
                    "deploy",
                    "nodeSelector",
                    "netmark.dev/node-kind=not-so-hollow",
                    "timeout",
                    "3m")));
    assertThat(kube.pods().inNamespace("netmark-system").list().getItems())
        .extracting(p -> p.getSpec().getNodeName())
        .containsExactlyInAnyOrder("nsh-1", "nsh-2");
    String json =
        kube.configMaps()
            .inNamespace("netmark-system")
            .withName("netmark-probe-targets")
            .get()
            .getData()
            .get("targets.json");
    ProbeTargets t = JsonMapper.builder().build().readValue(json, ProbeTargets.class);
    assertThat(t.controlPods().keySet()).containsExactlyInAnyOrder("nsh-1", "nsh-2");
    assertThat(out.getFirst().notes())
        .contains(
            "2 control pods on 2 Ready nodes with labels netmark.dev/node-kind=not-so-hollow");
    runner.disposeAll();
  }

  @Test
  void nodeSelectorMatchingNoReadyNodeSaysWhichLabels() {
    DefaultMeasurementRunner runner = runner(true);
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                runner.execute(
                    deploy(
                        Map.of("action", "deploy", "nodeSelector", "netmark.dev/node-kind=none"))))
        .hasMessageContaining(
            "the cluster has no Ready node with labels netmark.dev/node-kind=none to put a control"
                + " pod on");
    runner.disposeAll();
  }

  @Test
  void externalIpAndServicePingFromTheConfigReachTheTargetsAndTheNotes() throws Exception {
    DefaultMeasurementRunner runner = runner(true);
    List<Summary> out =
        runner.execute(
            deploy(
                Map.of(
                    "action",
                    "deploy",
                    "external",
                    Map.of("ip", "198.51.100.7"),
                    "probes",
                    Map.of("servicePing", true, "serviceHttpCount", 2),
                    "timeout",
                    "3m")));
    String json =
        kube.configMaps()
            .inNamespace("netmark-system")
            .withName("netmark-probe-targets")
            .get()
            .getData()
            .get("targets.json");
    ProbeTargets t = JsonMapper.builder().build().readValue(json, ProbeTargets.class);
    assertThat(t.externalIp()).isEqualTo("198.51.100.7");
    assertThat(t.externalUrl()).isNull();
    assertThat(t.policy().servicePing()).isTrue();
    assertThat(out.getFirst().notes())
        .contains(
            "external target: 198.51.100.7",
            "probe classes: same_node (ping), remote_node (ping 1 other node),"
                + " service (2 HTTP GETs, ping), external (ping)");
    runner.disposeAll();
  }

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "ip|example.com|params.external.ip: expected an IP address literal to ping, found"
            + " 'example.com'",
        "ip|10.0.0.300|params.external.ip: expected an IP address literal to ping",
        "url|https://example.com/|params.external.url: expected http://host[:port][/path], found"
            + " 'https://example.com/'",
        "url|10.0.0.1:80|params.external.url: expected http://host[:port][/path]",
      })
  void anExternalTargetTheShimsCannotProbeIsAConfigError(String key, String value, String msg) {
    assertThatThrownBy(
            () ->
                ControlPlaneSpec.parse(
                    Params.of(Map.of("action", "deploy", "external", Map.of(key, value)))))
        .hasMessageContaining(msg);
  }

  private void sandboxFailed(String pod, String node, int count) {
    kube.resource(
            new io.fabric8.kubernetes.api.model.EventBuilder()
                .withNewMetadata()
                .withName(pod + ".1")
                .withNamespace("netmark-system")
                .endMetadata()
                .withNewInvolvedObject()
                .withKind("Pod")
                .withName(pod)
                .withNamespace("netmark-system")
                .endInvolvedObject()
                .withReason("FailedCreatePodSandBox")
                .withMessage(
                    "CNI ADD for container c on "
                        + node
                        + ": plugin ptp failed (exit 1): [code 11] failed to allocate for range 0:"
                        + " 10.240.2.2 has been allocated to x, duplicate allocation is not allowed")
                .withCount(count)
                .withNewSource()
                .withHost(node)
                .endSource()
                .build())
        .create();
  }

  @Test
  void aControlPodFailingThriceWithOneErrorStopsTheStepWithTheErrorAndItsFix() {
    podIpam.close(); // no pod gets an address
    kube.resource(
            new NamespaceBuilder()
                .withNewMetadata()
                .withName("netmark-system")
                .endMetadata()
                .build())
        .create();
    sandboxFailed("netmark-control-node-b-0", "node-b", 3);
    sandboxFailed("netmark-control-node-a-0", "node-a", 2);
    assertThatThrownBy(
            () -> runner(false).execute(deploy(Map.of("action", "deploy", "timeout", "3m"))))
        .hasMessageContaining(
            "control pods cannot start, their sandbox failed 3 times with the same error:\n"
                + "    - node-b: pod netmark-control-node-b-0, 3 tries: CNI ADD for container c on"
                + " node-b: plugin ptp failed (exit 1): [code 11] failed to allocate")
        .hasMessageContaining("\n      fix: host-local's store still holds this address")
        .hasMessageNotContaining("node-a:");
  }

  @Test
  void twoFailuresAreNotYetEnoughToGiveUp() {
    podIpam.close();
    kube.resource(
            new NamespaceBuilder()
                .withNewMetadata()
                .withName("netmark-system")
                .endMetadata()
                .build())
        .create();
    sandboxFailed("netmark-control-node-a-0", "node-a", 2);
    assertThatThrownBy(
            () -> runner(false).execute(deploy(Map.of("action", "deploy", "timeout", "2s"))))
        .hasMessageContaining("waiting for control pod IPs in netmark-system: 2 not ready");
  }
}
