package dev.netmark.shim.probe;

import dev.netmark.contract.MetricNames;
import dev.netmark.contract.PodEvent;
import dev.netmark.shim.metrics.PodRecorder;
import dev.netmark.shim.records.PodRef;
import dev.netmark.shim.records.RecordLog;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Pods whose probing a shim restart cut short: added, never network-ready nor failed nor stopped.
 * Their send times died with the old process, so they get a PROBE_FAILED saying so instead of
 * silence, which would keep {@code waitForNetworkReady} waiting until its timeout.
 */
public final class RestartedProbes {
  static final String DETAIL = "shim restarted before every probe class was answered";

  private RestartedProbes() {}

  private static final class Open {
    PodEvent add;
    final Set<String> answered = new LinkedHashSet<>();
  }

  /** Records a PROBE_FAILED for each pod the log shows as still probing; returns their UIDs. */
  public static List<String> failUnsettled(RecordLog log, PodRecorder recorder) {
    Map<String, Open> open = new LinkedHashMap<>();
    log.replay(
        e -> {
          switch (e.kind()) {
            case ADD -> {
              Open o = new Open();
              o.add = e;
              open.put(e.uid(), o);
            }
            case PROBE -> {
              Open o = open.get(e.uid());
              if (o != null) {
                for (String t : MetricNames.PROBE_TARGETS) {
                  if (e.seconds().containsKey(MetricNames.probeKey(t))) {
                    o.answered.add(t);
                  }
                }
              }
            }
            case PROBE_FAILED, NETWORK_READY, DEL, DEL_FAILED, REMOVED -> open.remove(e.uid());
            default -> {}
          }
        });
    List<String> failed = new ArrayList<>();
    for (Open o : open.values()) {
      PodEvent a = o.add;
      List<String> unanswered = new ArrayList<>(MetricNames.PROBE_TARGETS);
      unanswered.removeAll(o.answered);
      String target = unanswered.isEmpty() ? MetricNames.PROBE_TARGETS.get(0) : unanswered.get(0);
      recorder.probeFailed(
          new PodRef(a.namespace(), a.name(), a.uid()),
          a.ip(),
          a.attempt(),
          target,
          DETAIL + " (classes without an answer: " + String.join(", ", unanswered) + ")",
          null);
      failed.add(a.uid());
    }
    return failed;
  }
}
