package dev.netmark.testing.local.fabric;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.netmark.testing.local.Clusters;
import dev.netmark.testing.local.host.Exec;
import dev.netmark.testing.local.host.HostException;
import dev.netmark.testing.local.host.MachineSnapshot;
import dev.netmark.testing.local.host.MarkedProcesses;
import dev.netmark.testing.local.host.Netns;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A real 3-node fabric: CNI pods, cross-node routing, service DNAT, masquerade, iperf3, teardown.
 */
class FabricIT {
  static final Path STATE = Path.of("/run/netmark-local");

  /** What this prefix can touch; other helpers' namespaces and rules come and go meanwhile. */
  static MachineSnapshot snapshot(String prefix) throws InterruptedException {
    return Clusters.snapshot(prefix, Clusters.secondOctets(FabricSpec.builder().build()));
  }

  /** The nat chains of node namespace {@code netns} whose name starts with {@code prefix}. */
  private static List<String> natChains(String netns, String prefix) throws InterruptedException {
    Exec.Result save =
        Exec.run("nsenter", "--net=" + Netns.path(netns), "iptables-save", "-t", "nat");
    assertThat(save.ok()).as(save.describe()).isTrue();
    return save.stdout().lines().filter(l -> l.startsWith(":" + prefix)).toList();
  }

