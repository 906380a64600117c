package dev.netmark.shim.cni;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.netmark.contract.json.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The runtime against test plugins that fail on purpose (no namespaces needed). */
class CniTestPluginsIT {
  private Path tmp;
  private Path bin;
  private Path dir;
  private CniRuntime runtime;

  @BeforeEach
  void setUp() throws Exception {
    tmp = Files.createTempDirectory("nmcni-plugins");
    bin = CniTestSupport.installTestPlugins(tmp.resolve("bin"));
    dir = Files.createDirectories(tmp.resolve("calls"));
  }

  @AfterEach
  void tearDown() throws Exception {
    if (runtime != null) {
      runtime.close();
    }
    CniTestSupport.deleteTree(tmp);
  }

  private CniRuntime runtime(String conflist, String mode, String version, Duration timeout) {
    Path file = tmp.resolve("net.d").resolve("10-" + conflist);
    String text =
        CniTestSupport.render(
            "conflists/" + conflist,
            Map.of("MODE", mode, "DIR", dir.toString(), "VERSION", version));
    CniConfig config = CniConfig.parse(file, text, List.of(bin));
    runtime =
        CniRuntime.builder(config, List.of(bin))
            .resultCacheDir(tmp.resolve("results"))
            .pluginTimeout(timeout)
            .maxOutputBytes(64 * 1024)
            .build();
    return runtime;
  }

  private CniRuntime runtime(String mode) {
    return runtime("testplugin.conflist", mode, "1.0.0", Duration.ofSeconds(30));
  }

  private static CniRequest request(String id) {
    return CniRequest.of(id, Path.of("/run/netns/nmcni-none"), "ns1", "pod-" + id, "uid-" + id);
  }

  private CniException addFails(String mode) {
    return catchThrowableOfType(CniException.class, () -> runtime(mode).add(request("c1")));
  }

  @Test
  void errorJsonOnStdoutGivesCodeMsgAndDetails() {
    CniException e = addFails("fail-json");
    assertThat(e.reason()).isEqualTo(CniException.Reason.PLUGIN_ERROR);
    assertThat(e.pluginType()).isEqualTo("nmcni-test");
    assertThat(e.code()).isEqualTo(11);
    assertThat(e.msg()).isEqualTo("try again later");
    assertThat(e.details()).isEqualTo("mode fail-json");
    assertThat(e.command()).isEqualTo("ADD");
    assertThat(e.containerId()).isEqualTo("c1");
    assertThat(e.getMessage()).contains("plugin nmcni-test", "[code 11] try again later");
  }

  @Test
  void stderrIsTheFallback() {
    CniException e = addFails("stderr");
    assertThat(e.reason()).isEqualTo(CniException.Reason.PLUGIN_FAILED);
    assertThat(e.msg()).isEqualTo("exited with status 2: boom: no JSON from me");
  }

  @Test
  void garbageOutputIsAParseErrorNamingThePlugin() {
    CniException e = addFails("garbage");
    assertThat(e.reason()).isEqualTo(CniException.Reason.BAD_OUTPUT);
    assertThat(e.pluginType()).isEqualTo("nmcni-test");
    assertThat(e.msg()).contains("invalid result", "this is not json {");
  }

  @Test
  void outputBeyondTheBoundFailsCleanly() {
    CniException e = addFails("big");
    assertThat(e.reason()).isEqualTo(CniException.Reason.OUTPUT_TOO_LARGE);
    assertThat(e.msg()).contains("more than 65536 bytes");
  }

  @Test
  void aHangingPluginIsKilledWithItsChildren() throws Exception {
    runtime("testplugin.conflist", "hang", "1.0.0", Duration.ofSeconds(2));
    CniException e = catchThrowableOfType(CniException.class, () -> runtime.add(request("c1")));
    assertThat(e.reason()).isEqualTo(CniException.Reason.TIMEOUT);
    assertThat(e.msg()).contains("did not finish within 2000 ms");
    String[] pids = Files.readString(dir.resolve("pids")).strip().split(" ");
    assertThat(pids).hasSize(2);
    for (String pid : pids) {
      assertThat(awaitDead(Long.parseLong(pid))).as("pid %s dead", pid).isTrue();
    }
  }

