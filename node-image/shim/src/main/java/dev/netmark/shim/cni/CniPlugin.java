package dev.netmark.shim.cni;

import dev.netmark.contract.json.ObjectNode;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Set;

/**
 * One entry of a network configuration list.
 *
 * @param type the plugin type (its binary name)
 * @param binary where the binary was found in the CNI bin dirs
 * @param capabilities the capabilities the entry declares as {@code true} (e.g. {@code
 *     portMappings}); only these receive {@code runtimeConfig} values
 * @param json the entry as written in the file, serialized
 */
public record CniPlugin(String type, Path binary, Set<String> capabilities, String json) {
  /** Validates and copies. */
  public CniPlugin {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(binary, "binary");
    capabilities = Set.copyOf(capabilities);
    Objects.requireNonNull(json, "json");
  }

  /** A fresh mutable copy of the entry's JSON object. */
  ObjectNode config() {
    return Json.object(json);
  }
}
