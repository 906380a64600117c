package dev.netmark.engine.step;

import dev.netmark.engine.kube.KubeObjectException;
import dev.netmark.engine.kube.KubeOps;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The namespaces a run created: made at the start, labelled so they can be found again, and deleted
 * (with everything in them, by the API server) at cleanup.
 */
final class TestNamespaces {
  /** Label on every namespace a run creates; its value is the run id. */
  static final String RUN_LABEL = "netmark.dev/run";

  private final KubeOps ops;
  private final String runId;
  private final List<String> created = new CopyOnWriteArrayList<>();

  TestNamespaces(KubeOps ops, String runId) {
    this.ops = ops;
    this.runId = runId;
  }

  /** Creates {@code <prefix>-1} .. {@code <prefix>-<number>}. */
  void createAutomanaged(String prefix, int number) throws InterruptedException {
    for (int i = 1; i <= number; i++) {
      String name = prefix + "-" + i;
      ops.createNamespace(name, Map.of(RUN_LABEL, runId));
      created.add(name);
    }
  }

  /** The namespaces created so far, in order. */
  List<String> created() {
    return List.copyOf(created);
  }

  /**
   * Deletes every namespace this run created, newest first, and says what happened to each. Never
   * throws for a namespace that cannot be deleted: the other ones are still tried.
   */
  List<String> deleteAll() {
    List<String> lines = new ArrayList<>();
    // Cleanup must run even when the run was interrupted; the flag is restored afterwards.
    boolean interrupted = Thread.interrupted();
    try {
      for (String name : created.reversed()) {
        lines.add(delete(name));
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
    return lines;
  }

  /** Lines saying what was kept, for runs that keep their objects. */
  List<String> keptLines(String why) {
    return created.stream().map(n -> "kept namespace " + n + " (" + why + ")").toList();
  }

  private String delete(String name) {
    try {
      boolean existed = ops.deleteNamespace(name);
      created.remove(name);
      return existed ? "deleted namespace " + name : "namespace " + name + " was already gone";
    } catch (KubeObjectException e) {
      return "could not delete namespace " + name + ": " + e.getMessage();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "could not delete namespace " + name + ": interrupted again during cleanup";
    }
  }
}
