package dev.netmark.shim.metrics;

import dev.netmark.contract.MetricNames;

/**
 * How probe events name their class: a PROBE carries {@code probe_<target>} in its seconds, a
 * PROBE_FAILED has an error starting with {@code <target>: }.
 */
public final class ProbeEvents {
  private static final String KEY_PREFIX = MetricNames.probeKey("");

  private ProbeEvents() {}

  /** The error text of a PROBE_FAILED event for {@code target}. */
  public static String failureMessage(String target, String detail) {
    return target + ": " + detail;
  }

  static String targetOfKey(String key) {
    if (!key.startsWith(KEY_PREFIX)) {
      return null;
    }
    String target = key.substring(KEY_PREFIX.length());
    return MetricNames.PROBE_TARGETS.contains(target) ? target : null;
  }

  static String targetOfError(String error) {
    if (error == null) {
      return null;
    }
    int colon = error.indexOf(':');
    String target = colon < 0 ? error : error.substring(0, colon);
    return MetricNames.PROBE_TARGETS.contains(target) ? target : null;
  }
}
