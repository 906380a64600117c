package dev.netmark.shim.traffic;

import dev.netmark.shim.records.PodRef;
import java.nio.file.Path;
import java.util.Objects;

/**
 * StartContainer of a netperf container whose command {@link TrafficParser#parse parsed}.
 *
 * @param pod the pod
 * @param containerId the container, for log lines and the run's identity
 * @param netns the pod's network namespace file
 * @param podIp the pod's IP
 * @param attempt the pod's successful ADD attempt
 * @param command what to run
 */
public record TrafficRequest(
    PodRef pod, String containerId, Path netns, String podIp, int attempt, TrafficCommand command) {
  public TrafficRequest {
    Objects.requireNonNull(pod, "pod");
    Objects.requireNonNull(containerId, "containerId");
    Objects.requireNonNull(netns, "netns");
    Objects.requireNonNull(command, "command");
  }
}
