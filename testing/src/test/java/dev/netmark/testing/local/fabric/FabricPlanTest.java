package dev.netmark.testing.local.fabric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.netmark.testing.local.host.Ipv4;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class FabricPlanTest {
  @Test
  void defaultsGiveNodeIItsIthSlash24() {
    FabricPlan p = FabricPlan.of(FabricSpec.builder().nodes(3).build());
    assertThat(p.nodes())
        .extracting(NodePlan::name)
        .containsExactly("nml-node1", "nml-node2", "nml-node3");
    assertThat(p.nodes())
        .extracting(n -> n.podCidr().toString())
        .containsExactly("10.240.1.0/24", "10.240.2.0/24", "10.240.3.0/24");
    assertThat(p.nodes())
        .extracting(NodePlan::ip)
        .containsExactly("10.241.0.1", "10.241.0.2", "10.241.0.3");
    assertThat(p.nodes())
        .extracting(NodePlan::gateway)
        .containsExactly("10.240.1.1", "10.240.2.1", "10.240.3.1");
    assertThat(p.hostAddress()).isEqualTo("10.241.255.254");
    assertThat(Ipv4.format(p.routerIp())).isEqualTo("10.241.255.253");
    assertThat(p.externalAddress()).isEqualTo("10.251.0.1");
    assertThat(Ipv4.format(p.externalRouterIp())).isEqualTo("10.251.0.254");
    assertThat(p.spec().defaultServiceVip()).isEqualTo("10.250.0.10");
    assertThat(p.nodes().get(1).ipamDir())
        .isEqualTo(Path.of("/run/netmark-local/nml/nml-node2/ipam"));
    assertThat(List.of(p.fabricNetns(), p.externalNetns(), p.hostLink()))
        .containsExactly("nml-fabric", "nml-ext", "nml-host");
  }

  @Test
  void podCidrsNeverOverlapAtFullSize() {
    FabricPlan p = FabricPlan.of(FabricSpec.builder().nodes(255).build());
    List<NodePlan> nodes = p.nodes();
    for (int i = 0; i < nodes.size(); i++) {
      assertThat(p.spec().clusterCidr().overlaps(nodes.get(i).podCidr())).isTrue();
      for (int j = i + 1; j < nodes.size(); j++) {
        assertThat(nodes.get(i).podCidr().overlaps(nodes.get(j).podCidr()))
            .as("%s vs %s", nodes.get(i).name(), nodes.get(j).name())
            .isFalse();
      }
    }
    assertThat(nodes.get(254).podCidr()).hasToString("10.240.255.0/24");
  }

  @Test
  void smallerNodeCidrs() {
    FabricPlan p =
        FabricPlan.of(
            FabricSpec.builder().nodes(2).clusterCidr("10.240.0.0/20").nodeCidrPrefix(26).build());
    assertThat(p.nodes())
        .extracting(n -> n.podCidr().toString())
        .containsExactly("10.240.0.64/26", "10.240.0.128/26");
  }

  @Test
  void tooManyNodesForTheClusterCidr() {
    assertThatThrownBy(() -> FabricPlan.of(FabricSpec.builder().nodes(256).build()))
        .hasMessage(
            "cluster CIDR 10.240.0.0/16 cannot give 256 nodes a /24 each (subnet 0 is left"
                + " unused)");
  }

  @Test
  void tooManyNodesForTheLinkCidr() {
    assertThatThrownBy(
            () -> FabricPlan.of(FabricSpec.builder().nodes(6).linkCidr("10.241.0.0/29").build()))
        .hasMessage("link CIDR 10.241.0.0/29 is too small for 6 nodes, the host and the router");
  }

  @Test
  void overlappingRanges() {
    assertThatThrownBy(
            () -> FabricPlan.of(FabricSpec.builder().externalCidr("10.240.9.0/24").build()))
        .hasMessage("cluster CIDR 10.240.0.0/16 overlaps external CIDR 10.240.9.0/24");
  }

  @Test
  void prefixMustKeepLinkNamesShort() {
    assertThatThrownBy(() -> FabricSpec.builder().prefix("Nml").build())
        .hasMessageContaining("prefix 'Nml'");
    assertThatThrownBy(() -> FabricSpec.builder().prefix("abcdefghijk").build())
        .hasMessageContaining("1 to 10");
    assertThat(FabricSpec.builder().prefix("abcdefghij").build().prefix() + "-host")
        .hasSizeLessThanOrEqualTo(15);
  }

  @Test
  void unknownNodeListsTheKnownOnes() {
    FabricPlan p = FabricPlan.of(FabricSpec.builder().nodes(2).build());
    assertThatThrownBy(() -> p.node("node1"))
        .hasMessage("no node node1; the nodes are [nml-node1, nml-node2]");
  }
}
