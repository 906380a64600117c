package dev.netmark.engine.measurement.builtin;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * How to fix the common CNI failures, recognised in a sandbox's error text (the shim's and local
 * mode's CNI errors carry the plugin type, code, msg and details): an address host-local still
 * holds, a missing plugin binary (an unknown {@code type} has none), a {@code cniVersion} the
 * plugin does not support. docs/your-cni.md has the list.
 */
final class CniHints {
  private record Hint(Pattern match, String fix) {}

  private static final List<Hint> HINTS =
      List.of(
          new Hint(
              Pattern.compile("duplicate allocation|has been allocated to"),
              "host-local's store still holds this address from an earlier run: release it"
                  + " (local mode: --cni-reset-ipam; a node: delete the file named by the address"
                  + " under the network's dataDir, default /var/lib/cni/networks/NETWORK)"),
          new Hint(
              Pattern.compile(
                  "no such file|cannot start|cannot stat|failed to find plugin|not executable"),
              "a plugin binary is missing: check the \"type\" in the conflist (an unknown type"
                  + " has no binary) and the plugin directory (--cni-bin-dir)"),
          new Hint(
              Pattern.compile("version"),
              "the plugin does not support the conflist's cniVersion: set \"cniVersion\" to one"
                  + " the plugin lists for CNI_COMMAND=VERSION"));

  private CniHints() {}

  /** The fix for {@code error}, or null when it is not a common case. */
  static String fix(String error) {
    String e = error.toLowerCase(Locale.ROOT);
    return HINTS.stream()
        .filter(h -> h.match().matcher(e).find())
        .map(Hint::fix)
        .findFirst()
        .orElse(null);
  }

  /** {@code error}, then its fix on a line of its own when there is one. */
  static String withFix(String error, String indent) {
    String fix = fix(error);
    return fix == null ? error : error + "\n" + indent + "fix: " + fix;
  }
}