  @Test
  void threeNodesCarryRealTrafficAndLeaveNothingBehind() throws Exception {
    MachineSnapshot before = snapshot("nml");
    Fabric f = Fabric.create(FabricSpec.builder().nodes(3).build());
    try {
      List<ControlPod> ctl = new ArrayList<>();
      for (NodePlan n : f.nodes()) {
        ctl.add(f.startControlPod(n.name()));
      }
      assertThat(ctl)
          .extracting(c -> c.ip().substring(0, c.ip().lastIndexOf('.')))
          .containsExactly("10.240.1", "10.240.2", "10.240.3");
      String vip = f.plan().spec().defaultServiceVip();
      f.publishService(vip, 80, ctl.stream().map(ControlPod::httpEndpoint).toList());
      Pod client = f.addPod("nml-node1", "client");
      Pod other = f.addPod("nml-node3", "other");
      assertThat(client.ip()).startsWith("10.240.1.");

      // Cross-node routing, pod to pod, both ways.
      for (String ip : List.of(ctl.get(0).ip(), ctl.get(1).ip(), ctl.get(2).ip(), other.ip())) {
        assertThat(Probe.ping(client.netns(), ip)).as("ping %s from %s", ip, client.ip()).isTrue();
      }
      assertThat(Probe.ping(other.netns(), client.ip())).isTrue();
      // Pod to pod keeps the pod's address (no masquerade inside the cluster).
      assertThat(Probe.get(client.netns(), ctl.get(1).ip(), 8080))
          .isEqualTo("nml-node2-ctl " + ctl.get(1).ip() + " from " + client.ip());

      // The VIP spreads connections over all control pods, from the same node (hairpin) too.
      Set<String> answeredBy = new HashSet<>();
      for (int i = 0; i < 30; i++) {
        String body = Probe.get(client.netns(), vip, 80);
        assertThat(body)
            .matches("nml-node[123]-ctl 10\\.240\\.[123]\\.\\d+ from 10\\.240\\.1\\.\\d+");
        answeredBy.add(body.substring(0, body.indexOf(' ')));
      }
      assertThat(answeredBy)
          .containsExactlyInAnyOrder("nml-node1-ctl", "nml-node2-ctl", "nml-node3-ctl");
      // The VIP answers ping (a control pod does): the shims' service ping.
      assertThat(Probe.ping(client.netns(), vip)).isTrue();
      assertThat(Probe.ping(other.netns(), vip)).isTrue();
      // Same from a node namespace itself (OUTPUT chain), as a shim would.
      assertThat(Netns.call("nml-node2", () -> Probe.get(null, vip, 80))).startsWith("nml-node");

      // The whole table at once, as the kube-proxy stand-in writes it: many services, then fewer
      // with other endpoints. Every node holds only the current ones (the chains of the services
      // that went are deleted), and a VIP answers from its new endpoints only.
      List<String> all = ctl.stream().map(ControlPod::httpEndpoint).toList();
      Map<String, List<String>> many = new LinkedHashMap<>();
      for (int i = 0; i < 12; i++) {
        many.put("10.250.0." + (30 + i) + ":80", all);
      }
      f.publishServices(many);
      for (NodePlan n : f.nodes()) {
        assertThat(natChains(n.name(), "NML-SVC-")).hasSize(12);
      }
      f.publishServices(
          Map.of(vip + ":80", all, "10.250.0.41:80", List.of(ctl.get(2).httpEndpoint())));
      for (NodePlan n : f.nodes()) {
        assertThat(natChains(n.name(), "NML-SVC-")).hasSize(2);
        assertThat(natChains(n.name(), "NML-PING-")).hasSize(2);
      }
      for (int i = 0; i < 5; i++) {
        assertThat(Probe.get(client.netns(), "10.250.0.41", 80)).startsWith("nml-node3-ctl ");
      }

      // A VIP without endpoints refuses, as kube-proxy's REJECT does, and leaves no conntrack
      // entry behind: a connection from the same source port once endpoints are there reaches
      // them (routed on un-DNAT-ed instead, its SYN left an entry that sent the later connection
      // the same way: "network unreachable").
      String unserved = "10.250.0.60";
      assertThatThrownBy(() -> Probe.getFrom(client.netns(), 40_999, unserved, 80))
          .hasStackTraceContaining("Connection refused");
      f.publishServices(
          Map.of(vip + ":80", all, unserved + ":80", List.of(ctl.get(1).httpEndpoint())));
      assertThat(Probe.getFrom(client.netns(), 40_999, unserved, 80))
          .isEqualTo("nml-node2-ctl " + ctl.get(1).ip() + " from " + client.ip());

      // The external target sees the node's address: masquerade, not routing, gets pods there.
      assertThat(Probe.get(client.netns(), f.externalIp(), Fabric.EXTERNAL_HTTP_PORT))
          .isEqualTo("external 10.251.0.1 from 10.241.0.1");
      assertThat(Probe.get(other.netns(), f.externalIp(), Fabric.EXTERNAL_HTTP_PORT))
          .isEqualTo("external 10.251.0.1 from 10.241.0.3");
      assertThat(Probe.ping(client.netns(), f.externalIp())).isTrue();
      assertThat(f.externalUrl()).isEqualTo("http://10.251.0.1:80/");

      // The host reaches nodes (shim metrics ports) and pods through its link.
      assertThat(f.hostIp()).isEqualTo("10.241.255.254");
      assertThat(Exec.run("ping", "-c", "1", "-W", "2", "10.241.0.3").ok()).isTrue();
      assertThat(Probe.get(null, ctl.get(2).ip(), 8080))
          .isEqualTo("nml-node3-ctl " + ctl.get(2).ip() + " from 10.241.255.254");

      Exec.Result iperf =
          Exec.run(
              "nsenter",
              "--net=" + Netns.path(client.netns()),
              "iperf3",
              "-c",
              ctl.get(1).ip(),
              "-p",
              "5201",
              "-t",
              "1",
              "-J");
      assertThat(iperf.ok()).as(iperf.describe()).isTrue();
      JsonNode sum = CniNetwork.JSON.readTree(iperf.stdout()).path("end").path("sum_received");
      assertThat(sum.path("bits_per_second").asDouble()).isGreaterThan(0);
      System.out.printf(
          "iperf3 pod on node1 -> control pod on node2: %.2f Gbit/s%n",
          sum.path("bits_per_second").asDouble() / 1e9);

      // removePod runs DEL: the host-local allocation goes, the namespace goes.
      Path lease = f.nodes().get(2).ipamDir().resolve("nml-pods").resolve(other.ip());
      assertThat(lease).exists();
      f.removePod(other);
      assertThat(lease).doesNotExist();
      assertThat(Netns.path(other.netns())).doesNotExist();

      Process sleeper = f.startProcess("nml-node2", "sleeper", List.of("sleep", "600"));
      // Until the JDK's launch helper has exec'd nsenter, /proc/PID/environ is the helper's and
      // holds no mark; while nsenter execs sleep, between the new memory map and its arguments,
      // cmdline and environ read empty (the exec may wait for page-ins under load). Wait for the
      // final command (a bound, not a timing assertion).
      for (int i = 0; i < 100 && sleeper.isAlive() && !markedAs(sleeper, "sleep 600"); i++) {
        Thread.sleep(50);
      }
      // A sleeper that died (nsenter refused, or something outside killed it) would read as an
      // unmarked process: say so, with what it wrote.
      assertThat(sleeper.isAlive()).as("sleeper alive; its log: %s", log(f, "sleeper")).isTrue();
      assertThat(MarkedProcesses.find("nml"))
          .as("marked processes; /proc/%d/cmdline: %s", sleeper.pid(), cmdline(sleeper))
          .anyMatch(m -> m.pid() == sleeper.pid());

      // The snapshot sees what the fabric made, so its comparison below can fail.
      assertThat(before.differences(snapshot("nml")))
          .contains(
              "+ netns: nml-node1",
              "+ netns: nml-node1-client",
              "+ link: nml-host",
              "+ route: 10.240.3.0/24 via 10.241.0.3 dev nml-host")
          .anyMatch(d -> d.startsWith("+ process: ") && d.endsWith("iperf3 -s -p 5201"))
          .anyMatch(d -> d.startsWith("+ process: " + sleeper.pid()));
    } finally {
      f.close();
    }
    f.close(); // twice is fine
    assertThat(before.differences(snapshot("nml"))).isEmpty();
  }

