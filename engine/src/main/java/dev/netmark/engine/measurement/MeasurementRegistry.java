package dev.netmark.engine.measurement;

import dev.netmark.api.ConfigException;
import dev.netmark.api.MeasurementFactory;
import dev.netmark.api.Params;
import dev.netmark.engine.config.Catalog;
import java.util.List;
import java.util.Set;

/**
 * The measurement methods netmark knows, found with {@link java.util.ServiceLoader}: what a config
 * may name (the tuning-set kinds are the fixed clusterloader2 set of {@link Catalog}). Fails on two
 * factories for one method; an unknown method gives an error listing the known ones.
 */
public final class MeasurementRegistry implements Catalog {
  static final NamedServices.Kind KIND =
      new NamedServices.Kind(
          "measurement method",
          "Network measurements (NetworkReadyLatency, ...) are in "
              + Plugins.MEASUREMENTS_JAR
              + "; a custom measurement is a jar listing its factory in"
              + " META-INF/services/dev.netmark.api.MeasurementFactory, put on the classpath or in"
              + " --plugin-dir / "
              + PluginPath.ENV
              + ".");

  private final NamedServices<MeasurementFactory> factories;

  private MeasurementRegistry(NamedServices<MeasurementFactory> factories) {
    this.factories = factories;
  }

  /** Every factory visible to {@code loader}, the built-in ones included. */
  public static MeasurementRegistry load(ClassLoader loader) {
    return new MeasurementRegistry(
        NamedServices.load(MeasurementFactory.class, loader, MeasurementFactory::method, KIND));
  }

  /** A registry of exactly these factories; fails on a duplicate method. */
  public static MeasurementRegistry of(List<MeasurementFactory> factories) {
    return new MeasurementRegistry(NamedServices.of(factories, MeasurementFactory::method, KIND));
  }

  /**
   * The factory of {@code method}.
   *
   * @param where config path of the measurement, for the error
   * @throws ConfigException at {@code where} listing the known methods when unknown
   */
  public MeasurementFactory factory(String method, String where) {
    return factories
        .find(method)
        .orElseThrow(() -> new ConfigException(where, factories.unknown(method)));
  }

  @Override
  public Set<String> measurementMethods() {
    return factories.names();
  }

  @Override
  public void validateMeasurement(String method, Params params) {
    factory(method, parentPath(params.path()) + ".method").validate(params);
  }

  private static String parentPath(String paramsPath) {
    return paramsPath.endsWith(".params")
        ? paramsPath.substring(0, paramsPath.length() - ".params".length())
        : paramsPath;
  }
}
