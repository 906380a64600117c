package dev.netmark.shim.app;

import dev.netmark.shim.records.PodRef;
import java.nio.file.Path;
import java.util.Objects;

/**
 * StartContainer of a netperf container whose command is {@code netmark-serve} or {@code
 * netmark-call}.
 *
 * @param pod the pod
 * @param containerId the container
 * @param netns the pod's network namespace file
 * @param podIp the pod's IP
 * @param attempt the pod's successful ADD attempt
 * @param tier the pod's tier (label {@code netmark.dev/tier}), or empty
 * @param command what to serve or call
 */
public record AppRequest(
    PodRef pod,
    String containerId,
    Path netns,
    String podIp,
    int attempt,
    String tier,
    AppCommand command) {
  public AppRequest {
    Objects.requireNonNull(pod, "pod");
    Objects.requireNonNull(containerId, "containerId");
    Objects.requireNonNull(netns, "netns");
    Objects.requireNonNull(command, "command");
    tier = tier == null ? "" : tier;
  }
}
