package dev.netmark.engine.measurement.builtin;

import dev.netmark.api.NetmarkException;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.dsl.Informable;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/** Waits for a condition over watched objects: an informer wakes the waiter, no polling. */
final class Await {
  private Await() {}

  /**
   * Waits until {@code missing} of the informer's current objects is empty.
   *
   * @param source the objects to watch
   * @param missing what is still missing given the current objects, a short text per item
   * @param what what is awaited, for the timeout message
   * @throws NetmarkException on timeout naming how many are missing and a few of them
   */
  static <T extends HasMetadata> void until(
      Informable<T> source, Function<List<T>, List<String>> missing, Duration timeout, String what)
      throws InterruptedException {
    Object signal = new Object();
    ResourceEventHandler<T> wake =
        new ResourceEventHandler<>() {
          @Override
          public void onAdd(T obj) {
            wake(signal);
          }

          @Override
          public void onUpdate(T oldObj, T newObj) {
            wake(signal);
          }

          @Override
          public void onDelete(T obj, boolean deletedFinalStateUnknown) {
            wake(signal);
          }
        };
    long deadline = System.nanoTime() + timeout.toNanos();
    try (SharedIndexInformer<T> informer = source.inform(wake)) {
      List<String> left = missing.apply(informer.getStore().list());
      while (!left.isEmpty()) {
        long waitMs = (deadline - System.nanoTime()) / 1_000_000;
        if (waitMs <= 0) {
          throw new NetmarkException(
              "timed out after "
                  + timeout
                  + " waiting for "
                  + what
                  + ": "
                  + left.size()
                  + " not ready, e.g. "
                  + String.join(", ", left.subList(0, Math.min(5, left.size()))));
        }
        synchronized (signal) {
          // Bounded wait: a notification between the check and this wait is caught next round.
          signal.wait(Math.min(waitMs, 1000));
        }
        left = missing.apply(informer.getStore().list());
      }
    }
  }

  private static void wake(Object signal) {
    synchronized (signal) {
      signal.notifyAll();
    }
  }
}
