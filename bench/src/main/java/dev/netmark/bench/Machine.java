package dev.netmark.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** What a benchmark ran on, read from /proc, so a number is never quoted without its machine. */
public final class Machine {
  private Machine() {}

  /** CPU model, cores, memory and kernel. */
  public static Map<String, Object> describe() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("cpu", field(read("/proc/cpuinfo"), "model name"));
    m.put("cores", Runtime.getRuntime().availableProcessors());
    m.put("memoryKiB", number(field(read("/proc/meminfo"), "MemTotal")));
    m.put("kernel", read("/proc/sys/kernel/osrelease").strip());
    m.put("java", System.getProperty("java.vm.name") + " " + Runtime.version());
    return m;
  }

  /** The 1-minute load average: other work on the machine while a benchmark runs is noise. */
  public static double loadAverage() {
    String text = read("/proc/loadavg");
    return text.isBlank() ? -1 : Double.parseDouble(text.split(" ")[0]);
  }

  private static String field(String text, String key) {
    for (String line : text.split("\n")) {
      int colon = line.indexOf(':');
      if (colon > 0 && line.substring(0, colon).strip().equals(key)) {
        return line.substring(colon + 1).strip();
      }
    }
    return "unknown";
  }

  private static long number(String value) {
    String digits = value.replaceAll("[^0-9]", "");
    return digits.isEmpty() ? -1 : Long.parseLong(digits);
  }

  private static String read(String path) {
    try {
      return Files.readString(Path.of(path));
    } catch (IOException e) {
      return "";
    }
  }
}
