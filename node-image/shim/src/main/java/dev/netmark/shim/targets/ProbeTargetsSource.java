package dev.netmark.shim.targets;

import dev.netmark.contract.ProbeTargets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

/**
 * Where the prober and the traffic model read the current probe targets. Pods may be created before
 * the engine's ConfigMap reaches this node, so callers can wait for the first valid version.
 */
public interface ProbeTargetsSource {
  /** The latest valid targets, or empty while none has been seen. */
  Optional<ProbeTargets> current();

  /**
   * The latest valid targets, waiting up to {@code timeout} for the first one.
   *
   * @throws TimeoutException when none arrived in time
   * @throws InterruptedException when the waiting thread is interrupted
   */
  ProbeTargets awaitFirst(Duration timeout) throws InterruptedException, TimeoutException;
}
