package dev.netmark.engine.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.netmark.engine.config.ConfigErrors.Problem;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

/**
 * One broken config per error kind under {@code config/errors/}; each must fail with the config
 * path, the file and line, and what was expected and found, as listed in {@code cases.csv}.
 */
class ConfigErrorsTest {
  static final Path DIR = Path.of("src/test/resources/config/errors");

  @ParameterizedTest(name = "{0}")
  @CsvFileSource(resources = "/config/errors/cases.csv", delimiter = '|', numLinesToSkip = 1)
  void reportsPathLineAndExpectation(String file, String where, String problem) {
    ConfigErrors e = load(file);
    assertProblem(e, where, problem);
    assertThat(e.getMessage()).contains(where + ": ");
  }

  /** One of the problems is at {@code where} and says {@code problem}. */
  static void assertProblem(ConfigErrors e, String where, String problem) {
    assertThat(e).as("the config loads").isNotNull();
    assertThat(e.problems())
        .as(e.getMessage())
        .anySatisfy(
            p -> {
              assertThat(p.where()).isEqualTo(where);
              assertThat(p.problem()).contains(problem);
            });
  }

  @Test
  void findsEveryProblemInOnePass() {
    ConfigErrors e = load("many-problems.yaml");
    assertThat(e.problems())
        .extracting(Problem::where)
        .containsExactly(
            "namespace.colour (many-problems.yaml:2)",
            "tuningSets[0].qpsLoad.qps (many-problems.yaml:5)",
            "steps[0].phases[0].namespaceRange.min (many-problems.yaml:8)",
            "steps[0].phases[0].tuningSet (many-problems.yaml:10)",
            "steps[0].phases[0].objectBundle[0].objectTemplatePath (many-problems.yaml:11)",
            "steps[1].measurements[0] (many-problems.yaml:13)");
    assertThat(e.getMessage()).startsWith("many-problems.yaml: 6 problems:\n  namespace.colour");
    assertThat(e.getMessage().lines()).hasSize(7);
  }

  @Test
  void moduleCycleNamesTheChain() {
    ConfigErrors e = load("cycle/a.yaml");
    assertThat(e.problems())
        .containsExactly(
            new Problem(
                "steps[0].module.steps[1].module.path (b.yaml:4)",
                "module cycle: a.yaml -> b.yaml -> a.yaml"));
  }

  private static ConfigErrors load(String file) {
    return catchThrowableOfType(
        ConfigErrors.class,
        () -> ConfigLoader.load(DIR.resolve(file), ParameterSources.none(), new FakeCatalog()));
  }
}
