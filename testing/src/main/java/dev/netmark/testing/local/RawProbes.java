package dev.netmark.testing.local;

import dev.netmark.contract.MetricNames;
import dev.netmark.contract.ProbeTargets;
import dev.netmark.testing.local.fabric.PingReply;
import dev.netmark.testing.local.host.Exec;
import dev.netmark.testing.local.host.HostException;
import dev.netmark.testing.local.kubelet.SandboxWatch;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Local mode's concurrent raw pings (docs/design.md, "Raw baseline"): the first {@link #PODS}
 * netperf pods that get a sandbox, at most {@code ceil(PODS / nodes)} a node, each ping every probe
 * class's target from their own namespace the moment RunPodSandbox returns, while netmark's prober
 * probes them. One {@code ping} per class and pod on a thread of its own (at most {@link #PODS}
 * pods, so at most {@code PODS x 4} pings), so a pod worker never waits and a ping never waits for
 * another.
 */
final class RawProbes implements SandboxWatch, AutoCloseable {
  static final int PODS = 5;
  private static final Logger LOG = LoggerFactory.getLogger(RawProbes.class);

  /** Pings {@code target} from {@code netns}; may throw {@link HostException}. */
  @FunctionalInterface
  interface Pinger {
    Exec.Result ping(String netns, String target) throws InterruptedException;
  }

  /**
   * One raw ping of one sampled pod.
   *
   * @param millis RunPodSandbox's return to the send time of the first answered echo; NaN without
   *     an answer
   * @param startMillis RunPodSandbox's return to ping's first echo; NaN when ping sent none
   * @param netnsMillis RunPodSandbox's return to the pod's namespace being known (the shim's
   *     verbose status answered); NaN when it was not
   * @param note why there is no number, else null
   */
  record Shot(
      String uid,
      RawPingTarget target,
      double millis,
      double startMillis,
      double netnsMillis,
      String note) {}

  private final int perNode;
  private final Supplier<ProbeTargets> targets;
  private final Pinger pinger;
  private final Random random;
  private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
  private final Map<String, Integer> sampled = new HashMap<>();
  private final List<String> uids = new ArrayList<>();
  private final Map<String, List<Shot>> shots = new LinkedHashMap<>();
  private volatile boolean skipped;

  /**
   * @param nodes the cluster's node count, for the per-node cap
   * @param targets the probe targets the engine published, or null before it did
   */
  RawProbes(int nodes, Supplier<ProbeTargets> targets, Pinger pinger, Random random) {
    this.perNode = (PODS + nodes - 1) / nodes;
    this.targets = targets;
    this.pinger = pinger;
    this.random = random;
  }

  /** Now in epoch microseconds, the clock ping's {@code -D} times are on. */
  static long nowUs() {
    Instant now = Instant.now();
    return now.getEpochSecond() * 1_000_000 + now.getNano() / 1000;
  }

  /**
   * The real pinger: {@code nice -n -10 nsenter --net=NETNS ping -D -n -O -i 0.01 -c 1 -w 5
   * TARGET}, at the weight of the shim's probe loop (docs/design.md, "Scheduling of the shim's
   * threads"), so a busy machine delays both alike.
   */
  static Exec.Result ping(String netns, String target) throws InterruptedException {
    return Exec.run(
        Map.of(),
        null,
        List.of(
            "nice",
            "-n",
            "-10",
            "nsenter",
            "--net=" + netns,
            "ping",
            "-D",
            "-n",
            "-O",
            "-i",
            "0.01",
            "-c",
            "1",
            "-w",
            "5",
            target));
  }

  /** No more pods are sampled ({@code --no-raw-baseline}). */
  void skip() {
    skipped = true;
  }

  @Override
  public void created(String node, Pod pod, long returnedUs, NetnsLookup netns) {
    var labels = pod.getMetadata().getLabels();
    boolean netperf =
        labels != null && MetricNames.NETPERF_VALUE.equals(labels.get(MetricNames.NETPERF_LABEL));
    String uid = pod.getMetadata().getUid();
    if (!netperf || !take(node, uid)) {
      return;
    }
    LOG.info("raw pings from pod {} ({}) on {}", pod.getMetadata().getName(), uid, node);
    try {
      threads.execute(() -> probe(node, uid, returnedUs, netns));
    } catch (RejectedExecutionException e) {
      record(uid, "same_node", null, "the test had ended before the ping could start");
    }
  }

  /** Whether the pod is sampled: one of the first {@link #PODS}, within its node's cap. */
  synchronized boolean take(String node, String uid) {
    if (skipped || uids.size() >= PODS || uids.contains(uid)) {
      return false;
    }
    if (sampled.getOrDefault(node, 0) >= perNode) {
      return false;
    }
    sampled.merge(node, 1, Integer::sum);
    uids.add(uid);
    return true;
  }

  private void probe(String node, String uid, long returnedUs, NetnsLookup lookup) {
    ProbeTargets t;
    try {
      t = targets.get();
    } catch (RuntimeException e) {
      record(uid, "same_node", null, "cannot read the probe targets: " + e.getMessage());
      return;
    }
    if (t == null) {
      record(uid, "same_node", RawPingTarget.none("no probe targets published yet"), null);
      return;
    }
    Map<String, RawPingTarget> chosen = RawPingTarget.all(t, node, random);
    String netns;
    long knownUs;
    try {
      netns = lookup.netns();
      knownUs = nowUs();
    } catch (RuntimeException e) {
      chosen.forEach((cls, target) -> record(uid, cls, target, "no netns: " + e.getMessage()));
      return;
    }
    // Every class at once, each ping on a thread of its own; this task ends with the last of them,
    // so close() waits for them all.
    List<Thread> pings = new ArrayList<>();
    chosen.forEach(
        (cls, target) -> {
          if (target.ip() == null) {
            record(uid, cls, target, target.none());
          } else {
            pings.add(
                Thread.ofVirtual()
                    .start(() -> shoot(uid, cls, target, netns, returnedUs, knownUs)));
          }
        });
    try {
      for (Thread ping : pings) {
        ping.join();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void shoot(
      String uid, String cls, RawPingTarget target, String netns, long returnedUs, long knownUs) {
    try {
      record(shot(uid, target, returnedUs, knownUs, pinger.ping(netns, target.ip())), cls);
    } catch (HostException e) {
      record(uid, cls, target, "ping could not run: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** A finished ping as a shot: answered, unanswered or unable to run. */
  static Shot shot(String uid, RawPingTarget target, long returnedUs, long knownUs, Exec.Result r) {
    double netnsMillis = (knownUs - returnedUs) / 1000.0;
    long sent = PingReply.firstAnsweredUs(r.stdout());
    long first = PingReply.firstEchoUs(r.stdout());
    double start = first < 0 ? Double.NaN : (first - returnedUs) / 1000.0;
    if (sent >= 0) {
      return new Shot(uid, target, (sent - returnedUs) / 1000.0, start, netnsMillis, null);
    }
    // ping exits 1 when it sent echoes and none was answered, 2 (or nsenter 126/127) otherwise.
    String note =
        r.exitCode() == 1
            ? "no answer in 5 s"
            : "ping could not run: exit " + r.exitCode() + ": " + r.stderr().strip();
    return new Shot(uid, target, Double.NaN, start, netnsMillis, note);
  }

  private void record(String uid, String cls, RawPingTarget target, String note) {
    record(new Shot(uid, target, Double.NaN, Double.NaN, Double.NaN, note), cls);
  }

  private synchronized void record(Shot s, String cls) {
    if (s.note() != null) {
      LOG.info("raw ping {} of pod {}: {}", cls, s.uid(), s.note());
    }
    shots.computeIfAbsent(cls, k -> new ArrayList<>()).add(s);
  }

  /** The sampled pods' UIDs, in the order they got their sandbox. */
  synchronized List<String> sampledUids() {
    return List.copyOf(uids);
  }

  /** Each class's shots so far, in the order of {@link MetricNames#PROBE_TARGETS}. */
  synchronized Map<String, List<Shot>> shots() {
    Map<String, List<Shot>> out = new LinkedHashMap<>();
    for (String cls : MetricNames.PROBE_TARGETS) {
      if (shots.containsKey(cls)) {
        out.put(cls, List.copyOf(shots.get(cls)));
      }
    }
    return out;
  }

  /** Waits for pings still running (each ends within its 5 s), then stops the threads. */
  @Override
  public void close() {
    threads.shutdown();
    try {
      if (!threads.awaitTermination(10, TimeUnit.SECONDS)) {
        threads.shutdownNow();
      }
    } catch (InterruptedException e) {
      threads.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
