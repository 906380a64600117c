package dev.netmark.shim.probe;

import java.time.Duration;

/**
 * Node-local settings of the prober (the probe policy itself comes with the targets).
 *
 * @param targetsWait how long a pod waits for the first probe targets before its classes fail
 */
public record ProbeSettings(Duration targetsWait) {
  /** 60 s for the targets. */
  public static ProbeSettings defaults() {
    return new ProbeSettings(Duration.ofSeconds(60));
  }
}
