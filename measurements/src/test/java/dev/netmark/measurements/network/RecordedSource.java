package dev.netmark.measurements.network;

import dev.netmark.api.MetricSource;
import dev.netmark.contract.PodEvent;
import dev.netmark.contract.PodEventCodec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Serves a recorded {@code /records} file like the direct source would: per node, events with
 * {@code seq >= cursor}, a small page per read (so readers must follow the cursor), only events up
 * to a wall-clock time (what the shims had written by then), and named nodes failing.
 */
final class RecordedSource implements MetricSource {
  private static final int PAGE = 2;
  private final Map<String, List<PodEvent>> byNode = new TreeMap<>();
  private final Map<String, String> failing = new HashMap<>();
  private long visibleBeforeMs = Long.MAX_VALUE;
  private int tails;
  private int readsFromStart;

  /** Loads {@code /<resource>} from the test classpath, one PodEvent per line. */
  static RecordedSource load(String resource) {
    RecordedSource s = new RecordedSource();
    try (InputStream in = RecordedSource.class.getResourceAsStream("/" + resource)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource " + resource);
      }
      new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .lines()
          .filter(l -> !l.isBlank())
          .map(PodEventCodec::fromJson)
          .forEach(e -> s.byNode.computeIfAbsent(e.node(), n -> new ArrayList<>()).add(e));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return s;
  }

  /** Serves the given events, each on its node, in the order given. */
  static RecordedSource of(List<PodEvent> events) {
    RecordedSource s = new RecordedSource();
    events.forEach(e -> s.byNode.computeIfAbsent(e.node(), n -> new ArrayList<>()).add(e));
    return s;
  }

  RecordedSource failing(String node, String why) {
    failing.put(node, why);
    return this;
  }

  /** Only events with {@code wallMs < ms} exist from now on (until called again). */
  void visibleBefore(long ms) {
    visibleBeforeMs = ms;
  }

  /** Where each answering node's visible events end, as a shim's {@code from=end} answers. */
  @Override
  public EventBatch tail() {
    tails++;
    Map<String, Long> end = new HashMap<>();
    byNode.forEach(
        (node, events) -> {
          if (!failing.containsKey(node)) {
            long next =
                events.stream()
                    .filter(e -> e.wallMs() < visibleBeforeMs)
                    .mapToLong(e -> e.seq() + 1)
                    .max()
                    .orElse(0);
            end.put(node, next);
          }
        });
    TreeSet<String> nodes = new TreeSet<>(byNode.keySet());
    nodes.addAll(failing.keySet());
    return new EventBatch(
        true, List.of(), new Cursor(end), new Coverage(nodes.size(), failing), true);
  }

  int tails() {
    return tails;
  }

  /** Reads of every node's whole history: {@link Cursor#START}. */
  int readsFromStart() {
    return readsFromStart;
  }

  @Override
  public EventBatch events(Cursor from) {
    if (from.equals(Cursor.START)) {
      readsFromStart++;
    }
    List<PodEvent> out = new ArrayList<>();
    Map<String, Long> next = new HashMap<>(from.nextSeqByNode());
    TreeSet<String> nodes = new TreeSet<>(byNode.keySet());
    nodes.addAll(failing.keySet());
    for (String node : nodes) {
      if (failing.containsKey(node)) {
        continue;
      }
      int taken = 0;
      for (PodEvent e : byNode.get(node)) {
        if (e.seq() < from.next(node)) {
          continue;
        }
        if (e.wallMs() >= visibleBeforeMs || taken == PAGE) {
          break;
        }
        out.add(e);
        next.put(node, e.seq() + 1);
        taken++;
      }
    }
    return new EventBatch(true, out, new Cursor(next), new Coverage(nodes.size(), failing));
  }

  @Override
  public Histogram histogram(String metric, Map<String, String> labels) {
    throw new UnsupportedOperationException("this source serves records; histograms unused");
  }
}
