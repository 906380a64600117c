package dev.netmark.shim.cni;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;
import org.junit.jupiter.params.provider.CsvSource;

class ResultParserTest {
  @ParameterizedTest(name = "{0}")
  @CsvFileSource(resources = "/cni/results/cases.csv", delimiter = '|')
  void resultsOfEveryVersion(
      String file, String version, int ips, int interfaces, String primary, String gateway) {
    CniResult r = CniResult.parse(CniTestSupport.resource("results/" + file), "1.0.0");
    assertThat(r.cniVersion()).isEqualTo(version);
    assertThat(r.ips()).hasSize(ips);
    assertThat(r.interfaces()).hasSize(interfaces);
    CniIp ip = r.primaryIp().orElseThrow();
    assertThat(ip.cidr()).isEqualTo(primary);
    assertThat(ip.gateway().map(InetAddress::getHostAddress).orElse("-")).isEqualTo(gateway);
  }

  @ParameterizedTest(name = "{1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"ips\":[{\"address\":\"10.0.0.1\"}]}| ips[0].address: expected address/prefix, found"
            + " 10.0.0.1",
        "{\"ips\":[{\"address\":\"example.com/24\"}]}| ips[0].address: not an IP address:"
            + " example.com",
        "{\"ips\":[{\"address\":\"10.0.0.1/33\"}]}| ips[0].address: prefix length out of range in"
            + " 10.0.0.1/33",
        "{\"ips\":[{\"gateway\":\"10.0.0.1\"}]}| ips[0].address: missing",
        "{\"cniVersion\":\"x\"}| cniVersion: not a version: x",
        "{\"cniVersion\":\"0.2.0\",\"ip4\":{\"ip\":7}}| ip4.ip: expected a string, found NUMBER 7",
        "[]| expected a JSON object, found ARRAY"
      })
  void malformedResults(String json, String message) {
    assertThatThrownBy(() -> CniResult.parse(json, "1.0.0"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
  }

  @org.junit.jupiter.api.Test
  void aResultWithoutVersionTakesTheDefault() {
    CniResult r =
        CniResult.parse("{\"ips\":[{\"version\":\"4\",\"address\":\"10.0.0.2/8\"}]}", "0.4.0");
    assertThat(r.cniVersion()).isEqualTo("0.4.0");
    assertThat(r.primaryIp().orElseThrow().isIpv4()).isTrue();
    assertThat(CniResult.parse("{\"cniVersion\":\"1.0.0\"}", "1.0.0").primaryIp()).isEmpty();
  }
}
