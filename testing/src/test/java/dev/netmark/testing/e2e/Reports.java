package dev.netmark.testing.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads the perfdash JSON files of a report directory. */
final class Reports {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private Reports() {}

  /**
   * The data items of the one {@code SUMMARY_*.json} file: statistics by {@code labels.Metric}
   * (items with more labels, e.g. per node, are keyed {@code Metric/label=value}).
   */
  static Map<String, Map<String, Double>> items(Path dir, String summary) throws IOException {
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files =
          s.filter(
                  p ->
                      p.getFileName().toString().startsWith(summary + "_")
                          && p.toString().endsWith(".json"))
              .toList();
    }
    if (files.size() != 1) {
      throw new AssertionError(
          "expected one " + summary + "_*.json in " + dir + ", found " + files);
    }
    Map<String, Map<String, Double>> out = new HashMap<>();
    for (JsonNode item : JSON.readTree(files.getFirst().toFile()).path("dataItems").values()) {
      StringBuilder key = new StringBuilder(item.path("labels").path("Metric").asString());
      for (var e : item.path("labels").properties()) {
        if (!e.getKey().equals("Metric")) {
          key.append('/').append(e.getKey()).append('=').append(e.getValue().asString());
        }
      }
      Map<String, Double> data = new HashMap<>();
      item.path("data").properties().forEach(e -> data.put(e.getKey(), e.getValue().asDouble()));
      out.put(key.toString(), data);
    }
    return out;
  }

  static String summaryText(Path dir) throws IOException {
    return Files.readString(dir.resolve("summary.txt"));
  }
}
