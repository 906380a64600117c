package dev.netmark.bench.density;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * The CPU time of the shims of a run, read from {@code /proc/PID/stat} while they live: a shim's
 * file is gone once teardown ends it, so the last reading before that is its total.
 */
final class ShimCpu {
  private final long ticksPerSecond;
  private final Map<Long, Long> lastTicks = new TreeMap<>();

  ShimCpu(long ticksPerSecond) {
    this.ticksPerSecond = ticksPerSecond;
  }

  /** Reads the CPU time of {@code pid} again; a process that has exited keeps its last reading. */
  void sample(long pid) {
    try {
      lastTicks.put(pid, ticks(Files.readString(Path.of("/proc", Long.toString(pid), "stat"))));
    } catch (IOException e) {
      // The shim exited since it was found: its last reading stands.
    }
  }

  /** The shims seen so far. */
  int shims() {
    return lastTicks.size();
  }

  /** Total user and system CPU seconds over every shim seen. */
  double seconds() {
    return lastTicks.values().stream().mapToLong(Long::longValue).sum() / (double) ticksPerSecond;
  }

  /**
   * utime + stime, in clock ticks, from the text of {@code /proc/PID/stat}: fields 14 and 15,
   * counted after the command name, which is in parentheses and may hold spaces.
   */
  static long ticks(String stat) {
    int close = stat.lastIndexOf(')');
    if (close < 0) {
      throw new IllegalArgumentException("not a /proc/PID/stat line: " + stat);
    }
    // After ")": field 3 (state) is index 0, so utime (14) is index 11 and stime (15) index 12.
    String[] f = stat.substring(close + 1).strip().split("\\s+");
    if (f.length < 13) {
      throw new IllegalArgumentException("/proc/PID/stat line too short: " + stat);
    }
    return Long.parseLong(f[11]) + Long.parseLong(f[12]);
  }
}
