package dev.netmark.engine.measurement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.netmark.api.ConfigException;
import dev.netmark.api.Measurement;
import dev.netmark.api.MeasurementContext;
import dev.netmark.api.MeasurementFactory;
import dev.netmark.api.MetricSourceFactory;
import dev.netmark.api.NetmarkException;
import dev.netmark.api.Params;
import dev.netmark.api.Summary;
import dev.netmark.engine.config.MeasurementSpec;
import dev.netmark.engine.progress.Progress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

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
  private final DefaultMeasurementRunner runner =
      new DefaultMeasurementRunner(
          MeasurementRegistry.of(List.of(factory)),
          NamedServices.of(
              List.<MetricSourceFactory>of(),
              MetricSourceFactory::kind,
              new NamedServices.Kind("metric source", "Add netmark-measurements.jar.")),
          new RunEnvironment(
              null,
              "t",
              () -> List.of("ns-1"),
              null,
              "direct",
              Map.of(),
              false,
              Progress.silent()));

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
}
