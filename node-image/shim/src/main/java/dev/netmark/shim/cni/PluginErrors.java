package dev.netmark.shim.cni;

import dev.netmark.contract.json.JsonNode;
import dev.netmark.contract.json.ObjectNode;

/** Turns a failed plugin's output into a {@link PluginFailure}, like libcni's pluginErr. */
final class PluginErrors {
  private static final int MAX_SHOWN = 2048;

  private PluginErrors() {}

  /** The error for exit status {@code exit}: error JSON on stdout first, stderr as fallback. */
  static PluginFailure fromExit(int exit, String stdout, String stderrTail) {
    String status = exitStatus(exit);
    if (!stdout.isBlank()) {
      ObjectNode error;
      try {
        error = Json.object(stdout);
      } catch (IllegalArgumentException e) {
        return new PluginFailure(
            CniException.Reason.PLUGIN_FAILED,
            0,
            status
                + "; its output is not error JSON ("
                + e.getMessage()
                + "): "
                + Json.abbreviate(stdout, MAX_SHOWN)
                + stderrSuffix(stderrTail),
            "");
      }
      JsonNode code = error.get("code");
      String msg = text(error.get("msg"));
      return new PluginFailure(
          CniException.Reason.PLUGIN_ERROR,
          code != null && code.canConvertToInt() ? code.intValue() : 0,
          msg.isEmpty()
              ? status + " with error JSON without msg: " + Json.abbreviate(stdout, 512)
              : msg,
          text(error.get("details")));
    }
    if (!stderrTail.isBlank()) {
      return new PluginFailure(
          CniException.Reason.PLUGIN_FAILED, 0, status + ": " + stderrTail.strip(), "");
    }
    return new PluginFailure(
        CniException.Reason.PLUGIN_FAILED, 0, status + " with no error message", "");
  }

  private static String exitStatus(int exit) {
    // A process killed by signal N is reported by Java as 128+N.
    return exit > 128
        ? "exited with status " + exit + " (signal " + (exit - 128) + "?)"
        : "exited with status " + exit;
  }

  private static String stderrSuffix(String stderrTail) {
    return stderrTail.isBlank() ? "" : "; stderr: " + stderrTail.strip();
  }

  private static String text(JsonNode node) {
    if (node == null || node.isNull()) {
      return "";
    }
    return node.isString() ? node.stringValue() : node.toString();
  }
}
