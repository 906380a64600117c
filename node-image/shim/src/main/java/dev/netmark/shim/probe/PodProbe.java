package dev.netmark.shim.probe;

import dev.netmark.shim.metrics.PodRecorder;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The probing state of one pod: which checks of which class are still open, and the events to
 * record as classes settle. Check loops call in from their own threads; all state changes are
 * synchronized and nothing is recorded once the pod is cancelled.
 */
final class PodProbe {
  private final ProbeRequest request;
  private final PodRecorder recorder;
  private final CompletableFuture<ProbeOutcome> outcome = new CompletableFuture<>();
  private final Map<String, Integer> open = new HashMap<>();
  private final Map<String, Long> lastSuccess = new HashMap<>();
  private final Map<String, Duration> probes = new LinkedHashMap<>();
  private final Map<String, String> failures = new LinkedHashMap<>();
  private boolean cancelled;
  private Runnable onFinish = () -> {};

  PodProbe(ProbeRequest request, PodRecorder recorder) {
    this.request = request;
    this.recorder = recorder;
  }

  ProbeRequest request() {
    return request;
  }

  CompletableFuture<ProbeOutcome> outcome() {
    return outcome;
  }

  /**
   * Sets what runs once when probing ends for any reason (releases the concurrency slot).
   *
   * @return false, without keeping the action, when probing has already ended
   */
  synchronized boolean onFinish(Runnable action) {
    if (outcome.isDone()) {
      return false;
    }
    this.onFinish = action;
    return true;
  }

  /** Declares the classes and how many checks each needs; classes with none are settled now. */
  synchronized void plan(Map<String, Integer> checksPerClass) {
    open.putAll(checksPerClass);
    finishIfSettled();
  }

  synchronized boolean settled(String cls) {
    return cancelled || probes.containsKey(cls) || failures.containsKey(cls);
  }

  synchronized boolean cancelled() {
    return cancelled;
  }

  synchronized void checkSucceeded(String cls, long nanos) {
    if (settled(cls)) {
      return;
    }
    lastSuccess.merge(cls, nanos, Math::max);
    int left = open.merge(cls, -1, Integer::sum);
    if (left == 0) {
      Duration d = Duration.ofNanos(lastSuccess.get(cls) - request.addEndNanos());
      probes.put(cls, d);
      recorder.probeSucceeded(request.pod(), request.podIp(), request.attempt(), cls, d);
      finishIfSettled();
    }
  }

  synchronized void checkFailed(String cls, String detail) {
    if (settled(cls)) {
      return;
    }
    failures.put(cls, detail);
    recorder.probeFailed(request.pod(), request.podIp(), request.attempt(), cls, detail);
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

  /** Stops recording; open check loops end at their next check of {@link #settled}. */
  synchronized void cancel() {
    if (cancelled || outcome.isDone()) {
      return;
    }
    cancelled = true;
    complete(null);
  }

  private void finishIfSettled() {
    if (outcome.isDone() || probes.size() + failures.size() < open.size()) {
      return;
    }
    Duration ready = null;
    if (failures.isEmpty()) {
      long last =
          lastSuccess.values().stream()
              .mapToLong(Long::longValue)
              .max()
              .orElse(request.addEndNanos());
      ready = Duration.ofNanos(last - request.firstAttemptStartNanos());
      recorder.networkReady(request.pod(), request.podIp(), request.attempt(), ready);
    }
    complete(ready);
  }

  private void complete(Duration ready) {
    outcome.complete(new ProbeOutcome(ready != null, ready, probes, failures, cancelled));
    onFinish.run();
  }
}
