package dev.netmark.engine.kube;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.UUID;

/**
 * What {@link PodTracker} keeps of one pod: identity, phase, node and the timestamps of its
 * startup, as epoch milliseconds (0 = not yet). No Pod objects are kept.
 *
 * @param uidHigh high 64 bits of the pod UID
 * @param uidLow low 64 bits of the pod UID
 * @param namespace the namespace (shared string)
 * @param name the pod name
 * @param node the node it is bound to (shared string), or null
 * @param phase the pod phase
 * @param createdMillis {@code metadata.creationTimestamp} (second precision on real API servers)
 * @param scheduledMillis the {@code PodScheduled} condition turning true
 * @param runningMillis the latest container {@code state.running.startedAt}
 * @param firstSeenMillis when this tracker first saw the pod (local clock, watch receipt)
 * @param watchScheduledMillis when this tracker first saw it bound to a node (local clock)
 * @param watchRunningMillis when this tracker first saw it Running (local clock)
 * @param deletedMillis deletion requested ({@code deletionTimestamp}) or seen deleted
 */
public record PodState(
    long uidHigh,
    long uidLow,
    String namespace,
    String name,
    String node,
    Phase phase,
    long createdMillis,
    long scheduledMillis,
    long runningMillis,
    long firstSeenMillis,
    long watchScheduledMillis,
    long watchRunningMillis,
    long deletedMillis) {

  /** Pod phases as the API reports them. */
  public enum Phase {
    PENDING,
    RUNNING,
    SUCCEEDED,
    FAILED,
    UNKNOWN;

    static Phase of(String apiPhase) {
      return apiPhase == null
          ? PENDING
          : switch (apiPhase) {
            case "Pending" -> PENDING;
            case "Running" -> RUNNING;
            case "Succeeded" -> SUCCEEDED;
            case "Failed" -> FAILED;
            default -> UNKNOWN;
          };
    }
  }

  /** The pod UID in its usual text form. */
  public String uid() {
    return new UUID(uidHigh, uidLow).toString();
  }

  public boolean deleted() {
    return deletedMillis != 0;
  }

  /**
   * The state after observing {@code pod} at {@code now}, merged with what was known of the same
   * pod (same UID) before: first-seen times are kept, later facts fill in.
   *
   * @param before the previous state of this namespace/name, or null
   */
  static PodState observe(Pod pod, PodState before, long now, Interner interner) {
    UUID uid =
        uuid(
            pod.getMetadata().getUid(),
            pod.getMetadata().getNamespace(),
            pod.getMetadata().getName());
    PodState prev =
        before != null
                && before.uidHigh == uid.getMostSignificantBits()
                && before.uidLow == uid.getLeastSignificantBits()
            ? before
            : null;
    Phase phase = Phase.of(pod.getStatus() == null ? null : pod.getStatus().getPhase());
    String node = pod.getSpec() == null ? null : pod.getSpec().getNodeName();
    return new PodState(
        uid.getMostSignificantBits(),
        uid.getLeastSignificantBits(),
        interner.intern(pod.getMetadata().getNamespace()),
        prev != null ? prev.name : pod.getMetadata().getName(),
        node == null ? null : interner.intern(node),
        phase,
        millis(pod.getMetadata().getCreationTimestamp()),
        first(prev == null ? 0 : prev.scheduledMillis, scheduled(pod)),
        Math.max(prev == null ? 0 : prev.runningMillis, running(pod)),
        prev == null ? now : prev.firstSeenMillis,
        first(
            prev == null ? 0 : prev.watchScheduledMillis,
            node != null || scheduled(pod) != 0 ? now : 0),
        first(prev == null ? 0 : prev.watchRunningMillis, phase == Phase.RUNNING ? now : 0),
        first(
            prev == null ? 0 : prev.deletedMillis,
            millis(pod.getMetadata().getDeletionTimestamp())));
  }

  /** This state, marked deleted at {@code now} unless already marked. */
  PodState deletedAt(long now) {
    return deletedMillis != 0
        ? this
        : new PodState(
            uidHigh,
            uidLow,
            namespace,
            name,
            node,
            phase,
            createdMillis,
            scheduledMillis,
            runningMillis,
            firstSeenMillis,
            watchScheduledMillis,
            watchRunningMillis,
            now);
  }

  private static long scheduled(Pod pod) {
    if (pod.getStatus() == null || pod.getStatus().getConditions() == null) {
      return 0;
    }
    for (PodCondition c : pod.getStatus().getConditions()) {
      if ("PodScheduled".equals(c.getType()) && "True".equals(c.getStatus())) {
        return millis(c.getLastTransitionTime());
      }
    }
    return 0;
  }

  private static long running(Pod pod) {
    long latest = 0;
    if (pod.getStatus() != null && pod.getStatus().getContainerStatuses() != null) {
      for (ContainerStatus c : pod.getStatus().getContainerStatuses()) {
        if (c.getState() != null && c.getState().getRunning() != null) {
          latest = Math.max(latest, millis(c.getState().getRunning().getStartedAt()));
        }
      }
    }
    return latest;
  }

  private static long first(long known, long seen) {
    return known != 0 ? known : seen;
  }

  private static long millis(String timestamp) {
    if (timestamp == null || timestamp.isEmpty()) {
      return 0;
    }
    try {
      return Instant.parse(timestamp).toEpochMilli();
    } catch (DateTimeParseException e) {
      // A malformed timestamp is as good as none for latency: the phase is simply not known.
      return 0;
    }
  }

  private static UUID uuid(String uid, String namespace, String name) {
    if (uid != null) {
      try {
        return UUID.fromString(uid);
      } catch (IllegalArgumentException e) {
        // Not a UUID (some test servers): fall through to a stable name-based one.
      }
    }
    return UUID.nameUUIDFromBytes(
        (namespace + "/" + name + "/" + uid).getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }
}
