package dev.netmark.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * One benchmark's outcome, written as {@code target/bench/NAME.json} and summed up in the last line
 * it prints ({@code NAME: value}). Every benchmark uses it, so {@code hack/bench.sh --update-docs}
 * can build docs/performance.md from the files alone.
 */
public final class BenchResult {
  private final String name;
  private final Map<String, Object> json = new LinkedHashMap<>();
  private final Map<String, Object> details = new LinkedHashMap<>();
  // Taken when the result is made: make it before the benchmark's work.
  private final double loadBefore = Machine.loadAverage();

  /**
   * @param name the benchmark's name as given to {@code hack/bench.sh}
   * @param command the command that reproduces it
   */
  public BenchResult(String name, String command) {
    this.name = name;
    json.put("name", name);
    json.put("command", command);
    json.put("smoke", smoke());
  }

  /** True when {@code BENCH_SMOKE=1}: tiny sizes so CI keeps the benchmark working. */
  public static boolean smoke() {
    return "1".equals(System.getenv("BENCH_SMOKE"));
  }

  /**
   * The headline: the value of each repetition, summarised by its median and spread.
   *
   * @param what what the number is, e.g. "ratio of median ADD times, shim/direct"
   * @param unit e.g. "ratio", "ms", "%"
   * @param repetitions one value per repetition; the headline is their median
   */
  public BenchResult headline(String what, String unit, double... repetitions) {
    if (repetitions.length == 0) {
      throw new IllegalArgumentException("benchmark " + name + ": a headline needs a repetition");
    }
    for (double v : repetitions) {
      if (!Double.isFinite(v)) {
        throw new IllegalArgumentException(
            "benchmark " + name + ": repetition value " + v + " of '" + what + "' is not finite");
      }
    }
    double[] sorted = repetitions.clone();
    Arrays.sort(sorted);
    json.put("what", what);
    json.put("unit", unit);
    json.put("value", median(sorted));
    json.put(
        "spread", Map.of("min", sorted[0], "max", sorted[sorted.length - 1], "n", sorted.length));
    json.put("repetitions", repetitions);
    return this;
  }

  /**
   * A headline whose value is not the median of its repetitions, e.g. the worst over cases of each
   * case's median over the repetitions, which is what a goal judges; the repetitions' values give
   * the spread.
   */
  public BenchResult headlineValue(String what, String unit, double value, double... repetitions) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException(
          "benchmark " + name + ": headline value " + value + " of '" + what + "' is not finite");
    }
    headline(what, unit, repetitions);
    json.put("value", value);
    return this;
  }

  /**
   * A headline that is a count from one run, e.g. defects found: printed as a whole number, {@code
   * NAME: N unit (what)}.
   */
  public BenchResult count(String what, String unit, long n) {
    headline(what, unit, n);
    json.put("count", true);
    return this;
  }

  /**
   * The goal from the benchmark issue and whether this run met it.
   *
   * @param goal e.g. "<= 1.10"
   */
  public BenchResult goal(String goal, boolean met) {
    json.put("goal", goal);
    json.put("goalMet", met);
    return this;
  }

  /**
   * What a reader of docs/performance.md must know about this run's number, e.g. why its goal was
   * not met; printed beside the headline there.
   */
  public BenchResult note(String text) {
    json.put("note", text);
    return this;
  }

  /** Anything else worth keeping: raw medians, sizes, per-configuration figures. */
  public BenchResult detail(String key, Object value) {
    details.put(key, value);
    return this;
  }

  /** Writes {@code DIR/NAME.json} ({@code BENCH_OUT}, default target/bench) and prints the line. */
  public void finish() {
    finish(Path.of(System.getenv().getOrDefault("BENCH_OUT", "target/bench")));
  }

  /** Writes {@code dir/NAME.json} and prints the headline line. */
  void finish(Path dir) {
    if (!json.containsKey("value")) {
      throw new IllegalStateException("benchmark " + name + " finished without a headline");
    }
    json.put("date", Instant.now().toString());
    json.put("machine", Machine.describe());
    json.put("load", Map.of("before", loadBefore, "after", Machine.loadAverage()));
    json.put("details", details);
    try {
      Files.createDirectories(dir);
      JsonMapper mapper = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
      Files.writeString(dir.resolve(name + ".json"), mapper.writeValueAsString(json) + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    System.out.println(headlineLine());
  }

  /** {@code NAME: value unit (what; spread min–max over n)}. */
  String headlineLine() {
    String verdict =
        json.containsKey("goal")
            ? ", goal " + json.get("goal") + ((boolean) json.get("goalMet") ? " met" : " NOT met")
            : "";
    if (json.containsKey("count")) {
      return String.format(
          Locale.ROOT,
          "%s: %d %s (%s)%s",
          name,
          Math.round((double) json.get("value")),
          json.get("unit"),
          json.get("what"),
          verdict);
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> spread = (Map<String, Object>) json.get("spread");
    return String.format(
        Locale.ROOT,
        "%s: %.3f %s (%s; min %.3f, max %.3f, n=%s)%s",
        name,
        (double) json.get("value"),
        json.get("unit"),
        json.get("what"),
        (double) spread.get("min"),
        (double) spread.get("max"),
        spread.get("n"),
        verdict);
  }

  /** The median of sorted values. */
  public static double median(double[] sorted) {
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }
}
