package dev.netmark.shim.cni;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VersionNegotiationTest {
  private static final List<String> DEBIAN =
      List.of("0.1.0", "0.2.0", "0.3.0", "0.3.1", "0.4.0", "1.0.0");
  private static final List<String> NEW = List.of("0.4.0", "1.0.0", "1.1.0");

  private static CniConfig config(String version, List<String> versions) {
    return new CniConfig(Path.of("/x.conflist"), "n", version, versions, false, List.of());
  }

  private static Map<String, List<String>> plugins(List<String> a, List<String> b) {
    Map<String, List<String>> m = new LinkedHashMap<>();
    m.put("bridge", a);
    m.put("portmap", b);
    return m;
  }

  @Test
  void theListVersionWhenEveryPluginSupportsIt() {
    assertThat(VersionNegotiation.choose(config("0.4.0", List.of()), plugins(DEBIAN, NEW)))
        .isEqualTo("0.4.0");
  }

  @Test
  void theHighestCommonOfCniVersions() {
    CniConfig c = config("0.4.0", List.of("0.4.0", "1.0.0", "1.1.0"));
    assertThat(VersionNegotiation.choose(c, plugins(DEBIAN, NEW))).isEqualTo("1.0.0");
    assertThat(VersionNegotiation.choose(c, plugins(NEW, NEW))).isEqualTo("1.1.0");
  }

  @Test
  void noCommonVersionNamesThePlugin() {
    assertThatThrownBy(
            () -> VersionNegotiation.choose(config("1.1.0", List.of()), plugins(DEBIAN, NEW)))
        .hasMessage(
            "no common CNI version: the list offers [1.1.0]; plugin bridge supports " + DEBIAN);
  }

  @Test
  void offersNoPluginSharesAreReported() {
    CniConfig c = config("0.4.0", List.of("0.3.1", "1.1.0"));
    assertThatThrownBy(
            () -> VersionNegotiation.choose(c, plugins(List.of("0.3.1"), List.of("1.1.0"))))
        .hasMessageContaining("the plugins support no single offered version together");
  }
}
