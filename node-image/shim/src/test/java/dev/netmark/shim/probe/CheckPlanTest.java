package dev.netmark.shim.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netmark.contract.ProbeTargets;
import dev.netmark.contract.ProbeTargets.ProbePolicy;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CheckPlanTest {
  private static final Map<String, List<String>> PODS =
      Map.of(
          "n0", List.of("10.0.0.5"),
          "n1", List.of("10.0.1.5"),
          "n2", List.of("10.0.2.5"),
          "n3", List.of("10.0.3.5"),
          "n4", List.of("10.0.4.5"),
          "n5", List.of("10.0.5.5"),
          "n6", List.of("10.0.6.5"));

  private static ProbeTargets targets(ProbePolicy policy, String serviceIp, String url) {
    return new ProbeTargets(PODS, 8080, 5201, serviceIp, 80, "192.0.2.1", url, policy);
  }

  private static List<String> described(List<Check> checks) {
    return checks.stream().map(Check::describe).toList();
  }

  @Test
  void defaultPolicyGivesEveryClassItsChecks() {
    CheckPlan plan =
        CheckPlan.of(
            targets(ProbePolicy.defaults(), "10.96.0.10", "http://192.0.2.1:8080/a?b=1"),
            "n0",
            new Random(7));
    assertThat(plan.skipped()).isEmpty();
    assertThat(plan.classes().keySet())
        .containsExactly("same_node", "remote_node", "service", "external");
    assertThat(described(plan.classes().get("same_node"))).containsExactly("ping 10.0.0.5");
    List<String> remote = described(plan.classes().get("remote_node"));
    assertThat(remote).hasSize(5).doesNotContain("ping 10.0.0.5").doesNotHaveDuplicates();
    assertThat(described(plan.classes().get("service")))
        .containsExactly("GET http://10.96.0.10:80/ x3");
    assertThat(plan.classes().get("service").get(0).successesNeeded()).isEqualTo(3);
    assertThat(described(plan.classes().get("external")))
        .containsExactly("ping 192.0.2.1", "GET http://192.0.2.1:8080/a?b=1");
  }

  @Test
  void remoteNodesAreDrawnAtRandomAmongTheOthers() {
    Set<String> seen = new HashSet<>();
    for (int seed = 0; seed < 50; seed++) {
      seen.addAll(
          described(
              CheckPlan.of(targets(ProbePolicy.defaults(), null, null), "n0", new Random(seed))
                  .classes()
                  .get("remote_node")));
    }
    assertThat(seen).hasSize(6).doesNotContain("ping 10.0.0.5");
  }

  @Test
  void servicePingAndSkippedClasses() {
    ProbePolicy policy =
        new ProbePolicy(5, 2, true, 10, 1000, List.of("same_node", "remote_node", "service"));
    CheckPlan withPing = CheckPlan.of(targets(policy, "10.96.0.10", null), "n0", new Random(1));
    assertThat(described(withPing.classes().get("service")))
        .containsExactly("GET http://10.96.0.10:80/ x2", "ping 10.96.0.10");

    ProbeTargets lonely =
        new ProbeTargets(
            Map.of("n0", List.of("10.0.0.5")), 8080, 5201, null, 80, null, null, policy);
    CheckPlan plan = CheckPlan.of(lonely, "n9", new Random(1));
    assertThat(plan.classes().keySet()).containsExactly("remote_node");
    assertThat(described(plan.classes().get("remote_node"))).containsExactly("ping 10.0.0.5");
    assertThat(plan.skipped())
        .isEqualTo(
            Map.of("same_node", "no control pod on node n9", "service", "no control service"));
    assertThat(CheckPlan.of(lonely, "n0", new Random(1)).skipped())
        .containsEntry("remote_node", "no control pod on any other node");
  }

  @Test
  void theWarmUpPodRunsEveryClassWithPingAndHttp() {
    CheckPlan plan = CheckPlan.of(WarmUp.targets("node-a", 18080), "node-a", new Random(1));

    assertThat(plan.skipped()).isEmpty();
    assertThat(plan.classes().keySet())
        .containsExactly("same_node", "remote_node", "service", "external");
    assertThat(plan.classes().get("service"))
        .hasAtLeastOneElementOfType(HttpCheck.class)
        .hasAtLeastOneElementOfType(IcmpCheck.class);
    assertThat(plan.classes().get("external"))
        .hasAtLeastOneElementOfType(HttpCheck.class)
        .hasAtLeastOneElementOfType(IcmpCheck.class);
  }
}
