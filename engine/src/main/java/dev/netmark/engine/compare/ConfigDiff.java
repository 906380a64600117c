package dev.netmark.engine.compare;

import dev.netmark.engine.report.write.ReportWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Whether two runs rendered the same config, apart from names and times (docs/reports.md): the
 * value of every {@code name:} key and anything shaped like a timestamp or run id are masked before
 * the lines are compared. Comments and blank lines do not count.
 */
final class ConfigDiff {
  /** Lines of a difference shown at most; the rest is counted. */
  static final int SHOWN = 20;

  private static final Pattern NAME =
      Pattern.compile("^(\\s*(?:-\\s+)?[A-Za-z]*[nN]ame\\s*:\\s*).*$");
  private static final Pattern TIME =
      Pattern.compile(
          "\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}(:\\d{2}(\\.\\d+)?)?(Z|[+-]\\d{2}:?\\d{2})?"
              + "|\\d{8}[T-]\\d{6}Z?(-[0-9a-f]{2,8})?|\\b\\d{13}\\b");

  private ConfigDiff() {}

  /** The rendered config of a report directory, or null when it has none. */
  static List<String> read(Path dir) {
    Path file = dir.resolve(ReportWriter.RENDERED_CONFIG);
    if (!Files.isRegularFile(file)) {
      return null;
    }
    try {
      return normalized(Files.readAllLines(file));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  static List<String> normalized(List<String> lines) {
    List<String> out = new ArrayList<>();
    for (String line : lines) {
      String l = line.stripTrailing();
      if (l.isBlank() || l.stripLeading().startsWith("#")) {
        continue;
      }
      l = NAME.matcher(l).replaceFirst("$1<name>");
      out.add(TIME.matcher(l).replaceAll("<time>"));
    }
    return out;
  }

  /**
   * The lines that differ, as {@code - line} (only in {@code a}) and {@code + line} (only in {@code
   * b}) in file order (a longest-common-subsequence diff); empty when the configs match.
   */
  static List<String> diff(List<String> a, List<String> b) {
    int n = a.size();
    int m = b.size();
    int[][] lcs = new int[n + 1][m + 1];
    for (int i = n - 1; i >= 0; i--) {
      for (int j = m - 1; j >= 0; j--) {
        lcs[i][j] =
            a.get(i).equals(b.get(j))
                ? lcs[i + 1][j + 1] + 1
                : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
      }
    }
    List<String> out = new ArrayList<>();
    int i = 0;
    int j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && a.get(i).equals(b.get(j))) {
        i++;
        j++;
      } else if (j == m || (i < n && lcs[i + 1][j] >= lcs[i][j + 1])) {
        out.add("- " + a.get(i++));
      } else {
        out.add("+ " + b.get(j++));
      }
    }
    return out;
  }
}
