package dev.netmark.shim.app;

import dev.netmark.contract.RequestStats;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * One client pod's requests on one edge, by the wall-clock second in which each was sent. A
 * second's {@link RequestStats} is emitted once the second is over and every request sent in it has
 * finished; a request finished twice (a reply after its timeout) counts once; at {@link #stop} the
 * requests still open finish as {@code stopped} and every second is emitted. Loop thread only.
 */
final class RequestSeconds {
  /** One request in flight. */
  static final class Ticket {
    private final Second second;
    private final String target;
    private boolean finished;

    private Ticket(Second second, String target) {
      this.second = second;
      this.target = target;
    }

    boolean finished() {
      return finished;
    }
  }

  private static final class Second {
    final long startMs;
    final Set<Ticket> open = Collections.newSetFromMap(new IdentityHashMap<>());
    final List<Double> latencies = new ArrayList<>();
    final Map<String, Integer> errors = new LinkedHashMap<>();
    final Map<String, Integer> errorTargets = new LinkedHashMap<>();
    int requests;
    int answered;

    Second(long startMs) {
      this.startMs = startMs;
    }
  }

  private final String edge;
  private final String protocol;
  private final String via;
  private final Consumer<RequestStats> sink;
  private final Random random;
  private final TreeMap<Long, Second> seconds = new TreeMap<>();
  private boolean stopped;

  RequestSeconds(CallCommand call, Consumer<RequestStats> sink, Random random) {
    this.edge = call.edge();
    this.protocol = call.protocol();
    this.via = call.via();
    this.sink = sink;
    this.random = random;
  }

  /**
   * A request sent at {@code wallMs} to {@code target} (an address; null when nothing could be
   * resolved). After {@link #stop} requests are not counted: the ticket is finished already.
   */
  Ticket sent(long wallMs, String target) {
    long startMs = Math.floorDiv(wallMs, 1000) * 1000;
    if (stopped) {
      // A second of its own, outside the map: nothing is emitted after stop.
      Ticket t = new Ticket(new Second(startMs), target);
      t.finished = true;
      return t;
    }
    Second s = seconds.computeIfAbsent(startMs, Second::new);
    Ticket t = new Ticket(s, target);
    s.requests++;
    s.open.add(t);
    return t;
  }

  void answered(Ticket t, double latencyMs, long nowMs) {
    if (finish(t)) {
      Second s = t.second;
      s.answered++;
      if (s.latencies.size() < RequestStats.MAX_SAMPLES) {
        s.latencies.add(latencyMs);
      } else {
        // Reservoir sampling keeps a uniform sample of every answered latency of the second.
        int j = random.nextInt(s.answered);
        if (j < RequestStats.MAX_SAMPLES) {
          s.latencies.set(j, latencyMs);
        }
      }
      flush(nowMs);
    }
  }

  void failed(Ticket t, String cause, long nowMs) {
    if (!RequestStats.CAUSES.contains(cause)) {
      throw new IllegalArgumentException("unknown cause " + cause);
    }
    if (finish(t)) {
      t.second.errors.merge(cause, 1, Integer::sum);
      if (t.target != null) {
        t.second.errorTargets.merge(t.target, 1, Integer::sum);
      }
      flush(nowMs);
    }
  }

  private static boolean finish(Ticket t) {
    if (t.finished) {
      return false;
    }
    t.finished = true;
    t.second.open.remove(t);
    return true;
  }

  /** Emits every second that ended by {@code nowMs} with no request open. */
  void flush(long nowMs) {
    Iterator<Second> it = seconds.values().iterator();
    while (it.hasNext()) {
      Second s = it.next();
      if (s.startMs + 1000 > nowMs) {
        return;
      }
      if (s.open.isEmpty()) {
        it.remove();
        emit(s);
      }
    }
  }

  /** Requests still open finish as {@code stopped}; every second is emitted now. */
  void stop(long nowMs) {
    stopped = true;
    for (Second s : seconds.values()) {
      for (Ticket t : List.copyOf(s.open)) {
        failed(t, "stopped", Long.MIN_VALUE);
      }
    }
    seconds.values().forEach(this::emit);
    seconds.clear();
  }

  /** Seconds held until they can be emitted: none once stopped. */
  int heldSeconds() {
    return seconds.size();
  }

  /** Requests sent and not finished. */
  int openRequests() {
    return seconds.values().stream().mapToInt(s -> s.open.size()).sum();
  }

  private void emit(Second s) {
    if (s.requests > 0) {
      sink.accept(
          new RequestStats(
              edge,
              protocol,
              via,
              s.startMs,
              s.requests,
              s.latencies,
              s.answered,
              s.errors,
              s.errorTargets));
    }
  }
}
