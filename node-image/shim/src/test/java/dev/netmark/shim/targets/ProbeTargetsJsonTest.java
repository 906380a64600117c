package dev.netmark.shim.targets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.netmark.contract.ProbeTargets;
import dev.netmark.contract.json.JsonNode;
import dev.netmark.contract.json.ObjectNode;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProbeTargetsJsonTest {
  static final String VALID =
      """
      {"controlPods":{"node-a":["10.0.1.5"],"node-b":["10.0.2.5","fd00::5"]},
       "controlHttpPort":8080,"controlIperfPort":5201,
       "serviceIp":"10.96.0.10","servicePort":80,
       "externalIp":"192.0.2.1","externalUrl":"http://192.0.2.1:8080/x",
       "policy":{"remoteNodes":5,"serviceHttpCount":3,"servicePing":false,
                 "intervalMs":10,"timeoutMs":60000,
                 "classes":["same_node","remote_node","service","external"]},
       "someFutureField":1}
      """;

  /** The engine's JSON as Jackson's databind wrote it, before the shim dropped databind. */
  @Test
  void writesAndReadsTheJsonDatabindWrote() {
    String databind =
        "{\"controlPods\":{\"x\":[\"10.0.0.1\"]},\"controlHttpPort\":1,\"controlIperfPort\":2,"
            + "\"serviceIp\":\"10.96.0.1\",\"servicePort\":3,\"externalIp\":null,"
            + "\"externalUrl\":\"http://192.0.2.1/x\",\"policy\":{\"remoteNodes\":5,"
            + "\"serviceHttpCount\":3,\"servicePing\":false,\"intervalMs\":2,"
            + "\"timeoutMs\":60000,\"classes\":[\"same_node\",\"remote_node\",\"service\","
            + "\"external\"]},\"version\":2,\"applications\":{}}";
    ProbeTargets targets =
        new ProbeTargets(
            java.util.Map.of("x", List.of("10.0.0.1")),
            1,
            2,
            "10.96.0.1",
            3,
            null,
            "http://192.0.2.1/x",
            ProbeTargets.ProbePolicy.defaults());

    assertThat(ProbeTargetsJson.toJson(targets)).isEqualTo(databind);
    assertThat(ProbeTargetsJson.parse(databind, "test")).isEqualTo(targets);
  }

  @Test
  void parsesTheEnginesJson() {
    ProbeTargets t = ProbeTargetsJson.parse(VALID, "test");
    assertThat(t.controlPods()).containsKeys("node-a", "node-b");
    assertThat(t.controlPods().get("node-b")).containsExactly("10.0.2.5", "fd00::5");
    assertThat(t.policy().remoteNodes()).isEqualTo(5);
    assertThat(t.policy().classes()).hasSize(4);
    assertThat(ProbeTargetsJson.parse(ProbeTargetsJson.toJson(t), "round trip")).isEqualTo(t);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      quoteCharacter = '`',
      value = {
        "hostname as pod IP    | \"10.0.1.5\"]         | \"ctl.local\"]          |"
            + " controlPods[node-a][0]: expected an IP address literal, found 'ctl.local'",
        "port out of range     | \"controlHttpPort\":8080 | \"controlHttpPort\":70000 |"
            + " controlHttpPort: expected a port 1-65535, found 70000",
        "zero service port     | \"servicePort\":80    | \"servicePort\":0       | servicePort:"
            + " expected a port 1-65535, found 0",
        "unknown class         | \"external\"]         | \"extrnal\"]            | policy.classes:"
            + " unknown class 'extrnal'",
        "duplicate class       | \"external\"]         | \"external\",\"service\"] |"
            + " policy.classes: 'service' listed twice",
        "zero interval         | \"intervalMs\":10     | \"intervalMs\":0        |"
            + " policy.intervalMs: expected 1..60000, found 0",
        "timeout below interval| \"timeoutMs\":60000   | \"timeoutMs\":5         |"
            + " policy.timeoutMs: expected intervalMs..3600000, found 5",
        "negative K            | \"remoteNodes\":5     | \"remoteNodes\":-1      |"
            + " policy.remoteNodes: expected >= 0, found -1",
        "M of zero             | \"serviceHttpCount\":3 | \"serviceHttpCount\":0 |"
            + " policy.serviceHttpCount: expected >= 1, found 0",
        "https external url    | \"http://192.0.2.1:8080/x\" | \"https://192.0.2.1/\" |"
            + " externalUrl: expected http://host[:port]/path",
        "bad external ip       | \"externalIp\":\"192.0.2.1\" | \"externalIp\":\"192.0.2.300\" |"
            + " externalIp: expected an IP address literal, found '192.0.2.300'",
        "service class w/o vip | \"serviceIp\":\"10.96.0.10\" | \"serviceIp\":null |"
            + " policy.classes: 'service' needs serviceIp",
        "missing policy        | \"policy\":{          | \"policyX\":{           | policy: missing,"
            + " expected an object",
        "not json              | {\"controlPods\"      | [\"controlPods\"        | not JSON",
      })
  void rejectsBadContentNamingTheField(String name, String from, String to, String expected) {
    String json = VALID.replace(from.strip(), to.strip());
    assertThat(json).as("test case edits the document").isNotEqualTo(VALID);
    assertThatThrownBy(() -> ProbeTargetsJson.parse(json, "ConfigMap x"))
        .isInstanceOf(InvalidTargetsException.class)
        .hasMessageStartingWith("invalid probe targets from ConfigMap x: ")
        .hasMessageContaining(expected);
  }

  /** A ConfigMap as the API server sends it: its JSON. */
  private static JsonNode configMap(String name, String key, String value) {
    ObjectNode cm = new ObjectNode();
    cm.putObject("metadata")
        .put("name", name)
        .put("namespace", ProbeTargets.NAMESPACE)
        .put("resourceVersion", "7");
    cm.putObject("data").put(key, value);
    return cm;
  }

  @Test
  void configMapVersionsUpdateTheHolderOnlyWhenValid() throws Exception {
    TargetsHolder holder = new TargetsHolder();
    assertThatThrownBy(() -> holder.awaitFirst(Duration.ofMillis(20)))
        .isInstanceOf(TimeoutException.class)
        .hasMessageContaining(ProbeTargets.CONFIGMAP_NAME);
    var good = configMap(ProbeTargets.CONFIGMAP_NAME, ProbeTargets.CONFIGMAP_KEY, VALID);
    assertThat(ConfigMapTargetsWatcher.accept(good, holder)).isTrue();
    assertThat(holder.awaitFirst(Duration.ofMillis(1)).controlHttpPort()).isEqualTo(8080);
    var bad =
        configMap(
            ProbeTargets.CONFIGMAP_NAME, ProbeTargets.CONFIGMAP_KEY, VALID.replace("8080,", "0,"));
    assertThat(ConfigMapTargetsWatcher.accept(bad, holder)).isFalse();
    var other = configMap("something-else", ProbeTargets.CONFIGMAP_KEY, VALID);
    assertThat(ConfigMapTargetsWatcher.accept(other, holder)).isFalse();
    var missingKey = configMap(ProbeTargets.CONFIGMAP_NAME, "x", VALID);
    assertThat(ConfigMapTargetsWatcher.accept(missingKey, holder)).isFalse();
    assertThat(holder.current().orElseThrow().controlHttpPort()).isEqualTo(8080);
  }

  @Test
  void aWaiterIsWokenByTheFirstTargets() throws Exception {
    TargetsHolder holder = new TargetsHolder();
    ProbeTargets t = ProbeTargetsJson.parse(VALID, "test");
    Thread.ofVirtual().start(() -> holder.update(t));
    assertThat(holder.awaitFirst(Duration.ofSeconds(30))).isSameAs(t);
    assertThat(List.of(holder.current().orElseThrow())).containsExactly(t);
  }
}
