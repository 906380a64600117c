package dev.netmark.shim.cni;

import dev.netmark.contract.json.ArrayNode;
import dev.netmark.contract.json.JsonTree;
import dev.netmark.contract.json.ObjectNode;
import dev.netmark.shim.state.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * Final ADD results on disk, one file per network, container and interface, in libcni's {@code
 * cniCacheV1} layout, so CHECK and DEL work after a restart of the shim.
 */
final class ResultCache {
  private final Path dir;

  ResultCache(Path dir) {
    this.dir = dir;
  }

  Path file(String network, CniRequest request) {
    // Every part is validated (network name, container id, ifname): no '/' can get in.
    return dir.resolve(network + "-" + request.containerId() + "-" + request.ifName());
  }

  void put(String network, CniRequest request, ObjectNode result) throws IOException {
    if (!Files.isDirectory(dir)) {
      Files.createDirectories(
          dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    }
    ObjectNode entry = new ObjectNode();
    entry.put("kind", "cniCacheV1");
    entry.put("containerId", request.containerId());
    entry.put("ifName", request.ifName());
    entry.put("networkName", network);
    entry.put("netns", request.netns().toString());
    ArrayNode args = entry.putArray("cniArgs");
    for (String pair : request.cniArgs().split(";")) {
      String[] kv = pair.split("=", 2);
      args.addArray().add(kv[0]).add(kv.length > 1 ? kv[1] : "");
    }
    entry.set("capabilityArgs", JsonTree.fromJava(request.capabilityArgs()));
    entry.set("result", result);
    // Renamed into place, as libcni's cache but never torn: a restarted shim's DEL finds it.
    AtomicFiles.write(file(network, request), Json.write(entry).getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The cached result, or empty when there is none.
   *
   * @throws IllegalArgumentException when the file exists but is not a cache entry
   */
  Optional<ObjectNode> get(String network, CniRequest request) throws IOException {
    Path file = file(network, request);
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
    ObjectNode entry;
    try {
      entry = Json.object(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
    }
    if (!(entry.get("result") instanceof ObjectNode result)) {
      throw new IllegalArgumentException(file + ": no result object in the cache entry");
    }
    return Optional.of(result);
  }

  void delete(String network, CniRequest request) throws IOException {
    Files.deleteIfExists(file(network, request));
  }
}
