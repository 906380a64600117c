package dev.netmark.shim.probe;

import dev.netmark.shim.records.PodRef;
import java.nio.file.Path;
import java.util.Objects;

/**
 * What the prober needs after a successful CNI ADD.
 *
 * @param pod the pod
 * @param netns the pod's network namespace file (e.g. {@code /run/netns/NAME})
 * @param podIp the pod's IP from the CNI result; null for a pod whose probes start before that
 *     result is read ({@link Prober#startBeforeAddRecorded}), which {@link Prober#addRecorded}
 *     gives
 * @param attempt the ADD attempt that succeeded, from 1
 * @param firstAttemptStartNanos {@link System#nanoTime()} at the start of the first ADD attempt for
 *     this pod UID (start of {@code network_ready})
 * @param addEndNanos {@link System#nanoTime()} when the successful ADD returned (start of every
 *     {@code probe_<target>})
 */
public record ProbeRequest(
    PodRef pod,
    Path netns,
    String podIp,
    int attempt,
    long firstAttemptStartNanos,
    long addEndNanos) {
  public ProbeRequest {
    Objects.requireNonNull(pod, "pod");
    Objects.requireNonNull(netns, "netns");
    if (addEndNanos - firstAttemptStartNanos < 0) {
      throw new IllegalArgumentException(
          "pod " + pod + ": ADD end is before the first attempt's start");
    }
  }

  /** The same request with the pod's IP. */
  ProbeRequest withPodIp(String ip) {
    return new ProbeRequest(pod, netns, ip, attempt, firstAttemptStartNanos, addEndNanos);
  }
}
