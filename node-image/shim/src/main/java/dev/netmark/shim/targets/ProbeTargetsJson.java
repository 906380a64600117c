package dev.netmark.shim.targets;

import dev.netmark.contract.ProbeTargets;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/** Reads the ConfigMap's JSON (or a {@code --probe-targets} file) into validated targets. */
public final class ProbeTargetsJson {
  // Unknown fields are ignored so a newer engine can publish fields an older shim does not know.
  private static final ObjectMapper MAPPER =
      JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  private ProbeTargetsJson() {}

  /**
   * Parses and validates.
   *
   * @param origin where the text came from, for messages (a file path or the ConfigMap name)
   * @throws InvalidTargetsException naming the origin and every problem
   */
  public static ProbeTargets parse(String json, String origin) {
    JsonNode tree;
    try {
      tree = MAPPER.readTree(json);
    } catch (JacksonException e) {
      throw new InvalidTargetsException(origin, List.of("not JSON: " + e.getOriginalMessage()), e);
    }
    if (tree == null || !tree.isObject()) {
      throw new InvalidTargetsException(origin, List.of("expected a JSON object"), null);
    }
    JsonNode version = tree.get("version");
    if (version != null && !version.isNull()) {
      if (!version.isInt() || version.intValue() < 1) {
        throw new InvalidTargetsException(
            origin, List.of("version: expected a positive integer, found " + version), null);
      }
      if (version.intValue() > ProbeTargets.VERSION) {
        throw new InvalidTargetsException(
            origin,
            List.of(
                "version "
                    + version.intValue()
                    + " is newer than this shim's probe-targets version "
                    + ProbeTargets.VERSION
                    + ": update the shim"),
            null);
      }
    }
    for (String required : List.of("controlPods", "policy")) {
      if (!tree.hasNonNull(required) || !tree.get(required).isObject()) {
        throw new InvalidTargetsException(
            origin, List.of(required + ": missing, expected an object"), null);
      }
    }
    if (!tree.get("policy").hasNonNull("classes")) {
      throw new InvalidTargetsException(
          origin, List.of("policy.classes: missing, expected a list of probe classes"), null);
    }
    ProbeTargets targets;
    try {
      targets = MAPPER.treeToValue(tree, ProbeTargets.class);
    } catch (JacksonException e) {
      throw new InvalidTargetsException(origin, List.of(e.getOriginalMessage()), e);
    }
    List<String> problems = ProbeTargetsValidator.problems(targets);
    if (!problems.isEmpty()) {
      throw new InvalidTargetsException(origin, problems, null);
    }
    return targets;
  }

  /** The JSON form, as the engine publishes it (tests and tools). */
  public static String toJson(ProbeTargets targets) {
    return MAPPER.writeValueAsString(targets);
  }
}
