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
    return gapsMillis(script, n)[0];
  }

  /**
   * The two gaps the compiled front door leaves out of the truth, median ms over {@code n} runs of
   * a script behind it that hands a truth line over as netmark-delay does: its start ({@code [0]},
   * as {@link #medianMillis}) and its end ({@code [1]}), from the front door's exit stamp to the
   * JVM's {@link Process#waitFor} returning: its own exit and the JVM noticing it.
   */
  static double[] frontDoorMillis(Path dir, int n, TruthStamp stamp)
      throws IOException, InterruptedException {
    Path script = dir.resolve("hand-over");
    Path truth = dir.resolve("hand-over.jsonl");
    Files.writeString(
        script,
        "#!/bin/bash\nprintf %s \"$NETMARK_DELAY_START_US\"\n"
            + "printf '%s\\n{\"event\":\"x\"}\\n' '"
            + truth
            + "' >&\"$NETMARK_DELAY_TRUTH_FD\"\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    stamp.frontOf(script);
    return gapsMillis(script, n);
  }

  // Median start gaps and, where the front door appended an exit stamp, end gaps (else 0).
  private static double[] gapsMillis(Path script, int n) throws IOException, InterruptedException {
    Path truth = script.resolveSibling(script.getFileName() + ".jsonl");
    double[] gaps = new double[n];
    double[] ends = new double[n];
    for (int i = 0; i < n; i++) {
      Files.deleteIfExists(truth);
      ProcessBuilder pb = new ProcessBuilder(script.toString());
      pb.environment().remove("NETMARK_DELAY_START_US");
      Instant before = Instant.now();
      Process p = pb.start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      p.waitFor();
      long afterUs = ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
      long beforeUs = ChronoUnit.MICROS.between(Instant.EPOCH, before);
      gaps[i] = (Long.parseLong(out) - beforeUs) / 1000.0;
      ends[i] = Files.exists(truth) ? (afterUs - exitUs(Files.readString(truth))) / 1000.0 : 0;
    }
    Arrays.sort(gaps);
    Arrays.sort(ends);
    return new double[] {Stats.median(gaps), Stats.median(ends)};
  }

  private static long exitUs(String line) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"exitUs\":(\\d+)").matcher(line);
    if (!m.find()) {
      throw new IllegalStateException("the front door appended no exit stamp: " + line);
    }
    return Long.parseLong(m.group(1));
  }
}
