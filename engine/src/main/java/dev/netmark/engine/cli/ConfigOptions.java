package dev.netmark.engine.cli;

import dev.netmark.engine.config.ConfigLoader;
import dev.netmark.engine.config.LoadedConfig;
import dev.netmark.engine.config.ParameterSources;
import dev.netmark.engine.config.UnreadParameters;
import dev.netmark.engine.measurement.PluginPath;
import dev.netmark.engine.measurement.Plugins;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** What {@code validate} and {@code run} share: the config, its parameters and plugins. */
final class ConfigOptions {
  @Parameters(
      index = "0",
      paramLabel = "CONFIG",
      description = "The test config (YAML + FreeMarker).")
  Path config;

  @Option(
      names = "--set",
      paramLabel = "KEY=VALUE",
      description = "Sets a template parameter; repeatable. Also NETMARK_<KEY> variables.")
  List<String> sets = new ArrayList<>();

  @Option(
      names = "--testoverrides",
      paramLabel = "FILE",
      description = "A YAML file of parameters; repeatable, later files win.")
  List<Path> overrides = new ArrayList<>();

  @Option(
      names = UnreadParameters.ESCAPE,
      description =
          "Run even when a --set, --testoverrides or NETMARK_* parameter is read by no template"
              + " (for an overrides file shared between configs).")
  boolean allowUnusedParams;

  @Option(
      names = "--plugin-dir",
      paramLabel = "DIR",
      description = "A directory of plugin jars (measurements, metric sources, providers).")
  Path pluginDir;

  /** Plugins from the classpath, {@code --plugin-dir} and {@code NETMARK_PLUGIN_PATH}. */
  Plugins plugins(Map<String, String> env) {
    return Plugins.load(pluginDir, env.get(PluginPath.ENV));
  }

  /**
   * @throws dev.netmark.engine.config.ConfigErrors listing every problem, and every parameter no
   *     template reads unless {@code --allow-unused-params}
   */
  LoadedConfig load(Plugins plugins, Map<String, String> env) {
    ParameterSources params = ParameterSources.of(overrides, sets, env);
    LoadedConfig loaded = ConfigLoader.load(config, params, plugins.measurements());
    if (!allowUnusedParams) {
      UnreadParameters.check(params, loaded);
    }
    return loaded;
  }
}
