package dev.netmark.shim.targets;

import dev.netmark.contract.AppTier;
import dev.netmark.contract.ProbeTargets;
import dev.netmark.contract.ProbeTargets.ProbePolicy;
import dev.netmark.contract.json.ArrayNode;
import dev.netmark.contract.json.JsonNode;
import dev.netmark.contract.json.JsonRecords;
import dev.netmark.contract.json.JsonTree;
import dev.netmark.contract.json.ObjectNode;
import java.util.List;
import tools.jackson.core.JacksonException;

/** Reads the ConfigMap's JSON (or a {@code --probe-targets} file) into validated targets. */
public final class ProbeTargetsJson {
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
      tree = JsonTree.parse(json);
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
      targets = read(JsonRecords.fields(tree, ""));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new InvalidTargetsException(origin, List.of(String.valueOf(e.getMessage())), e);
    }
    List<String> problems = ProbeTargetsValidator.problems(targets);
    if (!problems.isEmpty()) {
      throw new InvalidTargetsException(origin, problems, null);
    }
    return targets;
  }

  /** The JSON form, as the engine publishes it (tests and tools). */
  public static String toJson(ProbeTargets targets) {
    ObjectNode o = new ObjectNode();
    ObjectNode pods = o.putObject("controlPods");
    targets.controlPods().forEach((node, ips) -> strings(pods.putArray(node), ips));
    o.put("controlHttpPort", targets.controlHttpPort())
        .put("controlIperfPort", targets.controlIperfPort())
        .put("serviceIp", targets.serviceIp())
        .put("servicePort", targets.servicePort())
        .put("externalIp", targets.externalIp())
        .put("externalUrl", targets.externalUrl());
    ProbePolicy p = targets.policy();
    ObjectNode policy =
        o.putObject("policy")
            .put("remoteNodes", p.remoteNodes())
            .put("serviceHttpCount", p.serviceHttpCount())
            .put("servicePing", p.servicePing())
            .put("intervalMs", p.intervalMs())
            .put("timeoutMs", p.timeoutMs());
    strings(policy.putArray("classes"), p.classes());
    o.put("version", targets.version());
    ObjectNode apps = o.putObject("applications");
    targets
        .applications()
        .forEach(
            (key, tier) ->
                strings(
                    apps.putObject(key)
                        .put("serviceIp", tier.serviceIp())
                        .put("port", tier.port())
                        .put("serves", tier.serves())
                        .putArray("pods"),
                    tier.pods()));
    return JsonTree.write(o);
  }

  private static void strings(ArrayNode array, List<String> values) {
    values.forEach(array::add);
  }

  // The record as Jackson's databind bound it: unknown fields ignored (a newer engine may publish
  // fields an older shim does not know), missing ones null or 0.
  private static ProbeTargets read(JsonRecords.Fields f) {
    return new ProbeTargets(
        f.map("controlPods", JsonRecords.listOf(JsonRecords::stringOf)),
        f.intValue("controlHttpPort"),
        f.intValue("controlIperfPort"),
        f.string("serviceIp"),
        f.intValue("servicePort"),
        f.string("externalIp"),
        f.string("externalUrl"),
        f.object(
            "policy",
            p ->
                new ProbePolicy(
                    p.intValue("remoteNodes"),
                    p.intValue("serviceHttpCount"),
                    p.booleanValue("servicePing"),
                    p.longValue("intervalMs"),
                    p.longValue("timeoutMs"),
                    p.list("classes", JsonRecords::stringOf))),
        f.intValue("version"),
        f.map(
            "applications",
            (v, where) -> {
              JsonRecords.Fields t = JsonRecords.fields(v, where + ".");
              return new AppTier(
                  t.string("serviceIp"),
                  t.intValue("port"),
                  t.string("serves"),
                  t.list("pods", JsonRecords::stringOf));
            }));
  }
}
