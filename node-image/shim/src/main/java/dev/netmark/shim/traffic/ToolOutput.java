package dev.netmark.shim.traffic;

import dev.netmark.contract.json.JsonNode;
import dev.netmark.contract.json.JsonTree;
import dev.netmark.shim.metrics.TrafficKeys;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;

/** Reads a tool's stdout into {@link TrafficKeys} results. */
final class ToolOutput {
  private static final Pattern PING_LOSS = Pattern.compile("([0-9.]+)% packet loss");
  private static final Pattern PING_RTT =
      Pattern.compile("rtt min/avg/max/mdev = [0-9.]+/([0-9.]+)/[0-9.]+/[0-9.]+ ms");
  private static final Pattern HTTP_CODE = Pattern.compile("([0-9]{3})\\s*$");

  /**
   * @param results what was read
   * @param error what the tool reported as its failure, or null
   */
  record Parsed(Map<String, Double> results, String error) {
    /** iperf3 was turned away by a server serving another client; it measured nothing. */
    boolean serverBusy() {
      return error != null && error.startsWith(IPERF3_BUSY);
    }
  }

  /** How iperf3 (3.x, in its JSON {@code error}) says its server serves another client. */
  static final String IPERF3_BUSY = "the server is busy";

  private ToolOutput() {}

  static Parsed parse(Tool tool, String stdout) {
    return switch (tool) {
      case IPERF3 -> iperf3(stdout);
      case PING -> ping(stdout);
      case CURL -> curl(stdout);
    };
  }

  static Parsed iperf3(String json) {
    Map<String, Double> r = new HashMap<>();
    JsonNode root;
    try {
      root = JsonTree.parse(json);
    } catch (JacksonException e) {
      return new Parsed(r, "iperf3 printed no JSON result: " + e.getOriginalMessage());
    }
    if (root == null || !root.isObject()) {
      return new Parsed(r, "iperf3 printed no JSON result");
    }
    String error = root.path("error").isString() ? root.path("error").asString() : null;
    JsonNode end = root.path("end");
    JsonNode protocol = root.path("start").path("test_start").path("protocol");
    boolean udp = protocol.isString() && protocol.asString().equals("UDP");
    // The receiver's side is what crossed the network (iperf3 3.12 reports it for UDP too).
    JsonNode received = end.has("sum_received") ? end.path("sum_received") : end.path("sum");
    put(r, TrafficKeys.BITS_PER_SECOND, received.path("bits_per_second"));
    if (udp) {
      put(r, TrafficKeys.JITTER_MS, received.path("jitter_ms"));
      put(r, TrafficKeys.LOST_PERCENT, received.path("lost_percent"));
    } else {
      // Retransmits are counted by the sender.
      put(r, TrafficKeys.RETRANSMITS, end.path("sum_sent").path("retransmits"));
    }
    return new Parsed(r, error);
  }

  static Parsed ping(String text) {
    Map<String, Double> r = new HashMap<>();
    Matcher loss = PING_LOSS.matcher(text);
    if (loss.find()) {
      r.put(TrafficKeys.LOST_PERCENT, Double.parseDouble(loss.group(1)));
    }
    Matcher rtt = PING_RTT.matcher(text);
    if (rtt.find()) {
      r.put(TrafficKeys.RTT_AVG_MS, Double.parseDouble(rtt.group(1)));
    }
    return new Parsed(r, null);
  }

  static Parsed curl(String text) {
    Map<String, Double> r = new HashMap<>();
    Matcher code = HTTP_CODE.matcher(text);
    if (code.find()) {
      r.put(TrafficKeys.HTTP_CODE, Double.parseDouble(code.group(1)));
    }
    return new Parsed(r, null);
  }

  private static void put(Map<String, Double> r, String key, JsonNode value) {
    if (value.isNumber()) {
      r.put(key, value.asDouble());
    }
  }
}
