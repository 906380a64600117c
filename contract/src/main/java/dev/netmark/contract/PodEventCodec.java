package dev.netmark.contract;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/** Reads and writes {@link PodEvent}s as single-line JSON, the format of {@code /records}. */
public final class PodEventCodec {
  // Unknown fields are ignored so an older engine can read a newer shim's records.
  private static final ObjectMapper MAPPER =
      JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  private PodEventCodec() {}

  /** One line of JSON, without the newline. */
  public static String toJson(PodEvent event) {
    return MAPPER.writeValueAsString(event);
  }

  /**
   * Parses one line.
   *
   * @throws IllegalArgumentException naming the problem when the line is not a pod event
   */
  public static PodEvent fromJson(String line) {
    try {
      return MAPPER.readValue(line, PodEvent.class);
    } catch (JacksonException e) {
      throw new IllegalArgumentException("not a netmark pod event: " + e.getOriginalMessage(), e);
    }
  }
}
