package dev.netmark.testing.local.fabric;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sizes the host's IPv4 neighbour (ARP) table for the emulated nodes. Every network namespace of
 * one kernel shares that table and its limits ({@code net.ipv4.neigh.default.gc_thresh2}, 512:
 * above it, entries older than 5 s are collected; {@code gc_thresh3}, 1024: none are added). Real
 * nodes each have a kernel of their own; here 30 nodes of 10 pods need about 2,000 entries, and the
 * kernel said "neighbor table overflow" while pods' pings went unanswered for a minute, and fewer
 * entries than that still got evicted and re-resolved (a second per ARP retry) under the soft
 * limit. Only ever raised, and restored at teardown.
 */
final class NeighbourTable {
  private static final Logger LOG = LoggerFactory.getLogger(NeighbourTable.class);

  /** Pods a node may run: kubelet's default {@code maxPods}. */
  static final int PODS_PER_NODE = 110;

  private NeighbourTable() {}

  /**
   * Entries {@code nodes} emulated nodes can need: each node's namespace knows its pods, its
   * control pod, the other nodes and the router; each pod its gateway and its node's control pod;
   * each control pod the pods on its node; the fabric every node.
   */
  static int entriesFor(int nodes) {
    int perNode = (PODS_PER_NODE + nodes + 2) + 2 * PODS_PER_NODE + (PODS_PER_NODE + 2) + 1;
    return nodes * perNode + 16;
  }

  /**
   * The limits to set, soft and hard: at least the current ones, soft above the need, hard twice.
   */
  static int[] limits(int[] current, int entries) {
    return new int[] {Math.max(current[0], entries), Math.max(current[1], 2 * entries)};
  }

  /**
   * Raises the limits under {@code dir} (the host's {@code /proc/sys/net/ipv4/neigh/default}) for
   * {@code nodes} nodes and registers their restoration with {@code teardown}.
   */
  static void size(Path dir, int nodes, Teardown teardown) {
    Path soft = dir.resolve("gc_thresh2");
    Path hard = dir.resolve("gc_thresh3");
    try {
      int[] before = {read(soft), read(hard)};
      int[] after = limits(before, entriesFor(nodes));
      if (java.util.Arrays.equals(before, after)) {
        return;
      }
      // The soft limit never exceeds the hard one: hard first when raising, last when restoring.
      teardown.add(
          "neighbour table limits",
          () -> {
            write(soft, before[0]);
            write(hard, before[1]);
          });
      write(hard, after[1]);
      write(soft, after[0]);
    } catch (IOException | NumberFormatException e) {
      LOG.warn(
          "cannot size the neighbour table for {} nodes ({}): pods may lose ARP entries at scale",
          nodes,
          e.toString());
    }
  }

  /**
   * A sysctl's value. Not {@code Files.readString}: on these limits it returned the first byte only
   * ("1" for 1024), and a run once restored the host's limits to 1 and 5 with it.
   */
  static int read(Path sysctl) throws IOException {
    try (BufferedReader r = Files.newBufferedReader(sysctl)) {
      String line = r.readLine();
      if (line == null) {
        throw new IOException(sysctl + " is empty");
      }
      return Integer.parseInt(line.strip());
    }
  }

  private static void write(Path sysctl, int value) throws IOException {
    Files.writeString(sysctl, value + "\n");
  }
}
