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
 * The raw operation behind most of the {@code cni_add} error: from asking for a plugin process to
 * the plugin's first stamp of the time, which it cannot see and so leaves out of its truth.
 * Measured as a runtime starts a plugin, from Java: a script with a {@code #!/bin/bash} line
 * printing {@code $EPOCHREALTIME} as its first command, or the same script behind the compiled
 * {@link TruthStamp}, which stamps first and passes its stamp on.
 */
final class PluginStart {
  private PluginStart() {}

  /**
   * The median start gap in ms over {@code n} starts.
   *
   * @param stamp the compiled front door, or null for the bash script alone
   */
  static double medianMillis(Path dir, int n, TruthStamp stamp)
      throws IOException, InterruptedException {
    Path script = dir.resolve(stamp == null ? "first-line" : "first-line-stamped");
    Files.writeString(
        script, "#!/bin/bash\nprintf %s \"${NETMARK_DELAY_START_US:-${EPOCHREALTIME/[.,]/}}\"\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    if (stamp != null) {
      stamp.frontOf(script);
    }
    double[] gaps = new double[n];
    for (int i = 0; i < n; i++) {
      ProcessBuilder pb = new ProcessBuilder(script.toString());
      pb.environment().remove("NETMARK_DELAY_START_US");
      Instant before = Instant.now();
      Process p = pb.start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      p.waitFor();
      long beforeUs = ChronoUnit.MICROS.between(Instant.EPOCH, before);
      gaps[i] = (Long.parseLong(out) - beforeUs) / 1000.0;
    }
    Arrays.sort(gaps);
    return Stats.median(gaps);
  }
}
