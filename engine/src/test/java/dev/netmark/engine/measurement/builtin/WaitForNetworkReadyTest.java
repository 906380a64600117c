package dev.netmark.engine.measurement.builtin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.netmark.api.MetricSource;
import dev.netmark.api.MetricSource.Cursor;
import dev.netmark.api.NetmarkException;
import dev.netmark.api.Params;
import dev.netmark.api.Summary;
import dev.netmark.contract.EventKind;
import dev.netmark.engine.measurement.EngineMeasurementContext;
import dev.netmark.engine.measurement.TestContext;
import dev.netmark.engine.progress.PodCounts;
import dev.netmark.engine.progress.Progress;
import dev.netmark.fixtures.MockApiServer;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WaitForNetworkReadyTest {
  private MockApiServer api;
  private KubernetesClient kube;
  private final ScriptedMetricSource source = new ScriptedMetricSource();

  @BeforeEach
  void setUp() {
    api = MockApiServer.start();
    kube = api.client();
    kube.resource(new NamespaceBuilder().withNewMetadata().withName("nm-1").endMetadata().build())
        .create();
  }

  @AfterEach
  void tearDown() {
    api.close();
  }

  private String pod(String name, String netperf) {
    return pod(name, netperf, null);
  }

  private String pod(String name, String netperf, String node) {
    Pod pod =
        new PodBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace("nm-1")
            .addToLabels("netperf", netperf)
            .endMetadata()
            .withNewSpec()
            .withNodeName(node)
            .addNewContainer()
            .withName("c")
            .withImage("pause")
            .endContainer()
            .endSpec()
            .build();
    return kube.resource(pod).create().getMetadata().getUid();
  }

  private List<Summary> waitFor(String timeout) throws InterruptedException {
    return new WaitForNetworkReadyFactory()
        .create(new TestContext(kube, source, List.of("nm-1"), null))
        .execute(
            Params.of(
                Map.of("action", "wait", "labelSelector", "netperf=true", "timeout", timeout)));
  }

  @Test
  void completesOnceEverySelectedPodIsReadyReadingEventsIncrementally() throws Exception {
    String a = pod("a", "true");
    String b = pod("b", "true");
    pod("ordinary", "false");
    source.add(EventKind.ADD, a, null);
    source.add(EventKind.NETWORK_READY, a, null);
    source.add(EventKind.PROBE_FAILED, b, "remote_node: timeout");
    source.add(EventKind.NETWORK_READY, b, null);
    List<Summary> out = waitFor("30s");
    assertThat(out.getFirst().notes())
        .containsExactly("2 pods matching 'netperf=true' network-ready");
    // One event per read: the cursor advanced 0, 1, 2, 3 and the fourth read saw the last event.
    assertThat(source.cursorsSeen())
        .extracting(c -> c.next("node-a"))
        .containsExactly(0L, 1L, 2L, 3L);
    assertThat(source.cursorsSeen().getFirst()).isEqualTo(Cursor.START);
  }

  @Test
  void readsFromWhereTheShimsLogsEndedWhenTheTestBegan() throws Exception {
    source.add(EventKind.ADD, "an-earlier-run", null);
    source.add(EventKind.NETWORK_READY, "an-earlier-run", null);
    String a = pod("a", "true");
    source.add(EventKind.ADD, a, null);
    source.add(EventKind.NETWORK_READY, a, null);
    TestContext base = new TestContext(kube, source, List.of("nm-1"), null);

    new WaitForNetworkReadyFactory()
        .create(new EngineContext(base, new Cursor(Map.of("node-a", 2L)), Progress.silent()))
        .execute(Params.of(Map.of("action", "wait", "timeout", "30s")));

    // The earlier run's two events are never read: the first read starts at 2.
    assertThat(source.cursorsSeen()).extracting(c -> c.next("node-a")).containsExactly(2L, 3L);
  }

  @Test
  void showsThePodsScheduledAddDoneAndNetworkReadyFromTheWatchAndTheRecordsItReads() {
    String a = pod("a", "true", "node-a");
    String b = pod("b", "true", "node-a");
    pod("c", "true");
    pod("ordinary", "false", "node-a");
    source.add(EventKind.ADD, a, null);
    source.add(EventKind.NETWORK_READY, a, null);
    source.add(EventKind.ADD, b, null);
    List<PodCounts> shown = new CopyOnWriteArrayList<>();
    AtomicInteger closed = new AtomicInteger();
    Progress progress =
        new Progress() {
          @Override
          public Task start(String label, long target, String unit) {
            throw new AssertionError("no object task expected");
          }

          @Override
          public PodTask startPods(String label) {
            assertThat(label).isEqualTo("steps[3].waitForNetworkReady");
            return new PodTask() {
              @Override
              public void update(PodCounts counts) {
                shown.add(counts);
              }

              @Override
              public void close() {
                closed.incrementAndGet();
              }
            };
          }
        };
    var context =
        new EngineContext(
            new TestContext(kube, source, List.of("nm-1"), null), Cursor.START, progress);
    assertThatThrownBy(
            () ->
                new WaitForNetworkReadyFactory()
                    .create(context)
                    .execute(
                        new Params(
                            Map.of(
                                "action", "wait", "labelSelector", "netperf=true", "timeout", "3s"),
                            "steps[3].waitForNetworkReady.params",
                            p -> p)))
        .isInstanceOf(NetmarkException.class);
    // One event per read (every 300 ms, so 3 s gives time for more than 3): ADD of a, then its
    // NETWORK_READY, then ADD of b; c is never scheduled, and ordinary is not a netperf pod.
    assertThat(shown.subList(0, 3))
        .containsExactly(
            new PodCounts(3, 2, 1, 0), new PodCounts(3, 2, 1, 1), new PodCounts(3, 2, 2, 1));
    assertThat(shown.getLast()).isEqualTo(new PodCounts(3, 2, 2, 1));
    assertThat(closed).hasValue(1);
  }

  /**
   * A test context with the engine's extras: the run began where the shims' logs held {@code
   * runStart}, and waits show their progress on {@code progress}.
   */
  private record EngineContext(TestContext base, Cursor runStart, Progress progress)
      implements EngineMeasurementContext {
    @Override
    public KubernetesClient kube() {
      return base.kube();
    }

    @Override
    public MetricSource metrics() {
      return base.metrics();
    }

    @Override
    public String testName() {
      return base.testName();
    }

    @Override
    public List<String> namespaces() {
      return base.namespaces();
    }

    @Override
    public Path reportDir() {
      return base.reportDir();
    }

    @Override
    public void deleteAtEnd(String namespace) {
      throw new AssertionError("not used");
    }
  }

  @Test
  void timeoutGroupsTheLastErrorsAndSaysHowToFixTheCommonOnes() {
    String a = pod("a", "true");
    String b = pod("b", "true");
    String c = pod("c", "true");
    String dup =
        ": plugin host-local failed after %d ms: [code 11] failed to allocate for range 0:"
            + " 10.240.1.%d has been allocated to x, duplicate allocation is not allowed";
    source.add(
        EventKind.ADD_FAILED, a, "CNI ADD of network n for container 1a2b" + dup.formatted(12, 2));
    source.add(
        EventKind.ADD_FAILED, b, "CNI ADD of network n for container 3c4d" + dup.formatted(30, 2));
    source.add(EventKind.ADD_FAILED, c, "CNI ADD of network n for container 5e6f: boom");
    assertThatThrownBy(() -> waitFor("1s"))
        .isInstanceOf(NetmarkException.class)
        .hasMessageEndingWith(
            "\n    last errors of the waiting pods, grouped:\n"
                + "    - 2 pods: ADD_FAILED on node-a: CNI ADD of network n for container *"
                + dup.replace("%d ms", "* ms").formatted(2)
                + "\n      fix: host-local's store still holds this address from an earlier run:"
                + " release it (local mode: --cni-reset-ipam; a node: delete the file named by"
                + " the address under the network's dataDir, default /var/lib/cni/networks/NETWORK)"
                + "\n    - 1 pod: ADD_FAILED on node-a: CNI ADD of network n for container *:"
                + " boom");
  }

  @Test
  void timeoutNamesHowManyPodsAreNotReadyAndWhy() {
    String a = pod("a", "true");
    String b = pod("b", "true");
    source.add(EventKind.NETWORK_READY, a, null);
    source.add(EventKind.PROBE_FAILED, b, "remote_node: no reply from 10.0.0.7");
    assertThatThrownBy(() -> waitFor("1s"))
        .isInstanceOf(NetmarkException.class)
        .hasMessage(
            "WaitForNetworkReady timed out after PT1S: 1 of 2 pods matching 'netperf=true' in nm-1"
                + " are not network-ready, e.g. nm-1/b (PROBE_FAILED on node-a: remote_node: no"
                + " reply from 10.0.0.7)\n"
                + "    last errors of the waiting pods, grouped:\n"
                + "    - 1 pod: PROBE_FAILED on node-a: remote_node: no reply from 10.0.0.7");
  }

  @Test
  void validateRejectsBadTimeoutAndAction() {
    var f = new WaitForNetworkReadyFactory();
    assertThatThrownBy(() -> f.validate(Params.of(Map.of("action", "start"))))
        .hasMessage("params.action: expected one of wait, found 'start'");
    assertThatThrownBy(() -> f.validate(Params.of(Map.of("action", "wait", "timeout", "0s"))))
        .hasMessage("params.timeout: must be positive, found PT0S");
  }
}
