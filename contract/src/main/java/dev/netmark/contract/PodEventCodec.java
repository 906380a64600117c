package dev.netmark.contract;

import dev.netmark.contract.json.JsonNode;
import dev.netmark.contract.json.JsonRecords;
import dev.netmark.contract.json.JsonTree;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;

/**
 * Reads and writes {@link PodEvent}s as single-line JSON, the format of {@code /records}: the
 * record's fields in their declared order, nulls written, maps in their iteration order.
 */
public final class PodEventCodec {
  private PodEventCodec() {}

  /** One line of JSON, without the newline. */
  public static String toJson(PodEvent event) {
    StringWriter out = new StringWriter();
    try (JsonGenerator g = JsonTree.FACTORY.createGenerator(ObjectWriteContext.empty(), out)) {
      g.writeStartObject();
      g.writeNumberProperty("seq", event.seq());
      g.writeStringProperty("kind", event.kind().name());
      g.writeStringProperty("node", event.node());
      g.writeStringProperty("namespace", event.namespace());
      g.writeStringProperty("name", event.name());
      g.writeStringProperty("uid", event.uid());
      g.writeStringProperty("ip", event.ip());
      g.writeNumberProperty("attempt", event.attempt());
      g.writeNumberProperty("wallMs", event.wallMs());
      writeDoubles(g, "seconds", event.seconds());
      g.writeStringProperty("error", event.error());
      writeDoubles(g, "traffic", event.traffic());
      g.writeName("requests");
      if (event.requests() == null) {
        g.writeNull();
      } else {
        writeRequests(g, event.requests());
      }
      g.writeEndObject();
    }
    return out.toString();
  }

  private static void writeRequests(JsonGenerator g, RequestStats r) {
    g.writeStartObject();
    g.writeStringProperty("edge", r.edge());
    g.writeStringProperty("protocol", r.protocol());
    g.writeStringProperty("via", r.via());
    g.writeNumberProperty("secondMs", r.secondMs());
    g.writeNumberProperty("requests", r.requests());
    g.writeName("latencyMs");
    g.writeStartArray();
    for (double ms : r.latencyMs()) {
      g.writeNumber(ms);
    }
    g.writeEndArray();
    g.writeNumberProperty("answered", r.answered());
    writeInts(g, "errors", r.errors());
    writeInts(g, "errorTargets", r.errorTargets());
    g.writeEndObject();
  }

  private static void writeDoubles(JsonGenerator g, String name, Map<String, Double> values) {
    g.writeName(name);
    g.writeStartObject();
    values.forEach(g::writeNumberProperty);
    g.writeEndObject();
  }

  private static void writeInts(JsonGenerator g, String name, Map<String, Integer> values) {
    g.writeName(name);
    g.writeStartObject();
    values.forEach(g::writeNumberProperty);
    g.writeEndObject();
  }

  /**
   * Parses one line. Unknown fields are ignored so an older engine can read a newer shim's records;
   * a missing field is null, empty or 0.
   *
   * @throws IllegalArgumentException naming the problem when the line is not a pod event
   */
  public static PodEvent fromJson(String line) {
    try {
      JsonRecords.Fields f = JsonRecords.fields(JsonTree.parse(line), "");
      JsonNode requests = f.node("requests");
      return new PodEvent(
          f.longValue("seq"),
          f.enumValue("kind", EventKind.class),
          f.string("node"),
          f.string("namespace"),
          f.string("name"),
          f.string("uid"),
          f.string("ip"),
          f.intValue("attempt"),
          f.longValue("wallMs"),
          f.doubles("seconds"),
          f.string("error"),
          f.doubles("traffic"),
          requests == null ? null : requests(JsonRecords.fields(requests, "requests.")));
    } catch (JacksonException e) {
      throw new IllegalArgumentException("not a netmark pod event: " + e.getOriginalMessage(), e);
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new IllegalArgumentException("not a netmark pod event: " + e.getMessage(), e);
    }
  }

  private static RequestStats requests(JsonRecords.Fields f) {
    List<Double> latencies = f.list("latencyMs", JsonRecords::doubleOf);
    return new RequestStats(
        f.string("edge"),
        f.string("protocol"),
        f.string("via"),
        f.longValue("secondMs"),
        f.intValue("requests"),
        latencies,
        f.intValue("answered"),
        f.map("errors", JsonRecords::intOf),
        f.map("errorTargets", JsonRecords::intOf));
  }
}
