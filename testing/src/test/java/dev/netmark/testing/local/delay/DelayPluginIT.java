package dev.netmark.testing.local.delay;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code netmark-delay} plugin on its own, run as a runtime would, in a node namespace and a
 * pod namespace this test creates: ADD takes the delay, the pod cannot send until the hold is
 * lifted, the truth file says so, and bad configurations get CNI errors naming the key.
 */
class DelayPluginIT {
  private static final String NODE = "nmdp-node";
  private static final String POD = "nmdp-pod";
  private static final String SUBNET = "10.158.250.0/24";
  private static final String GATEWAY = "10.158.250.1";

  @TempDir Path dir;

  @BeforeEach
  void namespaces() throws Exception {
    cleanup();
    ip("netns", "add", NODE);
    ip("netns", "add", POD);
  }

  @AfterEach
  void cleanup() throws Exception {
    for (String ns : List.of(POD, NODE)) {
      if (Files.exists(Path.of("/run/netns", ns))) {
        ip("netns", "del", ns);
      }
    }
  }

  @Test
  void addIsDelayedAndTheDatapathHeldThenRestored() throws Exception {
    DelayCni cni = DelayCni.install(dir, 100, 400);
    Result add = plugin(cni, "ADD", conf(cni, 100, 400, "bridge"));
    assertThat(add.exit()).as(add.out()).isZero();
    assertThat(add.out()).contains("\"ips\"");
    assertThat(ping()).as("ping right after ADD, hold in place").isFalse();

    DelayTruth truth = awaitRestore(cni);
    DelayTruth.Add a = truth.adds().get("uid-1");
    assertThat(a.addDelayMs()).isEqualTo(100);
    assertThat(a.addMillis()).isGreaterThanOrEqualTo(100.0);
    // The timer lifts the hold no earlier than 400 ms after ADD returned.
    assertThat(truth.restoreStartUs().get("uid-1") - a.endUs()).isGreaterThanOrEqualTo(400_000);
    assertThat(truth.restoredUs().get("uid-1"))
        .isGreaterThanOrEqualTo(truth.restoreStartUs().get("uid-1"));
    assertThat(truth.readyMillis("uid-1").orElseThrow()).isGreaterThanOrEqualTo(500.0);
    assertThat(ping()).as("ping after the hold").isTrue();

    assertThat(plugin(cni, "DEL", conf(cni, 100, 400, "bridge")).exit()).isZero();
  }

  @Test
  void aServingHoldDropsOnlyThePodsAnswersToOthers() throws Exception {
    DelayCni cni = DelayCni.installServingHold(dir, 1500);
    String conf =
        conf(cni, 0, 1500, "bridge")
            .replace("\"truthFile\"", "\"holdDownServing\": true, \"truthFile\"");
    Result add = plugin(cni, "ADD", conf);
    assertThat(add.exit()).as(add.out()).isZero();
    var ip =
        java.util.regex.Pattern.compile("\"address\":\\s*\"(10\\.158\\.250\\.\\d+)/24\"")
            .matcher(add.out());
    assertThat(ip.find()).as(add.out()).isTrue();
    // Its own traffic passes (its probes would), answers to others do not, until the hold lifts.
    assertThat(ping()).as("ping from the pod during a serving hold").isTrue();
    assertThat(pingPodFromNode(ip.group(1))).as("ping of the pod during the hold").isFalse();
    awaitRestore(cni);
    assertThat(pingPodFromNode(ip.group(1))).as("ping of the pod after the hold").isTrue();
    assertThat(plugin(cni, "DEL", conf).exit()).isZero();
  }

