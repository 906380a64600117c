package dev.netmark.api;

/**
 * Makes measurements of one method. Registered with {@link java.util.ServiceLoader} in {@code
 * META-INF/services/dev.netmark.api.MeasurementFactory}; the engine fails on two factories with the
 * same method and lists the known methods when a config names an unknown one.
 */
public interface MeasurementFactory {

  /** The {@code method} name a test config uses, e.g. {@code NetworkReadyLatency}. */
  String method();

  /**
   * Makes the instance for one identifier. Called lazily, at the first action for it.
   *
   * @param context what the measurement may use while it runs
   */
  Measurement create(MeasurementContext context);

  /**
   * Checks the params of one use in a config before anything touches a cluster. Override to reject
   * unknown actions or bad values with {@link Params#error}; the default accepts anything.
   *
   * @throws ConfigException naming the offending param
   */
  default void validate(Params params) {}
}
