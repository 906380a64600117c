package dev.netmark.shim.targets;

import dev.netmark.contract.ProbeTargets;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** {@code --probe-targets FILE}: the ConfigMap's JSON from a file, for tests and offline nodes. */
public final class StaticTargetsFile {
  private StaticTargetsFile() {}

  /**
   * Reads and validates the file.
   *
   * @throws InvalidTargetsException naming the file and every problem
   * @throws UncheckedIOException when the file cannot be read
   */
  public static ProbeTargets read(Path file) {
    try {
      return ProbeTargetsJson.parse(Files.readString(file), "--probe-targets " + file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read --probe-targets " + file, e);
    }
  }

  /** A source that always answers the file's targets. */
  public static TargetsHolder load(Path file) {
    TargetsHolder holder = new TargetsHolder();
    holder.update(read(file));
    return holder;
  }
}
