package dev.netmark.testing.local.delay;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What {@code netmark-delay} did to each pod, by pod UID: its own wall-clock view of the ADD and of
 * the moment it let the pod's traffic through again. The last successful ADD of a pod wins, as the
 * last one is what the runtime kept.
 *
 * @param adds every pod's ADD
 * @param restoredUs when the datapath of a pod was surely back (pods with a hold only): when the
 *     plugin's write to lift the hold (a flush of the pod's xt_recent list) returned, µs since
 *     epoch
 * @param restoreStartUs when that write began: the datapath came back between the two
 * @param failedRestores pods whose hold could not be lifted (their netns was gone)
 */
public record DelayTruth(
    Map<String, Add> adds,
    Map<String, Long> restoredUs,
    Map<String, Long> restoreStartUs,
    List<String> failedRestores) {
  /**
   * The key the plugin files an ADD under when CNI_ARGS named no pod UID (local mode's control
   * pods, which no CRI call creates); the last such ADD wins.
   */
  public static final String UNKNOWN_UID = "unknown";

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /**
   * One ADD as the plugin saw it.
   *
   * @param startUs when the plugin started, µs since epoch
   * @param endUs the script's last stamp: when it was about to return its result
   * @param exitUs when the script had exited, stamped by a compiled front door that waited for it
   *     (the line's {@code "exitUs"}); {@code endUs} when the script ran alone and could not see
   *     its own exit
   * @param addDelayMs the delay it was told to add
   * @param holdDownMs how long after {@code endUs} it was told to keep the datapath down
   * @param door what the compiled front door wrote about itself, or null for a line without it (the
   *     script alone, or an older front door)
   */
  public record Add(
      long startUs, long endUs, long exitUs, int addDelayMs, int holdDownMs, FrontDoor door) {
    /** An ADD without the front door's own fields. */
    public Add(long startUs, long endUs, long exitUs, int addDelayMs, int holdDownMs) {
      this(startUs, endUs, exitUs, addDelayMs, holdDownMs, null);
    }

    /** The truth for {@code cni_add}: the plugin's own ADD, start to exit, in ms. */
    public double addMillis() {
      return (exitUs - startUs) / 1000.0;
    }

    /**
     * What the script did after its last stamp, in ms: setting the hold, forking its timer, bash's
     * own exit (0 without a front door).
     */
    public double tailMillis() {
      return (exitUs - endUs) / 1000.0;
    }
  }

  /**
   * What the compiled front door wrote about its own process, so that its creation and exit can be
   * found among the kernel's process events (whose timestamps are CLOCK_MONOTONIC).
   *
   * @param pid the front door's pid: the process its caller started
   * @param startMonoNs CLOCK_MONOTONIC right after its start stamp ({@code startUs})
   * @param exitMonoNs CLOCK_MONOTONIC right after its exit stamp ({@code exitUs})
   * @param pairRealNs CLOCK_REALTIME, read right before {@code pairMonoNs}: one instant on both
   *     clocks (two vDSO reads, well under a microsecond apart)
   * @param pairMonoNs CLOCK_MONOTONIC of that instant
   */
  public record FrontDoor(
      int pid, long startMonoNs, long exitMonoNs, long pairRealNs, long pairMonoNs) {
    /**
     * A wall-clock stamp of this ADD's plugin (µs since epoch) on CLOCK_MONOTONIC (ns), through the
     * pair: exact up to the pair's own sub-µs gap and any slewing of the wall clock between the
     * pair and the stamp (NTP slews at most 0.5 ms per s).
     */
    public long monoNsOfWallUs(long wallUs) {
      return wallUs * 1000 - (pairRealNs - pairMonoNs);
    }
  }

  /** The truth for {@code network_ready} of {@code uid}: ADD start to datapath back, in ms. */
  public Optional<Double> readyMillis(String uid) {
    Add add = adds.get(uid);
    Long restored = restoredUs.get(uid);
    if (add == null) {
      return Optional.empty();
    }
    if (add.holdDownMs() == 0) {
      return Optional.of(add.addMillis());
    }
    return restored == null ? Optional.empty() : Optional.of((restored - add.startUs()) / 1000.0);
  }

  /** Reads the plugin's truth file; a missing file is no pod yet. */
  public static DelayTruth read(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file);
    } catch (NoSuchFileException e) {
      lines = List.of();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    return parse(lines, file.toString());
  }

  static DelayTruth parse(List<String> lines, String source) {
    Map<String, Add> adds = new LinkedHashMap<>();
    Map<String, Long> restored = new LinkedHashMap<>();
    Map<String, Long> restoreStart = new LinkedHashMap<>();
    List<String> failed = new java.util.ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isBlank()) {
        continue;
      }
      String where = source + " line " + (i + 1);
      JsonNode n;
      try {
        n = JSON.readTree(line);
      } catch (JacksonException e) {
        throw new IllegalArgumentException(where + ": not JSON: " + line, e);
      }
      String uid = text(n, "uid", where);
      switch (text(n, "event", where)) {
        case "add" -> {
          long endUs = number(n, "endUs", where);
          adds.put(
              uid,
              new Add(
                  number(n, "startUs", where),
                  endUs,
                  n.has("exitUs") ? number(n, "exitUs", where) : endUs,
                  (int) number(n, "addDelayMs", where),
                  (int) number(n, "holdDownMs", where),
                  n.has("pid") ? frontDoor(n, where) : null));
        }
        case "restored" -> {
          restored.put(uid, number(n, "atUs", where));
          restoreStart.put(uid, number(n, "fromUs", where));
        }
        case "failed" -> failed.add(uid);
        default ->
            throw new IllegalArgumentException(
                where + ": unknown event '" + n.get("event").asString() + "'");
      }
    }
    return new DelayTruth(
        Map.copyOf(adds), Map.copyOf(restored), Map.copyOf(restoreStart), List.copyOf(failed));
  }

  private static FrontDoor frontDoor(JsonNode n, String where) {
    long pid = number(n, "pid", where);
    if (pid <= 0 || pid > Integer.MAX_VALUE) {
      throw new IllegalArgumentException(where + ": \"pid\" out of range: " + pid);
    }
    return new FrontDoor(
        (int) pid,
        number(n, "startMonoNs", where),
        number(n, "exitMonoNs", where),
        number(n, "pairRealNs", where),
        number(n, "pairMonoNs", where));
  }

  private static String text(JsonNode n, String field, String where) {
    JsonNode v = n.get(field);
    if (v == null || !v.isString()) {
      throw new IllegalArgumentException(where + ": expected a string \"" + field + "\"");
    }
    return v.asString();
  }

  private static long number(JsonNode n, String field, String where) {
    JsonNode v = n.get(field);
    if (v == null || !v.isIntegralNumber()) {
      throw new IllegalArgumentException(where + ": expected a whole number \"" + field + "\"");
    }
    return v.asLong();
  }
}
