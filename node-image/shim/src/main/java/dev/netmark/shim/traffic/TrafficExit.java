package dev.netmark.shim.traffic;

/**
 * How a traffic run ended, for the container status.
 *
 * @param exitCode the tool's exit code; {@link #NOT_RUN} when it never ran, {@link #KILLED} when it
 *     hit its time limit or was stopped
 * @param startedWallMs when the tool started (epoch ms), or 0 when it never ran
 * @param finishedWallMs when it ended or was given up (epoch ms)
 * @param reason null on exit code 0, else why (refusal, readiness failure, stderr tail, timeout)
 */
public record TrafficExit(int exitCode, long startedWallMs, long finishedWallMs, String reason) {
  /** Exit code when the command never started (the {@code 126} of shells: cannot execute). */
  public static final int NOT_RUN = 126;

  /** Exit code when the run was killed (time limit, StopContainer): {@code 128 + SIGKILL}. */
  public static final int KILLED = 137;

  /** This exit with another reason. */
  TrafficExit because(String why) {
    return new TrafficExit(exitCode, startedWallMs, finishedWallMs, why);
  }
}
