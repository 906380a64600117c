package dev.netmark.testing.local.fabric;

import dev.netmark.testing.local.host.HostException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The process that owns a prefix, in {@code STATE/owner.pid}, so a second run with the same prefix
 * refuses to start instead of cleaning away a live run's network as leftovers.
 */
final class Owner {
  private Owner() {}

  /** Throws when another live process owns {@code plan}'s prefix. */
  static void claim(FabricPlan plan) {
    Path file = file(plan);
    if (!Files.exists(file)) {
      return;
    }
    long pid;
    try {
      pid = Long.parseLong(Files.readString(file).strip());
    } catch (IOException | NumberFormatException e) {
      return; // unreadable: a run killed while writing it; its leftovers get cleaned
    }
    if (pid != ProcessHandle.current().pid()
        && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
      throw new HostException(
          "a local run with prefix '"
              + plan.prefix()
              + "' is still going (pid "
              + pid
              + ", "
              + file
              + "): stop it or choose another prefix");
    }
  }

  static void write(FabricPlan plan) throws IOException {
    Files.createDirectories(plan.runDir());
    Files.writeString(file(plan), ProcessHandle.current().pid() + "\n");
  }

  private static Path file(FabricPlan plan) {
    return plan.runDir().resolve("owner.pid");
  }
}
