package dev.netmark.engine.app;

import dev.netmark.api.NetmarkException;
import dev.netmark.api.Params;
import dev.netmark.engine.config.TuningSetSpec;
import dev.netmark.engine.tuningset.Ticker;
import dev.netmark.engine.tuningset.TuningSet;
import dev.netmark.engine.tuningset.TuningSets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** What a deploy resolves when it runs: its namespaces and its tuning set. */
final class AppInputs {
  private AppInputs() {}

  /**
   * The namespaces of {@code {list}} or {@code {min, max, basename}}. Without a basename, index i
   * is the test's automanaged namespace {@code <prefix>-i}: the i-th the test created.
   */
  @SuppressWarnings("unchecked")
  static List<String> namespaces(Map<String, Object> selection, List<String> created, String path) {
    if (selection.get("list") instanceof List<?> list) {
      return List.copyOf((List<String>) list);
    }
    int min = ((Number) selection.get("min")).intValue();
    int max = ((Number) selection.get("max")).intValue();
    Object basename = selection.get("basename");
    List<String> out = new ArrayList<>();
    for (int i = min; i <= max; i++) {
      if (basename != null) {
        out.add(basename + "-" + i);
      } else if (i >= 1 && i <= created.size()) {
        out.add(created.get(i - 1));
      } else {
        throw new NetmarkException(
            path + ": namespace index " + i + " but the test created " + created.size());
      }
    }
    return out;
  }

  /** A tuning set of its own, made from the spec the config reader copied into the params. */
  @SuppressWarnings("unchecked")
  static TuningSet tuningSet(Map<String, Object> spec, String path) {
    String name = (String) spec.get("name");
    TuningSetSpec tuning =
        new TuningSetSpec(
            name,
            (String) spec.get("kind"),
            new Params((Map<String, Object>) spec.get("params"), path + ".tuningSet", p -> p),
            path + ".tuningSet");
    return TuningSets.create(tuning, Ticker.system(), new Random(name.hashCode()));
  }
}
