package dev.netmark.shim.state;

import java.util.regex.Pattern;

/**
 * A pod as kubelet names it in the sandbox metadata. Checked on the way in because the values reach
 * CNI_ARGS, file names and records.
 *
 * @param namespace the pod's namespace
 * @param name the pod's name
 * @param uid the pod's UID, the key across kubelet retries
 * @param attempt kubelet's sandbox attempt number
 */
public record PodIdentity(String namespace, String name, String uid, int attempt) {
  // Kubernetes names are DNS subdomains/labels; UIDs are UUIDs (or hashes for static pods).
  private static final Pattern NAME = Pattern.compile("[a-z0-9]([a-z0-9.-]{0,251}[a-z0-9])?");
  private static final Pattern UID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,127}");

  public PodIdentity {
    check("namespace", namespace, NAME);
    check("name", name, NAME);
    check("uid", uid, UID);
    if (attempt < 0) {
      throw new IllegalArgumentException("pod attempt must not be negative: " + attempt);
    }
  }

  /** Whether {@code uid} is usable as a pod UID (it names a file). */
  public static boolean isValidUid(String uid) {
    return uid != null && UID.matcher(uid).matches();
  }

  private static void check(String field, String value, Pattern pattern) {
    if (value == null || !pattern.matcher(value).matches()) {
      throw new IllegalArgumentException(
          "invalid pod " + field + " '" + value + "': expected " + pattern.pattern());
    }
  }

  @Override
  public String toString() {
    return namespace + "/" + name + " (uid " + uid + ")";
  }
}
