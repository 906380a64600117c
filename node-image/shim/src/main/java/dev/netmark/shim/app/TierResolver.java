package dev.netmark.shim.app;

import dev.netmark.contract.AppTier;
import dev.netmark.contract.ProbeTargets;
import java.net.InetAddress;
import java.util.List;
import java.util.Random;

/**
 * Resolves {@code $(SERVICE:tier)} and {@code $(POD:tier)} for one request from the tiers the
 * engine publishes, in the client pod's own namespace only.
 */
final class TierResolver {
  /** Where one request goes. */
  record Target(InetAddress address, int port, String serves) {
    String text() {
      return address.getHostAddress();
    }
  }

  private TierResolver() {}

  /**
   * @return the target, or null when there is none ({@code no_target}): no targets yet, no such
   *     tier in {@code namespace}, no VIP for a service edge, no ready pod for a pod edge
   */
  static Target resolve(ProbeTargets t, String namespace, CallCommand call, Random random) {
    AppTier tier =
        t == null ? null : t.applications().get(ProbeTargets.tierKey(namespace, call.tier()));
    if (tier == null) {
      return null;
    }
    String ip;
    if (call.via().equals("service")) {
      ip = tier.serviceIp();
    } else {
      List<String> pods = tier.pods();
      ip = pods.isEmpty() ? null : pods.get(random.nextInt(pods.size()));
    }
    return ip == null ? null : new Target(InetAddress.ofLiteral(ip), tier.port(), tier.serves());
  }
}
