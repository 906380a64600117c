package dev.netmark.engine.report.data;

import dev.netmark.api.NetmarkException;
import dev.netmark.api.ReportFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One report directory holds one run (docs/reports.md, "One run, one directory"). Most of a run's
 * files carry its start or gather time in their names, but {@code junit.xml}, {@code summary.txt},
 * {@code report.html} and {@code data/machine-reference.json} are simply replaced by the next run
 * into the same directory, and a second gather of a summary is told from the first by its time
 * only: the files of two runs read as one mixed run. So a reader refuses a directory whose files
 * have more than one run start, and {@code netmark run} refuses a directory that holds a report.
 */
public final class RunDirectory {
  /** The files of a report at the top of its directory, apart from the perfdash files. */
  private static final List<String> REPORT_FILES =
      List.of(ReportFiles.JUNIT, "summary.txt", "report.html", "rendered-config.yaml");

  /** A perfdash file's run start in its name, as {@code RunFiles} writes it. */
  static final String TIMESTAMP = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ";

  private static final Pattern PERFDASH = Pattern.compile(".+_(" + TIMESTAMP + ")\\.json");
  private static final Pattern DATA = Pattern.compile(".+_[a-z]+_.+_(\\d+)\\.json");
  private static final int LISTED = 6;

  private RunDirectory() {}

  /**
   * The report files already in {@code dir} (relative names, sorted), empty when it is missing or
   * holds none: a new run may write there.
   */
  public static List<String> reportFiles(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (Path f : list(dir)) {
      String name = f.getFileName().toString();
      if (REPORT_FILES.contains(name) || PERFDASH.matcher(name).matches()) {
        out.add(name);
      }
    }
    Path data = dir.resolve(ReportFiles.DATA_DIR);
    if (Files.isDirectory(data)) {
      list(data).forEach(f -> out.add(ReportFiles.DATA_DIR + "/" + f.getFileName()));
    }
    return out.stream().sorted().toList();
  }

  /**
   * Refuses a directory with the files of more than one run: perfdash files of different start
   * times, or a {@code junit.xml} whose testsuite started at another time than they did.
   *
   * @param junitStart the testsuite's {@code timestamp} in {@code junit.xml}, or null
   * @throws NetmarkException naming the directory and each run's files
   */
  static void requireOneRun(Path dir, String junitStart) {
    Map<String, List<String>> byStart = new TreeMap<>();
    for (Path f : list(dir)) {
      Matcher m = PERFDASH.matcher(f.getFileName().toString());
      if (m.matches()) {
        byStart.computeIfAbsent(m.group(1), k -> new ArrayList<>()).add(f.getFileName().toString());
      }
    }
    if (junitStart != null && !junitStart.isEmpty()) {
      byStart.computeIfAbsent(junitStart, k -> new ArrayList<>()).add(ReportFiles.JUNIT);
    }
    if (byStart.size() < 2) {
      return;
    }
    List<String> starts = List.copyOf(byStart.keySet());
    Path data = dir.resolve(ReportFiles.DATA_DIR);
    if (Files.isDirectory(data)) {
      for (Path f : list(data)) {
        Matcher m = DATA.matcher(f.getFileName().toString());
        if (m.matches()) {
          String start = startOf(starts, Long.parseLong(m.group(1)));
          byStart.get(start).add(ReportFiles.DATA_DIR + "/" + f.getFileName());
        }
      }
    }
    StringBuilder msg =
        new StringBuilder("report directory ")
            .append(dir)
            .append(" holds the files of ")
            .append(byStart.size())
            .append(" runs, which no reader can tell apart (summary.txt, report.html and")
            .append(" data/machine-reference.json are the last run's only):");
    byStart.forEach(
        (start, files) -> {
          msg.append("\n  run started ").append(start).append(": ");
          msg.append(String.join(", ", files.subList(0, Math.min(LISTED, files.size()))));
          if (files.size() > LISTED) {
            msg.append(" and ").append(files.size() - LISTED).append(" more");
          }
        });
    msg.append(
        "\ngive every run a directory of its own (netmark run refuses one that holds a"
            + " report); remove the files of the other runs, or the directory, to use it");
    throw new NetmarkException(msg.toString());
  }

  /** The latest of {@code starts} (sorted) at or before {@code gatherMs}, else the first. */
  private static String startOf(List<String> starts, long gatherMs) {
    String at = starts.getFirst();
    for (String s : starts) {
      if (Instant.from(ReportFiles.TIMESTAMP.parse(s)).toEpochMilli() <= gatherMs) {
        at = s;
      }
    }
    return at;
  }

  /** The regular files of {@code dir}, sorted. */
  static List<Path> list(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(Files::isRegularFile).sorted().toList();
    } catch (IOException e) {
      throw new NetmarkException("cannot read report directory " + dir + ": " + e.getMessage(), e);
    }
  }
}
