package dev.netmark.shim.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/** A minimal OCI image archive (one empty layer), for a containerd without a registry. */
public final class OciArchive {
  private OciArchive() {}

  /**
   * Writes an archive of image {@code name} (e.g. {@code docker.io/nmcri/test:1}) into {@code dir}.
   */
  public static Path write(Path dir, String name) throws IOException, InterruptedException {
    Path layout = Files.createDirectories(dir.resolve("layout"));
    Path blobs = Files.createDirectories(layout.resolve("blobs/sha256"));
    byte[] tar = new byte[1024]; // an empty tar: two zero blocks
    byte[] layer = gzip(tar);
    String layerDigest = blob(blobs, layer);
    String config =
        """
        {"architecture":"amd64","os":"linux","config":{"Cmd":["/pause"]},\
        "rootfs":{"type":"layers","diff_ids":["sha256:%s"]}}\
        """
            .formatted(sha256(tar));
    byte[] configBytes = config.getBytes(StandardCharsets.UTF_8);
    String configDigest = blob(blobs, configBytes);
    String manifest =
        """
        {"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json",\
        "config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"sha256:%s","size":%d},\
        "layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip","digest":"sha256:%s","size":%d}]}\
        """
            .formatted(configDigest, configBytes.length, layerDigest, layer.length);
    byte[] manifestBytes = manifest.getBytes(StandardCharsets.UTF_8);
    String manifestDigest = blob(blobs, manifestBytes);
    Files.writeString(layout.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
    Files.writeString(
        layout.resolve("index.json"),
        """
        {"schemaVersion":2,"manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json",\
        "digest":"sha256:%s","size":%d,"platform":{"architecture":"amd64","os":"linux"},\
        "annotations":{"io.containerd.image.name":"%s"}}]}\
        """
            .formatted(manifestDigest, manifestBytes.length, name));
    Path archive = dir.resolve("image.tar");
    Commands.run(List.of("tar", "-C", layout.toString(), "-cf", archive.toString(), "."));
    return archive;
  }

  private static String blob(Path blobs, byte[] content) throws IOException {
    String digest = sha256(content);
    Files.write(blobs.resolve(digest), content);
    return digest;
  }

  private static byte[] gzip(byte[] data) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(data);
    }
    return out.toByteArray();
  }

  private static String sha256(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
