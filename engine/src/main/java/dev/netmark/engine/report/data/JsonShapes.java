package dev.netmark.engine.report.data;

import dev.netmark.api.NetmarkException;
import dev.netmark.api.SampleSet;
import dev.netmark.api.Summary.DataItem;
import dev.netmark.api.TimeSeries;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** The shapes of the data files, checked field by field so a bad file is named with its field. */
final class JsonShapes {
  private JsonShapes() {}

  static List<SampleSet> samples(String file, JsonNode root) {
    JsonNode sets = root.get("sets");
    if (sets == null || !sets.isArray()) {
      throw new NetmarkException(file + ": not a samples file (no sets array)");
    }
    List<SampleSet> out = new ArrayList<>();
    for (JsonNode set : sets) {
      out.add(
          new SampleSet(
              strings(file, set, "labels"),
              set.path("unit").asString(""),
              doubles(file, set, "values")));
    }
    return out;
  }

  static TimeSeries timeSeries(String file, JsonNode root) {
    Map<String, long[]> perNode = new LinkedHashMap<>();
    JsonNode nodes = root.get("perNode");
    if (nodes != null && nodes.isObject()) {
      nodes.properties().forEach(e -> perNode.put(e.getKey(), longs(file, e.getValue())));
    }
    JsonNode total = root.get("total");
    if (total == null
        || !root.path("intervalMs").isNumber()
        || root.path("intervalMs").asLong() <= 0) {
      throw new NetmarkException(file + ": not a time series (needs total and intervalMs > 0)");
    }
    return new TimeSeries(
        root.path("originMs").asLong(),
        root.path("intervalMs").asLong(),
        longs(file, total),
        perNode);
  }

  static TrafficData traffic(String file, JsonNode root) {
    JsonNode edges = root.get("edges");
    if (edges == null || !edges.isArray() || root.path("intervalMs").asLong() <= 0) {
      throw new NetmarkException(file + ": not a traffic file (needs edges and intervalMs > 0)");
    }
    List<TrafficData.Edge> out = new ArrayList<>();
    for (JsonNode e : edges) {
      JsonNode perSecond = object(file, e, "perSecond");
      out.add(
          new TrafficData.Edge(
              e.path("edge").asString(""),
              e.path("client").asString(""),
              e.path("server").asString(""),
              e.path("requests").asLong(),
              e.path("steadyErrors").asLong() + e.path("rolloutErrors").asLong(),
              longs(file, perSecond.path("requests")),
              longs(file, perSecond.path("steadyErrors")),
              longs(file, perSecond.path("rolloutErrors"))));
    }
    List<TrafficData.Change> changes = new ArrayList<>();
    for (JsonNode c : root.path("changes")) {
      changes.add(
          new TrafficData.Change(
              c.path("tier").asString(""),
              c.path("action").asString(""),
              c.path("startMs").asLong(),
              c.path("endMs").asLong()));
    }
    return new TrafficData(
        root.path("originMs").asLong(), root.path("intervalMs").asLong(), out, changes);
  }

  static List<DataItem> perfdash(String file, JsonNode root) {
    JsonNode items = root.get("dataItems");
    if (items == null || !items.isArray()) {
      throw new NetmarkException(file + ": not a perfdash summary (no dataItems array)");
    }
    List<DataItem> out = new ArrayList<>();
    for (JsonNode item : items) {
      Map<String, Double> data = new LinkedHashMap<>();
      object(file, item, "data")
          .properties()
          .forEach(e -> data.put(e.getKey(), e.getValue().asDouble()));
      out.add(new DataItem(data, item.path("unit").asString(""), strings(file, item, "labels")));
    }
    return out;
  }

  static JsonNode object(String file, JsonNode parent, String field) {
    JsonNode node = parent.get(field);
    if (node == null || !node.isObject()) {
      throw new NetmarkException(file + ": expected an object in field '" + field + "'");
    }
    return node;
  }

  static Map<String, String> strings(String file, JsonNode parent, String field) {
    Map<String, String> out = new LinkedHashMap<>();
    object(file, parent, field)
        .properties()
        .forEach(e -> out.put(e.getKey(), e.getValue().asString("")));
    return out;
  }

  private static double[] doubles(String file, JsonNode parent, String field) {
    JsonNode values = parent.get(field);
    if (values == null || !values.isArray()) {
      throw new NetmarkException(file + ": expected an array of numbers in field '" + field + "'");
    }
    double[] out = new double[values.size()];
    for (int i = 0; i < out.length; i++) {
      if (!values.get(i).isNumber()) {
        throw new NetmarkException(
            file + ": " + field + "[" + i + "] is not a number: " + values.get(i));
      }
      out[i] = values.get(i).asDouble();
    }
    return out;
  }

  private static long[] longs(String file, JsonNode array) {
    if (!array.isArray()) {
      throw new NetmarkException(file + ": expected an array of counts, found " + array);
    }
    long[] out = new long[array.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = array.get(i).asLong();
    }
    return out;
  }
}
