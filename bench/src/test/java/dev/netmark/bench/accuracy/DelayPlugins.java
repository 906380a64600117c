package dev.netmark.bench.accuracy;

import dev.netmark.testing.local.delay.DelayTruth;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/** The delay plugin installed for a test, delegating to a plugin that only answers. */
final class DelayPlugins {
  private DelayPlugins() {}

  /**
   * Installs {@code netmark-delay} and a delegate {@code fake} (an empty 0.4.0 result) in {@code
   * DIR/plugins}.
   *
   * @return the delay plugin's path
   */
  static Path installWithFakeDelegate(Path dir) throws IOException {
    Path plugins = Files.createDirectories(dir.resolve("plugins"));
    Path delay = plugins.resolve("netmark-delay");
    try (InputStream in =
        DelayTruth.class.getResourceAsStream("/dev/netmark/testing/local/delay/netmark-delay")) {
      Files.copy(in, delay, StandardCopyOption.REPLACE_EXISTING);
    }
    Path fake = plugins.resolve("fake");
    Files.writeString(
        fake, "#!/bin/bash\ncat >/dev/null\necho '{\"cniVersion\":\"0.4.0\",\"ips\":[]}'\n");
    for (Path s : new Path[] {delay, fake}) {
      Files.setPosixFilePermissions(s, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
    return delay;
  }
}
