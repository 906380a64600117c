package dev.netmark.engine.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which names a config's templates read, and the refusal of parameters none reads. */
class UnreadParametersTest {
  private static final Path KNOBS = Path.of("src/test/resources/cli/knobs/config.yaml");

  private static LoadedConfig load(ParameterSources params) {
    return ConfigLoader.load(KNOBS, params, new FakeCatalog());
  }

  @Test
  void aKnobWithADefaultIsReadEvenWhenNotSet() {
    assertThat(load(ParameterSources.none()).parametersRead())
        .containsExactlyInAnyOrder("NODES", "PAUSE");
  }

  @Test
  void anUnreadEnvironmentVariableIsRefusedWithItsName() {
    ParameterSources params =
        ParameterSources.of(
            List.of(), List.of(), Map.of("NETMARK_NODES", "2", "NETMARK_POD_QPS", "50"));
    assertThatThrownBy(() -> UnreadParameters.check(params, load(params)))
        .isInstanceOf(ConfigErrors.class)
        .hasMessageContaining(
            "environment NETMARK_POD_QPS=50: parameter POD_QPS is read by no template of this run;"
                + " the knobs that exist: NODES, PAUSE.")
        .hasMessageNotContaining("parameter NODES");
  }

  @Test
  void netmarksOwnEnvironmentVariablesAreNoParameters() {
    ParameterSources params =
        ParameterSources.of(
            List.of(),
            List.of(),
            Map.of("NETMARK_ROOT", "/src/netmark", "NETMARK_PLUGIN_PATH", "/plugins"));
    assertThat(params.values()).isEmpty();
    assertThatCode(() -> UnreadParameters.check(params, load(params))).doesNotThrowAnyException();
  }

  @Test
  void everyUnreadParameterIsListed() {
    ParameterSources params =
        ParameterSources.of(List.of(), List.of("A=1", "NODES=2", "B=2"), Map.of());
    assertThatThrownBy(() -> UnreadParameters.check(params, load(params)))
        .isInstanceOf(ConfigErrors.class)
        .satisfies(
            e ->
                assertThat(((ConfigErrors) e).problems())
                    .extracting(ConfigErrors.Problem::where)
                    .containsExactly("--set A=1", "--set B=2"));
  }
}
