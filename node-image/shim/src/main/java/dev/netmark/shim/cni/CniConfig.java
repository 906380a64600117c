package dev.netmark.shim.cni;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A validated network configuration list, as loaded from a CNI configuration directory. A single
 * network configuration ({@code .conf}) is wrapped into a list of one, as libcni does.
 *
 * @param source the file it came from
 * @param name the network name (part of the result cache key)
 * @param cniVersion the list's {@code cniVersion}
 * @param cniVersions the optional {@code cniVersions} of CNI 1.1 (empty when absent)
 * @param disableCheck the list asks runtimes not to run CHECK
 * @param plugins the entries, in ADD order, with their binaries resolved
 */
public record CniConfig(
    Path source,
    String name,
    String cniVersion,
    List<String> cniVersions,
    boolean disableCheck,
    List<CniPlugin> plugins) {
  /** Validates and copies. */
  public CniConfig {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(cniVersion, "cniVersion");
    cniVersions = List.copyOf(cniVersions);
    plugins = List.copyOf(plugins);
  }

  /**
   * Loads the lexically first {@code *.conflist}, {@code *.conf} or {@code *.json} file of {@code
   * confDir} (the one containerd would use) and validates it against {@code binDirs}.
   *
   * @throws CniConfigException naming the file and the problem
   */
  public static CniConfig load(Path confDir, List<Path> binDirs) {
    return CniConfigLoader.load(confDir, binDirs);
  }

  /**
   * Parses and validates configuration text as if read from {@code source} (its extension decides
   * between a list and a single configuration, as in a directory).
   *
   * @throws CniConfigException naming {@code source} and the problem
   */
  public static CniConfig parse(Path source, String text, List<Path> binDirs) {
    return CniConfigLoader.parse(source, text, binDirs);
  }

  /** The binary directories as a {@code CNI_PATH} value. */
  static String cniPath(List<Path> binDirs) {
    return String.join(":", binDirs.stream().map(Path::toString).toList());
  }
}
