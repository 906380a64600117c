package dev.netmark.shim.cni;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

class CniConfigLoaderTest {
  @TempDir static Path bin;
  @TempDir Path dir;

  @BeforeAll
  static void plugins() throws Exception {
    CniTestSupport.installTestPlugins(bin);
  }

  @ParameterizedTest(name = "{0}")
  @CsvFileSource(resources = "/cni/configs/cases.csv", delimiter = '|')
  void invalidConfigsNameFileAndProblem(String file, String expected) throws Exception {
    Path conf = CniTestSupport.writeConf(dir, file, CniTestSupport.resource("configs/" + file));
    assertThatThrownBy(() -> CniConfig.load(dir, List.of(bin)))
        .isInstanceOfSatisfying(CniConfigException.class, e -> assertThat(e.file()).isEqualTo(conf))
        .hasMessage(conf + ": " + expected.replace("@BIN@", bin.toString()));
  }

  @Test
  void theLexicallyFirstConfigIsUsedAndOtherFilesIgnored() throws Exception {
    Files.writeString(dir.resolve("00-notes.txt"), "not a config");
    CniTestSupport.writeConf(dir, "20-b.conflist", list("second"));
    CniTestSupport.writeConf(dir, "10-a.json", list("first"));
    CniConfig config = CniConfig.load(dir, List.of(bin));
    assertThat(config.name()).isEqualTo("first");
    assertThat(config.source()).isEqualTo(dir.resolve("10-a.json"));
    assertThat(config.plugins()).extracting(CniPlugin::type).containsExactly("nmcni-test");
    assertThat(config.plugins().getFirst().binary()).isEqualTo(bin.resolve("nmcni-test"));
  }

  @Test
  void aSingleConfIsWrappedIntoAList() throws Exception {
    CniTestSupport.writeConf(
        dir,
        "10-single.conf",
        "{\"cniVersion\":\"0.3.1\",\"name\":\"single\",\"type\":\"nmcni-test\","
            + "\"capabilities\":{\"portMappings\":true,\"bandwidth\":false}}");
    CniConfig config = CniConfig.load(dir, List.of(bin));
    assertThat(config.name()).isEqualTo("single");
    assertThat(config.cniVersion()).isEqualTo("0.3.1");
    assertThat(config.plugins()).hasSize(1);
    assertThat(config.plugins().getFirst().capabilities()).containsExactly("portMappings");
  }

  @Test
  void listOptions() throws Exception {
    CniTestSupport.writeConf(
        dir,
        "10.conflist",
        "{\"cniVersion\":\"1.0.0\",\"cniVersions\":[\"0.4.0\",\"1.1.0\"],\"name\":\"n\","
            + "\"disableCheck\":\"true\",\"plugins\":[{\"type\":\"nmcni-test\"},"
            + "{\"type\":\"relay-legacy\"}]}");
    CniConfig config = CniConfig.load(dir, List.of(Path.of("/nonexistent"), bin));
    assertThat(config.cniVersions()).containsExactly("0.4.0", "1.1.0");
    assertThat(config.disableCheck()).isTrue();
    assertThat(config.plugins())
        .extracting(CniPlugin::type)
        .containsExactly("nmcni-test", "relay-legacy");
  }

  @Test
  void emptyAndMissingDirectories() {
    assertThatThrownBy(() -> CniConfig.load(dir, List.of(bin)))
        .hasMessage(dir + ": no CNI network configuration (*.conflist, *.conf, *.json) found");
    Path missing = dir.resolve("missing");
    assertThatThrownBy(() -> CniConfig.load(missing, List.of(bin)))
        .hasMessage(missing + ": CNI configuration directory does not exist");
  }

  private static String list(String name) {
    return "{\"cniVersion\":\"1.0.0\",\"name\":\""
        + name
        + "\",\"plugins\":[{\"type\":\"nmcni-test\"}]}";
  }
}
