package dev.netmark.shim.cni;

import dev.netmark.contract.json.ArrayNode;
import dev.netmark.contract.json.JsonNode;
import dev.netmark.contract.json.ObjectNode;

/**
 * Converts results between CNI versions, as libcni's {@code GetAsVersion} does, so a plugin always
 * receives {@code prevResult} in the version of its configuration. 0.3.x/0.4.0 is the hub.
 */
final class ResultVersions {
  private ResultVersions() {}

  /** A copy of {@code result} (whose version is {@code from}) in version {@code to}. */
  static ObjectNode convert(ObjectNode result, String from, String to) {
    CniVersions.Family source = CniVersions.family(from);
    CniVersions.Family target = CniVersions.family(to);
    ObjectNode out = result.deepCopy();
    if (source != target) {
      if (source == CniVersions.Family.LEGACY) {
        out = legacyToV03(out);
      } else if (source == CniVersions.Family.V1) {
        setIpVersions(out);
      }
      if (target == CniVersions.Family.LEGACY) {
        out = v03ToLegacy(out);
      } else if (target == CniVersions.Family.V1) {
        removeIpVersions(out);
      }
    }
    out.put("cniVersion", to);
    return out;
  }

  private static ObjectNode legacyToV03(ObjectNode legacy) {
    ObjectNode out = new ObjectNode();
    ArrayNode ips = out.putArray("ips");
    ArrayNode routes = new ArrayNode();
    for (String key : new String[] {"ip4", "ip6"}) {
      JsonNode conf = legacy.get(key);
      if (conf == null || conf.isNull()) {
        continue;
      }
      ObjectNode ip = ips.addObject();
      ip.put("version", key.equals("ip4") ? "4" : "6");
      ip.set("address", conf.get("ip"));
      if (conf.has("gateway")) {
        ip.set("gateway", conf.get("gateway"));
      }
      if (conf.get("routes") instanceof ArrayNode r) {
        routes.addAll(r);
      }
    }
    if (!routes.isEmpty()) {
      out.set("routes", routes);
    }
    if (legacy.has("dns")) {
      out.set("dns", legacy.get("dns"));
    }
    return out;
  }

  private static ObjectNode v03ToLegacy(ObjectNode v03) {
    ObjectNode out = new ObjectNode();
    for (JsonNode ip : v03.path("ips")) {
      String key = isV6(ip.path("address").asString("")) ? "ip6" : "ip4";
      if (out.has(key)) {
        continue; // 0.2.0 holds one address per family: the first wins, as in libcni.
      }
      ObjectNode conf = out.putObject(key);
      conf.set("ip", ip.get("address"));
      if (ip.has("gateway")) {
        conf.set("gateway", ip.get("gateway"));
      }
    }
    for (JsonNode route : v03.path("routes")) {
      String key = isV6(route.path("dst").asString("")) ? "ip6" : "ip4";
      if (out.get(key) instanceof ObjectNode conf) {
        (conf.has("routes") ? (ArrayNode) conf.get("routes") : conf.putArray("routes")).add(route);
      }
    }
    if (v03.has("dns")) {
      out.set("dns", v03.get("dns"));
    }
    return out;
  }

  private static void setIpVersions(ObjectNode result) {
    for (JsonNode ip : result.path("ips")) {
      if (ip instanceof ObjectNode o) {
        o.put("version", isV6(o.path("address").asString("")) ? "6" : "4");
      }
    }
  }

  private static void removeIpVersions(ObjectNode result) {
    for (JsonNode ip : result.path("ips")) {
      if (ip instanceof ObjectNode o) {
        o.remove("version");
      }
    }
  }

  private static boolean isV6(String cidr) {
    return cidr.contains(":");
  }
}
