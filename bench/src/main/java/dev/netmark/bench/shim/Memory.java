package dev.netmark.bench.shim;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A process's resident memory from {@code /proc/PID/status}, in MiB.
 *
 * @param rssMiB VmRSS: resident now (anonymous and file pages: what the goals count)
 * @param hwmMiB VmHWM: the peak resident so far
 * @param anonMiB RssAnon: the resident pages no other process can share
 * @param pssMiB Pss from smaps_rollup: file pages shared with other processes counted in part
 */
record Memory(double rssMiB, double hwmMiB, double anonMiB, double pssMiB) {
  static Memory of(long pid) throws IOException {
    Path proc = Path.of("/proc", Long.toString(pid));
    String status = Files.readString(proc.resolve("status"));
    String rollup = Files.readString(proc.resolve("smaps_rollup"));
    return new Memory(
        kib(status, "VmRSS:") / 1024.0,
        kib(status, "VmHWM:") / 1024.0,
        kib(status, "RssAnon:") / 1024.0,
        kib(rollup, "Pss:") / 1024.0);
  }

  /** {@code /usr/bin/time -v}'s "Maximum resident set size (kbytes)" from its report, in MiB. */
  static double timeMaxRssMiB(Path report) throws IOException {
    return kib(Files.readString(report), "Maximum resident set size (kbytes):") / 1024.0;
  }

  private static long kib(String text, String key) {
    return text.lines()
        .map(String::strip)
        .filter(l -> l.startsWith(key))
        .map(l -> l.substring(key.length()).replace("kB", "").strip())
        .mapToLong(Long::parseLong)
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("no '" + key + "' in:\n" + text));
  }
}
