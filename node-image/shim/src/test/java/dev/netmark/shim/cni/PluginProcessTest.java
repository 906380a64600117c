package dev.netmark.shim.cni;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link PluginProcess} and {@link PluginPipes}: real child processes, each case one behaviour. */
class PluginProcessTest {
  private static final List<String> ENV = List.of("PATH=/usr/bin:/bin", "NM_TEST=yes");

  @TempDir Path dir;

  private Path script(String name, String body) throws Exception {
    Path p = dir.resolve(name);
    Files.writeString(p, "#!/bin/sh\n" + body + "\n");
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwx------"));
    return p;
  }

  private static PluginPipes.Result exchange(PluginProcess p, byte[] in, int max, long millis)
      throws Exception {
    return PluginPipes.run(p, in, max, 4096, System.nanoTime() + millis * 1_000_000);
  }

  @Test
  void stdinComesBackOnStdoutEvenBeyondThePipeBuffers() throws Exception {
    byte[] big = "0123456789abcdef".repeat(40_000).getBytes(StandardCharsets.UTF_8); // 640 KB
    try (PluginProcess p = PluginProcess.spawn(script("echo", "exec cat"), ENV)) {
      PluginPipes.Result r = exchange(p, big, 1 << 21, 20_000);
      assertThat(r.ending()).isEqualTo(PluginPipes.Ending.EXITED);
      assertThat(p.exitValue()).isZero();
      assertThat(r.stdout()).hasSize(big.length).isEqualTo(new String(big, StandardCharsets.UTF_8));
    }
  }

  @Test
  void exitCodeAndTheTailOfStderr() throws Exception {
    Path fails =
        script(
            "fails",
            "i=0; while [ $i -lt 2000 ]; do echo line$i >&2; i=$((i+1)); done;"
                + " echo out; exit 3");
    try (PluginProcess p = PluginProcess.spawn(fails, ENV)) {
      PluginPipes.Result r = exchange(p, new byte[0], 1024, 20_000);
      assertThat(r.ending()).isEqualTo(PluginPipes.Ending.EXITED);
      assertThat(p.exitValue()).isEqualTo(3);
      assertThat(r.stdout()).isEqualTo("out\n");
      assertThat(r.stderr()).hasSize(4096).endsWith("line1999\n").doesNotContain("line0\n");
    }
  }

  @Test
  void theEnvironmentIsExactlyTheOneGiven() throws Exception {
    try (PluginProcess p = PluginProcess.spawn(Path.of("/usr/bin/env"), ENV)) {
      PluginPipes.Result r = exchange(p, new byte[0], 4096, 20_000);
      assertThat(r.stdout().lines().sorted().toList())
          .containsExactly("NM_TEST=yes", "PATH=/usr/bin:/bin");
    }
  }

  @Test
  void noDescriptorOfTheShimLeaksIntoThePlugin() throws Exception {
    Path marker = Files.writeString(dir.resolve("leak-marker"), "x");
    try (RandomAccessFile held = new RandomAccessFile(marker.toFile(), "r");
        PluginProcess p =
            PluginProcess.spawn(
                script("fds", "for f in /proc/$$/fd/*; do readlink \"$f\"; done"), ENV)) {
      PluginPipes.Result r = exchange(p, new byte[0], 65536, 20_000);
      assertThat(held.length()).isEqualTo(1);
      assertThat(r.stdout()).contains("pipe:").doesNotContain("leak-marker");
    }
  }

  @Test
  void aPluginPastTheDeadlineIsKilled() throws Exception {
    try (PluginProcess p = PluginProcess.spawn(script("hangs", "exec sleep 30"), ENV)) {
      long pid = p.pid();
      PluginPipes.Result r = exchange(p, new byte[0], 1024, 300);
      assertThat(r.ending()).isEqualTo(PluginPipes.Ending.TIMED_OUT);
      assertThat(ProcessHandle.of(pid)).isEmpty();
    }
  }

  @Test
  void stdoutBeyondTheBoundKillsThePlugin() throws Exception {
    try (PluginProcess p = PluginProcess.spawn(Path.of("/usr/bin/yes"), ENV)) {
      PluginPipes.Result r = exchange(p, new byte[0], 10_000, 20_000);
      assertThat(r.ending()).isEqualTo(PluginPipes.Ending.OUTPUT_TOO_LARGE);
      assertThat(r.stdout().length()).isGreaterThan(10_000);
    }
  }

  @Test
  void aChildHoldingTheOutputOpenEndsTheExchangeAtTheDeadline() throws Exception {
    try (PluginProcess p = PluginProcess.spawn(script("forks", "sleep 1 & echo started"), ENV)) {
      PluginPipes.Result r = exchange(p, new byte[0], 1024, 300);
      assertThat(r.ending()).isEqualTo(PluginPipes.Ending.OUTPUT_LEFT_OPEN);
      assertThat(r.stdout()).isEqualTo("started\n");
    }
    TimeUnit.MILLISECONDS.sleep(1200); // the orphaned sleep ends on its own
  }

  @Test
  void aDescendantHoldingTheOutputOpenIsKilledWithThePlugin() throws Exception {
    long orphan;
    try (PluginProcess p = PluginProcess.spawn(script("daemonizes", "sleep 600 &\necho $!"), ENV)) {
      PluginPipes.Result r = exchange(p, new byte[0], 1024, 300);
      assertThat(r.ending()).isEqualTo(PluginPipes.Ending.OUTPUT_LEFT_OPEN);
      orphan = Long.parseLong(r.stdout().strip());
    }
    // Before: the plugin was reaped, so nothing was killed and the sleep ran its 600 s.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (running(orphan) && System.nanoTime() < deadline) {
      TimeUnit.MILLISECONDS.sleep(10);
    }
    assertThat(running(orphan)).isFalse();
  }

  // Alive and not a zombie (a killed orphan waits for its new parent to reap it).
  private static boolean running(long pid) throws Exception {
    Path stat = Path.of("/proc", Long.toString(pid), "stat");
    if (!Files.exists(stat)) {
      return false;
    }
    try {
      String text = Files.readString(stat);
      return text.charAt(text.lastIndexOf(')') + 2) != 'Z';
    } catch (java.nio.file.NoSuchFileException e) {
      return false;
    }
  }

  @Test
  void aPluginThatIgnoresItsStdinStillEndsCleanly() throws Exception {
    try (PluginProcess p = PluginProcess.spawn(Path.of("/bin/true"), ENV)) {
      PluginPipes.Result r = exchange(p, new byte[1 << 20], 1024, 20_000);
      assertThat(r.ending()).isEqualTo(PluginPipes.Ending.EXITED);
      assertThat(p.exitValue()).isZero();
    }
  }

  @Test
  void aMissingBinaryIsNamedWithItsError() {
    Path missing = dir.resolve("no-such-plugin");
    PluginProcess.SpawnException e =
        catchThrowableOfType(
            PluginProcess.SpawnException.class, () -> PluginProcess.spawn(missing, ENV));
    assertThat(e.errno).isEqualTo(2);
    assertThat(e).hasMessageContaining(missing.toString()).hasMessageContaining("No such file");
  }

  @Test
  void aFileThatIsNotExecutableIsRefused() throws Exception {
    Path plain = Files.writeString(dir.resolve("plain"), "#!/bin/sh\n");
    PluginProcess.SpawnException e =
        catchThrowableOfType(
            PluginProcess.SpawnException.class, () -> PluginProcess.spawn(plain, ENV));
    assertThat(e.errno).isEqualTo(13);
    assertThat(e).hasMessageContaining("Permission denied");
  }
}
