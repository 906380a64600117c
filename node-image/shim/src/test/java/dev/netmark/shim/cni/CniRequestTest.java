package dev.netmark.shim.cni;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CniRequestTest {
  private static final Path NS = Path.of("/run/netns/p1");

  @Test
  void environmentOfACall() {
    CniRequest r = CniRequest.of("abc123", NS, "team-a", "web-0", "0f1e-22");
    assertThat(CniEnv.of("ADD", r, "/opt/cni/bin:/usr/lib/cni"))
        .containsExactly(
            Map.entry("CNI_COMMAND", "ADD"),
            Map.entry("CNI_CONTAINERID", "abc123"),
            Map.entry("CNI_NETNS", "/run/netns/p1"),
            Map.entry("CNI_IFNAME", "eth0"),
            Map.entry(
                "CNI_ARGS",
                "IgnoreUnknown=1;K8S_POD_NAMESPACE=team-a;K8S_POD_NAME=web-0;"
                    + "K8S_POD_INFRA_CONTAINER_ID=abc123;K8S_POD_UID=0f1e-22"),
            Map.entry("CNI_PATH", "/opt/cni/bin:/usr/lib/cni"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "../x | eth0 | web | invalid container id ../x",
        "-a | eth0 | web | invalid container id -a",
        "a | eth0123456789abc | web | invalid interface name eth0123456789abc",
        "a | eth:0 | web | invalid interface name eth:0",
        "a | eth0 | web;K8S_POD_UID=x | invalid podName web;K8S_POD_UID=x",
      })
  void invalidRequests(String id, String ifName, String podName, String message) {
    assertThatThrownBy(() -> new CniRequest(id, NS, ifName, "ns", podName, "uid", Map.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(message);
  }

  @Test
  void netnsMustBeAbsolute() {
    assertThatThrownBy(() -> CniRequest.of("a", Path.of("netns"), "ns", "p", "u"))
        .hasMessage("netns must be an absolute path, got netns");
  }
}