  @Test
  void aFlakyPluginSucceedsOnTheThirdAttempt() {
    runtime("flaky");
    CniRequest r = request("c1");
    for (int attempt = 1; attempt <= 2; attempt++) {
      CniException e = catchThrowableOfType(CniException.class, () -> runtime.add(r));
      assertThat(e.msg()).isEqualTo("flaky failure " + attempt);
      runtime.del(r); // as containerd does after a failed ADD
    }
    CniResult result = runtime.add(r);
    assertThat(result.primaryIp().orElseThrow().cidr()).isEqualTo("10.201.99.7/24");
  }

  @Test
  void oneContainerIsNeverWorkedOnTwiceAtOnce() throws Exception {
    runtime("serial");
    try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
      Future<CniResult> a = pool.submit(() -> runtime.add(request("same")));
      Future<?> b = pool.submit(() -> runtime.del(request("same")));
      a.get();
      b.get();
    }
    List<String> log = Files.readAllLines(dir.resolve("calls.log"));
    assertThat(log).hasSize(4);
    assertThat(log.get(0)).startsWith("enter same");
    assertThat(log.get(1)).startsWith("exit same").endsWith(log.get(0).split(" ")[2]);
    assertThat(log.get(2)).startsWith("enter same");
    assertThat(log.get(3)).startsWith("exit same").endsWith(log.get(2).split(" ")[2]);
  }

  @Test
  void differentContainersRunInParallel() throws Exception {
    runtime("barrier");
    try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
      Future<CniResult> a = pool.submit(() -> runtime.add(request("one")));
      Future<CniResult> b = pool.submit(() -> runtime.add(request("two")));
      // The plugin fails unless it sees the other container's call while it runs.
      assertThat(a.get().ips()).hasSize(1);
      assertThat(b.get().ips()).hasSize(1);
    }
  }

  @Test
  void environmentAndConfigOfACall() throws Exception {
    runtime("ok").add(request("c1"));
    JsonNode call = call(0);
    JsonNode env = call.get("env");
    assertThat(env.get("CNI_COMMAND").asString()).isEqualTo("ADD");
    assertThat(env.get("CNI_CONTAINERID").asString()).isEqualTo("c1");
    assertThat(env.get("CNI_NETNS").asString()).isEqualTo("/run/netns/nmcni-none");
    assertThat(env.get("CNI_IFNAME").asString()).isEqualTo("eth0");
    assertThat(env.get("CNI_PATH").asString()).isEqualTo(bin.toString());
    assertThat(env.get("CNI_ARGS").asString())
        .isEqualTo(
            "IgnoreUnknown=1;K8S_POD_NAMESPACE=ns1;K8S_POD_NAME=pod-c1;"
                + "K8S_POD_INFRA_CONTAINER_ID=c1;K8S_POD_UID=uid-c1");
    JsonNode stdin = call.get("stdin");
    assertThat(stdin.get("name").asString()).isEqualTo("nmcni-test");
    assertThat(stdin.get("cniVersion").asString()).isEqualTo("1.0.0");
    assertThat(stdin.has("prevResult")).isFalse();
    assertThat(stdin.has("runtimeConfig")).isFalse();
  }

  @Test
  void prevResultIsChainedConvertedAndCachedForDel() throws Exception {
    runtime("chain.conflist", "ok", "1.0.0", Duration.ofSeconds(30));
    CniRequest r =
        request("c1")
            .withCapabilityArgs(
                Map.of("portMappings", List.of(Map.of("hostPort", 8080)), "bandwidth", Map.of()));
    CniResult result = runtime.add(r);

    // relay-legacy answered 0.2.0; the last plugin must get it as 1.0.0.
    JsonNode last = call(1).get("stdin");
    assertThat(last.get("tag").asString()).isEqualTo("last");
    JsonNode prev = last.get("prevResult");
    assertThat(prev.get("cniVersion").asString()).isEqualTo("1.0.0");
    assertThat(prev.get("ips").get(0).get("address").asString()).isEqualTo("10.201.98.4/24");
    assertThat(prev.get("ips").get(0).get("gateway").asString()).isEqualTo("10.201.98.1");
    assertThat(prev.get("ips").get(0).has("version")).isFalse();
    assertThat(last.get("runtimeConfig").toString())
        .isEqualTo("{\"portMappings\":[{\"hostPort\":8080}]}");
    assertThat(call(0).get("stdin").has("runtimeConfig")).isFalse();
    assertThat(result.primaryIp().orElseThrow().cidr()).isEqualTo("10.201.98.4/24");
    assertThat(result.cniVersion()).isEqualTo("1.0.0");

    runtime.del(r);
    assertThat(call(2).get("stdin").get("tag").asString()).isEqualTo("last");
    assertThat(call(3).get("stdin").get("tag").asString()).isEqualTo("first");
    assertThat(call(3).get("env").get("CNI_COMMAND").asString()).isEqualTo("DEL");
    assertThat(call(3).get("stdin").get("prevResult").get("ips").get(0).get("address").asString())
        .isEqualTo("10.201.98.4/24");
    assertThat(runtime.cachedResult(r)).isEmpty();

    runtime.del(r); // a second DEL: no cached result, still fine
    assertThat(call(5).get("stdin").has("prevResult")).isFalse();
  }

  @Test
  void atVersion040TheChainedResultCarriesIpVersions() throws Exception {
    runtime("chain.conflist", "ok", "0.4.0", Duration.ofSeconds(30)).add(request("c1"));
    JsonNode prev = call(1).get("stdin").get("prevResult");
    assertThat(prev.get("cniVersion").asString()).isEqualTo("0.4.0");
    assertThat(prev.get("ips").get(0).get("version").asString()).isEqualTo("4");
    runtime.check(request("c1"));
    assertThat(call(2).get("env").get("CNI_COMMAND").asString()).isEqualTo("CHECK");
    assertThat(call(2).get("stdin").get("tag").asString()).isEqualTo("first");
  }

  @Test
  void aListVersionNoPluginSupportsFailsAtBuild() throws Exception {
    Path file = tmp.resolve("99-bridge.conflist");
    String text =
        "{\"cniVersion\":\"1.1.0\",\"name\":\"n\",\"plugins\":[{\"type\":\"nmcni-test\"},"
            + "{\"type\":\"bridge\"}]}";
    CniConfig config = CniConfig.parse(file, text, List.of(bin, CniTestSupport.SYSTEM_BIN));
    CniException e =
        catchThrowableOfType(
            CniException.class,
            () ->
                CniRuntime.builder(config, List.of(bin, CniTestSupport.SYSTEM_BIN))
                    .resultCacheDir(tmp.resolve("results"))
                    .build());
    assertThat(e.reason()).isEqualTo(CniException.Reason.UNSUPPORTED);
    assertThat(e.msg())
        .contains("plugin bridge supports [0.1.0", "1.0.0]")
        .doesNotContain("plugin nmcni-test");
  }

  private JsonNode call(int n) throws Exception {
    return dev.netmark.contract.json.JsonTree.parse(
        Files.readString(dir.resolve(String.format("call-%03d.json", n))));
  }

  // Dead means no /proc entry, or a zombie waiting for its (foreign) parent to reap it.
  private static boolean awaitDead(long pid) throws Exception {
    Path stat = Path.of("/proc/" + pid + "/stat");
    for (int i = 0; i < 500; i++) {
      if (!Files.exists(stat)) {
        return true;
      }
      try {
        String s = Files.readString(stat);
        if (s.substring(s.lastIndexOf(')') + 2).startsWith("Z")) {
          return true;
        }
      } catch (java.nio.file.NoSuchFileException gone) {
        return true;
      }
      Thread.sleep(10);
    }
    return false;
  }
}
