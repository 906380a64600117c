package dev.netmark.bench.gather;

import dev.netmark.contract.EventKind;
import dev.netmark.contract.MetricNames;
import dev.netmark.contract.PodEvent;
import dev.netmark.contract.PodEventCodec;
import java.util.Map;

/**
 * The record logs of the fleet: per node, {@code history} events of earlier runs, then one full
 * record set per pod for each run recorded since (ADD, a PROBE per class, NETWORK_READY, as a shim
 * writes them). Events are made from their seq, so nothing but the run count is stored.
 */
final class FleetRecords {
  /** Events per pod: ADD, one PROBE per class, NETWORK_READY. */
  static final int PER_POD = 2 + MetricNames.PROBE_TARGETS.size();

  private final int podsPerNode;
  private final long history;
  private final long startMs;
  private volatile int runs;

  FleetRecords(int podsPerNode, long history, long startMs) {
    this.podsPerNode = podsPerNode;
    this.history = history;
    this.startMs = startMs;
  }

  /** Records the next run on every node. */
  void recordRun() {
    runs++;
  }

  int runs() {
    return runs;
  }

  /** The seq the next event of every node will get. */
  long end() {
    return history + (long) runs * podsPerNode * PER_POD;
  }

  /** Where run {@code run} (from 1) begins. */
  long runStart(int run) {
    return history + (long) (run - 1) * podsPerNode * PER_POD;
  }

  /** The namespace of run {@code run}'s pods. */
  static String namespace(int run) {
    return "gather-" + run;
  }

  /** Event {@code seq} of {@code node}, as a JSON line without newline. */
  String line(FleetNode node, long seq) {
    if (seq < history) {
      return PodEventCodec.toJson(
          new PodEvent(
              seq,
              EventKind.REMOVED,
              node.name(),
              "earlier",
              "old-" + seq,
              node.name() + "-old-" + seq,
              null,
              1,
              startMs - history + seq,
              null,
              null,
              null));
    }
    long inRuns = seq - history;
    int run = (int) (inRuns / ((long) podsPerNode * PER_POD)) + 1;
    int inRun = (int) (inRuns % ((long) podsPerNode * PER_POD));
    int pod = inRun / PER_POD;
    int step = inRun % PER_POD;
    String name = "pod-" + pod;
    String uid = node.name() + "-r" + run + "-" + pod;
    String ip = "10." + (node.index() / 250) + "." + (node.index() % 250) + "." + (pod + 2);
    long added = startMs + run * 60_000L + pod * 100L;
    double cniAdd = 0.02 + (node.index() % 17) * 0.001 + pod * 0.0005;
    if (step == 0) {
      return json(
          seq,
          EventKind.ADD,
          node,
          run,
          name,
          uid,
          ip,
          added,
          Map.of(MetricNames.CNI_ADD, cniAdd, MetricNames.CNI_ADD_TOTAL, cniAdd));
    }
    if (step <= MetricNames.PROBE_TARGETS.size()) {
      String target = MetricNames.PROBE_TARGETS.get(step - 1);
      double sent = 0.002 * step + (pod % 7) * 0.0003;
      return json(
          seq,
          EventKind.PROBE,
          node,
          run,
          name,
          uid,
          ip,
          added + step,
          Map.of(
              MetricNames.probeKey(target), sent,
              MetricNames.probeArrivalKey(target), sent + 0.0002,
              MetricNames.probeReadKey(target), sent + 0.0004));
    }
    double probes = 0.002 * MetricNames.PROBE_TARGETS.size() + (pod % 7) * 0.0003 + 0.0004;
    return json(
        seq,
        EventKind.NETWORK_READY,
        node,
        run,
        name,
        uid,
        ip,
        added + 10,
        Map.of(MetricNames.NETWORK_READY, cniAdd + probes, MetricNames.PROBE_WAIT, 0.0001));
  }

  private static String json(
      long seq,
      EventKind kind,
      FleetNode node,
      int run,
      String name,
      String uid,
      String ip,
      long wallMs,
      Map<String, Double> seconds) {
    return PodEventCodec.toJson(
        new PodEvent(
            seq,
            kind,
            node.name(),
            namespace(run),
            name,
            uid,
            ip,
            1,
            wallMs,
            seconds,
            null,
            Map.of()));
  }
}
