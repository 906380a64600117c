package dev.netmark.testing.local.fabric;

import dev.netmark.testing.local.host.HostException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Undo steps in the order things were created, run last-first. Every step runs even when an earlier
 * one failed, so a failure in teardown does not leave the rest behind; the failures are reported
 * together at the end.
 */
final class Teardown {
  /** An undo step. */
  interface Action {
    void run() throws Exception;
  }

  /** A registered step; pass it to {@link #done} when the thing was removed early. */
  record Step(String what, Action action) {}

  private final Deque<Step> steps = new ArrayDeque<>();

  synchronized Step add(String what, Action action) {
    Step s = new Step(what, action);
    steps.push(s);
    return s;
  }

  /** Forgets a step whose thing was already removed. */
  synchronized void done(Step step) {
    steps.remove(step);
  }

  /**
   * Runs and forgets every step, newest first.
   *
   * @throws HostException listing every step that failed, the first failure as cause
   */
  void runAll() throws InterruptedException {
    List<String> failures = new ArrayList<>();
    Exception first = null;
    boolean interrupted = false;
    while (true) {
      Step s;
      synchronized (this) {
        s = steps.poll();
      }
      if (s == null) {
        break;
      }
      try {
        s.action().run();
      } catch (InterruptedException e) {
        // Finish tearing down first; the interrupt is re-raised below.
        interrupted = true;
      } catch (Exception e) {
        failures.add(s.what() + ": " + e.getMessage());
        first = first == null ? e : first;
      }
    }
    if (interrupted) {
      throw new InterruptedException("interrupted during teardown");
    }
    if (!failures.isEmpty()) {
      throw new HostException(
          "teardown left problems:\n  - " + String.join("\n  - ", failures), first);
    }
  }
}
