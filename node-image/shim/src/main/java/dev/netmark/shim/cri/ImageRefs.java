package dev.netmark.shim.cri;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Image references for netperf containers, which never run an image: PullImage of a netperf pod
 * answers a digest derived from the image name (the same name always gets the same reference), and
 * ImageStatus of such a reference describes it, so kubelet's image checks pass without a pull.
 */
final class ImageRefs {
  private static final int SIZE_BYTES = 1;
  private final Map<String, String> nameOfRef = new ConcurrentHashMap<>();

  /** The reference for {@code image}, remembered for {@link #nameOf}. */
  String refFor(String image) {
    String ref = "sha256:" + sha256("netmark-netperf-image\0" + image);
    nameOfRef.put(ref, image);
    return ref;
  }

  /** The image name behind a reference the shim handed out. */
  Optional<String> nameOf(String ref) {
    return Optional.ofNullable(nameOfRef.get(ref));
  }

  /** Remembers a reference loaded from state (containers created before a restart). */
  void remember(String ref, String image) {
    if (!ref.isEmpty()) {
      nameOfRef.put(ref, image);
    }
  }

  /** The size reported for these images; CRI requires it to be positive. */
  static long size() {
    return SIZE_BYTES;
  }

  private static String sha256(String text) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
