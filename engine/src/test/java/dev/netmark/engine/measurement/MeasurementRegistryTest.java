package dev.netmark.engine.measurement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.netmark.api.ConfigException;
import dev.netmark.api.MeasurementFactory;
import dev.netmark.api.NetmarkException;
import dev.netmark.api.Params;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MeasurementRegistryTest {
  private static final String SERVICES = "META-INF/services/" + MeasurementFactory.class.getName();

  @TempDir Path dir;

  @Test
  void findsTheBuiltInsOnTheClasspath() {
    MeasurementRegistry registry = Plugins.load(null, null).measurements();
    assertThat(registry.measurementMethods()).contains("Sleep", "Timer", "ControlPlane");
    assertThat(registry.measurementMethods()).doesNotContain("PluginFixture");
  }

  @Test
  void unknownMethodListsTheKnownOnesAndSaysWhichJarToAdd() {
    MeasurementRegistry registry = Plugins.load(null, null).measurements();
    assertThatThrownBy(() -> registry.factory("NetworkReadyLatncy", "steps[1].measurements[0]"))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(
            "steps[1].measurements[0]: unknown measurement method 'NetworkReadyLatncy'; known: ")
        .hasMessageContaining("ControlPlane, ")
        .hasMessageContaining("Sleep, Timer")
        .hasMessageContaining("netmark-measurements.jar")
        .hasMessageContaining("--plugin-dir");
  }

  @Test
  void loadsAMeasurementFromAJarInThePluginDir() throws IOException {
    jar(dir.resolve("fixture.jar"), PluginFixtureFactory.class.getName());
    MeasurementRegistry registry = Plugins.load(dir, null).measurements();
    assertThat(registry.measurementMethods()).contains("PluginFixture", "Sleep");
  }

  @Test
  void loadsFromNetmarkPluginPathToo() throws IOException {
    Path empty = Files.createDirectory(dir.resolve("empty"));
    Path jar = jar(dir.resolve("fixture.jar"), PluginFixtureFactory.class.getName());
    MeasurementRegistry registry = Plugins.load(null, empty + ":" + jar).measurements();
    assertThat(registry.measurementMethods()).contains("PluginFixture");
  }

  @Test
  void missingPluginDirIsNamed() {
    Path missing = dir.resolve("nope");
    assertThatThrownBy(() -> Plugins.load(missing, null))
        .isInstanceOf(NetmarkException.class)
        .hasMessage(
            "plugin path entry "
                + missing
                + " does not exist (from --plugin-dir or NETMARK_PLUGIN_PATH)");
  }

  @Test
  void duplicateMethodNamesBothClasses() throws IOException {
    jar(dir.resolve("dup.jar"), DuplicateSleepFactory.class.getName());
    assertThatThrownBy(() -> Plugins.load(dir, null))
        .isInstanceOf(NetmarkException.class)
        .hasMessageContaining("two plugins provide the measurement method 'Sleep'")
        .hasMessageContaining("dev.netmark.engine.measurement.builtin.SleepFactory")
        .hasMessageContaining("dev.netmark.engine.measurement.DuplicateSleepFactory")
        .hasMessageEndingWith("remove one of the jars");
  }

  @Test
  void validateDelegatesToTheFactory() {
    MeasurementRegistry registry = Plugins.load(null, null).measurements();
    Params bad =
        new Params(
            Map.of("action", "nap"), "steps[0].measurements[0].params", p -> p + " (t.yaml:7)");
    assertThatThrownBy(() -> registry.validateMeasurement("Sleep", bad))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            "steps[0].measurements[0].params.action (t.yaml:7): expected one of sleep, found"
                + " 'nap'");
    assertThatThrownBy(() -> registry.validateMeasurement("Nope", bad))
        .hasMessageStartingWith(
            "steps[0].measurements[0].method: unknown measurement method 'Nope'");
  }

  @Test
  void ofRejectsDuplicatesAmongGivenFactories() {
    assertThatThrownBy(
            () ->
                MeasurementRegistry.of(
                    List.of(new PluginFixtureFactory(), new PluginFixtureFactory())))
        .hasMessageContaining("'PluginFixture'");
  }

  @Test
  void metricSourceAndProviderErrorsSayWhichJarToAdd() {
    Plugins plugins = Plugins.load(null, null);
    assertThatThrownBy(() -> plugins.metricSources().get("direct"))
        .hasMessageStartingWith("unknown metric source 'direct'; known: none.")
        .hasMessageContaining("netmark-measurements.jar");
    assertThatThrownBy(() -> plugins.clusterProviders().get("local"))
        .hasMessageStartingWith("unknown cluster provider 'local'; known: kubemark.")
        .hasMessageContaining("--kubeconfig");
  }

  private static Path jar(Path path, String factoryClass) throws IOException {
    try (OutputStream out = Files.newOutputStream(path);
        JarOutputStream jar = new JarOutputStream(out)) {
      jar.putNextEntry(new JarEntry(SERVICES));
      jar.write((factoryClass + "\n").getBytes(StandardCharsets.UTF_8));
      jar.closeEntry();
    }
    return path;
  }
}
