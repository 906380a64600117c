package dev.netmark.shim.probe;

import dev.netmark.contract.ProbeTargets;
import dev.netmark.shim.netns.NetnsThreads;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts the check loops of one pod, each on a platform thread inside the pod's namespace. */
final class ProbeLauncher {
  private static final Logger LOG = LoggerFactory.getLogger(ProbeLauncher.class);

  private ProbeLauncher() {}

  static void launch(PodProbe probe, ProbeTargets targets, String node) {
    CheckPlan plan = CheckPlan.of(targets, node, ThreadLocalRandom.current());
    if (!plan.skipped().isEmpty()) {
      LOG.debug("pod {}: probe classes skipped: {}", probe.request().pod(), plan.skipped());
    }
    Map<String, Integer> counts = new LinkedHashMap<>();
    plan.classes().forEach((cls, checks) -> counts.put(cls, checks.size()));
    probe.plan(counts);
    long interval = targets.policy().intervalMs();
    long timeout = targets.policy().timeoutMs();
    plan.classes()
        .forEach(
            (cls, checks) -> {
              for (Check check : checks) {
                start(probe, cls, new CheckLoop(probe, cls, check, interval, timeout));
              }
            });
  }

  private static void start(PodProbe probe, String cls, CheckLoop loop) {
    // The virtual thread only waits; the platform thread made by NetnsThreads does the setns and
    // the probing, and reports a namespace that cannot be entered as a failure of the class.
    Thread.ofVirtual()
        .name("probe-" + probe.request().pod().uid() + "-" + cls)
        .start(
            () -> {
              try {
                NetnsThreads.call(
                    probe.request().netns(),
                    () -> {
                      loop.run();
                      return null;
                    });
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              } catch (Exception e) {
                probe.checkFailed(
                    cls, loop.name() + ": cannot probe from " + probe.request().netns() + ": " + e);
              }
            });
  }
}
