package dev.netmark.testing.local.fabric;

import dev.netmark.testing.local.host.HostLocalStore;
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
 * @param single whether it was a single-plugin conf (JSON paths then start at the root)
 */
record CniNetwork(
    String cniVersion, String name, List<ObjectNode> plugins, String source, boolean single) {
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
    if (version.isEmpty()) {
      throw new IllegalArgumentException(source + ": $.cniVersion: missing (e.g. \"1.0.0\")");
    }
    if (name.isEmpty()) {
      throw new IllegalArgumentException(source + ": $.name: missing (the network's name)");
    }
    List<ObjectNode> plugins = new ArrayList<>();
    if (obj.has("plugins")) {
      int i = 0;
      for (JsonNode p : obj.path("plugins").values()) {
        if (!(p instanceof ObjectNode po) || po.path("type").asString("").isEmpty()) {
          throw new IllegalArgumentException(
              source + ": $.plugins[" + i + "].type: missing; every plugin needs a \"type\"");
        }
        plugins.add(po);
        i++;
      }
    } else if (obj.has("type")) {
      plugins.add(obj);
    }
    if (plugins.isEmpty()) {
      throw new IllegalArgumentException(source + ": $: has neither \"plugins\" nor \"type\"");
    }
    return new CniNetwork(version, name, List.copyOf(plugins), source, !obj.has("plugins"));
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

  /** The stores of the network's {@code host-local} IPAM, by JSON path of the plugin's ipam. */
  java.util.Map<String, Path> hostLocalStores() {
    java.util.Map<String, Path> stores = new java.util.LinkedHashMap<>();
    for (int i = 0; i < plugins.size(); i++) {
      JsonNode ipam = plugins.get(i).path("ipam");
      if (ipam.path("type").asString("").equals("host-local")) {
        String dir = ipam.path("dataDir").asString("");
        stores.put(
            pluginPath(i) + ".ipam", HostLocalStore.of(dir.isEmpty() ? null : Path.of(dir), name));
      }
    }
    return stores;
  }

  /** The JSON path of plugin {@code i}: {@code $.plugins[i]}, or {@code $} for a single conf. */
  String pluginPath(int i) {
    return single ? "$" : "$.plugins[" + i + "]";
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
