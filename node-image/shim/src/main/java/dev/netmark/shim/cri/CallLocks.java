package dev.netmark.shim.cri;

import dev.netmark.shim.cni.KeyedLocks;
import io.grpc.Status;
import io.grpc.StatusException;

/**
 * The CRI handlers' locks, one per pod UID or sandbox id: calls about one pod run one at a time,
 * calls about different pods never wait for each other. A wait cut short (the shim stopping)
 * answers CANCELLED.
 */
final class CallLocks {
  private final KeyedLocks locks = new KeyedLocks();

  /**
   * Waits for {@code key}'s lock; close the handle to release it.
   *
   * @param call the CRI call waiting, for the error
   */
  KeyedLocks.Handle lock(String key, String call) throws StatusException {
    try {
      return locks.lock(key);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw Statuses.error(Status.CANCELLED, call + ": interrupted waiting for " + key);
    }
  }
}
