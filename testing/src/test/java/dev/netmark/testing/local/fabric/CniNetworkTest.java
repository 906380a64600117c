package dev.netmark.testing.local.fabric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CniNetworkTest {
  @Test
  void singleConfIsAListOfOne() {
    CniNetwork n =
        CniNetwork.parse(
            "{\"cniVersion\":\"0.4.0\",\"name\":\"n\",\"type\":\"ptp\",\"ipam\":{\"type\":\"static\"}}",
            "a.conf");
    assertThat(n.plugins()).hasSize(1);
    assertThat(n.binaries()).containsExactly("ptp", "static");
  }

  @Test
  void pluginConfCarriesNameVersionAndPrevResult() {
    CniNetwork n =
        CniNetwork.parse(
            "{\"cniVersion\":\"1.0.0\",\"name\":\"net\",\"plugins\":[{\"type\":\"bridge\"},{\"type\":\"portmap\"}]}",
            "b");
    var prev = CniNetwork.JSON.readTree("{\"ips\":[{\"address\":\"10.240.1.5/24\"}]}");
    assertThat(n.pluginConf(1, prev).toString())
        .isEqualTo(
            "{\"type\":\"portmap\",\"cniVersion\":\"1.0.0\",\"name\":\"net\",\"prevResult\":{\"ips\":[{\"address\":\"10.240.1.5/24\"}]}}");
    assertThat(n.pluginConf(0, null).has("prevResult")).isFalse();
  }

  @Test
  void readsTheIpOfNewAndOldResults() {
    var v1 =
        CniNetwork.JSON.readTree(
            "{\"ips\":[{\"address\":\"fd00::5/64\"},{\"address\":\"10.240.1.5/24\"}]}");
    var v02 = CniNetwork.JSON.readTree("{\"ip4\":{\"ip\":\"10.240.2.7/24\"}}");
    assertThat(CniRunner.firstIpv4(v1, "s")).isEqualTo("10.240.1.5");
    assertThat(CniRunner.firstIpv4(v02, "s")).isEqualTo("10.240.2.7");
    assertThatThrownBy(() -> CniRunner.firstIpv4(CniNetwork.JSON.readTree("{}"), "s"))
        .hasMessageContaining("s: the ADD result has no IPv4 address");
  }

  @Test
  void badConfigsSayWhatIsWrong() {
    assertThatThrownBy(() -> CniNetwork.parse("{\"name\":\"n\"}", "c.conflist"))
        .hasMessage("c.conflist: $.cniVersion: missing (e.g. \"1.0.0\")");
    assertThatThrownBy(() -> CniNetwork.parse("{\"cniVersion\":\"1.0.0\"}", "c.conflist"))
        .hasMessage("c.conflist: $.name: missing (the network's name)");
    assertThatThrownBy(
            () ->
                CniNetwork.parse("{\"cniVersion\":\"1.0.0\",\"name\":\"n\",\"plugins\":[{}]}", "c"))
        .hasMessage("c: $.plugins[0].type: missing; every plugin needs a \"type\"");
    assertThatThrownBy(() -> CniNetwork.parse("{nope", "c"))
        .hasMessageStartingWith("c is not valid JSON");
  }
}
