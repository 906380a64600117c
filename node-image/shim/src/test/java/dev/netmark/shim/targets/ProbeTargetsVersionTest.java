package dev.netmark.shim.targets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.netmark.contract.AppTier;
import dev.netmark.contract.ProbeTargets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProbeTargetsVersionTest {
  static final String V2 =
      ProbeTargetsJsonTest.VALID.replace(
          "\"someFutureField\":1",
          """
          "version":2,"applications":{
            "shop/backend":{"serviceIp":"10.96.0.20","port":8080,"serves":"http",
                            "pods":["10.0.1.7","fd00::7"]},
            "shop/db":{"serviceIp":null,"port":5432,"serves":"tcp-echo","pods":[]}}
          """);

  @Test
  void versionOneHasNoApplications() {
    ProbeTargets t = ProbeTargetsJson.parse(ProbeTargetsJsonTest.VALID, "test");
    assertThat(t.version()).isEqualTo(1);
    assertThat(t.applications()).isEmpty();
  }

  @Test
  void versionTwoCarriesTheTiers() {
    ProbeTargets t = ProbeTargetsJson.parse(V2, "test");
    assertThat(t.version()).isEqualTo(2);
    assertThat(t.applications())
        .containsEntry(
            "shop/backend",
            new AppTier("10.96.0.20", 8080, "http", java.util.List.of("10.0.1.7", "fd00::7")))
        .containsEntry("shop/db", new AppTier(null, 5432, "tcp-echo", java.util.List.of()));
    assertThat(ProbeTargetsJson.parse(ProbeTargetsJson.toJson(t), "round trip")).isEqualTo(t);
  }

  @Test
  void aNewerVersionIsRefusedNamingBoth() {
    assertThatThrownBy(
            () -> ProbeTargetsJson.parse(V2.replace("\"version\":2", "\"version\":3"), "cm"))
        .isInstanceOf(InvalidTargetsException.class)
        .hasMessageContaining("version 3 is newer than this shim's probe-targets version 2");
    assertThatThrownBy(
            () -> ProbeTargetsJson.parse(V2.replace("\"version\":2", "\"version\":\"2\""), "cm"))
        .hasMessageContaining("version: expected a positive integer, found \"2\"");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "port zero       | \"port\":8080       | \"port\":0          |"
            + " applications[shop/backend].port: expected a port 1-65535, found 0",
        "unknown serves  | \"serves\":\"http\"   | \"serves\":\"udp\"    |"
            + " applications[shop/backend].serves: expected one of [http, tcp-echo, tcp-sink],"
            + " found 'udp'",
        "bad vip         | \"10.96.0.20\"      | \"backend.svc\"     |"
            + " applications[shop/backend].serviceIp: expected an IP address literal, found"
            + " 'backend.svc'",
        "bad pod ip      | \"10.0.1.7\"        | \"10.0.1.777\"      |"
            + " applications[shop/backend].pods[0]: expected an IP address literal, found"
            + " '10.0.1.777'",
        "key without ns  | \"shop/db\"         | \"db\"              |"
            + " applications[db]: expected a key <namespace>/<tier>",
      })
  void badTiersAreNamed(String name, String from, String to, String expected) {
    String json = V2.replace(from.strip(), to.strip());
    assertThat(json).isNotEqualTo(V2);
    assertThatThrownBy(() -> ProbeTargetsJson.parse(json, "cm"))
        .isInstanceOf(InvalidTargetsException.class)
        .hasMessageContaining(expected);
  }
}
