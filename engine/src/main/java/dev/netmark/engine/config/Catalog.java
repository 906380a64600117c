package dev.netmark.engine.config;

import dev.netmark.api.ConfigException;
import dev.netmark.api.Params;
import java.util.Set;

/**
 * What the config loader needs to know about the plugins available at run time, so it can reject
 * unknown names before anything touches a cluster. The measurement registry implements it from the
 * {@link java.util.ServiceLoader} registry.
 */
public interface Catalog {

  /** Tuning-set kinds a config may use; by default the clusterloader2 set. */
  default Set<String> tuningSetKinds() {
    return TuningSetKinds.names();
  }

  /** Measurement methods a config may use, e.g. {@code Sleep}, {@code NetworkReadyLatency}. */
  Set<String> measurementMethods();

  /**
   * Checks one use of a known method.
   *
   * @throws ConfigException naming the offending param (use {@link Params#error})
   */
  void validateMeasurement(String method, Params params);
}
