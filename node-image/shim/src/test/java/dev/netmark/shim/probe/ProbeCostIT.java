package dev.netmark.shim.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.netmark.shim.netns.NetnsThreads;
import java.net.InetAddress;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Measures what one probe attempt costs: a spawned {@code ip netns exec POD ping -c 1} against
 * {@link IcmpCheck} and {@link HttpCheck} on a thread inside the pod's namespace. Prints medians
 * (the numbers in the issue note); asserts only that every attempt succeeded, never a timing.
 */
class ProbeCostIT {
  private static final int SPAWNED = 100;
  private static final int IN_NAMESPACE = 1000;
  private static ProbeTopology net;

  @BeforeAll
  static void setUp() throws Exception {
    net = ProbeTopology.create();
  }

  @AfterAll
  static void tearDown() {
    if (net != null) {
      net.close();
    }
  }

  @Test
  void spawnedPingCostsMoreThanInNamespaceProbes() throws Exception {
    String target = ProbeTopology.CONTROL_IPS.get(0);
    long[] spawned = new long[SPAWNED];
    for (int i = 0; i < SPAWNED; i++) {
      long t0 = System.nanoTime();
      Process p =
          new ProcessBuilder(
                  "ip",
                  "netns",
                  "exec",
                  ProbeTopology.POD1,
                  "ping",
                  "-c",
                  "1",
                  "-W",
                  "1",
                  "-n",
                  "-q",
                  target)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      assertThat(p.waitFor()).as("spawned ping %d exit code", i).isEqualTo(0);
      spawned[i] = System.nanoTime() - t0;
    }
    long[][] inNs =
        NetnsThreads.call(
            ProbeTopology.netns(ProbeTopology.POD1),
            () -> {
              IcmpCheck icmp = new IcmpCheck(InetAddress.ofLiteral(target));
              HttpCheck http = new HttpCheck(target, ProbeTopology.HTTP_PORT, "/", 1);
              long[] ping = new long[IN_NAMESPACE];
              long[] get = new long[IN_NAMESPACE];
              for (int i = 0; i < IN_NAMESPACE; i++) {
                long t0 = System.nanoTime();
                assertThat(icmp.attempt(1000)).as("in-namespace ping %d", i).isTrue();
                long t1 = System.nanoTime();
                assertThat(http.attempt(1000)).as("in-namespace GET %d", i).isTrue();
                ping[i] = t1 - t0;
                get[i] = System.nanoTime() - t1;
              }
              return new long[][] {ping, get};
            });
    System.out.printf(
        "probe cost per attempt (median): spawned 'ip netns exec ping -c1' %.0f us (n=%d);"
            + " in-namespace isReachable %.1f us, HTTP GET (new TCP connection) %.1f us (n=%d)%n",
        median(spawned) / 1e3, SPAWNED, median(inNs[0]) / 1e3, median(inNs[1]) / 1e3, IN_NAMESPACE);
  }

  private static double median(long[] values) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
