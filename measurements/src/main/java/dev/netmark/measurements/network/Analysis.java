package dev.netmark.measurements.network;

import dev.netmark.api.Params;
import dev.netmark.api.Summary;
import java.util.List;

/**
 * The part of a network measurement that differs between them: its params and its math. Reading,
 * pod selection and the data-source notes are {@link NetworkMeasurement}'s.
 */
interface Analysis {

  /** The method name and the summary name. */
  String name();

  /**
   * Checks this measurement's own params (beyond action, namespaces, labelSelector).
   *
   * @throws dev.netmark.api.ConfigException naming the param
   */
  void validate(Params params);

  /** Whether gather needs the API's view of the pods even without a label selector. */
  default boolean needsPods() {
    return false;
  }

  /** Histograms to fall back to; empty when the measurement cannot work without records. */
  List<Series> histograms();

  /** The summary from per-pod records; its notes follow the source and coverage notes. */
  Summary exact(Params params, Window window);

  /** The summary from histogram deltas, for sources without per-pod records. */
  Summary fromHistograms(Params params, HistogramWindow window);
}
