package dev.netmark.contract;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the shims probe, published by the engine's {@code deployControlPlane} step as JSON under
 * {@link #CONFIGMAP_KEY} of the ConfigMap {@link #CONFIGMAP_NAME} in {@link #NAMESPACE}. Each shim
 * watches it; it never lists pods cluster-wide.
 *
 * @param controlPods control pod IPs by node name
 * @param controlHttpPort port of the control pods' HTTP server
 * @param controlIperfPort port of the control pods' iperf3 server
 * @param serviceIp the control service's virtual IP, or null when there is none
 * @param servicePort the control service's port
 * @param externalIp an address outside the cluster to ping, or null
 * @param externalUrl an HTTP URL outside the cluster, or null
 * @param policy how to probe
 * @param version the contract's version, {@link #VERSION}; JSON without it is version 1 (no
 *     applications). A shim refuses a version newer than its own with a message naming both.
 * @param applications the tiers of the application models deployed so far, keyed {@code
 *     <namespace>/<tier>}; empty when there are none
 */
public record ProbeTargets(
    Map<String, List<String>> controlPods,
    int controlHttpPort,
    int controlIperfPort,
    String serviceIp,
    int servicePort,
    String externalIp,
    String externalUrl,
    ProbePolicy policy,
    int version,
    Map<String, AppTier> applications) {

  public static final String NAMESPACE = "netmark-system";
  public static final String CONFIGMAP_NAME = "netmark-probe-targets";
  public static final String CONFIGMAP_KEY = "targets.json";

  /** Version 2 added {@link #applications}. */
  public static final int VERSION = 2;

  public ProbeTargets {
    controlPods = Map.copyOf(controlPods);
    Objects.requireNonNull(policy, "policy");
    version = version == 0 ? 1 : version;
    applications = applications == null ? Map.of() : Map.copyOf(applications);
  }

  /** Targets of the current version without applications. */
  public ProbeTargets(
      Map<String, List<String>> controlPods,
      int controlHttpPort,
      int controlIperfPort,
      String serviceIp,
      int servicePort,
      String externalIp,
      String externalUrl,
      ProbePolicy policy) {
    this(
        controlPods,
        controlHttpPort,
        controlIperfPort,
        serviceIp,
        servicePort,
        externalIp,
        externalUrl,
        policy,
        VERSION,
        Map.of());
  }

  /** The same targets with {@code tiers} as the applications. */
  public ProbeTargets withApplications(Map<String, AppTier> tiers) {
    return new ProbeTargets(
        controlPods,
        controlHttpPort,
        controlIperfPort,
        serviceIp,
        servicePort,
        externalIp,
        externalUrl,
        policy,
        VERSION,
        tiers);
  }

  /** The key of a tier in {@link #applications}. */
  public static String tierKey(String namespace, String tier) {
    return namespace + "/" + tier;
  }

  /**
   * How the shim probes.
   *
   * @param remoteNodes K: how many random other nodes' control pods to ping
   * @param serviceHttpCount M: how many HTTP GETs to the control service must succeed
   * @param servicePing whether to also ping the service VIP (ClusterIPs often drop ICMP)
   * @param intervalMs retry interval of every probe class
   * @param timeoutMs how long a class is retried before it is recorded as failed
   * @param classes probe classes to run, a subset of {@link MetricNames#PROBE_TARGETS}
   */
  public record ProbePolicy(
      int remoteNodes,
      int serviceHttpCount,
      boolean servicePing,
      long intervalMs,
      long timeoutMs,
      List<String> classes) {
    public ProbePolicy {
      classes = List.copyOf(classes);
    }

    /** The design's defaults: K=5, M=3, no service ping, 2 ms interval, 60 s timeout. */
    public static ProbePolicy defaults() {
      return new ProbePolicy(5, 3, false, 2, 60_000, MetricNames.PROBE_TARGETS);
    }
  }
}
