package dev.netmark.engine.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The report packages import one way (docs/design.md, module table): {@code report} (the model)
 * imports none of the others, {@code report.data} (the files) and {@code report.html} (the page)
 * only the model and {@code report.data}, and {@code report.write} everything. Read from the
 * sources, so an import that closes a cycle fails here.
 */
class ReportPackagesTest {
  private static final Path SOURCES = Path.of("src/main/java/dev/netmark/engine/report");
  private static final Pattern IMPORT =
      Pattern.compile(
          "^import (?:static )?dev\\.netmark\\.engine\\.report(\\.\\w+)?\\.[A-Z]",
          Pattern.MULTILINE);

  /** What each package may import of the report packages besides itself. */
  private static final Map<String, Set<String>> ALLOWED =
      Map.of(
          "report", Set.of(),
          "report.data", Set.of(),
          "report.html", Set.of("report", "report.data"),
          "report.write", Set.of("report", "report.data", "report.html"));

  @Test
  void reportPackagesImportOneWay() throws IOException {
    Map<String, Set<String>> imports = imports();
    assertThat(imports.keySet()).containsExactlyInAnyOrderElementsOf(ALLOWED.keySet());
    imports.forEach(
        (pkg, used) -> {
          Set<String> others = new TreeSet<>(used);
          others.remove(pkg);
          assertThat(others).as("report packages imported by %s", pkg).isSubsetOf(ALLOWED.get(pkg));
        });
  }

  @Test
  void theCheckSeesImports() throws IOException {
    // report.write imports all three others: a reader of the sources that saw none would pass.
    assertThat(imports().get("report.write"))
        .containsExactlyInAnyOrder("report", "report.data", "report.html");
  }

  private static Map<String, Set<String>> imports() throws IOException {
    Map<String, Set<String>> out = new java.util.TreeMap<>();
    List<Path> files;
    try (Stream<Path> walk = Files.walk(SOURCES)) {
      files = walk.filter(p -> p.toString().endsWith(".java")).toList();
    }
    for (Path file : files) {
      Path dir = SOURCES.relativize(file.getParent());
      String pkg =
          dir.toString().isEmpty() ? "report" : "report." + dir.toString().replace('/', '.');
      Set<String> used = out.computeIfAbsent(pkg, k -> new TreeSet<>());
      Matcher m = IMPORT.matcher(Files.readString(file));
      while (m.find()) {
        used.add(m.group(1) == null ? "report" : "report" + m.group(1));
      }
    }
    return out;
  }
}
