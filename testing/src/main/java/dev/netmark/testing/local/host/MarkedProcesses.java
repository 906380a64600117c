package dev.netmark.testing.local.host;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Every process local mode starts carries {@link #ENV}{@code =PREFIX} in its environment, so it can
 * be found after its parent was killed and after its network namespace was deleted (a process keeps
 * an unnamed namespace alive, where {@code ip netns pids} no longer sees it).
 */
public final class MarkedProcesses {
  /** The environment variable that marks local mode's processes; its value is the prefix. */
  public static final String ENV = "NETMARK_LOCAL_PREFIX";

  private MarkedProcesses() {}

  /**
   * A marked process.
   *
   * @param pid its process id
   * @param prefix the prefix it was marked with
   * @param command its command line, arguments joined by spaces
   */
  public record Marked(long pid, String prefix, String command) {}

  /** Marked processes with the given prefix, or with any prefix when {@code prefix} is null. */
  public static List<Marked> find(String prefix) {
    List<Marked> found = new ArrayList<>();
    long self = ProcessHandle.current().pid();
    try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
      for (Path dir : procs.toList()) {
        String name = dir.getFileName().toString();
        if (!name.chars().allMatch(Character::isDigit) || Long.parseLong(name) == self) {
          continue;
        }
        String mark = mark(dir);
        if (mark != null && (prefix == null || mark.equals(prefix))) {
          found.add(new Marked(Long.parseLong(name), mark, commandLine(dir)));
        }
      }
    } catch (IOException e) {
      throw new HostException("cannot list /proc", e);
    }
    return found;
  }

  private static String mark(Path dir) {
    for (String var : read(dir.resolve("environ")).split("\0")) {
      if (var.startsWith(ENV + "=")) {
        return var.substring(ENV.length() + 1);
      }
    }
    return null;
  }

  private static String commandLine(Path dir) {
    return read(dir.resolve("cmdline")).replace('\0', ' ').strip();
  }

  private static String read(Path file) {
    try {
      return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      return ""; // the process exited while we looked
    } catch (IOException e) {
      // Kernel threads and exiting processes refuse environ reads; they carry no mark.
      return "";
    }
  }
}
