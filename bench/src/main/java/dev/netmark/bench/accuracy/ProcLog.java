package dev.netmark.bench.accuracy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The kernel's process events of a run, by pid, and the life of one process found among them. Pids
 * are reused, so a process is found from a moment it is known to have been alive (the front door's
 * own CLOCK_MONOTONIC stamp): its creation is the last fork of that pid before that moment and its
 * exit the first exit after it, and neither counts if the pid died or was created again in between
 * (an event of this very process was missed and another process's would be taken for it).
 * Thread-safe: the connector's reader adds while the benchmark looks up.
 */
final class ProcLog {
  private final Map<Integer, List<ProcEvent>> byPid = new HashMap<>();
  private long overruns;

  /**
   * A process's life on CLOCK_MONOTONIC.
   *
   * @param forkNs its creation (the clone of {@code posix_spawn} or {@code fork})
   * @param execNs its exec of its program, or -1 if none was seen between creation and the stamp
   * @param exitNs its exit: after its memory and descriptors were released and its parent told
   */
  record Life(long forkNs, long execNs, long exitNs) {
    /** Creation to exit, in ms. */
    double millis() {
      return (exitNs - forkNs) / 1e6;
    }
  }

  synchronized void add(ProcEvent.Batch batch) {
    for (ProcEvent e : batch.events()) {
      byPid.computeIfAbsent(e.pid(), p -> new ArrayList<>()).add(e);
    }
    overruns += batch.overruns();
  }

  /** Counts a receive buffer that overflowed (ENOBUFS): events were lost. */
  synchronized void overrun() {
    overruns++;
  }

  /** How many times events were lost (ENOBUFS or NLMSG_OVERRUN) so far. */
  synchronized long overruns() {
    return overruns;
  }

  /** Drops the events before {@code ns}, which no later lookup needs. */
  synchronized void forgetBefore(long ns) {
    for (Iterator<List<ProcEvent>> it = byPid.values().iterator(); it.hasNext(); ) {
      List<ProcEvent> events = it.next();
      events.removeIf(e -> e.timestampNs() < ns);
      if (events.isEmpty()) {
        it.remove();
      }
    }
  }

  /**
   * The life of process {@code pid}, which was alive at {@code aliveNs}; empty if its creation or
   * its exit was not seen (not yet, or lost).
   */
  synchronized Optional<Life> life(int pid, long aliveNs) {
    ProcEvent fork = null;
    ProcEvent exec = null;
    ProcEvent exit = null;
    // By the kernel's stamps: one pid's events are sent in the order they happened, but cheap to
    // be sure of.
    List<ProcEvent> events = new ArrayList<>(byPid.getOrDefault(pid, List.of()));
    events.sort(java.util.Comparator.comparingLong(ProcEvent::timestampNs));
    for (ProcEvent e : events) {
      if (e.timestampNs() <= aliveNs) {
        switch (e.kind()) {
          case FORK -> {
            fork = e;
            exec = null;
          }
          case EXEC -> exec = e;
          case EXIT -> fork = null; // an earlier process with this pid, dead before aliveNs
        }
      } else if (e.kind() == ProcEvent.Kind.EXIT) {
        exit = e;
        break;
      } else if (e.kind() == ProcEvent.Kind.FORK) {
        break; // created again before an exit was seen: this process's exit was lost
      }
    }
    if (fork == null || exit == null) {
      return Optional.empty();
    }
    return Optional.of(
        new Life(fork.timestampNs(), exec == null ? -1 : exec.timestampNs(), exit.timestampNs()));
  }
}
