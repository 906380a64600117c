package dev.netmark.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes docs/performance.md from the benchmarks' JSON files and the hand-written notes beside
 * them: {@code PerformanceDoc BENCH_DIR NOTES_DIR OUT NAME...}. NAME.json comes from BENCH_DIR,
 * NAME.md (what the benchmark means, why a goal may be missed) from NOTES_DIR, and after the
 * benchmarks every NOTES_DIR/sections/*.md (by file name): hand-written sections that belong to no
 * benchmark, such as a measured run of netmark itself. Refuses smoke results: their sizes are too
 * small for the numbers to mean anything.
 */
public final class PerformanceDoc {
  private PerformanceDoc() {}

  public static void main(String[] args) {
    if (args.length < 4) {
      System.err.println("usage: PerformanceDoc BENCH_DIR NOTES_DIR OUT NAME...");
      System.exit(2);
    }
    try {
      List<String> names = Arrays.asList(args).subList(3, args.length);
      Map<String, Map<String, Object>> results = read(Path.of(args[0]), names);
      Map<String, String> notes = notes(Path.of(args[1]), names);
      Files.writeString(
          Path.of(args[2]),
          PerformanceMarkdown.render(names, results, notes, sections(Path.of(args[1]))));
      System.err.println("netmark: wrote " + args[2]);
    } catch (IllegalArgumentException | IOException e) {
      System.err.println("PerformanceDoc: " + e.getMessage());
      System.exit(1);
    }
  }

  /**
   * Each benchmark's JSON, by name; a benchmark without a file is absent from the map.
   *
   * @throws IllegalArgumentException for unreadable JSON, a smoke result or a missing field
   */
  static Map<String, Map<String, Object>> read(Path dir, List<String> names) {
    JsonMapper mapper = JsonMapper.builder().build();
    Map<String, Map<String, Object>> out = new LinkedHashMap<>();
    for (String name : names) {
      Path file = dir.resolve(name + ".json");
      if (!Files.exists(file)) {
        continue;
      }
      Map<String, Object> json;
      try {
        @SuppressWarnings("unchecked")
        Map<String, Object> parsed = mapper.readValue(Files.readString(file), Map.class);
        json = parsed;
      } catch (IOException | JacksonException e) {
        throw new IllegalArgumentException(file + ": not a benchmark result: " + e.getMessage(), e);
      }
      if (Boolean.TRUE.equals(json.get("smoke"))) {
        throw new IllegalArgumentException(
            file
                + " is a smoke run (hack/bench.sh --smoke); its numbers must not reach the docs:"
                + " run hack/bench.sh "
                + name
                + " without --smoke first");
      }
      List<String> missing = new ArrayList<>();
      for (String key : List.of("name", "command", "what", "unit", "value", "spread", "date")) {
        if (!json.containsKey(key)) {
          missing.add(key);
        }
      }
      if (!missing.isEmpty()) {
        throw new IllegalArgumentException(file + ": missing " + String.join(", ", missing));
      }
      if (!name.equals(json.get("name"))) {
        throw new IllegalArgumentException(
            file + ": says it is benchmark '" + json.get("name") + "', expected '" + name + "'");
      }
      out.put(name, json);
    }
    return out;
  }

  /** NOTES_DIR/sections/*.md in file-name order, each as written (it starts with its heading). */
  static List<String> sections(Path notesDir) {
    Path dir = notesDir.resolve("sections");
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (var files = Files.list(dir)) {
      List<String> out = new ArrayList<>();
      for (Path f : files.filter(f -> f.toString().endsWith(".md")).sorted().toList()) {
        out.add(Files.readString(f).strip());
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** NOTES_DIR/NAME.md for each benchmark that has one. */
  static Map<String, String> notes(Path dir, List<String> names) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String name : names) {
      Path file = dir.resolve(name + ".md");
      if (Files.exists(file)) {
        try {
          out.put(name, Files.readString(file).strip());
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
    return out;
  }
}
