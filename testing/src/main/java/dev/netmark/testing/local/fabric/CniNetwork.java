package dev.netmark.testing.local.fabric;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.stream.Stream;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A CNI network configuration: a conflist, or a single-plugin {@code .conf} read as a list of one.
 *
 * @param cniVersion the version every plugin is called with
 * @param name the network name
 * @param plugins the plugin configurations in chain order
 * @param source where it was read from, for messages
 */
record CniNetwork(String cniVersion, String name, List<ObjectNode> plugins, String source) {
  static final JsonMapper JSON = JsonMapper.builder().build();

  /** The file libcni would pick in {@code dir}: the first conf file by name. */
  static Path firstConf(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(p -> p.toString().matches(".*\\.(conflist|conf|json)$"))
          .sorted()
          .findFirst()
          .orElseThrow(
              () ->
                  new IllegalArgumentException(
                      "CNI conf dir " + dir + " has no *.conflist, *.conf or *.json file"));
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "cannot read CNI conf dir " + dir + ": " + e.getMessage(), e);
    }
  }

  /**
   * Parses a conflist or conf.
   *
   * @throws IllegalArgumentException naming {@code source} when it is not one
   */
  static CniNetwork parse(String json, String source) {
    JsonNode root;
    try {
      root = JSON.readTree(json);
    } catch (JacksonException e) {
      throw new IllegalArgumentException(
          source + " is not valid JSON: " + e.getOriginalMessage(), e);
    }
    if (!(root instanceof ObjectNode obj)) {
      throw new IllegalArgumentException(source + " must hold a JSON object");
    }
    String version = obj.path("cniVersion").asString("");
    String name = obj.path("name").asString("");
    if (version.isEmpty() || name.isEmpty()) {
      throw new IllegalArgumentException(source + " needs \"cniVersion\" and \"name\"");
    }
    List<ObjectNode> plugins = new ArrayList<>();
    if (obj.has("plugins")) {
      for (JsonNode p : obj.path("plugins").values()) {
        if (!(p instanceof ObjectNode po) || po.path("type").asString("").isEmpty()) {
          throw new IllegalArgumentException(
              source + ": every entry of \"plugins\" needs a \"type\"");
        }
        plugins.add(po);
      }
    } else if (obj.has("type")) {
      plugins.add(obj);
    }
    if (plugins.isEmpty()) {
      throw new IllegalArgumentException(source + " has neither \"plugins\" nor \"type\"");
    }
    return new CniNetwork(version, name, List.copyOf(plugins), source);
  }

  /** The plugin binaries the network runs: each plugin's type and its IPAM type. */
  List<String> binaries() {
    LinkedHashSet<String> types = new LinkedHashSet<>();
    for (ObjectNode p : plugins) {
      types.add(p.path("type").asString());
      String ipam = p.path("ipam").path("type").asString("");
      if (!ipam.isEmpty()) {
        types.add(ipam);
      }
    }
    return List.copyOf(types);
  }

  /** The configuration plugin {@code i} reads on stdin, with the previous result if any. */
  ObjectNode pluginConf(int i, JsonNode prevResult) {
    ObjectNode conf = plugins.get(i).deepCopy();
    conf.put("cniVersion", cniVersion);
    conf.put("name", name);
    conf.remove("plugins");
    if (prevResult != null) {
      conf.set("prevResult", prevResult);
    }
    return conf;
  }
}
