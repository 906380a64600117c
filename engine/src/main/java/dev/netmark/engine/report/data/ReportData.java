package dev.netmark.engine.report.data;

import dev.netmark.api.NetmarkException;
import dev.netmark.api.Summary.DataItem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a report directory holds, read generically: perfdash summaries ({@code *.json} at the top)
 * and the data files measurements leave under {@code data/} ({@code
 * <summary>_<kind>_<test>_<gatherMs>.json}). The engine does not know the measurements; it only
 * knows these file shapes (docs/reports.md).
 *
 * @param perfdash the summaries, by file name
 * @param samples per-pod samples of every {@code _samples_} file
 * @param timeSeries every {@code _timeseries_} file
 * @param traffic every {@code _traffic_} file (application models)
 */
public record ReportData(
    List<PerfdashFile> perfdash,
    List<SampleSet> samples,
    List<TimeSeries> timeSeries,
    List<TrafficData> traffic) {
  public static final String DATA_DIR = "data";
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Pattern DATA_FILE =
      Pattern.compile("(.+?)_(samples|timeseries|traffic)_.*_(\\d+)\\.json");

  /**
   * Reads {@code dir}; a missing {@code data/} gives no samples and no series.
   *
   * @throws NetmarkException naming the file that is not what it should be
   */
  public static ReportData read(Path dir) {
    return read(dir, 0);
  }

  /**
   * Reads {@code dir}, leaving out data files gathered before {@code sinceMs} (a report directory
   * reused by an earlier run).
   */
  public static ReportData read(Path dir, long sinceMs) {
    List<PerfdashFile> perfdash = new ArrayList<>();
    for (Path file : list(dir)) {
      String name = file.getFileName().toString();
      int cut = name.indexOf('_');
      if (cut > 0) {
        perfdash.add(new PerfdashFile(name.substring(0, cut), name, items(file, tree(file))));
      }
    }
    List<SampleSet> samples = new ArrayList<>();
    List<TimeSeries> series = new ArrayList<>();
    List<TrafficData> traffic = new ArrayList<>();
    for (DataFile f : dataFiles(dir.resolve(DATA_DIR), sinceMs)) {
      JsonNode root = tree(f.path());
      switch (f.kind()) {
        case "samples" -> samples.addAll(JsonShapes.samples(f.path(), f.key(), root));
        case "traffic" -> traffic.add(JsonShapes.traffic(f.path(), f.key(), root));
        default -> series.add(JsonShapes.timeSeries(f.path(), f.key(), root));
      }
    }
    return new ReportData(perfdash, samples, series, traffic);
  }

  /** A data file with its summary key; later gathers of a summary get {@code -2}, {@code -3}. */
  private record DataFile(Path path, String kind, String key) {}

  private static List<DataFile> dataFiles(Path data, long sinceMs) {
    if (!Files.isDirectory(data)) {
      return List.of();
    }
    record Found(Path path, String summary, String kind, long gatherMs) {}
    List<Found> found = new ArrayList<>();
    for (Path file : list(data)) {
      Matcher m = DATA_FILE.matcher(file.getFileName().toString());
      if (m.matches() && Long.parseLong(m.group(3)) >= sinceMs) {
        found.add(new Found(file, m.group(1), m.group(2), Long.parseLong(m.group(3))));
      }
    }
    found.sort(Comparator.comparingLong(Found::gatherMs).thenComparing(f -> f.path().toString()));
    Map<String, Integer> seen = new HashMap<>();
    List<DataFile> out = new ArrayList<>();
    for (Found f : found) {
      int n = seen.merge(f.kind() + "/" + f.summary(), 1, Integer::sum);
      out.add(new DataFile(f.path(), f.kind(), n == 1 ? f.summary() : f.summary() + "-" + n));
    }
    return out;
  }

  private static List<DataItem> items(Path file, JsonNode root) {
    JsonNode items = root.get("dataItems");
    if (items == null || !items.isArray()) {
      throw new NetmarkException(file + ": not a perfdash summary (no dataItems array)");
    }
    List<DataItem> out = new ArrayList<>();
    for (JsonNode item : items) {
      Map<String, Double> data = new LinkedHashMap<>();
      JsonShapes.object(file, item, "data")
          .properties()
          .forEach(e -> data.put(e.getKey(), e.getValue().asDouble()));
      out.add(
          new DataItem(
              data, item.path("unit").asString(""), JsonShapes.strings(file, item, "labels")));
    }
    return out;
  }

  private static List<Path> list(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(p -> p.toString().endsWith(".json") && Files.isRegularFile(p))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new NetmarkException("cannot read report directory " + dir + ": " + e.getMessage(), e);
    }
  }

  private static JsonNode tree(Path file) {
    try {
      return JSON.readTree(Files.readString(file));
    } catch (IOException | JacksonException e) {
      throw new NetmarkException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }
}
