package dev.netmark.shim.netns;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Prints what entering and creating namespaces costs here (for the notes; no timing assertions):
 * {@code setns} on a platform thread, a {@link NetnsThreads#call} round trip, and native creation
 * against {@code ip netns add}.
 */
class NetnsCostIT {
  private static final int ROUNDS = 30;

  @Test
  void printCosts() throws Exception {
    NetNamespaces netns = new NetNamespaces();
    Path path = netns.create("nmcni-cost");
    try {
      long[] setns =
          NetnsThreads.call(
              path,
              () -> {
                long[] t = new long[1000];
                for (int i = 0; i < t.length; i++) {
                  long s = System.nanoTime();
                  NetnsThreads.enter(path);
                  t[i] = System.nanoTime() - s;
                }
                return t;
              });
      long[] call = new long[200];
      for (int i = 0; i < call.length; i++) {
        long s = System.nanoTime();
        NetnsThreads.call(path, () -> 1);
        call[i] = System.nanoTime() - s;
      }
      assertThat(NetnsThreads.call(path, NetnsThreads::current)).isEqualTo(path);
      System.out.printf(
          "netns cost: setns median %.1f us, NetnsThreads.call round trip median %.1f us%n",
          median(setns) / 1e3, median(call) / 1e3);
    } finally {
      netns.delete("nmcni-cost");
    }
    long[] nativeCreate = new long[ROUNDS];
    long[] ipCreate = new long[ROUNDS];
    for (int i = 0; i < ROUNDS; i++) {
      String name = "nmcni-c" + i;
      long s = System.nanoTime();
      netns.create(name);
      nativeCreate[i] = System.nanoTime() - s;
      netns.delete(name);
      s = System.nanoTime();
      NetnsIT.run("ip", "netns", "add", name);
      ipCreate[i] = System.nanoTime() - s;
      netns.delete(name);
      assertThat(netns.exists(name)).isFalse();
    }
    System.out.printf(
        "netns create: native median %.2f ms, ip netns add median %.2f ms (%d rounds)%n",
        median(nativeCreate) / 1e6, median(ipCreate) / 1e6, ROUNDS);
  }

  private static double median(long[] values) {
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
