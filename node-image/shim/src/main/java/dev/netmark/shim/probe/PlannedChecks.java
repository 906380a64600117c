package dev.netmark.shim.probe;

import dev.netmark.contract.ProbeTargets;
import dev.netmark.contract.ProbeTargets.ProbePolicy;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A pod's checks as planned from the probe targets: what will run, each HTTP check's address, and
 * the classes that failed before running (a host that does not resolve).
 *
 * @param runnable the checks that run
 * @param resolved the address of each HTTP check's host
 * @param counts checks per planned class, runnable or not
 * @param unresolved failures of classes whose host did not resolve, by class
 * @param skipped classes left out, with the reason
 * @param policy the targets' probe policy
 */
record PlannedChecks(
    CheckPlan runnable,
    Map<HttpCheck, InetAddress> resolved,
    Map<String, Integer> counts,
    Map<String, String> unresolved,
    Map<String, String> skipped,
    ProbePolicy policy) {
  private static final Logger LOG = LoggerFactory.getLogger(PlannedChecks.class);

  /** Plans the checks of a pod on {@code node}, resolving names (if any) here. */
  static PlannedChecks of(ProbeTargets t, String node, Random random) {
    CheckPlan plan = CheckPlan.of(t, node, random);
    Map<HttpCheck, InetAddress> resolved = new HashMap<>();
    Map<String, String> unresolved = new LinkedHashMap<>();
    plan.classes()
        .forEach(
            (cls, checks) -> {
              for (Check c : checks) {
                if (c instanceof HttpCheck http) {
                  try {
                    resolved.put(http, resolve(http.host()));
                  } catch (UnknownHostException e) {
                    unresolved.put(cls, http.describe() + ": cannot resolve " + http.host());
                  }
                }
              }
            });
    Map<String, Integer> counts = new LinkedHashMap<>();
    plan.classes().forEach((cls, checks) -> counts.put(cls, checks.size()));
    CheckPlan runnable = unresolved.isEmpty() ? plan : plan.without(unresolved.keySet());
    return new PlannedChecks(runnable, resolved, counts, unresolved, plan.skipped(), t.policy());
  }

  /** Tells the pod's probe which classes it waits for, and fails those that cannot run. */
  void announce(PodProbe probe) {
    if (!skipped.isEmpty()) {
      LOG.debug("pod {}: probe classes skipped: {}", probe.request().pod(), skipped);
    }
    probe.plan(counts);
    unresolved.forEach(probe::checkFailed);
  }

  private static InetAddress resolve(String host) throws UnknownHostException {
    try {
      return InetAddress.ofLiteral(host);
    } catch (IllegalArgumentException notLiteral) {
      // An external URL may name a host: resolved once, by the node, before probing starts.
      return InetAddress.getByName(host);
    }
  }
}
