package dev.netmark.testing.local.fabric;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NatRulesTest {
  @Test
  void servicesMatchGoldenFile() throws Exception {
    Map<String, List<String>> services = new LinkedHashMap<>();
    services.put(
        "10.250.0.10:80", List.of("10.240.1.2:8080", "10.240.2.2:8080", "10.240.3.2:8080"));
    services.put("10.250.0.11:5201", List.of("10.240.1.2:5201"));
    String expected;
    try (var in = getClass().getResourceAsStream("services-two.rules")) {
      expected = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    assertThat(NatRules.services("nml", services)).isEqualTo(expected);
  }

  @Test
  void chainsOfServicesThatWentAreFlushedAndDeleted() {
    Map<String, List<String>> before = new LinkedHashMap<>();
    before.put("10.250.0.10:80", List.of("10.240.1.2:8080"));
    before.put("10.250.0.11:80", List.of("10.240.1.3:8080"));
    before.put("10.250.0.12:80", List.of("10.240.1.4:8080"));
    String rules =
        NatRules.services("nml", Map.of("10.250.0.12:80", List.of("10.240.1.4:8080")), before);
    assertThat(rules.lines())
        .containsSubsequence(
            ":NML-SVC-2 - [0:0]",
            ":NML-SVC-3 - [0:0]",
            ":NML-PING-2 - [0:0]",
            ":NML-PING-3 - [0:0]",
            "-X NML-SVC-2",
            "-X NML-SVC-3",
            "-X NML-PING-2",
            "-X NML-PING-3",
            "COMMIT")
        .doesNotContain("-X NML-SVC-1", "-X NML-PING-1");
    assertThat(rules.lines().filter(l -> l.startsWith("-A NML-SERVICES")))
        .containsExactly(
            "-A NML-SERVICES -d 10.250.0.12/32 -p tcp --dport 80 -j NML-SVC-1",
            "-A NML-SERVICES -d 10.250.0.12/32 -p icmp --icmp-type echo-request -j NML-PING-1");
  }

  @Test
  void noServicesLeavesAnEmptyChain() {
    assertThat(NatRules.services("nml", Map.of()))
        .isEqualTo("*nat\n:NML-SERVICES - [0:0]\nCOMMIT\n");
  }

  @Test
  void baseRulesHookServicesAndMasquerade() {
    assertThat(NatRules.base("nml", "10.240.1.0/24", "10.240.0.0/16", "10.250.0.0/16").lines())
        .containsSubsequence(
            "*nat",
            "-A PREROUTING -j NML-SERVICES",
            "-A OUTPUT -j NML-SERVICES",
            "-A NML-POSTROUTING -s 10.240.1.0/24 -d 10.240.1.0/24 -m conntrack --ctstate DNAT -j"
                + " MASQUERADE",
            "-A NML-POSTROUTING -s 10.240.0.0/16 ! -d 10.240.0.0/16 -j MASQUERADE",
            "COMMIT");
  }

  @Test
  void baseRulesRejectWhatNoServiceRuleDnatted() {
    List<String> lines =
        NatRules.base("nml", "10.240.1.0/24", "10.240.0.0/16", "10.250.0.0/16").lines().toList();
    assertThat(lines.subList(lines.indexOf("*filter"), lines.size()))
        .containsExactly(
            "*filter",
            ":NML-NO-ENDPOINTS - [0:0]",
            "-A FORWARD -j NML-NO-ENDPOINTS",
            "-A OUTPUT -j NML-NO-ENDPOINTS",
            "-A NML-NO-ENDPOINTS -d 10.250.0.0/16 -m conntrack ! --ctstate DNAT -j REJECT"
                + " --reject-with icmp-port-unreachable",
            "COMMIT");
  }
}
