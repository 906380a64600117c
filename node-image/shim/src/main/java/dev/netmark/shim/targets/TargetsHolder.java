package dev.netmark.shim.targets;

import dev.netmark.contract.ProbeTargets;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A {@link ProbeTargetsSource} that holds what a watcher or a file last delivered. Thread-safe. */
public final class TargetsHolder implements ProbeTargetsSource {
  private ProbeTargets current;

  /** Replaces the current targets (already validated) and wakes every waiter. */
  public synchronized void update(ProbeTargets targets) {
    current = Objects.requireNonNull(targets, "targets");
    notifyAll();
  }

  @Override
  public synchronized Optional<ProbeTargets> current() {
    return Optional.ofNullable(current);
  }

  @Override
  public synchronized ProbeTargets awaitFirst(Duration timeout)
      throws InterruptedException, TimeoutException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (current == null) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new TimeoutException(
            "no probe targets after "
                + timeout.toMillis()
                + " ms: is the ConfigMap "
                + ProbeTargets.NAMESPACE
                + "/"
                + ProbeTargets.CONFIGMAP_NAME
                + " published and valid?");
      }
      TimeUnit.NANOSECONDS.timedWait(this, left);
    }
    return current;
  }
}
