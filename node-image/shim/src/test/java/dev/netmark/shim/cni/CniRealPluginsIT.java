package dev.netmark.shim.cni;

import static dev.netmark.shim.cni.CniTestSupport.SYSTEM_BIN;
import static dev.netmark.shim.cni.CniTestSupport.ok;
import static dev.netmark.shim.cni.CniTestSupport.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.netmark.shim.netns.NetNamespaces;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Debian's real plugins in real namespaces: a test "node" namespace holds the bridge, veths and
 * iptables rules; each pod gets its own namespace. The host's links and rules stay untouched.
 */
class CniRealPluginsIT {
  private static final NetNamespaces NETNS = new NetNamespaces();
  private static final String NODE = "nmcni-node1";
  private static String hostBefore;

  private Path tmp;
  private final List<String> pods = new ArrayList<>();
  private CniRuntime runtime;

  @BeforeAll
  static void recordHost() {
    hostBefore = CniTestSupport.hostNetworkState();
  }

  @AfterAll
  static void hostUntouched() {
    assertThat(CniTestSupport.hostNetworkState()).isEqualTo(hostBefore);
  }

  @BeforeEach
  void setUp() throws Exception {
    tmp = Files.createTempDirectory("nmcni-real");
    NETNS.create(NODE);
  }

  @AfterEach
  void tearDown() throws Exception {
    if (runtime != null) {
      runtime.close();
    }
    pods.forEach(NETNS::delete);
    NETNS.delete(NODE);
    CniTestSupport.deleteTree(tmp);
  }

  @ParameterizedTest(name = "{0} at {1}")
  @CsvSource({
    "bridge-chain.conflist, 1.0.0, 10.201.1.1",
    "bridge-chain.conflist, 0.4.0, 10.201.1.1",
    "bridge-chain.conflist, 0.3.1, 10.201.1.1",
    "ptp.conflist, 1.0.0, ",
    "ptp.conflist, 0.4.0, ",
    "ptp.conflist, 0.3.1, "
  })
  void addPingsDelLeavesNothing(String conflist, String version, String bridgeGateway)
      throws Exception {
    Path dataDir = tmp.resolve("ipam");
    Path confDir = tmp.resolve("net.d");
    CniTestSupport.writeConf(
        confDir,
        "10-" + conflist,
        CniTestSupport.render(
            "conflists/" + conflist, Map.of("VERSION", version, "DATADIR", dataDir.toString())));
    CniConfig config = CniConfig.load(confDir, List.of(SYSTEM_BIN));
    runtime =
        CniRuntime.builder(config, List.of(SYSTEM_BIN))
            .resultCacheDir(tmp.resolve("results"))
            .hostNetns(NETNS.path(NODE))
            .build();
    assertThat(runtime.cniVersion()).isEqualTo(version);

    CniRequest a = pod("a");
    CniRequest b = pod("b");
    CniResult ra = runtime.add(a);
    CniResult rb = runtime.add(b);

    CniIp ipA = ra.primaryIp().orElseThrow();
    CniIp ipB = rb.primaryIp().orElseThrow();
    assertThat(ra.cniVersion()).isEqualTo(version);
    assertThat(ipA.cidr()).startsWith(conflist.startsWith("ptp") ? "10.201.2." : "10.201.1.");
    assertThat(ipA.address()).isNotEqualTo(ipB.address());
    assertThat(ok("ip", "-n", podName("a"), "-o", "addr", "show", "dev", "eth0"))
        .contains("inet " + ipA.cidr());
    assertThat(ok("ip", "-n", podName("a"), "-o", "link", "show", "lo")).contains("UP");
    String gateway =
        bridgeGateway != null ? bridgeGateway : ipA.gateway().orElseThrow().getHostAddress();
    assertThat(ipA.gateway().orElseThrow().getHostAddress()).isEqualTo(gateway);
    ping(podName("a"), gateway);
    ping(podName("a"), ipB.address().getHostAddress());
    ping(podName("b"), ipA.address().getHostAddress());
    assertThat(runtime.cachedResult(a).orElseThrow().primaryIp().orElseThrow()).isEqualTo(ipA);
    assertThat(allocations(dataDir)).hasSize(2);
    if (conflist.startsWith("bridge")) {
      // Declared but unused capabilities are fine; tuning's sysctl reached the pod.
      assertThat(ok("ip", "netns", "exec", podName("a"), "sysctl", "-n", "net.core.somaxconn"))
          .isEqualToIgnoringWhitespace("321");
      assertThat(nodeIptables()).contains(a.containerId());
    }
    if (!CniVersions.atLeast(version, "0.4.0")) {
      assertThatThrownBy(() -> runtime.check(a))
          .isInstanceOfSatisfying(
              CniException.class,
              e -> assertThat(e.reason()).isEqualTo(CniException.Reason.UNSUPPORTED));
    } else if (conflist.startsWith("ptp")) {
      runtime.check(a);
    }
    // Not the bridge chain: Debian's plugins 1.1.1 fail CHECK themselves (bandwidth dereferences
    // nil without limits; portmap looks for an IPv6 chain it never created for IPv4-only pods).

    runtime.del(a);
    runtime.del(b);
    runtime.del(b); // DEL is idempotent

    assertThat(ok("ip", "-n", NODE, "-o", "link", "show")).doesNotContain("veth");
    assertThat(allocations(dataDir)).isEmpty();
    assertThat(runtime.cachedResult(a)).isEmpty();
    assertThat(nodeIptables()).doesNotContain(a.containerId()).doesNotContain(b.containerId());
    assertThat(ok("ip", "-n", podName("a"), "-o", "link", "show")).doesNotContain("eth0");
    pods.forEach(NETNS::delete);
    assertThat(NETNS.list()).doesNotContain(podName("a"), podName("b"));
  }

