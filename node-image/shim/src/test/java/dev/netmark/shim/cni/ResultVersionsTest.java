package dev.netmark.shim.cni;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ResultVersionsTest {
  private static final String LEGACY =
      "{\"cniVersion\":\"0.2.0\",\"ip4\":{\"ip\":\"10.201.3.4/24\",\"gateway\":\"10.201.3.1\","
          + "\"routes\":[{\"dst\":\"0.0.0.0/0\"}]},\"ip6\":{\"ip\":\"fd00::4/64\"},\"dns\":{}}";
  private static final String V031 =
      "{\"cniVersion\":\"0.3.1\",\"interfaces\":[{\"name\":\"eth0\"}],\"ips\":[{\"version\":\"4\","
          + "\"interface\":0,\"address\":\"10.201.1.9/24\",\"gateway\":\"10.201.1.1\"}],"
          + "\"routes\":[{\"dst\":\"0.0.0.0/0\"},{\"dst\":\"::/0\"}],\"dns\":{}}";
  private static final String V100 =
      "{\"cniVersion\":\"1.0.0\",\"interfaces\":[{\"name\":\"eth0\"}],\"ips\":[{\"interface\":0,"
          + "\"address\":\"fd00::9/64\"},{\"interface\":0,\"address\":\"10.201.1.10/24\"}],"
          + "\"dns\":{}}";

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "LEGACY | 1.0.0 | {\"ips\":[{\"address\":\"10.201.3.4/24\",\"gateway\":\"10.201.3.1\"},"
            + "{\"address\":\"fd00::4/64\"}],\"routes\":[{\"dst\":\"0.0.0.0/0\"}],\"dns\":{},"
            + "\"cniVersion\":\"1.0.0\"}",
        "LEGACY | 0.3.1 | {\"ips\":[{\"version\":\"4\",\"address\":\"10.201.3.4/24\",\"gateway\":"
            + "\"10.201.3.1\"},{\"version\":\"6\",\"address\":\"fd00::4/64\"}],\"routes\":[{\"dst\":"
            + "\"0.0.0.0/0\"}],\"dns\":{},\"cniVersion\":\"0.3.1\"}",
        "V031 | 1.0.0 | {\"cniVersion\":\"1.0.0\",\"interfaces\":[{\"name\":\"eth0\"}],\"ips\":[{"
            + "\"interface\":0,\"address\":\"10.201.1.9/24\",\"gateway\":\"10.201.1.1\"}],\"routes\":"
            + "[{\"dst\":\"0.0.0.0/0\"},{\"dst\":\"::/0\"}],\"dns\":{}}",
        "V031 | 0.4.0 | {\"cniVersion\":\"0.4.0\",\"interfaces\":[{\"name\":\"eth0\"}],\"ips\":"
            + "[{\"version\":\"4\",\"interface\":0,\"address\":\"10.201.1.9/24\",\"gateway\":"
            + "\"10.201.1.1\"}],\"routes\":[{\"dst\":\"0.0.0.0/0\"},{\"dst\":\"::/0\"}],\"dns\":{}}",
        "V031 | 0.2.0 | {\"ip4\":{\"ip\":\"10.201.1.9/24\",\"gateway\":\"10.201.1.1\",\"routes\":"
            + "[{\"dst\":\"0.0.0.0/0\"}]},\"dns\":{},\"cniVersion\":\"0.2.0\"}",
        "V100 | 0.4.0 | {\"cniVersion\":\"0.4.0\",\"interfaces\":[{\"name\":\"eth0\"}],\"ips\":[{"
            + "\"interface\":0,\"address\":\"fd00::9/64\",\"version\":\"6\"},{\"interface\":0,"
            + "\"address\":\"10.201.1.10/24\",\"version\":\"4\"}],\"dns\":{}}",
        "V100 | 1.1.0 | {\"cniVersion\":\"1.1.0\",\"interfaces\":[{\"name\":\"eth0\"}],\"ips\":[{"
            + "\"interface\":0,\"address\":\"fd00::9/64\"},{\"interface\":0,\"address\":"
            + "\"10.201.1.10/24\"}],\"dns\":{}}"
      })
  void conversions(String source, String to, String expected) {
    String json =
        switch (source) {
          case "LEGACY" -> LEGACY;
          case "V031" -> V031;
          default -> V100;
        };
    var input = Json.object(json);
    String from = input.get("cniVersion").asString();
    assertThat(Json.write(ResultVersions.convert(input, from, to))).isEqualTo(expected);
    assertThat(Json.write(input)).as("input untouched").isEqualTo(Json.write(Json.object(json)));
  }
}
