package dev.netmark.measurements.source.prometheus;

import dev.netmark.measurements.source.PrometheusTextParser;
import dev.netmark.measurements.source.Sample;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the JSON of Prometheus's {@code /api/v1/query}: {@code {"status":"success","data":
 * {"resultType":..., "result":...}}} or {@code {"status":"error","errorType":...,"error":...}}.
 * Every problem is an {@link IllegalArgumentException} saying what was expected and found; the
 * caller adds the URL and the query.
 */
final class PromResponse {
  private static final JsonMapper JSON = new JsonMapper();
  private static final int EXCERPT = 200;

  private PromResponse() {}

  /** The samples of a {@code vector} result, {@code __name__} as the name ("" when dropped). */
  static List<Sample> vector(int status, String body) {
    List<Sample> out = new ArrayList<>();
    for (JsonNode item : result(status, body, "vector")) {
      Map<String, String> labels = new LinkedHashMap<>();
      item.path("metric")
          .properties()
          .forEach(e -> labels.put(e.getKey(), e.getValue().asString()));
      String name = labels.remove("__name__");
      out.add(new Sample(name == null ? "" : name, labels, value(item.path("value"))));
    }
    return out;
  }

  /** The value of a {@code scalar} result. */
  static double scalar(int status, String body) {
    return value(result(status, body, "scalar"));
  }

  private static JsonNode result(int status, String body, String expectedType) {
    JsonNode root;
    try {
      root = JSON.readTree(body);
    } catch (JacksonException e) {
      throw new IllegalArgumentException(
          "HTTP " + status + ", not Prometheus JSON: " + excerpt(body));
    }
    if (!root.isObject()) {
      throw new IllegalArgumentException(
          "HTTP " + status + ", not Prometheus JSON: " + excerpt(body));
    }
    String outcome = root.path("status").asString("");
    if (status != 200 || !outcome.equals("success")) {
      String type = root.path("errorType").asString("");
      String error = root.path("error").asString("");
      throw new IllegalArgumentException(
          "HTTP "
              + status
              + (type.isEmpty() && error.isEmpty()
                  ? ", status '" + outcome + "': " + excerpt(body)
                  : " " + type + ": " + error));
    }
    String type = root.path("data").path("resultType").asString("");
    if (!type.equals(expectedType)) {
      throw new IllegalArgumentException(
          "expected resultType " + expectedType + ", found '" + type + "'");
    }
    JsonNode result = root.path("data").path("result");
    if (!result.isArray()) {
      throw new IllegalArgumentException("data.result is not an array: " + excerpt(body));
    }
    return result;
  }

  /** A {@code [unix seconds, "value"]} pair; Prometheus writes values as strings. */
  private static double value(JsonNode pair) {
    if (!pair.isArray() || pair.size() != 2 || !pair.get(1).isString()) {
      throw new IllegalArgumentException(
          "expected a value [time, \"number\"], found " + excerpt(pair.toString()));
    }
    return PrometheusTextParser.parseValue(pair.get(1).asString());
  }

  private static String excerpt(String text) {
    String flat = text.strip().replaceAll("\\s+", " ");
    return flat.length() <= EXCERPT ? "'" + flat + "'" : "'" + flat.substring(0, EXCERPT) + "...'";
  }
}
