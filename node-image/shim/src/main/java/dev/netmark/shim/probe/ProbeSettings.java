package dev.netmark.shim.probe;

import java.time.Duration;

/**
 * Node-local limits of the prober (the probe policy itself comes with the targets).
 *
 * @param maxConcurrentPods pods probed at once; more wait in FIFO order (their wait counts in their
 *     probe times, since the clock starts at ADD end)
 * @param targetsWait how long a pod waits for the first probe targets before its classes fail
 */
public record ProbeSettings(int maxConcurrentPods, Duration targetsWait) {
  public ProbeSettings {
    if (maxConcurrentPods < 1) {
      throw new IllegalArgumentException(
          "maxConcurrentPods must be >= 1, found " + maxConcurrentPods);
    }
  }

  /** 64 pods at once, 60 s for the targets. */
  public static ProbeSettings defaults() {
    return new ProbeSettings(64, Duration.ofSeconds(60));
  }
}
