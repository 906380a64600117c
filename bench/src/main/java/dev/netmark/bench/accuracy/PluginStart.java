package dev.netmark.bench.accuracy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;

/**
 * The raw operation behind most of the {@code cni_add} error: from asking for a bash plugin process
 * to its first line running, which the plugin cannot see and so leaves out of its truth. Measured
 * as a runtime starts a plugin: a script with a {@code #!/bin/bash} line, started from Java,
 * printing {@code $EPOCHREALTIME} as its first command.
 */
final class PluginStart {
  private PluginStart() {}

  /** The median start gap in ms over {@code n} starts. */
  static double medianMillis(Path dir, int n) throws IOException, InterruptedException {
    Path script = dir.resolve("first-line");
    Files.writeString(script, "#!/bin/bash\nprintf %s \"${EPOCHREALTIME/[.,]/}\"\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    double[] gaps = new double[n];
    for (int i = 0; i < n; i++) {
      Instant before = Instant.now();
      Process p = new ProcessBuilder(script.toString()).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      p.waitFor();
      long beforeUs = ChronoUnit.MICROS.between(Instant.EPOCH, before);
      gaps[i] = (Long.parseLong(out) - beforeUs) / 1000.0;
    }
    Arrays.sort(gaps);
    return Stats.median(gaps);
  }
}
