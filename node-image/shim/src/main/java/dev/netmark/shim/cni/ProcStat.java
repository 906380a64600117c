package dev.netmark.shim.cni;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What {@code /proc/PID/stat} tells of a process: its state, process group, session and start time
 * (field 22, clock ticks after boot). A pid and its start time name one process of a boot: a pid
 * reused by a later process has a later start time.
 *
 * @param pid the process id
 * @param state the state letter ({@code Z} for a zombie, dead but not reaped)
 * @param pgrp its process group
 * @param session its session
 * @param startTicks when it started, in clock ticks after boot
 */
record ProcStat(long pid, char state, long pgrp, long session, long startTicks) {
  private static final Path PROC = Path.of("/proc");

  /** The process {@code pid}, if it exists (zombies too). */
  static Optional<ProcStat> of(long pid) {
    try {
      return Optional.of(parse(Files.readString(PROC.resolve(Long.toString(pid)).resolve("stat"))));
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException e) {
      // ESRCH while reading: it just ended.
      return Optional.empty();
    }
  }

  /** Every process of the system right now. */
  static List<ProcStat> all() {
    List<ProcStat> found = new ArrayList<>();
    try (Stream<Path> entries = Files.list(PROC)) {
      entries
          .map(p -> p.getFileName().toString())
          .filter(n -> !n.isEmpty() && n.chars().allMatch(Character::isDigit))
          .forEach(n -> of(Long.parseLong(n)).ifPresent(found::add));
    } catch (IOException e) {
      throw new IllegalStateException("cannot list /proc: " + e.getMessage(), e);
    }
    return found;
  }

  /**
   * Parses one {@code stat} line. The command name (field 2) is in parentheses and may itself hold
   * spaces and parentheses, so the fields are counted from its last {@code ')'}.
   */
  static ProcStat parse(String line) {
    int open = line.indexOf(" (");
    int close = line.lastIndexOf(')');
    if (open < 0 || close < open) {
      throw new IllegalArgumentException("not a /proc/PID/stat line: " + line);
    }
    String[] f = line.substring(close + 2).strip().split(" ");
    // f[0] is field 3 (state): field n is f[n - 3].
    if (f.length < 20) {
      throw new IllegalArgumentException("a /proc/PID/stat line with too few fields: " + line);
    }
    return new ProcStat(
        Long.parseLong(line.substring(0, open)),
        f[0].charAt(0),
        Long.parseLong(f[2]),
        Long.parseLong(f[3]),
        Long.parseLong(f[19]));
  }

  /** Whether it still runs: it exists and is not a zombie. */
  boolean running() {
    return state != 'Z' && state != 'X';
  }
}
