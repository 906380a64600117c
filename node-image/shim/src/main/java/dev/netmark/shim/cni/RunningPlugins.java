package dev.netmark.shim.cni;

import dev.netmark.shim.state.BootId;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The plugin processes a shim runs, and its traffic commands ({@link #recordProcess}), one file
 * each in a directory of its state directory, so the next shim can end those a killed shim left
 * running (docs/design.md, "Faults"). Every plugin of every command (ADD, DEL, CHECK, VERSION) is
 * recorded the moment it is spawned, before its configuration is written to its stdin: until then a
 * CNI plugin waits on stdin, and once the shim dies that read ends at end of file, so a plugin
 * killed before its record was written never got to do anything. The file names the pid, the
 * process's start time ({@code /proc/PID/stat} field 22) and the boot, so a pid reused by another
 * process is never killed, and is dropped once the plugin was reaped or killed.
 *
 * <p>The records are written without fsync: they must survive the shim's process, not the machine,
 * whose crash ends every plugin anyway.
 */
public final class RunningPlugins {
  private static final Logger LOG = LoggerFactory.getLogger(RunningPlugins.class);
  private static final long POLL_MS = 10;
  private static final Entry UNRECORDED = () -> {};

  private final Path dir;
  private final String bootId;

  private RunningPlugins(Path dir, String bootId) {
    this.dir = dir;
    this.bootId = bootId;
  }

  /** Records nothing (tests, and runtimes without a state directory). */
  public static RunningPlugins none() {
    return new RunningPlugins(null, "");
  }

  /**
   * Opens {@code dir} (creating it), first ending what an earlier shim recorded there and left
   * running: each such plugin's process group is killed with SIGKILL and waited for, at most {@code
   * wait} in all. Call it before this shim starts any plugin.
   *
   * @throws IOException when the directory cannot be created or listed
   */
  public static RunningPlugins open(Path dir, Duration wait) throws IOException {
    Files.createDirectories(dir);
    String boot = BootId.current();
    List<String> ended = endLeftovers(dir, boot, wait);
    if (!ended.isEmpty()) {
      LOG.warn(
          "killed {} plugin(s) the previous shim left running: {}",
          ended.size(),
          String.join(", ", ended));
    }
    return new RunningPlugins(dir, boot);
  }

  /** A recorded process; {@link #close} drops the record. */
  public interface Entry extends AutoCloseable {
    @Override
    void close();
  }

  /**
   * Records {@code process}, which was just spawned and has not been given its stdin yet.
   *
   * @throws IOException when the record cannot be written (a full disk)
   */
  Entry record(PluginProcess process, Path binary, Map<String, String> env) throws IOException {
    if (dir == null) {
      return UNRECORDED;
    }
    return write(
        process.pid(),
        true,
        env.getOrDefault("CNI_COMMAND", "?") + " " + binary.getFileName(),
        env.getOrDefault("CNI_CONTAINERID", ""));
  }

  /**
   * Records a process the shim started that is not the leader of a process group of its own (a
   * traffic command): only that process is killed at the next start.
   *
   * @param what two words naming it, e.g. {@code traffic ping}
   * @param container the container it runs for
   * @throws IOException when the record cannot be written (a full disk)
   */
  public Entry recordProcess(long pid, String what, String container) throws IOException {
    return dir == null ? UNRECORDED : write(pid, false, what, container);
  }

  private Entry write(long pid, boolean group, String what, String container) throws IOException {
    ProcStat stat =
        ProcStat.of(pid).orElseThrow(() -> new IOException("no /proc entry for pid " + pid));
    Path file = dir.resolve(Long.toString(pid));
    Files.writeString(
        file,
        new Leftover(pid, bootId, stat.startTicks(), stat.session(), group, what, container)
            .format());
    return () -> {
      try {
        Files.deleteIfExists(file);
      } catch (IOException e) {
        // Harmless: the next shim finds the pid gone or reused and drops the record.
        LOG.warn("cannot drop the record {} of an ended plugin: {}", file, e.toString());
      }
    };
  }

  /** An {@link Entry} that records nothing, for a process run without a record. */
  public static Entry unrecorded() {
    return UNRECORDED;
  }

  /**
   * Ends the plugins recorded in {@code dir} that still run: kills each one's process group when
   * its pid still has the recorded start time in this boot, waits until none of them runs (at most
   * {@code wait}), and drops every record.
   *
   * @return what was killed, one description each
   */
  static List<String> endLeftovers(Path dir, String bootId, Duration wait) throws IOException {
    List<Path> files = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      entries.forEach(files::add);
    }
    List<Leftover> killed = new ArrayList<>();
    for (Path file : files) {
      Leftover l;
      try {
        l = Leftover.parse(file.getFileName().toString(), Files.readString(file));
      } catch (IOException | IllegalArgumentException e) {
        LOG.warn("dropping the unreadable plugin record {}: {}", file, e.toString());
        Files.deleteIfExists(file);
        continue;
      }
      if (l.bootId().equals(bootId) && !l.members().isEmpty()) {
        if (l.group()) {
          ProcessTrees.killGroup(Math.toIntExact(l.pid()));
        } else {
          ProcessHandle.of(l.pid()).ifPresent(ProcessHandle::destroyForcibly);
        }
        killed.add(l);
      }
    }
    long deadline = System.nanoTime() + wait.toNanos();
    List<Leftover> left = killed;
    while (!left.isEmpty() && System.nanoTime() - deadline < 0) {
      sleep();
      left = left.stream().filter(l -> !l.members().isEmpty()).toList();
    }
    for (Leftover l : left) {
      LOG.error("{} still runs {} ms after SIGKILL", l, wait.toMillis());
    }
    for (Path file : files) {
      Files.deleteIfExists(file);
    }
    return killed.stream().map(Leftover::toString).toList();
  }

  private static void sleep() {
    try {
      Thread.sleep(POLL_MS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while ending leftover plugins", e);
    }
  }

  /**
   * One record: process {@code pid}, started at {@code startTicks} of boot {@code bootId} in
   * session {@code session}; with {@code group}, the leader of a process group of its own (a
   * plugin), else a lone process (a traffic command).
   */
  record Leftover(
      long pid,
      String bootId,
      long startTicks,
      long session,
      boolean group,
      String what,
      String container) {
    static Leftover parse(String name, String text) {
      String[] f = text.strip().split(" ", 7);
      if (f.length < 6 || !List.of("group", "process").contains(f[3])) {
        throw new IllegalArgumentException(
            "expected 'BOOT START SESSION group|process WHAT WHAT [ID]'");
      }
      return new Leftover(
          Long.parseLong(name),
          f[0],
          Long.parseLong(f[1]),
          Long.parseLong(f[2]),
          f[3].equals("group"),
          f[4] + " " + f[5],
          f.length > 6 ? f[6] : "");
    }

    String format() {
      return String.join(
              " ",
              bootId,
              Long.toString(startTicks),
              Long.toString(session),
              group ? "group" : "process",
              what,
              container)
          + "\n";
    }

    /**
     * The processes of its group that still run and can be its own: the plugin itself while its pid
     * has the recorded start time, and, once it is gone, what it started that stayed in its group
     * (of its session, started after it). None when the pid was reused: a pid is not reused while a
     * group of that id has members, so the group is gone too.
     */
    List<ProcStat> members() {
      var leader = ProcStat.of(pid);
      if (leader.isPresent() && leader.get().startTicks() != startTicks) {
        return List.of();
      }
      if (!group) {
        return leader.filter(ProcStat::running).map(List::of).orElse(List.of());
      }
      return ProcStat.all().stream()
          .filter(p -> p.pgrp() == pid && p.session() == session)
          .filter(p -> p.startTicks() >= startTicks && p.running())
          .toList();
    }

    @Override
    public String toString() {
      return "pid " + pid + " (" + what + (container.isEmpty() ? "" : " of " + container) + ")";
    }
  }
}
