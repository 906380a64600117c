package dev.netmark.testing.kubemark;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository root, found upwards from the working directory (a module directory in Maven). */
final class Repo {
  private Repo() {}

  static Path root() {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isRegularFile(p.resolve("configs/network-ready-latency.yaml"))
          && Files.isDirectory(p.resolve("hack"))) {
        return p;
      }
    }
    throw new IllegalStateException("no repository root above " + Path.of("").toAbsolutePath());
  }
}
