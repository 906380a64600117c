package dev.netmark.measurements.network;

import dev.netmark.contract.EventKind;
import dev.netmark.contract.PodEvent;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The events of one measurement window folded per pod, plus failure messages grouped by cause.
 * Memory is one small record per pod, not one per event, so a gather over a large run stays bounded
 * by the number of pods.
 */
final class PodFold {
  private final Map<String, PodRecord> pods = new LinkedHashMap<>();
  private final ErrorTally addErrors = new ErrorTally();
  private final ErrorTally probeErrors = new ErrorTally();
  private final ErrorTally delErrors = new ErrorTally();
  private final ErrorTally trafficErrors = new ErrorTally();
  private final RequestFold requests = new RequestFold();

  void accept(PodEvent e) {
    pods.computeIfAbsent(e.uid(), PodRecord::new).apply(e);
    switch (e.kind()) {
      case ADD_FAILED -> addErrors.add(e.error(), e.node());
      case PROBE_FAILED -> probeErrors.add(e.error(), e.node());
      case DEL_FAILED -> delErrors.add(e.error(), e.node());
      case TRAFFIC -> {
        if (e.error() != null) {
          trafficErrors.add(e.error(), e.node());
        }
      }
      case REQUESTS -> requests.accept(e);
      default -> {
        // Successful events carry durations only; PodRecord took them.
      }
    }
  }

  /** Pods in the order their first event was read. */
  Collection<PodRecord> pods() {
    return Collections.unmodifiableCollection(pods.values());
  }

  int size() {
    return pods.size();
  }

  /** Failed CNI ADD attempts ({@link EventKind#ADD_FAILED}). */
  ErrorTally addErrors() {
    return addErrors;
  }

  /** Probe classes that gave up ({@link EventKind#PROBE_FAILED}). */
  ErrorTally probeErrors() {
    return probeErrors;
  }

  /** Failed CNI DEL chains ({@link EventKind#DEL_FAILED}). */
  ErrorTally delErrors() {
    return delErrors;
  }

  /** Application models' requests per edge and second ({@link EventKind#REQUESTS}). */
  RequestFold requests() {
    return requests;
  }

  /** Traffic runs that reported an error. */
  ErrorTally trafficErrors() {
    return trafficErrors;
  }
}
