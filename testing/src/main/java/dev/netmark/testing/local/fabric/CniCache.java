package dev.netmark.testing.local.fabric;

import dev.netmark.testing.local.host.HostException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Final ADD results on disk in libcni's {@code cniCacheV1} layout, one file per network, container
 * and interface: the shim keeps its pods' in {@code NODE/shim/cni-results}, the fabric its own
 * pods' (control pods) in {@code NODE/cni-results}. A run killed before its DELs leaves them, and
 * the next start runs each DEL from them (see {@link CachedDels}).
 *
 * @param file the cache file
 * @param network the network name
 * @param containerId the container (sandbox) id
 * @param ifName the interface
 * @param netns the pod's namespace path as given to ADD
 * @param cniArgs {@code CNI_ARGS} as given to ADD
 * @param result the final ADD result
 */
record CniCache(
    Path file,
    String network,
    String containerId,
    String ifName,
    String netns,
    String cniArgs,
    JsonNode result) {
  /** The directory of the fabric's own cached results on {@code node}. */
  static Path fabricDir(NodePlan node) {
    return node.dir().resolve("cni-results");
  }

  /** The directories a node's results may be cached in: the fabric's and its shim's. */
  static List<Path> dirs(Path nodeDir) {
    return List.of(nodeDir.resolve("cni-results"), nodeDir.resolve("shim").resolve("cni-results"));
  }

  /** Writes an entry into {@code dir}. */
  static CniCache write(
      Path dir,
      String network,
      String containerId,
      String ifName,
      String netns,
      String cniArgs,
      JsonNode result) {
    Path file = dir.resolve(network + "-" + containerId + "-" + ifName);
    ObjectNode entry = CniNetwork.JSON.createObjectNode();
    entry.put("kind", "cniCacheV1");
    entry.put("containerId", containerId);
    entry.put("ifName", ifName);
    entry.put("networkName", network);
    entry.put("netns", netns);
    ArrayNode args = entry.putArray("cniArgs");
    for (String pair : cniArgs.split(";")) {
      String[] kv = pair.split("=", 2);
      args.addArray().add(kv[0]).add(kv.length > 1 ? kv[1] : "");
    }
    entry.set("result", result);
    try {
      Files.createDirectories(dir);
      Files.writeString(file, CniNetwork.JSON.writeValueAsString(entry));
    } catch (IOException e) {
      throw new HostException("cannot cache the CNI result in " + file + ": " + e.getMessage(), e);
    }
    return new CniCache(file, network, containerId, ifName, netns, cniArgs, result);
  }

  /** Every entry in {@code dir} (none when it does not exist); half-written files are skipped. */
  static List<CniCache> read(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    List<CniCache> entries = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path f : files.sorted().toList()) {
        if (f.getFileName().toString().startsWith(".")) {
          continue; // the shim's temporary file of an unfinished write
        }
        JsonNode e = CniNetwork.JSON.readTree(Files.readString(f));
        List<String> args = new ArrayList<>();
        for (JsonNode kv : e.path("cniArgs").values()) {
          args.add(kv.path(0).asString("") + "=" + kv.path(1).asString(""));
        }
        entries.add(
            new CniCache(
                f,
                e.path("networkName").asString(""),
                e.path("containerId").asString(""),
                e.path("ifName").asString("eth0"),
                e.path("netns").asString(""),
                String.join(";", args),
                e.path("result")));
      }
    } catch (IOException | JacksonException e) {
      throw new HostException("cannot read the CNI cache " + dir + ": " + e.getMessage(), e);
    }
    return entries;
  }

  /** The pod's name from {@code K8S_POD_NAMESPACE} and {@code K8S_POD_NAME}, for messages. */
  String pod() {
    String ns = "";
    String name = containerId;
    for (String pair : cniArgs.split(";")) {
      if (pair.startsWith("K8S_POD_NAMESPACE=")) {
        ns = pair.substring(pair.indexOf('=') + 1) + "/";
      } else if (pair.startsWith("K8S_POD_NAME=")) {
        name = pair.substring(pair.indexOf('=') + 1);
      }
    }
    return ns + name;
  }

  void delete() {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new HostException("cannot delete " + file + ": " + e.getMessage(), e);
    }
  }
}
