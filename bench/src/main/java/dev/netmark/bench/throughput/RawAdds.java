package dev.netmark.bench.throughput;

import dev.netmark.testing.local.fabric.Fabric;
import dev.netmark.testing.local.fabric.NodePlan;
import dev.netmark.testing.local.fabric.RawCniAdds;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The raw CNI ADD rate: local mode's fabric (same nodes, same generated conflists), and on every
 * node at once the fabric's raw ADD ({@link RawCniAdds}, a plain script running the conflist's ADD
 * chain for fresh pod namespaces). Every namespace this creates is deleted again, also on failure.
 */
final class RawAdds {
  /**
   * @param parallel ADDs in flight per node
   * @return ADD completions per second over all nodes
   */
  double rate(int podsPerNode, int parallel) throws InterruptedException {
    List<RawCniAdds> nodes = new ArrayList<>();
    try (Fabric fabric = Fabric.create(ThroughputNetwork.fabric());
        ExecutorService pool = Executors.newFixedThreadPool(ThroughputNetwork.NODES)) {
      try {
        for (NodePlan node : fabric.nodes()) {
          // The first ADD on a node creates its bridge and iptables chains; local mode's control
          // pods have done that before netperf pods arrive, so it is done here untimed.
          try (RawCniAdds warm = fabric.rawAdds(node.name(), "w", 1)) {
            warm.run(1, null);
          }
        }
        // Every namespace exists before any node starts, so the nodes start together.
        for (NodePlan node : fabric.nodes()) {
          nodes.add(fabric.rawAdds(node.name(), "t", podsPerNode));
        }
        List<Future<List<RawCniAdds.Add>>> running = new ArrayList<>();
        for (RawCniAdds adds : nodes) {
          running.add(pool.submit(() -> adds.run(parallel, null)));
        }
        List<Long> ends = new ArrayList<>();
        for (Future<List<RawCniAdds.Add>> f : running) {
          f.get().forEach(a -> ends.add(a.addEndUs()));
        }
        return Completions.perSecond(ends.stream().mapToLong(Long::longValue).toArray());
      } catch (ExecutionException e) {
        throw new IllegalStateException("raw CNI ADD failed: " + e.getCause().getMessage(), e);
      } finally {
        for (RawCniAdds adds : nodes) {
          adds.close();
        }
      }
    }
  }
}
