package dev.netmark.shim.cni;

import java.util.List;
import java.util.regex.Pattern;

/** CNI specification versions: comparison and result-format families. */
final class CniVersions {
  /** Versions this runtime can drive, oldest first. */
  static final List<String> SUPPORTED =
      List.of("0.1.0", "0.2.0", "0.3.0", "0.3.1", "0.4.0", "1.0.0", "1.1.0");

  private static final Pattern SEMVER = Pattern.compile("\\d+\\.\\d+\\.\\d+");

  /** Result formats: 0.1/0.2 ({@code ip4}), 0.3.x/0.4.0 ({@code ips[].version}), 1.x. */
  enum Family {
    LEGACY,
    V03,
    V1
  }

  private CniVersions() {}

  static boolean isValid(String v) {
    return v != null && SEMVER.matcher(v).matches();
  }

  static int compare(String a, String b) {
    String[] x = a.split("\\.");
    String[] y = b.split("\\.");
    for (int i = 0; i < 3; i++) {
      int c = Integer.compare(Integer.parseInt(x[i]), Integer.parseInt(y[i]));
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }

  static boolean atLeast(String v, String min) {
    return compare(v, min) >= 0;
  }

  static Family family(String v) {
    if (compare(v, "0.3.0") < 0) {
      return Family.LEGACY;
    }
    return compare(v, "1.0.0") < 0 ? Family.V03 : Family.V1;
  }
}
