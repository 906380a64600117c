package dev.netmark.engine.measurement.builtin;

import dev.netmark.api.NodeSelector;
import dev.netmark.api.Params;
import dev.netmark.contract.MetricNames;
import dev.netmark.contract.ProbeTargets.ProbePolicy;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The params of {@code ControlPlane {action: deploy}}: what {@code deployControlPlane} asks for.
 *
 * @param podsPerNode control pods per Ready node ({@code controlPodsPerNode}, default 1)
 * @param serviceName the control service ({@code service.name}, default {@code netmark-control})
 * @param servicePort its port ({@code service.port}, default 80)
 * @param externalUrl {@code external.url}, or null to use the cluster's default
 * @param externalIp {@code external.ip}, or null to use the cluster's default
 * @param probes {@code probes}: remoteNodes, serviceHttpCount, servicePing, interval, timeout
 * @param image the control pods' image ({@code image}, default {@code netmark/control:latest})
 * @param timeout how long to wait for pod IPs and the service IP ({@code timeout}, default 5m)
 * @param nodeSelector labels a node needs to get control pods ({@code nodeSelector}, {@code
 *     key=value[,...]}, default none: every Ready node)
 */
record ControlPlaneSpec(
    int podsPerNode,
    String serviceName,
    int servicePort,
    String externalUrl,
    String externalIp,
    ProbePolicy probes,
    String image,
    Duration timeout,
    Map<String, String> nodeSelector) {

  static final String DEFAULT_IMAGE = "netmark/control:latest";
  static final int HTTP_PORT = 8080;
  static final int IPERF_PORT = 5201;

  /**
   * @throws dev.netmark.api.ConfigException naming the param for a bad value
   */
  static ControlPlaneSpec parse(Params params) {
    Actions.require(params, "deploy");
    int perNode = (int) params.integer("controlPodsPerNode", 1);
    if (perNode < 1) {
      throw params.error("controlPodsPerNode", "must be at least 1, found " + perNode);
    }
    Params service = params.nested("service");
    int port = (int) service.integer("port", 80);
    if (port < 1 || port > 65535) {
      throw service.error("port", "expected a port 1..65535, found " + port);
    }
    Params external = params.nested("external");
    return new ControlPlaneSpec(
        perNode,
        service.string("name", "netmark-control"),
        port,
        externalUrl(external),
        externalIp(external),
        policy(params.nested("probes")),
        params.string("image", DEFAULT_IMAGE),
        positive(params, "timeout", Duration.ofMinutes(5)),
        nodeSelector(params));
  }

  // The shims refuse targets they cannot probe; saying so here names the config line instead.
  private static String externalIp(Params external) {
    String ip = external.string("ip").orElse(null);
    if (ip != null) {
      try {
        InetAddress.ofLiteral(ip);
      } catch (IllegalArgumentException e) {
        throw external.error("ip", "expected an IP address literal to ping, found '" + ip + "'");
      }
    }
    return ip;
  }

  private static String externalUrl(Params external) {
    String url = external.string("url").orElse(null);
    if (url != null) {
      boolean ok;
      try {
        URI uri = new URI(url);
        ok = "http".equals(uri.getScheme()) && uri.getHost() != null;
      } catch (URISyntaxException e) {
        ok = false;
      }
      if (!ok) {
        throw external.error("url", "expected http://host[:port][/path], found '" + url + "'");
      }
    }
    return url;
  }

  private static Map<String, String> nodeSelector(Params params) {
    try {
      return Map.copyOf(NodeSelector.parse(params.string("nodeSelector", "")));
    } catch (IllegalArgumentException e) {
      throw params.error("nodeSelector", e.getMessage());
    }
  }

  private static ProbePolicy policy(Params probes) {
    ProbePolicy d = ProbePolicy.defaults();
    long remote = probes.integer("remoteNodes", d.remoteNodes());
    long http = probes.integer("serviceHttpCount", d.serviceHttpCount());
    if (remote < 0) {
      throw probes.error("remoteNodes", "must not be negative, found " + remote);
    }
    if (http < 0) {
      throw probes.error("serviceHttpCount", "must not be negative, found " + http);
    }
    return new ProbePolicy(
        (int) remote,
        (int) http,
        probes.bool("servicePing", d.servicePing()),
        positive(probes, "interval", Duration.ofMillis(d.intervalMs())).toMillis(),
        positive(probes, "timeout", Duration.ofMillis(d.timeoutMs())).toMillis(),
        classes(probes));
  }

  private static List<String> classes(Params probes) {
    Object raw = probes.asMap().get("classes");
    if (raw == null) {
      return MetricNames.PROBE_TARGETS;
    }
    if (!(raw instanceof List<?> list)) {
      throw probes.error("classes", "expected a list of " + MetricNames.PROBE_TARGETS);
    }
    List<String> classes = list.stream().map(String::valueOf).toList();
    for (String c : classes) {
      if (!MetricNames.PROBE_TARGETS.contains(c)) {
        throw probes.error(
            "classes", "unknown probe class '" + c + "'; expected " + MetricNames.PROBE_TARGETS);
      }
    }
    return classes;
  }

  private static Duration positive(Params params, String key, Duration fallback) {
    Duration d = params.duration(key, fallback);
    if (d.isNegative() || d.isZero()) {
      throw params.error(key, "must be positive, found " + d);
    }
    return d;
  }
}
