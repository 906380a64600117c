package dev.netmark.testing.local.controllers;

import dev.netmark.api.Percentiles;
import dev.netmark.api.Summary;
import dev.netmark.api.Summary.DataItem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Every service change local mode's kube-proxy stand-in programmed, with its delay, and the {@code
 * ServiceProxy} summary made of them (docs/design.md, "Local mode"): what local mode itself adds to
 * {@code service_ready}, so the report can tell it from the CNI. Thread-safe.
 */
public final class ServiceChanges {
  public static final String SUMMARY = "ServiceProxy";
  public static final String METRIC = "service_programming";

  /** One service port's new endpoints, in every node {@code delayMs} after the event. */
  public record Change(String service, int endpoints, double delayMs) {}

  private final List<Change> changes = new ArrayList<>();

  synchronized void add(String service, int endpoints, double delayMs) {
    changes.add(new Change(service, endpoints, delayMs));
  }

  /** The changes so far, oldest first. */
  public synchronized List<Change> all() {
    return List.copyOf(changes);
  }

  /** The {@code ServiceProxy} summary; none when no service changed. */
  public Optional<Summary> summary() {
    List<Change> all = all();
    if (all.isEmpty()) {
      return Optional.empty();
    }
    Percentiles p = Percentiles.of(all.stream().map(Change::delayMs).toList());
    Map<String, Double> data = new LinkedHashMap<>(p.perfdash());
    data.put("Max", p.max());
    data.put("Count", (double) p.count());
    long services = all.stream().map(Change::service).distinct().count();
    List<String> notes = new ArrayList<>();
    notes.add(
        String.format(
            Locale.ROOT,
            "%d endpoint changes of %d service ports, each from the first pod or Service event it"
                + " answers to its rules in every node; local mode's kube-proxy stand-in, not the"
                + " CNI: service_ready includes it",
            all.size(),
            services));
    return Optional.of(
        new Summary(
            SUMMARY,
            List.of(new DataItem(data, "ms", Map.of("Metric", METRIC))),
            List.of(),
            notes));
  }
}
