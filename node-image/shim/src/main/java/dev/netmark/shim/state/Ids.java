package dev.netmark.shim.state;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Sandbox and container ids: 64 lowercase hex characters, like containerd's, so kubelet, crictl and
 * log paths treat them alike. They also name state files, so every id read from a request is
 * checked against {@link #PATTERN} before it is used.
 */
public final class Ids {
  /** What an id of the shim looks like. */
  public static final Pattern PATTERN = Pattern.compile("[0-9a-f]{64}");

  private static final SecureRandom RANDOM = new SecureRandom();

  private Ids() {}

  /** A fresh random id. */
  public static String newId() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  /** Whether {@code id} has the shape of an id the shim hands out. */
  public static boolean isValid(String id) {
    return id != null && PATTERN.matcher(id).matches();
  }

  /** Returns {@code id}, or throws naming it when it is not a valid id. */
  public static String requireValid(String id) {
    if (!isValid(id)) {
      throw new IllegalArgumentException(
          "invalid id '" + id + "': expected 64 lowercase hex chars");
    }
    return id;
  }
}
