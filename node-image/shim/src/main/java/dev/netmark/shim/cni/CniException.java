package dev.netmark.shim.cni;

import java.time.Duration;

/**
 * A CNI operation failed. Carries what a caller records for a failed attempt: the command, the
 * network and container, the plugin at fault and its error ({@code code}, {@code msg}, {@code
 * details} from its error JSON), and how long the operation ran before failing.
 */
public class CniException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Why it failed, for metric labels and for deciding whether a retry can help. */
  public enum Reason {
    /** The plugin reported an error (JSON on stdout, non-zero exit). */
    PLUGIN_ERROR,
    /** The plugin exited non-zero without error JSON; msg holds the stderr tail. */
    PLUGIN_FAILED,
    /** The plugin did not finish within the timeout; it and its children were killed. */
    TIMEOUT,
    /** The plugin succeeded but its output is not a valid result. */
    BAD_OUTPUT,
    /** The plugin wrote more than the output bound; it was killed. */
    OUTPUT_TOO_LARGE,
    /** The plugin could not be started. */
    EXEC_FAILED,
    /** A plugin does not support the configuration's version, or CHECK is not available. */
    UNSUPPORTED,
    /** The result cache could not be read or written. */
    CACHE,
    /** The node has no usable CNI configuration (yet: a CNI DaemonSet may still install it). */
    CONFIG
  }

  private final Reason reason;
  private final String command;
  private final String network;
  private final String containerId;
  private final String pluginType;
  private final int code;
  private final String msg;
  private final String details;
  private final Duration elapsed;

  /** All fields; the message is composed from them. */
  public CniException(
      Reason reason,
      String command,
      String network,
      String containerId,
      String pluginType,
      int code,
      String msg,
      String details,
      Duration elapsed,
      Throwable cause) {
    super(describe(command, network, containerId, pluginType, code, msg, details, elapsed), cause);
    this.reason = reason;
    this.command = command;
    this.network = network;
    this.containerId = containerId;
    this.pluginType = pluginType;
    this.code = code;
    this.msg = msg;
    this.details = details;
    this.elapsed = elapsed;
  }

  private static String describe(
      String command,
      String network,
      String containerId,
      String pluginType,
      int code,
      String msg,
      String details,
      Duration elapsed) {
    StringBuilder s = new StringBuilder("CNI ").append(command).append(" of network ");
    s.append(network).append(" for container ").append(containerId);
    if (pluginType != null) {
      s.append(": plugin ").append(pluginType);
    }
    s.append(" failed after ").append(elapsed.toMillis()).append(" ms: ");
    if (code != 0) {
      s.append("[code ").append(code).append("] ");
    }
    s.append(msg);
    if (details != null && !details.isEmpty()) {
      s.append(" (").append(details).append(')');
    }
    return s.toString();
  }

  /** Why it failed. */
  public Reason reason() {
    return reason;
  }

  /** ADD, CHECK, DEL or VERSION. */
  public String command() {
    return command;
  }

  /** The network name of the configuration. */
  public String network() {
    return network;
  }

  /** The container id of the request (empty for VERSION). */
  public String containerId() {
    return containerId;
  }

  /** The plugin type at fault, or null when no plugin was (e.g. the result cache). */
  public String pluginType() {
    return pluginType;
  }

  /** The plugin's CNI error code, 0 when it gave none. */
  public int code() {
    return code;
  }

  /** The plugin's message (or ours: timeout, exit status and stderr tail, parse error). */
  public String msg() {
    return msg;
  }

  /** The plugin's details, or empty. */
  public String details() {
    return details;
  }

  /** Time from the start of the operation to the failure. */
  public Duration elapsed() {
    return elapsed;
  }
}
