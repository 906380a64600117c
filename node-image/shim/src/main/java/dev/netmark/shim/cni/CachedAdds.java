package dev.netmark.shim.cni;

import dev.netmark.contract.json.JsonNode;
import dev.netmark.contract.json.JsonTree;
import dev.netmark.contract.json.ObjectNode;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Reads the result cache without a runtime: what an ADD left for a container, when the shim's own
 * state file of it was lost (docs/design.md, "Faults").
 */
public final class CachedAdds {
  /**
   * One cache entry.
   *
   * @param netns the namespace the ADD ran in
   * @param cniArgs {@code CNI_ARGS} of the ADD ({@code K8S_POD_NAMESPACE}, {@code K8S_POD_NAME},
   *     {@code K8S_POD_UID}, ...)
   * @param capabilityArgs its {@code runtimeConfig} values
   * @param result the final result, parsed
   */
  public record CachedAdd(
      String netns,
      Map<String, String> cniArgs,
      Map<String, Object> capabilityArgs,
      CniResult result) {}

  private CachedAdds() {}

  /**
   * The entry of {@code containerId} in {@code dir}, whatever the network; empty when there is
   * none.
   *
   * @throws IOException when the directory or the file cannot be read
   * @throws IllegalArgumentException naming the file when it is not a cache entry
   */
  public static Optional<CachedAdd> find(Path dir, String containerId) throws IOException {
    if (!Files.isDirectory(dir)) {
      return Optional.empty();
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*-" + containerId + "-*")) {
      for (Path file : files) {
        if (!file.getFileName().toString().startsWith(".")) { // not a write's temporary file
          return Optional.of(read(file));
        }
      }
    }
    return Optional.empty();
  }

  private static CachedAdd read(Path file) throws IOException {
    try {
      ObjectNode entry = Json.object(Files.readString(file));
      if (!(entry.get("result") instanceof ObjectNode result)) {
        throw new IllegalArgumentException("no result object in the cache entry");
      }
      Map<String, String> args = new LinkedHashMap<>();
      JsonNode pairs = entry.path("cniArgs");
      for (JsonNode pair : pairs) {
        args.put(pair.path(0).asString(), pair.path(1).asString());
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> capabilities =
          entry.has("capabilityArgs")
              ? (Map<String, Object>) JsonTree.toJava(entry.get("capabilityArgs"))
              : Map.of();
      String version = Json.string(result, "cniVersion", "result.");
      return new CachedAdd(
          Json.string(entry, "netns", ""),
          args,
          capabilities,
          ResultParser.parse(result, version == null ? "0.4.0" : version));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
    }
  }
}
