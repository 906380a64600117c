package dev.netmark.shim.cri;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netmark.contract.EventKind;
import dev.netmark.contract.PodEvent;
import dev.netmark.shim.Shim;
import dev.netmark.shim.ShimLaunch;
import dev.netmark.shim.ShimOptions;
import dev.netmark.shim.cni.RunningPlugins;
import dev.netmark.shim.testing.NetperfNodeFixture;
import dev.netmark.shim.testing.Pods;
import dev.netmark.shim.testing.ShimHttp;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A real shim process killed with SIGKILL while a plugin hangs in its ADD (the {@code nmcri-hang}
 * test plugin after bridge, with a child of its own): the next shim kills that plugin and its child
 * before it runs the interrupted ADD's DEL, so nothing of the dead shim's ADD outlives the DEL.
 */
class OrphanedPluginIT {
  private static final String UID = "0f9c1d2e-0000-4000-8000-0000000000d1";

  @Test
  void aPluginLeftRunningByAKilledShimIsKilledBeforeTheDel() throws Exception {
    try (NetperfNodeFixture node = NetperfNodeFixture.create("orp", 18)) {
      Path work = Files.createTempDirectory("nmcri-orp");
      try {
        ShimOptions o = hangingChain(node, work);
        Path marker = work.resolve("marker");
        Process first = startShimProcess(o, work.resolve("first.log"));
        long pid;
        long child;
        String sandbox;
        try (CriClient kubelet = CriClient.connect(awaitSocket(o.listen(), first))) {
          CompletableFuture.runAsync(
              () -> {
                try {
                  kubelet.runtime().runPodSandbox(Pods.run(Pods.netperf("pod-h", UID)));
                } catch (RuntimeException dies) {
                  // UNAVAILABLE once the shim is killed.
                }
              });
          String[] pids = awaitFile(marker.resolve("add.pids")).strip().split(" ");
          pid = Long.parseLong(pids[0]);
          child = Long.parseLong(pids[1]);
          sandbox = pids[2];
          first.destroyForcibly(); // SIGKILL, as a node's OOM killer or the soak does
          assertThat(first.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        // Before the fix both outlived the shim and ran their 600 s.
        assertThat(running(pid)).as("the plugin outlives the killed shim").isTrue();
        assertThat(running(child)).isTrue();

        try (Shim second = Shim.start(o)) {
          assertThat(running(pid)).as("the hanging plugin").isFalse();
          assertThat(running(child)).as("the plugin's child").isFalse();
          assertThat(Files.readAllLines(marker.resolve("del.log"))).containsExactly(sandbox);
          assertThat(RunningPlugins.recorded(o.stateDir().resolve("plugins"))).isEmpty();
          assertThat(node.podNamespaces()).isEmpty();
          assertThat(node.hostLocalAllocations()).isEmpty();
          assertThat(node.podVeths()).isEmpty();
          List<PodEvent> records = new ShimHttp(second.metricsPort()).records();
          assertThat(records)
              .filteredOn(e -> e.uid().equals(UID))
              .extracting(PodEvent::kind)
              .containsExactly(EventKind.ADD_FAILED);
        }
      } finally {
        dev.netmark.shim.testing.Commands.deleteTree(work);
      }
    }
  }

  // The fixture's node with bridge + nmcri-hang as its chain, plugins from work/bin.
  private static ShimOptions hangingChain(NetperfNodeFixture node, Path work) throws Exception {
    Path bin = Files.createDirectories(work.resolve("bin"));
    Path marker = Files.createDirectories(work.resolve("marker"));
    try (InputStream in = OrphanedPluginIT.class.getResourceAsStream("/cri/nmcri-hang")) {
      Files.write(bin.resolve("nmcri-hang"), in.readAllBytes());
    }
    Files.setPosixFilePermissions(
        bin.resolve("nmcri-hang"), PosixFilePermissions.fromString("rwxr-xr-x"));
    ShimOptions base = node.shimOptions();
    Files.writeString(
        base.cniConfDir().resolve("10-" + node.network() + ".conflist"),
        """
        {"cniVersion":"1.0.0","name":"%s","plugins":[
          {"type":"bridge","bridge":"nmcri-br18","isGateway":true,"ipMasq":false,
           "ipam":{"type":"host-local","ranges":[[{"subnet":"10.202.18.0/24",
             "rangeStart":"10.202.18.10","rangeEnd":"10.202.18.200","gateway":"10.202.18.1"}]]}},
          {"type":"nmcri-hang","markerDir":"%s"}]}
        """
            .formatted(node.network(), marker));
    return new ShimOptions(
        base.listen(),
        base.upstream(),
        base.cniConfDir(),
        List.of(bin, Path.of("/usr/lib/cni")),
        base.nodeName(),
        base.metricsAddr(),
        base.stateDir(),
        Duration.ofSeconds(300),
        base.netnsDir(),
        base.netnsPrefix(),
        base.cniHostNetns(),
        base.probeTargetsFile(),
        null,
        false,
        null);
  }

  private static Process startShimProcess(ShimOptions o, Path log) throws Exception {
    List<String> args =
        List.of(
            "--listen",
            "unix://" + o.listen(),
            "--upstream",
            "unix://" + o.upstream(),
            "--cni-conf-dir",
            o.cniConfDir().toString(),
            "--cni-bin-dir",
            o.cniBinDirs().get(0) + "," + o.cniBinDirs().get(1),
            "--node-name",
            o.nodeName(),
            "--metrics-addr",
            o.metricsAddr(),
            "--state-dir",
            o.stateDir().toString(),
            "--plugin-timeout",
            "300s",
            "--netns-prefix",
            o.netnsPrefix(),
            "--cni-host-netns",
            o.cniHostNetns().toString(),
            "--probe-targets",
            o.probeTargetsFile().toString());
    List<String> argv =
        ShimLaunch.command(
            Path.of(System.getProperty("java.home"), "bin", "java"),
            System.getProperty("java.class.path"),
            ShimLaunch.jvmFlags(Optional.empty()),
            args);
    return new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }

  private static Path awaitSocket(Path socket, Process shim) throws Exception {
    for (int i = 0; i < 6000 && !Files.exists(socket); i++) {
      assertThat(shim.isAlive()).as("the shim process runs").isTrue();
      Thread.sleep(10);
    }
    assertThat(socket).exists();
    return socket;
  }

  private static String awaitFile(Path file) throws Exception {
    for (int i = 0; i < 6000 && !Files.exists(file); i++) {
      Thread.sleep(10);
    }
    return Files.readString(file);
  }

  // Alive and not a zombie (a killed orphan waits for its new parent to reap it).
  private static boolean running(long pid) {
    Path stat = Path.of("/proc", Long.toString(pid), "stat");
    try {
      String text = Files.readString(stat);
      return text.charAt(text.lastIndexOf(')') + 2) != 'Z';
    } catch (java.io.IOException e) {
      return false;
    }
  }
}