  @ParameterizedTest(name = "portMappings and bandwidth at {0}")
  @CsvSource({"1.0.0", "0.4.0"})
  void runtimeConfigReachesDeclaredPlugins(String version) throws Exception {
    Path confDir = tmp.resolve("net.d");
    CniTestSupport.writeConf(
        confDir,
        "10-bridge.conflist",
        CniTestSupport.render(
            "conflists/bridge-chain.conflist",
            Map.of("VERSION", version, "DATADIR", tmp.resolve("ipam").toString())));
    runtime =
        CniRuntime.builder(CniConfig.load(confDir, List.of(SYSTEM_BIN)), List.of(SYSTEM_BIN))
            .resultCacheDir(tmp.resolve("results"))
            .hostNetns(NETNS.path(NODE))
            .build();
    CniRequest a =
        pod("a")
            .withCapabilityArgs(
                Map.of(
                    "portMappings",
                        List.of(Map.of("hostPort", 18080, "containerPort", 80, "protocol", "tcp")),
                    "bandwidth", Map.of("ingressRate", 8_000_000, "ingressBurst", 1_000_000)));
    runtime.add(a);
    assertThat(nodeIptables()).contains("--dport 18080").contains(a.containerId());
    String veth = hostVeth();
    assertThat(ok("tc", "-n", NODE, "qdisc", "show", "dev", veth)).contains("tbf");
    runtime.del(a);
    assertThat(nodeIptables()).doesNotContain("--dport 18080");
  }

  private CniRequest pod(String suffix) {
    String name = podName(suffix);
    Path netns = NETNS.create(name);
    pods.add(name);
    return CniRequest.of(
        "nmcni" + suffix + "0123456789abcdef", netns, "default", "pod-" + suffix, "uid-" + suffix);
  }

  private static String podName(String suffix) {
    return "nmcni-p" + suffix;
  }

  private static void ping(String fromNetns, String ip) {
    CniTestSupport.Output o = run("ip", "netns", "exec", fromNetns, "ping", "-c1", "-W1", ip);
    assertThat(o.exit()).as("ping %s from %s: %s", ip, fromNetns, o.text()).isZero();
  }

  private static String nodeIptables() {
    return ok("ip", "netns", "exec", NODE, "iptables-save");
  }

  private static String hostVeth() {
    return ok("ip", "-n", NODE, "-o", "link", "show", "type", "veth")
        .lines()
        .findFirst()
        .orElseThrow()
        .split(":")[1]
        .strip()
        .split("@")[0];
  }

  // host-local keeps one file per address plus last_reserved_ip.* and lock.
  private static List<String> allocations(Path dataDir) throws Exception {
    if (!Files.isDirectory(dataDir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(dataDir)) {
      return files
          .filter(Files::isRegularFile)
          .map(p -> p.getFileName().toString())
          .filter(n -> !n.startsWith("last_reserved_ip") && !n.equals("lock"))
          .toList();
    }
  }
}
