package dev.netmark.shim.cni;

import static dev.netmark.shim.cni.CniTestSupport.SYSTEM_BIN;
import static org.assertj.core.api.Assertions.assertThat;

import dev.netmark.shim.netns.NetNamespaces;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * CNI ADD latency of the bridge + host-local + portmap + loopback chain through {@link CniRuntime}
 * against the same chain run by {@code cni/direct-add.sh}, in the same run on the same node
 * namespace. Prints both medians and their ratio; asserts only that every ADD worked.
 */
class CniBenchIT {
  private static final int PODS = 30;
  private static final int WARM_UP = 10;
  private static final String NODE = "nmcni-nodeb";

  @Test
  void addLatencyThroughTheRuntimeAgainstAPlainScript() throws Exception {
    NetNamespaces netns = new NetNamespaces();
    Path tmp = Files.createTempDirectory("nmcni-bench");
    List<String> created = new ArrayList<>();
    try {
      Path node = netns.create(NODE);
      created.add(NODE);
      Path conflist =
          CniTestSupport.writeConf(
              tmp.resolve("net.d"),
              "10-bench.conflist",
              CniTestSupport.render(
                  "conflists/bench.conflist", Map.of("DATADIR", tmp.resolve("ipam").toString())));
      long[] viaRuntime = new long[PODS];
      try (CniRuntime runtime =
          CniRuntime.builder(
                  CniConfig.load(conflist.getParent(), List.of(SYSTEM_BIN)), List.of(SYSTEM_BIN))
              .resultCacheDir(tmp.resolve("results"))
              .hostNetns(node)
              .build()) {
        // The first ADD on a node creates the bridge and iptables chains, and a shim runs warm
        // for the node's lifetime: keep both out of the measured ADDs.
        for (int i = 0; i < WARM_UP; i++) {
          CniRequest warm = request(netns, created, "nmcni-w", i);
          runtime.add(warm);
          runtime.del(warm);
        }
        for (int i = 0; i < PODS; i++) {
          CniRequest r = request(netns, created, "nmcni-j", i);
          long start = System.nanoTime();
          CniResult result = runtime.add(r);
          viaRuntime[i] = System.nanoTime() - start;
          assertThat(result.primaryIp()).isPresent();
        }
        for (int i = 0; i < PODS; i++) {
          runtime.del(request(null, null, "nmcni-j", i));
        }
      }
      for (int i = 0; i < PODS; i++) {
        created.add(netns.create("nmcni-s" + i).getFileName().toString());
      }
      Path script = tmp.resolve("direct-add.sh");
      Files.writeString(script, CniTestSupport.resource("direct-add.sh"));
      Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
      CniTestSupport.Output out =
          CniTestSupport.run(
              "nsenter",
              "--net=" + node,
              script.toString(),
              conflist.toString(),
              String.valueOf(PODS),
              "nmcni-s",
              SYSTEM_BIN.toString());
      assertThat(out.exit()).as(out.text()).isZero();
      long[] direct = values(out.text(), "add_us ", 1000);
      assertThat(direct).hasSize(PODS);
      double a = median(viaRuntime) / 1e6;
      double d = median(direct) / 1e6;
      System.out.printf(
          "CNI ADD median over %d sequential pods (bridge+host-local+portmap+loopback): "
              + "CniRuntime %.1f ms, direct script %.1f ms, ratio %.2f; script DEL median %.1f ms"
              + " (launchMechanism %s)%n",
          PODS,
          a,
          d,
          a / d,
          median(values(out.text(), "del_us ", 1000)) / 1e6,
          System.getProperty("jdk.lang.Process.launchMechanism", "default"));
    } finally {
      for (String name : created) {
        netns.delete(name);
      }
      CniTestSupport.deleteTree(tmp);
    }
  }

  private static CniRequest request(
      NetNamespaces netns, List<String> created, String prefix, int i) {
    String name = prefix + i;
    if (netns != null) {
      netns.create(name);
      created.add(name);
    }
    return CniRequest.of("bench" + prefix + i, Path.of("/run/netns", name), "bench", name, name);
  }

  private static long[] values(String text, String prefix, long scale) {
    return text.lines()
        .filter(l -> l.startsWith(prefix))
        .mapToLong(l -> Long.parseLong(l.substring(prefix.length()).strip()) * scale)
        .toArray();
  }

  private static double median(long[] values) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
