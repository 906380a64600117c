package dev.netmark.shim.probe;

import dev.netmark.shim.metrics.PodRecorder;
import dev.netmark.shim.metrics.ProbeTimes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * The probing state of one pod: which checks of which class are still open, and the events to
 * record as classes settle. The loop thread calls in as checks settle and CRI threads cancel; all
 * state changes are synchronized and nothing is recorded once the pod is cancelled.
 */
final class PodProbe {
  // Its IP may come only with release(ip); records read it when they are written, after that.
  private volatile ProbeRequest request;
  private final PodRecorder recorder;
  private final Executor writer;
  private final CompletableFuture<ProbeOutcome> outcome = new CompletableFuture<>();
  private final Map<String, Integer> open = new HashMap<>();
  private final Map<String, CheckAnswer> answered = new HashMap<>();
  private final Map<String, Duration> probes = new LinkedHashMap<>();
  private final Map<String, String> failures = new LinkedHashMap<>();
  private final List<Runnable> held = new ArrayList<>();
  private boolean holding;
  private long startedNanos;
  private boolean cancelled;
  private boolean finished;
  private Runnable onCancel = () -> {};

  /**
   * @param writer where records are written, in order: off the probe loop, so a slow disk delays
   *     the records and never the next attempt of another pod
   */
  PodProbe(ProbeRequest request, PodRecorder recorder, Executor writer) {
    this.request = request;
    this.recorder = recorder;
    this.writer = writer;
  }

  /**
   * Holds records and the outcome until {@link #release}: probing starts the moment ADD returns,
   * before the shim has recorded the ADD, and the log must still show ADD first.
   */
  synchronized void hold() {
    holding = true;
  }

  /**
   * The ADD is recorded, with the pod's IP: writes what was held, in order, and records from now
   * on.
   */
  synchronized void release(String podIp) {
    if (request.podIp() == null) {
      request = request.withPodIp(podIp);
    }
    holding = false;
    List<Runnable> records = List.copyOf(held);
    held.clear();
    writer.execute(() -> records.forEach(Runnable::run));
  }

  private void emit(Runnable record) {
    if (holding) {
      held.add(record);
    } else {
      writer.execute(record);
    }
  }

  ProbeRequest request() {
    return request;
  }

  CompletableFuture<ProbeOutcome> outcome() {
    return outcome;
  }

  /** Whether every class has settled (the outcome may still be held). */
  synchronized boolean settledAll() {
    return cancelled || (!open.isEmpty() && probes.size() + failures.size() >= open.size());
  }

  /** Declares the classes and how many checks each needs; classes with none are settled now. */
  synchronized void plan(Map<String, Integer> checksPerClass) {
    open.putAll(checksPerClass);
    finishIfSettled();
  }

  /** Probing began (the checks' deadlines count from here); the wait before it is recorded. */
  synchronized void started(long nanos) {
    startedNanos = nanos;
  }

  /** What to do when the pod is cancelled (release its sockets on the loop). */
  synchronized void onCancel(Runnable action) {
    if (cancelled) {
      action.run();
    } else {
      onCancel = action;
    }
  }

  synchronized boolean cancelled() {
    return cancelled;
  }

  private boolean settled(String cls) {
    return cancelled || probes.containsKey(cls) || failures.containsKey(cls);
  }

  /** A check of {@code cls} was answered; times on the {@link System#nanoTime()} scale. */
  synchronized void checkSucceeded(String cls, long sent, long arrival, long read) {
    checkSucceeded(cls, CheckAnswer.at(sent, arrival, read));
  }

  /** A check of {@code cls} was answered. */
  synchronized void checkSucceeded(String cls, CheckAnswer answer) {
    if (settled(cls)) {
      return;
    }
    CheckAnswer t = answered.merge(cls, answer, CheckAnswer::latest);
    int left = open.merge(cls, -1, Integer::sum);
    if (left == 0) {
      long addEnd = request.addEndNanos();
      Duration d = since(addEnd, t.sent());
      probes.put(cls, d);
      ProbeTimes times =
          new ProbeTimes(
              d,
              since(addEnd, t.arrival()),
              since(addEnd, t.read()),
              since(addEnd, t.firstAttempt()),
              t.unanswered(),
              Duration.ofNanos(t.lateNanos()));
      emit(
          () ->
              recorder.probeSucceeded(
                  request.pod(), request.podIp(), request.attempt(), cls, times));
      finishIfSettled();
    }
  }

  synchronized void checkFailed(String cls, String detail) {
    if (settled(cls)) {
      return;
    }
    failures.put(cls, detail);
    Duration waited = waited();
    emit(
        () ->
            recorder.probeFailed(
                request.pod(), request.podIp(), request.attempt(), cls, detail, waited));
    finishIfSettled();
  }

  /** Fails every class that has not settled (targets never came, the namespace is unusable). */
  synchronized void failAll(Iterable<String> classes, String detail) {
    for (String cls : classes) {
      open.putIfAbsent(cls, 1);
    }
    for (String cls : classes) {
      checkFailed(cls, detail);
    }
  }

  /** Stops recording and releases the pod's sockets. */
  synchronized void cancel() {
    if (cancelled || outcome.isDone()) {
      return;
    }
    cancelled = true;
    finished = true;
    held.clear();
    outcome.complete(new ProbeOutcome(false, null, probes, failures, true, 0));
    onCancel.run();
  }

  private Duration waited() {
    return startedNanos == 0 ? null : since(request.addEndNanos(), startedNanos);
  }

  private void finishIfSettled() {
    if (finished || probes.size() + failures.size() < open.size()) {
      return;
    }
    finished = true;
    Duration ready = null;
    long last = 0;
    if (failures.isEmpty()) {
      last =
          answered.values().stream()
              .mapToLong(CheckAnswer::sent)
              .max()
              .orElse(request.addEndNanos());
      ready = since(request.firstAttemptStartNanos(), last);
      Duration r = ready;
      Duration waited = waited();
      emit(
          () ->
              recorder.networkReady(request.pod(), request.podIp(), request.attempt(), r, waited));
    }
    ProbeOutcome done = new ProbeOutcome(ready != null, ready, probes, failures, false, last);
    emit(() -> outcome.complete(done));
  }

  private static Duration since(long from, long to) {
    return Duration.ofNanos(Math.max(0, to - from));
  }
}
