package dev.netmark.testing.local.fabric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.netmark.api.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checks of a user's conflist before local mode builds anything; fake plugins answer VERSION.
 */
class ConfPreflightTest {
  @TempDir Path tmp;
  private Path bin;
  private Path conf;

  @BeforeEach
  void plugins() throws Exception {
    bin = Files.createDirectories(tmp.resolve("bin"));
    conf = Files.createDirectories(tmp.resolve("conf"));
    for (String type : new String[] {"ptp", "host-local", "tuning"}) {
      Path p = bin.resolve(type);
      Files.writeString(
          p,
          "#!/bin/sh\ncat >/dev/null\n"
              + "echo '{\"cniVersion\":\"1.0.0\",\"supportedVersions\":[\"0.4.0\",\"1.0.0\"]}'\n");
      Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
  }

  private void check(String conflist, boolean reset) throws Exception {
    Files.writeString(conf.resolve("10-mine.conflist"), conflist);
    FabricPlan plan =
        FabricPlan.of(
            FabricSpec.builder()
                .nodes(2)
                .stateRoot(tmp.resolve("state"))
                .cni(CniSetup.userTemplate(conf, bin).withResetIpam(reset))
                .build());
    ConfPreflight.check(plan, NodeCni.render(plan));
  }

  private static String chain(String version, String subnet, String extra, String dataDir) {
    return """
        {"cniVersion":"%s","name":"mine","plugins":[
          {"type":"ptp","ipam":{"type":"host-local","ranges":[[{"subnet":"%s"}]]%s}}%s]}
        """
        .formatted(
            version, subnet, dataDir == null ? "" : ",\"dataDir\":\"" + dataDir + "\"", extra);
  }

  @Test
  void aChainThatFitsPasses() {
    assertThatCode(() -> check(chain("1.0.0", "${podCidr}", ",{\"type\":\"tuning\"}", null), false))
        .doesNotThrowAnyException();
  }

  @Test
  void aTypeWithoutBinaryNamesItsJsonPath() {
    assertThatThrownBy(
            () -> check(chain("1.0.0", "${podCidr}", ",{\"type\":\"tunning\"}", null), false))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(
            conf.resolve("10-mine.conflist") + ": the CNI configuration cannot run")
        .hasMessageContaining(
            "$.plugins[1].type: no plugin \"tunning\": "
                + bin.resolve("tunning")
                + " does not exist");
  }

  @Test
  void aVersionNoPluginSupportsIsRefused() {
    assertThatThrownBy(() -> check(chain("0.3.1", "${podCidr}", "", null), false))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(
            "$.cniVersion: plugin \"ptp\" ($.plugins[0].type) does not support cniVersion 0.3.1;"
                + " it supports 0.4.0, 1.0.0");
  }

  @Test
  void aRangeOutsideTheNodesPodCidrSaysWhichPlaceholderToUse() {
    assertThatThrownBy(() -> check(chain("1.0.0", "10.22.0.0/16", "", null), false))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(
            "$.plugins[0].ipam.ranges[0][0].subnet: 10.22.0.0/16 is not inside nml-node1's pod"
                + " CIDR 10.240.1.0/24")
        .hasMessageContaining("write \"${podCidr}\"");
  }

  @Test
  void addressesOfAnotherRunAreRefusedUnlessReset() throws Exception {
    Path store = Files.createDirectories(tmp.resolve("ipam").resolve("mine"));
    Files.writeString(store.resolve("10.240.1.2"), "nml-node1-ctl\r\neth0");
    Files.writeString(store.resolve("last_reserved_ip.0"), "10.240.1.2");
    String conflist = chain("1.0.0", "${podCidr}", "", tmp.resolve("ipam").toString());
    assertThatThrownBy(() -> check(conflist, false))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(
            "$.plugins[0].ipam: host-local's store "
                + store
                + " holds 1 addresses of another run ("
                + store.resolve("10.240.1.2")
                + " nml-node1-ctl)")
        .hasMessageContaining("pass --cni-reset-ipam");
    check(conflist, true);
    assertThat(store.resolve("10.240.1.2")).doesNotExist();
    assertThat(store.resolve("last_reserved_ip.0")).exists();
  }
}
