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

  RecordedSource failing(String node, String why) {
    failing.put(node, why);
    return this;
  }

  /** Only events with {@code wallMs < ms} exist from now on (until called again). */
  void visibleBefore(long ms) {
    visibleBeforeMs = ms;
  }

  @Override
  public EventBatch events(Cursor from) {
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
