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
 * limit.
 *
 * <p>Runs of other prefixes may overlap, so the limits are shared through {@link NeighbourClaims}:
 * each run claims what its nodes need, the limits cover the largest live claim, and the host's own
 * values, kept outside every run, come back when the last claim goes.
 */
final class NeighbourTable {
  private static final Logger LOG = LoggerFactory.getLogger(NeighbourTable.class);

  /** The host's limits. */
  static final Path SYSCTLS = Path.of("/proc/sys/net/ipv4/neigh/default");

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

  /** The limits to set, soft and hard: at least the host's own, soft above the need, hard twice. */
  static int[] limits(int[] host, int entries) {
    return new int[] {Math.max(host[0], entries), Math.max(host[1], 2 * entries)};
  }

  /**
   * Claims the entries of {@code nodes} nodes for the run {@code run} (its prefix), sets the limits
   * under {@code sysctls} for every live claim and registers the release with {@code teardown}.
   */
  static void size(NeighbourClaims claims, Path sysctls, String run, int nodes, Teardown teardown) {
    try {
      claims.claim(run, entriesFor(nodes), host -> apply(sysctls, host, claims));
      teardown.add(
          "neighbour table limits",
          () -> claims.release(run, host -> apply(sysctls, host, claims)));
    } catch (IOException | RuntimeException e) {
      LOG.warn(
          "cannot size the neighbour table for {} nodes ({}): pods may lose ARP entries at scale",
          nodes,
          e.toString());
    }
  }

  /** The host's limits as they are now, soft and hard. */
  static int[] current(Path sysctls) throws IOException {
    return new int[] {read(sysctls.resolve("gc_thresh2")), read(sysctls.resolve("gc_thresh3"))};
  }

  /**
   * Sets the limits for the largest live claim, or back to {@code host} when there is none. Called
   * under the claims' lock.
   */
  private static void apply(Path sysctls, int[] host, NeighbourClaims claims) throws IOException {
    int need = claims.largestLive();
    int[] target = need == 0 ? host : limits(host, need);
    Path soft = sysctls.resolve("gc_thresh2");
    Path hard = sysctls.resolve("gc_thresh3");
    // The soft limit never exceeds the hard one: hard first when raising, last when lowering.
    if (target[1] >= read(hard)) {
      write(hard, target[1]);
      write(soft, target[0]);
    } else {
      write(soft, target[0]);
      write(hard, target[1]);
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
