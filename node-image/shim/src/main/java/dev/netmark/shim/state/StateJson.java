package dev.netmark.shim.state;

import dev.netmark.contract.json.ArrayNode;
import dev.netmark.contract.json.JsonNode;
import dev.netmark.contract.json.JsonRecords;
import dev.netmark.contract.json.JsonRecords.Fields;
import dev.netmark.contract.json.JsonTree;
import dev.netmark.contract.json.ObjectNode;
import java.util.Map;

/**
 * The state files' JSON: each record's fields in their declared order, nulls written, as Jackson's
 * databind wrote them before (a state directory survives an upgrade). Reading ignores unknown
 * fields, so an older shim reads a newer one's files; a missing field is null, empty or 0.
 */
final class StateJson {
  private StateJson() {}

  static String write(SandboxEntry s) {
    ObjectNode o = new ObjectNode().put("id", s.id());
    PodIdentity pod = s.pod();
    o.putObject("pod")
        .put("namespace", pod.namespace())
        .put("name", pod.name())
        .put("uid", pod.uid())
        .put("attempt", pod.attempt());
    strings(o.putObject("labels"), s.labels());
    strings(o.putObject("annotations"), s.annotations());
    o.put("runtimeHandler", s.runtimeHandler())
        .put("createdAtNanos", s.createdAtNanos())
        .put("netnsPath", s.netnsPath())
        .put("ip", s.ip())
        .put("cniResultJson", s.cniResultJson())
        .set("capabilityArgs", JsonTree.fromJava(s.capabilityArgs()));
    o.put("addAttempt", s.addAttempt())
        .put("ready", s.ready())
        .put("networkDeleted", s.networkDeleted());
    ArrayNode containers = o.putArray("containers");
    s.containers().forEach(c -> write(containers.addObject(), c));
    return JsonTree.write(o);
  }

  private static void write(ObjectNode o, ContainerEntry c) {
    o.put("id", c.id())
        .put("sandboxId", c.sandboxId())
        .put("name", c.name())
        .put("attempt", c.attempt())
        .put("image", c.image())
        .put("imageRef", c.imageRef());
    strings(o.putObject("labels"), c.labels());
    strings(o.putObject("annotations"), c.annotations());
    c.command().forEach(o.putArray("command")::add);
    c.args().forEach(o.putArray("args")::add);
    o.put("logPath", c.logPath())
        .put("phase", c.phase().name())
        .put("createdAtNanos", c.createdAtNanos())
        .put("startedAtNanos", c.startedAtNanos())
        .put("finishedAtNanos", c.finishedAtNanos())
        .put("exitCode", c.exitCode())
        .put("reason", c.reason())
        .put("message", c.message());
  }

  static String write(AddAttempts a) {
    ObjectNode o =
        new ObjectNode()
            .put("uid", a.uid())
            .put("attempts", a.attempts())
            .put("firstStartNanos", a.firstStartNanos())
            .put("firstStartWallMs", a.firstStartWallMs())
            .put("bootId", a.bootId());
    AddAttempts.InFlight f = a.inFlight();
    if (f == null) {
      o.set("inFlight", null);
    } else {
      o.putObject("inFlight")
          .put("sandbox", f.sandbox())
          .put("netns", f.netns())
          .put("podNamespace", f.podNamespace())
          .put("podName", f.podName());
    }
    return JsonTree.write(o);
  }

  private static void strings(ObjectNode o, Map<String, String> values) {
    values.forEach(o::put);
  }

  /**
   * Reads a sandbox file's tree.
   *
   * @throws IllegalArgumentException or NullPointerException naming what is wrong
   */
  static SandboxEntry sandbox(JsonNode tree) {
    Fields f = JsonRecords.fields(tree, "");
    return new SandboxEntry(
        f.string("id"),
        f.object(
            "pod",
            p ->
                new PodIdentity(
                    p.string("namespace"),
                    p.string("name"),
                    p.string("uid"),
                    p.intValue("attempt"))),
        f.map("labels", JsonRecords::stringOf),
        f.map("annotations", JsonRecords::stringOf),
        f.string("runtimeHandler"),
        f.longValue("createdAtNanos"),
        f.string("netnsPath"),
        f.string("ip"),
        f.string("cniResultJson"),
        f.map("capabilityArgs", (v, where) -> JsonTree.toJava(v)),
        f.intValue("addAttempt"),
        f.booleanValue("ready"),
        f.booleanValue("networkDeleted"),
        f.list("containers", (v, where) -> container(JsonRecords.fields(v, where + "."))));
  }

  private static ContainerEntry container(Fields f) {
    return new ContainerEntry(
        f.string("id"),
        f.string("sandboxId"),
        f.string("name"),
        f.intValue("attempt"),
        f.string("image"),
        f.string("imageRef"),
        f.map("labels", JsonRecords::stringOf),
        f.map("annotations", JsonRecords::stringOf),
        f.list("command", JsonRecords::stringOf),
        f.list("args", JsonRecords::stringOf),
        f.string("logPath"),
        f.enumValue("phase", ContainerPhase.class),
        f.longValue("createdAtNanos"),
        f.longValue("startedAtNanos"),
        f.longValue("finishedAtNanos"),
        f.intValue("exitCode"),
        f.string("reason"),
        f.string("message"));
  }

  /** Reads an attempts file's tree. */
  static AddAttempts attempts(JsonNode tree) {
    Fields f = JsonRecords.fields(tree, "");
    return new AddAttempts(
        f.string("uid"),
        f.intValue("attempts"),
        f.longValue("firstStartNanos"),
        f.longValue("firstStartWallMs"),
        f.string("bootId"),
        f.object(
            "inFlight",
            i ->
                new AddAttempts.InFlight(
                    i.string("sandbox"),
                    i.string("netns"),
                    i.string("podNamespace"),
                    i.string("podName"))));
  }
}
