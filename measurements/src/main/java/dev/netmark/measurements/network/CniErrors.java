package dev.netmark.measurements.network;

import dev.netmark.api.Params;
import dev.netmark.api.Summary;
import dev.netmark.api.Summary.DataItem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code CniErrors}: failed CNI ADD attempts grouped by cause (the message with addresses, ids and
 * numbers normalised; the plugin and CNI error code kept), the {@code top} most frequent ones as
 * data items and notes with a real example of each.
 */
final class CniErrors implements Analysis {
  static final String NAME = "CniErrors";
  static final String METRIC = "cni_add_errors";
  static final int DEFAULT_TOP = 10;

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public void validate(Params params) {
    top(params);
  }

  @Override
  public List<Series> histograms() {
    return List.of(); // messages exist only in records
  }

  @Override
  public Summary exact(Params params, Window window) {
    int top = top(params);
    ErrorTally adds = window.fold().addErrors();
    List<ErrorTally.Group> groups = adds.groups();
    long podsFailing = window.fold().pods().stream().filter(p -> p.addFailures() > 0).count();
    List<DataItem> items = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    notes.add(
        adds.total()
            + " failed ADD attempts of "
            + podsFailing
            + " pods, "
            + groups.size()
            + " causes");
    for (ErrorTally.Group g : groups.subList(0, Math.min(top, groups.size()))) {
      String plugin = ErrorMessages.plugin(g.example());
      String code = ErrorMessages.code(g.example());
      items.add(
          StatItems.count(
              METRIC, g.count(), Map.of("Plugin", plugin, "Code", code, "Error", g.cause())));
      notes.add(
          g.count()
              + "x [plugin "
              + plugin
              + ", code "
              + code
              + "] "
              + g.cause()
              + " on "
              + String.join(", ", g.nodes())
              + "; e.g. "
              + g.example());
    }
    if (groups.size() > top) {
      int rest =
          groups.subList(top, groups.size()).stream().mapToInt(ErrorTally.Group::count).sum();
      notes.add("other causes: " + (groups.size() - top) + " with " + rest + " attempts");
    }
    if (window.fold().delErrors().total() > 0) {
      notes.add("failed DELs: " + window.fold().delErrors().total() + " (see PodFlux for leaks)");
    }
    return new Summary(NAME, items, List.of(), notes);
  }

  @Override
  public Summary fromHistograms(Params params, HistogramWindow window) {
    throw new IllegalStateException(
        "CniErrors has no histogram fallback; start refuses without records");
  }

  private static int top(Params params) {
    long top = params.integer("top", DEFAULT_TOP);
    if (top < 1 || top > 1000) {
      throw params.error("top", "expected 1 to 1000, found " + top);
    }
    return (int) top;
  }
}
