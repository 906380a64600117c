package dev.netmark.shim.cni;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.netmark.shim.state.BootId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link RunningPlugins}: real processes standing in for the plugins a killed shim left running,
 * each in its own process group as {@link PluginProcess#spawn} starts them.
 */
class RunningPluginsTest {
  private static final List<String> ENV = List.of("PATH=/usr/bin:/bin");
  private static final Duration WAIT = Duration.ofSeconds(5);

  @TempDir Path dir;

  @Test
  void theStartTimeIsField22CountedAfterTheLastParenthesis() {
    ProcStat s =
        ProcStat.parse(
            "4242 (a (b) c) S 1 4240 4200 0 -1 4194304 90 0 0 0 0 0 0 0 20 0 1 0 987654 8 1 2 3");
    assertThat(s).isEqualTo(new ProcStat(4242, 'S', 4240, 4200, 987654));
    assertThat(s.running()).isTrue();
    assertThat(ProcStat.parse("7 (z) Z 1 7 7 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 5 0").running())
        .isFalse();
  }

  /** Writes the record of a running plugin into a shim's records directory. */
  private interface RecordWriter {
    void write(Path records, long pid, ProcStat stat) throws Exception;
  }

  @Test
  void aLeftoverPluginAndWhatItStartedAreKilled() throws Exception {
    aRecordedPluginAndWhatItStartedAreKilled(
        (records, pid, stat) -> writeRecord(records, pid, BootId.current(), stat));
  }

  @Test
  void aPluginInTheJournalIsKilledAndTheJournalGoes() throws Exception {
    aRecordedPluginAndWhatItStartedAreKilled(
        (records, pid, stat) ->
            Files.writeString(
                records.resolve(RunningPlugins.JOURNAL),
                RunningPlugins.Leftover.started(leftover(pid, BootId.current(), stat))));
  }

  private void aRecordedPluginAndWhatItStartedAreKilled(RecordWriter writer) throws Exception {
    try (PluginProcess p = spawnHanging()) {
      long child = waitForChild(p);
      Path records = Files.createDirectories(dir.resolve("plugins"));
      writer.write(records, p.pid(), ProcStat.of(p.pid()).orElseThrow());

      List<String> ended = RunningPlugins.endLeftovers(records, BootId.current(), WAIT);

      assertThat(ended).containsExactly("pid " + p.pid() + " (ADD hang of c0ffee)");
      assertThat(running(p.pid())).isFalse();
      assertThat(running(child)).isFalse();
      assertThat(records).isEmptyDirectory();
    }
  }

  @Test
  void aReusedPidIsNotKilled() throws Exception {
    try (PluginProcess p = spawnHanging()) {
      ProcStat now = ProcStat.of(p.pid()).orElseThrow();
      // The record is of an earlier process with the same pid: it started one tick before.
      ProcStat earlier =
          new ProcStat(now.pid(), now.state(), now.pgrp(), now.session(), now.startTicks() - 1);
      Path records = Files.createDirectories(dir.resolve("plugins"));
      writeRecord(records, p.pid(), BootId.current(), earlier);

      assertThat(RunningPlugins.endLeftovers(records, BootId.current(), WAIT)).isEmpty();
      assertThat(running(p.pid())).isTrue();
      assertThat(records).isEmptyDirectory();
    }
  }

  @Test
  void aRecordOfAnotherBootKillsNothing() throws Exception {
    try (PluginProcess p = spawnHanging()) {
      Path records = Files.createDirectories(dir.resolve("plugins"));
      writeRecord(records, p.pid(), "another-boot", ProcStat.of(p.pid()).orElseThrow());

      assertThat(RunningPlugins.endLeftovers(records, BootId.current(), WAIT)).isEmpty();
      assertThat(running(p.pid())).isTrue();
    }
  }

  @Test
  void aLoneProcessIsKilledAloneNotItsGroup() throws Exception {
    Path records = dir.resolve("plugins");
    RunningPlugins running = RunningPlugins.open(records, WAIT);
    // In this JVM's process group, as a traffic command is in the shim's.
    Process tool = new ProcessBuilder("sleep", "600").start();
    try {
      running.recordProcess(tool.pid(), "traffic sleep", "c2");

      List<String> ended = RunningPlugins.endLeftovers(records, BootId.current(), WAIT);

      assertThat(ended).containsExactly("pid " + tool.pid() + " (traffic sleep of c2)");
      assertThat(tool.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
      assertThat(ProcessHandle.current().isAlive()).isTrue(); // the group was spared
    } finally {
      tool.destroyForcibly();
    }
  }

  @Test
  void aPluginIsRecordedBeforeItReadsItsConfigAndDroppedOnceReaped() throws Exception {
    Path records = dir.resolve("plugins");
    RunningPlugins running = RunningPlugins.open(records, WAIT);
    // The plugin prints its own record once its stdin is read.
    Path plugin = script("reads", "cat >/dev/null; grep \"^+ $$ \" \"" + records + "/running\"");
    PluginInvoker invoker =
        new PluginInvoker(Duration.ofSeconds(20), 4096, ProcessStarter.direct(), running, Map.of());

    String out = invoker.run(plugin, Map.of("CNI_COMMAND", "ADD", "CNI_CONTAINERID", "c1"), "{}");

    assertThat(out).matches("\\+ \\d+ " + BootId.current() + " .* ADD reads c1\n");
    assertThat(RunningPlugins.recorded(records)).isEmpty();
  }

  @Test
  void theExitIsHandedOnBeforeTheRecordIsDroppedAndTheRecordIsGoneWhenItReturns() throws Exception {
    Path records = dir.resolve("plugins");
    RunningPlugins running = RunningPlugins.open(records, WAIT);
    Path plugin = script("quick", "cat >/dev/null; echo ok");
    PluginInvoker invoker =
        new PluginInvoker(Duration.ofSeconds(20), 4096, ProcessStarter.direct(), running, Map.of());
    List<RunningPlugins.Leftover> recordsAtExit = new ArrayList<>();

    long before = System.nanoTime();
    PluginInvoker.Output out =
        invoker.runTimed(
            plugin,
            Map.of("CNI_COMMAND", "ADD", "CNI_CONTAINERID", "c1"),
            "{}",
            exited -> recordsAtExit.addAll(recorded(records)));
    long after = System.nanoTime();

    // The ADD's end is the plugin's exit as the exchange saw it, and what starts there (the
    // probes) starts before the shim's own bookkeeping: the record is still there in the hook.
    assertThat(out.stdout()).isEqualTo("ok\n");
    assertThat(out.exitedNanos()).isGreaterThan(before).isLessThan(after);
    assertThat(recordsAtExit).hasSize(1);
    assertThat(RunningPlugins.recorded(records)).isEmpty();
  }

  @Test
  void whatTheExitHookThrowsIsThrownAfterTheRecordIsDropped() throws Exception {
    Path records = dir.resolve("plugins");
    RunningPlugins running = RunningPlugins.open(records, WAIT);
    Path plugin = script("garbled", "cat >/dev/null; echo not-json");
    PluginInvoker invoker =
        new PluginInvoker(Duration.ofSeconds(20), 4096, ProcessStarter.direct(), running, Map.of());

    assertThatThrownBy(
            () ->
                invoker.runTimed(
                    plugin,
                    Map.of("CNI_COMMAND", "ADD", "CNI_CONTAINERID", "c1"),
                    "{}",
                    exited -> {
                      throw new IllegalArgumentException("bad result: " + exited.stdout().strip());
                    }))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("bad result: not-json");
    assertThat(RunningPlugins.recorded(records)).isEmpty();
  }

  private static List<RunningPlugins.Leftover> recorded(Path dir) {
    try {
      return RunningPlugins.recorded(dir);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void theJournalDropsOnlyTheRecordWithTheSameStartAndSkipsATornLine() throws Exception {
    Path records = Files.createDirectories(dir.resolve("plugins"));
    String boot = BootId.current();
    Files.writeString(
        records.resolve(RunningPlugins.JOURNAL),
        RunningPlugins.Leftover.started(leftover(11, boot, new ProcStat(11, 'S', 11, 1, 500)))
            + RunningPlugins.Leftover.started(leftover(12, boot, new ProcStat(12, 'S', 12, 1, 600)))
            + RunningPlugins.Leftover.started(leftover(13, boot, new ProcStat(13, 'S', 13, 1, 700)))
            + RunningPlugins.Leftover.ended(11, 500)
            + RunningPlugins.Leftover.ended(12, 599) // an earlier process of pid 12
            + "+ 14 "
            + boot // a shim killed in the middle of this line
            + "\n"
            + RunningPlugins.Leftover.started(
                leftover(15, boot, new ProcStat(15, 'S', 15, 1, 800))));

    assertThat(RunningPlugins.recorded(records))
        .extracting(RunningPlugins.Leftover::pid)
        .containsExactly(12L, 13L, 15L);
  }

  @Test
  void aJournalOfEndedRecordsIsEmptiedAndOneThatKeepsRecordsIsRewritten() throws Exception {
    Path records = dir.resolve("plugins");
    Path journal = records.resolve(RunningPlugins.JOURNAL);
    long self = ProcessHandle.current().pid();
    try (RunningPlugins running = RunningPlugins.open(records, WAIT)) {
      for (int i = 0; Files.notExists(journal) || i < 2_000; i++) {
        running.recordProcess(self, "traffic sleep", "c" + i).close();
      }
      // Nothing runs: emptied as soon as it had grown past the threshold.
      assertThat(Files.size(journal)).isLessThan(RunningPlugins.EMPTY_AT_BYTES);

      RunningPlugins.Entry held = running.recordProcess(self, "traffic sleep", "held");
      for (int i = 0; i < 20_000; i++) {
        running.recordProcess(self, "traffic sleep", "c" + i).close();
      }
      // Something runs all along: rewritten with only that once it had grown past the threshold.
      assertThat(Files.size(journal)).isLessThan(RunningPlugins.REWRITE_AT_BYTES);
      assertThat(Files.readString(journal)).contains(" traffic sleep held\n");
      held.close();
    }
  }

  @Test
  void aRecordDroppedAfterTheJournalWasClosedIsDroppedInIt() throws Exception {
    Path records = dir.resolve("plugins");
    Path journal = records.resolve(RunningPlugins.JOURNAL);
    long self = ProcessHandle.current().pid();
    RunningPlugins running = RunningPlugins.open(records, WAIT);
    RunningPlugins.Entry held = running.recordProcess(self, "traffic sleep", "held");
    // Large enough to be emptied at the next drop that leaves nothing recorded.
    for (int i = 0; Files.size(journal) < RunningPlugins.EMPTY_AT_BYTES; i++) {
      running.recordProcess(self, "traffic sleep", "c" + i).close();
    }

    running.close(); // the shim closes while the held process is still being reaped
    held.close();

    assertThat(RunningPlugins.recorded(records)).isEmpty();
  }

  @Test
  void aFullDiskFailsTheRecordAndTheNextRecordIsReadBack() throws Exception {
    Path records = dir.resolve("plugins");
    Path journal = records.resolve(RunningPlugins.JOURNAL);
    long self = ProcessHandle.current().pid();
    try (RunningPlugins running = RunningPlugins.open(records, WAIT)) {
      running.recordProcess(self, "traffic first", "c1");
      running.close();
      Files.delete(journal);
      Files.createSymbolicLink(journal, Path.of("/dev/full")); // every write: ENOSPC
      assertThatThrownBy(() -> running.recordProcess(self, "traffic lost", "c2"))
          .isInstanceOf(java.io.IOException.class)
          .hasMessageContaining("No space left on device");
      running.close();
      Files.delete(journal);
      running.recordProcess(self, "traffic next", "c3");
    }

    assertThat(RunningPlugins.recorded(records))
        .extracting(RunningPlugins.Leftover::toString)
        .containsExactly("pid " + self + " (traffic next of c3)");
  }

  @Test
  void withoutARecordADelStillRunsAndAnAddIsRefused() throws Exception {
    Path records = dir.resolve("plugins");
    RunningPlugins running = RunningPlugins.open(records, WAIT);
    Files.delete(records); // every record now fails, as on a full disk
    PluginInvoker invoker =
        new PluginInvoker(Duration.ofSeconds(20), 4096, ProcessStarter.direct(), running, Map.of());
    Path plugin = script("ok", "cat >/dev/null; echo done");

    assertThat(invoker.run(plugin, Map.of("CNI_COMMAND", "DEL"), "{}")).isEqualTo("done\n");
    assertThatThrownBy(() -> invoker.run(plugin, Map.of("CNI_COMMAND", "ADD"), "{}"))
        .isInstanceOf(PluginFailure.class)
        .hasMessageContaining("cannot record the pid of " + plugin);
  }

  private PluginProcess spawnHanging() throws Exception {
    return PluginProcess.spawn(
        // Renamed into place: the test reads the file as soon as it exists (read while the shell
        // was still writing it, it was empty once in CI).
        script(
            "hang",
            "sleep 600 & echo $! >\"$0.part\"; mv \"$0.part\" \"$0.child\"; exec sleep 600"),
        ENV);
  }

  private Path script(String name, String body) throws Exception {
    Path p = dir.resolve(name);
    Files.writeString(p, "#!/bin/sh\n" + body + "\n");
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwx------"));
    return p;
  }

  private long waitForChild(PluginProcess p) throws Exception {
    Path file = dir.resolve("hang.child");
    for (int i = 0; i < 1000 && !Files.exists(file); i++) {
      Thread.sleep(10);
    }
    String text = Files.readString(file).strip();
    assertThat(ProcStat.of(Long.parseLong(text)).orElseThrow().pgrp()).isEqualTo(p.pid());
    return Long.parseLong(text);
  }

  /** A record as a shim from before the journal wrote it: a file named after the pid. */
  private static void writeRecord(Path records, long pid, String boot, ProcStat stat)
      throws Exception {
    Files.writeString(records.resolve(Long.toString(pid)), leftover(pid, boot, stat).format());
  }

  private static RunningPlugins.Leftover leftover(long pid, String boot, ProcStat stat) {
    return new RunningPlugins.Leftover(
        pid, boot, stat.startTicks(), stat.session(), true, "ADD hang", "c0ffee");
  }

  private static boolean running(long pid) {
    return ProcStat.of(pid).map(ProcStat::running).orElse(false);
  }
}
