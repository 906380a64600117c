package dev.netmark.engine.report;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.Set;

/**
 * File names of perfdash summaries, {@code <SummaryName>_<testName>_<timestamp>.json} with
 * clusterloader2's timestamp form ({@code 2006-01-02T15:04:05Z}, UTC). Two summaries of one name in
 * a run get {@code -2}, {@code -3} ... appended to the summary name.
 */
final class ReportNames {
  static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

  private final String testName;
  private final String timestamp;
  private final Set<String> used = new HashSet<>();

  ReportNames(String testName, Instant started) {
    this.testName = safe(testName);
    this.timestamp = TIMESTAMP.format(started);
  }

  String perfdash(String summaryName) {
    String base = safe(summaryName);
    String name = base;
    for (int i = 2; !used.add(name); i++) {
      name = base + "-" + i;
    }
    return name + "_" + testName + "_" + timestamp + ".json";
  }

  // Summary and test names come from configs and plugins: keep them to one path segment.
  private static String safe(String name) {
    return name.replaceAll("[^A-Za-z0-9._-]", "-");
  }
}
