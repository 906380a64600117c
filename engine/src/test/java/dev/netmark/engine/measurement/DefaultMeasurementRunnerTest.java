package dev.netmark.engine.measurement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.netmark.api.ConfigException;
import dev.netmark.api.Measurement;
import dev.netmark.api.MeasurementContext;
import dev.netmark.api.MeasurementFactory;
import dev.netmark.api.MetricSource;
import dev.netmark.api.MetricSourceFactory;
import dev.netmark.api.NetmarkException;
import dev.netmark.api.Params;
import dev.netmark.api.Summary;
import dev.netmark.engine.config.MeasurementSpec;
import dev.netmark.engine.config.NamespaceSpec;
import dev.netmark.engine.config.StepSpec;
import dev.netmark.engine.config.TestConfig;
import dev.netmark.engine.progress.Progress;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DefaultMeasurementRunnerTest {
  /** Counts instances and returns a summary naming the instance and the call number. */
  static final class Counting implements MeasurementFactory {
    final List<MeasurementContext> contexts = new ArrayList<>();
    int disposed;

    @Override
    public String method() {
      return "Counting";
    }

    @Override
    public Measurement create(MeasurementContext context) {
      contexts.add(context);
      int instance = contexts.size();
      return new Measurement() {
        int calls;

        @Override
        public List<Summary> execute(Params params) {
          if (params.action().equals("fail")) {
            throw new NetmarkException("failed on purpose");
          }
          return List.of(new Summary("i" + instance + "c" + ++calls, List.of()));
        }

        @Override
        public void dispose() {
          disposed++;
        }
      };
    }
  }

  private final Counting factory = new Counting();
  private final DefaultMeasurementRunner runner = runner(List.of(factory), List.of());

  /** A runner of {@code measurements} with the {@code sources} for kind "direct", test "t". */
  private static DefaultMeasurementRunner runner(
      List<MeasurementFactory> measurements, List<MetricSourceFactory> sources) {
    return new DefaultMeasurementRunner(
        MeasurementRegistry.of(measurements),
        NamedServices.of(
            sources,
            MetricSourceFactory::kind,
            new NamedServices.Kind("metric source", "Add netmark-measurements.jar.")),
        new RunEnvironment(
            null, "t", () -> List.of("ns-1"), null, "direct", Map.of(), false, Progress.silent()));
  }

  private static MeasurementSpec spec(String method, String id, String action) {
    return new MeasurementSpec(
        id, method, Params.of(Map.of("action", action)), "steps[2].measurements[1]");
  }

  @Test
  void theConfigReadersNotesOnAnActionGoWithItsSummaries() throws InterruptedException {
    runner.execute(spec("Counting", "A", "start"));
    MeasurementSpec gather =
        new MeasurementSpec(
            "A",
            "Counting",
            Params.of(Map.of("action", "gather")),
            "steps[3].measurements[0]",
            List.of("thresholds given at start and at gather; the gather's apply"));
    assertThat(runner.execute(gather).getFirst().notes())
        .containsExactly("thresholds given at start and at gather; the gather's apply");
  }

  @Test
  void oneInstancePerMethodAndIdentifier() throws InterruptedException {
    assertThat(runner.execute(spec("Counting", "A", "start")).getFirst().name()).isEqualTo("i1c1");
    assertThat(runner.execute(spec("Counting", "B", "start")).getFirst().name()).isEqualTo("i2c1");
    assertThat(runner.execute(spec("Counting", "A", "gather")).getFirst().name()).isEqualTo("i1c2");
    assertThat(factory.contexts).hasSize(2);
    assertThat(factory.contexts.getFirst().namespaces()).containsExactly("ns-1");
    assertThat(runner.actions())
        .extracting(ActionRecord::label)
        .containsExactly("Counting/A start", "Counting/B start", "Counting/A gather");
    runner.disposeAll();
    runner.disposeAll();
    assertThat(factory.disposed).isEqualTo(2);
  }

  @Test
  void failuresAreRecordedAndRethrown() {
    assertThatThrownBy(() -> runner.execute(spec("Counting", "A", "fail")))
        .hasMessage("failed on purpose");
    assertThat(runner.actions().getFirst().error()).isEqualTo("failed on purpose");
  }

  @Test
  void unknownMethodNamesThePathAndTheKnownMethods() {
    assertThatThrownBy(() -> runner.execute(spec("Nope", "A", "start")))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(
            "steps[2].measurements[1]: unknown measurement method 'Nope'; known: Counting.");
  }

  @Test
  void metricSourceOfUnknownKindSaysWhichJarToAdd() throws InterruptedException {
    runner.execute(spec("Counting", "A", "start"));
    assertThatThrownBy(() -> factory.contexts.getFirst().metrics())
        .isInstanceOf(NetmarkException.class)
        .hasMessage(
            "a measurement needs shim data but unknown metric source 'direct'; known: none."
                + " Add netmark-measurements.jar.");
  }

  /** A factory that reads from the run's start, as WaitForNetworkReady does. */
  static final class FromRunStart implements MeasurementFactory, ReadsFromRunStart {
    final List<MeasurementContext> contexts = new ArrayList<>();

    @Override
    public String method() {
      return "FromRunStart";
    }

    @Override
    public Measurement create(MeasurementContext context) {
      contexts.add(context);
      return params -> List.of();
    }
  }

  /** A direct source whose shims' logs end at seq 7 on node-a; counts how often it was asked. */
  static final class EndsAtSeven implements MetricSource {
    int tails;

    @Override
    public EventBatch events(Cursor from) {
      throw new UnsupportedOperationException("only tail() is expected before the test");
    }

    @Override
    public EventBatch tail() {
      tails++;
      return new EventBatch(
          true, List.of(), new Cursor(Map.of("node-a", 7L)), new Coverage(1, Map.of()), true);
    }

    @Override
    public Histogram histogram(String metric, Map<String, String> labels) {
      throw new UnsupportedOperationException();
    }
  }

  private static TestConfig config(String... methods) {
    List<MeasurementSpec> specs = new ArrayList<>();
    for (String method : methods) {
      specs.add(spec(method, "X", "wait"));
    }
    StepSpec step = new StepSpec("s", List.of(), specs, "steps[0]");
    return new TestConfig(
        "t", new NamespaceSpec(1, "p", true), List.of(), List.of(step), Path.of("t.yaml"), "");
  }

  @ParameterizedTest(name = "{0}: {1} tail read(s)")
  @CsvSource({"FromRunStart, 1, 7", "Counting, 0, 0"})
  void beforeTheTestTheShimsEndsAreReadOnlyWhenAMeasurementReadsFromThere(
      String method, int tails, long runStart) throws InterruptedException {
    EndsAtSeven source = new EndsAtSeven();
    FromRunStart fromRunStart = new FromRunStart();
    DefaultMeasurementRunner withSource =
        runner(
            List.of(factory, fromRunStart),
            List.<MetricSourceFactory>of(
                new MetricSourceFactory() {
                  @Override
                  public String kind() {
                    return "direct";
                  }

                  @Override
                  public MetricSource create(KubernetesClient kube, Map<String, String> opts) {
                    return source;
                  }
                }));

    withSource.beforeTest(config(method));
    withSource.execute(spec("FromRunStart", "X", "wait"));

    assertThat(source.tails).isEqualTo(tails);
    EngineMeasurementContext context = (EngineMeasurementContext) fromRunStart.contexts.getFirst();
    assertThat(context.runStart().next("node-a")).isEqualTo(runStart);
  }

  @Test
  void withoutAMetricSourceTheRunStartIsTheBeginningOfTheLogs() throws InterruptedException {
    FromRunStart fromRunStart = new FromRunStart();
    DefaultMeasurementRunner noSource = runner(List.of(fromRunStart), List.of());
    // The measurement that needs the shims says what is missing when it runs; the test begins.
    noSource.beforeTest(config("FromRunStart"));
    noSource.execute(spec("FromRunStart", "X", "wait"));
    EngineMeasurementContext context = (EngineMeasurementContext) fromRunStart.contexts.getFirst();
    assertThat(context.runStart()).isEqualTo(MetricSource.Cursor.START);
  }
}
