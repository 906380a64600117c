package dev.netmark.contract;

import java.util.List;

/**
 * One tier of an application model as the shims see it, published by the engine under {@link
 * ProbeTargets#applications()} with the key {@code <namespace>/<tier>}. Clients resolve {@code
 * $(SERVICE:<tier>)} and {@code $(POD:<tier>)} in their own namespace from it.
 *
 * @param serviceIp the tier's Service VIP, or null while it has none (or the tier has no Service)
 * @param port the port the tier serves on (the Service's port and the pods' container port)
 * @param serves what its pods serve: {@code http}, {@code tcp-echo} or {@code tcp-sink}
 * @param pods IPs of the tier's pods that are network-ready, in no order; the engine republishes
 *     the list as pods come and go, at most once a second
 */
public record AppTier(String serviceIp, int port, String serves, List<String> pods) {
  public static final List<String> SERVES = List.of("http", "tcp-echo", "tcp-sink");

  public AppTier {
    pods = pods == null ? List.of() : List.copyOf(pods);
  }
}
