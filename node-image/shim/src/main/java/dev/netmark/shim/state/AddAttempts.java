package dev.netmark.shim.state;

import java.time.Duration;

/**
 * CNI ADD attempts of one pod UID since its first attempt, so {@code cni_add_total} and {@code
 * network_ready} span kubelet's retries, and a shim restart in between.
 *
 * @param uid the pod UID
 * @param attempts how many ADD attempts have started
 * @param firstStartNanos {@link System#nanoTime()} at the start of the first attempt
 * @param firstStartWallMs wall clock at the same moment, epoch milliseconds
 * @param bootId the kernel boot id then; {@code nanoTime} values compare only within one boot
 * @param inFlight the sandbox the latest attempt creates, stored before its namespace and ADD and
 *     cleared once that attempt is stored or undone; null when none is in flight
 */
public record AddAttempts(
    String uid,
    int attempts,
    long firstStartNanos,
    long firstStartWallMs,
    String bootId,
    InFlight inFlight) {
  /**
   * The sandbox an ADD attempt is creating: what a restarted shim needs to undo an ADD that its
   * predecessor died in the middle of (CNI DEL, then the namespace goes).
   *
   * @param sandbox the sandbox id (the CNI container id)
   * @param netns the path of its network namespace
   * @param podNamespace the pod's namespace, for {@code CNI_ARGS}
   * @param podName the pod's name, for {@code CNI_ARGS}
   */
  public record InFlight(String sandbox, String netns, String podNamespace, String podName) {}

  public AddAttempts {
    if (!PodIdentity.isValidUid(uid)) {
      throw new IllegalArgumentException("invalid pod uid '" + uid + "'");
    }
  }

  /** The first attempt, starting now. */
  public static AddAttempts first(String uid, long nowNanos, long nowWallMs, String bootId) {
    return new AddAttempts(uid, 1, nowNanos, nowWallMs, bootId, null);
  }

  /** One more attempt. */
  public AddAttempts next() {
    return new AddAttempts(uid, attempts + 1, firstStartNanos, firstStartWallMs, bootId, inFlight);
  }

  /** The same attempts with {@code f} in flight (null: none). */
  public AddAttempts withInFlight(InFlight f) {
    return new AddAttempts(uid, attempts, firstStartNanos, firstStartWallMs, bootId, f);
  }

  /**
   * The {@link System#nanoTime()} at which the first attempt started, as seen by this process.
   * Linux's {@code nanoTime} is CLOCK_MONOTONIC, shared by every process of one boot, so a value
   * saved by an earlier shim still holds; after a reboot the wall clock stands in.
   */
  public long firstStartNanosNow(long nowNanos, long nowWallMs, String currentBootId) {
    if (bootId.equals(currentBootId) && nowNanos - firstStartNanos >= 0) {
      return firstStartNanos;
    }
    long sinceMs = Math.max(0, nowWallMs - firstStartWallMs);
    return nowNanos - Duration.ofMillis(sinceMs).toNanos();
  }
}
