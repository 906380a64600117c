package dev.netmark.engine.measurement;

import dev.netmark.api.NetmarkException;
import java.io.File;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where plugin jars come from besides the classpath: {@code --plugin-dir DIR} and the {@code
 * NETMARK_PLUGIN_PATH} environment variable (directories or jars separated by {@code :}).
 */
public final class PluginPath {
  public static final String ENV = "NETMARK_PLUGIN_PATH";

  private PluginPath() {}

  /**
   * A class loader over the jars of the given entries, or {@code parent} when there are none.
   *
   * @param entries directories (every {@code *.jar} inside) or jar files
   * @throws NetmarkException naming an entry that does not exist
   */
  public static ClassLoader classLoader(List<Path> entries, ClassLoader parent) {
    List<URL> urls = new ArrayList<>();
    for (Path entry : entries) {
      for (Path jar : jars(entry)) {
        try {
          urls.add(jar.toUri().toURL());
        } catch (MalformedURLException e) {
          throw new NetmarkException(
              "plugin jar " + jar + " has no URL form: " + e.getMessage(), e);
        }
      }
    }
    if (urls.isEmpty()) {
      return parent;
    }
    return new URLClassLoader("netmark-plugins", urls.toArray(URL[]::new), parent);
  }

  /** The entries of {@code --plugin-dir} (may be null) followed by those of the environment. */
  public static List<Path> entries(Path pluginDir, String envValue) {
    List<Path> entries = new ArrayList<>();
    if (pluginDir != null) {
      entries.add(pluginDir);
    }
    if (envValue != null && !envValue.isBlank()) {
      for (String part : envValue.split(File.pathSeparator)) {
        if (!part.isBlank()) {
          entries.add(Path.of(part.trim()));
        }
      }
    }
    return entries;
  }

  private static List<Path> jars(Path entry) {
    if (Files.isRegularFile(entry)) {
      return List.of(entry);
    }
    if (!Files.isDirectory(entry)) {
      throw new NetmarkException(
          "plugin path entry " + entry + " does not exist (from --plugin-dir or " + ENV + ")");
    }
    try (Stream<Path> files = Files.list(entry)) {
      return files.filter(p -> p.getFileName().toString().endsWith(".jar")).sorted().toList();
    } catch (IOException e) {
      throw new NetmarkException("cannot list plugin directory " + entry + ": " + e, e);
    }
  }
}
