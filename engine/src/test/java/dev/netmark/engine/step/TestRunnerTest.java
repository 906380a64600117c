package dev.netmark.engine.step;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netmark.api.Params;
import dev.netmark.api.Summary;
import dev.netmark.engine.config.MeasurementSpec;
import dev.netmark.engine.config.NamespaceSelection;
import dev.netmark.engine.config.NamespaceSpec;
import dev.netmark.engine.config.ObjectSpec;
import dev.netmark.engine.config.PhaseSpec;
import dev.netmark.engine.config.StepSpec;
import dev.netmark.engine.config.TestConfig;
import dev.netmark.engine.config.TuningSetSpec;
import dev.netmark.engine.measurement.MeasurementRunner;
import dev.netmark.engine.progress.Progress;
import dev.netmark.fixtures.MockApiServer;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Runs small configs end to end against fabric8's mock API server in CRUD mode. */
class TestRunnerTest {
  private static final Path POD_TEMPLATE = Path.of("src/test/resources/exec/pod.yaml");
  private final MockApiServer api = MockApiServer.start();
  private final KubernetesClient kube = api.client();
  private final List<String> snapshots = new CopyOnWriteArrayList<>();

  @AfterEach
  void stop() {
    api.close();
  }

  private static StepSpec scale(int step, int replicas) {
    ObjectSpec pod =
        new ObjectSpec(
            "pod",
            POD_TEMPLATE,
            Map.of("App", "web", "Image", "pause:3.9"),
            Map.of("netperf", "true"),
            "steps[" + step + "].phases[0].objectBundle[0]");
    PhaseSpec phase =
        new PhaseSpec(
            NamespaceSelection.range(1, 2, null),
            replicas,
            "fast",
            List.of(pod),
            "steps[" + step + "].phases[0] (t.yaml:" + (10 + step) + ")");
    return new StepSpec("scale to " + replicas, List.of(phase), List.of(), "steps[" + step + "]");
  }

  private static StepSpec measure(int step, String method) {
    MeasurementSpec m =
        new MeasurementSpec(
            "m" + step,
            method,
            Params.of(Map.of("action", "gather")),
            "steps[" + step + "].measurements[0] (t.yaml:" + (10 + step) + ")");
    return new StepSpec(method + " " + step, List.of(), List.of(m), "steps[" + step + "]");
  }

  private static TestConfig config(boolean deleteNamespaces, StepSpec... steps) {
    TuningSetSpec fast =
        new TuningSetSpec("fast", "qpsLoad", Params.of(Map.of("qps", 500)), "tuningSets[0]");
    return new TestConfig(
        "exec-test",
        new NamespaceSpec(2, "exec", deleteNamespaces),
        List.of(fast),
        List.of(steps),
        Path.of("t.yaml"),
        "");
  }

  private RunOptions options() {
    return RunOptions.defaults()
        .withRunId("run1")
        .withProgress(Progress.silent())
        .withShutdownHook(false);
  }

  /** Records, at each {@code Snapshot} action, the pods per namespace; fails {@code Fail}. */
  private MeasurementRunner snapshotting(RecordingMeasurements recorder) {
    return new MeasurementRunner() {
      @Override
      public List<Summary> execute(MeasurementSpec spec) {
        if (spec.method().equals("Snapshot")) {
          snapshots.add(pods("exec-1") + " " + pods("exec-2"));
        }
        return recorder.execute(spec);
      }

      @Override
      public void beforeTest(TestConfig config) {
        snapshots.add("before the test: namespaces " + namespaces());
      }

      @Override
      public void disposeAll() {
        recorder.disposeAll();
      }
    };
  }

  private String pods(String namespace) {
    List<String> names = new ArrayList<>();
    for (Pod p : kube.pods().inNamespace(namespace).list().getItems()) {
      names.add(p.getMetadata().getName());
    }
    return namespace + "=" + names.stream().sorted().toList();
  }

  private List<String> namespaces() {
    return kube.namespaces().list().getItems().stream()
        .map(n -> n.getMetadata().getName())
        .sorted()
        .toList();
  }

  @Test
  void scalesUpDownAndToZeroThenDeletesItsNamespaces() {
    RecordingMeasurements recorder = new RecordingMeasurements();
    TestRunner runner = new TestRunner(kube, snapshotting(recorder), options());
    RunResult result =
        runner.run(
            config(
                true,
                scale(0, 5),
                measure(1, "Snapshot"),
                scale(2, 2),
                measure(3, "Snapshot"),
                scale(4, 0),
                measure(5, "Snapshot")));

    assertThat(result.failed()).as("%s", result.steps()).isFalse();
    assertThat(result.steps())
        .extracting(StepResult::name)
        .containsExactly(
            "scale to 5", "Snapshot 1", "scale to 2", "Snapshot 3", "scale to 0", "Snapshot 5");
    assertThat(snapshots)
        .containsExactly(
            "before the test: namespaces []",
            "exec-1=[pod-0, pod-1, pod-2, pod-3, pod-4] exec-2=[pod-0, pod-1, pod-2, pod-3, pod-4]",
            "exec-1=[pod-0, pod-1] exec-2=[pod-0, pod-1]",
            "exec-1=[] exec-2=[]");
    assertThat(result.steps().get(1).summaries()).extracting(Summary::name).containsExactly("m1");
    assertThat(result.cleanup())
        .containsExactly("deleted namespace exec-2", "deleted namespace exec-1");
    assertThat(namespaces()).isEmpty();
    assertThat(recorder.disposed).isEqualTo(1);
  }

