package dev.netmark.engine.report.data;

import dev.netmark.api.DataFile;
import dev.netmark.api.NetmarkException;
import dev.netmark.api.ReportFiles;
import dev.netmark.api.SampleSet;
import dev.netmark.api.Summary;
import dev.netmark.api.Summary.DataItem;
import dev.netmark.api.SummaryData;
import dev.netmark.api.TimeSeries;
import java.io.IOException;
import java.io.Reader;
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
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads what {@link RunFiles} wrote back into the run's summaries, generically: the engine does not
 * know the measurements, only the file shapes (docs/reports.md). Each summary is named by its key
 * ({@link SummaryKeys}) and holds its data items and {@link SummaryData}; violations and notes are
 * not in these files. Data files get their key in gather order: the second gather of a summary is
 * {@code <name>-2}, as its perfdash file is.
 *
 * <p>File names are split with the test name that {@code junit.xml} gives, so summary and test
 * names may both contain {@code _}; without a {@code junit.xml} the test name is taken to be the
 * last {@code _}-free part before the timestamp.
 */
public final class RunFilesReader {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private RunFilesReader() {}

  /**
   * The summaries of the report directory {@code dir}: first one per perfdash file (in file name
   * order), then one per key that has data files only; a missing {@code data/} gives no data.
   *
   * @throws NetmarkException naming the file that is not what it should be, or naming each run's
   *     files when the directory holds more than one run ({@link RunDirectory})
   */
  public static List<Summary> read(Path dir) {
    Suite suite = suite(dir);
    RunDirectory.requireOneRun(dir, suite.timestamp());
    String test = suite.name();
    String testPart = test == null ? "[^_]+" : Pattern.quote(ReportFiles.safe(test));
    Pattern perfdash =
        Pattern.compile("(.+)_" + testPart + "_" + RunDirectory.TIMESTAMP + "\\.json");
    Pattern dataFile = Pattern.compile("(.+)_([a-z]+)_" + testPart + "_(\\d+)\\.json");
    Map<String, List<DataItem>> items = new LinkedHashMap<>();
    for (Path file : list(dir)) {
      Matcher m = perfdash.matcher(file.getFileName().toString());
      if (m.matches()) {
        items.put(m.group(1), JsonShapes.perfdash(file.toString(), tree(file)));
      }
    }
    Map<String, Parts> data = dataFiles(dir.resolve(ReportFiles.DATA_DIR), dataFile);
    List<Summary> out = new ArrayList<>();
    items.forEach(
        (key, list) -> {
          Parts p = data.remove(key);
          out.add(new Summary(key, list).withData(p == null ? SummaryData.NONE : p.data()));
        });
    data.forEach((key, p) -> out.add(new Summary(key, List.of()).withData(p.data())));
    return out;
  }

  /** The data of one summary key as it is read, file by file. */
  private record Parts(
      long gatherMs, List<SampleSet> samples, List<TimeSeries> series, List<DataFile> files) {
    SummaryData data() {
      return new SummaryData(gatherMs, samples, series, files);
    }
  }

  private static Map<String, Parts> dataFiles(Path data, Pattern pattern) {
    if (!Files.isDirectory(data)) {
      return new LinkedHashMap<>();
    }
    record Found(Path path, String summary, String kind, long gatherMs) {}
    List<Found> found = new ArrayList<>();
    for (Path file : list(data)) {
      Matcher m = pattern.matcher(file.getFileName().toString());
      if (m.matches()) {
        found.add(new Found(file, m.group(1), m.group(2), Long.parseLong(m.group(3))));
      }
    }
    found.sort(Comparator.comparingLong(Found::gatherMs).thenComparing(f -> f.path().toString()));
    Map<String, Integer> seen = new HashMap<>();
    Map<String, Parts> out = new LinkedHashMap<>();
    for (Found f : found) {
      int n = seen.merge(f.kind() + "/" + f.summary(), 1, Integer::sum);
      String key = n == 1 ? f.summary() : f.summary() + "-" + n;
      Parts p =
          out.computeIfAbsent(
              key,
              k ->
                  new Parts(f.gatherMs(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>()));
      JsonNode root = tree(f.path());
      String where = f.path().toString();
      switch (f.kind()) {
        case ReportFiles.SAMPLES -> p.samples().addAll(JsonShapes.samples(where, root));
        case ReportFiles.TIMESERIES -> p.series().add(JsonShapes.timeSeries(where, root));
        default -> p.files().add(new DataFile(f.kind(), root));
      }
    }
    return out;
  }

  /** The testsuite of {@code junit.xml}: the test's name and when it started, null if absent. */
  private record Suite(String name, String timestamp) {}

  private static Suite suite(Path dir) {
    Path junit = dir.resolve(ReportFiles.JUNIT);
    if (!Files.isRegularFile(junit)) {
      return new Suite(null, null);
    }
    try (Reader in = Files.newBufferedReader(junit)) {
      XMLStreamReader xml = XMLInputFactory.newFactory().createXMLStreamReader(in);
      while (xml.hasNext()) {
        if (xml.next() == XMLStreamReader.START_ELEMENT && xml.getLocalName().equals("testsuite")) {
          return new Suite(
              xml.getAttributeValue(null, "name"), xml.getAttributeValue(null, "timestamp"));
        }
      }
      throw new NetmarkException(junit + ": no testsuite element");
    } catch (IOException | XMLStreamException e) {
      throw new NetmarkException("cannot read " + junit + ": " + e.getMessage(), e);
    }
  }

  private static List<Path> list(Path dir) {
    return RunDirectory.list(dir).stream().filter(p -> p.toString().endsWith(".json")).toList();
  }

  private static JsonNode tree(Path file) {
    try {
      return JSON.readTree(Files.readString(file));
    } catch (IOException | JacksonException e) {
      throw new NetmarkException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }
}
