package dev.netmark.bench.accuracy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The compiled front door of the {@code netmark-delay} plugin (netmark-delay-stamp.c beside this
 * class): it stamps its own start, runs the script and waits for it, and appends the script's truth
 * line with the script's exit stamp, so the truth of an ADD no longer leaves out bash's start-up
 * and exit nor what the script does after its last stamp. Compiled with gcc once per benchmark run.
 */
final class TruthStamp {
  private static final String SOURCE = "netmark-delay-stamp.c";
  private final Path binary;

  private TruthStamp(Path binary) {
    this.binary = binary;
  }

  /** Compiles the front door into {@code dir}. */
  static TruthStamp compile(Path dir) throws IOException, InterruptedException {
    Path src = dir.resolve(SOURCE);
    try (InputStream in = TruthStamp.class.getResourceAsStream(SOURCE)) {
      if (in == null) {
        throw new IllegalStateException("resource " + SOURCE + " missing next to TruthStamp");
      }
      Files.copy(in, src, StandardCopyOption.REPLACE_EXISTING);
    }
    Path out = dir.resolve("netmark-delay-stamp");
    Process p =
        new ProcessBuilder("gcc", "-O2", "-Wall", "-o", out.toString(), src.toString())
            .redirectErrorStream(true)
            .start();
    String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IllegalStateException("gcc could not compile " + src + ":\n" + log);
    }
    return new TruthStamp(out);
  }

  /**
   * Puts the front door in front of the executable {@code plugin}: the script becomes {@code
   * plugin.sh} and the binary takes its name, so configurations naming the plugin go through it.
   */
  void frontOf(Path plugin) throws IOException {
    Files.move(
        plugin,
        plugin.resolveSibling(plugin.getFileName() + ".sh"),
        StandardCopyOption.REPLACE_EXISTING);
    Files.copy(binary, plugin, StandardCopyOption.COPY_ATTRIBUTES);
  }
}
