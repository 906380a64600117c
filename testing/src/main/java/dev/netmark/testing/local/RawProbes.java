package dev.netmark.testing.local;

import dev.netmark.contract.MetricNames;
import dev.netmark.contract.ProbeTargets;
import dev.netmark.testing.local.RawPinger.Echoes;
import dev.netmark.testing.local.kubelet.SandboxWatch;
import io.fabric8.kubernetes.api.model.Pod;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Local mode's concurrent raw pings (docs/design.md, "Raw baseline"): the first {@link #PODS}
 * netperf pods that get a sandbox, at most {@code ceil(PODS / nodes)} a node, each ping every probe
 * class's target from their own namespace the moment RunPodSandbox returns, while netmark's prober
 * probes them. The namespace's path is derived from the sandbox id as the shim names it ({@link
 * Nodes#podNetns}), and the pings go out from the run's resident {@link RawPinger}, started before
 * any pod: handing a ping over is a queue and a wake-up, so the pod worker never waits.
 */
final class RawProbes implements SandboxWatch, AutoCloseable {
  static final int PODS = 5;
  private static final Logger LOG = LoggerFactory.getLogger(RawProbes.class);

  /** Pings a target from a namespace, calling back once with the outcome ({@link RawPinger}). */
  interface Pinger extends AutoCloseable {
    void ping(Path netns, String target, Consumer<Echoes> done);

    /** Waits up to {@code timeout} for the pings handed in to end. */
    default void await(long timeout, TimeUnit unit) throws InterruptedException {}

    @Override
    default void close() {}
  }

  /**
   * One raw ping of one sampled pod.
   *
   * @param millis RunPodSandbox's return to the send time of the first answered echo; NaN without
   *     an answer
   * @param startMillis RunPodSandbox's return to the first echo sent, the floor of {@code millis};
   *     NaN when none was sent
   * @param handMillis RunPodSandbox's return to the ping's hand-over to the pinger (the part of the
   *     floor spent on the kubelet stand-in's thread); NaN when it was not handed over
   * @param note why there is no number, else null
   */
  record Shot(
      String uid,
      RawPingTarget target,
      double millis,
      double startMillis,
      double handMillis,
      String note) {}

  private final int perNode;
  private final Supplier<ProbeTargets> targets;
  private final BiFunction<String, String, Path> netnsOf;
  private final Pinger pinger;
  private final Random random;
  private final Map<String, Integer> sampled = new HashMap<>();
  private final List<String> uids = new ArrayList<>();
  private final Map<String, List<Shot>> shots = new LinkedHashMap<>();
  private volatile boolean skipped;

  /**
   * @param nodes the cluster's node count, for the per-node cap
   * @param targets the probe targets the engine published, or null before it did; called on the pod
   *     worker's thread, so it must be quick (a cache, not an API call)
   * @param netnsOf a pod's namespace path from its node and sandbox id
   */
  RawProbes(
      int nodes,
      Supplier<ProbeTargets> targets,
      BiFunction<String, String, Path> netnsOf,
      Pinger pinger,
      Random random) {
    this.perNode = (PODS + nodes - 1) / nodes;
    this.targets = targets;
    this.netnsOf = netnsOf;
    this.pinger = pinger;
    this.random = random;
  }

  /** Now in epoch microseconds, the clock RunPodSandbox's return is taken on. */
  static long nowUs() {
    Instant now = Instant.now();
    return now.getEpochSecond() * 1_000_000 + now.getNano() / 1000;
  }

  /** No more pods are sampled ({@code --no-raw-baseline}); the pinger stops. */
  void skip() {
    skipped = true;
    pinger.close();
  }

  @Override
  public void created(String node, Pod pod, long returnedUs, String sandboxId) {
    String uid = pod.getMetadata().getUid();
    if (!MetricNames.isNetperf(pod.getMetadata().getLabels()) || !take(node, uid)) {
      return;
    }
    ProbeTargets t;
    try {
      t = targets.get();
    } catch (RuntimeException e) {
      record(uid, "same_node", null, "cannot read the probe targets: " + e.getMessage());
      return;
    }
    if (t == null) {
      record(uid, "same_node", null, "no probe targets published yet");
      return;
    }
    Map<String, RawPingTarget> chosen = RawPingTarget.all(t, node, random);
    Path netns;
    try {
      netns = netnsOf.apply(node, sandboxId);
    } catch (RuntimeException e) {
      chosen.forEach((cls, target) -> record(uid, cls, target, "no netns: " + e.getMessage()));
      return;
    }
    // Every class at once; the pinger sends each first echo as soon as its thread wakes.
    long handedUs = nowUs();
    chosen.forEach(
        (cls, target) -> {
          if (target.ip() == null) {
            record(uid, cls, target, target.none());
          } else {
            pinger.ping(
                netns, target.ip(), e -> record(shot(uid, target, returnedUs, handedUs, e), cls));
          }
        });
    LOG.info(
        "raw pings from pod {} ({}) on {} in {}", pod.getMetadata().getName(), uid, node, netns);
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

  /** A finished ping as a shot: answered, unanswered or unable to start. */
  static Shot shot(String uid, RawPingTarget target, long returnedUs, long handedUs, Echoes e) {
    double start = e.firstSentUs() < 0 ? Double.NaN : (e.firstSentUs() - returnedUs) / 1000.0;
    double millis =
        e.answeredSentUs() < 0 ? Double.NaN : (e.answeredSentUs() - returnedUs) / 1000.0;
    return new Shot(
        uid,
        target,
        millis,
        start,
        (handedUs - returnedUs) / 1000.0,
        e.answeredSentUs() < 0 ? e.note() : null);
  }

  private void record(String uid, String cls, RawPingTarget target, String note) {
    record(new Shot(uid, target, Double.NaN, Double.NaN, Double.NaN, note), cls);
  }

  private synchronized void record(Shot s, String cls) {
    LOG.info(
        "raw ping {} of pod {}: handed over {} ms, first echo {} ms, answered echo sent {} ms after"
            + " RunPodSandbox's return{}",
        cls,
        s.uid(),
        s.handMillis(),
        s.startMillis(),
        s.millis(),
        s.note() == null ? "" : ": " + s.note());
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

  /** Waits for pings still running (each ends within its 5 s), then stops the pinger. */
  @Override
  public void close() {
    try {
      pinger.await(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      pinger.close();
    }
  }
}