  @Test
  void createdObjectsCarryTheTemplateTheEngineNameAndTheExtraLabels() {
    TestRunner runner = new TestRunner(kube, new RecordingMeasurements(), options());
    long before = System.currentTimeMillis();
    RunResult result = runner.run(config(false, scale(0, 3)));
    long after = System.currentTimeMillis();

    assertThat(result.failed()).isFalse();
    Pod pod = kube.pods().inNamespace("exec-2").withName("pod-2").get();
    assertThat(
            Long.parseLong(pod.getMetadata().getAnnotations().get("netmark.dev/create-request-ms")))
        .isBetween(before, after);
    assertThat(pod.getMetadata().getLabels())
        .containsExactlyInAnyOrderEntriesOf(Map.of("app", "web", "index", "2", "netperf", "true"));
    assertThat(pod.getSpec().getContainers().getFirst().getImage()).isEqualTo("pause:3.9");
    assertThat(kube.namespaces().withLabel("netmark.dev/run", "run1").list().getItems()).hasSize(2);
    assertThat(runner.createdNamespaces()).containsExactly("exec-1", "exec-2");
    assertThat(result.cleanup())
        .containsExactly(
            "kept namespace exec-1 (deleteAutomanagedNamespaces is false)",
            "kept namespace exec-2 (deleteAutomanagedNamespaces is false)");
  }

  @Test
  void aFailedMeasurementFailsItsStepStopsTheRunAndCleansUp() {
    RecordingMeasurements recorder = new RecordingMeasurements();
    TestRunner runner = new TestRunner(kube, recorder, options());
    // deleteAutomanagedNamespaces is false, but a failed run always cleans up (unless --keep).
    RunResult result = runner.run(config(false, scale(0, 1), measure(1, "Fail"), scale(2, 0)));

    assertThat(result.failed()).isTrue();
    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.steps()).hasSize(2);
    assertThat(result.steps().get(1).failures())
        .containsExactly(
            "step 'Fail 1' steps[1].measurements[0] (t.yaml:11): measurement could not be taken");
    assertThat(recorder.executed).containsExactly("Fail/m1");
    assertThat(result.cleanup())
        .containsExactly("deleted namespace exec-2", "deleted namespace exec-1");
    assertThat(namespaces()).isEmpty();
  }

  @Test
  void aFailedRunIsLookedAtBeforeItsNamespacesAreDeleted() {
    List<String> seen = new ArrayList<>();
    TestRunner failing = new TestRunner(kube, new RecordingMeasurements(), options());
    failing.beforeCleanupOnFailure(
        ns ->
            ns.forEach(
                n ->
                    seen.add(
                        n + ": " + kube.pods().inNamespace(n).list().getItems().size() + " pods")));
    failing.run(config(false, scale(0, 1), measure(1, "Fail")));
    assertThat(seen).containsExactly("exec-1: 1 pods", "exec-2: 1 pods");
    assertThat(namespaces()).isEmpty();
  }

  @Test
  void aPassedRunIsNotLookedAt() {
    List<String> seen = new ArrayList<>();
    TestRunner passing = new TestRunner(kube, new RecordingMeasurements(), options());
    passing.beforeCleanupOnFailure(ns -> seen.add("called"));
    passing.run(config(true, scale(0, 1)));
    assertThat(seen).isEmpty();
  }

  @Test
  void keepLeavesEverythingAfterAFailure() {
    TestRunner runner = new TestRunner(kube, new RecordingMeasurements(), options().withKeep(true));
    RunResult result = runner.run(config(true, scale(0, 1), measure(1, "Fail")));

    assertThat(result.failed()).isTrue();
    assertThat(result.cleanup())
        .containsExactly("kept namespace exec-1 (--keep)", "kept namespace exec-2 (--keep)");
    assertThat(namespaces()).containsExactly("exec-1", "exec-2");
    assertThat(kube.pods().inNamespace("exec-1").withName("pod-0").get()).isNotNull();
  }

  @Test
  void aNamespaceThatAlreadyExistsIsAnErrorAndIsNotDeleted() {
    kube.namespaces()
        .resource(new NamespaceBuilder().withNewMetadata().withName("exec-2").endMetadata().build())
        .create();
    RunResult result =
        new TestRunner(kube, new RecordingMeasurements(), options()).run(config(true, scale(0, 1)));

    assertThat(result.steps()).hasSize(1);
    assertThat(result.steps().getFirst().name()).isEqualTo("create namespaces");
    assertThat(result.steps().getFirst().failures().getFirst())
        .startsWith("step 'create namespaces': Namespace exec-2: create failed: already exists");
    // exec-1 was ours and is deleted; exec-2 was not and stays.
    assertThat(result.cleanup()).containsExactly("deleted namespace exec-1");
    assertThat(namespaces()).containsExactly("exec-2");
  }

  @Test
  void aPhaseFailureNamesTheStepThePhaseAndTheObject() {
    kube.pods()
        .inNamespace("exec-1")
        .resource(
            new io.fabric8.kubernetes.api.model.PodBuilder()
                .withNewMetadata()
                .withName("pod-0")
                .withNamespace("exec-1")
                .endMetadata()
                .build())
        .create();
    RunResult result =
        new TestRunner(kube, new RecordingMeasurements(), options()).run(config(true, scale(0, 1)));

    assertThat(result.steps().getFirst().failures())
        .singleElement()
        .asString()
        .startsWith(
            "step 'scale to 1' steps[0].phases[0] (t.yaml:10): Pod exec-1/pod-0: create failed:"
                + " already exists");
  }
}
