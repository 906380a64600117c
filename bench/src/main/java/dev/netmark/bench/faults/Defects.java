package dev.netmark.bench.faults;

import dev.netmark.contract.EventKind;
import dev.netmark.contract.PodEvent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the fault soak counts as a defect (docs/performance.md, "fault-soak"), by category, one
 * entry per defect: what leaked, which record is missing, which shim stayed down.
 */
final class Defects {
  static final String NETNS = "leaked netns";
  static final String IPS = "leaked host-local IPs";
  static final String VETHS = "leaked veths";
  static final String RECORDS = "records lost";
  static final String UNPROBED = "pods unprobed and silent";
  static final String SHIMS = "shims not back";
  static final String TEARDOWN = "teardown problems";

  private final Map<String, List<String>> found = new LinkedHashMap<>();

  Defects() {
    for (String c : List.of(NETNS, IPS, VETHS, RECORDS, UNPROBED, SHIMS, TEARDOWN)) {
      found.put(c, new ArrayList<>());
    }
  }

  void add(String category, Collection<String> what) {
    found.get(category).addAll(what);
  }

  int total() {
    return found.values().stream().mapToInt(List::size).sum();
  }

  /** The count of each category, in a fixed order. */
  Map<String, Integer> counts() {
    Map<String, Integer> c = new LinkedHashMap<>();
    found.forEach((k, v) -> c.put(k, v.size()));
    return c;
  }

  /** Every defect, one line each, at most {@code perCategory} of each category. */
  List<String> lines(int perCategory) {
    List<String> out = new ArrayList<>();
    found.forEach(
        (k, v) -> {
          v.stream().limit(perCategory).forEach(d -> out.add(k + ": " + d));
          if (v.size() > perCategory) {
            out.add(k + ": ... and " + (v.size() - perCategory) + " more");
          }
        });
    return out;
  }

  /**
   * Records lost: a created pod without an ADD or ADD_FAILED record, a pod with fewer DEL (or
   * DEL_FAILED) records than ADD records once it was deleted, and each seq missing from a node's
   * log (seqs start at 0 and have no gaps unless an event was lost or quarantined).
   *
   * @param created pod UID to pod name, every pod the soak created (and deleted)
   */
  static List<String> recordsLost(Map<String, String> created, List<PodEvent> events) {
    Map<String, Map<EventKind, Integer>> kinds = kinds(events);
    List<String> lost = new ArrayList<>();
    created.forEach(
        (uid, name) -> {
          Map<EventKind, Integer> k = kinds.getOrDefault(uid, Map.of());
          int adds = k.getOrDefault(EventKind.ADD, 0);
          int dels = k.getOrDefault(EventKind.DEL, 0) + k.getOrDefault(EventKind.DEL_FAILED, 0);
          if (adds == 0 && !k.containsKey(EventKind.ADD_FAILED)) {
            lost.add(name + ": no ADD or ADD_FAILED record");
          } else if (dels < adds) {
            lost.add(name + ": " + adds + " ADD but " + dels + " DEL records");
          }
        });
    Map<String, TreeSet<Long>> seqs = new TreeMap<>();
    events.forEach(e -> seqs.computeIfAbsent(e.node(), n -> new TreeSet<>()).add(e.seq()));
    seqs.forEach((node, s) -> lost.addAll(gaps(node, s)));
    return lost;
  }

  private static List<String> gaps(String node, TreeSet<Long> seqs) {
    List<String> gaps = new ArrayList<>();
    long expected = 0;
    for (long s : seqs) {
      for (long m = expected; m < s; m++) {
        gaps.add(node + ": seq " + m + " missing");
      }
      expected = s + 1;
    }
    return gaps;
  }

  /** Pods with a successful ADD that got neither NETWORK_READY nor PROBE_FAILED. */
  static List<String> unprobed(Map<String, String> created, List<PodEvent> events) {
    Map<String, Map<EventKind, Integer>> kinds = kinds(events);
    List<String> silent = new ArrayList<>();
    created.forEach(
        (uid, name) -> {
          Map<EventKind, Integer> k = kinds.getOrDefault(uid, Map.of());
          if (k.containsKey(EventKind.ADD)
              && !k.containsKey(EventKind.NETWORK_READY)
              && !k.containsKey(EventKind.PROBE_FAILED)) {
            silent.add(name + ": ADD, then neither NETWORK_READY nor PROBE_FAILED");
          }
        });
    return silent;
  }

  private static Map<String, Map<EventKind, Integer>> kinds(List<PodEvent> events) {
    Map<String, Map<EventKind, Integer>> kinds = new HashMap<>();
    for (PodEvent e : events) {
      kinds
          .computeIfAbsent(e.uid(), u -> new EnumMap<>(EventKind.class))
          .merge(e.kind(), 1, Integer::sum);
    }
    return kinds;
  }
}
