package dev.netmark.testing.local.kubelet;

import java.time.Instant;

/**
 * What kubelet knows about one started container, for the pod status.
 *
 * @param name the container's name
 * @param image its image
 * @param containerId the runtime's id, as {@code RUNTIME://ID}
 * @param startedAt when it started
 * @param exitCode its exit code once it exited, else null
 * @param finishedAt when it exited, else null
 * @param message the runtime's message about the exit (e.g. a refused traffic command), or null
 */
record ContainerRun(
    String name,
    String image,
    String containerId,
    Instant startedAt,
    Integer exitCode,
    Instant finishedAt,
    String message) {

  boolean exited() {
    return exitCode != null;
  }

  /** This container after it exited. */
  ContainerRun exited(int code, Instant at, String why) {
    return new ContainerRun(name, image, containerId, startedAt, code, at, why);
  }
}
