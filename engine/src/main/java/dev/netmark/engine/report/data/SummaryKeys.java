package dev.netmark.engine.report.data;

import dev.netmark.api.ReportFiles;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The key of each summary of a run, as the perfdash file names and the HTML report's sections have
 * it: its name made {@link ReportFiles#safe}, with {@code -2}, {@code -3} ... appended for later
 * summaries of the same name.
 */
public final class SummaryKeys {
  private SummaryKeys() {}

  /** The keys of {@code names}, in their order. */
  public static List<String> of(List<String> names) {
    Set<String> used = new HashSet<>();
    List<String> out = new ArrayList<>();
    for (String n : names) {
      String base = ReportFiles.safe(n);
      String key = base;
      for (int i = 2; !used.add(key); i++) {
        key = base + "-" + i;
      }
      out.add(key);
    }
    return out;
  }
}
