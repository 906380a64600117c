package dev.netmark.testing.local.fabric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfTemplateTest {
  private static Path resource(String name) throws URISyntaxException {
    return Path.of(ConfTemplateTest.class.getResource(name).toURI());
  }

  @Test
  void defaultConflistForNode2MatchesGoldenFile() throws Exception {
    FabricPlan plan = FabricPlan.of(FabricSpec.builder().nodes(3).build());
    NodeCni cni = NodeCni.render(plan);
    Map.Entry<String, String> file = cni.files().get("nml-node2");
    assertThat(file.getKey()).isEqualTo("10-nml.conflist");
    assertThat(file.getValue()).isEqualTo(Files.readString(resource("default-node2.conflist")));
    assertThat(cni.binaries()).containsExactly("loopback", "bridge", "host-local", "portmap");
  }

  @Test
  void userTemplateIsRenderedPerNode() throws Exception {
    FabricSpec spec =
        FabricSpec.builder()
            .prefix("nmt")
            .nodes(2)
            .cni(CniSetup.userTemplate(resource("ptp"), Path.of("/usr/lib/cni")))
            .build();
    NodeCni cni = NodeCni.render(FabricPlan.of(spec));
    CniNetwork n1 = cni.networks().get("nmt-node1");
    assertThat(cni.files().get("nmt-node1").getKey()).isEqualTo("20-ptp.conflist");
    assertThat(n1.name()).isEqualTo("nmt-ptp");
    assertThat(
            n1.plugins().get(0).path("ipam").path("ranges").get(0).get(0).path("subnet").asString())
        .isEqualTo("10.240.1.0/24");
    assertThat(
            cni.networks()
                .get("nmt-node2")
                .plugins()
                .get(0)
                .path("ipam")
                .path("dataDir")
                .asString())
        .isEqualTo("/run/netmark-local/nmt/nmt-node2/ipam");
    assertThat(cni.binaries()).containsExactly("loopback", "ptp", "host-local");
    assertThat(cni.podLan()).as("ptp names no ${podLan}").isFalse();
  }

  @Test
  void aTemplateNamingThePodLanGetsIt(@org.junit.jupiter.api.io.TempDir Path dir)
      throws IOException {
    Files.writeString(
        dir.resolve("10-mv.conflist"),
        """
        {"cniVersion": "1.0.0", "name": "mv", "plugins": [{"type": "macvlan",
          "master": "${podLan}", "ipam": {"type": "host-local",
          "ranges": [[{"subnet": "${podCidr}"}]]}}]}
        """);
    FabricSpec spec =
        FabricSpec.builder()
            .nodes(1)
            .cni(CniSetup.userTemplate(dir, Path.of("/usr/lib/cni")))
            .build();
    NodeCni cni = NodeCni.render(FabricPlan.of(spec));
    assertThat(cni.podLan()).isTrue();
    assertThat(cni.networks().get("nml-node1").plugins().get(0).path("master").asString())
        .isEqualTo("podlan");
    assertThat(NodeCni.render(FabricPlan.of(FabricSpec.builder().nodes(1).build())).podLan())
        .as("the default bridge conflist")
        .isFalse();
  }

  @Test
  void unknownPlaceholdersAreNamedWithLine() {
    assertThatThrownBy(
            () ->
                ConfTemplate.render(
                    "{\n \"a\": \"${podCidr}\",\n \"b\": \"${podCIDR}\"}",
                    "x.conflist",
                    Map.of("podCidr", "v")))
        .hasMessage("x.conflist: unknown placeholder ${podCIDR} on line 3; known are [${podCidr}]");
  }

  @Test
  void emptyConfDirIsAClearError(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("README"), "no conf here");
    FabricSpec spec =
        FabricSpec.builder().cni(CniSetup.userTemplate(dir, Path.of("/usr/lib/cni"))).build();
    // The user's conf is part of the run's config: a usage error, exit 2.
    assertThatThrownBy(() -> NodeCni.render(FabricPlan.of(spec)))
        .isInstanceOf(dev.netmark.api.ConfigException.class)
        .hasMessage(
            "--cni-conf-dir "
                + dir
                + ": CNI conf dir "
                + dir
                + " has no *.conflist, *.conf or *.json file");
  }
}
