package dev.netmark.shim.cni;

import java.util.List;
import java.util.Optional;

/**
 * The result of an ADD chain (the last plugin's output), parsed and raw.
 *
 * @param cniVersion the version of the result format
 * @param ips the addresses, in the plugin's order
 * @param interfaces the interfaces (empty for 0.1/0.2 results)
 * @param rawJson the result exactly as cached, for CHECK/DEL and for records
 */
public record CniResult(
    String cniVersion, List<CniIp> ips, List<CniInterface> interfaces, String rawJson) {
  /** Copies the lists. */
  public CniResult {
    ips = List.copyOf(ips);
    interfaces = List.copyOf(interfaces);
  }

  /**
   * The pod IP a runtime reports in {@code PodSandboxStatus}: the first IPv4 address on an
   * interface inside the sandbox, else the first IPv4 address, else the first address.
   */
  public Optional<CniIp> primaryIp() {
    Optional<CniIp> inSandbox =
        ips.stream().filter(CniIp::isIpv4).filter(this::onSandboxInterface).findFirst();
    if (inSandbox.isPresent()) {
      return inSandbox;
    }
    return ips.stream().filter(CniIp::isIpv4).findFirst().or(() -> ips.stream().findFirst());
  }

  /**
   * Parses a result of any supported version (its {@code cniVersion} field, else {@code
   * defaultVersion}).
   *
   * @throws IllegalArgumentException naming what is malformed
   */
  public static CniResult parse(String json, String defaultVersion) {
    return ResultParser.parse(json, defaultVersion);
  }

  private boolean onSandboxInterface(CniIp ip) {
    if (ip.interfaceIndex().isEmpty()) {
      return false;
    }
    int i = ip.interfaceIndex().getAsInt();
    return i >= 0 && i < interfaces.size() && interfaces.get(i).inSandbox();
  }
}