  @Test
  void userConflistTemplateWithPtp() throws Exception {
    MachineSnapshot before = snapshot("nmp");
    Path conf = Path.of(FabricIT.class.getResource("ptp").toURI());
    FabricSpec spec =
        FabricSpec.builder()
            .prefix("nmp")
            .nodes(2)
            .cni(CniSetup.userTemplate(conf, Path.of("/usr/lib/cni")))
            .build();
    try (Fabric f = Fabric.create(spec)) {
      assertThat(Files.readString(f.nodes().get(1).confDir().resolve("20-ptp.conflist")))
          .contains("\"10.240.2.0/24\"");
      Pod a = f.addPod("nmp-node1", "a");
      Pod b = f.addPod("nmp-node2", "b");
      assertThat(b.ip()).startsWith("10.240.2.");
      assertThat(Probe.ping(a.netns(), b.ip())).isTrue();
      assertThat(Probe.get(a.netns(), f.externalIp(), 80))
          .isEqualTo("external 10.251.0.1 from 10.241.0.1");
    }
    assertThat(before.differences(snapshot("nmp"))).isEmpty();
  }

  @Test
  void failuresCleanUpAfterThemselves(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
    MachineSnapshot before = snapshot("nmf");
    // A state root that is a file: creation fails after its first steps and must undo them.
    Path notADir = Files.writeString(tmp.resolve("file"), "x");
    assertThatThrownBy(
            () -> Fabric.create(FabricSpec.builder().prefix("nmf").stateRoot(notADir).build()))
        .isInstanceOf(HostException.class)
        .hasMessageContaining("cannot write local mode state under " + notADir);
    assertThat(before.differences(snapshot("nmf"))).isEmpty();

    // A pod whose CNI ADD fails leaves neither its namespace nor the fabric's teardown broken.
    Path conf = Files.createDirectories(tmp.resolve("conf"));
    Files.writeString(
        conf.resolve("10-bad.conflist"),
        """
        {"cniVersion":"1.0.0","name":"bad","plugins":[{"type":"bridge","bridge":"nmf-br",
         "ipam":{"type":"host-local","ranges":[[{"subnet":"${podCidr}"}]],"dataDir":"${ipamDataDir}",
         "routes":[{"dst":"not-a-cidr"}]}}]}\
        """);
    try (Fabric f =
        Fabric.create(
            FabricSpec.builder()
                .prefix("nmf")
                .nodes(1)
                .cni(CniSetup.userTemplate(conf, Path.of("/usr/lib/cni")))
                .build())) {
      assertThatThrownBy(() -> f.addPod("nmf-node1", "p"))
          .isInstanceOf(HostException.class)
          .hasMessageContaining(
              "CNI ADD for container nmf-node1-p on nmf-node1: plugin bridge failed");
      assertThat(Netns.path("nmf-node1-p")).doesNotExist();
    }
    assertThat(before.differences(snapshot("nmf"))).isEmpty();
  }

  private static String log(Fabric f, String name) throws IOException {
    Path log = f.plan().runDir().resolve("logs").resolve(name + ".log");
    return Files.exists(log) ? Files.readString(log) : "(none)";
  }

  private static String cmdline(Process p) throws IOException {
    Path file = Path.of("/proc", Long.toString(p.pid()), "cmdline");
    return Files.exists(file) ? Files.readString(file).replace('\0', ' ') : "(gone)";
  }

  private static boolean markedAs(Process p, String command) {
    return MarkedProcesses.find("nml").stream()
        .anyMatch(m -> m.pid() == p.pid() && m.command().equals(command));
  }
}
