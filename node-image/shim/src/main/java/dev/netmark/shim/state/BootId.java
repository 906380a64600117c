package dev.netmark.shim.state;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The kernel's boot id: {@code System.nanoTime} values saved by another process compare only within
 * one boot.
 */
public final class BootId {
  private static final Path FILE = Path.of("/proc/sys/kernel/random/boot_id");

  private BootId() {}

  public static String current() {
    try {
      return Files.readString(FILE).trim();
    } catch (IOException e) {
      // Unique per process: saved nanoTime values are then never trusted, the wall clock is.
      return "unreadable-" + ProcessHandle.current().pid();
    }
  }
}
