package dev.netmark.testing.kubemark;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netmark.engine.cli.NetmarkCommand;
import dev.netmark.engine.template.ObjectTemplates;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The knobs every shipped config has for a kubemark cluster ({@code NODE_SELECTOR}, {@code
 * CONTROL_IMAGE}, {@code EXTERNAL_IP}, {@code EXTERNAL_URL}, {@code SERVICE_PING}): listed at the
 * top, wired into deployControlPlane and the pod templates, checked with the config path and line,
 * and, when unset, leaving the config as local mode needs it. The application models need the
 * {@code ApplicationTraffic} measurement of module measurements.
 */
class ConfigKnobsTest {
  static final List<String> KUBEMARK_KNOBS =
      List.of("NODE_SELECTOR", "CONTROL_IMAGE", "EXTERNAL_IP", "EXTERNAL_URL", "SERVICE_PING");
  private static final Pattern LISTED = Pattern.compile("(?m)^#   ([A-Z][A-Z0-9_]+) ");
  private static final Pattern READ =
      Pattern.compile("\\(([A-Z][A-Z0-9_]+)\\)!|\\b([A-Z][A-Z0-9_]+)\\?\\?");

  static List<String> configs() {
    return List.of(
        "network-ready-latency.yaml",
        "pod-flux.yaml",
        "traffic-model.yaml",
        "application-three-tier.yaml",
        "application-microservices.yaml");
  }

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int validate(String config, String... sets) {
    List<String> args = new ArrayList<>(List.of("validate", config(config).toString()));
    for (String set : sets) {
      args.addAll(List.of("--set", set));
    }
    return NetmarkCommand.commandLine(new PrintWriter(out, true), new PrintWriter(err, true))
        .execute(args.toArray(String[]::new));
  }

  private static Path config(String name) {
    return Repo.root().resolve("configs").resolve(name);
  }

  @ParameterizedTest
  @MethodSource("configs")
  void everyKnobReadIsListedAtTheTopAndTheKubemarkOnesAreThere(String name) throws IOException {
    String text = Files.readString(config(name));
    Set<String> listed = new TreeSet<>();
    Matcher l = LISTED.matcher(text);
    while (l.find()) {
      listed.add(l.group(1));
    }
    Set<String> read = new TreeSet<>();
    Matcher r = READ.matcher(text);
    while (r.find()) {
      read.add(r.group(1) != null ? r.group(1) : r.group(2));
    }
    assertThat(listed).containsAll(KUBEMARK_KNOBS).isEqualTo(read);
  }

  @ParameterizedTest
  @MethodSource("configs")
  void unsetTheyLeaveLocalModeItsDefaultsAndPingTheService(String name) {
    assertThat(validate(name)).as(err::toString).isEqualTo(0);
    assertThat(out.toString())
        .doesNotContain("nodeSelector")
        .doesNotContain("NodeSelector")
        .doesNotContain("image: \"")
        .doesNotContain("external:")
        .contains("servicePing: true");
  }

  @ParameterizedTest
  @MethodSource("configs")
  void setTheyReachControlPlaneAndEveryPodTemplate(String name) {
    assertThat(
            validate(
                name,
                "NODE_SELECTOR=netmark.dev/node-kind=not-so-hollow",
                "CONTROL_IMAGE=registry.example/netmark-control:v1",
                "EXTERNAL_IP=198.51.100.7",
                "EXTERNAL_URL=http://198.51.100.8:8080/health",
                "SERVICE_PING=false"))
        .as(err::toString)
        .isEqualTo(0);
    String rendered = out.toString();
    assertThat(rendered)
        .contains("    nodeSelector: \"netmark.dev/node-kind=not-so-hollow\"\n")
        .contains("    image: \"registry.example/netmark-control:v1\"\n")
        .contains("    external:\n      ip: \"198.51.100.7\"\n")
        .contains("      url: \"http://198.51.100.8:8080/health\"\n")
        .contains("servicePing: false")
        .doesNotContain("servicePing: true");
    // Every createPods step carries the selector into its pod template, every deployApplication
    // step into its pods; deployControlPlane's own is the one more.
    long creates =
        rendered
            .lines()
            .filter(line -> line.equals("  createPods:") || line.equals("  deployApplication:"))
            .count();
    long filled =
        rendered
            .lines()
            .filter(line -> line.contains("odeSelector: \"netmark.dev/node-kind=not-so-hollow\""))
            .count();
    assertThat(creates).isPositive();
    assertThat(filled).isEqualTo(creates + 1);
  }

  @ParameterizedTest
  @MethodSource("configs")
  void onlyAnExternalIpIsEnough(String name) {
    assertThat(validate(name, "EXTERNAL_IP=198.51.100.7")).as(err::toString).isEqualTo(0);
    assertThat(out.toString()).contains("    external:\n      ip: \"198.51.100.7\"\n    probes:");
  }

  @ParameterizedTest
  @MethodSource("configs")
  void badValuesAreConfigErrorsWithPathAndLine(String name) {
    assertThat(
            validate(
                name,
                "NODE_SELECTOR=netmark.dev/node-kind",
                "EXTERNAL_IP=gateway.example",
                "SERVICE_PING=sometimes"))
        .isEqualTo(2);
    assertThat(err.toString())
        .contains("steps[0].deployControlPlane.probes.servicePing (" + name + ":")
        .contains("'sometimes'");
    // The step's params are checked once the types are right: one bad knob at a time.
    err.getBuffer().setLength(0);
    assertThat(validate(name, "NODE_SELECTOR=netmark.dev/node-kind")).isEqualTo(2);
    assertThat(err.toString())
        .contains("steps[0].deployControlPlane.nodeSelector (" + name + ":")
        .contains("'netmark.dev/node-kind' is not key=value");
    err.getBuffer().setLength(0);
    assertThat(validate(name, "EXTERNAL_IP=gateway.example")).isEqualTo(2);
    assertThat(err.toString())
        .contains("steps[0].deployControlPlane.external.ip (" + name + ":")
        .contains("expected an IP address literal to ping, found 'gateway.example'");
  }

  @ParameterizedTest
  @ValueSource(strings = {"pod-netperf.yaml", "pod-iperf3.yaml"})
  void podTemplatesRenderTheSelectorAsAMapAndNoneWithout(String template) {
    Path file = Repo.root().resolve("configs/templates").resolve(template);
    Map<String, Object> fill = Map.of("Duration", 2, "Target", "CONTROL_SAME_NODE");
    Map<String, Object> with = new HashMap<>(fill);
    with.put("NodeSelector", "netmark.dev/node-kind=not-so-hollow, zone==a");
    assertThat(spec(ObjectTemplates.render(file, ObjectTemplates.vars("p-0", 0, "ns-1", with))))
        .containsEntry(
            "nodeSelector", Map.of("netmark.dev/node-kind", "not-so-hollow", "zone", "a"));
    assertThat(spec(ObjectTemplates.render(file, ObjectTemplates.vars("p-0", 0, "ns-1", fill))))
        .doesNotContainKey("nodeSelector");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> spec(Map<String, Object> pod) {
    return (Map<String, Object>) pod.get("spec");
  }
}
