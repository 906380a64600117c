package dev.netmark.engine.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** clusterloader2 writes keys with a capital first letter; both spellings load the same model. */
class CapitalisationTest {
  static final Path DIR = Path.of("src/test/resources/config/capitalisation");

  @Test
  void capitalisedKeysLoadTheSameModelAsLowercase() {
    TestConfig lower = load("lower.yaml");
    TestConfig upper = load("upper.yaml");
    assertThat(ModelDump.of(upper, DIR).replace("upper.yaml", "lower.yaml"))
        .isEqualTo(ModelDump.of(lower, DIR));
    assertThat(upper.tuningSets().get(1).params().asMap()).containsEntry("burstSize", 3);
    assertThat(upper.steps().get(1).phases().getFirst().namespaces().resolve("unused"))
        .containsExactly("cl2-1", "cl2-2");
    assertThat(upper.steps().get(2).measurements().getFirst().path())
        .isEqualTo("steps[2].measurements[0] (upper.yaml:25)");
  }

  private static TestConfig load(String file) {
    return ConfigLoader.load(DIR.resolve(file), ParameterSources.none(), new FakeCatalog())
        .config();
  }
}
