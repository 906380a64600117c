package dev.netmark.engine.report.data;

import dev.netmark.api.Summary.DataItem;
import java.util.List;

/**
 * A perfdash summary read back from a report directory.
 *
 * @param summary the summary key: the file name up to its first {@code _} (the summary name, with
 *     {@code -2} ... for repeated summaries)
 * @param file the file name
 * @param items its data items
 */
public record PerfdashFile(String summary, String file, List<DataItem> items) {
  public PerfdashFile {
    items = List.copyOf(items);
  }
}
