package dev.netmark.testing.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netmark.testing.local.Clusters;
import dev.netmark.testing.local.host.Exec;
import dev.netmark.testing.local.host.HostLocalStore;
import dev.netmark.testing.local.host.Leftovers;
import dev.netmark.testing.local.host.MachineSnapshot;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A user's own conflist through {@code netmark run --cni-conf-dir --cni-bin-dir}, the way a CNI
 * developer iterates (docs/your-cni.md): each chain runs twice in a row and passes both times with
 * every probe class, and neither run leaves an address in host-local's store (its default data dir,
 * shared by every run), a cache entry, a namespace, link, route or iptables rule. A run killed with
 * kill -9 is cleaned by the next start; a broken chain fails at once in the plugin's words.
 */
class YourCniE2eIT {
  private static final String PREFIX = "nmyc";
  private static final int BASE = 180;
  private static final Path BIN = Path.of("/usr/lib/cni");

  @Test
  void theGuidesFirstRunPassesTwiceAndCompares(@TempDir Path tmp) throws Exception {
    GuideCommands guide = GuideCommands.read();
    Path conf = Files.createDirectories(tmp.resolve("my-cni"));
    Files.writeString(conf.resolve("10-mine.conflist"), guide.conflist());
    MachineSnapshot before = Clusters.snapshot(PREFIX, BASE);
    int runs = 0;
    for (List<String> command : guide.commands()) {
      List<String> given = new ArrayList<>(command.subList(1, command.size()));
      if (command.getFirst().equals("hack/local-run.sh")) {
        String reports = RecipeCommands.option(given, "--report-dir");
        int at = given.indexOf("--report-dir");
        given.subList(at, at + 2).clear();
        given.set(given.indexOf("--cni-conf-dir") + 1, conf.toString());
        List<String> a = args(tmp.resolve(reports), null, null);
        a.addAll(given);
        CliRun r = CliRun.run("network-ready-latency.yaml", a);
        assertThat(r.exitCode()).as("%s: %s", command, r).isZero();
        Map<String, Map<String, Double>> latency =
            Reports.items(tmp.resolve(reports), "NetworkReadyLatency");
        NetworkReadyLatencyE2eIT.assertEveryPodMeasured(latency, 4);
        assertRawBaseline(tmp.resolve(reports), latency);
        assertThat(before.differences(Clusters.snapshot(PREFIX, BASE))).as("left").isEmpty();
        runs++;
      } else {
        assertThat(given.subList(0, 1)).isEqualTo(List.of("compare"));
        CliRun r = CliRun.compare(tmp.resolve(given.get(1)), tmp.resolve(given.get(2)));
        // Two small runs may differ by chance: usable means 0 or 1, never 2.
        assertThat(r.exitCode()).as(r.toString()).isIn(0, 1);
      }
    }
    assertThat(runs).isEqualTo(2);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "bridge-host-local.conflist",
        "bridge-firewall.conflist",
        "macvlan.conflist",
        "ipvlan-l3s.conflist"
      })
  void eachChainRunsTwiceInARowAndLeavesNothing(String conflist, @TempDir Path tmp)
      throws Exception {
    if (conflist.startsWith("ipvlan")) {
      // ipvlan's L3S mode sends pod traffic through the node's netfilter (service DNAT,
      // masquerade), so every probe class works; a kernel without the module cannot run it.
      String missing = ipvlanMissing();
      Assumptions.assumeTrue(missing == null, missing);
    }
    Path conf = confDir(tmp, conflist);
    MachineSnapshot before = Clusters.snapshot(PREFIX, BASE);
    for (int run = 1; run <= 2; run++) {
      Path reports = tmp.resolve("run" + run);
      CliRun r = CliRun.run("network-ready-latency.yaml", args(reports, conf, BIN));
      assertThat(r.exitCode()).as("run %d of %s: %s", run, conflist, r).isZero();
      Map<String, Map<String, Double>> latency = Reports.items(reports, "NetworkReadyLatency");
      NetworkReadyLatencyE2eIT.assertEveryPodMeasured(latency, 4);
      assertRawBaseline(reports, latency);
      assertThat(before.differences(Clusters.snapshot(PREFIX, BASE)))
          .as("left by run %d of %s", run, conflist)
          .isEmpty();
    }
  }

  @Test
  void aRunKilledMidwayIsUndoneByTheNextStart(@TempDir Path tmp) throws Exception {
    Path conf = Files.createDirectories(tmp.resolve("my-cni"));
    Files.writeString(conf.resolve("10-mine.conflist"), GuideCommands.read().conflist());
    Path store = HostLocalStore.of(null, "nmyc-ptp");
    MachineSnapshot before = Clusters.snapshot(PREFIX, BASE);
    List<String> argv =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                "dev.netmark.engine.cli.Main",
                "run",
                CliRun.configs().resolve("network-ready-latency.yaml").toString()));
    argv.addAll(args(tmp.resolve("killed"), conf, BIN));
    Process run =
        new ProcessBuilder(argv)
            .redirectErrorStream(true)
            .redirectOutput(tmp.resolve("killed.log").toFile())
            .start();
    try {
      // Killed once the control pods and some netperf pods hold addresses: 2 + at least 1.
      Clusters.awaitValue(
          () -> HostLocalStore.allocations(store).size() >= 3 ? "yes" : null,
          java.time.Duration.ofSeconds(120));
    } finally {
      run.destroyForcibly();
      run.waitFor();
    }
    assertThat(HostLocalStore.allocations(store)).as("held after kill -9").hasSizeGreaterThan(2);

    Path reports = tmp.resolve("next");
    List<String> nextArgs = args(reports, conf, BIN);
    nextArgs.add("--no-raw-baseline");
    CliRun next = CliRun.run("network-ready-latency.yaml", nextArgs);
    assertThat(next.exitCode()).as(next.toString()).isZero();
    assertThat(Reports.summaryText(reports)).doesNotContain("RawBaseline");
    // Not even the concurrent raw pings ran.
    assertThat(Files.readString(reports.resolve("logs/netmark.log")))
        .doesNotContain("raw pings from pod");
    assertThat(before.differences(Clusters.snapshot(PREFIX, BASE))).isEmpty();
  }

  @Test
  void anUnknownTypeIsRefusedBeforeAnythingStarts(@TempDir Path tmp) throws Exception {
    CliRun r =
        CliRun.run(
            "network-ready-latency.yaml", args(tmp, confDir(tmp, "unknown-type.conflist"), BIN));
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
    assertThat(r.err())
        .contains("unknown-type.conflist: the CNI configuration cannot run in local mode")
        .contains("$.plugins[0].type: no plugin \"brigde\": /usr/lib/cni/brigde does not exist");
  }

  @Test
  void aVersionThePluginsLackIsRefusedBeforeAnythingStarts(@TempDir Path tmp) throws Exception {
    CliRun r =
        CliRun.run(
            "network-ready-latency.yaml",
            args(tmp, confDir(tmp, "version-mismatch.conflist"), BIN));
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
    assertThat(r.err())
        .contains(
            "$.cniVersion: plugin \"bridge\" ($.plugins[0].type) does not support cniVersion 9.9.9");
  }

  @Test
  void aDelThatFailsIsATeardownFailureInTheSummary(@TempDir Path tmp) throws Exception {
    Path bin = binWith(tmp, "fail-del");
    MachineSnapshot before = Clusters.snapshot(PREFIX, BASE);
    Path reports = tmp.resolve("reports");
    CliRun r =
        CliRun.run(
            "network-ready-latency.yaml", args(reports, confDir(tmp, "fails-del.conflist"), bin));
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
    assertThat(Reports.summaryText(reports))
        .contains("ok    5. Gather")
        .contains("FAIL  6. Cluster teardown")
        .contains("plugin fail-del failed (exit 1)")
        .contains("fail-del: refusing every DEL on purpose")
        .contains("Verdict: FAIL (1 step(s) failed, 0 SLO violation(s))");
    assertThat(before.differences(Clusters.snapshot(PREFIX, BASE))).isEmpty();
  }

  @Test
  void aPluginThatExitsOneStopsTheControlPlaneInItsOwnWords(@TempDir Path tmp) throws Exception {
    Path bin = binWith(tmp, "exit-1");
    MachineSnapshot before = Clusters.snapshot(PREFIX, BASE);
    CliRun r =
        CliRun.run(
            "network-ready-latency.yaml",
            args(tmp.resolve("reports"), confDir(tmp, "exits-1.conflist"), bin));
    assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
    // Not the step's 5-minute timeout: the third identical failure ends it.
    assertThat(r.out())
        .contains("FAIL  1. Control plane")
        .contains("control pods cannot start, their sandbox failed 3 times with the same error")
        .contains("plugin exit-1 failed (exit 1)")
        .contains("exit-1: refusing every ADD on purpose")
        .doesNotContain("timed out");
    assertThat(before.differences(Clusters.snapshot(PREFIX, BASE))).isEmpty();
  }

  /** host-local keeps a lock and its last address per network even when empty: drop ours. */
  @AfterAll
  static void dropEmptyStores() throws IOException {
    for (String net :
        List.of(
            "nmyc-ptp", "nmyc-bridge", "nmyc-fw", "nmyc-exit1", "nmyc-macvlan", "nmyc-ipvlan")) {
      Path store = HostLocalStore.of(null, net);
      if (HostLocalStore.allocations(store).isEmpty()) {
        Leftovers.deleteTree(store);
      }
    }
  }

  /**
   * The raw baseline beside netmark's numbers: 5 raw ADDs, 5 answered pings of the control pod, and
   * the run's own cni_add and probe_same_node copied beside them; and the raw pings run during the
   * test from sampled pods of the test (2 nodes x 2 pods: all 4 are sampled), beside netmark's
   * numbers of the same pods: every probe class (local mode pings the service VIP and has an
   * external IP), and the raw side's floor (RunPodSandbox's return to each pod's first raw echo) as
   * probe_wait beside netmark's.
   */
  private static void assertRawBaseline(Path reports, Map<String, Map<String, Double>> latency)
      throws IOException {
    Map<String, Map<String, Double>> raw = Reports.items(reports, "RawBaseline");
    assertThat(raw.get("cni_add/Side=raw")).as("raw ADD").containsEntry("Count", 5.0);
    assertThat(raw.get("probe_same_node/Side=raw")).as("raw ping").containsEntry("Count", 5.0);
    assertThat(raw.get("cni_add/Side=netmark")).isEqualTo(latency.get("cni_add"));
    assertThat(raw.get("probe_same_node/Side=netmark")).isEqualTo(latency.get("probe_same_node"));
    assertThat(Reports.summaryText(reports))
        .contains("cni_add Perc50: netmark ")
        .containsPattern(
            "machine (load|SATURATED): machine_add Perc50 [0-9.]+ ms (while the measured pods"
                + " were created|over the whole run \\(too few ADDs fell while the measured pods"
                + " were created\\)), [0-9.]+ times the raw cni_add Perc50");
    for (String cls :
        List.of("probe_same_node", "probe_remote_node", "probe_service", "probe_external")) {
      assertThat(raw.get(cls + "/Side=raw-concurrent")).as("concurrent raw " + cls).isNotNull();
      assertThat(raw.get(cls + "/Side=raw-concurrent").get("Count"))
          .as("concurrent raw " + cls)
          .isGreaterThan(0.0);
      assertThat(raw.get(cls + "/Side=netmark-sampled"))
          .as("netmark's " + cls + " of the sampled pods")
          .containsEntry("Count", 4.0);
    }
    assertThat(raw.get("probe_wait/Side=raw-concurrent"))
        .as("the raw side's floor, one per sampled pod")
        .containsEntry("Count", 4.0);
    assertThat(raw.get("probe_wait/Side=netmark-sampled"))
        .as("netmark's probe_wait of the sampled pods")
        .containsEntry("Count", 4.0);
    assertThat(Reports.summaryText(reports))
        .contains("probe_wait Perc50: netmark-sampled ")
        .contains("from local mode's resident raw pinger");
  }

  private static List<String> args(Path reports, Path conf, Path bin) {
    List<String> a =
        new ArrayList<>(
            LocalRuns.sized(PREFIX, BASE, reports.toString(), 2, 2, 20, ThresholdBreach.GENEROUS));
    if (conf != null) {
      a.addAll(List.of("--cni-conf-dir", conf.toString(), "--cni-bin-dir", bin.toString()));
    }
    return a;
  }

  /**
   * Why an ipvlan link in l3s mode over a veth (a node's eth0 is one) cannot be made here, tried in
   * a namespace of its own; null when it can.
   */
  private static String ipvlanMissing() throws InterruptedException {
    String ns = PREFIX + "-ipvlan-probe";
    Exec.check("ip", "netns", "add", ns);
    try {
      Exec.check("ip", "-n", ns, "link", "add", "v0", "type", "veth", "peer", "name", "v1");
      Exec.Result r =
          Exec.run(
              "ip", "-n", ns, "link", "add", "iv0", "link", "v0", "type", "ipvlan", "mode", "l3s");
      return r.ok() ? null : "this kernel cannot make an ipvlan link: " + r.stderr().strip();
    } finally {
      Exec.check("ip", "netns", "del", ns);
    }
  }

  /** A plugin dir with Debian's plugins and the test plugin {@code plugin}. */
  private static Path binWith(Path tmp, String plugin) throws IOException {
    Path bin = Files.createDirectories(tmp.resolve("bin"));
    copy(plugin, bin.resolve(plugin));
    Files.setPosixFilePermissions(
        bin.resolve(plugin), PosixFilePermissions.fromString("rwxr-xr-x"));
    for (String real : List.of("bridge", "host-local", "loopback", "portmap")) {
      Files.createSymbolicLink(bin.resolve(real), BIN.resolve(real));
    }
    return bin;
  }

  /** A conf dir holding only {@code conflist}. */
  private static Path confDir(Path tmp, String conflist) throws IOException {
    Path dir = Files.createDirectories(tmp.resolve("conf-" + conflist));
    copy(conflist, dir.resolve(conflist));
    return dir;
  }

  private static void copy(String resource, Path to) throws IOException {
    try (InputStream in = YourCniE2eIT.class.getResourceAsStream("your-cni/" + resource)) {
      Files.copy(in, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
