package dev.netmark.engine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogFilesTest {
  private static final String INFO = "10:04:42.001 [pod-a] INFO dev.netmark.X - pod a running\n";
  private static final String WARN = "10:04:42.002 [main] WARN dev.netmark.Y - shim restarting\n";
  private static final String USER = "netmark: teardown did not finish in 150 s, exiting\n";
  private static final String TRACE =
      "java.lang.IllegalStateException: boom\n\tat dev.netmark.Y.run(Y.java:1)\n";

  @TempDir Path dir;

  private String run(LogLevel shown) throws Exception {
    PrintStream before = System.err;
    ByteArrayOutputStream terminal = new ByteArrayOutputStream();
    System.setErr(new PrintStream(terminal, true, StandardCharsets.UTF_8));
    try (LogFiles logs = LogFiles.redirect(dir.resolve("logs"), shown)) {
      System.err.print(INFO);
      System.err.print(WARN);
      System.err.print(TRACE);
      System.err.print(USER);
      System.err.flush();
    } finally {
      System.setErr(before);
    }
    return terminal.toString(StandardCharsets.UTF_8);
  }

  @Test
  void everythingGoesToTheFileAndOnlyTheEnginesWordsToTheTerminal() throws Exception {
    assertThat(run(null)).isEqualTo(USER);
    assertThat(Files.readString(dir.resolve("logs/netmark.log")))
        .isEqualTo(INFO + WARN + TRACE + USER);
  }

  @Test
  void theTerminalShowsLogLinesFromTheLevelButNeverStackTraces() throws Exception {
    assertThat(run(LogLevel.WARN)).isEqualTo(WARN + USER);
    assertThat(run(LogLevel.INFO)).isEqualTo(INFO + WARN + USER);
  }

  @Test
  void aRunThatLoggedNothingLeavesNoDirectoryBehind() throws Exception {
    Path report = dir.resolve("reports/r1");
    LogFiles.redirect(report.resolve("logs"), null).close();
    assertThat(dir.resolve("reports")).doesNotExist();
    Files.createDirectories(report);
    LogFiles.redirect(report.resolve("logs"), null).close();
    assertThat(report).isDirectory().isEmptyDirectory();
  }

  @Test
  void levelsAreReadFromLogLinesOnly() {
    assertThat(LogLevel.of(WARN)).isEqualTo(LogLevel.WARN);
    assertThat(LogLevel.of("[main] ERROR a.B - x")).isEqualTo(LogLevel.ERROR);
    assertThat(LogLevel.of("\tat dev.netmark.Y.run(Y.java:1)")).isNull();
    assertThat(LogLevel.of("[x] NOTICE y")).isNull();
  }

  @Test
  void debugAndTraceReachLoggingBeforeItStarts() {
    String key = "org.slf4j.simpleLogger.defaultLogLevel";
    String before = System.getProperty(key);
    try {
      System.clearProperty(key);
      Main.lowerLogLevel(new String[] {"run", "x.yaml", "--log-level", "warn"});
      assertThat(System.getProperty(key)).isNull();
      Main.lowerLogLevel(new String[] {"run", "x.yaml", "--log-level=DEBUG"});
      assertThat(System.getProperty(key)).isEqualTo("debug");
    } finally {
      if (before == null) {
        System.clearProperty(key);
      } else {
        System.setProperty(key, before);
      }
    }
  }
}
