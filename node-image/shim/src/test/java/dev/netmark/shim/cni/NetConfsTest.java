package dev.netmark.shim.cni;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NetConfsTest {
  private static CniPlugin plugin(Set<String> caps, String json) {
    return new CniPlugin("portmap", Path.of("/usr/lib/cni/portmap"), caps, json);
  }

  @Test
  void listNameAndVersionOverrideTheEntry() {
    String out =
        NetConfs.build(
            plugin(Set.of(), "{\"type\":\"portmap\",\"name\":\"x\",\"cniVersion\":\"0.1.0\"}"),
            "net",
            "1.0.0",
            null,
            Map.of("portMappings", List.of()));
    assertThat(out).isEqualTo("{\"type\":\"portmap\",\"name\":\"net\",\"cniVersion\":\"1.0.0\"}");
  }

  @Test
  void runtimeConfigHoldsOnlyDeclaredCapabilitiesWithValues() {
    String out =
        NetConfs.build(
            plugin(
                Set.of("portMappings", "ipRanges"),
                "{\"type\":\"portmap\",\"capabilities\":{\"portMappings\":true,\"ipRanges\":true,"
                    + "\"bandwidth\":false}}"),
            "net",
            "1.0.0",
            Json.object("{\"cniVersion\":\"1.0.0\",\"ips\":[]}"),
            Map.of(
                "portMappings", List.of(Map.of("hostPort", 80)),
                "bandwidth", Map.of("ingressRate", 1)));
    assertThat(out)
        .isEqualTo(
            "{\"type\":\"portmap\",\"capabilities\":{\"portMappings\":true,\"ipRanges\":true,"
                + "\"bandwidth\":false},\"name\":\"net\",\"cniVersion\":\"1.0.0\",\"prevResult\":"
                + "{\"cniVersion\":\"1.0.0\",\"ips\":[]},\"runtimeConfig\":{\"portMappings\":"
                + "[{\"hostPort\":80}]}}");
  }
}
