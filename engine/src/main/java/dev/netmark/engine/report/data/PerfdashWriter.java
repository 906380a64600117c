package dev.netmark.engine.report.data;

import dev.netmark.api.Summary;
import dev.netmark.api.Summary.DataItem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.json.JsonMapper;

/**
 * A summary as perfdash JSON: {@code {"version":"v1","dataItems":[{"data":{...},"unit":"ms",
 * "labels":{"Metric":...}}]}}. Percentiles come first in {@code data}, in rising order.
 */
public final class PerfdashWriter {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final List<String> FIRST = List.of("Perc50", "Perc90", "Perc99", "Max");

  private PerfdashWriter() {}

  public static String json(Summary summary) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("version", "v1");
    List<Object> items = new ArrayList<>();
    for (DataItem item : summary.dataItems()) {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("data", ordered(item.data()));
      out.put("unit", item.unit());
      out.put("labels", new TreeMap<>(item.labels()));
      items.add(out);
    }
    root.put("dataItems", items);
    return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
  }

  private static Map<String, Double> ordered(Map<String, Double> data) {
    Map<String, Double> out = new LinkedHashMap<>();
    for (String key : FIRST) {
      if (data.containsKey(key)) {
        out.put(key, data.get(key));
      }
    }
    new TreeMap<>(data).forEach(out::putIfAbsent);
    return out;
  }
}
