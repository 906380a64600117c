package dev.netmark.bench.throughput;

import dev.netmark.testing.local.fabric.Fabric;
import dev.netmark.testing.local.fabric.NodePlan;
import dev.netmark.testing.local.host.Exec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * The raw CNI ADD rate: local mode's fabric (same nodes, same generated conflists), and on every
 * node at once hack/bench/raw-cni-add.sh running the conflist's ADD chain for fresh pod namespaces.
 * Every namespace this creates is deleted again, also on failure.
 */
final class RawAdds {
  private final Path script;

  /**
   * @param script hack/bench/raw-cni-add.sh
   */
  RawAdds(Path script) {
    this.script = script;
  }

  /**
   * @param parallel ADDs in flight per node
   * @return ADD completions per second over all nodes
   */
  double rate(int podsPerNode, int parallel) throws InterruptedException {
    List<String> namespaces = new ArrayList<>();
    try (Fabric fabric = Fabric.create(Network.fabric());
        ExecutorService pool = Executors.newFixedThreadPool(Network.NODES)) {
      try {
        for (NodePlan node : fabric.nodes()) {
          // The first ADD on a node creates its bridge and iptables chains; local mode's control
          // pods have done that before netperf pods arrive, so it is done here untimed.
          runOn(node, 1, 1, podNamespaces(node, "w", 1, namespaces));
        }
        List<Future<List<Long>>> nodes = new ArrayList<>();
        for (NodePlan node : fabric.nodes()) {
          String prefix = podNamespaces(node, "", podsPerNode, namespaces);
          nodes.add(pool.submit(() -> runOn(node, podsPerNode, parallel, prefix)));
        }
        List<Long> ends = new ArrayList<>();
        for (Future<List<Long>> f : nodes) {
          ends.addAll(f.get());
        }
        return Completions.perSecond(ends.stream().mapToLong(Long::longValue).toArray());
      } catch (ExecutionException e) {
        throw new IllegalStateException("raw CNI ADD failed: " + e.getCause().getMessage(), e);
      } finally {
        for (String ns : namespaces) {
          Exec.run("ip", "netns", "delete", ns);
        }
      }
    }
  }

  /** Creates {@code PREFIX-rNODE-TAG0..} and returns their common prefix. */
  private static String podNamespaces(NodePlan node, String tag, int n, List<String> created)
      throws InterruptedException {
    String prefix = Network.PREFIX + "-r" + node.index() + "-" + tag;
    for (int i = 0; i < n; i++) {
      Exec.check("ip", "netns", "add", prefix + i);
      created.add(prefix + i);
    }
    return prefix;
  }

  /** The script in the node's namespace; the end time of every ADD, in microseconds. */
  private List<Long> runOn(NodePlan node, int pods, int parallel, String prefix)
      throws InterruptedException {
    String out =
        Exec.check(
                "nsenter",
                "--net=/run/netns/" + node.name(),
                script.toString(),
                conflist(node).toString(),
                Integer.toString(pods),
                prefix,
                Integer.toString(parallel))
            .stdout();
    List<Long> ends = new ArrayList<>();
    for (String line : out.split("\n")) {
      String[] f = line.split(" ");
      if (f.length == 3 && f[0].equals("add")) {
        ends.add(Long.parseLong(f[2]));
      }
    }
    if (ends.size() != pods) {
      throw new IllegalStateException(
          "raw-cni-add.sh on "
              + node.name()
              + ": "
              + ends.size()
              + " of "
              + pods
              + " ADDs: "
              + out);
    }
    return ends;
  }

  private static Path conflist(NodePlan node) {
    try (Stream<Path> files = Files.list(node.confDir())) {
      return files
          .filter(p -> p.toString().endsWith(".conflist"))
          .findFirst()
          .orElseThrow(() -> new IllegalStateException("no conflist in " + node.confDir()));
    } catch (IOException e) {
      throw new IllegalStateException("cannot list " + node.confDir() + ": " + e, e);
    }
  }
}
