package dev.netmark.shim.cni;

import dev.netmark.shim.state.AtomicFiles;
import dev.netmark.shim.state.BootId;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The plugin processes a shim runs, and its traffic commands ({@link #recordProcess}), recorded in
 * a journal of its state directory ({@code running}), so the next shim can end those a killed shim
 * left running (docs/design.md, "Faults"). Every plugin of every command (ADD, DEL, CHECK, VERSION)
 * is recorded the moment it is spawned, before its configuration is written to its stdin: until
 * then a CNI plugin waits on stdin, and once the shim dies that read ends at end of file, so a
 * plugin killed before its record was written never got to do anything. A record names the pid, the
 * process's start time ({@code /proc/PID/stat} field 22) and the boot, so a pid reused by another
 * process is never killed, and a second line drops it once the plugin was reaped or killed.
 *
 * <p>One line appended per event instead of a file per process: creating and deleting a file for
 * each of the four plugins of an ADD made {@code open(2)} and {@code unlink(2)} on the state
 * directory's filesystem a twentieth of the shim's CPU at density. The journal is emptied whenever
 * nothing is recorded and it has grown past {@link #EMPTY_AT_BYTES}, and rewritten with only what
 * still runs past {@link #REWRITE_AT_BYTES}. Records of a shim from before the journal (a file per
 * pid) are still read and ended. Nothing is fsync'd: the records must survive the shim's process,
 * not the machine, whose crash ends every plugin anyway.
 */
public final class RunningPlugins implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RunningPlugins.class);
  private static final long POLL_MS = 10;
  private static final Entry UNRECORDED = () -> {};
  static final String JOURNAL = "running";
  static final long EMPTY_AT_BYTES = 64 * 1024;
  static final long REWRITE_AT_BYTES = 1024 * 1024;

  private final Path dir;
  private final String bootId;
  private final ReentrantLock lock = new ReentrantLock();
  // The journal's lines of what still runs, for a rewrite.
  private final Set<String> live = new LinkedHashSet<>();
  private FileChannel journal; // opened at the first record
  private long journalBytes;
  // An append failed part-way (a full disk): the next line starts on a line of its own.
  private boolean torn;

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
    String line =
        Leftover.started(
            new Leftover(pid, bootId, stat.startTicks(), stat.session(), group, what, container));
    lock.lock();
    try {
      append(line);
      live.add(line);
    } finally {
      lock.unlock();
    }
    String ended = Leftover.ended(pid, stat.startTicks());
    return () -> drop(pid, line, ended);
  }

  private void drop(long pid, String started, String ended) {
    lock.lock();
    try {
      live.remove(started);
      if (live.isEmpty() && journalBytes >= EMPTY_AT_BYTES) {
        journal.truncate(0);
        journalBytes = 0;
      } else if (journalBytes >= REWRITE_AT_BYTES) {
        rewrite();
      } else {
        append(ended);
      }
    } catch (IOException e) {
      // Harmless: the next shim finds the pid gone or reused and drops the record.
      LOG.warn("cannot drop the record of ended pid {}: {}", pid, e.toString());
    } finally {
      lock.unlock();
    }
  }

  private void append(String line) throws IOException {
    if (journal == null) {
      journal =
          FileChannel.open(
              dir.resolve(JOURNAL),
              StandardOpenOption.CREATE,
              StandardOpenOption.WRITE,
              StandardOpenOption.APPEND);
      journalBytes = journal.size();
    }
    ByteBuffer bytes =
        ByteBuffer.wrap((torn ? "\n" + line : line).getBytes(StandardCharsets.UTF_8));
    journalBytes += bytes.remaining();
    torn = true;
    while (bytes.hasRemaining()) {
      journal.write(bytes);
    }
    torn = false;
  }

  /** The journal again with only what still runs, renamed over the old one. */
  private void rewrite() throws IOException {
    AtomicFiles.write(dir.resolve(JOURNAL), String.join("", live).getBytes(StandardCharsets.UTF_8));
    journal.close();
    journal = null;
    journalBytes = 0;
  }

  /** Closes the journal; records made after this open it again. */
  @Override
  public void close() {
    lock.lock();
    try {
      if (journal != null) {
        journal.close();
      }
    } catch (IOException e) {
      LOG.warn("cannot close {}: {}", dir.resolve(JOURNAL), e.toString());
    } finally {
      // A plugin reaped after this (a shim closing while a DEL ends) reopens it and measures it.
      journal = null;
      journalBytes = 0;
      lock.unlock();
    }
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
    List<Leftover> killed = new ArrayList<>();
    for (Leftover l : recorded(dir)) {
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
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path file : entries) {
        Files.deleteIfExists(file);
      }
    }
    return killed.stream().map(Leftover::toString).toList();
  }

  /**
   * What {@code dir} records as running: the journal's records not dropped, and the files of a shim
   * from before the journal. Unreadable records are logged and skipped.
   */
  public static List<Leftover> recorded(Path dir) throws IOException {
    Map<Long, Leftover> running = new LinkedHashMap<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path file : entries) {
        String name = file.getFileName().toString();
        if (!name.chars().allMatch(Character::isDigit)) {
          continue; // the journal, and a rewrite's temporary file that never got renamed
        }
        try {
          Leftover l = Leftover.parse(name, Files.readString(file));
          running.put(l.pid(), l);
        } catch (IOException | IllegalArgumentException e) {
          LOG.warn("dropping the unreadable plugin record {}: {}", file, e.toString());
        }
      }
    }
    Path journal = dir.resolve(JOURNAL);
    if (Files.exists(journal)) {
      for (String line : Files.readAllLines(journal, StandardCharsets.UTF_8)) {
        if (line.isBlank()) {
          continue; // after an append that failed part-way
        }
        try {
          Leftover.replay(line, running);
        } catch (IllegalArgumentException e) {
          // A shim killed in the middle of a line: that line's process never got its stdin.
          LOG.warn("skipping the unreadable line '{}' of {}: {}", line, journal, e.getMessage());
        }
      }
    }
    return List.copyOf(running.values());
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
  public record Leftover(
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

    /** The journal's line recording {@code l} as started. */
    static String started(Leftover l) {
      return "+ " + l.pid() + " " + l.format();
    }

    /** The journal's line dropping the record of pid {@code pid} started at {@code startTicks}. */
    static String ended(long pid, long startTicks) {
      return "- " + pid + " " + startTicks + "\n";
    }

    /** Applies one journal line to {@code running}. */
    static void replay(String line, Map<Long, Leftover> running) {
      String[] f = line.split(" ", 3);
      if (f.length < 3 || !(f[0].equals("+") || f[0].equals("-"))) {
        throw new IllegalArgumentException("expected '+ PID RECORD' or '- PID START'");
      }
      try {
        long pid = Long.parseLong(f[1]);
        if (f[0].equals("+")) {
          running.put(pid, parse(f[1], f[2]));
        } else {
          Leftover started = running.get(pid);
          if (started != null && started.startTicks() == Long.parseLong(f[2].strip())) {
            running.remove(pid);
          }
        }
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("not a number: " + e.getMessage(), e);
      }
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
