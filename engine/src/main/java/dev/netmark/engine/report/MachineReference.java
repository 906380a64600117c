package dev.netmark.engine.report;

import dev.netmark.api.Baseline;
import dev.netmark.api.NetmarkException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A run's machine reference (docs/design.md, "Machine reference"): the samples of the baseline the
 * cluster measured with {@code Side=machine}, kept as {@code data/machine-reference.json} so {@code
 * netmark compare} can judge latencies relative to how fast the machine ran:
 *
 * <pre>{"metric":"machine_add","unit":"ms","how":"...","values":[112.4,130.9,...]}</pre>
 *
 * @param metric what was timed, e.g. {@code machine_add}
 * @param unit the unit of the values
 * @param how how it was measured, one line
 * @param values one per timed operation, in time order
 */
public record MachineReference(String metric, String unit, String how, double[] values) {
  public static final String FILE = "data/machine-reference.json";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** The reference among {@code baselines}, none when the cluster timed none. */
  public static Optional<MachineReference> of(List<Baseline> baselines) {
    return baselines.stream()
        .filter(b -> b.side().equals(Baseline.MACHINE) && !b.samples().isEmpty())
        .findFirst()
        .map(
            b ->
                new MachineReference(
                    b.metric(),
                    b.unit(),
                    b.how(),
                    b.samples().stream().mapToDouble(Double::doubleValue).toArray()));
  }

  /** Writes {@link #FILE} under {@code reportDir}; returns the file. */
  public Path write(Path reportDir) {
    Path file = reportDir.resolve(FILE);
    Map<String, Object> content = new LinkedHashMap<>();
    content.put("metric", metric);
    content.put("unit", unit);
    content.put("how", how);
    content.put("values", values);
    try {
      Files.createDirectories(file.getParent());
      return Files.writeString(file, JSON.writeValueAsString(content));
    } catch (IOException | JacksonException e) {
      throw new NetmarkException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * The reference of the run in {@code reportDir}; none when it has no {@link #FILE} (kubemark
   * runs, runs with {@code --no-raw-baseline}, reports from before it existed).
   *
   * @throws NetmarkException naming the file when it is there but not a reference
   */
  public static Optional<MachineReference> read(Path reportDir) {
    Path file = reportDir.resolve(FILE);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      JsonNode root = JSON.readTree(Files.readString(file));
      JsonNode values = root.get("values");
      if (values == null || !values.isArray() || values.isEmpty()) {
        throw new NetmarkException(file + ": not a machine reference (no values array)");
      }
      List<Double> v = new ArrayList<>();
      for (JsonNode n : values) {
        if (!n.isNumber() || !(n.asDouble() > 0)) {
          throw new NetmarkException(file + ": values must be positive numbers, found " + n);
        }
        v.add(n.asDouble());
      }
      return Optional.of(
          new MachineReference(
              root.path("metric").asString(""),
              root.path("unit").asString(""),
              root.path("how").asString(""),
              v.stream().mapToDouble(Double::doubleValue).toArray()));
    } catch (IOException | JacksonException e) {
      throw new NetmarkException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }
}
