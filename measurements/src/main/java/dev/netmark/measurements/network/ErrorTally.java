package dev.netmark.measurements.network;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Failure messages grouped by cause ({@link ErrorMessages#normalize}), with counts. */
final class ErrorTally {
  /**
   * One cause.
   *
   * @param cause the normalised message
   * @param count how many failures had it
   * @param example the first raw message, to show one real instance
   * @param nodes nodes where it happened, sorted
   */
  record Group(String cause, int count, String example, List<String> nodes) {}

  private static final class Counter {
    int count;
    final String example;
    final TreeSet<String> nodes = new TreeSet<>();

    Counter(String example) {
      this.example = example;
    }
  }

  private final Map<String, Counter> byCause = new LinkedHashMap<>();
  private int total;

  void add(String message, String node) {
    String raw = message == null || message.isBlank() ? "(no message)" : message;
    Counter c = byCause.computeIfAbsent(ErrorMessages.normalize(raw), k -> new Counter(raw));
    c.count++;
    if (node != null) {
      c.nodes.add(node);
    }
    total++;
  }

  int total() {
    return total;
  }

  /** Every group, most frequent first; ties in order of the cause text, so output is stable. */
  List<Group> groups() {
    List<Group> out = new ArrayList<>();
    byCause.forEach(
        (cause, c) -> out.add(new Group(cause, c.count, c.example, List.copyOf(c.nodes))));
    out.sort(Comparator.comparingInt(Group::count).reversed().thenComparing(Group::cause));
    return out;
  }
}
