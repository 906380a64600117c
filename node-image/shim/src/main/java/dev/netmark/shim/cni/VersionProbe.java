package dev.netmark.shim.cni;

import dev.netmark.contract.json.JsonNode;
import dev.netmark.contract.json.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/** Asks plugins which spec versions they support (CNI_COMMAND=VERSION), cached per binary. */
final class VersionProbe {
  // A plugin without supportedVersions predates 0.3.0 (libcni's PluginSupports legacy case).
  private static final List<String> LEGACY = List.of("0.1.0", "0.2.0");

  private record Key(Path binary, long modified, long size) {}

  private final ConcurrentHashMap<Key, List<String>> cache = new ConcurrentHashMap<>();

  List<String> supported(CniPlugin plugin, String cniVersion, PluginInvoker invoker, String path)
      throws PluginFailure {
    Key key = key(plugin.binary());
    List<String> known = cache.get(key);
    if (known != null) {
      return known;
    }
    String stdin = "{\"cniVersion\":\"" + cniVersion + "\"}";
    String out = invoker.run(plugin.binary(), CniEnv.version(path), stdin);
    List<String> versions = parse(out);
    cache.put(key, versions);
    return versions;
  }

  static List<String> parse(String out) throws PluginFailure {
    ObjectNode reply;
    try {
      reply = Json.object(out);
    } catch (IllegalArgumentException e) {
      throw new PluginFailure(
          CniException.Reason.BAD_OUTPUT,
          0,
          "VERSION reply is not JSON (" + e.getMessage() + "): " + Json.abbreviate(out, 256),
          "");
    }
    JsonNode supported = reply.get("supportedVersions");
    if (supported == null || !supported.isArray()) {
      return LEGACY;
    }
    List<String> versions = new ArrayList<>();
    for (JsonNode v : supported) {
      versions.add(v.asString(""));
    }
    return List.copyOf(versions);
  }

  private static Key key(Path binary) throws PluginFailure {
    try {
      return new Key(binary, Files.getLastModifiedTime(binary).toMillis(), Files.size(binary));
    } catch (IOException e) {
      throw new PluginFailure(
          CniException.Reason.EXEC_FAILED, "cannot stat " + binary + ": " + e.getMessage(), e);
    }
  }
}
