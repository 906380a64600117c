package dev.netmark.testing.local.delay;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * A CNI bin directory for a test plugin that wraps Debian's: the plugin (a resource next to its
 * class), executable, beside links to the Debian plugins it delegates to (bridge, host-local,
 * loopback). {@link DelayCni} and the fault-soak benchmark's faulty plugin use it.
 */
public final class WrapperPlugin {
  private static final Path DEBIAN_PLUGINS = Path.of("/usr/lib/cni");
  private static final List<String> DELEGATES = List.of("bridge", "host-local", "loopback");

  private WrapperPlugin() {}

  /**
   * Makes {@code bin} with {@code plugin} (the resource of that name next to {@code owner}) and the
   * delegates' links; returns {@code bin}.
   */
  public static Path binDir(Path bin, Class<?> owner, String plugin) throws IOException {
    Files.createDirectories(bin);
    Path file = bin.resolve(plugin);
    try (InputStream in = owner.getResourceAsStream(plugin)) {
      if (in == null) {
        throw new IllegalStateException(
            "resource " + plugin + " missing next to " + owner.getSimpleName());
      }
      Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
    }
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    for (String real : DELEGATES) {
      Path link = bin.resolve(real);
      Files.deleteIfExists(link);
      Files.createSymbolicLink(link, DEBIAN_PLUGINS.resolve(real));
    }
    return bin;
  }
}