  @Test
  void badConfigurationsAreCniErrorsNamingTheKey() throws Exception {
    DelayCni cni = DelayCni.install(dir, 0, 0);
    assertError(plugin(cni, "ADD", "{not json"), 6, "not a JSON object");
    assertError(plugin(cni, "ADD", conf(cni, 0, 0, "../bridge")), 7, "bad \\\"delegate\\\"");
    assertError(plugin(cni, "ADD", conf(cni, 0, 0, "nosuch")), 7, "no executable plugin 'nosuch'");
    assertError(plugin(cni, "ADD", conf(cni, 0, 0, "netmark-delay")), 7, "bad \\\"delegate\\\"");
    String negative = conf(cni, 0, 0, "bridge").replace("\"addDelayMs\": 0", "\"addDelayMs\": -5");
    assertError(plugin(cni, "ADD", negative), 7, "found '-5'");
    String text = conf(cni, 0, 0, "bridge").replace("\"holdDownMs\": 0", "\"holdDownMs\": \"1s\"");
    assertError(plugin(cni, "ADD", text), 7, "bad \\\"holdDownMs\\\"");
    String relative = conf(cni, 0, 0, "bridge").replace(cni.truthFile().toString(), "truth.jsonl");
    assertError(plugin(cni, "ADD", relative), 7, "expected an absolute path, found 'truth.jsonl'");
    assertThat(cni.truth().adds()).isEmpty();
  }

  private static void assertError(Result r, int code, String detail) {
    assertThat(r.exit()).as(r.out()).isEqualTo(1);
    assertThat(r.out()).contains("\"code\":" + code).contains(detail);
  }

  private static String conf(DelayCni cni, int delayMs, int holdMs, String delegate) {
    return """
        {"cniVersion": "1.0.0", "name": "dpi", "type": "netmark-delay", "delegate": "%s",
         "addDelayMs": %d, "holdDownMs": %d, "truthFile": "%s", "bridge": "nmdp-br",
         "isGateway": true,
         "ipam": {"type": "host-local", "ranges": [[{"subnet": "%s", "gateway": "%s"}]],
                  "routes": [{"dst": "0.0.0.0/0"}], "dataDir": "%s"}}
        """
        .formatted(
            delegate,
            delayMs,
            holdMs,
            cni.truthFile(),
            SUBNET,
            GATEWAY,
            cni.truthFile().resolveSibling("ipam"));
  }

  private record Result(int exit, String out) {}

  private static Result plugin(DelayCni cni, String command, String conf) throws Exception {
    ProcessBuilder pb =
        new ProcessBuilder(
            "nsenter",
            "--net=/run/netns/" + NODE,
            cni.binDir().resolve("netmark-delay").toString());
    Map<String, String> env = pb.environment();
    env.put("CNI_COMMAND", command);
    env.put("CNI_CONTAINERID", "c-1");
    env.put("CNI_NETNS", "/run/netns/" + POD);
    env.put("CNI_IFNAME", "eth0");
    env.put("CNI_PATH", cni.binDir().toString());
    env.put("CNI_ARGS", "IgnoreUnknown=1;K8S_POD_UID=uid-1");
    pb.redirectError(ProcessBuilder.Redirect.DISCARD);
    Process p = pb.start();
    try (var in = p.getOutputStream()) {
      in.write(conf.getBytes(StandardCharsets.UTF_8));
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(30, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("plugin " + command + " did not finish");
    }
    return new Result(p.exitValue(), out);
  }

  private static DelayTruth awaitRestore(DelayCni cni) throws InterruptedException {
    for (int i = 0; i < 100; i++) {
      DelayTruth t = cni.truth();
      if (t.restoredUs().containsKey("uid-1") || !t.failedRestores().isEmpty()) {
        return t;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("the hold was not lifted within 5 s");
  }

  private static boolean ping() throws Exception {
    return run("ip", "netns", "exec", POD, "ping", "-c", "1", "-W", "1", GATEWAY) == 0;
  }

  private static boolean pingPodFromNode(String podIp) throws Exception {
    return run("ip", "netns", "exec", NODE, "ping", "-c", "1", "-W", "1", podIp) == 0;
  }

  private static void ip(String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("ip"));
    cmd.addAll(List.of(args));
    int exit = run(cmd.toArray(String[]::new));
    if (exit != 0) {
      throw new IOException(cmd + " exited " + exit);
    }
  }

  private static int run(String... cmd) throws Exception {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    p.getInputStream().readAllBytes();
    return p.waitFor();
  }
}
