package dev.netmark.testing.local;

import dev.netmark.testing.local.kubelet.Backoff;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * When a dead shim is started again (docs/design.md, "Local mode"): after a back-off that doubles
 * with each restart of the node in the last minute, and not at all once it was restarted {@code
 * perMinute} times within a minute: a node that keeps dying is down, as a real node in a crash loop
 * would be.
 *
 * @param backoff the delay before the first restart of a minute, doubling per restart in it
 * @param perMinute the most restarts of one node within any minute
 */
public record RestartPolicy(Backoff backoff, int perMinute) {
  static final Duration WINDOW = Duration.ofMinutes(1);

  /** 200 ms doubling to 5 s, at most 5 restarts a minute. */
  public static final RestartPolicy DEFAULT =
      new RestartPolicy(new Backoff(Duration.ofMillis(200), Duration.ofSeconds(5)), 5);

  public RestartPolicy {
    if (perMinute < 1) {
      throw new IllegalArgumentException("restarts per minute must be >= 1, found " + perMinute);
    }
  }

  /**
   * The delay before restarting a shim that died at {@code now}, or empty when the node had its
   * {@code perMinute} restarts already.
   *
   * @param restarts when the node's earlier restarts happened, oldest first
   */
  Optional<Duration> next(List<Instant> restarts, Instant now) {
    long recent = restarts.stream().filter(t -> t.isAfter(now.minus(WINDOW))).count();
    if (recent >= perMinute) {
      return Optional.empty();
    }
    return Optional.of(backoff.delay((int) recent + 1));
  }
}
