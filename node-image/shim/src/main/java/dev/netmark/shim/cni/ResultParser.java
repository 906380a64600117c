package dev.netmark.shim.cni;

import dev.netmark.contract.json.JsonNode;
import dev.netmark.contract.json.ObjectNode;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** Parses CNI results of every format into {@link CniResult}. */
final class ResultParser {
  private ResultParser() {}

  static CniResult parse(String json, String defaultVersion) {
    return parse(Json.object(json), json, defaultVersion);
  }

  /**
   * A result already parsed into a tree (a plugin's output, a cache entry), kept as it is written:
   * its raw JSON is the tree's, without parsing that text again.
   */
  static CniResult parse(ObjectNode root, String defaultVersion) {
    return parse(root, Json.write(root), defaultVersion);
  }

  private static CniResult parse(ObjectNode root, String json, String defaultVersion) {
    String version = Json.string(root, "cniVersion", "");
    if (version == null) {
      version = defaultVersion;
    }
    if (!CniVersions.isValid(version)) {
      throw new IllegalArgumentException("cniVersion: not a version: " + version);
    }
    List<CniIp> ips = new ArrayList<>();
    List<CniInterface> interfaces = new ArrayList<>();
    if (CniVersions.family(version) == CniVersions.Family.LEGACY) {
      for (String key : List.of("ip4", "ip6")) {
        JsonNode ipConf = root.get(key);
        if (ipConf != null && !ipConf.isNull()) {
          ips.add(ip(ipConf, "ip", key + ".", OptionalInt.empty()));
        }
      }
    } else {
      JsonNode list = root.get("interfaces");
      for (int i = 0; list != null && i < list.size(); i++) {
        JsonNode itf = list.get(i);
        String where = "interfaces[" + i + "].";
        interfaces.add(
            new CniInterface(
                orEmpty(Json.string(itf, "name", where)),
                orEmpty(Json.string(itf, "mac", where)),
                orEmpty(Json.string(itf, "sandbox", where))));
      }
      JsonNode ipList = root.get("ips");
      for (int i = 0; ipList != null && i < ipList.size(); i++) {
        JsonNode ipConf = ipList.get(i);
        JsonNode idx = ipConf.get("interface");
        OptionalInt index =
            idx != null && idx.canConvertToInt()
                ? OptionalInt.of(idx.intValue())
                : OptionalInt.empty();
        ips.add(ip(ipConf, "address", "ips[" + i + "].", index));
      }
    }
    return new CniResult(version, ips, interfaces, json);
  }

  private static CniIp ip(JsonNode ipConf, String field, String where, OptionalInt index) {
    String cidr = Json.string(ipConf, field, where);
    if (cidr == null) {
      throw new IllegalArgumentException(where + field + ": missing");
    }
    int slash = cidr.indexOf('/');
    if (slash < 0) {
      throw new IllegalArgumentException(
          where + field + ": expected address/prefix, found " + cidr);
    }
    InetAddress address = literal(cidr.substring(0, slash), where + field);
    int prefix;
    try {
      prefix = Integer.parseInt(cidr.substring(slash + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(where + field + ": bad prefix length in " + cidr, e);
    }
    int max = address.getAddress().length * 8;
    if (prefix < 0 || prefix > max) {
      throw new IllegalArgumentException(where + field + ": prefix length out of range in " + cidr);
    }
    String gw = Json.string(ipConf, "gateway", where);
    Optional<InetAddress> gateway =
        gw == null || gw.isEmpty() ? Optional.empty() : Optional.of(literal(gw, where + "gateway"));
    return new CniIp(address, prefix, gateway, index);
  }

  private static InetAddress literal(String text, String where) {
    try {
      // ofLiteral never resolves names: a result cannot make the shim do DNS.
      return InetAddress.ofLiteral(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(where + ": not an IP address: " + text, e);
    }
  }

  private static String orEmpty(String s) {
    return s == null ? "" : s;
  }
}
