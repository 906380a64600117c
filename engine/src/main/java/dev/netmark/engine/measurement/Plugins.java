package dev.netmark.engine.measurement;

import dev.netmark.api.ClusterProvider;
import dev.netmark.api.MetricSourceFactory;
import java.nio.file.Path;
import java.util.List;

/**
 * Every plugin netmark found: measurement factories, metric source factories and cluster providers,
 * from the classpath and the plugin path, all through one class loader.
 *
 * @param measurements measurement factories by method
 * @param metricSources metric source factories by kind
 * @param clusterProviders cluster providers by name
 */
public record Plugins(
    MeasurementRegistry measurements,
    NamedServices<MetricSourceFactory> metricSources,
    NamedServices<ClusterProvider> clusterProviders) {

  static final String MEASUREMENTS_JAR = "netmark-measurements.jar";

  /**
   * Loads plugins visible to this class's loader plus the jars of {@code --plugin-dir} and {@code
   * NETMARK_PLUGIN_PATH}.
   *
   * @param pluginDir {@code --plugin-dir}, or null
   * @param envPluginPath the value of {@code NETMARK_PLUGIN_PATH}, or null
   */
  public static Plugins load(Path pluginDir, String envPluginPath) {
    List<Path> entries = PluginPath.entries(pluginDir, envPluginPath);
    return load(PluginPath.classLoader(entries, Plugins.class.getClassLoader()));
  }

  /** Loads every plugin visible to {@code loader}. */
  public static Plugins load(ClassLoader loader) {
    return new Plugins(
        MeasurementRegistry.load(loader),
        NamedServices.load(
            MetricSourceFactory.class,
            loader,
            MetricSourceFactory::kind,
            new NamedServices.Kind(
                "metric source",
                "The direct, proxy and prometheus sources are in "
                    + MEASUREMENTS_JAR
                    + ": put it on the classpath or in --plugin-dir / "
                    + PluginPath.ENV
                    + ".")),
        NamedServices.load(
            ClusterProvider.class,
            loader,
            ClusterProvider::name,
            new NamedServices.Kind(
                "cluster provider",
                "The local provider is in netmark-testing.jar: put it on the classpath or in"
                    + " --plugin-dir / "
                    + PluginPath.ENV
                    + ", or pass --kubeconfig.")));
  }
}
