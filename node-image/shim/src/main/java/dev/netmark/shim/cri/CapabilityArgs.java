package dev.netmark.shim.cri;

import dev.netmark.shim.cri.api.DNSConfig;
import dev.netmark.shim.cri.api.PodSandboxConfig;
import dev.netmark.shim.cri.api.PortMapping;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * CNI {@code runtimeConfig} values from a sandbox config, built as containerd builds them: {@code
 * portMappings} for ports with a host port, and {@code dns}. Plugins get only the capabilities they
 * declare.
 */
final class CapabilityArgs {
  private CapabilityArgs() {}

  static Map<String, Object> of(PodSandboxConfig config) {
    Map<String, Object> args = new LinkedHashMap<>();
    List<Map<String, Object>> ports =
        config.getPortMappingsList().stream()
            .filter(p -> p.getHostPort() > 0)
            .map(CapabilityArgs::port)
            .toList();
    if (!ports.isEmpty()) {
      args.put("portMappings", ports);
    }
    if (config.hasDnsConfig()) {
      DNSConfig dns = config.getDnsConfig();
      args.put(
          "dns",
          Map.of(
              "servers", List.copyOf(dns.getServersList()),
              "searches", List.copyOf(dns.getSearchesList()),
              "options", List.copyOf(dns.getOptionsList())));
    }
    return args;
  }

  private static Map<String, Object> port(PortMapping p) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("hostPort", p.getHostPort());
    m.put("containerPort", p.getContainerPort());
    m.put("protocol", p.getProtocol().name().toLowerCase(Locale.ROOT));
    m.put("hostIP", p.getHostIp());
    return m;
  }
}
