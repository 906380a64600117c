package dev.netmark.shim.state;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes that leave either the old or the new file behind when the shim dies, never a torn one.
 *
 * <p>Nothing is fsync'd. What these files describe (network namespaces, running plugins, the probe
 * loop's pods) ends with the machine, and the page cache outlives the shim's process, which is what
 * a restart needs. libcni writes its result cache the same way, without sync, and so do the
 * plugins' own stores (host-local's leases). An fsync per write forces a journal commit that the
 * plugins' own file operations on the same filesystem wait behind, which slowed the ADDs netmark
 * measures (docs/design.md, "State on disk"). A file that a power cut leaves empty or cut short is
 * quarantined at the next start, as any unreadable state file is.
 */
public final class AtomicFiles {
  private AtomicFiles() {}

  /** Writes a temporary file beside {@code target} and renames it over {@code target}. */
  public static void write(Path target, byte[] content) throws IOException {
    Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp");
    Files.write(
        tmp,
        content,
        StandardOpenOption.CREATE,
        StandardOpenOption.TRUNCATE_EXISTING,
        StandardOpenOption.WRITE);
    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }
}
