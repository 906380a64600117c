package dev.netmark.engine.report.data;

import dev.netmark.api.DataFile;
import dev.netmark.api.NetmarkException;
import dev.netmark.api.ReportFiles;
import dev.netmark.api.SampleSet;
import dev.netmark.api.Summary;
import dev.netmark.api.SummaryData;
import dev.netmark.api.TimeSeries;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a run's summaries as the files {@code netmark compare} and perfdash read: one perfdash
 * JSON per summary with data items, and each summary's {@link SummaryData} under {@code data/}
 * (names in {@link ReportFiles}, shapes in docs/reports.md). {@link RunFilesReader} reads them back
 * into the same summaries.
 */
public final class RunFiles {
  private static final JsonMapper JSON =
      JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  private RunFiles() {}

  /**
   * @param dir the report directory, which exists
   * @return the files written: the perfdash files, then the data files, in summary order
   * @throws NetmarkException naming the file that could not be written
   */
  public static List<Path> write(
      Path dir, String testName, Instant started, List<Summary> summaries) {
    List<Path> written = new ArrayList<>();
    // A summary of notes only (ControlPlane, say) belongs in summary.txt, not in perfdash.
    List<Summary> withItems = summaries.stream().filter(s -> !s.dataItems().isEmpty()).toList();
    List<String> keys = SummaryKeys.of(withItems.stream().map(Summary::name).toList());
    for (int i = 0; i < withItems.size(); i++) {
      Path file = dir.resolve(ReportFiles.perfdash(keys.get(i), testName, started));
      written.add(write(file, PerfdashWriter.json(withItems.get(i))));
    }
    for (Summary s : summaries) {
      SummaryData data = s.data();
      if (!data.samples().isEmpty()) {
        written.add(writeData(dir, s.name(), ReportFiles.SAMPLES, testName, data, samples(s)));
      }
      for (TimeSeries ts : data.series()) {
        written.add(writeData(dir, s.name(), ReportFiles.TIMESERIES, testName, data, series(ts)));
      }
      for (DataFile f : data.files()) {
        written.add(writeData(dir, s.name(), f.kind(), testName, data, f.content()));
      }
    }
    return written;
  }

  private static Map<String, Object> samples(Summary s) {
    List<Map<String, Object>> sets = new ArrayList<>();
    for (SampleSet set : s.data().samples()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("labels", set.labels());
      m.put("unit", set.unit());
      m.put("values", set.values());
      sets.add(m);
    }
    Map<String, Object> content = new LinkedHashMap<>();
    content.put("summary", s.name());
    content.put("gatherMs", s.data().gatherMs());
    content.put("sets", sets);
    return content;
  }

  private static Map<String, Object> series(TimeSeries ts) {
    Map<String, Object> content = new LinkedHashMap<>();
    content.put("originMs", ts.originMs());
    content.put("intervalMs", ts.intervalMs());
    content.put("total", ts.total());
    content.put("perNode", ts.perNode());
    return content;
  }

  private static Path writeData(
      Path dir, String summary, String kind, String testName, SummaryData data, Object content) {
    Path file = dir.resolve(ReportFiles.data(summary, kind, testName, data.gatherMs()));
    try {
      Files.createDirectories(file.getParent());
      return write(file, JSON.writeValueAsString(content));
    } catch (IOException | JacksonException e) {
      throw new NetmarkException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  private static Path write(Path file, String content) {
    try {
      return Files.writeString(file, content);
    } catch (IOException e) {
      throw new NetmarkException("cannot write report file " + file + ": " + e, e);
    }
  }
}
