package dev.netmark.measurements.network;

import dev.netmark.api.Durations;
import dev.netmark.api.Params;
import java.util.ArrayList;
import java.util.List;

/**
 * How {@code PodFlux} splits its window: {@code phases: N} gives N equal phases (default 3), {@code
 * phases: [30s, 2m]} gives phases that start at those offsets from {@code start}.
 *
 * @param equal the number of equal phases, or 0 when {@code boundariesMs} are given
 * @param boundariesMs offsets from start where a new phase begins, ascending
 */
record Phases(int equal, List<Long> boundariesMs) {
  static final int DEFAULT = 3;
  static final int MAX = 100;

  static Phases parse(Params params) {
    Object raw = params.asMap().get("phases");
    if (raw == null) {
      return new Phases(DEFAULT, List.of());
    }
    if (raw instanceof List<?> list) {
      List<Long> bounds = new ArrayList<>();
      for (int i = 0; i < list.size(); i++) {
        long ms;
        try {
          ms = Durations.parse(String.valueOf(list.get(i))).toMillis();
        } catch (IllegalArgumentException e) {
          throw params.error("phases[" + i + "]", e.getMessage());
        }
        if (ms <= 0 || (!bounds.isEmpty() && ms <= bounds.getLast())) {
          throw params.error(
              "phases[" + i + "]", "boundaries must be positive and increasing, found " + list);
        }
        bounds.add(ms);
      }
      if (bounds.isEmpty()) {
        throw params.error(
            "phases", "expected a number of phases or a list of boundaries, found []");
      }
      return new Phases(0, List.copyOf(bounds));
    }
    long n = params.integer("phases", DEFAULT);
    if (n < 1 || n > MAX) {
      throw params.error("phases", "expected 1 to " + MAX + " phases, found " + n);
    }
    return new Phases((int) n, List.of());
  }

  /** Phase edges in epoch ms: phase i is {@code [edges[i], edges[i+1])}, the last one closed. */
  long[] edges(long startMs, long gatherMs) {
    int count = equal > 0 ? equal : boundariesMs.size() + 1;
    long[] edges = new long[count + 1];
    edges[0] = startMs;
    edges[count] = gatherMs;
    for (int i = 1; i < count; i++) {
      edges[i] =
          equal > 0
              ? startMs + (gatherMs - startMs) * i / equal
              : startMs + boundariesMs.get(i - 1);
    }
    return edges;
  }

  /**
   * The phase of a time; times outside the window (node clocks ahead of or behind the engine's) go
   * to the first or last phase.
   */
  static int index(long[] edges, long wallMs) {
    int last = edges.length - 2;
    for (int i = 0; i < last; i++) {
      if (wallMs < edges[i + 1]) {
        return i;
      }
    }
    return last;
  }
}
