package dev.netmark.engine.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Loads every case under {@code config/golden/<case>/}: {@code config.yaml} with the parameters of
 * {@code overrides-*.yaml} (in name order), {@code set.txt} (one key=value a line) and {@code
 * env.txt} (NAME=VALUE lines), and compares the rendered text and the model, with every path's file
 * and line, against {@code expected-rendered.yaml} and {@code expected-model.txt}. Run with {@code
 * -Dnetmark.updateGolden=true} to rewrite the expected files after a deliberate change, and review
 * the diff.
 */
class GoldenConfigTest {
  static final Path ROOT = Path.of("src/test/resources/config/golden");

  static Stream<String> cases() throws IOException {
    try (Stream<Path> dirs = Files.list(ROOT)) {
      return dirs
          .filter(Files::isDirectory)
          .map(d -> d.getFileName().toString())
          .sorted()
          .toList()
          .stream();
    }
  }

  @ParameterizedTest
  @MethodSource("cases")
  void rendersAndCompilesAsRecorded(String name) throws IOException {
    Path dir = ROOT.resolve(name);
    LoadedConfig loaded =
        ConfigLoader.load(dir.resolve("config.yaml"), parameters(dir), new FakeCatalog());
    String model = ModelDump.of(loaded.config(), dir);
    if (Boolean.getBoolean("netmark.updateGolden")) {
      Files.writeString(dir.resolve("expected-rendered.yaml"), loaded.renderedText());
      Files.writeString(dir.resolve("expected-model.txt"), model);
    }
    assertThat(loaded.renderedText())
        .isEqualTo(Files.readString(dir.resolve("expected-rendered.yaml")));
    assertThat(model).isEqualTo(Files.readString(dir.resolve("expected-model.txt")));
    assertThat(loaded.config().rendered()).isEqualTo(loaded.rendered().getFirst().text());
  }

  static ParameterSources parameters(Path dir) throws IOException {
    List<Path> overrides;
    try (Stream<Path> files = Files.list(dir)) {
      overrides =
          files.filter(f -> f.getFileName().toString().startsWith("overrides-")).sorted().toList();
    }
    return ParameterSources.of(
        overrides, lines(dir.resolve("set.txt")), env(dir.resolve("env.txt")));
  }

  private static List<String> lines(Path file) throws IOException {
    return Files.exists(file)
        ? Files.readAllLines(file).stream().filter(l -> !l.isBlank()).toList()
        : List.of();
  }

  private static Map<String, String> env(Path file) throws IOException {
    Map<String, String> env = new LinkedHashMap<>();
    for (String line : new ArrayList<>(lines(file))) {
      int eq = line.indexOf('=');
      env.put(line.substring(0, eq), line.substring(eq + 1));
    }
    return env;
  }
}
