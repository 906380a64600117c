package dev.netmark.testing.local.delay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class DelayCniTest {
  @Test
  void installsThePluginItsDelegatesAndAConflistWithTheDelays(@TempDir Path dir) throws Exception {
    DelayCni cni = DelayCni.install(dir, 120, 450);
    assertThat(cni.binDir().resolve("netmark-delay")).isExecutable();
    assertThat(Files.readSymbolicLink(cni.binDir().resolve("bridge")))
        .isEqualTo(Path.of("/usr/lib/cni/bridge"));
    String conflist = Files.readString(cni.confDir().resolve("10-delay.conflist"));
    // Placeholders stay for local mode to render; with them filled in the file is JSON.
    JsonNode json =
        JsonMapper.builder()
            .build()
            .readTree(conflist.replaceAll("\\$\\{[a-zA-Z]+}", "x"))
            .get("plugins")
            .get(0);
    assertThat(json.get("type").asString()).isEqualTo("netmark-delay");
    assertThat(json.get("addDelayMs").asInt()).isEqualTo(120);
    assertThat(json.get("holdDownMs").asInt()).isEqualTo(450);
    assertThat(json.get("addDelayOneIn").asInt()).isEqualTo(1);
    assertThat(json.get("truthFile").asString()).isEqualTo(cni.truthFile().toString());
    assertThat(cni.runOptions())
        .containsExactly(
            "--cni-conf-dir", cni.confDir().toString(), "--cni-bin-dir", cni.binDir().toString());
  }

  @Test
  void anInstallOverAnEarlierOneStartsAnEmptyTruthFile(@TempDir Path dir) throws Exception {
    DelayCni first = DelayCni.install(dir, 0, 0);
    Files.writeString(
        first.truthFile(),
        "{\"event\":\"add\",\"uid\":\"u1\",\"container\":\"c\",\"startUs\":1,\"endUs\":2,"
            + "\"addDelayMs\":0,\"holdDownMs\":0}\n");
    assertThat(first.truth().adds()).hasSize(1);

    DelayCni again = DelayCni.install(dir, 500, 0, 4);

    assertThat(again.truthFile()).isEqualTo(first.truthFile()).doesNotExist();
  }

  @Test
  void aServingHoldSaysSoInTheConflist(@TempDir Path dir) throws Exception {
    DelayCni cni = DelayCni.installServingHold(dir, 3000);
    JsonNode json =
        JsonMapper.builder()
            .build()
            .readTree(
                Files.readString(cni.confDir().resolve("10-delay.conflist"))
                    .replaceAll("\\$\\{[a-zA-Z]+}", "x"))
            .get("plugins")
            .get(0);
    assertThat(json.get("holdDownMs").asInt()).isEqualTo(3000);
    assertThat(json.get("holdDownServing").asBoolean()).isTrue();
    assertThat(json.get("addDelayMs").asInt()).isZero();
    JsonNode plain =
        JsonMapper.builder()
            .build()
            .readTree(
                Files.readString(
                        DelayCni.install(dir.resolve("p"), 0, 10)
                            .confDir()
                            .resolve("10-delay.conflist"))
                    .replaceAll("\\$\\{[a-zA-Z]+}", "x"))
            .get("plugins")
            .get(0);
    assertThat(plain.get("holdDownServing").asBoolean()).isFalse();
  }

  @Test
  void installingTwiceReplacesTheFiles(@TempDir Path dir) {
    DelayCni.install(dir, 1, 0);
    assertThat(DelayCni.install(dir, 2, 0).confDir()).isDirectory();
  }

  @Test
  void rejectsDelaysOutOfRange(@TempDir Path dir) {
    assertThatThrownBy(() -> DelayCni.install(dir, -1, 0))
        .hasMessage("netmark-delay: addDelayMs must be 0..999999 ms, found -1");
    assertThatThrownBy(() -> DelayCni.install(dir, 0, 1_000_000))
        .hasMessage("netmark-delay: holdDownMs must be 0..999999 ms, found 1000000");
    assertThatThrownBy(() -> DelayCni.install(dir, 10, 0, 0))
        .hasMessage("netmark-delay: addDelayOneIn must be 1..999999, found 0");
  }

  @Test
  void oneAddInFourForATailRegression(@TempDir Path dir) throws Exception {
    DelayCni cni = DelayCni.install(dir, 500, 0, 4);
    assertThat(Files.readString(cni.confDir().resolve("10-delay.conflist")))
        .contains("\"addDelayMs\": 500,\n", "\"addDelayOneIn\": 4,\n");
  }
}
