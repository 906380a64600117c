package dev.netmark.shim.cni;

import dev.netmark.contract.json.ArrayNode;
import dev.netmark.contract.json.JsonNode;
import dev.netmark.contract.json.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Finds, reads and validates a CNI configuration; every error names the file and the field. */
final class CniConfigLoader {
  /** libcni's rule for network names (and container ids). */
  static final Pattern NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.\\-]*");

  private static final Pattern PLUGIN_TYPE = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.\\-]*");
  private static final List<String> EXTENSIONS = List.of(".conflist", ".conf", ".json");
  private static final long MAX_FILE_BYTES = 1 << 20;

  private CniConfigLoader() {}

  static CniConfig load(Path confDir, List<Path> binDirs) {
    if (!Files.isDirectory(confDir)) {
      throw new CniConfigException(confDir, "CNI configuration directory does not exist");
    }
    List<Path> candidates;
    try (Stream<Path> files = Files.list(confDir)) {
      candidates =
          files
              .filter(Files::isRegularFile)
              .filter(p -> EXTENSIONS.stream().anyMatch(p.getFileName().toString()::endsWith))
              .sorted()
              .toList();
    } catch (IOException e) {
      throw new CniConfigException(confDir, "cannot list: " + e.getMessage(), e);
    }
    if (candidates.isEmpty()) {
      throw new CniConfigException(
          confDir, "no CNI network configuration (*.conflist, *.conf, *.json) found");
    }
    Path file = candidates.getFirst();
    try {
      if (Files.size(file) > MAX_FILE_BYTES) {
        throw new CniConfigException(file, "larger than " + MAX_FILE_BYTES + " bytes");
      }
      return parse(file, Files.readString(file), binDirs);
    } catch (IOException e) {
      throw new CniConfigException(file, "cannot read: " + e.getMessage(), e);
    }
  }

  static CniConfig parse(Path source, String text, List<Path> binDirs) {
    ObjectNode root;
    try {
      root = Json.object(text);
    } catch (IllegalArgumentException e) {
      throw new CniConfigException(source, e.getMessage(), e);
    }
    try {
      boolean isList = source.toString().endsWith(".conflist") || root.has("plugins");
      return isList ? list(source, root, binDirs) : single(source, root, binDirs);
    } catch (IllegalArgumentException e) {
      throw new CniConfigException(source, e.getMessage(), e);
    }
  }

  private static CniConfig single(Path source, ObjectNode conf, List<Path> binDirs) {
    String name = requiredName(conf, "");
    String version = requiredVersion(conf, "");
    return new CniConfig(
        source, name, version, List.of(), false, List.of(plugin(conf, "", binDirs)));
  }

  private static CniConfig list(Path source, ObjectNode root, List<Path> binDirs) {
    String name = requiredName(root, "");
    String version = requiredVersion(root, "");
    List<String> versions = new ArrayList<>();
    JsonNode vs = root.get("cniVersions");
    if (vs != null && !vs.isNull()) {
      if (!vs.isArray()) {
        throw new IllegalArgumentException("cniVersions: expected an array of versions");
      }
      for (int i = 0; i < vs.size(); i++) {
        String v = vs.get(i).isString() ? vs.get(i).stringValue() : null;
        if (!CniVersions.isValid(v)) {
          throw new IllegalArgumentException(
              "cniVersions[" + i + "]: expected a version like 1.0.0, found " + vs.get(i));
        }
        versions.add(v);
      }
    }
    JsonNode plugins = root.get("plugins");
    if (!(plugins instanceof ArrayNode array) || array.isEmpty()) {
      throw new IllegalArgumentException("plugins: expected a non-empty array of plugin configs");
    }
    List<CniPlugin> entries = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      String where = "plugins[" + i + "].";
      if (!(array.get(i) instanceof ObjectNode entry)) {
        throw new IllegalArgumentException("plugins[" + i + "]: expected an object");
      }
      entries.add(plugin(entry, where, binDirs));
    }
    return new CniConfig(source, name, version, versions, disableCheck(root), entries);
  }

  private static CniPlugin plugin(ObjectNode entry, String where, List<Path> binDirs) {
    String type = Json.string(entry, "type", where);
    if (type == null || !PLUGIN_TYPE.matcher(type).matches()) {
      throw new IllegalArgumentException(
          where
              + "type: expected a plugin binary name matching "
              + PLUGIN_TYPE
              + ", found "
              + type);
    }
    Path binary = findBinary(type, binDirs, where + "type");
    if (entry.get("ipam") instanceof ObjectNode ipam && ipam.has("type")) {
      String ipamType = Json.string(ipam, "type", where + "ipam.");
      if (ipamType == null || !PLUGIN_TYPE.matcher(ipamType).matches()) {
        throw new IllegalArgumentException(where + "ipam.type: invalid plugin name " + ipamType);
      }
      findBinary(ipamType, binDirs, where + "ipam.type");
    }
    return new CniPlugin(type, binary, capabilities(entry, where), Json.write(entry));
  }

  private static Set<String> capabilities(ObjectNode entry, String where) {
    JsonNode caps = entry.get("capabilities");
    Set<String> on = new LinkedHashSet<>();
    if (caps == null || caps.isNull()) {
      return on;
    }
    if (!caps.isObject()) {
      throw new IllegalArgumentException(where + "capabilities: expected an object of booleans");
    }
    for (Map.Entry<String, JsonNode> c : caps.properties()) {
      if (!c.getValue().isBoolean()) {
        throw new IllegalArgumentException(
            where
                + "capabilities."
                + c.getKey()
                + ": expected true or false, found "
                + c.getValue());
      }
      if (c.getValue().booleanValue()) {
        on.add(c.getKey());
      }
    }
    return on;
  }

  /** The first executable regular file named {@code type} in {@code binDirs}, like FindInPath. */
  static Path findBinary(String type, List<Path> binDirs, String field) {
    for (Path dir : binDirs) {
      Path candidate = dir.resolve(type);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    throw new IllegalArgumentException(
        field + ": plugin binary \"" + type + "\" not found (or not executable) in " + binDirs);
  }

  private static String requiredName(ObjectNode node, String where) {
    String name = Json.string(node, "name", where);
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          where + "name: expected a network name matching " + NAME + ", found " + name);
    }
    return name;
  }

  private static String requiredVersion(ObjectNode node, String where) {
    String v = Json.string(node, "cniVersion", where);
    if (v == null) {
      throw new IllegalArgumentException(where + "cniVersion: missing");
    }
    if (!CniVersions.SUPPORTED.contains(v)) {
      throw new IllegalArgumentException(
          where + "cniVersion: " + v + " is not supported; supported: " + CniVersions.SUPPORTED);
    }
    return v;
  }

  // libcni accepts a boolean or the strings "true"/"false".
  private static boolean disableCheck(ObjectNode root) {
    JsonNode d = root.get("disableCheck");
    if (d == null || d.isNull()) {
      return false;
    }
    if (d.isBoolean()) {
      return d.booleanValue();
    }
    if (d.isString() && (d.stringValue().equals("true") || d.stringValue().equals("false"))) {
      return Boolean.parseBoolean(d.stringValue());
    }
    throw new IllegalArgumentException("disableCheck: expected true or false, found " + d);
  }
}
