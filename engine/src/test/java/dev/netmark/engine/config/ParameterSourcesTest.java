package dev.netmark.engine.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.netmark.engine.config.ConfigErrors.Problem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParameterSourcesTest {
  @TempDir Path dir;

  @Test
  void laterOverrideFileWinsAndValuesKeepTheirTypes() throws IOException {
    Path a = write("a.yaml", "Nodes: 3\nQPS: 10\nName: first\n");
    Path b = write("b.yaml", "QPS: 2.5\nSlow: true\n");
    ParameterSources p = ParameterSources.of(List.of(a, b), List.of(), Map.of());
    assertThat(p.values())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("Nodes", 3, "QPS", 2.5, "Name", "first", "Slow", true));
    assertThat(p.origin("QPS")).isEqualTo("overrides file " + b);
  }

  @Test
  void setAndEnvironmentAreTypedLikeYaml() {
    ParameterSources p =
        ParameterSources.of(
            List.of(),
            List.of("Nodes=3", "Ratio=0.5", "Flag=false", "Label=a=b", "Nodes=4"),
            Map.of(
                "NETMARK_POD_QPS", "20", "NETMARK_Prefix", "x", "PATH", "/bin", "NETMARK_", "y"));
    assertThat(p.values())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "Nodes", 4, "Ratio", 0.5, "Flag", false, "Label", "a=b", "POD_QPS", 20, "Prefix",
                "x"));
    assertThat(p.origin("POD_QPS")).isEqualTo("environment NETMARK_POD_QPS=20");
  }

  @Test
  void sameValueFromTwoSourcesIsNoConflict() throws IOException {
    Path a = write("a.yaml", "Nodes: 3\n");
    ParameterSources p =
        ParameterSources.of(List.of(a), List.of("Nodes=3.0"), Map.of("NETMARK_Nodes", "3"));
    assertThat(p.values()).containsEntry("Nodes", 3);
  }

  @Test
  void conflictsNameBothSourcesAndValues() throws IOException {
    Path a = write("a.yaml", "Nodes: 3\nQPS: 10\n");
    ConfigErrors e =
        catchThrowableOfType(
            ConfigErrors.class,
            () -> ParameterSources.of(List.of(a), List.of("Nodes=5"), Map.of("NETMARK_QPS", "20")));
    assertThat(e.problems())
        .containsExactly(
            new Problem(
                "parameter Nodes",
                "conflicting values: 3 from overrides file "
                    + a
                    + ", and 5 from --set Nodes=5; set it in one place"),
            new Problem(
                "parameter QPS",
                "conflicting values: 10 from overrides file "
                    + a
                    + ", and 20 from environment NETMARK_QPS=20; set it in one place"));
  }

  @Test
  void badSourcesAreReportedTogether() throws IOException {
    Path list = write("list.yaml", "- a\n- b\n");
    Path missing = dir.resolve("missing.yaml");
    ConfigErrors e =
        catchThrowableOfType(
            ConfigErrors.class,
            () -> ParameterSources.of(List.of(list, missing), List.of("novalue"), Map.of()));
    assertThat(e.problems())
        .extracting(Problem::toString)
        .containsExactly(
            "--testoverrides " + list + ": expected a map of key: value, found [a, b]",
            "--testoverrides " + missing + ": file not found",
            "--set novalue: expected key=value, found 'novalue'");
  }

  private Path write(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text);
  }
}
